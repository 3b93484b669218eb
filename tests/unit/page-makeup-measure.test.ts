// The page-makeup measurer (tests/support/page-makeup.ts) on small PDFs drawn for it: a
// clean issue measures 0/0/0, and each fault the page-makeup test guards against (a runt
// page, a column that stops short inside an article, an unbalanced last page, figures out of
// order) is caught on the page and in the column where it was drawn.
//
// The pages are drawn with pdfkit like an issue: a cover, then article pages with a running
// head and a folio, body lines as gray bars in the columns (ink is ink to the measurer), a
// "Figure N." caption as real text, and one outline entry where each article starts.
import assert from 'node:assert/strict';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import PDFDocument from 'pdfkit';
import { bands, formatMakeup, measurePageMakeup, outlineStarts, readPgm } from '../support/page-makeup.js';

interface PageSpec {
  /** Per column, the share of the live area's height its lines fill, from the top. */
  fill: number[];
  /** A caption `Figure N.` set in place of a line of the first column. */
  figure?: number;
  /** This page starts an article: an outline entry points here. */
  starts?: string;
}

const W = 612;
const H = 792;
const MARGIN = 54;
const GUTTER = 18;
const TOP = 72;
const BOTTOM = 720;
const LINE = 12;

const dir = mkdtempSync(path.join(os.tmpdir(), 'pressroom-makeup-unit-'));
let made = 0;

/** Write a PDF of a cover and the pages described, in `columns` columns. */
async function issuePdf(pages: PageSpec[], columns = 2): Promise<string> {
  const file = path.join(dir, `issue-${++made}.pdf`);
  const doc = new PDFDocument({ size: [W, H], margin: 0, autoFirstPage: false });
  const done = new Promise<void>((resolve, reject) => {
    const out = createWriteStream(file);
    out.on('finish', resolve);
    out.on('error', reject);
    doc.pipe(out);
  });
  doc.addPage();
  doc.rect(MARGIN, 150, W - 2 * MARGIN, 400).fill('#333333'); // the cover
  const colWidth = (W - 2 * MARGIN - GUTTER * (columns - 1)) / columns;
  pages.forEach((p, k) => {
    doc.addPage();
    if (p.starts) doc.outline.addItem(p.starts);
    doc.rect(MARGIN, 36, 200, 6).fill('#000000'); // running head
    doc.rect(W / 2 - 10, 750, 20, 6).fill('#000000'); // folio
    p.fill.forEach((share, c) => {
      const x = MARGIN + c * (colWidth + GUTTER);
      let first = true;
      for (let y = TOP; y + LINE <= TOP + share * (BOTTOM - TOP) + 0.01; y += LINE) {
        if (c === 0 && first && p.figure !== undefined) {
          doc
            .fillColor('#000000')
            .font('Helvetica')
            .fontSize(8)
            .text(`Figure ${p.figure}. A drawing on page ${k + 2}.`, x, y, { lineBreak: false });
        } else doc.rect(x, y, colWidth, 6).fill('#444444');
        first = false;
      }
    });
  });
  doc.end();
  await done;
  return file;
}

const full = (columns = 2) => Array.from({ length: columns }, () => 1);

/** Two articles: A over pages 2–4 with figures 1 and 2, B over pages 5–6 with figure 1. */
function issue(over: Partial<Record<number, Partial<PageSpec>>> = {}): PageSpec[] {
  const pages: PageSpec[] = [
    { fill: full(), starts: 'Article A', figure: 1 },
    { fill: full(), figure: 2 },
    { fill: [0.7, 0.7] },
    { fill: full(), starts: 'Article B', figure: 1 },
    { fill: [0.55, 0.55] },
  ];
  return pages.map((p, k) => ({ ...p, ...over[k + 2] }));
}

