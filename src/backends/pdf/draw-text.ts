// One text run drawn at its baseline with pdfkit's embedded font, below pdfkit's text
// layer: pdfkit never wraps, moves or paginates our text. The run is shaped word by
// word (as the typesetter measured it); each space stays a real space glyph, widened by
// the run's word spacing, so text extraction still sees the spaces. In a tagged PDF a line
// broken at a space ends with that space too, drawn with no advance (it shows nothing), so
// that the text of a structure element reads "one line next" rather than "one linenext".
//
// Speed: a build draws the same words many times, in several documents. A word is shaped once
// per font file for the process (`encodeWord`), and encoded the first time a document draws
// it, its glyphs added to that document's font subset in order, as pdfkit's `encode` would;
// after that the document gives it the same codes, so they are kept per document and font.
import type { TextItem } from '../../pages/page.js';
import { addContent, addOperators, encodeWord, shapeWord, useFont, type Doc, type EmbeddedFont, type ShapedGlyph } from '../../vendor/pdfkit.js';

/** A number as written in the content stream: six decimals at most, no `-0`. */
export const num = (n: number): string => {
  // An integer (the common case for positions in whole points) is its own rounding.
  if (Number.isInteger(n) && n < 1e9 && n > -1e9) return String(n);
  const v = Math.round(n * 1e6) / 1e6;
  return String(v === 0 ? 0 : v);
};

/** A font's space as encoded (once per embedded font); `real`: not the font's .notdef. */
interface Space {
  code: string;
  glyph: ShapedGlyph;
  real: boolean;
}

/** A word as encoded in one document: each glyph's code there, and its shape. */
interface Word {
  codes: string[];
  glyphs: ShapedGlyph[];
}

/** What one document's embedded font has encoded so far: its space, its words. */
interface Encoded {
  space?: Space;
  words: Map<string, Word>;
}
// Keyed by each document's own embedded fonts, so it is dropped with the document; a word is
// only read back from the document that encoded it, whose subset already holds its glyphs.
const encodedBy = new WeakMap<EmbeddedFont, Encoded>();

function encodedOf(font: EmbeddedFont): Encoded {
  let e = encodedBy.get(font);
  if (!e) encodedBy.set(font, (e = { words: new Map() }));
  return e;
}

function spaceOf(font: EmbeddedFont, file: string, enc: Encoded): Space {
  let sp = enc.space;
  if (!sp) {
    const { codes, glyphs } = encodeWord(font, file, ' ');
    sp = { code: codes[0], glyph: glyphs[0], real: font.font.glyphForCodePoint(32).id !== 0 };
    enc.space = sp;
  }
  return sp;
}

function wordOf(font: EmbeddedFont, file: string, enc: Encoded, text: string): Word {
  let w = enc.words.get(text);
  if (!w) enc.words.set(text, (w = encodeWord(font, file, text)));
  return w;
}

// The run's glyphs, reused from one run to the next (drawing never re-enters): each glyph's
// code, its shape, and its advance as drawn (word spacing included; none for a line-end space).
const codes: string[] = [];
const glyphs: ShapedGlyph[] = [];
const advances: number[] = [];

/**
 * Each glyph `drawText` would draw for `it` in `font` (read from `file`), shaped but not encoded,
 * in drawing order; a piece pdfkit shapes itself (`shapeWord`) gives none.
 */
export function runGlyphs(font: EmbeddedFont, file: string, it: TextItem, lineEndSpace: boolean, add: (g: ShapedGlyph) => void): void {
  const text = it.text;
  for (let start = 0; start < text.length; ) {
    let end = start + 1;
    const space = text.charCodeAt(start) === 32;
    while (end < text.length && (text.charCodeAt(end) === 32) === space) end++;
    const glyphs = shapeWord(font, file, space ? ' ' : text.slice(start, end));
    for (const g of glyphs ?? []) add(g);
    start = end;
  }
  if (text.length && lineEndSpace && it.spaceAfter) add(shapeWord(font, file, ' ')![0]);
}

/** What a page drew with each embedded font: its words and spaces (`' '`), in the order first drawn. */
export type DrawnWords = Map<EmbeddedFont, Set<string>>;

/**
 * The codes in `font`'s subset of the glyphs of `words` (as `DrawnWords` holds them), each
 * once, in the order first drawn: for a font the document has not shown these glyphs yet, the
 * order drawing the words adds them to its subset.
 */
export function codesDrawn(font: EmbeddedFont, words: Iterable<string>): number[] {
  const enc = encodedOf(font);
  const codes = new Set<number>();
  for (const w of words) {
    const word = w === ' ' ? enc.space && { codes: [enc.space.code] } : enc.words.get(w);
    if (!word) throw new Error(`the word ${JSON.stringify(w)} was drawn but not encoded`);
    for (const c of word.codes) codes.add(Number.parseInt(c, 16));
  }
  return [...codes];
}

