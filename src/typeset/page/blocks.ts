// Blocks → elements of the vertical list: one handler per block kind, loud on anything
// else. Every element is set for a given left edge and width (nested quotes and lists
// narrow them).
import type { Block, Inline } from '../../model/types.js';
import { bodyStyle, structEl, type BlockContext } from './block-context.js';
import { lineElements, type Element } from './flow.js';
import { fontKey } from '../text/fonts.js';
import { figureElement } from './figures.js';
import { figureRowElements } from './figure-row.js';
import { codeElements } from './code.js';
import { noteElements } from './note-box.js';
import { paragraphElements } from './paragraph-block.js';
import { keepWithSignature, signatureElements } from './signature.js';
import { charWidth, plainRuns, setParagraph } from '../text/paragraph.js';
import { baselineOf, type TextStyle } from '../text/paragraph-spec.js';
import { tableElements } from './tables.js';
import { append, type ItemTag, type StructRole } from '../../pages/page.js';
import { tagItems, tagOf } from '../../pages/structure.js';

/** The tag of a new element under the blocks' parent. */
const newTag = (bc: BlockContext, role: StructRole): ItemTag => tagOf(structEl(bc, role));

export function blocksToElements(bc: BlockContext, blocks: readonly Block[]): Element[] {
  const out: Element[] = [];
  let prev: Block['kind'] | null = null;
  let keepNext = false;
  let spaceAfter: number | null = null;
  for (const b of blocks) {
    const els = blockElements(bc, b, prev);
    if (!els.length) continue;
    const first = els.find((e) => !e.float);
    if (first && spaceAfter !== null) {
      first.spaceBefore = spaceAfter;
      spaceAfter = null;
    }
    if (first && b.kind === 'paragraph' && b.signature) keepWithSignature(out);
    if (first && keepNext) {
      first.breakAfter = false;
      first.keep = 'heading';
      keepNext = false;
    }
    if (b.kind === 'heading') {
      keepNext = true;
      spaceAfter = bc.ctx.scale.headings[b.level].spaceAfter * bc.scale;
    }
    append(out, els);
    // A figure floats to a column's head or foot: the text around it closes up, and the
    // paragraph after it goes on as if the figure were not there (indented, no space).
    if (b.kind !== 'figure' && b.kind !== 'figure-group') prev = b.kind;
  }
  return out;
}

function blockElements(bc: BlockContext, b: Block, prev: Block['kind'] | null): Element[] {
  const s = bc.ctx.scale;
  const space = prev === null ? 0 : s.blockSpace * bc.scale;
  switch (b.kind) {
    case 'paragraph':
      return b.signature ? signatureElements(bc, b, prev === 'paragraph' ? 0 : space) : paragraphElements(bc, b, prev, space);
    case 'heading': {
      const h = s.headings[b.level];
      const style: TextStyle = {
        family: 'heading',
        italic: b.level === 4,
        size: h.size * bc.scale,
        leading: h.leading * bc.scale,
        color: s.colors.text,
        align: 'left',
        hyphenate: false,
        balance: true,
      };
      const tag = newTag(bc, `H${b.level}`);
      const lines = setParagraph(bc.ctx, { content: b.content, style, width: bc.width, lang: bc.lang, pos: b.pos, tag });
      const els = lineElements(lines, bc.left, prev === null ? 0 : h.spaceBefore * bc.scale);
      for (const e of els) {
        e.breakAfter = false;
        e.keep = 'heading';
      }
      if (els.length) els[0].items.unshift({ kind: 'anchor', name: bc.anchor(b.id), x: bc.left, y: 0 });
      return els;
    }
    case 'blockquote': {
      const q = s.quote;
      const quote = structEl(bc, 'BlockQuote');
      const inner: BlockContext = { ...bc, left: bc.left + q.indent, width: bc.width - 2 * q.indent, scale: bc.scale * q.scale, parent: quote };
      const els = blocksToElements(inner, b.blocks);
      if (b.attribution) {
        // The attribution never starts a column on its own.
        const last = els[els.length - 1];
        if (last) Object.assign(last, { breakAfter: false, keep: 'attribution' });
        const content: Inline[] = [{ kind: 'text', text: '— ', pos: b.pos }, ...b.attribution];
        const style: TextStyle = { ...bodyStyle(inner), align: 'right', hyphenate: false };
        const lines = setParagraph(bc.ctx, { content, style, width: inner.width, lang: bc.lang, pos: b.pos, tag: newTag(inner, 'P') });
        append(els, lineElements(lines, inner.left, 0.25 * style.leading));
      }
      if (els.length) els[0].spaceBefore = space;
      return els;
    }
    case 'note':
      return noteElements(bc, b, space, blocksToElements);
    case 'list':
      return listElements(bc, b, space);
    case 'table':
      return tableElements(bc, b, space);
    case 'figure':
      return [figureElement(bc, b, space)];
    case 'figure-group':
      return figureRowElements(bc, b, space);
    case 'code-block':
      return codeElements(bc, b.text, b.pos, space, b.lang);
    case 'rule': {
      const l = s.leading * bc.scale;
      const y = l / 2;
      const w = bc.width * 0.3;
      return [
        {
          height: l,
          spaceBefore: space,
          breakAfter: true,
          items: [{ kind: 'rule', x1: bc.left + (bc.width - w) / 2, y1: y, x2: bc.left + (bc.width + w) / 2, y2: y, thickness: 0.5, color: s.colors.rule }],
        },
      ];
    }
    default:
      throw new Error(`unknown block node ${(b as { kind: string }).kind}`);
  }
}

function listElements(bc: BlockContext, b: Extract<Block, { kind: 'list' }>, space: number): Element[] {
  const s = bc.ctx.scale;
  const indent = s.list.indent * bc.scale;
  const size = s.size * bc.scale;
  const leading = s.leading * bc.scale;
  const out: Element[] = [];
  const key = fontKey('body', 'regular');
  const list = structEl(bc, 'L');
  b.items.forEach((blocks, i) => {
    // LI: the marker (Lbl), then the item's blocks (LBody).
    const li = bc.structure.add('LI', list);
    const lbl = tagOf(bc.structure.add('Lbl', li));
    const body = bc.structure.add('LBody', li);
    const inner: BlockContext = { ...bc, left: bc.left + indent, width: bc.width - indent, listDepth: bc.listDepth + 1, parent: body };
    let els = blocksToElements(inner, blocks);
    if (!els.length) els = [{ height: leading, spaceBefore: 0, breakAfter: true, items: [], baseline: baselineOf(size, leading) }];
    const marker = b.ordered ? `${b.start + i}.` : bc.listDepth % 2 === 0 ? '•' : '–';
    const first = els.find((e) => !e.float) ?? els[0];
    let mw = 0;
    for (const ch of marker) mw += charWidth(bc.ctx, key, ch, size);
    const x = bc.left + indent - s.list.markerGap * bc.scale - mw;
    const y = first.baseline ?? baselineOf(size, leading);
    first.items.unshift(...tagItems(plainRuns(bc.ctx, marker, key, size, s.colors.text, b.pos, x, y), lbl));
    els[0].spaceBefore = i === 0 ? space : 0.2 * leading;
    append(out, els);
  });
  return out;
}
