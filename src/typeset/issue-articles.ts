// An issue's articles laid out one after another, each knowing where the one before ended
// (run-on layouts start an article under it), and the page each starts on.
import type { Issue } from '../model/types.js';
import { LinkIndex } from '../model/links.js';
import type { Layout, TextBlock } from '../settings/layout.js';
import type { Item, StructElement } from '../pages/page.js';
import { placeFillers } from './fillers.js';
import type { Structure } from '../pages/structure.js';
import { layoutArticle, type ArticlePages } from './article.js';
import type { TypesetContext } from './text/context.js';
import { linkResolver } from './page/dests.js';

/** Layouts of the front matter tried until their page numbers are stable. */
export const MAX_ROUNDS = 5;

export interface Body extends ArticlePages {
  /** Where its first page's items start below the text block's top (run-on articles). */
  offset: number;
  /** Space between it and the article above, with a rule in the middle. */
  gap: number;
  /** Ids of the fillers set under it on its last page. */
  fillers: string[];
}

/** A page before the articles; `head`: its folio, and the running head when given one. */
export interface FrontPageOut {
  items: Item[];
  head?: true | [string, string];
}

/**
 * Every article's pages. In a run-on layout an article starts under the one before when
 * that one's last page has room for its headline and a few lines (see layoutArticle); the
 * first one under `top`, the height the front page takes (none: it starts a page).
 */
export function layoutArticles(ctx: TypesetContext, issue: Issue, layout: Layout, geom: TextBlock, structure: Structure, top?: number): Body[] {
  const gap = 2 * ctx.scale.leading;
  const links = new LinkIndex(issue.articles);
  const out: Body[] = [];
  // How far down the last page the article before ends (the whole page: no room).
  let end = top ?? geom.height;
  // The structure element after each article that holds the fillers set under it.
  const reserved: StructElement[] = [];
  for (const a of issue.articles) {
    const room = (layout.runOn || a.runOn) && (out.length || top !== undefined) ? geom.height - end - gap : undefined;
    const body = layoutArticle({ ...ctx, linkTarget: linkResolver(links, a) }, a, geom, structure, structure.root, room);
    reserved.push(structure.add('Div', structure.root));
    const offset = body.runOn ? end + gap : 0;
    const last = body.pages[body.pages.length - 1];
    end = (body.pages.length === 1 ? offset : 0) + last.used;
    out.push({ ...body, offset, gap, fillers: [] });
  }
  for (const f of placeFillers(ctx, issue, out, geom, structure, reserved)) out[f.after].fillers.push(f.id);
  return out;
}

export function startPages(first: number, bodies: readonly ArticlePages[]): number[] {
  const out: number[] = [];
  let p = first;
  for (const b of bodies) {
    // A run-on article starts on the last page of the one before.
    if (b.runOn) p--;
    out.push(p);
    p += b.pages.length;
  }
  return out;
}
