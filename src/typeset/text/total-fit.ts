// Knuth–Plass total fit: a paragraph's breaks chosen together, for the fewest demerits
// over all its lines. Passes, each tried only when the one before finds nothing:
//   tight       no inserted hyphens, every line within a small stretch
//   hyphenated  hyphens allowed, lines within a larger stretch
//   stretched   emergency stretch added to every line, any looseness accepted
// and when no line can be made to fit at all, first fit breaks inside a word (emergency).
import { adjustmentRatio, INFINITY, MAX_HYPHENS_IN_A_ROW, nextLineStart, type BreakItem, type BreakOptions, type LineBreaker } from './break-lines.js';
import { firstFit } from './first-fit.js';

export const TOTAL_FIT = {
  linePenalty: 10,
  /** Two hyphenated lines in a row. */
  doubleHyphenDemerits: 10000,
  /** A hyphen on the line before the last. */
  finalHyphenDemerits: 8000,
  /** Neighbouring lines in fitness classes more than one apart (tight next to loose). */
  adjacentDemerits: 10000,
  /** Adjustment ratio a line may reach in the first pass, and in the second. */
  tightTolerance: 1,
  tolerance: 2,
  /** Stretch added to every line in the third pass, as a share of the line's width (~1 em). */
  emergencyStretch: 0.03,
  maxHyphensInRow: MAX_HYPHENS_IN_A_ROW,
  /** Final-line rule: a last line shorter than this share of the width costs extra. */
  shortLastLine: 0.15,
  shortLastDemerits: 50000,
};

interface Node {
  /** The break (-1: the paragraph's start). */
  pos: number;
  /** First item of the line after it. */
  start: number;
  /** Lines set up to here. */
  line: number;
  fitness: number;
  /** Hyphenated lines in a row ending here. */
  run: number;
  flagged: boolean;
  total: number;
  prev: Node | null;
}

interface Pass {
  tolerance: number;
  hyphens: boolean;
  extraStretch: number;
  maxRun: number;
  afterMax: number;
}

export const totalFit: LineBreaker = (items, lineWidth, options = {}) => {
  const P = TOTAL_FIT;
  const sums = prefixSums(items);
  if (fitsOneLine(items, sums, lineWidth(0), options)) return { breaks: [items.length - 1], pass: 'tight' };
  const maxRun = options.maxHyphensInRow ?? P.maxHyphensInRow;
  const afterMax = options.hyphensAfterMax ?? Infinity;
  const base = { maxRun, afterMax, extraStretch: 0 };
  const tight = run(items, sums, lineWidth, options, { ...base, tolerance: P.tightTolerance, hyphens: false });
  if (tight) return { breaks: tight, pass: 'tight' };
  const hyphenated = run(items, sums, lineWidth, options, { ...base, tolerance: P.tolerance, hyphens: true });
  if (hyphenated) return { breaks: hyphenated, pass: 'hyphenated' };
  // Resetting part of a paragraph in place: better the hyphen than a gaping line.
  if (options.lines !== undefined || options.noHyphenAt !== undefined) return null;
  const extra = P.emergencyStretch * lineWidth(1);
  const stretched =
    run(items, sums, lineWidth, options, { ...base, tolerance: Infinity, hyphens: true, extraStretch: extra }) ??
    run(items, sums, lineWidth, options, { tolerance: Infinity, hyphens: true, extraStretch: extra, maxRun: Infinity, afterMax: Infinity });
  if (stretched) return { breaks: stretched, pass: 'stretched' };
  const greedy = firstFit(items, lineWidth);
  return greedy && { breaks: greedy.breaks, pass: 'emergency' };
};

interface Sums {
  width: Float64Array;
  stretch: Float64Array;
  shrink: Float64Array;
  /** Letter spacing's give. */
  flex: Float64Array;
}

/** Widths, stretch and shrink of items[0 … i-1]: a line's totals are two subtractions. */
function prefixSums(items: readonly BreakItem[]): Sums {
  const n = items.length;
  const width = new Float64Array(n + 1);
  const stretch = new Float64Array(n + 1);
  const shrink = new Float64Array(n + 1);
  const flex = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) {
    const it = items[i];
    width[i + 1] = width[i] + (it.type === 'penalty' ? 0 : it.width);
    stretch[i + 1] = stretch[i] + (it.type === 'glue' ? it.stretch : 0);
    shrink[i + 1] = shrink[i] + (it.type === 'glue' ? it.shrink : 0);
    flex[i + 1] = flex[i] + (it.type === 'box' ? (it.flex ?? 0) : 0);
  }
  return { width, stretch, shrink, flex };
}

/** Text that fits its first line as it stands (headings, table cells, short captions). */
function fitsOneLine(items: readonly BreakItem[], sums: Sums, width: number, o: BreakOptions): boolean {
  const n = items.length;
  if (o.from || (o.lines !== undefined && o.lines !== 1) || sums.width[n] > width) return false;
  for (let i = 0; i < n - 1; i++) {
    const it = items[i];
    if (it.type === 'penalty' && it.penalty <= -INFINITY) return false;
  }
  return true;
}

