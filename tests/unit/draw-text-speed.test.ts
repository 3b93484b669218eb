// The text drawer keeps each word's codes per document and font once encoded (draw-text.ts).
// These PDFs are drawn twice, once through it and once through a plain drawer that asks
// pdfkit to encode every word every time (as draw-text.ts did before it kept them): the bytes
// must be the same, fonts, subsets, widths and ToUnicode maps included.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import PDFDocument from 'pdfkit';
import { drawText, num } from '../../src/backends/pdf/draw-text.js';
import type { TextItem } from '../../src/pages/page.js';
import { BUNDLED_FONTS } from '../../src/settings/fonts.js';
import { openFont } from '../../src/vendor/fontkit.js';
import { addContent, type Doc, type GlyphPos, registerParsedFont, useFont } from '../../src/vendor/pdfkit.js';

const FILE = BUNDLED_FONTS.body.regular;
const HEADING = BUNDLED_FONTS.heading.regular;

/** The written rounding, as the drawer had it before its integer shortcut. */
const plainNum = (n: number): string => {
  const v = Math.round(n * 1e6) / 1e6;
  return String(v === 0 ? 0 : v);
};

/** The drawer without anything kept: every word encoded by pdfkit, every position copied. */
function plainDraw(doc: Doc, it: TextItem, lineEndSpace: boolean): void {
  const { font, pageHeight: h } = useFont(doc, it.font, it.file, it.size);
  const encoded: string[] = [];
  const positions: GlyphPos[] = [];
  const extra = ((it.wordSpacing ?? 0) * 1000) / it.size;
  const space = () => {
    const [e, p] = font.encode(' ');
    return { glyph: e[0], pos: p[0], real: font.font.glyphForCodePoint(32).id !== 0 };
  };
  for (const tok of it.text.split(/( +)/)) {
    if (!tok) continue;
    if (tok[0] === ' ') {
      const { glyph, pos } = space();
      for (let i = 0; i < tok.length; i++) {
        encoded.push(glyph);
        positions.push({ ...pos, xAdvance: pos.xAdvance + extra });
      }
    } else {
      const [e, p] = font.encode(tok);
      encoded.push(...e);
      positions.push(...p.map((q) => ({ ...q })));
    }
  }
  if (!encoded.length) return;
  const sp = lineEndSpace && it.spaceAfter ? space() : undefined;
  if (sp?.real) {
    encoded.push(sp.glyph);
    positions.push({ ...sp.pos, xAdvance: 0 });
  }
  doc.save();
  doc.fillColor(it.color);
  doc.transform(1, 0, 0, -1, 0, h);
  const y = h - it.y;
  addContent(doc, 'BT');
  addContent(doc, `1 0 0 1 ${plainNum(it.x)} ${plainNum(y)} Tm`);
  addContent(doc, `/${font.id} ${plainNum(it.size)} Tf`);
  if (it.letterSpacing) addContent(doc, `${plainNum(it.letterSpacing)} Tc`);
  const scale = it.size / 1000;
  const commands: string[] = [];
  let last = 0;
  let x = it.x;
  let hadOffset = false;
  const segment = (cur: number) => {
    if (last < cur) {
      const p = positions[cur - 1];
      commands.push(`<${encoded.slice(last, cur).join('')}> ${plainNum(-(p.xAdvance - p.advanceWidth))}`);
    }
    last = cur;
  };
  const flush = (i: number) => {
    segment(i);
    if (commands.length) addContent(doc, `[${commands.splice(0).join(' ')}] TJ`);
  };
  positions.forEach((p, i) => {
    if (p.xOffset || p.yOffset) {
      flush(i);
      addContent(doc, `1 0 0 1 ${plainNum(x + p.xOffset * scale)} ${plainNum(y + p.yOffset * scale)} Tm`);
      flush(i + 1);
      hadOffset = true;
    } else {
      if (hadOffset) {
        addContent(doc, `1 0 0 1 ${plainNum(x)} ${plainNum(y)} Tm`);
        hadOffset = false;
      }
      if (p.xAdvance - p.advanceWidth !== 0) segment(i + 1);
    }
    x += p.xAdvance * scale + (it.letterSpacing ?? 0);
  });
  flush(positions.length);
  addContent(doc, 'ET');
  doc.restore();
}

