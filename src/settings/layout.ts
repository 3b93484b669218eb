// Layouts are data: page size, margins, columns and type sizes are values the page
// builder reads, never code paths. A preset is a named set of these values.

import { BUNDLED_FONTS, type FontSet } from './fonts.js';

/** Lengths are in PostScript points (1/72 in). */
export interface Layout {
  pageWidth: number;
  pageHeight: number;
  margins: { top: number; bottom: number; inside: number; outside: number };
  columns: number;
  gutter: number;
  /** Body text size and baseline-to-baseline distance. */
  size: number;
  leading: number;
  /** Absolute paths of font files. */
  fonts: { body: FontSet; heading: FontSet; mono: FontSet };
  /** An article starts under the one before when the page has room (a newspaper), not on a new page. */
  runOn: boolean;
  /**
   * A run-on layout's lead story jumps from the front page ("Continued on page 2") to make
   * room for stories under it when it would fill the page; false: it simply runs on.
   */
  jumps?: boolean;
  /** Display sizes as multiples of the body size. */
  headlines: Headlines;
}

export interface Headlines {
  /** An article's title, its deck, and a second-level heading. */
  title: number;
  deck: number;
  heading: number;
}

export const PAGE_SIZES = {
  letter: { width: 612, height: 792 },
  a4: { width: 595.28, height: 841.89 },
  tabloid: { width: 792, height: 1224 },
} as const;

export type PageSizeName = keyof typeof PAGE_SIZES;

/** The text block: the page less its margins, set in `columns` with `gutter` between them. */
export interface TextBlock {
  width: number;
  height: number;
  columns: number;
  gutter: number;
}

/** The one place the text block is derived from a layout. */
export function textBlock(layout: Layout): TextBlock {
  const m = layout.margins;
  return { width: layout.pageWidth - m.inside - m.outside, height: layout.pageHeight - m.top - m.bottom, columns: layout.columns, gutter: layout.gutter };
}

/** Width of one column of a text block. */
export function columnWidth(block: TextBlock): number {
  return (block.width - block.gutter * (block.columns - 1)) / block.columns;
}

/** Odd pages are right-hand pages: their inside margin is on the left. */
export function leftMargin(layout: Layout, page: number): number {
  return page % 2 === 1 ? layout.margins.inside : layout.margins.outside;
}

const inch = 72;

/** The default layout: a Letter magazine page in two columns. */
export const MAGAZINE: Layout = {
  pageWidth: PAGE_SIZES.letter.width,
  pageHeight: PAGE_SIZES.letter.height,
  margins: { top: 0.75 * inch, bottom: 0.75 * inch, inside: 0.75 * inch, outside: 0.6 * inch },
  columns: 2,
  gutter: 0.25 * inch,
  size: 10,
  leading: 12.5,
  fonts: BUNDLED_FONTS,
  runOn: false,
  headlines: { title: 2.6, deck: 1.3, heading: 1.35 },
};

/** A tabloid newspaper page: 11 × 17 in, four columns, larger type for headlines. */
export const TABLOID: Layout = {
  pageWidth: PAGE_SIZES.tabloid.width,
  pageHeight: PAGE_SIZES.tabloid.height,
  margins: { top: 0.6 * inch, bottom: 0.6 * inch, inside: 0.6 * inch, outside: 0.5 * inch },
  columns: 4,
  gutter: 0.2 * inch,
  size: 9.5,
  leading: 11.5,
  fonts: BUNDLED_FONTS,
  runOn: true,
  headlines: { title: 4.6, deck: 1.75, heading: 1.6 },
};

/** Named layouts an edition chooses with `layout.preset`. */
export const PRESETS = { magazine: MAGAZINE, tabloid: TABLOID } as const;
export type PresetName = keyof typeof PRESETS;