describe('page-makeup measurer', () => {
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a binary PGM, comments and all, into ink (darker than 170)', () => {
    const pgm = Buffer.concat([Buffer.from('P5\n# made by hand\n3 2\n255\n'), Buffer.from([0, 169, 170, 255, 100, 200])]);
    const p = readPgm(pgm);
    assert.equal(p.width, 3);
    assert.equal(p.height, 2);
    assert.deepEqual([...p.ink], [1, 1, 0, 0, 1, 0]);
    assert.deepEqual(bands([false, true, true, false, true]), [
      [1, 3],
      [4, 5],
    ]);
  });

  it('finds where articles start in the outline', async () => {
    const { starts, front } = outlineStarts(await issuePdf(issue()));
    assert.deepEqual([...starts].sort(), [2, 5]);
    assert.deepEqual([...front], []);
  });

  it('measures a well made issue as 0 runt pages, 0 holes, figures 1 2 | 1 in order', async () => {
    const m = measurePageMakeup(await issuePdf(issue()), { columns: 2 });
    const report = formatMakeup(m);
    assert.equal(m.pages, 6, report);
    assert.equal(m.contentPages, 5, 'the cover is left out');
    assert.deepEqual(m.runtPages, [], report);
    assert.deepEqual(m.holes, [], report);
    assert.deepEqual(m.figureSequence, [1, 2, 1], report);
    assert.deepEqual(m.figureOrderFaults, [], report);
    // Full pages are blank nowhere but at the foot, under a line's height.
    for (const r of m.byPage.filter((r) => [2, 3, 5].includes(r.page))) assert.ok(Math.max(...r.blankByColumn) < 0.05, report);
    // The last pages of A and B, 70 % and 55 % filled, are about 30 % and 45 % blank.
    const a3 = m.byPage.find((r) => r.page === 4);
    assert.ok(a3?.endsArticle && Math.abs(a3.blankByColumn[0] - 0.3) < 0.04, report);
    assert.deepEqual(
      m.byPage.filter((r) => r.endsArticle).map((r) => r.page),
      [4, 6],
    );
  });

  it('catches a runt page: an article ending with a few lines in each column', async () => {
    const m = measurePageMakeup(await issuePdf(issue({ 4: { fill: [0.2, 0.15] } })), { columns: 2 });
    assert.deepEqual(m.runtPages, [4], formatMakeup(m));
    assert.deepEqual(m.holes, [], formatMakeup(m));
    const p4 = m.byPage.find((r) => r.page === 4);
    assert.ok(p4?.runt && p4.blankByColumn[1] > 0.8, formatMakeup(m));
  });

  it("catches the issue's last page as a runt too", async () => {
    const m = measurePageMakeup(await issuePdf(issue({ 6: { fill: [0.3, 0] } })), { columns: 2 });
    assert.deepEqual(m.runtPages, [6], formatMakeup(m));
  });

  it('catches a hole: a column that stops short on a page inside an article', async () => {
    const m = measurePageMakeup(await issuePdf(issue({ 2: { fill: [1, 0.6] } })), { columns: 2 });
    assert.equal(m.holes.length, 1, formatMakeup(m));
    const [h] = m.holes;
    assert.equal(h.page, 2);
    assert.equal(h.column, 2);
    assert.equal(h.why, 'column stops short');
    assert.ok(Math.abs(h.blank - 0.4) < 0.04, `about 40 % blank: ${h.blank}`);
    assert.deepEqual(m.runtPages, []);
  });

  it('catches a hole: the columns of an article’s last page not balanced', async () => {
    const m = measurePageMakeup(await issuePdf(issue({ 6: { fill: [0.9, 0.4] } })), { columns: 2 });
    assert.deepEqual(
      m.holes.map((h) => [h.page, h.column, h.why]),
      [[6, 2, 'columns not balanced']],
      formatMakeup(m),
    );
  });

  it('lets a short column pass on an article’s last page when the columns balance', async () => {
    const m = measurePageMakeup(await issuePdf(issue({ 4: { fill: [0.6, 0.55] } })), { columns: 2 });
    assert.deepEqual(m.holes, [], formatMakeup(m));
  });

  it('catches figures out of order within an article, and a second article not starting at 1', async () => {
    const m = measurePageMakeup(await issuePdf(issue({ 3: { figure: 3 }, 5: { figure: 2 } })), { columns: 2 });
    assert.deepEqual(m.figureSequence, [1, 3, 2], formatMakeup(m));
    assert.deepEqual(m.figureOrderFaults, ['p3: 1→3', 'p5: 3→2']);
  });

  it('does not restart the count at 1 inside an article', async () => {
    const m = measurePageMakeup(await issuePdf(issue({ 3: { figure: 1 } })), { columns: 2 });
    assert.deepEqual(m.figureOrderFaults, ['p3: 1→1'], formatMakeup(m));
  });

  it('splits the live area into the layout’s columns: a hole in column 3 of 4', async () => {
    const pages: PageSpec[] = [{ fill: full(4), starts: 'Story' }, { fill: [1, 1, 0.5, 1] }, { fill: full(4) }, { fill: [0.8, 0.8, 0.8, 0.8] }];
    const m = measurePageMakeup(await issuePdf(pages, 4), { columns: 4 });
    assert.deepEqual(
      m.holes.map((h) => [h.page, h.column, h.why]),
      [[3, 3, 'column stops short']],
      formatMakeup(m),
    );
    assert.equal(m.byPage[0].blankByColumn.length, 4);
  });
});
