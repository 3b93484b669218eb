// The press writer and preflight on hand-built pages: what bleeds is extended into the
// bleed, what should stop at the trim and does not is reported, crop marks land outside
// the bleed. Rendered once with pdftoppm for a few pixel checks.
import { BUNDLED_FONTS } from '../../src/settings/fonts.js';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import sharp from 'sharp';
import { writePdf } from '../../src/backends/pdf/write-pdf.js';
import type { PressSettings } from '../../src/settings/press.js';
import type { ConvertedImage } from '../../src/model/types.js';
import { pressGeometry } from '../../src/backends/pdf/press-geometry.js';
import { preflight, type PreflightReport } from '../../src/press/preflight.js';
import { pressPages } from '../../src/press/press-pages.js';
import type { Page } from '../../src/pages/page.js';
import { imageAsset } from '../golden/sample-issue.js';
import { pdfBoxes, pdfImages, qpdfCheck, requireValidators } from '../support/validators.js';

const PRESS: PressSettings = { bleed: 9, marks: true, color: 'cmyk', pageMultiple: 2, outputIntent: 'FOGRA39' };
const text = (t: string, x: number, y: number, width: number) =>
  ({ kind: 'text', x, y, font: 'body:regular', file: BUNDLED_FONTS.body.regular, size: 10, text: t, color: '#333333', width }) as const;

