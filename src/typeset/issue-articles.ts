// An issue's articles laid out one after another, each knowing where the one before ended
// (run-on layouts start an article under it), and the page each starts on.
import type { Issue } from '../model/types.js';
import { LinkIndex } from '../model/links.js';
import type { Layout, TextBlock } from '../settings/layout.js';
import type { Item, StructElement } from '../pages/page.js';
import { placeFillers, runtPages } from './fillers.js';
import type { Trial } from '../diagnostics/trial.js';
import type { Structure } from '../pages/structure.js';
import { layoutArticle, type ArticlePages, type Jump } from './article.js';
import { keptLayout } from './layout-memo.js';
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
  /** Index of its article in the issue. */
  article: number;
  /** The rest of a story jumped from the front page: it starts a page under a jump head. */
  continued?: boolean;
  /**
   * Its pages' items before any filler was set under it: what its own PDF reuses when it ran
   * whole on pages of its own (not run on, not jumped), so it is not set a second time.
   */
  own?: Item[][];
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
  const layOne = (i: number, end: number, mayRunOn: boolean, jump?: Jump): Laid => {
    const a = issue.articles[i];
    // Each article's warnings are held until its layout is the one kept.
    const trial = ctx.diagnostics.trial();
    const room = mayRunOn && (layout.runOn || a.runOn) && (i > 0 || top !== undefined) ? geom.height - end - gap : undefined;
    const actx = { ...ctx, diagnostics: trial, linkTarget: linkResolver(links, a) };
    const body = keptLayout(actx, { article: a, layout, geom, room, jump }, structure, structure.root, (c) =>
      layoutArticle(c, a, geom, structure, structure.root, room, jump),
    );
    // The structure element that holds the fillers set under it (read right after it).
    const reserved = structure.add('Div', structure.root);
    const offset = body.runOn ? end + gap : 0;
    const last = body.pages[body.pages.length - 1];
    return { body: { ...body, offset, gap, fillers: [], article: i }, reserved, end: (body.pages.length === 1 ? offset : 0) + last.used, trial };
  };
  /** The articles from `from` on, after `prefix`; `alone`: one that starts a page whatever the room. */
  const layFrom = (prefix: readonly Laid[], from: number, alone?: number): Laid[] => {
    const out = prefix.slice();
    let end = out.length ? out[out.length - 1].end : (top ?? geom.height);
    for (let i = from; i < issue.articles.length; i++) {
      const l = layOne(i, end, i !== alone);
      out.push(l);
      end = l.end;
    }
    return out;
  };
  const front = layout.runOn && layout.jumps !== false && top !== undefined ? frontStories(layOne, issue, geom, top, gap) : [];
  const next = front.length ? Math.max(...front.map((l) => l.body.article)) + 1 : 0;
  let best = layFrom(front, next);
  let worst = runtPages(
    best.map((l) => l.body),
    geom,
  );
  if (worst.length) {
    // Run-on articles shortly before the last mostly blank page, latest first (the front page's stay).
    const last = worst[worst.length - 1];
    for (let k = last; k > front.length && k >= last - RUN_ON_TRIES; k--) {
      if (!best[k].body.runOn) continue;
      const alt = layFrom(best.slice(0, k), best[k].body.article, best[k].body.article);
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
  const parts = new Map<number, number>();
  for (const b of out) parts.set(b.article, (parts.get(b.article) ?? 0) + 1);
  for (const b of out) if (!b.runOn && !b.continued && parts.get(b.article) === 1) b.own = b.pages.map((p) => p.items.slice());
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

/** The lead story's least share of the room under the front page's index when it jumps. */
const LEAD_SHARE = 0.45;
/** Stories the front page holds under the lead, at most. */
const FRONT_STORIES = 3;

/**
 * A newspaper's front page: the lead story under the masthead and index, then the stories
 * that fit whole under it (up to FRONT_STORIES). When the lead is longer than the page, it
 * runs for a depth, at least LEAD_SHARE of the room and as much as the stories under it
 * leave, with "Continued on page 2", and goes on at the head of page 2; the issue's other
 * stories follow it. Empty when the lead fits the front page whole (then the stories
 * simply run on, as inside).
 */
function frontStories(
  layOne: (i: number, end: number, mayRunOn: boolean, jump?: Jump) => Laid,
  issue: Issue,
  geom: TextBlock,
  top: number,
  gap: number,
): Laid[] {
  if (issue.articles.length < 2) return [];
  const whole = layOne(0, top, true);
  if (!whole.body.runOn) return [];
  // The lead fits with a story under it: the stories just run on.
  if (whole.body.pages.length === 1) {
    const second = layOne(1, whole.end, true);
    if (second.body.runOn && second.body.pages.length === 1) return [];
  }
  const room = geom.height - top - gap;
  const under = (depth: number): Laid[] => {
    const out: Laid[] = [];
    let end = top + gap + depth;
    for (let i = 1; i < issue.articles.length && out.length < FRONT_STORIES; i++) {
      const l = layOne(i, end, true);
      if (!l.body.runOn || l.body.pages.length !== 1) break;
      out.push(l);
      end = l.end;
    }
    return out;
  };
  const least = LEAD_SHARE * room;
  const first = under(least);
  // No story fits under even the shortest lead: the lead fills the page (and jumps if longer).
  if (!first.length && whole.body.pages.length === 1) return [];
  // The lead takes what the stories under it leave.
  const taken = first.length ? first[first.length - 1].end - (top + gap + least) : 0;
  // (Half a gap to spare: the stories are laid out again at their new place.) A story under
  // it asks room for its opener and a few lines however short it is: the lead gives back
  // room, two lines at a time, until they all fit again.
  let depth = room - taken - gap / 2;
  let stories = under(depth);
  for (let k = 0; k < 8 && stories.length < first.length && depth - gap >= least; k++) {
    depth -= gap;
    stories = under(depth);
  }
  const lead = layOne(0, top, true, { depth, from: 1, to: 2 });
  if (lead.body.pages.length < 2) return [];
  // Laid out again after the lead, so that their structure elements read after its.
  stories = under(depth);
  const part: Laid = { ...lead, body: { ...lead.body, pages: lead.body.pages.slice(0, 1) }, end: top + gap + depth };
  const rest = lead.body.pages.slice(1);
  const continued: Laid = {
    ...lead,
    body: { ...lead.body, pages: rest, runOn: false, offset: 0, continued: true },
    end: rest[rest.length - 1].used,
  };
  rest[0].log.unshift(`${issue.articles[0].id}: continued from the front page (${Math.round(depth)} pt there, ${stories.length} stories under it)`);
  return [part, ...stories, continued];
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

/** The page each article starts on, the first body on page `first`. */
export function startPages(first: number, bodies: readonly Body[]): number[] {
  const out: number[] = [];
  let p = first;
  for (const b of bodies) {
    // A run-on article starts on the last page of the one before.
    if (b.runOn) p--;
    if (!b.continued) out[b.article] = p;
    p += b.pages.length;
  }
  return out;
}
