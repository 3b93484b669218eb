// Positioned pages: what the typesetter hands the PDF writer, the press and the debug dump.
// Every length is in points; x grows rightwards and y downwards from the page's top-left
// corner, as pdfkit measures. A closed union: the writer switches over it exhaustively.
// Pages are self-contained: a text item names the font file it is set in and, like an
// image, the place in the sources it comes from, so nothing downstream needs the layout.
import type { Position } from '../model/types.js';

export type FontFamily = 'body' | 'heading' | 'mono' | 'fallback-serif' | 'fallback-sans' | 'cjk-ja' | 'cjk-zh' | 'hangul' | 'emoji';
export type FontStyle = 'regular' | 'italic' | 'bold' | 'boldItalic';
/** A font by role: the typesetter resolves it to a file (`TextItem.file`). */
export type FontKey = `${FontFamily}:${FontStyle}`;

/**
 * Standard structure types of PDF 1.7 (ISO 32000-1, 14.8.4) that the typesetter uses:
 * what a screen reader or a reflowing viewer is told each drawn thing is part of.
 */
export type StructRole =
  | 'Document'
  | 'Art'
  | 'Sect'
  | 'Div'
  | 'TOC'
  | 'TOCI'
  | 'Reference'
  | 'H1'
  | 'H2'
  | 'H3'
  | 'H4'
  | 'P'
  | 'BlockQuote'
  | 'L'
  | 'LI'
  | 'Lbl'
  | 'LBody'
  | 'Figure'
  | 'Caption'
  | 'Table'
  | 'TR'
  | 'TH'
  | 'TD'
  | 'Note'
  | 'Code';

/**
 * One element of a document's logical structure (its tagged-PDF structure tree).
 *
 * Items point at their element, and an element at its parent, by reference rather than
 * by an index into a list kept elsewhere: pages then stay self-contained, so the same
 * `Page[]` goes to the reading PDF, the press PDF (which ignores tags) and the debug dump
 * with no side channel, and an item copied by `translateItems` or set again by the page
 * builder still points at its element. Elements that end up with nothing drawn (a layout
 * tried and thrown away) are simply never reached from an item.
 *
 * `id` numbers elements in the order they were made, per document (`Structure`); the
 * typesetter makes them in reading order, so siblings are read in `id` order whatever
 * the page builder did (a figure floated to the next column, notes at a column's foot).
 */
export interface StructElement {
  readonly id: number;
  readonly role: StructRole;
  /** None only for the document's root. */
  readonly parent?: StructElement;
  /** BCP 47: set on articles, the cover and the contents, and where a part differs from its parent. */
  readonly lang?: string;
  /** /T: an article's title. */
  readonly title?: string;
  /** /Alt: a figure's text alternative. */
  readonly alt?: string;
}

/**
 * What a drawn item belongs to: an element of the structure, or page furniture (running
 * heads and folios, pagination artifacts). Items without a tag are decoration (rules,
 * rectangles, dot leaders): layout artifacts.
 */
export type ItemTag = { el: StructElement } | { artifact: 'pagination' };

/** One run of text in one font on one baseline: drawn as a single text call. */
export interface TextItem {
  kind: 'text';
  /** What it belongs to (none: decoration). */
  tag?: ItemTag;
  /** Left end of the run and its baseline. */
  x: number;
  y: number;
  font: FontKey;
  /** The font file `font` stands for in this document (the PDF writer embeds it). */
  file: string;
  size: number;
  /** Where the text comes from in the sources (its paragraph, heading or cell). */
  place?: Position;
  /** The characters drawn, spaces included; never a soft hyphen. */
  text: string;
  color: string;
  /** Advance of the run as drawn (word spacing and letter spacing included). */
  width: number;
  /** Extra advance after each space, for justification. */
  wordSpacing?: number;
  /** Extra advance after each glyph (letterspaced capitals). */
  letterSpacing?: number;
  /** On a justified line's first run: its adjustment ratio (for the debug dump; not drawn). */
  ratio?: number;
  /**
   * A word space follows that is not drawn: the line was broken at a space (on its last
   * run), or a contents title ends before its dot leaders. A tagged PDF adds it as an
   * invisible glyph with no advance so that text read through the structure keeps the
   * words on either side apart.
   */
  spaceAfter?: boolean;
}

export interface RuleItem {
  kind: 'rule';
  /** What it belongs to (none: decoration). */
  tag?: ItemTag;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  thickness: number;
  color: string;
}

