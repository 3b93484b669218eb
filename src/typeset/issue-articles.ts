// An issue's articles laid out one after another, each knowing where the one before ended
// (run-on layouts start an article under it), and the page each starts on.
import type { Issue } from '../model/types.js';
import { LinkIndex } from '../model/links.js';
import type { Layout, TextBlock } from '../settings/layout.js';
import type { Item, StructElement } from '../pages/page.js';
import { placeFillers, runtPages } from './fillers.js';
import type { Trial } from '../diagnostics/trial.js';
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
 * Every article's pages. In a run-on layout (or for an article marked `runOn`) an article
 * starts under the one before when that one's last page has room for its headline and a
 * few lines (see layoutArticle); the first one under `top`, the height the front page takes
 * (none: it starts a page). When that leaves a page mostly blank further on (the back page
 * with a few notices), a run-on article before it is tried on a page of its own, so that
 * what follows fills that page instead; the layout with fewer such pages is kept. Then the
 * fillers go where room is left.
 */
export function layoutArticles(ctx: TypesetContext, issue: Issue, layout: Layout, geom: TextBlock, structure: Structure, top?: number): Body[] {
  const gap = 2 * ctx.scale.leading;
  const links = new LinkIndex(issue.articles);
  const layOne = (i: number, end: number, mayRunOn: boolean): Laid => {
    const a = issue.articles[i];
    // Each article's warnings are held until its layout is the one kept.
    const trial = ctx.diagnostics.trial();
    const room = mayRunOn && (layout.runOn || a.runOn) && (i > 0 || top !== undefined) ? geom.height - end - gap : undefined;
    const body = layoutArticle({ ...ctx, diagnostics: trial, linkTarget: linkResolver(links, a) }, a, geom, structure, structure.root, room);
    // The structure element that holds the fillers set under it (read right after it).
    const reserved = structure.add('Div', structure.root);
    const offset = body.runOn ? end + gap : 0;
    const last = body.pages[body.pages.length - 1];
    return { body: { ...body, offset, gap, fillers: [] }, reserved, end: (body.pages.length === 1 ? offset : 0) + last.used, trial };
  };
  /** The articles from `from` on, after `prefix`'s; `alone`: one that starts a page whatever the room. */
  const layFrom = (prefix: readonly Laid[], from: number, alone?: number): Laid[] => {
    const out = prefix.slice(0, from);
    let end = from > 0 ? out[from - 1].end : (top ?? geom.height);
    for (let i = from; i < issue.articles.length; i++) {
      const l = layOne(i, end, i !== alone);
      out.push(l);
      end = l.end;
    }
    return out;
  };
  let best = layFrom([], 0);
  let worst = runtPages(
    best.map((l) => l.body),
    geom,
  );
  if (worst.length) {
    // Run-on articles shortly before the last mostly blank page, latest first.
    const last = worst[worst.length - 1];
    for (let k = last; k > 0 && k >= last - RUN_ON_TRIES; k--) {
      if (!best[k].body.runOn) continue;
      const alt = layFrom(best, k, k);
      const runts = runtPages(
        alt.map((l) => l.body),
        geom,
      );
      if (runts.length < worst.length) {
        alt[k].body.pages[0].log.unshift(`starts a page of its own, so that no page is left mostly blank (${worst.length} → ${runts.length})`);
        best = alt;
        worst = runts;
      }
    }
  }
  for (const l of best) l.trial.keep();
  const out = best.map((l) => l.body);
  for (const f of placeFillers(
    ctx,
    issue,
    out,
    geom,
    structure,
    best.map((l) => l.reserved),
  ))
    out[f.after].fillers.push(f.id);
  return out;
}

/** Articles before a mostly blank page tried on a page of their own. */
const RUN_ON_TRIES = 4;

/** One article laid out: its pages, where its fillers go, how far down its last page it ends, its warnings. */
interface Laid {
  body: Body;
  reserved: StructElement;
  end: number;
  trial: Trial;
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
