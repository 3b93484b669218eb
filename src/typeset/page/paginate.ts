// The page builder: pages of columns filled from the vertical list, an optional block
// across the top of the first page (the article opener), spanning figures at the top of
// a page, footnotes at the foot of their column, the last page's columns balanced, and
// hyphens checked across the page. Each page comes with the log of what was decided,
// and with what did not fit the room it was given (an element taller than any column).
import { columnWidth, type TextBlock } from '../../settings/layout.js';
import { MAX_HYPHENS_IN_A_ROW } from '../text/break-lines.js';
import { fillColumn, isDone, noteArea, startState, type ColumnFill, type FlowState } from './columns.js';
import { describe, placeOf, sourceOf, type Element, type Overflow, type Source } from './flow.js';
import { fixHyphens } from './page-hyphens.js';
import { append, itemBounds, translateItems, type Item } from '../../pages/page.js';

export interface FlowOptions {
  /** Set across the top of the first page (the opener), and what it is should it be taller than the page. */
  top?: { items: Item[]; height: number; source?: Source };
  /** Height the first page has (an article run on under another); the text block's when absent. */
  firstHeight?: number;
  /** Set across the top of the second page (the head of a story continued from the front page). */
  nextTop?: { items: Item[]; height: number; source?: Source };
  balance: boolean;
  /** Height of the rule and gap above footnotes. */
  noteSep: number;
  /** Gap under the top block and under spanning figures. */
  gap: number;
  /** The body's leading: the step by which balanced columns are tried taller (none: only the lowest). */
  line?: number;
  ruleColor: string;
}

/** A page of items relative to the text block's top-left corner, and its decisions. */
export interface FlowPage {
  items: Item[];
  log: string[];
  /** Height taken from the top: the whole text block, or less on a balanced last page. */
  used: number;
  /** What was set taller than the room it had (and so runs off the text block, or the page). */
  overflow?: Overflow[];
  /** A balanced page: how far apart its columns end. */
  spread?: number;
}

/** Times a page is filled again when its last line keeps a hyphen it should not. */
const REFILLS = 3;

export function paginateFlow(els: readonly Element[], notesOf: (el: Element) => Element[] | undefined, geom: TextBlock, opts: FlowOptions): FlowPage[] {
  const pages: FlowPage[] = [];
  // A page end forbidden by an earlier layout of the same list (see REFILLS) may be fine now.
  for (const e of els) if (e.keep === 'hyphen') Object.assign(e, { keep: undefined, breakAfter: true });
  let st: FlowState = startState(MAX_HYPHENS_IN_A_ROW);
  let first = true;
  let guard = 0;
  // Every page sets at least one element or note: more pages than that is a bug, not a long article.
  const most = 10000 + 4 * els.length;
  while (first || !isDone(st, els.length)) {
    if (++guard > most) throw new Error('page builder made no progress');
    const top = first ? opts.top : pages.length === 1 ? opts.nextTop : undefined;
    // An article run on under another has only the rest of its first page.
    const g = first && opts.firstHeight !== undefined ? { ...geom, height: opts.firstHeight } : geom;
    let page = setPage(els, notesOf, g, opts, st, top, new Set());
    // Spanning figures met on this page: across the head or the foot of this page (the
    // slots nearest their anchor) when the text still reaches the anchor here and no figure
    // is left waiting behind them; else at the head of the next page, still in order. Of the
    // two, the one that leaves fewer column figures waiting; the foot on a tie. When not all
    // of them fit, as many of the first as do: the rest wait for the next page's head (a
    // short article with three photos otherwise sets its text alone in one column, and the
    // photos on pages of their own after it).
    const met = page.state.spans.filter((f) => !st.spans.includes(f));
    if (met.length && met.length === page.state.spans.length && !st.floats.length) {
      for (let k = met.length; k > 0; k--) {
        const here = met.slice(0, k);
        const waiting = met.slice(k);
        const placed = new Set(here);
        const tries = [
          setPage(els, notesOf, g, opts, st, top, placed, here),
          setPage(els, notesOf, g, opts, { ...st, spans: [...st.spans, ...here] }, top, placed),
        ].filter(
          (t) =>
            here.every((f) => placeOf(els, f) < t.state.next) &&
            t.state.spans.length === waiting.length &&
            t.state.spans.every((f, i) => f === waiting[i]) &&
            !t.overflow.length,
        );
        const best = tries.reduce<typeof page | undefined>((b, t) => (!b || t.state.floats.length < b.state.floats.length ? t : b), undefined);
        if (best) {
          page = best;
          break;
        }
      }
    }
    // Only spanning figures left for later: set them on this page instead, at its head or
    // under the (balanced) columns; if the text then no longer fits, at its head with the
    // text going on overleaf, rather than alone on a page of their own.
    const left = page.state;
    if (left.spans.length && left.next >= els.length && !left.carried.length && !left.floats.length) {
      const placed = new Set(left.spans);
      const head = setPage(els, notesOf, g, opts, { ...st, spans: [...st.spans, ...left.spans] }, top, placed);
      const foot = isDone(head.state, els.length) ? head : setPage(els, notesOf, g, opts, st, top, placed, left.spans);
      if (isDone(foot.state, els.length)) page = foot;
      else if (!head.state.floats.length && !head.state.spans.length) page = head;
    }
    pages.push({
      items: page.items,
      log: page.log,
      used: page.used,
      ...(page.overflow.length ? { overflow: page.overflow } : {}),
      ...(page.spread !== undefined ? { spread: page.spread } : {}),
    });
    st = page.state;
    first = false;
  }
  return pages;
}

