// Generators for the fuzz tests: Markdown an editor might paste (real constructs, broken
// constructs, raw HTML, odd Unicode), front matter and manifests, valid and broken.
import fc from 'fast-check';
import YAML from 'yaml';

/** Pieces of Markdown, joined at random: enough structure to reach every handler. */
const PIECES = [
  '# ',
  '## ',
  '###### ',
  '#',
  '\n',
  '\n\n',
  '\n\n',
  ' ',
  '  \n',
  '    ',
  '\t',
  '> ',
  '>',
  '- ',
  '* ',
  '+ ',
  '1. ',
  '2) ',
  '10. ',
  '*',
  '**',
  '_',
  '__',
  '~~',
  '~',
  '`',
  '``',
  '```',
  '~~~',
  '```js\n',
  '---',
  '***',
  '___',
  '===',
  '|',
  '| a | b |\n|---|:-:|\n| 1 | 2 |\n',
  '[',
  ']',
  '(',
  ')',
  '![',
  '](',
  '[x]: https://example.org/ "T"\n',
  '[x]',
  '[^1]',
  '[^1]: a note\n',
  '[^n]',
  '<https://example.org/>',
  '<',
  '>',
  '&',
  '&amp;',
  '&#65;',
  '&#x1F600;',
  '&nbsp;',
  '&bogus;',
  '\\',
  '\\*',
  '"',
  "'",
  '--',
  '...',
  '<sup>',
  '</sup>',
  '<sub>x</sub>',
  '<em>',
  '</em>',
  '<b>bold</b>',
  '<kbd>K</kbd>',
  '<abbr title="t">A</abbr>',
  '<span lang="de">',
  '</span>',
  '<q>',
  '</q>',
  '<br>',
  '<br/>',
  '<!-- c -->',
  '<div>\n',
  '</div>\n',
  '<p>',
  '</p>',
  '<pre>',
  '</pre>',
  '<table><tr><td>',
  '</td></tr></table>',
  '<script>alert(1)</script>',
  '<style>p{}</style>',
  '<iframe src="https://example.com/">',
  '<img src=x onerror=alert(1)>',
  '<a href="javascript:alert(1)">',
  '<a href="https://example.org/">',
  '</a>',
  '<blink>',
  '<?php ?>',
  '<![CDATA[x]]>',
  '<!DOCTYPE x>',
  '[link](https://example.org/)',
  '[bad](javascript:alert(1))',
  '[rel](/path)',
  '![remote](https://example.com/x.png)',
  '![missing](nope.png)',
  '![up](../../etc/passwd)',
  '![abs](/etc/hostname)',
  'http://example.org',
  'word',
  'words and more words',
  'é',
  'ß',
  'İ',
  'ﬁ',
  '日本語',
  '中文',
  'العربية',
  'עברית',
  '😀',
  '👩‍👩‍👧',
  '\u0301',
  '\u00AD',
  '\u200B',
  '\u200D',
  '\uFEFF',
  '\u2028',
  '\u0000',
  '\u0007',
  '\u001B',
  '\uD800',
  '\uFFFE',
  '\r\n',
  '\r',
  // Links inside the edition, and the scripts and spacing of the twelve languages.
  '[up](#heading)',
  '[top](#)',
  '[other](02.md#x)',
  '[self](01.md)',
  '[bad](%zz)',
  '[out](../../x.md)',
  '[dup](#heading-1)',
  '한국어',
  '🌍',
  '\u00A0',
  '\u202F',
  ' ）',
  '（ ',
  '「',
  '」',
  '。',
  'w ',
  'z. B.',
  ' — ',
  ' : ',
  '« ',
  ' »',
  '<code>a : b ?</code>',
];

/** Random Markdown of up to `max` pieces, sometimes with random characters in between. */
export function markdown(max = 60): fc.Arbitrary<string> {
  return fc
    .array(fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...PIECES) }, { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }) }), {
      maxLength: max,
    })
    .map((parts) => parts.join(''));
}

/** Front matter: none, a valid one, or one of several broken ones. */
export const frontMatter: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .record({
        title: fc.string({ minLength: 1, maxLength: 30 }),
        deck: fc.option(fc.string({ maxLength: 30 })),
        byline: fc.option(fc.string({ maxLength: 30 })),
      })
      .map((fm) => `---\n${YAML.stringify(Object.fromEntries(Object.entries(fm).filter(([, v]) => v !== null)))}---\n\n`),
  },
  { weight: 1, arbitrary: fc.constant('') },
  { weight: 1, arbitrary: fc.constant('---\ntitle: [unclosed\n---\n\n') },
  { weight: 1, arbitrary: fc.constant('---\ntitle: T\nsubtitle: unknown key\n---\n\n') },
  { weight: 1, arbitrary: fc.constant('---\ntitle: 42\nlang: not a language!\n---\n\n') },
  { weight: 1, arbitrary: fc.string({ maxLength: 40 }).map((s) => `---\n${s}\n---\n\n`) },
);

