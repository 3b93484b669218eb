// Code blocks highlighted by their fence's language (issue 11): the code as lines of tokens
// with a few styles (src/model/highlight.ts), set by the PDF in the bold and italic faces of
// the mono family and by the EPUB as spans. The text is never changed, only styled.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { deserialize } from 'node:v8';
import fc from 'fast-check';
import { pressColor } from '../../src/backends/pdf/press-color.js';
import { clearMemos } from '../../src/cache/memos.js';
import {
  adoptHighlights,
  highlightCode,
  highlightLanguage,
  highlightsKept,
  loadHighlighter,
  loadHighlighterFor,
  MAX_PIECE,
  type Token,
} from '../../src/model/highlight.js';
import type { TextItem } from '../../src/pages/page.js';
import type { BlockContext } from '../../src/typeset/page/block-context.js';
import { codeElements, TOKEN_LOOKS } from '../../src/typeset/page/code.js';
import { charWidth } from '../../src/typeset/text/paragraph.js';
import { codeColumn, context } from '../support/paragraph.js';

/** A line as `[style:text]` for what is not plain: `[keyword:func] main() {`. */
const show = (line: readonly Token[]) => line.map((t) => (t.style === 'plain' ? t.text : `[${t.style}:${t.text}]`)).join('');
const shown = (text: string, lang?: string) => highlightCode(text, lang).map(show);
/** Half of a surrogate pair without the other half. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const joined = (lines: readonly (readonly Token[])[]) => lines.map((l) => l.map((t) => t.text).join('')).join('\n');

const GO = 'package main\n\n// Greet says hello.\nfunc Greet(name string) string {\n\treturn "hi " + name // inline\n}\n';

// The highlighter is loaded by the build only for an issue with a language to highlight.
before(loadHighlighter);

describe('loading the highlighter', () => {
  it('is needed only by an issue with a code block that names a language', async () => {
    const pos = { file: 'a.md', line: 1, column: 1 };
    const issueWith = (lang: string | undefined) => ({
      articles: [{ blocks: [{ kind: 'code-block' as const, text: 'x = 1', lang, pos }], footnotes: [] }],
    });
    // Resolves at once, loading nothing, when no block names a language (or names plain text).
    await loadHighlighterFor(issueWith(undefined) as never);
    await loadHighlighterFor(issueWith('text') as never);
    await loadHighlighterFor(issueWith('go') as never);
    assert.equal(highlightLanguage('go'), 'go');
  });
});

describe('highlighting code by its language', () => {
  it('marks keywords, comments, strings, literals, types and names (Go)', () => {
    assert.deepEqual(shown(GO, 'go'), [
      '[keyword:package] main',
      '',
      '[comment:// Greet says hello.]',
      '[keyword:func] [name:Greet](name [type:string]) [type:string] {',
      '\t[keyword:return] [string:"hi "] + name [comment:// inline]',
      '}',
      '',
    ]);
  });

  it('reads Rust, Python, JavaScript and shell', () => {
    assert.deepEqual(shown('fn main() {\n    let n = 42; // answer\n}', 'rust'), [
      '[keyword:fn] [name:main]() {',
      '    [keyword:let] [name:n] = [literal:42]; [comment:// answer]',
      '}',
    ]);
    assert.deepEqual(shown('def f(x):\n    """Doc."""\n    return None  # done', 'python'), [
      '[keyword:def] [name:f](x):',
      '    [string:"""Doc."""]',
      '    [keyword:return] [literal:None]  [comment:# done]',
    ]);
    // A template string's `${…}` is code again.
    assert.deepEqual(shown(`const s = \`a \${b + 1}\`;`, 'js'), [`[keyword:const] s = [string:\`a ]\${b + [literal:1]}[string:\`];`]);
    assert.deepEqual(shown('# list\nfor f in *.md; do echo "$f"; done', 'sh'), [
      '[comment:# list]',
      '[keyword:for] f [keyword:in] *.md; [keyword:do] [type:echo] [string:"][name:$f][string:"]; [keyword:done]',
    ]);
  });

  it('takes the language in any case and by any of its names', () => {
    for (const lang of ['go', 'Go', 'GOLANG', ' go ']) assert.equal(show(highlightCode('func f() {}', lang)[0]), '[keyword:func] [name:f]() {}', lang);
    assert.equal(highlightLanguage('py'), 'py');
    assert.equal(highlightLanguage('JavaScript'), 'javascript');
  });

  it('leaves plain a block with no language (no guessing), plain text, and a language no grammar knows', () => {
    for (const lang of [undefined, '', 'text', 'txt', 'plaintext', 'mermaid', 'dockerfile', 'constructor', '__proto__', 'no such']) {
      assert.equal(highlightLanguage(lang), undefined, String(lang));
      assert.deepEqual(
        highlightCode(GO, lang),
        GO.split('\n').map((l) => (l ? [{ text: l, style: 'plain' }] : [])),
        String(lang),
      );
    }
  });

  it('keeps the text exactly: one line per line, tokens neither empty nor split needlessly', () => {
    const langs = ['go', 'rust', 'python', 'javascript', 'bash', 'c', 'cpp', 'css', 'html', 'json', 'yaml', 'sql', 'diff', 'markdown', 'ini', undefined];
    const pieces = [...'abcfnrtx019 \t\n"\'`#/*(){}[]<>$.,;:=+-\\@!?|&%~^é', '💡', 'if ', 'for ', 'return ', '//', '/*', '*/', '"""', `\${`, '<!--', '-->'];
    const code = fc.array(fc.constantFrom(...pieces), { maxLength: 150 }).map((p) => p.join(''));
    fc.assert(
      fc.property(code, fc.constantFrom(...langs), (text, lang) => {
        const lines = highlightCode(text, lang);
        assert.equal(lines.length, text.split('\n').length);
        assert.equal(joined(lines), text);
        for (const line of lines)
          line.forEach((t, i) => {
            assert.ok(t.text.length > 0, 'no empty token');
            assert.ok(i === 0 || line[i - 1].style !== t.style, 'neighbours differ in style');
          });
      }),
      { numRuns: 300, seed: 20261205 },
    );
  });

  it('gives the same tokens every time, memo or none', () => {
    const first = JSON.stringify(highlightCode(GO, 'go'));
    assert.equal(JSON.stringify(highlightCode(GO, 'go')), first);
    clearMemos();
    assert.equal(JSON.stringify(highlightCode(GO, 'go')), first);
  });

  it('highlights a block longer than a piece as if whole, cutting between top-level lines', () => {
    const fn = (i: number) => `/* Step ${i}. */\nfunction step${i}(x) {\n  // add\n  return x + "${i}";\n}\n\n`;
    const text = Array.from({ length: 120 }, (_, i) => fn(i)).join('');
    assert.ok(text.length > 3 * MAX_PIECE);
    const lines = highlightCode(text, 'js').map(show);
    assert.equal(joined(highlightCode(text, 'js')), text);
    for (let i = 0; i < 120; i++) {
      assert.deepEqual(lines.slice(6 * i, 6 * i + 5), [
        `[comment:/* Step ${i}. */]`,
        `[keyword:function] [name:step${i}](x) {`,
        '  [comment:// add]',
        `  [keyword:return] x + [string:"${i}"];`,
        '}',
      ]);
    }
  });

  it('never splits a surrogate pair at a cut, in a line longer than a piece', () => {
    for (let at = MAX_PIECE - 3; at <= MAX_PIECE + 1; at++) {
      const text = `${'x'.repeat(at)}💡 = "${'💡'.repeat(MAX_PIECE)}" // ${'é'.repeat(MAX_PIECE)}`;
      const lines = highlightCode(text, 'js');
      assert.equal(joined(lines), text);
      for (const t of lines.flat()) assert.doesNotMatch(t.text, LONE_SURROGATE, `a whole code point at each token's ends (${at})`);
    }
  });

  it('takes time linear in the length of hostile code (quadratic in a grammar when whole)', () => {
    // 100 kB of `a a a …` as C: some 250 s if highlighted whole, a few seconds in pieces.
    const text = `${'a '.repeat(50_000)}\n`;
    const started = performance.now();
    assert.equal(joined(highlightCode(text, 'c')), text);
    const seconds = (performance.now() - started) / 1000;
    assert.ok(seconds < 30, `${seconds.toFixed(1)} s`);
  });
});

describe('a highlighted code block in print', () => {
  const ctx = context();
  const pos = { file: 'articles/07-code.md', line: 3, column: 1 };
  const column = (chars: number): BlockContext => codeColumn(ctx, chars);
  const texts = (els: ReturnType<typeof codeElements>) => els.map((e) => e.items.filter((i): i is TextItem => i.kind === 'text'));

  it('sets keywords in the bold face, comments in the italic, each run where the last ended', () => {
    const [line] = texts(codeElements(column(60), 'func main() { // go\n', pos, 0, 'go'));
    assert.deepEqual(
      line.map((r) => [r.text, r.font, r.color]),
      [
        ['func ', 'mono:bold', TOKEN_LOOKS.keyword.color],
        ['main', 'mono:regular', TOKEN_LOOKS.name.color],
        ['() { ', 'mono:regular', ctx.scale.colors.text],
        ['// go', 'mono:italic', TOKEN_LOOKS.comment.color],
      ],
    );
    for (let i = 1; i < line.length; i++) assert.ok(Math.abs(line[i].x - (line[i - 1].x + line[i - 1].width)) < 1e-9, 'end to end');
    for (const r of line) {
      // Measured in the face it is drawn in (and embedded from that face's file).
      const w = [...r.text].reduce((sum, ch) => sum + charWidth(ctx, r.font, ch, r.size), 0);
      assert.ok(Math.abs(r.width - w) < 1e-9, r.text);
      assert.equal(r.file, ctx.fonts.file(r.font));
    }
  });

  it('sets a block with no language as before: one regular run a line', () => {
    const lines = texts(codeElements(column(60), '  func main() { // go\n\treturn\n', pos, 0));
    assert.deepEqual(
      lines.map((l) => l.map((r) => [r.text, r.font])),
      [[['  func main() { // go', 'mono:regular']], [['    return', 'mono:regular']]],
    );
  });

  it('breaks a long line where it broke before, the styles following the characters across the break', () => {
    const code = 'if total > limit { return fmt.Errorf("over the limit by %d units", total-limit) } // never reached in practice';
    const plain = texts(codeElements(column(40), code, pos, 0));
    const styled = texts(codeElements(column(40), code, pos, 0, 'go'));
    assert.ok(plain.length >= 3, `${plain.length} lines`);
    const lineOf = (runs: TextItem[]) => runs.map((r) => r.text).join('');
    assert.deepEqual(styled.map(lineOf), plain.map(lineOf), 'the same pieces');
    assert.deepEqual(
      styled.map((l) => l[0].x),
      plain.map((l) => l[0].x),
      'the same indents',
    );
    // The string and the comment go on over their breaks in their colour and face.
    const runs = styled.flat();
    assert.equal(
      runs
        .filter((r) => r.color === TOKEN_LOOKS.string.color)
        .map((r) => r.text)
        .join(' '),
      '"over the limit by %d units"',
    );
    assert.equal(
      runs
        .filter((r) => r.font === 'mono:italic')
        .map((r) => r.text)
        .join(' '),
      '// never reached in practice',
    );
    assert.ok(styled.filter((l) => l.some((r) => r.color === TOKEN_LOOKS.string.color)).length >= 2, 'a string across a break');
    assert.ok(styled.filter((l) => l.some((r) => r.font === 'mono:italic')).length >= 2, 'a comment across a break');
  });
});

describe('the colours of highlighted code in the press PDF', () => {
  it('are all dark enough to print solid black, in gray and in CMYK, like any text', () => {
    for (const [style, look] of Object.entries(TOKEN_LOOKS)) {
      if (!look.color) continue;
      assert.deepEqual(pressColor(look.color, 'text', 'gray'), { space: 'gray', gray: 0 }, style);
      assert.deepEqual(pressColor(look.color, 'text', 'cmyk'), { space: 'cmyk', c: 0, m: 0, y: 0, k: 1 }, style);
    }
    // So the faces carry the difference: keywords bold, comments italic.
    assert.equal(TOKEN_LOOKS.keyword.face, 'bold');
    assert.equal(TOKEN_LOOKS.comment.face, 'italic');
  });
});

describe('highlighted blocks handed to the next process', () => {
  const go = 'func main() {\n\t// greet\n\tfmt.Println("hi")\n}';

  it('give the same lines there', async () => {
    await loadHighlighter();
    clearMemos();
    const lines = highlightCode(go, 'Go');
    const kept = highlightsKept();
    assert.ok(kept);
    clearMemos();
    adoptHighlights(kept);
    assert.deepEqual(highlightCode(go, 'go'), lines, 'by the fence’s language as a grammar is named');
  });

  it('are those asked for since the last hand-on', async () => {
    await loadHighlighter();
    clearMemos();
    highlightCode(go, 'go');
    highlightCode('print(1)', 'python');
    highlightsKept();
    highlightCode(go, 'go');
    const next = deserialize(highlightsKept()!) as Map<string, unknown>;
    assert.deepEqual([...next.keys()], [`go\u0000${go}`]);
    assert.equal(highlightsKept(), undefined, 'nothing asked for since');
  });

  it('drop what is not a map of lines of tokens', () => {
    clearMemos();
    adoptHighlights(Buffer.from('nonsense'));
    assert.equal(highlightsKept(), undefined);
  });
});
