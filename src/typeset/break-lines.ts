// Line breaking on Knuth's box/glue/penalty model. The paragraph builder turns text into
// items with measured widths; a breaker returns where lines end. `firstFit` is the
// breaker for now; a Knuth–Plass total-fit breaker can replace it with the same
// signature without touching the paragraph composer, the page builder or the writer.

export const INFINITY = 10000;

export interface Box {
  type: 'box';
  width: number;
}
export interface Glue {
  type: 'glue';
  width: number;
  stretch: number;
  shrink: number;
}
export interface Penalty {
  type: 'penalty';
  /** Width added at the line's end when the break is taken (a hyphen). */
  width: number;
  /** ≥ INFINITY: never break here; ≤ -INFINITY: always break. */
  penalty: number;
  /** A hyphenated break (Knuth's flagged penalty). */
  flagged: boolean;
}
export type BreakItem = Box | Glue | Penalty;

/**
 * Indices where lines end. A break at a glue drops the glue; at a penalty it keeps the
 * penalty's width (the hyphen); at a box (an emergency break, no legal break fitted) the
 * line ends just before the box. The last break is the paragraph's final forced penalty.
 */
export type LineBreaker = (items: readonly BreakItem[], lineWidth: (line: number) => number) => number[];

/** Where the line after a break at `b` starts: after discardable glue and penalties. */
export function nextLineStart(items: readonly BreakItem[], b: number): number {
  if (items[b]?.type === 'box') return b;
  let i = b + 1;
  while (i < items.length && items[i].type !== 'box' && !(items[i].type === 'penalty' && (items[i] as Penalty).penalty <= -INFINITY)) i++;
  return i;
}

export interface LineSpan {
  /** First item of the line. */
  start: number;
  /** The break: the line holds items start … end-1, plus items[end] if it is a penalty. */
  end: number;
}

export function lineSpans(items: readonly BreakItem[], breaks: readonly number[]): LineSpan[] {
  const spans: LineSpan[] = [];
  let start = 0;
  for (const b of breaks) {
    spans.push({ start, end: b });
    start = nextLineStart(items, b);
  }
  return spans;
}

/** Natural width, stretch and shrink of a line. */
export function measureLine(items: readonly BreakItem[], span: LineSpan): { width: number; stretch: number; shrink: number } {
  let width = 0;
  let stretch = 0;
  let shrink = 0;
  for (let i = span.start; i < span.end; i++) {
    const it = items[i];
    if (it.type === 'box') width += it.width;
    else if (it.type === 'glue') {
      width += it.width;
      stretch += it.stretch;
      shrink += it.shrink;
    }
  }
  const b = items[span.end];
  if (b?.type === 'penalty') width += b.width;
  return { width, stretch, shrink };
}

/**
 * Knuth's adjustment ratio: how far the glue of a line must stretch (> 0) or shrink
 * (< 0) to fill `lineWidth`; Infinity when it would need to stretch without stretchability.
 */
export function adjustmentRatio(natural: number, stretch: number, shrink: number, lineWidth: number): number {
  const d = lineWidth - natural;
  if (Math.abs(d) < 1e-9) return 0;
  if (d > 0) return stretch > 0 ? d / stretch : Infinity;
  return shrink > 0 ? d / shrink : -Infinity;
}

/** Lines in a row that may end with a hyphen before a hyphen is taken only as a last resort. */
export const MAX_HYPHENS_IN_A_ROW = 3;
/** How many of the last legal breaks that fit a line are weighed against each other. */
const MAX_CANDIDATES = 3;

/** Knuth's demerits of one line; a hyphen after a hyphen costs extra, one more than allowed in a row is a last resort. */
function demerits(ratio: number, penalty: number, flagged: boolean, hyphensBefore: number): number {
  const badness = ratio === Infinity ? INFINITY : Math.min(INFINITY, 100 * Math.abs(ratio) ** 3);
  const p = Math.max(0, penalty);
  let d = (10 + badness + p) ** 2;
  if (flagged && hyphensBefore > 0) d += hyphensBefore >= MAX_HYPHENS_IN_A_ROW ? 1e9 : 30000;
  return d;
}

interface Candidate {
  index: number;
  demerits: number;
  flagged: boolean;
}

/**
 * First fit: fill each line until the next box would not fit even with its glue shrunk,
 * then end it at the best (fewest demerits) of the last three legal breaks that fit.
 */
export const firstFit: LineBreaker = (items, lineWidth) => {
  const breaks: number[] = [];
  const n = items.length;
  let line = 0;
  let start = 0;
  let width = 0;
  let stretch = 0;
  let shrink = 0;
  let candidates: Candidate[] = [];
  let L = lineWidth(0);
  let hyphens = 0;

  const consider = (index: number, w: number, flagged: boolean, penalty: number) => {
    if (w - shrink > L + 1e-6) return;
    const r = adjustmentRatio(w, stretch, shrink, L);
    candidates.push({ index, demerits: demerits(r, penalty, flagged, hyphens), flagged });
    if (candidates.length > MAX_CANDIDATES) candidates.shift();
  };
  const breakAt = (b: number) => {
    breaks.push(b);
    line++;
    L = lineWidth(line);
    start = nextLineStart(items, b);
    width = stretch = shrink = 0;
    candidates = [];
  };

  let i = 0;
  while (i < n) {
    const it = items[i];
    if (it.type === 'box') {
      if (width + it.width - shrink > L + 1e-6 && i > start) {
        if (candidates.length) {
          const best = candidates.reduce((a, b) => (b.demerits <= a.demerits ? b : a));
          breakAt(best.index);
          hyphens = best.flagged ? hyphens + 1 : 0;
        } else {
          breakAt(i);
          hyphens = 0;
        }
        i = start;
        continue;
      }
      width += it.width;
    } else if (it.type === 'glue') {
      if (i > start && items[i - 1].type === 'box') consider(i, width, false, 0);
      width += it.width;
      stretch += it.stretch;
      shrink += it.shrink;
    } else if (it.penalty <= -INFINITY) {
      breakAt(i);
      i = start;
      continue;
    } else if (it.penalty < INFINITY) {
      consider(i, width + it.width, it.flagged, it.penalty);
    }
    i++;
  }
  if (breaks.length === 0 || breaks[breaks.length - 1] < n - 1) breaks.push(n - 1);
  return breaks;
};
