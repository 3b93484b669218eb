// The print path end to end: a hand-built three-article issue (English with a figure,
// footnotes, a table, a quotation and lists; German; Russian) → positioned pages → PDF,
// checked with qpdf and poppler.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { writePdf, type PdfMeta } from '../../src/backends/pdf/write-pdf.js';
import type { ConvertedImage, Issue } from '../../src/model/types.js';
import { MAGAZINE } from '../../src/settings/layout.js';
import type { TextItem } from '../../src/pages/page.js';
import { typesetArticle, typesetIssue } from '../../src/typeset/typeset-issue.js';
import { imageAsset, sampleIssue } from '../golden/sample-issue.js';
import { pdfFonts, pdfInfo, pdfText, qpdfCheck, requireValidators } from '../support/validators.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'pressroom-pdf-'));
let issue: Issue;
let images: Map<string, ConvertedImage>;
let pdf: Buffer;
let file: string;
let pageCount: number;

const metaOf = (i: Issue): PdfMeta => ({
  title: `${i.publication} ${i.issue}`,
  author: 'Pressroom Test Press',
  subject: 'The print path, end to end',
  lang: i.language,
  date: i.date,
  keywords: 'typesetting, test',
});

async function build(): Promise<Buffer> {
  const { pages, warnings } = typesetIssue(issue, MAGAZINE);
  pageCount = pages.length;
  // Nothing to warn about: even the very long URL breaks after its slashes.
  assert.deepEqual(warnings, []);
  return writePdf(pages, metaOf(issue), images);
}

/** Text of one page. */
const pageText = (n: number) => pdfText(file, { first: n, last: n });

