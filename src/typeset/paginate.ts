// The page builder: pages of columns filled from the vertical list, an optional block
// across the top of the first page (the article opener), spanning figures at the top of
// a page, footnotes at the foot of their column, and the last page's columns balanced.
import { fillColumn, isDone, startState, type ColumnFill, type FlowState } from './columns.js';
import type { Element } from './flow.js';
import { translateItems, type Item } from './pages.js';

export interface FlowGeometry {
  /** The text block. */
  width: number;
  height: number;
  columns: number;
  gutter: number;
}

export interface FlowOptions {
  /** Set across the top of the first page. */
  top?: { items: Item[]; height: number };
  balance: boolean;
  /** Height of the rule and gap above footnotes. */
  noteSep: number;
  /** Gap under the top block and under spanning figures. */
  gap: number;
  ruleColor: string;
}

/** Pages of items relative to the text block's top-left corner. */
export function paginateFlow(
  els: readonly Element[],
  notesOf: (el: Element) => Element[] | undefined,
  geom: FlowGeometry,
  opts: FlowOptions,
): Item[][] {
  const pages: Item[][] = [];
  let st: FlowState = startState();
  let first = true;
  let guard = 0;
  while (first || !isDone(st, els.length)) {
    if (++guard > 10000) throw new Error('page builder made no progress');
    let page = setPage(els, notesOf, geom, opts, st, first ? opts.top : undefined, new Set());
    // Only spanning figures left for later: set them at the head of this page instead.
    const left = page.state;
    if (left.spans.length && left.next >= els.length && !left.carried.length && !left.floats.length) {
      const again = setPage(els, notesOf, geom, opts, { ...st, spans: [...st.spans, ...left.spans] }, first ? opts.top : undefined, new Set(left.spans));
      if (isDone(again.state, els.length)) page = again;
    }
    pages.push(page.items);
    st = page.state;
    first = false;
  }
  return pages;
}

/** One page: the top block, spanning figures waiting for a page head, then the columns. */
function setPage(
  els: readonly Element[],
  notesOf: (el: Element) => Element[] | undefined,
  geom: FlowGeometry,
  opts: FlowOptions,
  st: FlowState,
  topBlock: FlowOptions['top'],
  placedSpans: ReadonlySet<Element>,
): { items: Item[]; state: FlowState } {
  const colWidth = columnWidth(geom);
  const items: Item[] = [];
  let top = 0;
  if (topBlock) {
    items.push(...topBlock.items);
    top = topBlock.height;
  }
  const spans = st.spans.slice();
  while (spans.length && (top + spans[0].height <= geom.height * 0.8 || top === 0)) {
    const f = spans.shift()!;
    items.push(...translateItems(f.items, 0, top));
    top += f.height + opts.gap;
  }
  st = { ...st, spans };
  const colHeight = Math.max(0, geom.height - top);
  const fill = (s: FlowState, bodyLimit: number, force: boolean) => {
    const cols: ColumnFill[] = [];
    for (let c = 0; c < geom.columns; c++) {
      const r = fillColumn(els, notesOf, s, { body: bodyLimit, total: colHeight, force, noteSep: opts.noteSep, placedSpans });
      cols.push(r);
      s = r.state;
    }
    return { cols, state: s };
  };
  let res = fill(st, colHeight, false);
  if (!res.cols.some((c) => c.progress) && !items.length) res = fill(st, colHeight, true);
  if (opts.balance && geom.columns > 1 && isDone(res.state, els.length) && res.cols.some((c) => c.body.length)) {
    res = balance(colHeight, res, (h) => fill(st, h, false), els.length);
  }
  res.cols.forEach((c, i) => items.push(...columnItems(c, i * (colWidth + geom.gutter), top, colHeight, colWidth, opts)));
  return { items, state: res.state };
}

export function columnWidth(geom: FlowGeometry): number {
  return (geom.width - geom.gutter * (geom.columns - 1)) / geom.columns;
}

type Fill = { cols: ColumnFill[]; state: FlowState };

/** The lowest body height at which the rest still fits this page's columns. */
function balance(colHeight: number, full: Fill, fillAt: (h: number) => Fill, count: number): Fill {
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
  return best;
}

function columnItems(c: ColumnFill, x: number, top: number, colHeight: number, colWidth: number, opts: FlowOptions): Item[] {
  const out: Item[] = [];
  for (const p of c.body) out.push(...translateItems(p.el.items, x, top + p.y));
  if (c.notes.length) {
    const noteTop = top + colHeight - c.noteHeight;
    const ry = noteTop + opts.noteSep * 0.45;
    out.push({ kind: 'rule', x1: x, y1: ry, x2: x + colWidth * 0.3, y2: ry, thickness: 0.4, color: opts.ruleColor });
    for (const p of c.notes) out.push(...translateItems(p.el.items, x, noteTop + opts.noteSep + p.y));
  }
  return out;
}
