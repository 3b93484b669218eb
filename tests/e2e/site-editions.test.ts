// Articles from websites (issue 11): five editions of posts taken byte for byte from the
// repositories of real websites (tests/fixtures/site-editions, with their licences): the
// Homebrew blog, Jekyll's own news and bitcoincore.org, Jekyll sites; the OpenTelemetry blog,
// a Hugo site of page bundles; This Week in Rust, a Pelican site. Each is built as it is, from the sources
// (as page-makeup.test.ts builds). Pressroom must read every post untouched: the build ends
// without error, warns (build and press preflight) only where a post holds something that
// cannot print (listed below, each with why), and the issue PDF (read column by column) and
// the EPUB carry every paragraph of every post in order, every code line as written, every
// figure, and none of the site's own markup as text. The PDFs pass qpdf with their fonts
// embedded; the EPUB passes epubcheck with no error and no warning.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import JSZip from 'jszip';
import type { Nodes, Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { parse as parseYaml } from 'yaml';
import { buildEdition } from '../../src/build.js';
import { type Diagnostic, formatDiagnostic } from '../../src/diagnostics/diagnostic.js';
import { assertSoundPdf, epubcheck, pdfText, requireValidators } from '../support/validators.js';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/site-editions');

/** A warning the edition is expected to give: its code, the file (and line) it names, and why it cannot be helped. */
interface ExpectedWarning {
  /** The code, or the codes any of which may say it. */
  code: string | string[];
  file: string;
  /** The line, or the first and last lines of a passage, the warning names; any line of the file when absent. */
  line?: number | [number, number];
  why: string;
  /** Allowed, not required (a warning a later reading of the syntax may spare). */
  optional?: boolean;
}

function expects(e: ExpectedWarning, w: { code: string; file?: string; line?: number }): boolean {
  const codes = typeof e.code === 'string' ? [e.code] : e.code;
  const [first, last] = e.line === undefined ? [-Infinity, Infinity] : typeof e.line === 'number' ? [e.line, e.line] : e.line;
  return codes.includes(w.code) && e.file === w.file && (w.line ?? 0) >= first && (w.line ?? 0) <= last;
}

interface SiteEdition {
  name: string;
  /** Figures of the posts: raster images (PNG, JPEG) and SVG drawings. */
  figures: { raster: number; svg: number };
  warnings: ExpectedWarning[];
}

/**
 * What the press PDF's preflight says of a web page's pictures: they are RGB (the press PDF is
 * one-colour, so they are converted to gray) and most are made for a screen (150 ppi where a
 * press wants 250 or more). Both are facts of the post's images, which are kept as they are.
 */
const webImages = (file: string): ExpectedWarning[] => [
  { code: 'preflight/rgb', file, why: 'a web page’s pictures are RGB; the press PDF is gray' },
  { code: 'preflight/low-resolution', file, why: 'a web page’s pictures are made for a screen, not for 250 ppi in print' },
];

/** The press PDF is padded with blank pages to a multiple of 4 pages: the press's, not the posts'. */
const PADDED: ExpectedWarning = { code: 'preflight/padded', file: 'edition.yaml', why: 'a printed issue has a multiple of 4 pages' };

const EDITIONS: SiteEdition[] = [
  {
    // Jekyll: YAML front matter (title, author; the date in the file name), root-relative
    // images (/assets/img/blog/…), a `{% post_url %}` to another post of the edition.
    name: 'homebrew-blog',
    figures: { raster: 3, svg: 0 },
    warnings: [
      {
        code: 'article/unknown-keys',
        file: '_posts/2022-09-07-homebrew-3.6.0.md',
        line: 4,
        why: '`redirect_from: /blog/3.6.0/` is an old web address of the post: nothing to print',
      },
      ...webImages('_posts/2019-06-14-homebrew-maintainer-meeting.md'),
      PADDED,
    ],
  },
  {
    // Hugo: page bundles (index.md beside its images), a `{{< figure >}}` shortcode of an SVG
    // drawing, a GitHub alert (`> [!NOTE]`), a row of three screenshots in one paragraph
    // (two on a line, one on the next), four single PNGs, links to the site's own pages
    // (/docs/…), reference links, YAML code blocks, an HTML <video>.
    name: 'opentelemetry-blog',
    figures: { raster: 7, svg: 1 },
    warnings: [
      ...['articles/k8s-metadata/index.md', 'articles/observing-lambdas/index.md', 'articles/android-road-to-stable/index.md'].map((file) => ({
        code: 'article/unknown-keys',
        file,
        why: '`linkTitle` (the menu title), `sig`, `issue` (the site’s editorial bookkeeping) and `cSpell:ignore` (the spelling checker’s list) mean nothing in print',
      })),
      {
        code: 'markdown/raw-html',
        file: 'articles/observing-lambdas/index.md',
        line: 111,
        why: 'a <video> (its .webm file is not part of the edition) cannot be printed',
      },
      ...webImages('articles/k8s-metadata/index.md'),
      ...webImages('articles/android-road-to-stable/index.md'),
      PADDED,
    ],
  },
  {
    // Pelican: header lines (Title:, Date: with a time, Category:), an HTML comment
    // (`<!-- more -->`), an `&nbsp;`, code blocks, lists.
    name: 'this-week-in-rust',
    figures: { raster: 0, svg: 0 },
    warnings: [PADDED],
  },
  {
    // Jekyll's own news (jekyllrb.com): `{% highlight ruby %}` code blocks, `{% raw %}` around
    // fenced code that shows Liquid, links whose address is a Liquid filter of a site path
    // (`{{ "/docs/themes/#assets" | relative_url }}`), `version` and `category` front matter.
    // `{% raw %}` stands for nothing in print (its content is printed as it is); a highlight
    // block is code; `relative_url` of a written path is that path on the site: none of them
    // is something that cannot print.
    name: 'jekyll-news',
    figures: { raster: 0, svg: 0 },
    warnings: [
      ...['_posts/2014-03-27-jekyll-1-5-1-released.markdown', '_posts/2016-10-06-jekyll-3-3-is-here.md'].map((file) => ({
        code: 'article/unknown-keys',
        file,
        line: 5,
        why: '`version` (the release the post announces) means nothing in print',
      })),
      PADDED,
    ],
  },
  {
    // Jekyll with kramdown (bitcoincore.org): `<details markdown="1">` inside list items,
    // `{% include references.md %}` (the site's shared link definitions, which the contribute
    // page's `[issues][issues]` and `[#bitcoin-core-dev]` need), `{% include toc.html %}`, a
    // Liquid loop building the list of past advisories from the site's posts, links to the
    // site's own pages (/en/…), front matter of the site's own (permalink, id, type, version…).
    name: 'bitcoin-core',
    figures: { raster: 0, svg: 0 },
    warnings: [
      ...['_posts/en/pages/2024-06-26-security-advisories.md', '_posts/en/pages/2016-01-01-contribute.md'].map((file) => ({
        code: 'article/unknown-keys',
        file,
        line: 3,
        why: '`name`, `id`, `permalink`, `layout`, `type`, `version`, `redirect_from`: the web page’s own bookkeeping',
      })),
      {
        code: ['markdown/site-syntax', 'markdown/include'],
        file: '_posts/en/pages/2024-06-26-security-advisories.md',
        line: 11,
        why: '`{% include toc.html %}` is the web page’s table of contents (kramdown’s `{:toc}`): a printed article has none',
      },
      {
        code: ['markdown/site-syntax', 'markdown/raw-html', 'link/unresolved'],
        file: '_posts/en/pages/2024-06-26-security-advisories.md',
        line: [117, 124],
        why: 'the list of past advisories is a Liquid loop over the site’s posts (`{% for advisory in advisories %}` …): the site makes it when it builds',
      },
      {
        code: 'markdown/raw-html',
        file: '_posts/en/pages/2024-06-26-security-advisories.md',
        line: [26, 100],
        why: '`<details>` and `<summary>`, a disclosure box of the web page: its text is printed, open',
        optional: true,
      },
      // Its two pages of posts may fill the issue to a multiple of 4 pages as they are.
      { ...PADDED, optional: true },
    ],
  },
];

/** Markup of a site that must never be printed as text (unless a post's code shows it). */
const RAW_MARKUP = ['{{<', '{{%', '{{ ', '{%', '[!NOTE]', '[!TIP]', '[!IMPORTANT]', '[!WARNING]', '[!CAUTION]', 'markdown="1"', '](', '][', '{:'];

// --- the posts as plain text --------------------------------------------------------------

/** The body of a post without its front matter: YAML (---), TOML (+++) or header lines (Title: …). */
function bodyOf(source: string): string {
  const fenced = /^(---|\+\+\+)[ \t]*\r?\n[\s\S]*?\r?\n\1[ \t]*(?:\r?\n|$)/.exec(source);
  if (fenced) return source.slice(fenced[0].length);
  if (/^title:/i.test(source)) {
    const end = source.search(/\r?\n[ \t]*\r?\n/);
    return end < 0 ? '' : source.slice(end);
  }
  return source;
}

/** Site syntax (shortcodes, Liquid tags, template variables) that stands for something else. */
const SITE_SYNTAX = /\{\{<[\s\S]*?>\}\}|\{\{%[\s\S]*?%\}\}|\{%[\s\S]*?%\}|\{\{[\s\S]*?\}\}/g;
/** The marker opening a GitHub alert. */
const ALERT = /^\s*\[!(NOTE|TIP|IMPORTANT|WARNING|CAUTION)\]/;

interface PostText {
  /** The prose, one entry per paragraph, heading, list item's paragraph or table cell. */
  paragraphs: string[];
  /** The code blocks, as written. */
  blocks: string[];
  /** Text of the code (blocks and inline), where markup may be the author's example. */
  code: string;
  /** The links, with their address as written (the site's Liquid for an address resolved as the site does). */
  links: { text: string; url: string }[];
}

/**
 * What a Jekyll site makes of Liquid in an address when it builds: `{{ "/docs/x" | relative_url }}`
 * is the path, `{% post_url 2022-09-07-name %}` the post, `{% link _posts/x.md %}` the file.
 */
function siteAddresses(body: string, editionDir: string): string {
  // Outside fenced code: there, Liquid is the author's example.
  return body
    .split(/(^(?:```|~~~)[^\n]*\n[\s\S]*?^(?:```|~~~)[ \t]*$)/m)
    .map((part, k) => (k % 2 ? part : resolveLiquidAddresses(includes(part, editionDir))))
    .join('');
}

/**
 * `{% include name.md %}` as Jekyll reads it: the file `_includes/name.md` of the site, in the
 * post's place (here, the edition's `_includes/`). An HTML include (a table of contents, a
 * widget of the web page) has nothing to print: it stands for nothing here.
 */
function includes(body: string, editionDir: string): string {
  return body.replace(/\{%-?\s*include\s+(\S+)[^%]*-?%\}/g, (_m, name: string) => {
    const file = path.join(editionDir, '_includes', name);
    return /\.(md|markdown)$/.test(name) && existsSync(file) ? simpleLiquid(readFileSync(file, 'utf8')) : '';
  });
}

/** The Liquid a Markdown include may hold that means the same everywhere: comments, a string assigned and its variable. */
function simpleLiquid(text: string): string {
  const values = new Map<string, string>();
  return text
    .replace(/\{%-?\s*comment\s*-?%\}[\s\S]*?\{%-?\s*endcomment\s*-?%\}\n?/g, '')
    .replace(/\{%-?\s*assign\s+(\w+)\s*=\s*(["'])([^"']*)\2\s*-?%\}\n?/g, (_m, name: string, _q, value: string) => {
      values.set(name, value);
      return '';
    })
    .replace(/\{\{-?\s*(\w+)\s*-?\}\}/g, (m, name: string) => values.get(name) ?? m);
}

function resolveLiquidAddresses(body: string): string {
  return body
    .replace(/\{\{-?\s*(["'])([^"']*)\1\s*\|\s*(?:relative_url|absolute_url)\s*-?\}\}/g, '$2')
    .replace(/\{%-?\s*post_url\s+(\S+)\s*-?%\}/g, '$1.md')
    .replace(/\{%-?\s*link\s+(\S+)\s*-?%\}/g, '$1');
}

/** Jekyll's `{% highlight lang %}` … `{% endhighlight %}`: a code block, as the site prints it. */
const HIGHLIGHT = /^\{%-?\s*highlight\s+(\S+)[^%]*%\}[ \t]*\r?\n([\s\S]*?)^\{%-?\s*endhighlight\s*-?%\}[ \t]*$/gm;

function postText(file: string, editionDir: string): PostText {
  const body = siteAddresses(bodyOf(readFileSync(file, 'utf8')), editionDir).replace(
    HIGHLIGHT,
    (_m, lang: string, code: string) => `\`\`\`${lang}\n${code}\`\`\`\n`,
  );
  const tree = unified().use(remarkParse).use(remarkGfm).parse(body) as Root;
  const definitions = new Map<string, string>();
  const links: PostText['links'] = [];
  const visit = (n: Nodes, f: (n: Nodes) => void) => {
    f(n);
    if ('children' in n) for (const c of n.children as Nodes[]) visit(c, f);
  };
  visit(tree, (n) => {
    if (n.type === 'definition') definitions.set(n.identifier, n.url);
  });
  const paragraphs: string[] = [];
  const blocks: string[] = [];
  let code = '';
  const inline = (n: Nodes): string => {
    switch (n.type) {
      case 'text':
        return n.value;
      case 'inlineCode':
        code += `${n.value}\n`;
        return n.value;
      case 'break':
        return ' ';
      case 'image':
      case 'imageReference':
      case 'html':
      case 'footnoteReference':
        return '';
      default:
        return 'children' in n ? (n.children as Nodes[]).map(inline).join('') : '';
    }
  };
  const block = (n: Nodes): void => {
    switch (n.type) {
      case 'paragraph':
      case 'heading':
      case 'tableCell': {
        const text = inline(n).replace(SITE_SYNTAX, ' ').replace(ALERT, ' ').trim();
        if (/[\p{L}\p{N}]/u.test(text)) paragraphs.push(text);
        return;
      }
      case 'code':
        blocks.push(n.value);
        code += `${n.value}\n`;
        return;
      case 'html':
        return;
      case 'footnoteDefinition':
        return;
      default:
        if ('children' in n) for (const c of n.children as Nodes[]) block(c);
    }
  };
  block(tree);
  visit(tree, (n) => {
    const url = n.type === 'link' ? n.url : n.type === 'linkReference' ? definitions.get(n.identifier) : undefined;
    if (url === undefined || (n.type !== 'link' && n.type !== 'linkReference')) return;
    const text = n.children.map(inline).join('').replace(/\s+/g, ' ').trim();
    if (text) links.push({ text, url });
  });
  return { paragraphs, blocks, code, links };
}

/**
 * Words as compared: letters and digits only, lower case, compatibility forms folded (a
 * ligature is its letters). Dashes, hyphens and apostrophes join what they stand between, as
 * pdftotext joins a word broken at a line's end; other punctuation separates words.
 */
function words(text: string): string[] {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u00AD\u2010-\u2015\u2212'\u2018\u2019\u02BC-]/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/** Most words the print may set between two words of a paragraph (a page turn: running head, folio, figures, notes). */
const GAP = 120;

/**
 * The paragraphs missing from `printed` (its words), each looked for after the one before:
 * its first three words together, then each next word within GAP words of the last.
 */
function missingParagraphs(paragraphs: string[], printed: string[]): string[] {
  const missing: string[] = [];
  const index = new Map<string, number[]>();
  printed.forEach((w, i) => {
    const list = index.get(w);
    list ? list.push(i) : index.set(w, [i]);
  });
  let cursor = 0;
  for (const paragraph of paragraphs) {
    const p = words(paragraph);
    if (!p.length) continue;
    const head = Math.min(3, p.length);
    let found = -1;
    for (const start of index.get(p[0]) ?? []) {
      if (start < cursor) continue;
      if (!p.slice(0, head).every((w, k) => printed[start + k] === w)) continue;
      let at = start + head - 1;
      let ok = true;
      for (let k = head; k < p.length && ok; k++) {
        let next = at + 1;
        while (next < printed.length && next - at <= GAP && printed[next] !== p[k]) next++;
        if (next < printed.length && printed[next] === p[k] && next - at <= GAP) at = next;
        else ok = false;
      }
      if (ok) {
        found = at + 1;
        break;
      }
    }
    if (found < 0) missing.push(paragraph.length > 140 ? `${paragraph.slice(0, 137)}…` : paragraph);
    else cursor = found;
  }
  return missing;
}

// --- the outputs as text ------------------------------------------------------------------

const BLOCK_TAGS =
  /^(p|h[1-6]|li|ul|ol|div|section|article|aside|header|footer|nav|figure|figcaption|blockquote|pre|br|hr|table|tr|td|th|dt|dd|dl|body|title)$/i;

function decodeEntities(s: string): string {
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00A0', shy: '\u00AD' };
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) =>
    e[0] === '#' ? String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? Number.parseInt(e.slice(2), 16) : Number(e.slice(1))) : (named[e] ?? m),
  );
}

/** The text of an XHTML document: block elements apart, inline ones run together. */
function xhtmlText(xhtml: string): string {
  const body = xhtml.replace(/^[\s\S]*?<body[^>]*>/i, '').replace(/<\/body>[\s\S]*$/i, '');
  return decodeEntities(body.replace(/<(\/?)([A-Za-z][\w:-]*)[^>]*>/g, (_m, _close, tag: string) => (BLOCK_TAGS.test(tag) ? '\n' : '')));
}

interface EpubContent {
  /** The reading order's XHTML documents, by their path in the EPUB. */
  documents: { name: string; xhtml: string }[];
}

async function readEpub(file: string): Promise<EpubContent> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  const container = await zip.file('META-INF/container.xml')!.async('string');
  const opfPath = /full-path="([^"]+)"/.exec(container)![1];
  const opf = await zip.file(opfPath)!.async('string');
  const base = path.posix.dirname(opfPath);
  const hrefs = new Map<string, string>();
  for (const m of opf.matchAll(/<item\b[^>]*>/g)) {
    const id = /\bid="([^"]+)"/.exec(m[0])?.[1];
    const href = /\bhref="([^"]+)"/.exec(m[0])?.[1];
    if (id && href) hrefs.set(id, href);
  }
  const documents: EpubContent['documents'] = [];
  for (const m of opf.matchAll(/<itemref\b[^>]*\bidref="([^"]+)"/g)) {
    const name = path.posix.join(base, hrefs.get(m[1])!);
    documents.push({ name, xhtml: await zip.file(name)!.async('string') });
  }
  return { documents };
}