/** An article: front matter and a body (titled by a heading when there is no front matter). */
export const article: fc.Arbitrary<string> = fc.tuple(frontMatter, markdown()).map(([fm, body]) => (fm ? `${fm}${body}\n` : `# Heading\n\n${body}\n`));

const LENGTH = fc.oneof(fc.integer({ min: 0, max: 200 }), fc.constantFrom('0.5in', '12mm', '10pt', '7.5pt', 'wide', '-3pt', '1e9in'));

/** A manifest object: mostly valid, sometimes with a broken field. */
export function manifest(articleFiles: string[]): fc.Arbitrary<Record<string, unknown>> {
  const valid = fc.record(
    {
      publication: fc.string({ minLength: 1, maxLength: 40 }),
      issue: fc.oneof(fc.string({ minLength: 1, maxLength: 10 }), fc.integer({ min: 0, max: 999 })),
      date: fc.constantFrom('2026-03-01', '1999-12-31', '2024-02-29'),
      dateline: fc.string({ maxLength: 20 }),
      language: fc.constantFrom('en', 'de', 'fr', 'ru', 'ja', 'pt-BR'),
      description: fc.string({ maxLength: 60 }),
      layout: fc.record(
        {
          preset: fc.constantFrom('magazine', 'tabloid'),
          page: fc.constantFrom('letter', 'a4', 'tabloid'),
          columns: fc.integer({ min: 1, max: 5 }),
          size: fc.constantFrom('9pt', '10pt', '12pt'),
          margins: fc.constantFrom('0.5in', '18mm', 36),
          'run-on': fc.boolean(),
        },
        { requiredKeys: [] },
      ),
      quotes: fc.record({ pt: fc.constantFrom('«»“”', '“”‘’'), de: fc.constantFrom('»«›‹', '„“‚‘') }, { requiredKeys: [] }),
      limits: fc.record({ nesting: fc.integer({ min: 1, max: 100 }), 'table-rows': fc.integer({ min: 1, max: 50 }) }, { requiredKeys: [] }),
    },
    { requiredKeys: ['publication', 'issue', 'date'] },
  );
  const broken = fc.constantFrom<[string, unknown]>(
    ['date', 'Fall 2011'],
    ['date', '2026-02-30'],
    ['issue', null],
    ['publication', ''],
    ['colour', 'red'],
    ['language', 'english!'],
    ['cover', '../outside.png'],
    ['cover', 'missing.png'],
    ['layout', { columns: 9 }],
    ['layout', { 'run-on': 'yes' }],
    ['quotes', { pt: '«»' }],
    ['quotes', { 'not a tag!': '“”‘’' }],
    ['layout', { margins: '5in', page: 'letter' }],
    ['layout', { size: 'huge' }],
    ['layout', { fonts: { body: { regular: '/etc/hostname' } } }],
    ['layout', { page: { width: 20, height: 20 } }],
    ['limits', { nesting: 0 }],
    ['limits', { 'article-size': '1TB' }],
    ['articles', []],
    ['articles', ['articles/missing.md']],
    ['articles', [{ file: 'articles/a1.md', department: 7 }]],
  );
  return fc.tuple(valid, fc.option(broken, { freq: 3 }), LENGTH).map(([m, br, gutter]) => {
    const out: Record<string, unknown> = { ...m, articles: articleFiles };
    if (m.layout && typeof gutter !== 'undefined' && Object.keys(m.layout).length % 2) out.layout = { ...(m.layout as object), gutter };
    if (br) out[br[0]] = br[1];
    return out;
  });
}

/** The YAML of a manifest, sometimes cut short or with a character thrown in. */
export function manifestText(m: Record<string, unknown>): fc.Arbitrary<string> {
  const text = YAML.stringify(m);
  return fc.oneof(
    { weight: 8, arbitrary: fc.constant(text) },
    { weight: 1, arbitrary: fc.nat({ max: text.length }).map((n) => text.slice(0, n)) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.nat({ max: text.length }), fc.constantFrom(':', '"', '\t', '[', '{', '- ', '\n  ', '&', '*a'))
        .map(([n, c]) => text.slice(0, n) + c + text.slice(n)),
    },
  );
}

/**
 * Well-formed XML (as the EPUB's documents must be): tags balanced, attributes quoted, only
 * the five named entities and character references, no character XML forbids. Returns the
 * problem, or undefined.
 */