type Fill = { cols: ColumnFill[]; state: FlowState };

/** One page: the top block, spanning figures waiting for a page head, then the columns. */
function setPage(
  els: readonly Element[],
  notesOf: (el: Element) => Element[] | undefined,
  geom: TextBlock,
  opts: FlowOptions,
  st: FlowState,
  topBlock: FlowOptions['top'],
  placedSpans: ReadonlySet<Element>,
  footSpans: readonly Element[] = [],
): { items: Item[]; state: FlowState; log: string[]; used: number; overflow: Overflow[]; spread?: number } {
  const colWidth = columnWidth(geom);
  const items: Item[] = [];
  const log: string[] = [];
  // What is taller than its room is noted, and cut to it: what would run off stays off.
  const overflow: Overflow[] = [];
  const fit = (el: { items: readonly Item[]; source?: Source }, height: number, room: number): readonly Item[] => {
    if (height <= room + EPS) return el.items;
    overflow.push({ source: sourceOf(el), height, room });
    return el.items.filter((it) => (itemBounds(it)?.y1 ?? 0) <= room + EPS);
  };
  let top = 0;
  if (topBlock) {
    append(items, fit(topBlock, topBlock.height, geom.height));
    top = topBlock.height;
  }
  const spans = st.spans.slice();
  // A spanning figure waits while a column figure met before it is still to be set.
  const before = (f: Element) => st.floats.some((c) => placeOf(els, c) < placeOf(els, f));
  while (spans.length && (top + spans[0].height <= geom.height * 0.8 || top === 0) && !before(spans[0])) {
    const f = spans.shift()!;
    append(items, translateItems(fit(f, f.height, geom.height - top), 0, top));
    log.push(`${describe(f)} across the columns at the head of the page`);
    top += f.height + opts.gap;
  }
  st = { ...st, spans };
  // Column figures met after a figure set across the foot would read before it: they wait.
  const footFrom = footSpans.length ? Math.min(...footSpans.map((f) => placeOf(els, f))) : undefined;
  const footHeight = footSpans.reduce((h, f) => h + opts.gap + f.height, 0);
  const colHeight = Math.max(0, geom.height - top - footHeight);
  // Footnotes of the page's columns ruled at one height: the columns that have notes keep
  // room for the tallest (found by filling again, a few times at most).
  let noteFloor = 0;
  const fill = (s: FlowState, bodyLimit: number, force: boolean): Fill => {
    const cols: ColumnFill[] = [];
    for (let c = 0; c < geom.columns; c++) {
      const r = fillColumn(els, notesOf, s, {
        body: bodyLimit,
        total: colHeight,
        force,
        noteSep: opts.noteSep,
        placedSpans,
        footFrom,
        grid: opts.line,
        noteFloor,
      });
      cols.push(r);
      s = r.state;
    }
    return { cols, state: s };
  };

  for (let k = 0; k < NOTE_ROUNDS; k++) {
    const withNotes = fill(st, colHeight, false).cols.filter((c) => c.notes.length);
    const tallest = withNotes.length > 1 ? Math.max(...withNotes.map((c) => c.noteHeight)) : 0;
    if (tallest <= noteFloor + EPS) break;
    noteFloor = tallest;
  }
  let res: Fill;
  let balanced: number | undefined;
  for (let attempt = 0; ; attempt++) {
    res = fill(st, colHeight, false);
    if (!res.cols.some((c) => c.progress) && !items.length) res = fill(st, colHeight, true);
    balanced = undefined;
    if (opts.balance && geom.columns > 1 && isDone(res.state, els.length) && res.cols.some((c) => c.body.length)) {
      ({ fill: res, height: balanced } = balance(colHeight, res, (h) => fill(st, h, false), els.length, opts.line ?? 0));
    }
    const hyphenLog: string[] = [];
    const check = fixHyphens(res.cols, st.hyphens, !isDone(res.state, els.length), hyphenLog);
    res.state = { ...res.state, hyphens: check.run };
    if (!check.stuck || attempt >= REFILLS) {
      if (check.stuck) log.push(`the page ends with a hyphen: ${describe(check.stuck)}`);
      log.push(...hyphenLog);
      break;
    }
    // The paragraph could not be set again without a hyphen there: end the page elsewhere.
    check.stuck.breakAfter = false;
    check.stuck.keep = 'hyphen';
    log.push(`the page may not end after ${describe(check.stuck)}, which ends with a hyphen`);
  }
  // A balanced page's notes sit under its columns, not at the foot of the page.
  const bodyHeight = balanced ?? colHeight;
  let bottom = 0;
  res.cols.forEach((c, i) => {
    log.push(...c.log.map((l) => `column ${i + 1}: ${l()}`));
    const area = noteArea(c.noteHeight, { noteFloor });
    append(items, columnItems(c, i * (colWidth + geom.gutter), top, colHeight, bodyHeight, area, colWidth, opts, fit));
    bottom = Math.max(bottom, Math.min(colHeight, bodyHeight + area));
  });
  if (balanced !== undefined) log.push(`columns balanced: ${round(balanced)} pt of ${round(colHeight)}`);
  let fy = top + (footSpans.length ? bottom : colHeight);
  for (const f of footSpans) {
    fy += opts.gap;
    append(items, translateItems(f.items, 0, fy));
    log.push(`${describe(f)} across the columns under them`);
    fy += f.height;
  }
  // A balanced page ends where its longest column (and the notes under it) ends.
  const used = balanced !== undefined && !footSpans.length ? top + bottom : Math.max(fy, geom.height);
  return { items, state: res.state, log, used, overflow, ...(balanced !== undefined ? { spread: spreadOf(res) } : {}) };
}

