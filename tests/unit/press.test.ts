// The press variant's pure parts: padding to the page multiple, the sheet around the trim,
// crop marks outside the bleed, press colours, and which edges an item bleeds from.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { luma, pressColor, colorOperator } from '../../src/backends/pdf/press-color.js';
import { cropMarks, pressGeometry } from '../../src/backends/pdf/press-geometry.js';
import { paddingFor, padPages, touchedSides } from '../../src/press/press-pages.js';
import { xmpPacket } from '../../src/backends/pdf/pdfx.js';
import type { Page } from '../../src/pages/page.js';

const page = (label: string, backCover = false): Page => ({
  width: 612,
  height: 792,
  items: [{ kind: 'text', x: 72, y: 72, font: 'body:regular', file: 'body.ttf', size: 10, text: label, color: '#000000', width: 20 }],
  ...(backCover ? { backCover } : {}),
});
const labels = (pages: Page[]) => pages.map((p) => (p.items[0]?.kind === 'text' ? p.items[0].text : '·'));

describe('padding the press PDF to the page multiple', () => {
  it('paddingFor(18, 4) → 2, paddingFor(20, 4) → 0, paddingFor(7, 1) → 0', () => {
    assert.equal(paddingFor(18, 4), 2);
    assert.equal(paddingFor(20, 4), 0);
    assert.equal(paddingFor(7, 1), 0);
    assert.equal(paddingFor(9, 8), 7);
  });

  it('adds blank pages at the end when the last page is an ordinary page (its folio stays true)', () => {
    const r = padPages(
      ['1', '2', '3', '4', '5'].map((l) => page(l)),
      4,
    );
    assert.deepEqual(labels(r.pages), ['1', '2', '3', '4', '5', '·', '·', '·']);
    assert.deepEqual(r.blank, [6, 7, 8]);
    assert.equal(r.backCover, false);
  });

  it('keeps a back cover last: the blank pages go before it', () => {
    const r = padPages([page('1'), page('2'), page('3'), page('4'), page('back', true)], 4);
    assert.deepEqual(labels(r.pages), ['1', '2', '3', '4', '·', '·', '·', 'back']);
    assert.deepEqual(r.blank, [5, 6, 7]);
    assert.equal(r.backCover, true);
  });
});

describe('the press sheet', () => {
  const g = pressGeometry(612, 792, { bleed: 9, marks: true });

  it('is trim + bleed + room for marks, TrimBox inside BleedBox inside MediaBox', () => {
    assert.deepEqual(g.bleedBox, [g.slug - 9, g.slug - 9, g.slug + 612 + 9, g.slug + 792 + 9]);
    assert.deepEqual(g.trimBox, [g.slug, g.slug, g.slug + 612, g.slug + 792]);
    assert.ok(g.slug > 9 + 18, 'room for 18 pt marks beyond the bleed');
    assert.equal(g.mediaWidth, 612 + 2 * g.slug);
  });

  it('without marks is just trim + bleed', () => {
    const bare = pressGeometry(612, 792, { bleed: 9, marks: false });
    assert.equal(bare.mediaWidth, 630);
    assert.deepEqual(bare.bleedBox, [0, 0, 630, 810]);
  });

  it('puts eight crop marks on the trim lines, all outside the bleed', () => {
    const marks = cropMarks(g);
    assert.equal(marks.length, 8);
    const [bx0, , bx1] = g.bleedBox;
    // Marks in media coordinates, y down: the bleed spans slug - 9 … slug + trim + 9.
    const top = g.slug - 9;
    const bottom = g.slug + 792 + 9;
    for (const m of marks) {
      const outsideX = Math.max(m.x1, m.x2) <= bx0 - 1 || Math.min(m.x1, m.x2) >= bx1 + 1;
      const outsideY = Math.max(m.y1, m.y2) <= top - 1 || Math.min(m.y1, m.y2) >= bottom + 1;
      assert.ok(outsideX || outsideY, `mark ${JSON.stringify(m)} enters the bleed`);
      const onTrim = [g.slug, g.slug + 612].includes(m.x1) || [g.slug, g.slug + 792].includes(m.y1);
      assert.ok(onTrim, `mark ${JSON.stringify(m)} is not on a trim line`);
      assert.ok(m.x1 >= 0 && m.y1 >= 0 && m.x2 <= g.mediaWidth && m.y2 <= g.mediaHeight, 'inside the MediaBox');
    }
  });
});

describe('press colours', () => {
  it('sets text and rules in solid black whatever their screen colour', () => {
    for (const hex of ['#1a1a1a', '#8c1d18', '#1f3f77', '#666666', '#555555']) {
      assert.equal(colorOperator(pressColor(hex, 'text', 'gray')), '0 g', hex);
      assert.equal(colorOperator(pressColor(hex, 'rule', 'cmyk'), true), '0 0 0 1 K', hex);
    }
  });

  it('leaves white text white (no ink)', () => {
    assert.equal(colorOperator(pressColor('#ffffff', 'text', 'gray')), '1 g');
    assert.equal(colorOperator(pressColor('#ffffff', 'text', 'cmyk')), '0 0 0 0 k');
  });

  it('keeps the lightness of areas as a black tint; rich black only for large near-black areas in CMYK', () => {
    assert.equal(colorOperator(pressColor('#f1f1ee', 'area', 'gray')), `${Math.round(luma('#f1f1ee') * 1000) / 1000} g`);
    assert.equal(colorOperator(pressColor('#000000', 'area', 'cmyk', 10 * 10)), '0 0 0 1 k');
    assert.equal(colorOperator(pressColor('#000000', 'area', 'cmyk', 200 * 200)), '0.6 0.4 0.4 1 k');
    assert.equal(colorOperator(pressColor('#000000', 'area', 'gray', 200 * 200)), '0 g');
  });
});

describe('bleeding items', () => {
  it('bleed from the edges they touch, and only those', () => {
    const p: Page = { width: 612, height: 792, items: [] };
    assert.deepEqual(touchedSides({ x: 0, y: 0, w: 612, h: 300 }, p, 9), { left: 9, right: 9, top: 9, bottom: 0 });
    assert.deepEqual(touchedSides({ x: 100, y: 500, w: 512, h: 292 }, p, 9), { left: 0, right: 9, top: 0, bottom: 9 });
    assert.deepEqual(touchedSides({ x: 54, y: 54, w: 300, h: 300 }, p, 9), { left: 0, right: 0, top: 0, bottom: 0 });
  });
});

describe('the XMP packet', () => {
  it('escapes the title and says what the information dictionary says', () => {
    const x = xmpPacket({
      title: 'Bread & <Roses>',
      creator: 'Pressroom',
      producer: 'Pressroom',
      date: new Date('2026-10-15T00:00:00Z'),
      trapped: 'False',
      pdfxVersion: 'PDF/X-1a:2003',
    });
    assert.match(x, /Bread &amp; &lt;Roses&gt;/);
    assert.match(x, /<xmp:CreateDate>2026-10-15T00:00:00Z<\/xmp:CreateDate>/);
    assert.match(x, /<xmp:ModifyDate>2026-10-15T00:00:00Z<\/xmp:ModifyDate>/);
    assert.match(x, /<pdf:Trapped>False<\/pdf:Trapped>/);
    assert.match(x, /<pdfxid:GTS_PDFXVersion>PDF\/X-1a:2003<\/pdfxid:GTS_PDFXVersion>/);
  });
});
