// A letter's closing signature (`**Isobel Rennie**, Kirk Wynd`): ranged right, not
// indented, and never at the head of a column away from the text it signs.
import type { Block } from '../../model/types.js';
import { bodyStyle, structEl, type BlockContext } from './block-context.js';
import { lineElements, type Element } from './flow.js';
import { setParagraph } from '../text/paragraph.js';
import { tagOf } from '../../pages/structure.js';

export function signatureElements(bc: BlockContext, b: Extract<Block, { kind: 'paragraph' }>, space: number): Element[] {
  const style = { ...bodyStyle(bc), align: 'right' as const, hyphenate: false };
  const lines = setParagraph(bc.ctx, { content: b.content, style, width: bc.width, lang: bc.lang, pos: b.pos, tag: tagOf(structEl(bc, 'P')) });
  return lineElements(lines, bc.left, space);
}

/** The text set so far may not end a column just before the signature that follows it. */
export function keepWithSignature(out: readonly Element[]): void {
  // A figure floats away from its anchor: the line before the signature is the last that does not.
  for (let i = out.length - 1; i >= 0; i--) {
    if (out[i].float) continue;
    Object.assign(out[i], { breakAfter: false, keep: 'signature' });
    return;
  }
}
