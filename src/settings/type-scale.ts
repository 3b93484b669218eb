// The type scale: sizes, leadings, spaces and colours derived from a layout's body size
// and leading. Data, not code: the page builder only reads these numbers.
import type { Layout } from './layout.js';

export interface TypeScale {
  size: number;
  leading: number;
  /** First-line indent of paragraphs after the first. */
  indent: number;
  paragraphSpace: number;
  blockSpace: number;
  headings: Record<2 | 3 | 4, { size: number; leading: number; spaceBefore: number; spaceAfter: number }>;
  quote: { scale: number; indent: number };
  list: { indent: number; markerGap: number };
  code: { size: number; leading: number; pad: number; background: string };
  table: { size: number; leading: number; padX: number; padY: number };
  caption: { size: number; leading: number; gap: number };
  footnote: { size: number; leading: number; ruleGap: number; ruleWidth: number };
  noteCall: { scale: number; rise: number };
  /**
   * Letter spacing of capitals (departments, bylines, datelines), in ems: kept under a
   * tenth of an em, where text extraction (pdftotext) starts to see a space between letters.
   */
  capsSpacing: number;
  opener: {
    department: { size: number; letterSpacing: number };
    title: { size: number; leading: number };
    deck: { size: number; leading: number };
    byline: { size: number; letterSpacing: number };
    note: { size: number; leading: number };
    gap: number;
  };
  contents: {
    heading: { size: number; leading: number };
    department: { size: number; leading: number };
    title: { size: number; leading: number };
    /** Deck and byline, in one paragraph. */
    deck: { size: number; leading: number };
    /** Space between entries, and before a new department's entries. */
    entrySpace: number;
    groupSpace: number;
  };
  runningHead: { size: number /** baseline above the text block */; raise: number /** folio baseline below it */; drop: number };
  colors: { text: string; accent: string; link: string; rule: string; muted: string };
  /** Widest share of a column's height a figure may take. */
  maxFigureHeight: number;
  /** Images at least this wide for their height span the columns. */
  spanAspect: number;
  /** Captions say "Figure N." (a magazine); a newspaper's photos and graphics go unnumbered. */
  numberFigures: boolean;
}

export function typeScale(layout: Layout): TypeScale {
  const s = layout.size;
  const l = layout.leading;
  const hl = layout.headlines;
  return {
    size: s,
    leading: l,
    indent: 1.2 * s,
    paragraphSpace: 0,
    blockSpace: 0.5 * l,
    headings: {
      2: { size: hl.heading * s, leading: hl.heading * l, spaceBefore: 1.1 * l, spaceAfter: 0.35 * l },
      3: { size: 1.12 * s, leading: 1.12 * l, spaceBefore: 0.9 * l, spaceAfter: 0.25 * l },
      4: { size: s, leading: l, spaceBefore: 0.7 * l, spaceAfter: 0.1 * l },
    },
    quote: { scale: 0.92, indent: 1.2 * s },
    list: { indent: 1.6 * s, markerGap: 0.45 * s },
    code: { size: 0.82 * s, leading: 0.82 * l * 1.05, pad: 0.4 * s, background: '#f1f1ee' },
    table: { size: 0.85 * s, leading: 0.85 * l * 1.05, padX: 0.35 * s, padY: 0.25 * l },
    caption: { size: 0.85 * s, leading: 0.85 * l, gap: 0.4 * l },
    footnote: { size: 0.8 * s, leading: 0.8 * l, ruleGap: 0.5 * l, ruleWidth: 0.3 },
    noteCall: { scale: 0.62, rise: 0.36 },
    capsSpacing: 0.07,
    opener: {
      department: { size: 0.82 * s, letterSpacing: 0.07 },
      title: { size: hl.title * s, leading: hl.title * s * 1.08 },
      deck: { size: hl.deck * s, leading: hl.deck * s * 1.28 },
      byline: { size: 0.82 * s, letterSpacing: 0.06 },
      note: { size: 0.85 * s, leading: 0.85 * l },
      gap: 1.4 * l,
    },
    contents: {
      heading: { size: 2.2 * s, leading: 2.5 * s },
      department: { size: 0.75 * s, leading: 1.3 * s },
      title: { size: 1.3 * s, leading: 1.5 * s },
      deck: { size: 0.9 * s, leading: 1.15 * s },
      entrySpace: 0.75 * l,
      groupSpace: 1.3 * l,
    },
    runningHead: { size: 0.75 * s, raise: 2.2 * l, drop: 2.6 * l },
    colors: { text: '#1a1a1a', accent: '#8c1d18', link: '#1f3f77', rule: '#555555', muted: '#666666' },
    maxFigureHeight: 0.6,
    spanAspect: 1.6,
    numberFigures: !layout.runOn,
  };
}