describe('press PDF of hand-built pages (CMYK, FOGRA39)', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pressroom-press-pages-'));
  const file = path.join(dir, 'press.pdf');
  let photo: ConvertedImage;
  let report: PreflightReport;
  let pixels: { data: Buffer; width: number; channels: number };
  const g = pressGeometry(612, 792, PRESS);

  before(async () => {
    requireValidators();
    photo = await imageAsset('img-photo', 3000, 2000, '#2d6a4f');
    const pages: Page[] = [
      {
        width: 612,
        height: 792,
        items: [
          // A dark band across the top and a photograph across the foot, both to the edges.
          { kind: 'rect', x: 0, y: 0, w: 612, h: 200, fill: '#101010', bleed: true },
          { kind: 'image', imageId: photo.id, x: 0, y: 792 - 408, w: 612, h: 408, bleed: true },
          text('A headline well inside the trim', 72, 260, 200),
          { kind: 'link', x: 72, y: 250, w: 200, h: 12, target: { kind: 'uri', uri: 'https://example.org/' } },
          { kind: 'bookmark', level: 1, title: 'Cover' },
        ],
      },
      {
        width: 612,
        height: 792,
        items: [
          text('This line runs off the page', 560, 300, 120),
          text('Too near', 4, 400, 40),
          { kind: 'rect', x: -20, y: 500, w: 100, h: 20, fill: '#cccccc' },
        ],
      },
    ];
    const prepared = await pressPages(pages, new Map([[photo.id, photo]]), PRESS);
    const pdf = await writePdf(prepared.pages, { title: 'Hand-built', lang: 'en', date: '2026-10-15' }, prepared.images, PRESS);
    writeFileSync(file, pdf);
    report = await preflight({ pdf, file: 'press.pdf', press: PRESS, laidOut: pages, prepared, typesetWarnings: [] });
    execFileSync('pdftoppm', ['-png', '-r', '72', '-f', '1', '-l', '1', file, path.join(dir, 'page')]);
    const { data, info } = await sharp(path.join(dir, 'page-1.png')).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    pixels = { data, width: info.width, channels: info.channels };
  });

  /** Lightness 0–255 of the rendered pixel at (x, y) points from the top-left of the sheet. */
  const at = (x: number, y: number) => {
    const i = (Math.round(y) * pixels.width + Math.round(x)) * pixels.channels;
    return Math.round((pixels.data[i] + pixels.data[i + 1] + pixels.data[i + 2]) / 3);
  };

  it('passes qpdf --check and has TrimBox and BleedBox on every page', () => {
    assert.ok(qpdfCheck(file).ok);
    for (const p of pdfBoxes(file)) {
      assert.deepEqual(p.TrimBox, g.trimBox);
      assert.deepEqual(p.BleedBox, g.bleedBox);
    }
  });

  it('extends bleeding areas and images into the bleed, and nothing past it', () => {
    // The dark band: in the bleed above the trim and left of it, dark; beyond the bleed, white.
    assert.ok(at(g.slug + 300, g.slug - 4) < 60, `band in the top bleed: ${at(g.slug + 300, g.slug - 4)}`);
    assert.ok(at(g.slug - 4, g.slug + 100) < 60, 'band in the left bleed');
    assert.ok(at(g.slug + 300, g.slug - 12) > 240, 'white beyond the bleed');
    // The photograph's dark foot reaches into the bottom bleed.
    assert.ok(at(g.slug + 300, g.slug + 792 + 4) < 120, `photo in the bottom bleed: ${at(g.slug + 300, g.slug + 792 + 4)}`);
    assert.ok(at(g.slug + 300, g.slug + 792 + 12) > 240, 'white below the bleed');
  });

  it('draws crop marks outside the bleed, on the trim lines', () => {
    // The top-left vertical mark, on the trim's left edge, between the bleed and the sheet edge.
    const x = g.slug;
    const y = g.slug - 9 - 3 - 9;
    assert.ok(Math.min(at(x, y), at(x - 0.5, y), at(x + 0.5, y)) < 160, 'a crop mark');
    assert.ok(at(x + 6, y) > 240, 'nothing beside it');
  });

  it('writes CMYK images at 300 ppi, extended by the bleed, and reports them', () => {
    const [row] = pdfImages(file);
    assert.equal(row.color, 'cmyk');
    assert.equal(row.encoding, 'jpeg');
    assert.ok(row.xppi >= 300 && row.yppi >= 300, `${row.xppi} × ${row.yppi} ppi`);
    // 612 × 408 pt at 300 ppi is 2550 × 1700 px; the bleed adds 9 pt = 38 px on three sides.
    assert.deepEqual([row.width, row.height], [2550 + 2 * 38, 1700 + 38]);
    const [img] = report.images;
    assert.equal(img.source, 'images/img-photo.png');
    assert.equal(img.bleeds, true);
    assert.equal(img.colorSpace, 'DeviceCMYK');
    assert.ok(img.converted, 'an RGB colour image converted for the press');
  });

  it('keeps text on the black plate and has no annotations or outline', () => {
    assert.ok(
      report.pdfx.rules.every((r) => r.ok),
      JSON.stringify(report.pdfx.rules.filter((r) => !r.ok)),
    );
    assert.equal(report.pdfx.outputIntent, 'FOGRA39');
    const raw = execFileSync('qpdf', ['--qdf', '--object-streams=disable', file, '-'], { maxBuffer: 64 << 20 }).toString('latin1');
    assert.ok(!raw.includes('/Annots') && !raw.includes('/Link') && !raw.includes('/Outlines'));
    assert.ok(!/\brg\b|\bRG\b|DeviceRGB/.test(raw), 'no RGB operator or colour space');
    assert.match(raw, /0 0 0 1 k\s/);
    assert.match(raw, /\/Separation\s+\/All\s+\/DeviceCMYK/, 'crop marks in the registration colour');
  });

  it('reports text past the trim as an error, text near it and an area past it as warnings', () => {
    assert.deepEqual(
      report.inBleed.map((b) => [b.page, b.problem, b.what]),
      [
        [2, 'crosses-trim', 'text "This line runs off the page"'],
        [2, 'crosses-trim', 'a filled area'],
        [2, 'near-trim', 'text "Too near"'],
      ],
    );
    const codes = report.diagnostics.map((d) => `${d.severity} ${d.code}`);
    assert.ok(codes.includes('error preflight/in-bleed'), codes.join(', '));
    assert.ok(codes.includes('warning preflight/near-trim'), codes.join(', '));
    assert.ok(!report.diagnostics.some((d) => d.code === 'preflight/in-bleed' && d.message.startsWith('page 1')), 'the bleeding band and photo are fine');
  });
});
