// The greedy breaker the total-fit one replaced, kept as a baseline for the benchmark:
// each line is filled in turn and ended at the best of its last few legal breaks.
import { adjustmentRatio, INFINITY, nextLineStart, type LineBreaker } from './break-lines.js';

/** Lines in a row that may end with a hyphen before a hyphen is taken only as a last resort. */
const MAX_HYPHENS_IN_A_ROW = 3;
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
export const firstFit: LineBreaker = (items, lineWidth, options = {}) => {
  // It cannot hold a line count or avoid a hyphen on a given line.
  if (options.lines !== undefined || options.noHyphenAt !== undefined || options.from) return null;
  const breaks: number[] = [];
  let emergency = false;
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
          emergency = true;
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
  return { breaks, pass: emergency ? 'emergency' : 'first-fit' };
};
