// A code block: mono, unjustified, long lines wrapped.
import type { Position } from '../../model/types.js';
import { structEl, type BlockContext } from './block-context.js';
import type { Element } from './flow.js';
import { fontKey } from '../text/fonts.js';
import { charWidth, plainRuns } from '../text/paragraph.js';
import { baselineOf } from '../text/paragraph-spec.js';
import type { Item } from '../../pages/page.js';
import { tagItems, tagOf } from '../../pages/structure.js';

/** A code block: mono, unjustified, long lines wrapped (at a space if one is near). */
export function codeElements(bc: BlockContext, text: string, pos: Position, space: number): Element[] {
  const s = bc.ctx.scale;
  const size = s.code.size * bc.scale;
  const leading = s.code.leading * bc.scale;
  const pad = s.code.pad * bc.scale;
  const key = fontKey('mono', 'regular');
  const avail = bc.width - 2 * pad;
  const visual: string[] = [];
  for (const raw of text.replace(/\n$/, '').split('\n')) {
    let line = raw.replace(/\t/g, '    ');
    let cont = '';
    do {
      let w = charWidth(bc.ctx, key, ' ', size) * cont.length;
      let cut = 0;
      for (const ch of line) {
        const cw = charWidth(bc.ctx, key, ch, size);
        if (w + cw > avail && cut > 0) break;
        w += cw;
        cut += ch.length;
      }
      if (cut < line.length) {
        const sp = line.lastIndexOf(' ', cut);
        if (sp > cut * 0.5) cut = sp + 1;
      }
      visual.push(cont + line.slice(0, cut));
      line = line.slice(cut);
      cont = '  ';
    } while (line.length);
  }
  const n = visual.length;
  const base = baselineOf(size, leading);
  // One Code element for all its lines; the shaded background is decoration.
  const tag = tagOf(structEl(bc, 'Code'));
  return visual.map((t, i) => {
    const top = i === 0 ? pad : 0;
    const h = leading + top + (i === n - 1 ? pad : 0);
    const items: Item[] = [{ kind: 'rect', x: bc.left, y: 0, w: bc.width, h: h + 0.05, fill: s.code.background }];
    if (t.trim()) items.push(...tagItems(plainRuns(bc.ctx, t, key, size, s.colors.text, pos, bc.left + pad, top + base), tag));
    const keep = n >= 2 && (i === 0 || i === n - 2);
    return {
      height: h,
      spaceBefore: i === 0 ? space : 0,
      breakAfter: !keep,
      items,
      baseline: top + base,
      ...(keep ? { keep: 'code' as const } : {}),
    };
  });
}
