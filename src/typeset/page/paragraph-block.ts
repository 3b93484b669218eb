// A paragraph of body text: justified, hyphenated, indented by its language's convention,
// its lines linked so that the page builder can set them again.
import type { Block } from '../../model/types.js';
import { bodyStyle, structEl, type BlockContext } from './block-context.js';
import { lineElements, type Element } from './flow.js';
import { MAX_HYPHENS_IN_A_ROW } from '../text/break-lines.js';
import { cjkOf } from '../text/fonts.js';
import { breakParagraph } from '../text/paragraph.js';
import { tagOf } from '../../pages/structure.js';

export function paragraphElements(bc: BlockContext, b: Extract<Block, { kind: 'paragraph' }>, prev: Block['kind'] | null, space: number): Element[] {
  const s = bc.ctx.scale;
  const h = bc.hyphens;
  const style = bodyStyle(bc);
  const para = breakParagraph(bc.ctx, {
    content: b.content,
    style,
    width: bc.width,
    indent: paragraphIndent(bc.lang, prev, s.indent * bc.scale, style.size),
    lang: bc.lang,
    pos: b.pos,
    hyphensBefore: h.isolated ? MAX_HYPHENS_IN_A_ROW : h.run,
    hyphensAfterMax: h.isolated ? 0 : undefined,
    tag: tagOf(structEl(bc, 'P')),
  });
  if (!h.isolated) h.run = para.hyphensAfter;
  return lineElements(para.lines, bc.left, prev === 'paragraph' || prev === null ? 0 : space, para);
}

/**
 * The first-line indent of a paragraph after a block of kind `prev` (null: the first).
 * Latin, Cyrillic and the rest: `indent`, only after another paragraph (one after a
 * heading, a figure or a list needs no sign that it begins). Chinese: two characters on
 * every paragraph, the first too (空两格); Japanese: one, a full-width space (字下げ).
 */
export function paragraphIndent(lang: string, prev: Block['kind'] | null, indent: number, size: number): number {
  const cjk = cjkOf(lang);
  if (cjk) return (cjk === 'zh' ? 2 : 1) * size;
  return prev === 'paragraph' ? indent : 0;
}
