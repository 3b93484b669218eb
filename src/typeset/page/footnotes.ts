// Footnotes: set smaller, numbered, at the foot of the column where they are first
// called. A note is a list of elements so that a long one can continue in the next column.
import type { Block, Footnote, Inline } from '../../model/types.js';
import { blocksToElements } from './blocks.js';
import { structEl, type BlockContext } from './block-context.js';
import type { Element } from './flow.js';

export function footnoteElements(bc: BlockContext, note: Footnote): Element[] {
  const s = bc.ctx.scale;
  // A Note of its own, its number and blocks inside it.
  const inner: BlockContext = { ...bc, left: 0, scale: s.footnote.size / s.size, hyphens: { run: 0, isolated: true }, parent: structEl(bc, 'Note') };
  const label: Inline = { kind: 'text', text: `${note.number}. `, pos: note.pos };
  let blocks: Block[] = note.blocks;
  if (blocks[0]?.kind === 'paragraph') {
    blocks = [{ ...blocks[0], content: [label, ...blocks[0].content] }, ...blocks.slice(1)];
  } else {
    blocks = [{ kind: 'paragraph', content: [label], pos: note.pos }, ...blocks];
  }
  const els = blocksToElements(inner, blocks);
  for (const e of els) {
    e.breakAfter = true;
    e.float = undefined;
    e.notes = undefined;
    e.keep = undefined;
    e.para = undefined;
  }
  if (els.length) els[0].spaceBefore = 0;
  else els.push({ height: s.footnote.leading, spaceBefore: 0, breakAfter: true, items: [] });
  return els;
}
