// A row of figures (a paragraph of images): side by side, all at one height, each with its
// caption under it; more than fit a line make a grid, its columns lined up, the last line
// centred. Across the columns when one column cannot hold them all in a line. A grid taller
// than the room the page builder gives a figure is cut between lines: each part floats as a
// figure does, in order.
import type { Block, FigureBlock } from '../../model/types.js';
import { append, translateItems, type Item } from '../../pages/page.js';
import { tagOf } from '../../pages/structure.js';
import { structEl, type BlockContext } from './block-context.js';
import { MIN_FIGURE_PPI, setCaption } from './figures.js';
import type { Element } from './flow.js';

/** The narrowest an image of a row is set, in points (1.5 in): a chart still reads at that size. */
export const MIN_ROW_IMAGE = 108;

/**
 * How many of a row's images go in each line when a line holds `perLine` of them: one line
 * when they fit, else full lines of a grid and the rest in the last.
 */
export function rowCounts(n: number, perLine: number): number[] {
  const k = Math.max(1, perLine);
  return Array.from({ length: Math.ceil(n / k) }, (_, i) => Math.min(k, n - i * k));
}

/** The narrowest a caption is set under a small image (0.75 in): "Figure 12." and a word or two. */
const MIN_CAPTION_WIDTH = 54;

/**
 * The narrowest an image of the group is set: MIN_ROW_IMAGE, or a third of a column if
 * wider; a small image (an icon) at its own size, and its caption's width at the least.
 */
function leastWidth(figures: readonly FigureBlock[], column: number): number {
  const readable = Math.max(MIN_ROW_IMAGE, column / 3);
  let least = MIN_CAPTION_WIDTH;
  for (const f of figures) {
    const own = f.image.width > 0 && !f.image.vector ? (f.image.width / MIN_FIGURE_PPI) * 72 : Infinity;
    least = Math.max(least, Math.min(readable, own));
  }
  return least;
}

/** How many images at least `least` wide a line `width` wide holds. */
function perLine(width: number, least: number, gap: number): number {
  return Math.max(1, Math.floor((width + gap) / (least + gap)));
}

