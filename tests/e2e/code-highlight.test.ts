// Highlighted code blocks end to end (issue 11): an edition with Go, Rust, Python,
// JavaScript, shell and plain blocks. The PDFs set keywords and comments in the bold and
// oblique faces of DejaVu Sans Mono (embedded, as pdffonts lists them) and still read back
// the code exactly; the press PDF prints it all in black, the faces telling it apart; the
// EPUB carries the tokens as spans and passes epubcheck.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import JSZip from 'jszip';
import { buildEdition, type BuildResult } from '../../src/build.js';
import type { PreflightReport } from '../../src/press/preflight.js';
import { writeEdition } from '../support/edition.js';
import { epubcheck, pdfFonts, qpdfCheck, requireValidators } from '../support/validators.js';

const BLOCKS: { lang: string; code: string }[] = [
  {
    lang: 'go',
    code: 'package tide\n\n// Height in metres.\nfunc Height(h int) string {\n\tif h > 4 {\n\t\treturn "spring"\n\t}\n\treturn "neap"\n}',
  },
  { lang: 'rust', code: 'fn main() {\n    let bells = 3; // rung\n    println!("{}", bells);\n}' },
  { lang: 'python', code: 'def crossing(n):\n    """Fares."""\n    return n * 2  # return\n\nprint(crossing(4))' },
  {
    lang: 'js',
    code:
      `// the market moves\nconst stalls = [1, 2, 3];\nexport function uphill(s) {\n  return s.map((x) => \`stall \${x}\`);\n}\n` +
      'const longest = stalls.filter((stall) => stall > 1).map((stall) => stall * 2).reduce((a, b) => a + b, 0); // a long line, broken',
  },
  { lang: 'sh', code: '# build the issue\nfor f in articles/*.md; do\n  echo "$f"\ndone' },
  { lang: '', code: 'plain text with if and for and // no comment' },
  { lang: 'mermaid', code: 'graph TD\n  Quay --> Market' },
];

const fence = ({ lang, code }: { lang: string; code: string }) => `\`\`\`${lang}\n${code}\n\`\`\``;

const MANIFEST = `publication: The Code Gazette
issue: No. 7
date: 2026-03-01
articles:
  - articles/code.md
`;

const ARTICLE = `---
title: Code at the Harbour
byline: By Ada Test
---

The harbour office keeps its programs in many languages.

${BLOCKS.map(fence).join('\n\nAnd another.\n\n')}

That is all the code.
`;

/** No whitespace at all: what must read back in order, whatever the layout and the breaks. */
const bare = (s: string) => s.replace(/\s+/g, '');