/**
 * The text of a PDF in the reading order of its columns. pdftotext's own order mixes the
 * columns of a page where a flow of one column ends beside a flow of the other (a figure, an
 * aside); here each page's blocks (pdftotext -bbox-layout) are set in bands between the blocks
 * that cross a column's edge (a title, a figure across the page), and within a band read
 * column by column, top to bottom.
 */
function pdfReadingText(file: string, columns: number): string {
  requireValidators();
  const xml = execFileSync('pdftotext', ['-bbox-layout', file, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const pages: string[] = [];
  for (const page of xml.split(/<page\b/).slice(1)) {
    const width = Number(/width="([\d.]+)"/.exec(page)![1]);
    const height = Number(/height="([\d.]+)"/.exec(page)![1]);
    const edges = Array.from({ length: columns - 1 }, (_, k) => ((k + 1) * width) / columns);
    const blocks = [...page.matchAll(/<block xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([\s\S]*?)<\/block>/g)]
      .map((m) => {
        const [x0, y0, x1] = [Number(m[1]), Number(m[2]), Number(m[3])];
        const text = joinLines([...m[5].matchAll(/<line\b[\s\S]*?<\/line>/g)].map((l) => lineText(l[0])));
        const across = edges.some((e) => x0 < e - 8 && x1 > e + 8);
        const column = edges.filter((e) => x0 >= e - 8).length;
        return { y0, y1: Number(m[4]), across, column, text };
      })
      // Running heads above the text and folios under it, which a word broken over a page turn runs across.
      .filter((b) => b.y1 > 0.06 * height && b.y0 < 0.95 * height);
    const cuts = blocks.filter((b) => b.across).sort((a, b) => a.y0 - b.y0);
    const bands = [-Infinity, ...cuts.map((c) => c.y0), Infinity];
    const out: string[] = [];
    for (let k = 0; k + 1 < bands.length; k++) {
      if (k > 0) out.push(cuts[k - 1].text);
      const inBand = blocks.filter((b) => !b.across && b.y0 >= bands[k] && b.y0 < bands[k + 1]);
      inBand.sort((a, b) => a.column - b.column || a.y0 - b.y0);
      out.push(...inBand.map((b) => b.text));
    }
    pages.push(joinLines(out));
  }
  return joinLines(pages);
}

/** The words of a line of `-bbox-layout`, apart where there is room between them (a change of font alone is no space). */
function lineText(line: string): string {
  let text = '';
  let end = Number.NEGATIVE_INFINITY;
  for (const w of line.matchAll(/<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"[^>]*>([\s\S]*?)<\/word>/g)) {
    const x0 = Number(w[1]);
    text += (text && x0 - end > 0.5 ? ' ' : '') + decodeEntities(w[3]);
    end = Number(w[2]);
  }
  return text;
}

/** Lines as one text: a line ending in a hyphen runs into the next (a word broken at the line's end), as pdftotext joins them. */
function joinLines(lines: string[]): string {
  return lines.reduce((text, line) => (text === '' ? line : /[-\u00AD\u2010]$/.test(text) ? text + line : `${text}\n${line}`), '');
}

/** Raster images placed in a PDF, as `pdfimages -list` lists them (masks left out). */
function rasterImages(file: string): number {
  const out = execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' });
  return out
    .split('\n')
    .slice(2)
    .filter((l) => l.trim().split(/\s+/)[2] === 'image').length;
}

// --- the test -----------------------------------------------------------------------------

interface ManifestSketch {
  articles: (string | { file: string })[];
  layout?: { columns?: number };
}

const manifestOf = (dir: string) => parseYaml(readFileSync(path.join(dir, 'edition.yaml'), 'utf8')) as ManifestSketch;

const place = (d: { code: string | string[]; file?: string; line?: number | number[] }) =>
  `${[d.code].flat().join(' or ')} at ${d.file ?? '(edition)'}${d.line !== undefined ? `:${[d.line].flat().join('–')}` : ''}`;

describe('the reading of the posts, checked on itself', () => {
  const post = postText(path.join(FIXTURES, 'homebrew-blog/_posts/2019-06-14-homebrew-maintainer-meeting.md'), path.join(FIXTURES, 'homebrew-blog'));

  it('finds every paragraph of a post in its own text, and misses one left out or moved', () => {
    const all = post.paragraphs;
    assert.ok(all.length >= 8, `paragraphs: ${all.length}`);
    assert.deepEqual(missingParagraphs(all, words(all.join('\n'))), []);
    const without = all.filter((_, k) => k !== 3);
    assert.deepEqual(missingParagraphs(all, words(without.join('\n'))), [all[3].slice(0, 137) + (all[3].length > 140 ? '…' : all[3].slice(137))]);
    const moved = [...all.slice(0, 2), ...all.slice(3), all[2]];
    assert.notDeepEqual(missingParagraphs(all, words(moved.join('\n'))), []);
  });

  it('reads past what print adds: a running head, words broken at line ends, curly quotes', () => {
    const lines = [
      'Perhaps due to Mike McQuaid arranging to re-',
      'sign as Lead Maintainer on the same day the majority of',
      'PRESSROOM READER · 3',
      'the discussion was about Homebrew’s project gover-',
      'nance.',
    ];
    const printed = words(joinLines(lines));
    assert.deepEqual(
      missingParagraphs(
        [
          "Perhaps due to Mike McQuaid arranging to resign as Lead Maintainer on the same day the majority of the discussion was about Homebrew's project governance.",
        ],
        printed,
      ),
      [],
    );
  });
});

describe('site editions: real posts of Jekyll, Hugo and Pelican sites, read untouched', () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'pressroom-sites-'));
  after(() => rmSync(root, { recursive: true, force: true }));

  for (const edition of EDITIONS) {
    const dir = path.join(FIXTURES, edition.name);
    const manifest = manifestOf(dir);
    const articles = manifest.articles.map((a) => (typeof a === 'string' ? a : a.file));
    // The magazine layout (the editions' default) sets two columns.
    const columns = manifest.layout?.columns ?? 2;
    const posts = articles.map((file) => ({ file, ...postText(path.join(dir, file), dir) }));

    describe(edition.name, () => {
      let built: { warnings: Diagnostic[]; outputs: string[]; pdf: string; epub: string } | undefined;
      let failure: unknown;
      const build = async () => {
        if (built || failure) return;
        try {
          const r = await buildEdition({ editionDir: dir, outDir: path.join(root, edition.name) });
          const pdf = r.outputs.find((f) => path.basename(f) === `${edition.name}.pdf`)!;
          const epub = r.outputs.find((f) => f.endsWith('.epub'))!;
          // The build's warnings and the press PDF's preflight findings: all that the command prints.
          built = { warnings: [...r.warnings, ...r.preflight.diagnostics], outputs: r.outputs, pdf, epub };
        } catch (e) {
          failure = e;
        }
      };
      const outputs = async () => {
        await build();
        assert.ok(built, `the build failed:\n${failure instanceof Error ? failure.message : String(failure)}`);
        return built;
      };

      it('builds (exit 0: no error)', async () => {
        const b = await outputs();
        assert.ok(b.pdf && b.epub, `an issue PDF and an EPUB among ${b.outputs.join(', ')}`);
      });

      it('warns (build and press preflight) only where a post holds what cannot print', async () => {
        const b = await outputs();
        const unexpected = b.warnings.filter((w) => !edition.warnings.some((e) => expects(e, w)));
        const absent = edition.warnings.filter((e) => !e.optional && !b.warnings.some((w) => expects(e, w)));
        assert.deepEqual({ unexpected: unexpected.map(formatDiagnostic), absent: absent.map((e) => `${place(e)} (${e.why})`) }, { unexpected: [], absent: [] });
      });

      it('prints every paragraph of every post, in order, in the issue PDF', async () => {
        const b = await outputs();
        const printed = words(pdfReadingText(b.pdf, columns));
        const missing = posts.flatMap((p) => missingParagraphs(p.paragraphs, printed).map((m) => `${p.file}: ${m}`));
        assert.deepEqual(missing, [], 'paragraphs not found in the issue PDF (pdftotext, read column by column)');
      });

      it('carries every paragraph of every post, in order, in the EPUB', async () => {
        const b = await outputs();
        const { documents } = await readEpub(b.epub);
        const read = words(documents.map((d) => xhtmlText(d.xhtml)).join('\n'));
        const missing = posts.flatMap((p) => missingParagraphs(p.paragraphs, read).map((m) => `${p.file}: ${m}`));
        assert.deepEqual(missing, [], 'paragraphs not found in the EPUB');
      });

      it('prints every code block as written (each line’s characters, however it wraps, lines in order)', async () => {
        const b = await outputs();
        const bare = (t: string) => t.replace(/\s+/g, '');
        const pdf = bare(pdfReadingText(b.pdf, columns));
        const { documents } = await readEpub(b.epub);
        const epub = bare(documents.map((d) => xhtmlText(d.xhtml)).join('\n'));
        // Each line of a block, after the one before (a figure or a page turn may come between).
        const cursor = { pdf: 0, epub: 0 };
        const lost = (where: 'pdf' | 'epub', text: string, code: string): string | undefined => {
          for (const [k, line] of code.split('\n').map(bare).filter(Boolean).entries()) {
            const at = text.indexOf(line, cursor[where]);
            if (at < 0 || (k > 0 && at - cursor[where] > 2000)) return line;
            cursor[where] = at + line.length;
          }
          return undefined;
        };
        const missing = posts.flatMap((p) =>
          p.blocks.flatMap((code) =>
            (['pdf', 'epub'] as const).flatMap((where) => {
              const line = lost(where, where === 'pdf' ? pdf : epub, code);
              return line === undefined ? [] : [`${where.toUpperCase()}: ${p.file}: the line ${line} of ${code.length > 60 ? `${code.slice(0, 57)}…` : code}`];
            }),
          ),
        );
        assert.deepEqual(missing, [], 'code lines not found (spaces aside), in order');
      });

      it('keeps every link: the web’s and the site’s own (with `site:`) in the EPUB and the PDF, the edition’s within it', async () => {
        const b = await outputs();
        const site = (parseYaml(readFileSync(path.join(dir, 'edition.yaml'), 'utf8')) as { site?: string }).site?.replace(/\/+$/, '');
        const norm = (u: string) => {
          try {
            return new URL(u).href;
          } catch {
            return u;
          }
        };
        const { documents } = await readEpub(b.epub);
        const anchors = (xhtml: string) =>
          [...xhtml.matchAll(/<a\b[^>]*\bhref="([^"]*)"[^>]*>([\s\S]*?)<\/a>/g)].map((m) => ({
            href: decodeEntities(m[1]),
            text: xhtmlText(m[2]).replace(/\s+/g, ' ').trim(),
          }));
        const epubHrefs = new Set(documents.flatMap((d) => anchors(d.xhtml).map((a) => norm(a.href))));
        const pdfUrls = new Set(
          execFileSync('pdfinfo', ['-url', b.pdf], { encoding: 'utf8' })
            .split('\n')
            .slice(1)
            .map((l) => l.trim().split(/\s+/)[2])
            .filter(Boolean)
            .map(norm),
        );
        // The articles' documents, in the order of the articles.
        const articleDocs = documents.filter((d) => /(^|\/)\d\d-[^/]*\.xhtml$/.test(d.name));
        const lost: string[] = [];
        posts.forEach((p, k) => {
          for (const link of p.links) {
            const web = /^(https?|mailto):/i.test(link.url) ? link.url : /^\/(?!\/)/.test(link.url) && site ? site + link.url : undefined;
            if (web !== undefined) {
              if (!epubHrefs.has(norm(web))) lost.push(`EPUB: ${p.file}: [${link.text}](${link.url}) → ${web}`);
              if (!pdfUrls.has(norm(web))) lost.push(`PDF: ${p.file}: [${link.text}](${link.url}) → ${web}`);
            } else if (/\.(md|markdown)(#.*)?$/.test(link.url)) {
              const inArticle = anchors(articleDocs[k]?.xhtml ?? '').some((a) => a.text === link.text && /\.xhtml(#|$)/.test(a.href));
              if (!inArticle) lost.push(`EPUB: ${p.file}: [${link.text}](${link.url}) is no link to the article`);
            }
          }
        });
        assert.deepEqual(lost, []);
      });

      it(`has every figure (${edition.figures.raster} raster, ${edition.figures.svg} SVG) in the PDF and the EPUB`, async () => {
        const b = await outputs();
        const all = edition.figures.raster + edition.figures.svg;
        requireValidators();
        assert.equal(rasterImages(b.pdf), edition.figures.raster, 'raster images placed in the issue PDF (pdfimages -list)');
        const captions = pdfText(b.pdf).match(/^Figure \d+\b/gm) ?? [];
        assert.equal(captions.length, all, `figure captions in the issue PDF: ${captions.join(', ')}`);
        const { documents } = await readEpub(b.epub);
        const inArticles = documents.filter((d) => !/cover|contents|toc|nav/i.test(path.posix.basename(d.name)));
        const imgs = inArticles.reduce((n, d) => n + (d.xhtml.match(/<img\b/g) ?? []).length + (d.xhtml.match(/<svg\b/g) ?? []).length, 0);
        assert.equal(imgs, all, `<img> (or <svg>) in the EPUB's articles (${inArticles.map((d) => d.name).join(', ')})`);
      });

      it('prints none of the site’s markup as text', async () => {
        const b = await outputs();
        const text = pdfText(b.pdf);
        const { documents } = await readEpub(b.epub);
        const epubText = documents.map((d) => xhtmlText(d.xhtml)).join('\n');
        const shownInCode = (m: string) => posts.some((p) => p.code.includes(m));
        const found = RAW_MARKUP.filter((m) => !shownInCode(m)).flatMap((m) => [
          ...(text.includes(m) ? [`PDF: ${m} in “${around(text, m)}”`] : []),
          ...(epubText.includes(m) ? [`EPUB: ${m} in “${around(epubText, m)}”`] : []),
        ]);
        assert.deepEqual(found, []);
      });

      it('passes epubcheck with 0 errors and 0 warnings', async () => {
        const b = await outputs();
        const r = await epubcheck(b.epub);
        assert.deepEqual({ errors: r.errors, warnings: r.warnings }, { errors: 0, warnings: 0 }, r.messages.join('\n'));
      });

      it('writes sound PDFs (qpdf --check, every font embedded)', async () => {
        const b = await outputs();
        const pdfs = b.outputs.filter((f) => f.endsWith('.pdf'));
        assert.ok(pdfs.length >= 2 + articles.length, `issue, press and article PDFs: ${pdfs.join(', ')}`);
        for (const pdf of pdfs) assertSoundPdf(pdf);
      });
    });
  }
});

function around(text: string, m: string): string {
  const at = text.indexOf(m);
  return text
    .slice(Math.max(0, at - 40), at + m.length + 40)
    .replace(/\s+/g, ' ')
    .trim();
}