export function figureRowElements(bc: BlockContext, b: Extract<Block, { kind: 'figure-group' }>, space: number): Element[] {
  const s = bc.ctx.scale;
  const n = b.figures.length;
  const gap = 0.75 * s.leading * bc.scale;
  const column = bc.width;
  // Across the columns when a column cannot hold them all in a line and the page can hold more.
  const canSpan = bc.spanWidth > bc.width + 1 && bc.listDepth === 0 && bc.scale === 1;
  const least = leastWidth(b.figures, column);
  const span = canSpan && perLine(column, least, gap) < n && perLine(bc.spanWidth, least, gap) > perLine(column, least, gap);
  const width = span ? bc.spanWidth : column;
  const left = span ? 0 : bc.left;
  const counts = rowCounts(n, perLine(width, least, gap));
  const maxH = bc.columnHeight * (span ? s.maxFigureHeight * 0.8 : s.maxFigureHeight);
  const aspect = (f: FigureBlock) => (f.image.width > 0 && f.image.height > 0 ? f.image.width / f.image.height : 1);

  const lines: FigureBlock[][] = [];
  let from = 0;
  for (const c of counts) lines.push(b.figures.slice(from, (from += c)));
  // One height for every image of the group: the lowest at which a line fills the width (a
  // grid: each image its cell), no image enlarged past MIN_FIGURE_PPI, and a line with its
  // captions within a figure's greatest height (room for three caption lines kept).
  const grid = lines.length > 1;
  const cell = (width - gap * (counts[0] - 1)) / counts[0];
  // Loops, not Math.min(...): a paragraph may hold many thousands of images.
  let h = grid ? Infinity : (width - gap * (n - 1)) / b.figures.reduce((sum, f) => sum + aspect(f), 0);
  for (const f of b.figures) {
    if (grid) h = Math.min(h, cell / aspect(f));
    // (An SVG is vectors, sharp at any size.)
    if (f.image.height > 0 && !f.image.vector) h = Math.min(h, (f.image.height / MIN_FIGURE_PPI) * 72);
  }
  h = Math.min(h, maxH - s.caption.gap - 3 * s.caption.leading * bc.scale);
  h = Math.max(1, h * (bc.figureScale ?? 1));
  // A grid's cells are as wide as its widest image: its columns line up from line to line (so
  // that a reader of the text, pdftotext among them, reads the captions line by line).
  const cellWidth = grid
    ? Math.min(
        cell,
        b.figures.reduce((w, f) => Math.max(w, h * aspect(f)), MIN_CAPTION_WIDTH),
      )
    : undefined;

  // Each line an element of its own first; then lines joined into parts as tall as the page
  // builder sets figures: a column, or across the columns up to 0.8 of the page's height.
  const room = bc.columnHeight * (span ? 0.8 : 1);
  const parts: { el: Element; figs: FigureBlock[] }[] = [];
  for (const line of lines) {
    const r = rowElement(bc, line, { h, gap, width, left, cell: cellWidth });
    const last = parts[parts.length - 1];
    if (last && last.el.height + gap + r.height <= room) {
      append(last.el.items, translateItems(r.items, 0, last.el.height + gap));
      last.el.height += gap + r.height;
      if (r.notes) last.el.notes = [...(last.el.notes ?? []), ...r.notes];
      append(last.figs, line);
    } else parts.push({ el: r, figs: [...line] });
  }
  return parts.map(({ el, figs }) => {
    const what =
      figs.length > 1 ? `figures ${figs[0].number}–${figs[figs.length - 1].number} with their captions` : `figure ${figs[0].number} with its caption`;
    return {
      ...el,
      spaceBefore: space,
      breakAfter: true,
      float: span ? 'span' : 'column',
      source: { what, place: figs[0].pos, hint: 'shorten the captions, or put fewer images in the paragraph' },
    };
  });
}

interface LineBox {
  /** Height of every image. */
  h: number;
  gap: number;
  width: number;
  left: number;
  /** A grid's cell width: each image centred in its cell, its caption as wide as the cell. */
  cell?: number;
}

/** One line of the row: its images at one height, centred in the width, each caption under its image. */
function rowElement(bc: BlockContext, line: readonly FigureBlock[], box: LineBox): Element {
  const s = bc.ctx.scale;
  const { h, gap } = box;
  const ws = line.map((f) => h * (f.image.width > 0 && f.image.height > 0 ? f.image.width / f.image.height : 1));
  // A small image's caption is wider than the image, when the line has the room.
  let slots = line.map((_, i) => box.cell ?? Math.max(ws[i], MIN_CAPTION_WIDTH));
  if (slots.reduce((a, w) => a + w, 0) + gap * (line.length - 1) > box.width) slots = ws;
  const total = slots.reduce((a, w) => a + w, 0) + gap * (line.length - 1);
  let x = box.left + Math.max(0, (box.width - total) / 2);
  const items: Item[] = [];
  const notes: string[] = [];
  let height = h;
  line.forEach((f, i) => {
    const w = ws[i];
    const ix = x + (slots[i] - w) / 2;
    // The image is a Figure with its alt text (without one it is decoration), its caption a Caption after it.
    const alt = f.alt.trim();
    const figure = alt ? structEl(bc, 'Figure', { alt }) : undefined;
    items.push({ kind: 'anchor', name: bc.anchor(f.id), x: ix, y: 0 });
    items.push({ kind: 'image', imageId: f.image.id, place: f.pos, x: ix, y: 0, w, h, ...(figure ? { tag: tagOf(figure) } : {}) });
    const cap = setCaption(bc, f, slots[i]);
    append(items, translateItems(cap.items, x, h + s.caption.gap));
    height = Math.max(height, h + s.caption.gap + cap.height);
    append(notes, cap.notes);
    x += slots[i] + gap;
  });
  return { height, spaceBefore: 0, breakAfter: true, items, ...(notes.length ? { notes } : {}) };
}
