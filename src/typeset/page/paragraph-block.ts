// A paragraph of body text: justified, hyphenated, indented when it follows another
// paragraph, its lines linked so that the page builder can set them again.
import type { Block } from '../../model/types.js';
import { bodyStyle, structEl, type BlockContext } from './block-context.js';
import { lineElements, type Element } from './flow.js';
import { MAX_HYPHENS_IN_A_ROW } from '../text/break-lines.js';
import { breakParagraph } from '../text/paragraph.js';
import { tagOf } from '../../pages/structure.js';

export function paragraphElements(bc: BlockContext, b: Extract<Block, { kind: 'paragraph' }>, prev: Block['kind'] | null, space: number): Element[] {
  const s = bc.ctx.scale;
  const h = bc.hyphens;
  const para = breakParagraph(bc.ctx, {
    content: b.content,
    style: bodyStyle(bc),
    width: bc.width,
    indent: prev === 'paragraph' ? s.indent * bc.scale : 0,
    lang: bc.lang,
    pos: b.pos,
    hyphensBefore: h.isolated ? MAX_HYPHENS_IN_A_ROW : h.run,
    hyphensAfterMax: h.isolated ? 0 : undefined,
    tag: tagOf(structEl(bc, 'P')),
  });
  if (!h.isolated) h.run = para.hyphensAfter;
  return lineElements(para.lines, bc.left, prev === 'paragraph' || prev === null ? 0 : space, para);
}
