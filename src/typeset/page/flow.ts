// The vertical list the page builder fills columns with: elements of fixed height with
// the rules that decide where a column may end.
import type { Position } from '../../model/types.js';
import type { Item } from '../../pages/page.js';
import { translateItems } from '../../pages/page.js';
import { excerpt } from '../text/break-items.js';
import type { SetLine, SetParagraph } from '../text/paragraph-spec.js';

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
  /** Why a column may not end after it (for the debug dump). */
  keep?: 'orphan' | 'widow' | 'heading' | 'attribution' | 'signature' | 'table header' | 'code' | 'hyphen';
  /** A line of a justified paragraph, which the page builder may have set again. */
  para?: { of: ParagraphLines; line: number };
  /** What it is and where it comes from, should it not fit a column (a table row, a figure). */
  source?: Source;
}

/** What an element or block is, for an error when it is larger than the page allows. */
export interface Source {
  /** "a row of the table", "the figure with its caption"… */
  what: string;
  place?: Position;
  hint: string;
}

/** An element (or the block at a page's head) taller than the room it was placed in. */
export interface Overflow {
  source: Source;
  height: number;
  room: number;
}

/** The element's source, or one made from the first of its items that has a place. */
export function sourceOf(el: { items: readonly Item[]; source?: Source }): Source {
  if (el.source) return el.source;
  const placed = el.items.find((i) => (i.kind === 'text' || i.kind === 'image') && i.place?.file);
  const place = placed && (placed.kind === 'text' || placed.kind === 'image') ? placed.place : undefined;
  return { what: placed?.kind === 'text' ? `"${describeText(placed.text)}"` : 'a block', place, hint: 'shorten it, or break it into smaller blocks' };
}

/** A few words of a text run, never more than 40 characters. */
function describeText(t: string): string {
  const words = t.trim().slice(0, 200).split(/\s+/);
  return excerpt(words.length > 4 ? words.slice(0, 4).join(' ') + '…' : words.join(' '), 40);
}

/** The line elements of one paragraph, kept so that the page builder can set it again. */
export interface ParagraphLines {
  elements: Element[];
  hyphenated(line: number): boolean;
  /**
   * Lines `from` … end set again in place (same count, same heights, same footnote
   * calls) so that line `avoid` does not end with a hyphen; false when it cannot be done.
   */
  reset(from: number, avoid: number): boolean;
  /**
   * The paragraph one line shorter, as new line elements (the first keeps what came before
   * it: its space, a list marker, a heading's keep; the last its own keep), and what it costs:
   * the loosest or tightest line's adjustment ratio. Null when no such setting exists.
   */
  tighter(): { elements: Element[]; cost: number } | null;
}

/** One element per line; a paragraph of n ≥ 2 lines can't leave its first or last line alone. */
export function lineElements(lines: readonly SetLine[], dx: number, spaceBefore: number, paragraph?: SetParagraph): Element[] {
  const n = lines.length;
  const els = lines.map((l, i): Element => {
    const keep = n >= 2 && i === 0 ? 'orphan' : n >= 2 && i === n - 2 ? 'widow' : undefined;
    return {
      height: l.height,
      spaceBefore: i === 0 ? spaceBefore : 0,
      breakAfter: !keep,
      items: translateItems(l.items, dx, 0),
      notes: l.notes.length ? l.notes : undefined,
      baseline: l.baseline,
      ...(keep ? { keep } : {}),
    };
  });
  if (paragraph && n >= 2) linkParagraph(els, paragraph, dx);
  return els;
}

function linkParagraph(els: Element[], paragraph: SetParagraph, dx: number): void {
  const same = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);
  const of: ParagraphLines = {
    elements: els,
    hyphenated: (i) => paragraph.lines[i].hyphenated,
    reset(from, avoid) {
      const again = paragraph.reset(from, avoid);
      const old = paragraph.lines;
      if (!again?.lines.every((l, i) => same(l.notes, old[from + i].notes))) return false;
      again.lines.forEach((l, i) => {
        const el = els[from + i];
        // Keep what blocks added in front of the line's own items (a list marker).
        const added = el.items.length - old[from + i].items.length;
        el.items = [...el.items.slice(0, added), ...translateItems(l.items, dx, 0)];
      });
      again.commit();
      return true;
    },
    tighter() {
      const v = paragraph.variant(-1);
      if (!v) return null;
      const fresh = lineElements(v.lines, dx, els[0].spaceBefore, v);
      const added = els[0].items.length - paragraph.lines[0].items.length;
      fresh[0].items = [...els[0].items.slice(0, added), ...fresh[0].items];
      // A keep set from outside the paragraph (a heading before it, a signature after it).
      const first = els[0].keep;
      if (first === 'heading') Object.assign(fresh[0], { breakAfter: false, keep: first });
      const last = els[els.length - 1].keep;
      if (last === 'signature' || last === 'attribution') Object.assign(fresh[fresh.length - 1], { breakAfter: false, keep: last });
      return { elements: fresh, cost: Math.max(...v.lines.map((l) => Math.abs(l.ratio))) };
    },
  };
  els.forEach((el, line) => (el.para = { of, line }));
}

/** An element in a few words, for the page builder's log: `"The night shift at…"`, `figure img-1`. */
export function describe(el: Element): string {
  // A figure floats; a line of text may hold an image too (an icon), and is still a line.
  const image = el.float && el.items.find((i) => i.kind === 'image');
  if (image) return `figure ${image.imageId}`;
  const text = el.items
    .filter((i) => i.kind === 'text')
    .map((i) => i.text)
    .join('')
    .trim();
  if (!text) return el.items.some((i) => i.kind === 'rule') ? 'a rule' : 'an empty line';
  const words = text.split(/\s+/);
  return JSON.stringify(words.length > 4 ? words.slice(0, 4).join(' ') + '…' : text);
}

/** Where each element is in its list: figures are compared by their place, often (a WeakMap per list). */
const places = new WeakMap<readonly Element[], Map<Element, number>>();
export function placeOf(els: readonly Element[], e: Element): number {
  let m = places.get(els);
  if (!m) {
    m = new Map(els.map((x, i) => [x, i]));
    places.set(els, m);
  }
  return m.get(e) ?? -1;
}
