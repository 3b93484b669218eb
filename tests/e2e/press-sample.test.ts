// The sample edition's press outputs, checked with poppler and qpdf as a print shop would:
// boxes and bleed on every page, page count, image colour and resolution, fonts, no
// annotations, the preflight report, the saddle-stitch proof, and the reading PDF unchanged.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { buildEdition, type BuildResult } from '../../src/build.js';
import { saddleSpreads } from '../../src/press/impose.js';
import type { PreflightReport } from '../../src/press/preflight.js';
import { pdfBoxes, pdfFonts, pdfImages, pdfInfo, pdfText, qpdfCheck, requireValidators } from '../support/validators.js';

const EDITION = path.resolve(import.meta.dirname, '../../editions/sample');
const MIN_BLEED = 0.118 * 72;

describe('the sample edition for the press', () => {
  let out: string;
  let result: BuildResult;
  let report: PreflightReport;
  const press = () => path.join(out, 'sample.press.pdf');
  const imposed = () => path.join(out, 'sample.imposed.pdf');
  const reading = () => path.join(out, 'sample.pdf');
  /** The file uncompressed, objects one by one, as text. */
  const qdf = (file: string) => execFileSync('qpdf', ['--qdf', '--object-streams=disable', file, '-'], { maxBuffer: 64 << 20 }).toString('latin1');

  before(async () => {
    requireValidators();
    out = mkdtempSync(path.join(os.tmpdir(), 'pressroom-press-sample-'));
    result = await buildEdition({ editionDir: EDITION, outDir: out, impose: 'saddle' });
    report = JSON.parse(readFileSync(path.join(out, 'sample.preflight.json'), 'utf8')) as PreflightReport;
  });

  it('writes the press PDF, the preflight report and the imposed proof beside the reading PDF', () => {
    const names = result.outputs.map((p) => path.relative(out, p));
    for (const f of ['sample.pdf', 'sample.press.pdf', 'sample.preflight.json', 'sample.imposed.pdf'])
      assert.ok(names.includes(f), `${f} in ${names.join(', ')}`);
    assert.ok(qpdfCheck(press()).ok, qpdfCheck(press()).output);
    assert.ok(qpdfCheck(imposed()).ok);
  });

  it('has TrimBox and BleedBox on every page, at least 0.118 in of bleed on each side, the trim the layout page', () => {
    const boxes = pdfBoxes(press());
    assert.equal(boxes.length, Number(pdfInfo(press()).Pages));
    for (const b of boxes) {
      const [tx0, ty0, tx1, ty1] = b.TrimBox;
      const [bx0, by0, bx1, by1] = b.BleedBox;
      const [mx0, my0, mx1, my1] = b.MediaBox;
      assert.deepEqual([tx1 - tx0, ty1 - ty0], [612, 792], `page ${b.page} trim`);
      for (const [side, bleed] of Object.entries({ left: tx0 - bx0, bottom: ty0 - by0, right: bx1 - tx1, top: by1 - ty1 }))
        assert.ok(bleed >= MIN_BLEED, `page ${b.page}: ${side} bleed ${bleed} pt`);
      assert.ok(mx0 <= bx0 && my0 <= by0 && mx1 >= bx1 && my1 >= by1, `page ${b.page}: BleedBox inside MediaBox`);
      assert.ok(mx1 - mx0 > bx1 - bx0 + 30, 'room for crop marks');
    }
  });

  it('pads the page count to a multiple of 4 and says how many blank pages it added', () => {
    const pages = Number(pdfInfo(press()).Pages);
    assert.equal(pages % 4, 0);
    assert.equal(pages, result.pages + report.pages.blank.length);
    assert.equal(report.pages.count, pages);
    const padded = report.diagnostics.find((d) => d.code === 'preflight/padded');
    if (report.pages.blank.length) assert.match(padded?.message ?? '', new RegExp(`added ${report.pages.blank.length} blank page`));
    else assert.equal(padded, undefined);
  });

  it('has every image gray, as JPEG, at 300 ppi or more', () => {
    const rows = pdfImages(press());
    assert.equal(rows.length, 4, 'the four figures');
    for (const r of rows) {
      assert.equal(r.color, 'gray', `page ${r.page}`);
      assert.equal(r.encoding, 'jpeg');
    }
    // The sample's figures are drawn for print resolution at the size the magazine layout places them.
    for (const img of report.images) assert.ok(img.ppi >= 300, `${img.source}: ${img.ppi} ppi`);
    for (const r of rows) assert.ok(Math.min(r.xppi, r.yppi) >= 300, `pdfimages: page ${r.page} at ${Math.min(r.xppi, r.yppi)} ppi`);
    assert.deepEqual(
      rows.map((r) => [r.page, r.width, r.height, Math.min(r.xppi, r.yppi)]),
      report.images.map((i) => [i.page, i.pixels[0], i.pixels[1], i.ppi]),
      'the preflight agrees with pdfimages',
    );
  });

  it('embeds every font, and the preflight lists each of them', () => {
    const fonts = pdfFonts(press());
    assert.ok(fonts.length >= 3);
    assert.deepEqual(
      fonts.filter((f) => !f.embedded).map((f) => f.name),
      [],
    );
    assert.deepEqual(report.fonts.map((f) => f.name).sort(), fonts.map((f) => f.name).sort());
    assert.ok(report.fonts.every((f) => f.embedded));
  });

  it('has no links or other annotations, no outline, no RGB', () => {
    const raw = qdf(press());
    for (const s of ['/Link', '/Annots', '/Outlines', '/DeviceRGB', '/ICCBased']) assert.ok(!raw.includes(s), `${s} in the press PDF`);
    assert.ok(!/\d (rg|RG)\n/.test(raw), 'an RGB colour operator');
  });

  it('identifies itself as PDF/X-1a with a registered output intent, Trapped and matching XMP', () => {
    const info = pdfInfo(press());
    assert.equal(info['PDF version'], '1.4');
    const raw = qdf(press());
    assert.match(raw, /\/GTS_PDFXVersion \d+ 0 R|\(PDF\/X-1a:2003\)/);
    assert.match(raw, /\/OutputConditionIdentifier \(CGATS TR 001\)/);
    assert.match(raw, /\/S \/GTS_PDFX/);
    assert.match(raw, /<pdfxid:GTS_PDFXVersion>PDF\/X-1a:2003<\/pdfxid:GTS_PDFXVersion>/);
    assert.equal(report.pdfx.claimed, 'PDF/X-1a:2003');
    assert.equal(report.pdfx.trapped, 'False');
    assert.deepEqual(
      report.pdfx.rules.filter((r) => !r.ok),
      [],
    );
  });

  it('writes a preflight report listing every figure with its ppi and colour space, and no errors', () => {
    const figures = new Set<string>();
    for (const a of result.issue.articles) for (const b of a.blocks) if (b.kind === 'figure') figures.add(b.image.source);
    assert.deepEqual(new Set(report.images.map((i) => i.source)), figures);
    for (const img of report.images) {
      assert.equal(img.colorSpace, 'DeviceGray');
      assert.equal(img.sourceColorSpace, 'srgb');
    }
    assert.equal(report.errors, 0, JSON.stringify(report.diagnostics.filter((d) => d.severity === 'error')));
    assert.deepEqual(report.rgb, []);
    assert.deepEqual(
      report.inBleed.filter((b) => b.problem === 'crosses-trim'),
      [],
    );
    assert.equal(report.trim.inches, '8.5 × 11');
    assert.equal(report.bleed.inches, '0.125');
  });

  it('leaves the reading PDF on screen terms: RGB, links, outline, no bleed', () => {
    const raw = qdf(reading());
    assert.match(raw, /\/Subtype \/Link/);
    assert.match(raw, /\/Outlines/);
    assert.ok(pdfImages(reading()).every((r) => r.color === 'rgb'));
    for (const b of pdfBoxes(reading())) assert.deepEqual(b.TrimBox, b.MediaBox);
  });

  it('imposes printer’s spreads for saddle stitching: the cover beside the last page, page 2 beside N − 1', () => {
    const pages = report.pages.count;
    const info = pdfInfo(imposed());
    assert.equal(Number(info.Pages), pages / 2);
    assert.match(info['Page size'], /^1224 x 792/);
    const half = (sheet: number, side: 0 | 1) =>
      execFileSync('pdftotext', ['-f', String(sheet), '-l', String(sheet), '-x', String(side * 612), '-y', '0', '-W', '612', '-H', '792', imposed(), '-'], {
        encoding: 'utf8',
      });
    const page = (n: number) => pdfText(press(), { first: n, last: n }).replace(/\s+/g, ' ').trim();
    const norm = (s: string) => s.replace(/\s+/g, ' ').trim();
    assert.equal(norm(half(1, 1)), page(1), 'sheet 1 right: the cover');
    assert.equal(norm(half(1, 0)), page(pages), `sheet 1 left: page ${pages}`);
    assert.equal(norm(half(2, 0)), page(2), 'sheet 2 left: page 2');
    assert.equal(norm(half(2, 1)), page(pages - 1), `sheet 2 right: page ${pages - 1}`);
    // The centre spread, where the staples go: two pages of text side by side.
    const [left, right] = saddleSpreads(pages)[pages / 2 - 1];
    assert.deepEqual(
      [left, right].sort((a, b) => a - b),
      [pages / 2, pages / 2 + 1],
    );
    assert.ok(page(left).length > 100 && page(right).length > 100);
    assert.equal(norm(half(pages / 2, 0)), page(left), `centre sheet left: page ${left}`);
    assert.equal(norm(half(pages / 2, 1)), page(right), `centre sheet right: page ${right}`);
  });
});