export interface RectItem {
  kind: 'rect';
  /** What it belongs to (none: decoration). */
  tag?: ItemTag;
  x: number;
  y: number;
  w: number;
  h: number;
  fill: string;
  /** Reaches the page edge: the press PDF extends it into the bleed on every side it touches. */
  bleed?: boolean;
}

export interface ImageItem {
  kind: 'image';
  /** What it belongs to (none: decoration). */
  tag?: ItemTag;
  /** `ImageAsset.id`; the writer draws the asset's print variant. */
  imageId: string;
  /** Where the image is placed in the sources (its figure, or the manifest's cover). */
  place?: Position;
  x: number;
  y: number;
  w: number;
  h: number;
  /** Reaches the page edge: the press PDF extends it into the bleed on every side it touches. */
  bleed?: boolean;
}

export type LinkTarget = { kind: 'uri'; uri: string } | { kind: 'dest'; name: string };

/** A clickable area (x, y is its top-left corner). */
export interface LinkItem {
  kind: 'link';
  x: number;
  y: number;
  w: number;
  h: number;
  target: LinkTarget;
}

/** A named destination other pages and the contents link to. */
export interface AnchorItem {
  kind: 'anchor';
  name: string;
  x: number;
  y: number;
}

/** An entry of the PDF outline pointing at this page; level 1 is the top. */
export interface BookmarkItem {
  kind: 'bookmark';
  level: number;
  title: string;
}

export type Item = TextItem | RuleItem | RectItem | ImageItem | LinkItem | AnchorItem | BookmarkItem;
/** The items that put marks on the page (and so are tagged or are artifacts). */
export type DrawnItem = TextItem | RuleItem | RectItem | ImageItem;

export function isDrawn(it: Item): it is DrawnItem {
  return it.kind === 'text' || it.kind === 'rule' || it.kind === 'rect' || it.kind === 'image';
}

export interface Page {
  width: number;
  height: number;
  items: Item[];
  /** The outside back cover: stays the last page when the press PDF adds blank pages. */
  backCover?: boolean;
  /** The page builder's decisions (figures placed, columns ended early…), for the debug dump. */
  log?: string[];
}

/**
 * Appends `items` to `to` one by one (and returns `to`): `push(...items)` passes each item
 * as an argument on the stack, and a few hundred thousand of them (a long paragraph's
 * lines, a huge table's cells) overflow it.
 */
export function append<T>(to: T[], items: readonly T[]): T[] {
  for (const it of items) to.push(it);
  return to;
}

/**
 * The box a drawn item covers, as the preflight reads it: a text run from 0.8 of its size
 * above the baseline to 0.25 below, a rule with its thickness. None for what is not drawn.
 */
export function itemBounds(it: Item): { x0: number; y0: number; x1: number; y1: number } | undefined {
  switch (it.kind) {
    case 'text':
      return { x0: it.x, y0: it.y - 0.8 * it.size, x1: it.x + it.width, y1: it.y + 0.25 * it.size };
    case 'rule': {
      const t = it.thickness / 2;
      return { x0: Math.min(it.x1, it.x2) - t, y0: Math.min(it.y1, it.y2) - t, x1: Math.max(it.x1, it.x2) + t, y1: Math.max(it.y1, it.y2) + t };
    }
    case 'rect':
    case 'image':
      return { x0: Math.min(it.x, it.x + it.w), y0: Math.min(it.y, it.y + it.h), x1: Math.max(it.x, it.x + it.w), y1: Math.max(it.y, it.y + it.h) };
    case 'link':
    case 'anchor':
    case 'bookmark':
      return undefined;
    default:
      throw new Error(`unknown page item ${(it as { kind: string }).kind}`);
  }
}

/** A copy of items moved by (dx, dy). */
export function translateItems(items: readonly Item[], dx: number, dy: number): Item[] {
  if (dx === 0 && dy === 0) return items.slice();
  return items.map((it) => translateItem(it, dx, dy));
}

export function translateItem(it: Item, dx: number, dy: number): Item {
  switch (it.kind) {
    case 'text':
    case 'rect':
    case 'image':
    case 'link':
    case 'anchor':
      return { ...it, x: it.x + dx, y: it.y + dy };
    case 'rule':
      return { ...it, x1: it.x1 + dx, x2: it.x2 + dx, y1: it.y1 + dy, y2: it.y2 + dy };
    case 'bookmark':
      return it;
    default:
      throw new Error(`unknown page item ${(it as { kind: string }).kind}`);
  }
}
