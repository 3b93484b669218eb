// Saddle-stitch imposition: printer's spreads, page n beside page N + 1 − n.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { imposeSaddle, saddleSpreads } from '../../src/press/impose.js';

describe('saddle-stitch imposition', () => {
  it('saddleSpreads(8) → 8|1, 2|7, 6|3, 4|5', () => {
    assert.deepEqual(saddleSpreads(8), [
      [8, 1],
      [2, 7],
      [6, 3],
      [4, 5],
    ]);
  });

  it('pairs every page with its partner: left + right = N + 1 on every spread', () => {
    for (const n of [4, 12, 20, 64]) {
      const spreads = saddleSpreads(n);
      assert.equal(spreads.length, n / 2);
      for (const [l, r] of spreads) assert.equal(l + r, n + 1);
      assert.deepEqual(
        spreads.flat().sort((a, b) => a - b),
        Array.from({ length: n }, (_, i) => i + 1),
      );
    }
  });

  it('imposes a 6-page PDF on 4 sheets twice as wide, with 2 blank pages added, the same bytes each time', async () => {
    const src = await PDFDocument.create();
    const font = await src.embedFont(StandardFonts.Helvetica);
    for (let i = 1; i <= 6; i++) {
      const p = src.addPage([300, 400]);
      p.setTrimBox(10, 10, 270, 370); // x, y, width, height
      p.drawText(`page ${i}`, { x: 40, y: 200, size: 20, font });
    }
    const bytes = await src.save();
    const date = new Date('2026-10-15T00:00:00Z');
    const r = await imposeSaddle(bytes, { title: 'Test', date });
    assert.equal(r.added, 2);
    assert.deepEqual(r.spreads, [
      [0, 1],
      [2, 0],
      [6, 3],
      [4, 5],
    ]);
    const out = await PDFDocument.load(r.pdf);
    assert.equal(out.getPageCount(), 4);
    assert.deepEqual(out.getPage(0).getSize(), { width: 540, height: 370 });
    assert.equal(out.getTitle(), 'Test (saddle-stitch proof)');
    assert.ok((await imposeSaddle(bytes, { title: 'Test', date })).pdf.equals(r.pdf), 'two impositions differ');
  });
});
