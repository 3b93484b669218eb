// The numbers a document gives as it draws (each font's resource name, each glyph's code in its
// font's subset, each image's label) given before its first page is drawn, each in a fixed order:
// fonts by key, glyphs by their id in the font, images by id. pdfkit would give them in the order
// first used, so that a paragraph added on page 3 renumbers the glyphs first drawn after it, and
// every later page's stream changes with them. Given up front, a page's numbers depend on what
// the whole document draws, not on the pages before it: after an edit that draws no glyph or
// image the document lacked, every page the edit did not touch is drawn as before, and its kept
// stream is replayed (drawn-pages.ts).
import type { Page } from '../../pages/page.js';
import { selectFont, type Doc, type EmbeddedFont } from '../../vendor/pdfkit.js';
import { runGlyphs } from './draw-text.js';
import type { DrawnPage } from './drawn-pages.js';

interface Glyph {
  width: number;
  codePoints: number[];
}

/**
 * Opens `fonts` (key → file), adds every glyph the pages draw to the fonts' subsets, and opens
 * the images `rasters` (through `openImage`). A page with a record (`kept`, by page) gives its
 * glyphs from it; the others are shaped as drawing them shapes them.
 */
export function numberUpFront(
  doc: Doc,
  pages: readonly Page[],
  fonts: ReadonlyMap<string, string>,
  kept: readonly (DrawnPage | undefined)[],
  lineEndSpaces: boolean,
  rasters: readonly string[],
  openImage: (imageId: string) => unknown,
): void {
  const byKey = new Map<string, EmbeddedFont>();
  for (const key of [...fonts.keys()].sort()) byKey.set(key, selectFont(doc, key));
  const used = new Map<EmbeddedFont, Map<number, Glyph>>();
  const add = (font: EmbeddedFont, gid: number, width: number, codePoints: number[]) => {
    let glyphs = used.get(font);
    if (!glyphs) used.set(font, (glyphs = new Map()));
    if (!glyphs.has(gid)) glyphs.set(gid, { width, codePoints });
  };
  for (const [i, page] of pages.entries()) {
    const record = kept[i];
    if (record) {
      for (const g of record.glyphs) {
        const font = byKey.get(g.key);
        if (font) for (let j = 0; j < g.gids.length; j++) add(font, g.gids[j], g.widths[j], g.unicode[j]);
      }
      continue;
    }
    for (const it of page.items) {
      if (it.kind !== 'text') continue;
      const font = byKey.get(it.font);
      if (font) runGlyphs(font, it.file, it, lineEndSpaces, (g) => add(font, g.id, g.width, g.codePoints));
    }
  }
  for (const [font, glyphs] of used)
    for (const gid of [...glyphs.keys()].sort((a, b) => a - b)) {
      const code = font.subset.includeGlyph(gid);
      const g = glyphs.get(gid)!;
      // As encoding a word with the glyph sets them (vendor/pdfkit.ts encodeWord).
      if (font.widths[code] == null) font.widths[code] = g.width;
      if (font.unicode[code] == null) font.unicode[code] = g.codePoints;
    }
  for (const id of rasters) openImage(id);
}
