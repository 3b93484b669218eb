// The vertical list the page builder fills columns with: elements of fixed height with
// the rules that decide where a column may end.
import type { Item } from './pages.js';
import { translateItems } from './pages.js';
import type { SetLine } from './paragraph.js';

export interface Element {
  height: number;
  /** Space above, dropped at the head of a column. */
  spaceBefore: number;
  /** May a column end after this element? (widows, orphans, headings kept with text) */
  breakAfter: boolean;
  /** Items relative to the element's top-left corner at the column's left edge. */
  items: Item[];
  /** Footnotes first called here: set at the foot of the column that holds this element. */
  notes?: string[];
  /** A figure: placed where it fits, else at the head of the next column or page. */
  float?: 'column' | 'span';
  /** A table row: at the head of a column, the table's header goes first. */
  repeatHeader?: Element;
  /** Distance from the top to the first baseline (list markers hang on it). */
  baseline?: number;
}

/** One element per line; a paragraph of n ≥ 2 lines can't leave its first or last line alone. */
export function lineElements(lines: readonly SetLine[], dx: number, spaceBefore: number): Element[] {
  const n = lines.length;
  return lines.map((l, i) => ({
    height: l.height,
    spaceBefore: i === 0 ? spaceBefore : 0,
    breakAfter: !(n >= 2 && (i === 0 || i === n - 2)),
    items: translateItems(l.items, dx, 0),
    notes: l.notes.length ? l.notes : undefined,
    baseline: l.baseline,
  }));
}
