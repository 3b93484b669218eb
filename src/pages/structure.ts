// The logical structure of one document as the typesetter makes it: elements numbered in
// the order they are made (reading order), and the tags that tie drawn items to them.
// The PDF writer turns what the items point at into the tagged PDF's structure tree.
import { isDrawn, type Item, type ItemTag, type Page, type StructElement, type StructRole } from './page.js';

export interface StructProps {
  lang?: string;
  title?: string;
  alt?: string;
}

/** One document's elements: a `Document` root, and a counter that numbers the rest. */
export class Structure {
  private count = 0;
  readonly root: StructElement;

  constructor() {
    this.root = { id: this.count++, role: 'Document' };
  }

  /** How many elements have been made (the next one's number). */
  get made(): number {
    return this.count;
  }

  /**
   * Makes room for `n` elements made elsewhere (a layout kept from an earlier build): returns
   * the number the first of them takes, as if they had been made here now.
   */
  reserve(n: number): number {
    const first = this.count;
    this.count += n;
    return first;
  }

  /** A new element under `parent`, read after every element made before it. */
  add(role: StructRole, parent: StructElement, props: StructProps = {}): StructElement {
    const { lang, title, alt } = props;
    return { id: this.count++, role, parent, ...(lang ? { lang } : {}), ...(title ? { title } : {}), ...(alt ? { alt } : {}) };
  }
}

/** The tag of an element's content. */
export const tagOf = (el: StructElement): ItemTag => ({ el });

/** Marks on the page that are running heads and folios. */
export const PAGINATION: ItemTag = { artifact: 'pagination' };

/** Tags the drawn items that have no tag yet (in place); returns them. */
export function tagItems<T extends Item>(items: T[], tag: ItemTag | undefined): T[] {
  if (tag) for (const it of items) if (isDrawn(it) && !it.tag) it.tag = tag;
  return items;
}

/** Copies of the items as page furniture (a table header repeated at a column's head). */
export function asPagination(items: readonly Item[]): Item[] {
  return items.map((it) => (isDrawn(it) ? { ...it, tag: PAGINATION } : it));
}

/** The elements the pages' items point at, with their ancestors. */
export interface StructTree {
  /** Elements without a parent (the Document). */
  roots: StructElement[];
  /** Each element's children, in reading order. */
  kids: ReadonlyMap<StructElement, readonly StructElement[]>;
}

/**
 * The structure tree of a document's pages: every element some drawn item points at and
 * its ancestors, siblings in the order they were made. Elements nothing was drawn for (a
 * layout tried and dropped, an empty table cell) are not in it.
 */
export function structureTree(pages: readonly Page[]): StructTree {
  const kids = new Map<StructElement, StructElement[]>();
  const roots: StructElement[] = [];
  const reach = (el: StructElement): void => {
    if (kids.has(el)) return;
    kids.set(el, []);
    if (!el.parent) {
      roots.push(el);
      return;
    }
    reach(el.parent);
    kids.get(el.parent)!.push(el);
  };
  for (const p of pages) for (const it of p.items) if (isDrawn(it) && it.tag && 'el' in it.tag) reach(it.tag.el);
  const byId = (a: StructElement, b: StructElement) => a.id - b.id;
  roots.sort(byId);
  for (const list of kids.values()) list.sort(byId);
  return { roots, kids };
}
