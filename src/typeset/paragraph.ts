// A paragraph: inline content → styled segments (with font fallback) → boxes, glue and
// penalties (with hyphenation) → line breaks (any LineBreaker) → composed lines of
// positioned text runs, justified by word spacing so the spaces stay real characters.
import type { Inline, Position } from '../model/types.js';
import { INFINITY, lineSpans } from './break-lines.js';
import { toItems } from './break-items.js';
import { composeLine } from './compose-line.js';
import type { TypesetContext } from './context.js';
import type { FontFamily, FontKey, Item, TextItem } from './pages.js';
import { fallbackRuns, segments } from './segments.js';

export type Align = 'justify' | 'left' | 'right' | 'center';

export interface TextStyle {
  family: Extract<FontFamily, 'body' | 'heading' | 'mono'>;
  italic?: boolean;
  bold?: boolean;
  size: number;
  leading: number;
  color: string;
  align: Align;
  hyphenate: boolean;
  /** Set the text in capitals (departments, bylines). */
  uppercase?: boolean;
  /** Extra space after each glyph, in ems. */
  letterSpacing?: number;
}

export interface ParagraphSpec {
  content: readonly Inline[];
  style: TextStyle;
  /** Width of every line. */
  width: number;
  /** First-line indent. */
  indent?: number;
  lang: string;
  pos: Position;
}

/** A composed line: items relative to the line's top-left corner. */
export interface SetLine {
  width: number;
  height: number;
  /** Distance from the line's top to its baseline. */
  baseline: number;
  items: Item[];
  /** Footnotes called on this line, in order. */
  notes: string[];
}

export function baselineOf(size: number, leading: number): number {
  return (leading - size) / 2 + 0.8 * size;
}

/** Break and compose a paragraph into lines. */
export function setParagraph(ctx: TypesetContext, spec: ParagraphSpec): SetLine[] {
  const segs = segments(ctx, spec);
  const items = toItems(ctx, spec, segs);
  const indent = spec.indent ?? 0;
  const widthOf = (line: number) => (line === 0 ? spec.width - indent : spec.width);
  const breaks = ctx.breaker(items, widthOf);
  const spans = lineSpans(items, breaks);
  const lines: SetLine[] = [];
  spans.forEach((span, n) => {
    const end = items[span.end];
    const forced = end?.type === 'penalty' && end.penalty <= -INFINITY;
    const line = composeLine(ctx, spec, items, span.start, span.end, n === 0 ? indent : 0, widthOf(n), forced);
    if (line) lines.push(line);
  });
  return lines;
}

/** Text set on one line as it comes (code): runs per fallback font, no wrapping. */
export function plainRuns(
  ctx: TypesetContext,
  text: string,
  key: FontKey,
  size: number,
  color: string,
  pos: Position,
  x: number,
  y: number,
): TextItem[] {
  const out: TextItem[] = [];
  for (const [k, raw] of fallbackRuns(ctx, key, text, pos)) {
    // Drawn as it comes: never a soft hyphen or a zero-width space.
    const t = raw.replace(/[\u00AD\u200B]/g, '');
    if (!t) continue;
    let w = 0;
    const sw = ctx.fonts.width(k, ' ') * size;
    for (const tok of t.split(' ')) if (tok) w += ctx.fonts.width(k, tok) * size;
    w += (t.split(' ').length - 1) * sw;
    out.push({ kind: 'text', x, y, font: k, size, text: t, color, width: w });
    x += w;
  }
  return out;
}

/** Width of one character as `plainRuns` would set it. */
export function charWidth(ctx: TypesetContext, key: FontKey, ch: string, size: number): number {
  const k = ctx.fonts.resolve(key, ch.codePointAt(0)!) ?? key;
  return ctx.fonts.width(k, ch) * size;
}
