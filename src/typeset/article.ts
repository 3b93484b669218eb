// One article → pages of items relative to the text block: opener, body in columns,
// footnotes under the columns where they are called.
import { eachBlock } from '../model/walk.js';
import type { Article } from '../model/types.js';
import type { BlockContext } from './page/block-context.js';
import { blocksToElements } from './page/blocks.js';
import { articleHyphenRun } from './page/block-context.js';
import type { TypesetContext } from './text/context.js';
import { anchorDest, articleDest } from './page/dests.js';
import type { Element } from './page/flow.js';
import { footnoteElements } from './page/footnotes.js';
import { openerBlock, openerTags } from './front/opener.js';
import { paginateFlow, type FlowPage } from './page/paginate.js';
import { RUNT_SHARE } from './fillers.js';
import { reportOverflows } from './page/does-not-fit.js';
import type { TextBlock } from '../settings/layout.js';
import { columnWidth } from '../settings/layout.js';
import { append, translateItems, type StructElement } from '../pages/page.js';
import { jumpHead, jumpLine } from './front/jump.js';
import type { Structure } from '../pages/structure.js';

/** Lines of text a run-on article needs under its headline on the page it starts on. */
const RUN_ON_LINES = 5;

/**
 * Figure sizes tried in turn to take a runt last page back onto the pages before, or to let
 * uneven last columns end together.
 */
const FIGURE_SCALES = [0.85, 0.7];

/** Balanced last columns further apart than this (of the text block's height) are uneven. */
const UNEVEN = 0.06;

/**
 * A story that starts on the front page for a set depth, with "Continued on page `to`"
 * under that part, and goes on at the head of page `to` under a jump head.
 */
export interface Jump {
  /** Height of its part on the front page, the jump line included. */
  depth: number;
  from: number;
  to: number;
}

export interface ArticlePages {
  pages: FlowPage[];
  /** It starts in the room left on the page before (`room` was enough), not on a page of its own. */
  runOn: boolean;
}

/**
 * The article is an Art under `parent` in the document's structure, in its own language
 * and titled: the opener, then the blocks, then the footnotes, in that reading order.
 *
 * `room`: height left under the article before on its last page (run-on layouts). Used when
 * the headline and RUN_ON_LINES lines fit in it; the article starts a new page otherwise.
 *
 * An article with figures that would end with a few lines alone on a page is set again
 * with its figures smaller (FIGURE_SCALES), and the first layout that saves the page is kept.
 */
export function layoutArticle(
  ctx: TypesetContext,
  article: Article,
  geom: TextBlock,
  structure: Structure,
  parent: StructElement,
  room?: number,
  jump?: Jump,
): ArticlePages {
  // Each attempt gathers its own warnings; only the kept one's are reported.
  const attempt = (figureScale: number) => {
    const actx: TypesetContext = { ...ctx, diagnostics: ctx.diagnostics.trial() };
    return { ctx: actx, result: layoutOnce(actx, article, geom, structure, parent, room, figureScale, jump) };
  };
  let kept = attempt(1);
  const pages = kept.result.pages;
  const last = pages[pages.length - 1];
  if (pages.length > 1 && last.used < RUNT_SHARE * geom.height && hasFigures(article)) {
    for (const scale of FIGURE_SCALES) {
      const again = attempt(scale);
      if (again.result.pages.length < pages.length) {
        again.result.pages[0].log.unshift(
          `figures set at ${Math.round(scale * 100)} % so that the article does not end with ${Math.round(last.used)} pt alone on a page`,
        );
        kept = again;
        break;
      }
    }
  } else if ((last.spread ?? 0) > UNEVEN * geom.height && hasFigures(article)) {
    // A column figure taller than the text around it leaves the last columns uneven: smaller,
    // it lets them end together.
    // The first smaller size at which they do end together (else the figures keep their size:
    // a few lines beside a figure are uneven at any size).
    for (const scale of FIGURE_SCALES) {
      const again = attempt(scale);
      const end = again.result.pages[again.result.pages.length - 1];
      if (again.result.pages.length === pages.length && (end.spread ?? 0) <= UNEVEN * geom.height) {
        end.log.unshift(`figures set at ${Math.round(scale * 100)} % so that the last columns end together`);
        kept = again;
        break;
      }
    }
  }
  kept.ctx.diagnostics.keep();
  return kept.result;
}

function hasFigures(article: Article): boolean {
  for (const b of eachBlock(article.blocks)) if (b.kind === 'figure') return true;
  return false;
}

