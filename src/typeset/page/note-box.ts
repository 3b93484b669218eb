// A note (a GitHub alert: `> [!NOTE]`, `[!WARNING]`…) set in the column: a tinted box with a
// bar down its left side, its label ("Note", "Hinweis", "警告") in bold letterspaced capitals
// over its text. The meaning is in the label's words and the bar's weight (heavier for a
// warning or a caution), never in a hue, so it reads the same printed in gray. Its lines are
// elements of the column like a quote's: a long note breaks across columns and pages, each
// piece tinted and barred on its own, the label kept with the first line.
import { noteLabel } from '../../i18n/labels.js';
import type { Block } from '../../model/types.js';
import { translateItems, type Item } from '../../pages/page.js';
import { tagOf } from '../../pages/structure.js';
import { cjkOf } from '../text/fonts.js';
import type { TextStyle } from '../text/paragraph-spec.js';
import { setParagraph } from '../text/paragraph.js';
import { structEl, type BlockContext } from './block-context.js';
import { lineElements, type Element } from './flow.js';

type Note = Extract<Block, { kind: 'note' }>;

/** The box's proportions: in body sizes (`s`) across, in leadings (`l`) down. */
export const NOTE_BOX = {
  /** The bar down the left side (s); a warning's or a caution's is twice as heavy. */
  bar: 0.16,
  /** Space between the bar (and the right edge) and the text (s). */
  padX: 0.7,
  /** Space above the label and below the last line (l). */
  padY: 0.45,
  /** Space between the label and the text (l). */
  labelGap: 0.15,
  /** The label's size (s). */
  labelSize: 0.78,
  /** The text's size, as a share of the text around it. */
  scale: 0.94,
  /** The tint: light enough for black text to keep its contrast, printed in gray or not. */
  fill: '#ecebe6',
} as const;

/**
 * The note's elements, the first `space` below what comes before it. `setBlocks` sets the
 * blocks inside (blocks.ts's `blocksToElements`, passed in so the two files do not import
 * each other).
 */
export function noteElements(bc: BlockContext, b: Note, space: number, setBlocks: (bc: BlockContext, blocks: readonly Block[]) => Element[]): Element[] {
  const s = bc.ctx.scale;
  const heavy = b.type === 'warning' || b.type === 'caution';
  const bar = (heavy ? 2 : 1) * NOTE_BOX.bar * s.size * bc.scale;
  const padX = NOTE_BOX.padX * s.size * bc.scale;
  const padY = NOTE_BOX.padY * s.leading * bc.scale;
  const box = structEl(bc, 'Div');
  const inner: BlockContext = {
    ...bc,
    left: bc.left + bar + padX,
    width: bc.width - bar - 2 * padX,
    scale: bc.scale * NOTE_BOX.scale,
    parent: box,
  };

  const size = NOTE_BOX.labelSize * s.size * bc.scale;
  const style: TextStyle = {
    family: 'body',
    bold: true,
    size,
    leading: size * 1.4,
    color: s.colors.text,
    align: 'left',
    hyphenate: false,
    uppercase: true,
    // Letterspacing is for capitals: Chinese and Japanese have none.
    ...(cjkOf(bc.lang) ? {} : { letterSpacing: s.capsSpacing }),
  };
  const label = setParagraph(bc.ctx, {
    content: [{ kind: 'text', text: noteLabel(b.type, bc.lang), pos: b.pos }],
    style,
    width: inner.width,
    lang: bc.lang,
    pos: b.pos,
    tag: tagOf(structEl(inner, 'P')),
  });
  const labelEls = lineElements(label, inner.left, 0);
  // The label never ends a column: it goes with the note's first line.
  for (const e of labelEls) Object.assign(e, { breakAfter: false, keep: 'heading' });

  const body = setBlocks(inner, b.blocks);
  const firstOfBody = body.find((e) => !e.float);
  if (firstOfBody) firstOfBody.spaceBefore = NOTE_BOX.labelGap * s.leading * bc.scale;

  const els = [...labelEls, ...body];
  const boxed = els.filter((e) => !e.float);
  boxed.forEach((e, i) => {
    // Space inside the box is part of it (tinted, kept at a column's head); the page builder
    // does not set these lines again, which would drop their tint and bar.
    const last = i === boxed.length - 1;
    const above = i === 0 ? padY : e.spaceBefore;
    const below = last ? padY : 0;
    if (above) {
      e.items = translateItems(e.items, 0, above);
      if (e.baseline !== undefined) e.baseline += above;
    }
    e.height += above + below;
    e.spaceBefore = i === 0 ? space : 0;
    e.para = undefined;
    // A hair taller but for the last, so that the tints of lines next to each other leave no gap.
    const h = e.height + (last ? 0 : 0.05);
    const decoration: Item[] = [
      { kind: 'rect', x: bc.left, y: 0, w: bc.width, h, fill: NOTE_BOX.fill },
      { kind: 'rect', x: bc.left, y: 0, w: bar, h, fill: s.colors.text },
    ];
    e.items = [...decoration, ...e.items];
  });
  return els;
}