export function xmlProblem(xml: string): string | undefined {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the characters XML 1.0 forbids are what this finds
  const bad = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.exec(xml);
  if (bad) return `character U+${bad[0].charCodeAt(0).toString(16)} at ${bad.index}`;
  const stack: string[] = [];
  const token =
    /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!DOCTYPE[^>]*>|<!\[CDATA\[[\s\S]*?\]\]>|<(\/?)([A-Za-z_][\w.:-]*)((?:\s+[A-Za-z_][\w.:-]*\s*=\s*"[^"<]*")*)\s*(\/?)>|<|&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9A-Fa-f]+);)/g;
  let m: RegExpExecArray | null;
  while ((m = token.exec(xml))) {
    if (m[0] === '<') return `a stray "<" at ${m.index}: ${xml.slice(m.index, m.index + 40)}`;
    if (m[0].startsWith('&')) return `a bare "&" at ${m.index}: ${xml.slice(m.index, m.index + 20)}`;
    if (!m[2]) continue;
    if (m[1]) {
      if (stack.pop() !== m[2]) return `</${m[2]}> closes nothing open at ${m.index}`;
    } else if (!m[4]) stack.push(m[2]);
  }
  return stack.length ? `<${stack[stack.length - 1]}> is never closed` : undefined;
}

/**
 * The scale dimension: one construct repeated or nested a number of times drawn around a
 * limit (just under, at, just over, far over) — nesting of quotes, lists, emphasis, links and
 * raw HTML; table rows and columns; markers in a paragraph; long words; many links and
 * definitions. Each with the limits it runs against, so a test can expect a refusal past them.
 */
export interface ScaledCase {
  what: string;
  n: number;
  article: string;
}

const around = (limit: number) => fc.constantFrom(1, Math.max(1, limit - 1), limit, limit + 1, limit * 4, limit * 30);

export const scaled: fc.Arbitrary<ScaledCase> = fc.oneof(
  around(32).map((n) => ({ what: 'nested quotes', n, article: `# T\n\n${'> '.repeat(n)}deep\n` })),
  around(32).map((n) => ({ what: 'nested lists', n, article: `# T\n\n${Array.from({ length: n }, (_, i) => `${'  '.repeat(i)}- item`).join('\n')}\n` })),
  around(32).map((n) => ({ what: 'nested emphasis', n, article: `# T\n\n${'*a '.repeat(n)}x${' a*'.repeat(n)}\n` })),
  around(32).map((n) => ({ what: 'nested links', n, article: `# T\n\n${'['.repeat(n)}x${'](https://example.org)'.repeat(n)}\n` })),
  fc
    .tuple(fc.constantFrom('blockquote', 'div', 'b', 'span', 'q', 'ul', 'em'), around(32))
    .map(([tag, n]) => ({ what: `nested <${tag}>`, n, article: `# T\n\n<div>\n${`<${tag}>`.repeat(n)}deep${`</${tag}>`.repeat(n)}\n</div>\n` })),
  around(1000).map((n) => ({ what: 'markers in a paragraph', n, article: `# T\n\n${'*a '.repeat(n)}\n` })),
  around(1000).map((n) => ({ what: 'markers in a quote', n, article: `# T\n\n${'> *a\n'.repeat(n)}` })),
  around(40).map((n) => ({ what: 'table columns', n, article: `# T\n\n|${' h |'.repeat(n)}\n|${' - |'.repeat(n)}\n|${' c |'.repeat(n)}\n` })),
  around(2000).map((n) => ({ what: 'table rows', n, article: `# T\n\n| a | b |\n|---|---|\n${'| 1 | 2 |\n'.repeat(n)}` })),
  fc.constantFrom(100, 10_000, 100_000).map((n) => ({ what: 'a long word', n, article: `# T\n\n${'x'.repeat(n)}\n` })),
  fc.constantFrom(100, 2000).map((n) => ({
    what: 'a list of links',
    n,
    article: `# T\n\n${Array.from({ length: n }, (_, i) => `- [link ${i}](https://example.org/${i})`).join('\n')}\n`,
  })),
  fc.constantFrom(100, 5000).map((n) => ({
    what: 'reference definitions',
    n,
    article: `# T\n\n[a0] text\n\n${Array.from({ length: n }, (_, i) => `[a${i}]: https://example.org/${i}`).join('\n')}\n`,
  })),
);

/**
 * The path dimension: what stands at an input's path (a file, a symlink inside or outside the
 * edition, a FIFO, a device, a folder, nothing) and where the output goes (its own folder,
 * the edition, inside it, the current folder by an empty path, a file, /proc).
 */
export type InputKind = 'file' | 'symlink-inside' | 'symlink-outside' | 'fifo' | 'device' | 'folder' | 'missing';
export type OutputKind = 'fresh' | 'with-user-files' | 'edition' | 'inside-edition' | 'empty' | 'a-file' | 'proc';
export interface PathCase {
  /** Which input stands oddly: the manifest itself, an article, an image, a template. */
  input: 'manifest' | 'article' | 'image' | 'template';
  kind: InputKind;
  out: OutputKind;
}

export const pathCase: fc.Arbitrary<PathCase> = fc.record({
  input: fc.constantFrom('manifest', 'article', 'image', 'template'),
  kind: fc.constantFrom('file', 'symlink-inside', 'symlink-outside', 'fifo', 'device', 'folder', 'missing'),
  out: fc.constantFrom('fresh', 'with-user-files', 'edition', 'inside-edition', 'empty', 'a-file', 'proc'),
});