/**
 * `setColor` sets the fill colour (pdfkit's RGB when absent); it runs outside the text
 * object. `lineEndSpace`: draw the space the line was broken at (`it.spaceAfter`).
 * `drawn`: where the page's words are noted, by font.
 */
export function drawText(doc: Doc, it: TextItem, fontName: string, fontFile: string, setColor?: () => void, lineEndSpace = false, drawn?: DrawnWords): void {
  const { font, pageHeight: h } = useFont(doc, fontName, fontFile, it.size);
  const enc = encodedOf(font);
  let noted = drawn?.get(font);
  if (drawn && !noted) drawn.set(font, (noted = new Set()));

  let n = 0;
  const extra = ((it.wordSpacing ?? 0) * 1000) / it.size;
  const text = it.text;
  // Words and runs of spaces, as `text.split(/( +)/)` would give them, without the array.
  for (let start = 0; start < text.length; ) {
    let end = start + 1;
    if (text.charCodeAt(start) === 32) {
      while (end < text.length && text.charCodeAt(end) === 32) end++;
      const { code, glyph } = spaceOf(font, fontFile, enc);
      noted?.add(' ');
      for (let i = start; i < end; i++, n++) {
        codes[n] = code;
        glyphs[n] = glyph;
        advances[n] = glyph.xAdvance + extra;
      }
    } else {
      while (end < text.length && text.charCodeAt(end) !== 32) end++;
      const piece = text.slice(start, end);
      const word = wordOf(font, fontFile, enc, piece);
      noted?.add(piece);
      for (let i = 0; i < word.codes.length; i++, n++) {
        const g = word.glyphs[i];
        codes[n] = word.codes[i];
        glyphs[n] = g;
        advances[n] = g.xAdvance;
      }
    }
    start = end;
  }
  if (!n) return;
  const space = lineEndSpace && it.spaceAfter ? spaceOf(font, fontFile, enc) : undefined;
  if (space) noted?.add(' ');
  if (space?.real) {
    codes[n] = space.code;
    glyphs[n] = space.glyph;
    advances[n] = 0;
    n++;
  }

  // The run goes to the content stream in one piece (`q` apart, before the colour), as
  // pdfkit's save, transform and restore would write it, without their bookkeeping: nothing
  // drawn here reads pdfkit's transformation matrix, and it is restored as it was.
  addContent(doc, 'q');
  if (setColor) setColor();
  else doc.fillColor(it.color);
  const x0 = it.x;
  const y = h - it.y;
  let ops = `1 0 0 -1 0 ${num(h)} cm\nBT\n1 0 0 1 ${num(x0)} ${num(y)} Tm\n/${font.id} ${num(it.size)} Tf`;
  if (it.letterSpacing) ops += `\n${num(it.letterSpacing)} Tc`;

  // Glyphs in TJ arrays; an adjustment wherever the advance differs from the glyph's
  // own width (kerning, word spacing); a new text matrix for marks with offsets.
  const scale = it.size / 1000;
  const letterSpacing = it.letterSpacing ?? 0;
  let inArray = false; // a TJ array is open in `ops`
  let hex = ''; // the codes of the glyphs since the last adjustment
  let x = x0;
  let hadOffset = false;
  // The last adjustment written (the spaces of a justified line share theirs).
  let adjusted = Number.NaN;
  let adjustedText = '';
  // Ends the glyphs since the last adjustment at glyph `last` (included), with its adjustment.
  const segment = (last: number) => {
    if (hex) {
      const adjust = -(advances[last] - glyphs[last].advanceWidth);
      if (adjust !== adjusted) {
        adjusted = adjust;
        adjustedText = num(adjust);
      }
      ops += `${inArray ? ' ' : '\n['}<${hex}> ${adjustedText}`;
      inArray = true;
      hex = '';
    }
  };
  const flush = (last: number) => {
    segment(last);
    if (inArray) {
      ops += '] TJ';
      inArray = false;
    }
  };
  for (let i = 0; i < n; i++) {
    const p = glyphs[i];
    const adv = advances[i];
    if (p.xOffset || p.yOffset) {
      flush(i - 1);
      ops += `\n1 0 0 1 ${num(x + p.xOffset * scale)} ${num(y + p.yOffset * scale)} Tm`;
      hex = codes[i];
      flush(i);
      hadOffset = true;
    } else {
      if (hadOffset) {
        ops += `\n1 0 0 1 ${num(x)} ${num(y)} Tm`;
        hadOffset = false;
      }
      hex += codes[i];
      if (adv - p.advanceWidth !== 0) segment(i);
    }
    x += adv * scale + letterSpacing;
  }
  flush(n - 1);
  addOperators(doc, `${ops}\nET\nQ`);
}