/** Times a page is filled again to find the room its tallest notes need in every column that has notes. */
const NOTE_ROUNDS = 3;

/** Rounding of the heights compared (as the columns compare them). */
const EPS = 0.01;

const round = (n: number) => (Math.round(n * 10) / 10).toFixed(1);

/**
 * The body height at which the rest fits this page's columns most evenly: the lowest that
 * holds it all (by bisection), or up to a few lines more when the columns then end closer
 * together (a figure or a kept block can leave the last column short at the lowest).
 */
function balance(colHeight: number, full: Fill, fillAt: (h: number) => Fill, count: number, step: number): { fill: Fill; height: number } {
  let lo = 0;
  let hi = colHeight;
  let best = full;
  for (let i = 0; i < 14 && hi - lo > 0.5; i++) {
    const mid = (lo + hi) / 2;
    const r = fillAt(mid);
    if (isDone(r.state, count)) {
      best = r;
      hi = mid;
    } else lo = mid;
  }
  let height = hi;
  let spread = spreadOf(best);
  for (let k = 1; step > 0 && k <= EVEN_TRIES && spread > step && hi + k * step <= colHeight; k++) {
    const r = fillAt(hi + k * step);
    const s = spreadOf(r);
    // A line's difference is what a balanced page may keep; more is worth a taller page.
    if (isDone(r.state, count) && s < spread - step / 2) {
      best = r;
      height = hi + k * step;
      spread = s;
    }
  }
  return { fill: best, height };
}

/** Lines more than the lowest balanced height tried for more even columns. */
const EVEN_TRIES = 24;

/** How far apart the columns' ends are (body and notes), empty columns counted as ending at the top. */
function spreadOf(f: Fill): number {
  const ends = f.cols.map((c) => c.body.reduce((m, p) => Math.max(m, p.y + p.el.height), 0) + c.noteHeight);
  return Math.max(...ends) - Math.min(...ends);
}

/** A column's items on the page; `fit` cuts an element to the room it has (in the column, or among the notes). */
function columnItems(
  c: ColumnFill,
  x: number,
  top: number,
  colHeight: number,
  bodyHeight: number,
  area: number,
  colWidth: number,
  opts: FlowOptions,
  fit: (el: Element, height: number, room: number) => readonly Item[],
): Item[] {
  const out: Item[] = [];
  for (const p of c.body) append(out, translateItems(fit(p.el, p.el.height, colHeight - p.y), x, top + p.y));
  if (c.notes.length) {
    // `area`: the notes' own height, or the page's floor (so that the rules line up).
    const noteTop = top + Math.min(colHeight, bodyHeight + area) - area;
    const ry = noteTop + opts.noteSep * 0.45;
    out.push({ kind: 'rule', x1: x, y1: ry, x2: x + colWidth * 0.3, y2: ry, thickness: 0.4, color: opts.ruleColor });
    const room = top + colHeight - noteTop - opts.noteSep;
    for (const p of c.notes) append(out, translateItems(fit(p.el, p.el.height, room - p.y), x, noteTop + opts.noteSep + p.y));
  }
  return out;
}