function layoutOnce(
  ctx: TypesetContext,
  article: Article,
  geom: TextBlock,
  structure: Structure,
  parent: StructElement,
  room: number | undefined,
  figureScale: number,
  jump?: Jump,
): ArticlePages {
  const s = ctx.scale;
  const art = structure.add('Art', parent, { lang: article.lang, title: article.titleText });
  const opener = openerTags(structure, art);
  const bc: BlockContext = {
    ctx,
    lang: article.lang,
    left: 0,
    width: columnWidth(geom),
    scale: 1,
    listDepth: 0,
    spanWidth: geom.width,
    columnHeight: geom.height,
    figureScale,
    anchor: (id) => anchorDest(article, id),
    hyphens: articleHyphenRun(),
    structure,
    parent: art,
  };
  const els = blocksToElements(bc, article.blocks);
  // Each footnote goes with the element that first calls it; notes never called print
  // after the last element.
  const noteEls = new Map(article.footnotes.map((f) => [f.id, footnoteElements(bc, f)]));
  const called = new Set(els.flatMap((e) => e.notes ?? []));
  const uncalled = article.footnotes.filter((f) => !called.has(f.id));
  const end: Element | undefined = uncalled.length ? { height: 0, spaceBefore: 0, breakAfter: true, items: [] } : undefined;
  if (end) els.push(end);
  const noteMap = (list: readonly Element[]) => {
    const notes = new Map<Element, Element[]>();
    const seen = new Set<string>();
    for (const e of list) {
      const mine = (e.notes ?? []).filter((id) => noteEls.has(id) && !seen.has(id) && seen.add(id)).flatMap((id) => noteEls.get(id)!);
      if (mine.length) notes.set(e, mine);
    }
    if (end)
      notes.set(
        end,
        uncalled.flatMap((f) => noteEls.get(f.id)!),
      );
    return notes;
  };
  const top = {
    ...openerBlock(ctx, article, geom.width, articleDest(article), opener),
    source: { what: 'the opener (title, deck, byline and note)', place: article.pos, hint: 'shorten the title, deck or byline' },
  };
  const runOn = jump !== undefined || (room !== undefined && room >= top.height + s.opener.gap * 0.6 + RUN_ON_LINES * s.leading);
  const line = jump && jumpLine(ctx, article, jump.to, geom.width);
  const options = {
    top,
    balance: true,
    noteSep: s.footnote.ruleGap,
    gap: s.opener.gap * 0.6,
    line: s.leading,
    ruleColor: s.colors.rule,
    firstHeight: jump && line ? jump.depth - line.height : runOn ? room : undefined,
    nextTop: jump && {
      ...jumpHead(ctx, article, jump.from, geom.width, `${articleDest(article)}-continued`),
      source: { what: 'the head of the story continued from the front page', place: article.pos, hint: 'shorten the title' },
    },
  };
  const paginate = (list: readonly Element[], grid = true) => {
    const notes = noteMap(list);
    return paginateFlow(list, (e) => notes.get(e), geom, grid ? options : { ...options, line: undefined });
  };
  let pages = paginate(els);
  const last = pages[pages.length - 1];
  if (pages.length > 1 && last.used < RUNT_SHARE * geom.height) {
    pages = pullBack(els, pages, paginate, s.leading, geom.columns) ?? pages;
    // The grid's rounding costs up to a line at each heading, quote or figure: off the grid,
    // the text may end a page sooner (its columns then still end together, balanced).
    const free = pages.length > 1 && pages[pages.length - 1].used < RUNT_SHARE * geom.height ? paginate(els, false) : pages;
    if (free.length < pages.length) {
      free[0].log.unshift(`set off the baseline grid so that the article does not end with ${Math.round(pages[pages.length - 1].used)} pt alone on a page`);
      pages = free;
    }
  }
  if (jump && line && pages.length > 1) {
    // Under the columns of the front page's part, at its foot.
    append(pages[0].items, translateItems(line.items, 0, jump.depth - line.height));
    pages[0].used = jump.depth;
  }
  reportOverflows(ctx, pages);
  return { pages, runOn };
}

/** Pages before the end whose paragraphs may be set a line shorter, and how many paragraphs at most. */
const PULL_BACK_PAGES = 3;
const PULL_BACK_PARAGRAPHS = 200;

/**
 * A last page with a few lines alone, taken back onto the pages before: the paragraphs that
 * can be set one line shorter within the spacing limits (TeX's looseness), the cheapest
 * first (their worst line's adjustment), as many as the last page's lines and then more,
 * until the article takes a page less. The pages of the first layout that saves the page,
 * with a log of what was set tighter; undefined when none does.
 */
function pullBack(
  els: readonly Element[],
  pages: FlowPage[],
  paginate: (list: readonly Element[]) => FlowPage[],
  leading: number,
  columns: number,
): FlowPage[] | undefined {
  // Lines come back from the last pages: their paragraphs (at most PULL_BACK_PARAGRAPHS) are tried.
  const near = els.slice(Math.max(0, els.length - Math.ceil((PULL_BACK_PAGES * els.length) / pages.length)));
  const paragraphs = [...new Set(near.flatMap((e) => (e.para ? [e.para.of] : [])))].slice(-PULL_BACK_PARAGRAPHS);
  const tighter = paragraphs
    .map((of) => ({ of, t: of.tighter() }))
    .filter((x): x is { of: (typeof paragraphs)[number]; t: NonNullable<ReturnType<(typeof paragraphs)[number]['tighter']>> } => x.t !== null)
    .sort((a, b) => a.t.cost - b.t.cost);
  const lines = Math.max(1, Math.ceil((pages[pages.length - 1].used / leading) * columns));
  for (const k of [lines, Math.ceil(lines * 1.5), lines * 2, lines * 3]) {
    if (k > tighter.length) break;
    const chosen = new Map(tighter.slice(0, k).map((x) => [x.of, x.t.elements]));
    const list: Element[] = [];
    for (const e of els) {
      const of = e.para?.of;
      const again = of && chosen.get(of);
      if (!again) list.push(e);
      else if (e.para?.line === 0) append(list, again);
    }
    const again = paginate(list);
    if (again.length < pages.length) {
      again[0].log.unshift(
        `${k} paragraphs set a line shorter so that the article does not end with ${Math.round(pages[pages.length - 1].used)} pt alone on a page`,
      );
      return again;
    }
  }
  return undefined;
}
