// Knuth–Plass total fit: a paragraph's breaks chosen together, for the fewest demerits
// over all its lines. Passes, each tried only when the one before finds nothing:
//   tight       no inserted hyphens, every line within a small stretch
//   hyphenated  hyphens allowed, lines within a larger stretch
//   stretched   emergency stretch added to every line (TeX's \emergencystretch)
// then, the end rules below costing instead, the best of the hyphenated pass, of the
// stretched one, and the stretched pass with any looseness accepted; and when no line can
// be made to fit at all, first fit breaks inside a word (emergency).
// The end rules, kept by the first three passes: the last line is not the tail of a
// word hyphenated on the line before ("In or-" / "der:"), and it is not shorter than
// `minLastLine` (a stub under the next paragraph's indent reads as a gap, not a line).
// A hyphen before a last line of several words only costs (finalHyphenDemerits).
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
  /** Most looseness the stretched pass may give a line to keep the end rules. */
  stretchedTolerance: 2,
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

/** A pass's best breaks keeping the end rules, and its best with the rules as costs only. */
interface Found {
  kept: number[] | null;
  costed: number[] | null;
}

export const totalFit: LineBreaker = (items, lineWidth, options = {}) => {
  const P = TOTAL_FIT;
  const sums = prefixSums(items);
  if (fitsOneLine(items, sums, lineWidth(0), options)) return { breaks: [items.length - 1], pass: 'tight' };
  const maxRun = options.maxHyphensInRow ?? P.maxHyphensInRow;
  const afterMax = options.hyphensAfterMax ?? Infinity;
  const base = { maxRun, afterMax, extraStretch: 0 };
  const tight = run(items, sums, lineWidth, options, { ...base, tolerance: P.tightTolerance, hyphens: false });
  if (tight?.kept) return { breaks: tight.kept, pass: 'tight' };
  const hyphenated = run(items, sums, lineWidth, options, { ...base, tolerance: P.tolerance, hyphens: true });
  if (hyphenated?.kept) return { breaks: hyphenated.kept, pass: 'hyphenated' };
  const extra = P.emergencyStretch * lineWidth(1);
  // Resetting part of a paragraph in place: better the hyphen at the page's foot than a gaping line.
  const reset = options.lines !== undefined || options.noHyphenAt !== undefined;
  const stretched = reset ? null : run(items, sums, lineWidth, options, { ...base, tolerance: P.stretchedTolerance, hyphens: true, extraStretch: extra });
  if (stretched?.kept) return { breaks: stretched.kept, pass: 'stretched' };
  // The end rules cannot be kept: they cost, in the passes already run.
  if (hyphenated?.costed) return { breaks: hyphenated.costed, pass: 'hyphenated' };
  if (stretched?.costed) return { breaks: stretched.costed, pass: 'stretched' };
  if (reset) return null;
  const loose =
    run(items, sums, lineWidth, options, { ...base, tolerance: Infinity, hyphens: true, extraStretch: extra }) ??
    run(items, sums, lineWidth, options, { tolerance: Infinity, hyphens: true, extraStretch: extra, maxRun: Infinity, afterMax: Infinity });
  if (loose?.costed) return { breaks: loose.costed, pass: 'stretched' };
  const greedy = firstFit(items, lineWidth);
  return greedy && { breaks: greedy.breaks, pass: 'emergency' };
};

interface Sums {
  width: Float64Array;
  stretch: Float64Array;
  shrink: Float64Array;
  /** Letter spacing's give. */
  flex: Float64Array;
  /** Glue items (word spaces, the gaps between ideographs). */
  glues: Int32Array;
}

/** Widths, stretch and shrink of items[0 … i-1]: a line's totals are two subtractions. */
function prefixSums(items: readonly BreakItem[]): Sums {
  const n = items.length;
  const width = new Float64Array(n + 1);
  const stretch = new Float64Array(n + 1);
  const shrink = new Float64Array(n + 1);
  const flex = new Float64Array(n + 1);
  const glues = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    const it = items[i];
    glues[i + 1] = glues[i] + (it.type === 'glue' ? 1 : 0);
    width[i + 1] = width[i] + (it.type === 'penalty' ? 0 : it.width);
    stretch[i + 1] = stretch[i] + (it.type === 'glue' ? it.stretch : 0);
    shrink[i + 1] = shrink[i] + (it.type === 'glue' ? it.shrink : 0);
    flex[i + 1] = flex[i] + (it.type === 'box' ? (it.flex ?? 0) : 0);
  }
  return { width, stretch, shrink, flex, glues };
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

/**
 * One pass: the breaks of least demerits, or null when no set of lines meets the pass.
 * The end rules bear only on the final break, so one pass finds both the best set that
 * keeps them and the best set overall.
 */
function run(items: readonly BreakItem[], sums: Sums, lineWidth: (line: number) => number, o: BreakOptions, pass: Pass): Found | null {
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
  let kept: Node | null = null;
  let costed: Node | null = null;

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
    let live = 0;
    for (const a of active) {
      if (a.start >= b && !forced) {
        active[live++] = a;
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
      if (!forced) active[live++] = a;
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
      if (final) {
        const node: Node = { pos: b, start: n, line: a.line + 1, fitness, run: hyphens, flagged: false, total, prev: a };
        if (!costed || total < costed.total) costed = node;
        // The end rules; the last line's spaces are all its glue but the fill before the final break.
        const tail = a.flagged && sums.glues[b - 1] === sums.glues[a.start];
        const keeps = a.line === 0 || !(tail || nat < (o.minLastLine ?? 0));
        if (keeps && (!kept || total < kept.total)) kept = node;
        continue;
      }
      const key = (numbered ? (a.line + 1) * 16 : 0) + fitness * 4 + Math.min(hyphens, 3);
      if (!bestFrom[key]) used.push(key);
      else if (total >= bestTotal[key]) continue;
      bestFrom[key] = a;
      bestTotal[key] = total;
    }
    active.length = live;
    if (used.length) {
      const start = nextLineStart(items, b);
      for (const key of used) {
        const a = bestFrom[key]!;
        bestFrom[key] = null;
        const run = flagged ? a.run + 1 : forced ? a.run : 0;
        active.push({ pos: b, start, line: a.line + 1, fitness: (key >> 2) & 3, run, flagged, total: bestTotal[key], prev: a });
      }
    }
    if (!active.length && !final) return null;
  }
  return costed && { kept: kept && breaksOf(kept), costed: breaksOf(costed) };
}

function breaksOf(last: Node): number[] {
  const breaks: number[] = [];
  for (let node: Node | null = last; node && node.pos >= 0; node = node.prev) breaks.push(node.pos);
  return breaks.reverse();
}