describe('highlighted code blocks', () => {
  let out: string;
  let result: BuildResult;
  const pdf = () => path.join(out, 'edition.pdf');
  const press = () => path.join(out, 'edition.press.pdf');

  before(async () => {
    requireValidators();
    const dir = writeEdition({ 'edition.yaml': MANIFEST, 'articles/code.md': ARTICLE });
    out = mkdtempSync(path.join(os.tmpdir(), 'pressroom-code-highlight-'));
    result = await buildEdition({ editionDir: dir, outDir: out });
  });

  it('builds with no warning (an unknown language or none is plain, not a problem)', () => {
    assert.deepEqual(
      result.warnings.map((w) => `${w.code} ${w.message}`),
      [],
    );
  });

  it('embeds the regular, bold and oblique faces of the mono family in the PDFs', () => {
    for (const file of [pdf(), press()]) {
      assert.ok(qpdfCheck(file).ok, qpdfCheck(file).output);
      const fonts = pdfFonts(file);
      const names = fonts.map((f) => f.name.replace(/^[A-Z]{6}\+/, ''));
      for (const face of ['DejaVuSansMono', 'DejaVuSansMono-Bold', 'DejaVuSansMono-Oblique'])
        assert.ok(names.includes(face), `${face} in ${path.basename(file)}: ${names.join(', ')}`);
      assert.deepEqual(
        fonts.filter((f) => !f.embedded).map((f) => f.name),
        [],
      );
    }
  });

  it('reads the code back from the PDFs exactly, in order, no character doubled or lost', () => {
    for (const file of [pdf(), press()]) {
      // In the order drawn (`-raw`): the reading order of `pdftotext` alone takes a wide gap
      // in a line (two spaces before a comment) for a gutter between columns.
      const text = execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' });
      const all = bare(text);
      for (const b of BLOCKS) assert.ok(all.includes(bare(b.code)), `${b.lang || 'plain'} block in ${path.basename(file)}`);
      // Lines that fit the column read back whole, a space between their words.
      const lines = new Set(text.split('\n').map((l) => l.trim().replace(/\s+/g, ' ')));
      for (const b of BLOCKS)
        for (const line of b.code.split('\n').filter((l) => l.trim() && l.length < 40))
          assert.ok(lines.has(line.trim().replace(/\s+/g, ' ')), `${JSON.stringify(line)} in ${path.basename(file)}`);
    }
  });

  it('passes the preflight of the press PDF: the coloured tokens print solid black, as all text', () => {
    const report = JSON.parse(readFileSync(path.join(out, 'edition.preflight.json'), 'utf8')) as PreflightReport;
    assert.equal(report.color, 'gray');
    assert.equal(report.errors, 0, JSON.stringify(report.diagnostics));
    assert.deepEqual(
      report.diagnostics.filter((d) => /colour|rgb/.test(d.code)),
      [],
    );
    for (const face of ['DejaVuSansMono-Bold', 'DejaVuSansMono-Oblique'])
      assert.ok(
        report.fonts.some((f) => f.name.endsWith(face) && f.embedded),
        `${face} in the preflight's fonts`,
      );
  });

  it('writes the tokens as spans in the EPUB, the code unchanged, and passes epubcheck', async () => {
    const zip = await JSZip.loadAsync(readFileSync(path.join(out, 'edition.epub')));
    const chapters = await Promise.all(
      Object.keys(zip.files)
        .filter((f) => f.endsWith('.xhtml'))
        .map((f) => zip.file(f)!.async('string')),
    );
    const xhtml = chapters.find((c) => c.includes('language-go'))!;
    assert.ok(xhtml, 'the article');
    const pres = [...xhtml.matchAll(/<pre>([\s\S]*?)<\/pre>/g)].map((m) => m[1]);
    assert.equal(pres.length, BLOCKS.length);
    const textOf = (x: string) =>
      x
        .replace(/<[^>]+>/g, '')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&amp;/g, '&');
    BLOCKS.forEach((b, i) => assert.equal(textOf(pres[i]), b.code, `${b.lang || 'plain'} block`));
    assert.match(pres[0], /^<code class="language-go"><span class="hl-keyword">package<\/span> tide/);
    assert.match(pres[0], /<span class="hl-comment">\/\/ Height in metres\.<\/span>/);
    assert.match(pres[0], /<span class="hl-string">"spring"<\/span>/);
    assert.match(pres[2], /<span class="hl-comment"># return<\/span>/);
    assert.match(pres[4], /<span class="hl-keyword">for<\/span>/);
    assert.equal(pres[5], '<code>plain text with if and for and // no comment</code>', 'no language: no spans');
    assert.equal(pres[6], '<code class="language-mermaid">graph TD\n  Quay --&gt; Market</code>', 'a language no grammar knows: no spans');
    const css = await zip.file(Object.keys(zip.files).find((f) => f.endsWith('.css'))!)!.async('string');
    assert.match(css, /\.hl-keyword\s*\{[^}]*font-weight:\s*bold/);
    assert.match(css, /\.hl-comment\s*\{[^}]*font-style:\s*italic/);
    const r = await epubcheck(path.join(out, 'edition.epub'));
    assert.equal(r.errors, 0, r.messages.join('\n'));
    assert.equal(r.warnings, 0, r.messages.join('\n'));
  });
});
