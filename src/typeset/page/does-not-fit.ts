// Nothing is printed off the page. What is larger than the page allows is a
// `typeset/does-not-fit` error at the place it comes from, so the build stops and writes
// nothing: an element taller than any column (a table row, a figure with its caption,
// the opener), reported by the page builder's callers; and, whatever made them, the
// drawn items of the finished pages that reach past the page's edge (text, or anything not
// marked to bleed), which are also taken off the page. One error per place, and one a page:
// the same place found again (another layout round, the contents after the opener) is not
// repeated.
import { error } from '../../diagnostics/diagnostic.js';
import type { Position } from '../../model/types.js';
import { isDrawn, itemBounds, type Item, type Page } from '../../pages/page.js';
import type { TypesetContext } from '../text/context.js';
import type { Overflow } from './flow.js';

/** Reach past an edge (points) below which an item still counts as on the page (the preflight's rounding). */
const EPS = 0.01;

const pt = (n: number) => `${n < 10 ? Math.round(n * 10) / 10 : Math.round(n)} pt`;

/** Whether this place was reported already; marks it if not. */
function firstAt(ctx: TypesetContext, place: Position | undefined, fallback: string): boolean {
  const key = place?.file ? `does-not-fit|${place.file}|${place.line}|${place.column}` : `does-not-fit|${fallback}`;
  if (ctx.diagnostics.given.has(key)) return false;
  ctx.diagnostics.given.add(key);
  return true;
}

const where = (place?: Position) => (place?.file ? { file: place.file, line: place.line, column: place.column } : {});

/** Errors for the elements a page builder set taller than the room they had. */
export function reportOverflows(ctx: TypesetContext, pages: readonly { overflow?: readonly Overflow[] }[]): void {
  for (const page of pages) for (const o of page.overflow ?? []) reportOverflow(ctx, o);
}

/**
 * An error for one thing set taller than its room (once for its place), and its items
 * with what would run off taken away (`items` relative to the room's top).
 */
export function reportOverflow(ctx: TypesetContext, o: Overflow, items: Item[] = []): Item[] {
  if (o.height <= o.room + EPS) return items;
  const kept = items.filter((it) => (itemBounds(it)?.y1 ?? 0) <= o.room + EPS);
  const { what, place, hint } = o.source;
  if (!firstAt(ctx, place, what)) return kept;
  ctx.diagnostics.report(
    error('typeset/does-not-fit', `${what} is ${pt(o.height)} tall, more than the ${pt(o.room)} it has on the page: it would run off the page`, where(place), [
      hint,
    ]),
  );
  return kept;
}

/**
 * The last word on the pages: every drawn item that reaches past the page's edge (text, or
 * anything not marked to bleed) is reported at its source place and taken off the page.
 */
export function checkPages(ctx: TypesetContext, pages: readonly Page[]): void {
  pages.forEach((page, i) => {
    const off = page.items.map((it) => pastEdge(it, page));
    if (!off.some((o) => o)) return;
    // One error a page: the first thing off it whose place was not told of already. Rules and
    // areas have no place: they are told of only when nothing with a place is off this page.
    const placed = page.items.some((it, k) => off[k] && placeOf(it));
    let told = false;
    page.items.forEach((it, k) => {
      const past = off[k];
      // What has no place (running heads, folios, rules) is told of once for the document.
      if (told || !past || (placed && !placeOf(it)) || !firstAt(ctx, placeOf(it), 'the pages')) return;
      told = true;
      const hint = !placeOf(it)
        ? 'widen the margins (`layout.margins`), or make the page larger'
        : it.kind === 'text'
          ? 'shorten the text or break it, or make the page larger'
          : 'make it smaller, or mark it to bleed if it is meant to reach the edge';
      ctx.diagnostics.report(
        error(
          'typeset/does-not-fit',
          `${describe(it)} reaches ${pt(past.by)} past the ${past.edge} of page ${i + 1}: it would be cut off`,
          where(placeOf(it)),
          [hint],
        ),
      );
    });
    page.items = page.items.filter((_, k) => !off[k]);
  });
}

const placeOf = (it: Item): Position | undefined => ((it.kind === 'text' || it.kind === 'image') && it.place?.file ? it.place : undefined);

/** How far, and past which edge, an item not meant to bleed reaches out of the page; undefined when it stays on it. */
function pastEdge(it: Item, page: Page): { edge: string; by: number } | undefined {
  if (!isDrawn(it) || ('bleed' in it && it.bleed)) return undefined;
  const b = itemBounds(it);
  if (!b) return undefined;
  // The farthest reach, the first of equals (run for every item of every page: no arrays made).
  let edge = 'foot';
  let by = b.y1 - page.height;
  if (-b.y0 > by) {
    edge = 'head';
    by = -b.y0;
  }
  if (b.x1 - page.width > by) {
    edge = 'right edge';
    by = b.x1 - page.width;
  }
  if (-b.x0 > by) {
    edge = 'left edge';
    by = -b.x0;
  }
  return by > EPS ? { edge, by } : undefined;
}

function describe(it: Item): string {
  switch (it.kind) {
    case 'text': {
      const t = it.text.trim().slice(0, 41);
      return `text "${t.length > 40 ? `${t.slice(0, 39).replace(/[\uD800-\uDBFF]$/, '')}…` : t}"`;
    }
    case 'image':
      return 'an image';
    case 'rule':
      return 'a rule';
    case 'rect':
      return 'a filled area';
    default:
      return 'an item';
  }
}
