// What a process measured (shaped widths, glyph counts, hyphenation points), handed to the
// next process beside the kept layouts (build.ts keeps them in the cache). A new process that sets one edited
// article again would otherwise shape and hyphenate all its words afresh: most of the time
// a rebuild spent setting it. The layouts' key holds the code's version (fontkit's, the
// patterns'), and each font file's stamp is checked, so a measure is never taken from
// other code or another font. What a process took is handed on again with what it measured:
// the words of an article not set again are wanted when it is (an edition's vocabulary
// bounds them; MAX_ENTRIES the rest).
import { deserialize, serialize } from 'node:v8';
import { adoptWidths, measuredAny, widthEntries, widthsKept, type FileWidths } from './fonts.js';
import { adoptPoints, pointsKept } from './hyphenate.js';

/** Entries kept at most: past this (a process that set many editions) nothing is handed on. */
const MAX_ENTRIES = 2_000_000;

interface Measures {
  widths: FileWidths[];
  points: ReadonlyMap<string, number[]>;
}

/**
 * The bytes last made, and how many entries they hold: a process that measured nothing
 * since (a preview's rebuild) hands them on again rather than making them anew. (The memos
 * only grow until cleared; whatever words they then hold, a width is the font's.)
 */
let last: { entries: number; data: Buffer } | undefined;

/** This process's measures as bytes, or undefined when there are none or too many. */
export function measuresKept(): Buffer | undefined {
  const points = pointsKept();
  const n = widthEntries() + points.size;
  if (n === 0 || n > MAX_ENTRIES) return undefined;
  if (last?.entries !== n) last = { entries: n, data: serialize({ widths: widthsKept(), points } satisfies Measures) };
  return last.data;
}

/**
 * Measures another process kept, taken by a process that has measured nothing yet (a warm
 * process has its own, and would pay the reading for nothing).
 */
export function adoptMeasures(data: Buffer): void {
  if (measuredAny()) return;
  let m: Measures;
  try {
    m = deserialize(data) as Measures;
  } catch {
    return;
  }
  if (Array.isArray(m?.widths)) adoptWidths(m.widths);
  if (m?.points instanceof Map) adoptPoints(m.points);
}
