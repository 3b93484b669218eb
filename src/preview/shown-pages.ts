// The pages the preview shows, each taken from the PDF it came in: the first build's whole
// issue, then, after an edit, a small PDF of the pages the edit changed over the pages shown
// before. A page's image is rendered once per PDF it comes from, so the pages an edit left
// alone are not rendered again.
import type { PageRenderer } from './page-renderer.js';

/** Where page n of the issue is: page `index` (from 1) of `renderer`'s PDF. */
interface Source {
  renderer: PageRenderer;
  index: number;
}

export class ShownPages {
  private constructor(private readonly sources: readonly Source[]) {}

  /** Every page of one PDF: the issue's own. */
  static whole(renderer: PageRenderer): ShownPages {
    return new ShownPages(Array.from({ length: renderer.pages }, (_, i) => ({ renderer, index: i + 1 })));
  }

  /**
   * The pages of `before` with those `changed` names (indexes from 0) taken, in order, from
   * `renderer`'s PDF; `total` pages in all. Undefined when they do not fit together (the PDF
   * has another number of pages, or a page is neither changed nor shown before).
   */
  static over(before: ShownPages, renderer: PageRenderer, changed: readonly number[], total: number): ShownPages | undefined {
    if (changed.length !== renderer.pages) return undefined;
    const fresh = new Map(changed.map((page, k) => [page, k + 1]));
    const sources: Source[] = [];
    for (let i = 0; i < total; i++) {
      const k = fresh.get(i);
      const source = k !== undefined ? { renderer, index: k } : before.sources[i];
      if (!source) return undefined;
      sources.push(source);
    }
    return new ShownPages(sources);
  }

  get pages(): number {
    return this.sources.length;
  }

  /** Page n's size in points, [width, height]. */
  pageSize(n: number): [number, number] | undefined {
    const s = this.source(n);
    return s?.renderer.pageSize(s.index);
  }

  /** Page n (from 1) as a PNG, or undefined past the last page. */
  png(n: number): Buffer | undefined {
    const s = this.source(n);
    return s?.renderer.png(s.index);
  }

  /** Page n's text, a line a line. */
  text(n: number): string | undefined {
    const s = this.source(n);
    return s?.renderer.text(s.index);
  }

  /** Lets go of the PDFs none of `kept`'s pages come from (all of them when nothing is kept). */
  release(kept?: ShownPages): void {
    const still = new Set(kept?.sources.map((s) => s.renderer));
    for (const r of new Set(this.sources.map((s) => s.renderer))) if (!still.has(r)) r.close();
  }

  private source(n: number): Source | undefined {
    return Number.isInteger(n) && n >= 1 && n <= this.sources.length ? this.sources[n - 1] : undefined;
  }
}
