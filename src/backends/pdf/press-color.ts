// Colours of the press PDF. The typesetter speaks sRGB hex; the press speaks one ink
// (gray) or four (CMYK). Text and rules go to solid black on the black plate only, so
// small type is never screened or split across plates; areas keep their lightness as a
// black tint; a large near-black area in CMYK gets a rich black.
import type { PressSettings } from '../../settings/press.js';

export type DeviceColor = { space: 'gray'; gray: number } | { space: 'cmyk'; c: number; m: number; y: number; k: number };

/** What is painted: text and rules are line art; areas are filled rectangles. */
export type ColorUse = 'text' | 'rule' | 'area';

/** Areas at least this large (pt², one square inch) may use rich black. */
export const RICH_BLACK_AREA = 72 * 72;
/** C60 M40 Y40 K100: 240 % total ink, under the 300 % of SWOP and FOGRA39. */
export const RICH_BLACK = { c: 0.6, m: 0.4, y: 0.4, k: 1 } as const;

/** Lightness 0 (black) … 1 (white) of an sRGB hex colour (Rec. 601 luma). */
export function luma(hex: string): number {
  const m = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(hex.trim());
  if (!m) throw new Error(`not a hex colour: ${hex}`);
  const h = m[1].length === 3 ? [...m[1]].map((c) => c + c).join('') : m[1];
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16) / 255);
  return 0.299 * r + 0.587 * g + 0.114 * b;
}

export function pressColor(hex: string, use: ColorUse, mode: PressSettings['color'], area = 0): DeviceColor {
  const l = luma(hex);
  if (use !== 'area') {
    // Line art is solid black or, when meant to be (nearly) white, no ink at all.
    const ink = l >= 0.9 ? 0 : 1;
    return mode === 'gray' ? { space: 'gray', gray: 1 - ink } : { space: 'cmyk', c: 0, m: 0, y: 0, k: ink };
  }
  const tint = round(1 - l);
  if (mode === 'gray') return { space: 'gray', gray: round(l) };
  if (tint >= 0.9 && area >= RICH_BLACK_AREA) return { space: 'cmyk', ...RICH_BLACK };
  return { space: 'cmyk', c: 0, m: 0, y: 0, k: tint };
}

/** The content-stream operator setting this colour for filling, or stroking with `stroke`. */
export function colorOperator(c: DeviceColor, stroke = false): string {
  if (c.space === 'gray') return `${num(c.gray)} ${stroke ? 'G' : 'g'}`;
  return `${num(c.c)} ${num(c.m)} ${num(c.y)} ${num(c.k)} ${stroke ? 'K' : 'k'}`;
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

function num(n: number): string {
  return String(round(n));
}

/** Most ink a colour of a vector figure may carry in CMYK: 280 %, under every press's limit. */
export const FIGURE_INK_LIMIT = 2.8;

/**
 * A colour of a vector figure (an SVG: sRGB, 0–255 a channel) for the press, its opacity
 * flattened on white paper (the press PDF has no transparency). Text is line art as above:
 * solid black or no ink. Shapes and lines keep their lightness as a tint in gray; in CMYK
 * they keep their colour (gray component to black, the rest to C, M, Y, at most
 * FIGURE_INK_LIMIT), so that a chart's series stay apart.
 */
export function figureColor(rgb: readonly number[], use: 'text' | 'art', mode: PressSettings['color'], opacity = 1): DeviceColor {
  const a = Math.max(0, Math.min(1, Number.isFinite(opacity) ? opacity : 1));
  const [r, g, b] = [0, 1, 2].map((i) => 1 - (1 - Math.max(0, Math.min(255, rgb[i] ?? 0)) / 255) * a);
  if (use === 'text') {
    const hex = `#${[r, g, b].map(hexByte).join('')}`;
    return pressColor(hex, 'text', mode);
  }
  if (mode === 'gray') return { space: 'gray', gray: round(0.299 * r + 0.587 * g + 0.114 * b) };
  const k = 1 - Math.max(r, g, b);
  if (k >= 0.9995) return { space: 'cmyk', c: 0, m: 0, y: 0, k: 1 };
  let [c, m, y] = [r, g, b].map((v) => (1 - v - k) / (1 - k));
  const cmy = c + m + y;
  if (cmy + k > FIGURE_INK_LIMIT && cmy > 0) {
    const f = (FIGURE_INK_LIMIT - k) / cmy;
    [c, m, y] = [c * f, m * f, y * f];
  }
  return { space: 'cmyk', c: round(c), m: round(m), y: round(y), k: round(k) };
}

function hexByte(v: number): string {
  return Math.round(v * 255)
    .toString(16)
    .padStart(2, '0');
}
