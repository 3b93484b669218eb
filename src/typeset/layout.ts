// Layouts are data: page size, margins, columns and type sizes are values the page
// builder reads, never code paths. A preset is a named set of these values.

/** Lengths are in PostScript points (1/72 in). */
export interface FontSet {
  regular: string;
  italic: string;
  bold: string;
  boldItalic: string;
}

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
}

export const PAGE_SIZES = {
  letter: { width: 612, height: 792 },
  a4: { width: 595.28, height: 841.89 },
  tabloid: { width: 792, height: 1224 },
} as const;

export type PageSizeName = keyof typeof PAGE_SIZES;
