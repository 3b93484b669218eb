// A digest of pages as the PDF writer reads them: two page lists with the same digest draw the
// same PDF (given the same images, fonts and metadata). For keeping drawn PDFs between builds
// (src/parallel/kept-task.ts) and for finding which pages of an issue an edit changed (the
// preview shows those first).
import { createHash } from 'node:crypto';
import { isDrawn, type Page, type StructElement } from './page.js';

/** sha256 of the pages' canonical text. */
export function digestOfPages(pages: readonly Page[]): string {
  return createHash('sha256').update(canonical(pages)).digest('hex');
}

/**
 * The pages by value only, as text (a layout kept from an earlier build shares objects
 * differently from one set afresh, which v8's serializer would tell apart). Structure
 * elements are numbered through the whole issue, so a paragraph added to one article
 * renumbers every element after it; the writer only orders siblings by number, so each
 * element is named by its rank among the pages' own. The page builder's log (for the debug
 * dump) is left out.
 */
function canonical(pages: readonly Page[]): string {
  const reached = new Set<StructElement>();
  for (const p of pages)
    for (const it of p.items)
      if (isDrawn(it) && it.tag && 'el' in it.tag) for (let el: StructElement | undefined = it.tag.el; el && !reached.has(el); el = el.parent) reached.add(el);
  const ranked = [...reached].sort((a, b) => a.id - b.id);
  const rank = new Map(ranked.map((el, i) => [el, i]));
  const elements = ranked.map(({ id: _id, parent, ...rest }) => ({ ...rest, parent: parent ? rank.get(parent) : -1 }));
  // Copies with each element's rank in place of the element, read by JSON.stringify with no
  // replacer (a replacer called for every key of every item cost most of the time).
  const plain = pages.map(({ log: _log, ...page }) => ({
    ...page,
    items: page.items.map((it) => (isDrawn(it) && it.tag && 'el' in it.tag ? { ...it, tag: { el: rank.get(it.tag.el) } } : it)),
  }));
  return JSON.stringify({ elements, pages: plain });
}
