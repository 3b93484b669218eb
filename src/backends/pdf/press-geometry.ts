// The press sheet around one trimmed page: bleed on every side, then room for crop marks.
// Boxes are in PDF user space (origin bottom-left of the MediaBox); marks are given in
// the page builder's convention (origin top-left, y down) for the writer to draw.
import type { PressSettings } from '../../settings/press.js';

/** [x0, y0, x1, y1] in PDF user space. */
export type Box = [number, number, number, number];

/** Crop marks: how far outside the bleed they start, how long and how thick they are. */
export const MARKS = { offset: 3, length: 18, width: 0.25, margin: 3 } as const;

export interface PressGeometry {
  trimWidth: number;
  trimHeight: number;
  bleed: number;
  /** Distance from the MediaBox edge to the trim on every side. */
  slug: number;
  mediaWidth: number;
  mediaHeight: number;
  trimBox: Box;
  bleedBox: Box;
}

export function pressGeometry(trimWidth: number, trimHeight: number, press: Pick<PressSettings, 'bleed' | 'marks'>): PressGeometry {
  const bleed = Math.max(0, press.bleed);
  const slug = press.marks ? bleed + MARKS.offset + MARKS.length + MARKS.margin : bleed;
  const r = (n: number) => Math.round(n * 1000) / 1000;
  return {
    trimWidth,
    trimHeight,
    bleed,
    slug,
    mediaWidth: r(trimWidth + 2 * slug),
    mediaHeight: r(trimHeight + 2 * slug),
    trimBox: [slug, slug, r(slug + trimWidth), r(slug + trimHeight)],
    bleedBox: [r(slug - bleed), r(slug - bleed), r(slug + trimWidth + bleed), r(slug + trimHeight + bleed)],
  };
}

export interface MarkLine {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/**
 * Eight crop marks, two at each corner, on the lines of the trim and entirely outside the
 * bleed (they start `MARKS.offset` beyond it). Media coordinates, y down.
 */
export function cropMarks(g: PressGeometry): MarkLine[] {
  const near = g.bleed + MARKS.offset;
  const far = near + MARKS.length;
  const left = g.slug;
  const right = g.slug + g.trimWidth;
  const top = g.slug;
  const bottom = g.slug + g.trimHeight;
  const lines: MarkLine[] = [];
  for (const y of [top, bottom]) {
    lines.push({ x1: left - far, y1: y, x2: left - near, y2: y });
    lines.push({ x1: right + near, y1: y, x2: right + far, y2: y });
  }
  for (const x of [left, right]) {
    lines.push({ x1: x, y1: top - far, x2: x, y2: top - near });
    lines.push({ x1: x, y1: bottom + near, x2: x, y2: bottom + far });
  }
  return lines;
}