function fitnessClass(r: number): number {
  return r < -0.5 ? 0 : r <= 0.5 ? 1 : r <= 1 ? 2 : 3;
}

/** One pass: the breaks of least demerits, or null when no set of lines meets the pass. */
function run(items: readonly BreakItem[], sums: Sums, lineWidth: (line: number) => number, o: BreakOptions, pass: Pass): number[] | null {
  const P = TOTAL_FIT;
  const n = items.length;
  const from = o.from ?? 0;
  const numbered = o.lines !== undefined;
  const before = o.hyphensBefore ?? 0;
  const active: Node[] = [{ pos: -1, start: from, line: 0, fitness: 1, run: before, flagged: before > 0, total: 0, prev: null }];
  // The best way to reach the current break per (fitness, hyphen run[, line]): key → slot.
  const slots = numbered ? 16 * (o.lines! + 1) : 16;
  const bestTotal = new Float64Array(slots);
  const bestFrom: (Node | null)[] = new Array(slots).fill(null);
  const used: number[] = [];
  let last: Node | null = null;

  for (let b = from; b < n; b++) {
    const it = items[b];
    let pw = 0;
    let penalty = 0;
    let flagged = false;
    if (it.type === 'glue') {
      if (b === 0 || items[b - 1].type !== 'box') continue;
    } else if (it.type === 'penalty') {
      if (it.penalty >= INFINITY || (!pass.hyphens && it.flagged && it.width > 0)) continue;
      pw = it.width;
      penalty = it.penalty;
      flagged = it.flagged;
    } else continue;
    const forced = penalty <= -INFINITY;
    const final = b === n - 1;
    used.length = 0;
    let kept = 0;
    for (const a of active) {
      if (a.start >= b && !forced) {
        active[kept++] = a;
        continue;
      }
      const L = lineWidth(a.line);
      const nat = sums.width[b] - sums.width[a.start] + pw;
      const flex = sums.flex[b] - sums.flex[a.start];
      const st = (o.ragged ?? sums.stretch[b] - sums.stretch[a.start]) + pass.extraStretch;
      const sh = sums.shrink[b] - sums.shrink[a.start];
      // A forced break ends a ragged line (the paragraph's last, or a hard line break).
      const r = forced && nat <= L && !(final && o.balance) ? 0 : adjustmentRatio(nat, st, sh, L, flex);
      if (r < -1) continue; // too tight now, tighter for every later break: drop it
      if (!forced) active[kept++] = a;
      if (r > pass.tolerance) continue;
      const hyphens = flagged ? a.run + 1 : forced ? a.run : 0;
      if (flagged && (hyphens > pass.maxRun || a.line === o.noHyphenAt)) continue;
      if (final && hyphens > pass.afterMax) continue;
      if (numbered && (final ? a.line + 1 !== o.lines : a.line + 1 >= o.lines!)) continue;

      // Uncapped in the last pass, so that it still tells a loose line from a looser one.
      const badness = r === Infinity ? INFINITY : Math.min(pass.tolerance === Infinity ? Infinity : INFINITY, 100 * Math.abs(r) ** 3);
      let d = (P.linePenalty + badness) ** 2;
      if (penalty > 0) d += penalty * penalty;
      else if (!forced) d -= penalty * penalty;
      if (flagged && a.flagged) d += P.doubleHyphenDemerits;
      if (final && a.flagged && a.pos >= 0) d += P.finalHyphenDemerits;
      if (final && a.line > 0 && nat < P.shortLastLine * L) d += P.shortLastDemerits;
      const fitness = fitnessClass(r);
      if (Math.abs(fitness - a.fitness) > 1) d += P.adjacentDemerits;
      const total = a.total + d;
      const key = (numbered ? (a.line + 1) * 16 : 0) + fitness * 4 + Math.min(hyphens, 3);
      if (!bestFrom[key]) used.push(key);
      else if (total >= bestTotal[key]) continue;
      bestFrom[key] = a;
      bestTotal[key] = total;
    }
    active.length = kept;
    if (used.length) {
      const start = nextLineStart(items, b);
      for (const key of used) {
        const a = bestFrom[key]!;
        bestFrom[key] = null;
        const run = flagged ? a.run + 1 : forced ? a.run : 0;
        const node: Node = { pos: b, start, line: a.line + 1, fitness: (key >> 2) & 3, run, flagged, total: bestTotal[key], prev: a };
        if (!final) active.push(node);
        else if (!last || node.total < last.total) last = node;
      }
    }
    if (!active.length && !final) return null;
  }
  if (!last) return null;
  const breaks: number[] = [];
  for (let node: Node | null = last; node && node.pos >= 0; node = node.prev) breaks.push(node.pos);
  return breaks.reverse();
}
