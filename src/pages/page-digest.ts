// Digests of pages as the PDF writer reads them. One page's digest names what its content stream
// is drawn from (backends/pdf/drawn-pages.ts replays a page kept under it; the preview sends the
// pages whose digest changed). A list's digest names a whole PDF: two lists with the same digest
// draw the same PDF, given the same images, fonts and metadata (src/parallel/kept-task.ts).
import { createHash } from 'node:crypto';
import { isDrawn, type Page, type StructElement } from './page.js';

/** A page's digest and what it refers to besides itself. */
interface PageDigest {
  digest: string;
  /** Its structure elements in the order the page first draws them (the digest numbers them so). */
  elements: StructElement[];
  /** Its fonts as `key=file`, sorted (the digest leaves out each item's file). */
  fonts: string[];
}

// Kept by page object: the pages go to its PDF, the press task's key and the preview.
const digests = new WeakMap<Page, PageDigest>();

/**
 * sha256 of one page by value, as text: its structure elements numbered by the order the page
 * first draws them, with their role (all its content stream says of them). Left out: what is
 * never drawn (the page builder's log, each item's source place) and each text item's font file,
 * which `fonts` names once per font. Kept per page object.
 */
export function digestOfPage(page: Page): PageDigest {
  let d = digests.get(page);
  if (d) return d;
  const local = new Map<StructElement, number>();
  const fonts = new Set<string>();
  const items = page.items.map((it) => {
    let drawn: object = it;
    if (it.kind === 'text') {
      fonts.add(`${it.font}=${it.file}`);
      const { place: _place, file: _file, ...rest } = it;
      drawn = rest;
    } else if (it.kind === 'image') {
      const { place: _place, ...rest } = it;
      drawn = rest;
    }
    if (!isDrawn(it) || !it.tag || !('el' in it.tag)) return drawn;
    const el = it.tag.el;
    let n = local.get(el);
    if (n === undefined) local.set(el, (n = local.size));
    return { ...drawn, tag: { el: n, role: el.role } };
  });
  const { log: _log, ...rest } = page;
  d = {
    digest: createHash('sha256')
      .update(JSON.stringify({ ...rest, items }))
      .digest('hex'),
    elements: [...local.keys()],
    fonts: [...fonts].sort(),
  };
  digests.set(page, d);
  return d;
}

/**
 * sha256 of the pages and of their structure. Structure elements are numbered through the whole
 * issue, so a paragraph added to one article renumbers every element after it; the writer only
 * orders siblings by number, so each element is named by its rank among the pages' own, with its
 * parent's rank and what the structure tree says of it.
 */
export function digestOfPages(pages: readonly Page[]): string {
  const each = pages.map(digestOfPage);
  const reached = new Set<StructElement>();
  for (const d of each) for (const first of d.elements) for (let el: StructElement | undefined = first; el && !reached.has(el); el = el.parent) reached.add(el);
  const ranked = [...reached].sort((a, b) => a.id - b.id);
  const rank = new Map(ranked.map((el, i) => [el, i]));
  const h = createHash('sha256');
  h.update(JSON.stringify(ranked.map(({ id: _id, parent, ...rest }) => ({ ...rest, parent: parent ? rank.get(parent) : -1 }))));
  // Each page, and which of the elements its own numbers stand for.
  for (const d of each) h.update(`\n${d.digest} ${d.elements.map((el) => rank.get(el)).join(',')}`);
  return h.digest('hex');
}
