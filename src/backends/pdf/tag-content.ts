// Tagged PDF from the items' tags: each drawn item goes inside a marked-content sequence,
// either one of the structure element it belongs to (`/P <</MCID n>> BDC … EMC`) or an
// artifact (running heads and folios as pagination, decoration as layout). Neighbouring
// items of the same element on a page share one sequence; an element met on several pages
// or columns (a paragraph running on) is one element with a sequence on each.
//
// The tree itself is the typesetter's (`structureTree`): this module only hands it to
// pdfkit after the last page, an element's own content before its child elements.
import type PDFDocument from 'pdfkit';
import type { DrawnItem, StructElement } from '../../pages/page.js';
import type { StructTree } from '../../pages/structure.js';

type Doc = InstanceType<typeof PDFDocument>;
type Content = PDFKit.PDFStructureContent;

/** What the open marked-content sequence is for. */
type Open = StructElement | 'pagination' | 'layout';

export class ContentTagger {
  private open: Open | null = null;
  /** Marked content of each element, in drawing order. */
  private readonly contents = new Map<StructElement, Content[]>();

  constructor(
    private readonly doc: Doc,
    private readonly tree: StructTree,
  ) {}

  /** Opens the sequence the item is drawn in, unless it is the one already open. */
  mark(it: DrawnItem): void {
    const want: Open = !it.tag ? 'layout' : 'el' in it.tag ? it.tag.el : it.tag.artifact;
    if (want === this.open) return;
    this.close();
    if (typeof want === 'string') {
      this.doc.markContent('Artifact', { type: want === 'pagination' ? 'Pagination' : 'Layout' });
    } else {
      const content = this.doc.markStructureContent(want.role);
      const list = this.contents.get(want);
      if (list) list.push(content);
      else this.contents.set(want, [content]);
    }
    this.open = want;
  }

  /** Closes the open sequence (at the end of every page: a sequence never spans pages). */
  close(): void {
    if (this.open === null) return;
    this.doc.endMarkedContent();
    this.open = null;
  }

  /** The structure tree under the StructTreeRoot, after the last page. */
  finish(): void {
    this.close();
    const build = (el: StructElement): PDFKit.PDFStructureElement => {
      const options: { lang?: string; title?: string; alt?: string } = {};
      if (el.lang) options.lang = el.lang;
      if (el.title) options.title = el.title;
      if (el.alt) options.alt = el.alt;
      const node = this.doc.struct(el.role, options);
      for (const c of this.contents.get(el) ?? []) node.add(c);
      for (const k of this.tree.kids.get(el) ?? []) node.add(build(k));
      return node;
    };
    for (const root of this.tree.roots) {
      const node = build(root);
      this.doc.addStructure(node);
      node.end();
    }
  }
}