const run = (text: string, more: Partial<TextItem> = {}): TextItem => ({
  kind: 'text',
  x: 72.25,
  y: 100,
  font: 'body:regular',
  file: FILE,
  size: 10.5,
  text,
  color: '#202020',
  width: 0,
  ...more,
});

// A ligature (fi), kerned pairs (AV, To), combining marks placed with offsets (q̃, x̣́),
// justified word spacing, letter spacing, runs of spaces, a line-end space, a second font,
// tabs (which pdfkit shapes apart).
const RUNS: TextItem[] = [
  run('The fine office AVATAR To Wa', { wordSpacing: 1.37, spaceAfter: true }),
  run('q\u0303 x\u0301\u0323y  fit  ', { y: 120.5, wordSpacing: 0.4 }),
  run('SMALL CAPS AV', { y: 140, letterSpacing: 0.6, spaceAfter: true }),
  run('To fit AVA', { y: 160, font: 'heading:regular', file: HEADING, size: 14 }),
  run('   ', { y: 180 }),
  run('a\tb c\t d\t\te', { y: 185, font: 'heading:regular', file: HEADING }),
  run('', { y: 190 }),
];

type Draw = (doc: Doc, it: TextItem, lineEndSpace: boolean) => void;
const kept: Draw = (doc, it, lineEndSpace) => drawText(doc, it, it.font, it.file, undefined, lineEndSpace);

/** A PDF of one page per list of runs, drawn by `draw`; uncompressed, so that a difference reads. */
function pdf(draw: Draw, pages: TextItem[][]): Promise<string> {
  const date = new Date(Date.UTC(2024, 0, 2));
  const doc = new PDFDocument({ autoFirstPage: false, compress: false, info: { CreationDate: date, ModDate: date } });
  const chunks: Buffer[] = [];
  const done = new Promise<string>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks).toString('latin1'))));
  doc.on('data', (c: Buffer) => chunks.push(c));
  registerParsedFont(doc, 'body:regular', openFont(FILE));
  registerParsedFont(doc, 'heading:regular', openFont(HEADING));
  for (const runs of pages) {
    doc.addPage({ size: [300, 300], margin: 0 });
    for (const [i, it] of runs.entries()) draw(doc, it, i % 2 === 0);
  }
  doc.end();
  return done;
}

describe('text drawn with its words kept per document', () => {
  it('exercises a ligature, kerning and a mark with an offset', () => {
    const font = openFont(FILE) as unknown as { layout(s: string): { glyphs: { advanceWidth: number }[]; positions: GlyphPos[] } };
    assert.equal(font.layout('fi').glyphs.length, 1);
    const av = font.layout('AV');
    assert.notEqual(av.positions[0].xAdvance, av.glyphs[0].advanceWidth);
    assert.ok(font.layout('q\u0303').positions.some((p) => p.xOffset || p.yOffset));
  });

  it('gives the bytes of encoding every word, the same runs twice in one document and in two', async () => {
    // Documents one after the other in one process, as a build writes them: the second meets
    // its words in another order, with other glyph numbers in its subset.
    const docs = [[RUNS, [...RUNS].reverse(), RUNS], [[RUNS[3], RUNS[1]], RUNS], [RUNS.slice(1)]];
    for (const pages of docs) {
      const ours = await pdf(kept, pages);
      const plain = await pdf(plainDraw, pages);
      assert.equal(ours, plain);
      assert.match(ours, /TJ/);
    }
    // Marks were drawn at text matrices of their own.
    const one = await pdf(kept, [RUNS]);
    assert.ok((one.match(/ Tm\n/g) ?? []).length > RUNS.length + 2);
  });

  it('writes numbers as before: six decimals at most, no -0', () => {
    const values = [0, -0, 1, -1, 72, 1e-7, -1e-7, 0.1 + 0.2, 12.5, -3.0000004, 123456.7890123, 841.89, 1e9, -1e9 - 0.5, 2 ** 40, 1e21, -12.3456785];
    for (let i = 0; i < 500; i++) values.push((i * 7.123456789) % 613, -i / 3, i * 1000);
    for (const v of values) assert.equal(num(v), plainNum(v), String(v));
  });
});