describe('PDF of a whole issue', () => {
  before(async () => {
    requireValidators();
    ({ issue, images } = await sampleIssue());
    pdf = await build();
    file = path.join(dir, 'issue.pdf');
    writeFileSync(file, pdf);
  });

  it('passes qpdf --check', () => {
    const r = qpdfCheck(file);
    assert.ok(r.ok, r.output);
  });

  it('embeds every font', () => {
    const fonts = pdfFonts(file);
    assert.ok(fonts.length >= 3, `only ${fonts.length} fonts`);
    for (const f of fonts) assert.ok(f.embedded, `${f.name} is not embedded`);
    assert.ok(fonts.some((f) => /SourceSerif4/.test(f.name)));
    assert.ok(fonts.some((f) => /DejaVuSansMono/.test(f.name)));
  });

  it('has the title, author, subject, keywords and the issue date as creation date', () => {
    const info = pdfInfo(file);
    assert.equal(info.Title, 'The Compositor’s Quarterly No. 7');
    assert.equal(info.Author, 'Pressroom Test Press');
    assert.equal(info.Subject, 'The print path, end to end');
    assert.equal(info.Keywords, 'typesetting, test');
    assert.match(info.CreationDate, /2026/);
    assert.equal(Number(info.Pages), pageCount);
    assert.ok(pdf.includes('/Lang (en)'), 'the catalog names the language');
  });

  it('reads back every title in order', () => {
    const text = pdfText(file);
    let at = text.indexOf('Contents');
    assert.ok(at > 0);
    for (const a of issue.articles) {
      const next = text.indexOf(a.titleText, at + 1);
      assert.ok(next > at, `${a.titleText} is missing or out of order`);
      at = next;
    }
  });

  it('prints in the contents the page each article starts on', () => {
    const contents = pdfText(file, { first: 2, last: 2, layout: true });
    for (const a of issue.articles) {
      const m = new RegExp(`${a.titleText}[\\s.]+(\\d+)`).exec(contents);
      assert.ok(m, `no page number for ${a.titleText} in:\n${contents}`);
      const printed = Number(m[1]);
      assert.ok(pageText(printed).includes(a.titleText), `${a.titleText} does not start on page ${printed}`);
      // … and not earlier: the page before belongs to the contents or another article.
      if (printed > 3) assert.ok(!pageText(printed - 1).includes(a.titleText), `${a.titleText} starts before ${printed}`);
    }
  });

  it('reads columns left then right, with spaces between words', () => {
    const page = pageText(3);
    const first = page.indexOf('Printing is the art of arranging type');
    const heading = page.indexOf('Lines and paragraphs');
    const table = page.indexOf('A table of measures');
    assert.ok(first >= 0 && heading > first && table > heading, page);
    assert.match(page, /even column|an even\s+colour/);
  });

  it('draws hyphens as real "-" at line ends, never soft hyphens', () => {
    const raw = execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' });
    assert.ok(!raw.includes('\u00AD'), 'a soft hyphen in the text');
    const lines = raw.split('\n');
    const broken = lines.findIndex((l, i) => /\p{Ll}{2}-$/u.test(l) && /^\p{Ll}{3}/u.test(lines[i + 1] ?? ''));
    assert.ok(broken >= 0, 'no hyphenated word found');
    // German and Russian are hyphenated with their own patterns.
    assert.ok(lines.some((l, i) => /[äöüß\p{Ll}]-$/u.test(l) && /Trenn|Spalt|Zeit|Wört|Schrift|Setz|ge|lich/.test(l + lines[i + 1])));
    assert.ok(
      lines.some((l) => /[а-я]-$/.test(l)),
      'no Russian hyphenation',
    );
  });

  it('has an outline with every article, links and named destinations', () => {
    const outlines = JSON.parse(execFileSync('qpdf', ['--json=2', '--json-key=outlines', file], { encoding: 'utf8' })) as {
      outlines: { title: string; kids: { title: string }[] }[];
    };
    const titles = outlines.outlines.flatMap((o) => [o.title, ...o.kids.map((k) => k.title)]);
    for (const a of issue.articles) assert.ok(titles.includes(a.titleText), `${a.titleText} not in ${titles.join(', ')}`);
    assert.ok(titles.includes('Contents'));
    const s = pdf.toString('latin1');
    assert.match(s, /\/S \/URI/);
    assert.match(s, /\/S \/GoTo/);
    assert.match(s, /\/Dests/);
  });

  it('is byte-identical when built twice', async () => {
    const again = await build();
    assert.ok(again.equals(pdf), 'two builds differ');
  });

  it('puts the print variant of the cover image on the cover', async () => {
    const cover = await imageAsset('img-cover', 900, 1200, '#35524a');
    const withCover: Issue = { ...issue, cover };
    const { pages } = typesetIssue(withCover, MAGAZINE);
    assert.ok(pages[0].items.some((i) => i.kind === 'image' && i.imageId === 'img-cover'));
    const coverFile = path.join(dir, 'cover.pdf');
    writeFileSync(coverFile, await writePdf(pages, metaOf(withCover), new Map([...images, [cover.id, cover]])));
    const list = execFileSync('pdfimages', ['-list', '-f', '1', '-l', '1', coverFile], { encoding: 'utf8' });
    assert.match(list, /\s900\s+1200\s/, list);
    assert.ok(pdfText(coverFile, { first: 1, last: 1 }).includes(issue.publication));
  });

  it('keeps every line of text inside its column', () => {
    const { pages } = typesetIssue(issue, MAGAZINE);
    const width = MAGAZINE.pageWidth - MAGAZINE.margins.inside - MAGAZINE.margins.outside;
    const col = (width - MAGAZINE.gutter) / 2;
    pages.slice(2).forEach((page, i) => {
      const left = (i + 3) % 2 === 1 ? MAGAZINE.margins.inside : MAGAZINE.margins.outside;
      for (const t of page.items) {
        // Body text and quotations (headings, captions and the opener may span the columns).
        if (t.kind !== 'text' || t.size < 9 || t.size > MAGAZINE.size || t.y > MAGAZINE.pageHeight - MAGAZINE.margins.bottom) continue;
        const right = left + (t.x < left + col ? col : width);
        assert.ok(t.x + t.width <= right + 0.01, `page ${i + 3}: "${t.text}" ends at ${(t.x + t.width).toFixed(2)}, past ${right.toFixed(2)}`);
      }
    });
  });

  it('never sets three hyphenated lines in a row, as poppler reads them', () => {
    // As ../shared/tools/typeset-metrics counts: justified lines in reading order; a block's
    // last line or a short line does not end a run.
    const hyphenRuns = (pdf: string) => {
      const xml = execFileSync('pdftotext', ['-bbox-layout', pdf, '-'], { encoding: 'utf8' });
      let run = 0;
      let most = 0;
      for (const b of xml.matchAll(/<block xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"[^>]*>([\s\S]*?)<\/block>/g)) {
        const lines = [...b[3].matchAll(/<line[^>]*>([\s\S]*?)<\/line>/g)].map((l) =>
          [...l[1].matchAll(/<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">(.*?)<\/word>/g)].map((w) => ({
            x0: +w[1],
            x1: +w[2],
            text: w[3],
          })),
        );
        const width = +b[2] - +b[1];
        lines.slice(0, -1).forEach((ws) => {
          if (ws.length < 3 || ws[ws.length - 1].x1 - ws[0].x0 < 0.9 * width || Math.abs(+b[2] - ws[ws.length - 1].x1) > 2.5) return;
          const last = ws[ws.length - 1].text;
          run = last.length > 1 && last.endsWith('-') ? run + 1 : 0;
          most = Math.max(most, run);
        });
      }
      return most;
    };
    assert.ok(hyphenRuns(file) <= 2, `${hyphenRuns(file)} hyphenated lines in a row`);
  });

  it('never ends a page with a hyphen when the paragraph goes on overleaf', () => {
    for (const a of issue.articles) {
      const { pages } = typesetArticle(issue, a, MAGAZINE);
      pages.slice(0, -1).forEach((page, i) => {
        const body = page.items.filter(
          (t): t is TextItem =>
            t.kind === 'text' && t.size === MAGAZINE.size && t.y > MAGAZINE.margins.top && t.y < MAGAZINE.pageHeight - MAGAZINE.margins.bottom,
        );
        const right = Math.max(...body.map((t) => t.x));
        const lastColumn = body.filter((t) => t.x > right - 100);
        const bottom = Math.max(...lastColumn.map((t) => t.y));
        const line = lastColumn
          .filter((t) => t.y === bottom)
          .map((t) => t.text)
          .join('');
        assert.doesNotMatch(line, /\p{L}-$/u, `${a.titleText}, page ${i + 1} ends with "${line}"`);
      });
    }
  });

  it('prints one article on its own', async () => {
    const a = issue.articles[1];
    const { pages, warnings } = typesetArticle(issue, a, MAGAZINE);
    assert.deepEqual(warnings, []);
    const one = path.join(dir, 'article.pdf');
    writeFileSync(one, await writePdf(pages, { ...metaOf(issue), title: a.titleText, lang: a.lang }, images));
    assert.ok(qpdfCheck(one).ok);
    const text = pdfText(one);
    assert.ok(text.includes(a.titleText));
    assert.ok(!text.includes(issue.articles[0].titleText));
  });
});
