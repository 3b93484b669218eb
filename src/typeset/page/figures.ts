// A figure: the image scaled to the column (or across the columns when it is wide),
// the caption below in smaller italic after a "Figure N." label. One unbreakable float.
import type { Block, FigureBlock, Inline } from '../../model/types.js';
import { structEl, type BlockContext } from './block-context.js';
import type { Element } from './flow.js';
import { label as labelText } from '../../i18n/labels.js';
import { append, translateItems, type Item } from '../../pages/page.js';
import { setParagraph } from '../text/paragraph.js';
import type { TextStyle } from '../text/paragraph-spec.js';
import { tagOf } from '../../pages/structure.js';

/**
 * A figure is never enlarged so far that it prints under this resolution: a small picture
 * stays small and sharp rather than filling the column blurred (the preflight still warns
 * under 250 ppi).
 */
export const MIN_FIGURE_PPI = 150;

export function figureElement(bc: BlockContext, b: Extract<Block, { kind: 'figure' }>, space: number): Element {
  const s = bc.ctx.scale;
  const img = b.image;
  const aspect = img.width > 0 && img.height > 0 ? img.width / img.height : 1;
  // An SVG is vectors: sharp at any size, so set to the column (or across, when wide).
  const widest = img.width > 0 && !img.vector ? (img.width / MIN_FIGURE_PPI) * 72 : Infinity;
  // Across the columns only when it is wide, and has the pixels to be wider than a column.
  const span = bc.spanWidth > bc.width + 1 && aspect >= s.spanAspect && widest > bc.width + 1 && bc.listDepth === 0 && bc.scale === 1;
  const boxWidth = span ? bc.spanWidth : bc.width;
  const left = span ? 0 : bc.left;
  let w = Math.min(boxWidth, widest) * (bc.figureScale ?? 1);
  let h = w / aspect;
  const maxH = bc.columnHeight * (span ? s.maxFigureHeight * 0.8 : s.maxFigureHeight);
  if (h > maxH) {
    h = maxH;
    w = h * aspect;
  }
  // The image is a Figure with the alt text (an image without one is decoration); the
  // caption follows it as its own element: a reader speaks a figure's Alt instead of
  // anything inside it, so a caption within the Figure would go unheard.
  const alt = b.alt.trim();
  const figure = alt ? structEl(bc, 'Figure', { alt }) : undefined;
  const items: Item[] = [
    { kind: 'anchor', name: bc.anchor(b.id), x: left, y: 0 },
    { kind: 'image', imageId: img.id, place: b.pos, x: left + (boxWidth - w) / 2, y: 0, w, h, ...(figure ? { tag: tagOf(figure) } : {}) },
  ];
  const set = setCaption(bc, b, boxWidth);
  append(items, translateItems(set.items, left, h + s.caption.gap));
  const height = h + s.caption.gap + set.height;
  const notes = set.notes;
  const source = { what: `figure ${b.number} with its caption`, place: b.pos, hint: 'shorten the caption' };
  return { height, spaceBefore: space, breakAfter: true, items, notes: notes.length ? notes : undefined, float: span ? 'span' : 'column', source };
}

/**
 * A figure's caption, "Figure N." first when figures are numbered, in smaller italic
 * `width` wide: items from its top-left corner, its height and the notes it calls.
 */
export function setCaption(bc: BlockContext, b: FigureBlock, width: number): { items: Item[]; height: number; notes: string[] } {
  const s = bc.ctx.scale;
  const label: Inline = { kind: 'strong', children: [{ kind: 'text', text: labelText('figure', bc.lang, { n: b.number }), pos: b.pos }], pos: b.pos };
  const content: Inline[] = s.numberFigures
    ? [label, ...(b.caption?.length ? [{ kind: 'text' as const, text: ' ', pos: b.pos }, ...b.caption] : [])]
    : (b.caption ?? []);
  const style: TextStyle = {
    family: 'body',
    italic: true,
    size: s.caption.size * bc.scale,
    leading: s.caption.leading * bc.scale,
    color: s.colors.text,
    align: 'left',
    hyphenate: true,
  };
  // The caption follows the image as its own element: a reader speaks a figure's Alt
  // instead of anything inside it, so a caption within the Figure would go unheard.
  const caption = structEl(bc, 'Caption');
  const items: Item[] = [];
  const notes: string[] = [];
  let height = 0;
  for (const line of setParagraph(bc.ctx, { content, style, width, lang: bc.lang, pos: b.pos, tag: tagOf(caption) })) {
    append(items, translateItems(line.items, 0, height));
    height += line.height;
    append(notes, line.notes);
  }
  return { items, height, notes };
}
