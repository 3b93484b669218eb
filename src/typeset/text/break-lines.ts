// Line breaking on Knuth's box/glue/penalty model. The paragraph builder turns text into
// items with measured widths; a breaker returns where lines end: `totalFit` (Knuth–Plass,
// the default) or `firstFit` (greedy, kept for comparison). Both share this signature.

export const INFINITY = 10000;
/** Most lines in a row that may end with a hyphen. */
export const MAX_HYPHENS_IN_A_ROW = 2;

export interface Box {
  type: 'box';
  width: number;
  /** How much letter spacing may widen or narrow it (microtypography), both ways. */
  flex?: number;
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
  /** A break that ends the line with a hyphen (Knuth's flagged penalty). */
  flagged: boolean;
}
export type BreakItem = Box | Glue | Penalty;

export interface BreakOptions {
  /** Hyphenated lines in a row just before this paragraph (its first line continues the run). */
  hyphensBefore?: number;
  /** Most hyphenated lines in a row (the paragraph's last line does not end a run). */
  maxHyphensInRow?: number;
  /** Most hyphenated lines in a row the paragraph may end with (before its last line). */
  hyphensAfterMax?: number;
  /** Set again from this item on (the first item of a line), as line 0 of `lineWidth`. */
  from?: number;
  /** Exactly this many lines (resetting part of a paragraph without moving the page). */
  lines?: number;
  /** This line (0-based) must not end with a hyphen. */
  noHyphenAt?: number;
  /** Ragged text: the stretch every line has at its end (its spaces do not stretch). */
  ragged?: number;
  /** Ragged display text (headings): the last line is weighed like the others, for lines of even length. */
  balance?: boolean;
  /**
   * Shortest natural width of a paragraph's last line (of two or more), in points: a
   * shorter one is set only when no other breaks meet the pass (see total-fit.ts).
   */
  minLastLine?: number;
}

export interface BreakResult {
  /**
   * Indices where lines end. A break at a glue drops the glue; at a penalty it keeps the
   * penalty's width (the hyphen); at a box (an emergency break, no legal break fitted) the
   * line ends just before the box. The last break is the paragraph's final forced penalty.
   */
  breaks: number[];
  /** How they were found; `emergency`: some line had to be broken where no break was allowed. */
  pass: 'first-fit' | 'tight' | 'hyphenated' | 'stretched' | 'emergency';
}

/** Returns null when `options.lines` or `noHyphenAt` cannot be met. */
export type LineBreaker = (items: readonly BreakItem[], lineWidth: (line: number) => number, options?: BreakOptions) => BreakResult | null;

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

export function lineSpans(items: readonly BreakItem[], breaks: readonly number[], from = 0): LineSpan[] {
  const spans: LineSpan[] = [];
  let start = from;
  for (const b of breaks) {
    spans.push({ start, end: b });
    start = nextLineStart(items, b);
  }
  return spans;
}

/** Natural width, stretch and shrink (of its spaces; of its letters: flex) of a line. */
export function measureLine(items: readonly BreakItem[], span: LineSpan): { width: number; stretch: number; shrink: number; flex: number } {
  let width = 0;
  let flex = 0;
  let stretch = 0;
  let shrink = 0;
  for (let i = span.start; i < span.end; i++) {
    const it = items[i];
    if (it.type === 'box') {
      width += it.width;
      flex += it.flex ?? 0;
    } else if (it.type === 'glue') {
      width += it.width;
      stretch += it.stretch;
      shrink += it.shrink;
    }
  }
  const b = items[span.end];
  if (b?.type === 'penalty') width += b.width;
  return { width, stretch, shrink, flex };
}

/**
 * Knuth's adjustment ratio: how far the glue of a line must stretch (> 0) or shrink
 * (< 0) to fill `lineWidth`; Infinity when it would need to stretch without stretchability.
 * Letter spacing (`flex`) gives with the spaces up to its limit (ratio ±1); past it the
 * spaces alone stretch, so the ratio is the spaces' own.
 */
export function adjustmentRatio(natural: number, stretch: number, shrink: number, lineWidth: number, flex = 0): number {
  const d = lineWidth - natural;
  if (Math.abs(d) < 1e-9) return 0;
  if (d > 0) {
    if (d <= stretch + flex) return d / (stretch + flex);
    return stretch > 0 ? 1 + (d - stretch - flex) / stretch : Infinity;
  }
  if (-d <= shrink + flex) return d / (shrink + flex);
  return shrink > 0 ? -1 + (d + shrink + flex) / shrink : -Infinity;
}
