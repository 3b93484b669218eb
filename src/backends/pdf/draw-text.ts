// One text run drawn at its baseline with pdfkit's embedded font, below pdfkit's text
// layer: pdfkit never wraps, moves or paginates our text. The run is shaped word by
// word (as the typesetter measured it); each space stays a real space glyph, widened by
// the run's word spacing, so text extraction still sees the spaces. In a tagged PDF a line
// broken at a space ends with that space too, drawn with no advance (it shows nothing), so
// that the text of a structure element reads "one line next" rather than "one linenext".
import type { TextItem } from '../../pages/page.js';
import { addContent, useFont, type Doc, type EmbeddedFont, type GlyphPos } from '../../vendor/pdfkit.js';

const num = (n: number): string => {
  const v = Math.round(n * 1e6) / 1e6;
  return String(v === 0 ? 0 : v);
};

/** A font's space as encoded (once per embedded font); `real`: not the font's .notdef. */
interface Space {
  glyph: string;
  pos: GlyphPos;
  real: boolean;
}
// Keyed by each document's own embedded fonts, so it is dropped with the document: not a memo.
const spaces = new WeakMap<EmbeddedFont, Space>();

function spaceOf(font: EmbeddedFont): Space {
  let sp = spaces.get(font);
  if (!sp) {
    const [e, p] = font.encode(' ');
    sp = { glyph: e[0], pos: p[0], real: font.font.glyphForCodePoint(32).id !== 0 };
    spaces.set(font, sp);
  }
  return sp;
}

/**
 * `setColor` sets the fill colour (pdfkit's RGB when absent); it runs outside the text
 * object. `lineEndSpace`: draw the space the line was broken at (`it.spaceAfter`).
 */
export function drawText(doc: Doc, it: TextItem, fontName: string, fontFile: string, setColor?: () => void, lineEndSpace = false): void {
  const { font, pageHeight: h } = useFont(doc, fontName, fontFile, it.size);

  const encoded: string[] = [];
  const positions: GlyphPos[] = [];
  const extra = ((it.wordSpacing ?? 0) * 1000) / it.size;
  for (const tok of it.text.split(/( +)/)) {
    if (!tok) continue;
    if (tok[0] === ' ') {
      const { glyph, pos } = spaceOf(font);
      for (let i = 0; i < tok.length; i++) {
        encoded.push(glyph);
        positions.push({ ...pos, xAdvance: pos.xAdvance + extra });
      }
    } else {
      const [e, p] = font.encode(tok);
      for (let i = 0; i < e.length; i++) {
        encoded.push(e[i]);
        positions.push({ ...p[i] });
      }
    }
  }
  if (!encoded.length) return;
  const space = lineEndSpace && it.spaceAfter ? spaceOf(font) : undefined;
  if (space?.real) {
    encoded.push(space.glyph);
    positions.push({ ...space.pos, xAdvance: 0 });
  }

  doc.save();
  if (setColor) setColor();
  else doc.fillColor(it.color);
  doc.transform(1, 0, 0, -1, 0, h);
  const x0 = it.x;
  const y = h - it.y;
  addContent(doc, 'BT');
  addContent(doc, `1 0 0 1 ${num(x0)} ${num(y)} Tm`);
  addContent(doc, `/${font.id} ${num(it.size)} Tf`);
  if (it.letterSpacing) addContent(doc, `${num(it.letterSpacing)} Tc`);

  // Glyphs in TJ arrays; an adjustment wherever the advance differs from the glyph's
  // own width (kerning, word spacing); a new text matrix for marks with offsets.
  const scale = it.size / 1000;
  const commands: string[] = [];
  let last = 0;
  let x = x0;
  let hadOffset = false;
  const segment = (cur: number) => {
    if (last < cur) {
      const p = positions[cur - 1];
      commands.push(`<${encoded.slice(last, cur).join('')}> ${num(-(p.xAdvance - p.advanceWidth))}`);
    }
    last = cur;
  };
  const flush = (i: number) => {
    segment(i);
    if (commands.length) {
      addContent(doc, `[${commands.join(' ')}] TJ`);
      commands.length = 0;
    }
  };
  let i = 0;
  for (; i < positions.length; i++) {
    const p = positions[i];
    if (p.xOffset || p.yOffset) {
      flush(i);
      addContent(doc, `1 0 0 1 ${num(x + p.xOffset * scale)} ${num(y + p.yOffset * scale)} Tm`);
      flush(i + 1);
      hadOffset = true;
    } else {
      if (hadOffset) {
        addContent(doc, `1 0 0 1 ${num(x)} ${num(y)} Tm`);
        hadOffset = false;
      }
      if (p.xAdvance - p.advanceWidth !== 0) segment(i + 1);
    }
    x += p.xAdvance * scale + (it.letterSpacing ?? 0);
  }
  flush(i);
  addContent(doc, 'ET');
  doc.restore();
}
