// Pages drawn once and replayed after. A page's content stream is a function of the page and of
// three numberings of its document: each font's resource name (`F3`), each glyph's code in its
// font's subset and each image's label. The document gives them before drawing, in a fixed order
// (number-up-front.ts), so they depend on what the whole document draws, not on the pages before.
// A drawn page is kept with its compressed stream and the numbers it used; a later document (the
// next build's, after an edit) takes the stream as it is when its numbers for the page's fonts,
// glyphs and images are the same, and otherwise draws the page (an edit drew a glyph the
// document lacked, which moves the codes of the glyphs after it).
//
// After a paragraph is added to one chapter of a book, every page the edit did not touch is
// replayed in the issue's PDF, the press PDF and the articles' PDFs; the bytes are those of a
// document drawn from nothing (tests/unit/drawn-pages.test.ts).
import { createHash } from 'node:crypto';
import { handedOnMemo, memo } from '../../cache/memos.js';
import type { Page } from '../../pages/page.js';
import { digestOfPage } from '../../pages/page-digest.js';
import { selectFont, type Doc, type EmbeddedFont } from '../../vendor/pdfkit.js';
import { codesDrawn, type DrawnWords } from './draw-text.js';

/** A page as drawn into one document, with the numbers it was drawn with there. */
export interface DrawnPage {
  /** Its content stream, compressed as pdfkit compresses it. */
  content: Buffer;
  /** The fonts it selects, in the order first used, with the resource name each had. */
  fonts: { key: string; id: string }[];
  /** For each embedded font (by the key of the first font that selects it), the glyphs it drew in the order first drawn: original id, code in the subset, width, code points. */
  glyphs: { key: string; gids: number[]; codes: number[]; widths: number[]; unicode: number[][] }[];
  /** The images it draws, in the order first drawn, with the label each had. */
  images: { imageId: string; label: string }[];
}

/** What drawing a page noted for its record: fonts and images in the order first used, words by font. */
export interface PageNotes {
  fonts: Map<string, EmbeddedFont>;
  words: DrawnWords;
  images: Map<string, string>;
}

export const newNotes = (): PageNotes => ({ fonts: new Map(), words: new Map(), images: new Map() });

/**
 * The key of everything a page's content stream depends on besides the numberings: the page by
 * value (`digestOfPage`: its structure elements by their order on the page and their role), the
 * `context` (the target, whether the document is tagged) and the stamps of its font files.
 */
export function pageKey(page: Page, context: string, stampOf: (file: string) => string): string {
  const { digest, fonts } = digestOfPage(page);
  return createHash('sha256')
    .update(`${context}\n${digest}\n${fonts.map((f) => `${f} ${stampOf(f.slice(f.indexOf('=') + 1))}`).join('\n')}`)
    .digest('base64url');
}

/** The record of a page just drawn, from what drawing it noted and its compressed stream. */
export function recordPage(content: Buffer, notes: PageNotes): DrawnPage {
  const glyphs: DrawnPage['glyphs'] = [];
  const recorded = new Set<EmbeddedFont>();
  for (const [key, font] of notes.fonts) {
    const words = notes.words.get(font);
    if (!words || recorded.has(font)) continue;
    recorded.add(font);
    const codes = codesDrawn(font, words);
    glyphs.push({
      key,
      gids: codes.map((c) => font.subset.glyphs[c]),
      codes,
      widths: codes.map((c) => font.widths[c]),
      unicode: codes.map((c) => font.unicode[c]),
    });
  }
  return {
    content,
    fonts: [...notes.fonts].map(([key, font]) => ({ key, id: font.id })),
    glyphs,
    images: [...notes.images].map(([imageId, label]) => ({ imageId, label })),
  };
}

/**
 * Whether `page`'s stream stands in this document: its fonts, glyphs and images have the numbers
 * it was drawn with. A glyph the document had not numbered (none, when `numberUpFront` saw the
 * page) is numbered here as drawing the page would number it first, so a false answer leaves the
 * document as drawing the page will find it. `labelOf` opens an image (undefined: it cannot be
 * replayed, such as an SVG) and returns its label.
 */
export function replays(doc: Doc, page: DrawnPage, labelOf: (imageId: string) => string | undefined): boolean {
  const fonts = new Map<string, EmbeddedFont>();
  for (const f of page.fonts) {
    const font = selectFont(doc, f.key);
    if (font.id !== f.id) return false;
    fonts.set(f.key, font);
  }
  for (const g of page.glyphs) {
    const font = fonts.get(g.key);
    if (!font) return false;
    for (let i = 0; i < g.gids.length; i++) {
      const code = font.subset.includeGlyph(g.gids[i]);
      if (code !== g.codes[i]) return false;
      // As encoding the glyph's word sets them (draw-text.ts, vendor/pdfkit.ts encodeWord).
      if (font.widths[code] == null) font.widths[code] = g.widths[i];
      if (font.unicode[code] == null) font.unicode[code] = g.unicode[i];
    }
  }
  for (const im of page.images) if (labelOf(im.imageId) !== im.label) return false;
  return true;
}

// The pages drawn in this process by key; those drawn or replayed since they were last handed on
// go to the next process, the others are dropped (an editing session keeps its last build's).
const drawn = handedOnMemo<DrawnPage>('pdf/drawn-pages', isDrawnPage);
// Pages replayed and drawn by this process: for the tests and the benchmark.
const counts = memo<'replayed' | 'drawn', number>('pdf/drawn-pages-counts');

/** Pages replayed and drawn (with a record kept) since the process started or the memos were cleared. */
export function drawnPageCounts(): { replayed: number; drawn: number } {
  return { replayed: counts.get('replayed') ?? 0, drawn: counts.get('drawn') ?? 0 };
}

export function countPage(how: 'replayed' | 'drawn'): void {
  counts.set(how, (counts.get(how) ?? 0) + 1);
}

/** The page kept under `key`, if any. */
export const keptPage = (key: string): DrawnPage | undefined => drawn.get(key);

export const keepPage = (key: string, page: DrawnPage): void => drawn.set(key, page);

/** The pages drawn or replayed since the last call, as bytes for the next process; the rest are dropped. */
export const drawnPagesKept = (): Buffer | undefined => drawn.take();

/** Pages another process drew, taken by a process that has drawn none; anything malformed is dropped. */
export const adoptDrawnPages = (data: Buffer): void => drawn.adopt(data);

function isDrawnPage(v: unknown): v is DrawnPage {
  const p = v as Partial<DrawnPage> | undefined;
  return Buffer.isBuffer(p?.content) && Array.isArray(p.fonts) && Array.isArray(p.glyphs) && Array.isArray(p.images);
}
