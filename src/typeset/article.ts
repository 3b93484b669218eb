// One article → pages of items relative to the text block: opener, body in columns,
// footnotes under the columns where they are called.
import type { Article } from '../model/types.js';
import type { BlockContext } from './blocks.js';
import { blocksToElements } from './blocks.js';
import type { TypesetContext } from './context.js';
import { anchorDest, articleDest } from './dests.js';
import type { Element } from './flow.js';
import { footnoteElements } from './footnotes.js';
import { openerBlock } from './opener.js';
import { columnWidth, paginateFlow, type FlowGeometry } from './paginate.js';
import type { Item } from './pages.js';

export function layoutArticle(ctx: TypesetContext, article: Article, geom: FlowGeometry): Item[][] {
  const s = ctx.scale;
  const bc: BlockContext = {
    ctx,
    lang: article.lang,
    left: 0,
    width: columnWidth(geom),
    scale: 1,
    listDepth: 0,
    spanWidth: geom.width,
    columnHeight: geom.height,
    anchor: (id) => anchorDest(article, id),
  };
  const els = blocksToElements(bc, article.blocks);
  // Each footnote goes with the element that first calls it.
  const byId = new Map(article.footnotes.map((f) => [f.id, f]));
  const notes = new Map<Element, Element[]>();
  const seen = new Set<string>();
  for (const e of els) {
    if (!e.notes) continue;
    const mine: Element[] = [];
    for (const id of e.notes) {
      const note = byId.get(id);
      if (!note || seen.has(id)) continue;
      seen.add(id);
      mine.push(...footnoteElements(bc, note));
    }
    if (mine.length) notes.set(e, mine);
  }
  // Notes never called still print, after the last element.
  const uncalled = article.footnotes.filter((f) => !seen.has(f.id));
  if (uncalled.length) {
    const last: Element = { height: 0, spaceBefore: 0, breakAfter: true, items: [] };
    els.push(last);
    notes.set(last, uncalled.flatMap((f) => footnoteElements(bc, f)));
  }
  const top = openerBlock(ctx, article, geom.width, articleDest(article));
  return paginateFlow(els, (e) => notes.get(e), geom, {
    top,
    balance: true,
    noteSep: s.footnote.ruleGap,
    gap: s.opener.gap * 0.6,
    ruleColor: s.colors.rule,
  });
}
