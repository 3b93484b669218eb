// Positioned pages: what the typesetter hands the PDF writer (and the debug dump).
// Every length is in points; x grows rightwards and y downwards from the page's top-left
// corner, as pdfkit measures. A closed union: the writer switches over it exhaustively.

export type FontFamily = 'body' | 'heading' | 'mono' | 'fallback-serif' | 'fallback-sans' | 'cjk-ja' | 'cjk-zh';
export type FontStyle = 'regular' | 'italic' | 'bold' | 'boldItalic';
/** A font by role, resolved to a file by `fontPath(layout, key)`. */
export type FontKey = `${FontFamily}:${FontStyle}`;

/** One run of text in one font on one baseline: drawn as a single text call. */
export interface TextItem {
  kind: 'text';
  /** Left end of the run and its baseline. */
  x: number;
  y: number;
  font: FontKey;
  size: number;
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
}

export interface RuleItem {
  kind: 'rule';
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  thickness: number;
  color: string;
}

export interface RectItem {
  kind: 'rect';
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
  /** `ImageAsset.id`; the writer draws the asset's print variant. */
  imageId: string;
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

export interface Page {
  width: number;
  height: number;
  items: Item[];
  /** The outside back cover: stays the last page when the press PDF adds blank pages. */
  backCover?: boolean;
  /** The page builder's decisions (figures placed, columns ended early…), for the debug dump. */
  log?: string[];
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
