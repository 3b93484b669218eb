// A paragraph: inline content → styled segments (with font fallback) → boxes, glue and
// penalties (with hyphenation) → line breaks (any LineBreaker) → composed lines of
// positioned text runs, justified by word spacing so the spaces stay real characters.
import { warning } from '../../diagnostics/diagnostic.js';
import type { Position } from '../../model/types.js';
import { INFINITY, lineSpans, type BreakOptions, type LineSpan } from './break-lines.js';
import { toItems, type PItem } from './break-items.js';
import { composeLine } from './compose-line.js';
import type { TypesetContext } from './context.js';
import type { FontKey, TextItem } from '../../pages/page.js';
import { fallbackRuns, segments } from './segments.js';
import type { ParagraphSpec, SetLine, SetParagraph } from './paragraph-spec.js';

/** Ragged lines: how much room at a line's end counts as one unit of looseness. */
const RAGGED_STRETCH = 0.25;
/**
 * Most lines set again in place (to the paragraph's end, as many as before): a break with
 * a line count to meet keeps a node per count reached, so the cost grows with the square
 * of the lines. Pages of one paragraph past this keep their hyphen at the page's foot.
 */
const MAX_RESET_LINES = 400;
/**
 * A justified paragraph's last line is at least this many ems long, and 1.5 times its
 * indent: shorter, it reads as a gap beneath the paragraph rather than a line.
 */
const MIN_LAST_LINE_EMS = 2;

/** Break and compose a paragraph into lines. */
export function setParagraph(ctx: TypesetContext, spec: ParagraphSpec): SetLine[] {
  return breakParagraph(ctx, spec).lines;
}

/** Break and compose a paragraph, keeping what it takes to set its end again. */
export function breakParagraph(ctx: TypesetContext, spec: ParagraphSpec): SetParagraph {
  const segs = segments(ctx, spec);
  const { items, overfull } = toItems(ctx, spec, segs);
  const indent = spec.indent ?? 0;
  const widthOf = (line: number) => (line === 0 ? spec.width - indent : spec.width);
  const before = spec.hyphensBefore ?? 0;
  const shape =
    spec.style.align === 'justify'
      ? { minLastLine: Math.max(MIN_LAST_LINE_EMS * spec.style.size, 1.5 * indent) }
      : { ragged: RAGGED_STRETCH * spec.width, balance: spec.style.balance };
  const options = { ...shape, hyphensBefore: before, hyphensAfterMax: spec.hyphensAfterMax };
  const result = ctx.breaker(items, widthOf, options) ?? ctx.breaker(items, widthOf, { ...shape, hyphensBefore: before });
  if (!result) throw new Error('the line breaker found no breaks for a paragraph');
  // One warning for the paragraph, however many of its words were cut.
  if (overfull) {
    const more = overfull.count > 1 ? `, and ${overfull.count - 1} more word${overfull.count > 2 ? 's' : ''} of the paragraph` : '';
    ctx.diagnostics.report(
      warning(
        'typeset/overfull-line',
        `"${overfull.text}" is wider than its line (${overfull.width.toFixed(1)} pt > ${overfull.max.toFixed(1)} pt)${more}; broken where it stopped fitting`,
        spec.pos,
        ['allow a break with a space or a shorter word, or widen the column'],
      ),
    );
  } else if (result.pass === 'emergency') {
    ctx.diagnostics.report(
      warning('typeset/overfull-line', 'no line breaks keep this paragraph inside its column; words were broken where they stopped fitting', spec.pos, [
        'allow a break with a space, or widen the column',
      ]),
    );
  }
  return paragraphFrom(ctx, spec, items, result.breaks, { ...shape, hyphensBefore: before });
}

/** The paragraph set with the given breaks, able to set itself again. */
function paragraphFrom(ctx: TypesetContext, spec: ParagraphSpec, items: PItem[], breaks: number[], options: BreakOptions): SetParagraph {
  const indent = spec.indent ?? 0;
  const widthOf = (line: number) => (line === 0 ? spec.width - indent : spec.width);
  const before = options.hyphensBefore ?? 0;
  const compose = (spans: LineSpan[], first: number) =>
    spans.map((span, i) => {
      const n = first + i;
      const end = items[span.end];
      const forced = end?.type === 'penalty' && end.penalty <= -INFINITY;
      return composeLine(ctx, spec, items, span.start, span.end, n === 0 ? indent : 0, widthOf(n), forced);
    });
  let spans = lineSpans(items, breaks);
  const composed = compose(spans, 0);
  const lines = composed.filter((l): l is SetLine => l !== null);
  // Line and span numbers agree only when every span made a line.
  const whole = composed.length === lines.length;
  const runAt = (k: number) => lines.slice(0, k).reduce((run, l) => (l.hyphenated ? run + 1 : 0), before);
  const hyphensAfter = lines.length > 1 ? runAt(lines.length - 1) : before;
  return {
    lines,
    hyphensAfter,
    variant(delta) {
      const target = lines.length + delta;
      if (!whole || target < 1 || delta === 0) return null;
      const again = ctx.breaker(items, widthOf, { ...options, lines: target });
      if (!again) return null;
      const set = paragraphFrom(ctx, spec, items, again.breaks, options);
      return set.lines.length === target ? set : null;
    },
    reset(from, avoid) {
      if (!whole || from < 0 || avoid < from || avoid >= lines.length - 1 || lines.length - from > MAX_RESET_LINES) return null;
      const start = spans[from].start;
      const again = ctx.breaker(items, (l) => widthOf(l + from), {
        ...options,
        from: start,
        lines: lines.length - from,
        noHyphenAt: avoid - from,
        hyphensBefore: runAt(from),
        hyphensAfterMax: hyphensAfter,
      });
      if (!again) return null;
      const newSpans = lineSpans(items, again.breaks, start);
      const set = compose(newSpans, from);
      if (set.length !== lines.length - from || !set.every((l) => l !== null)) return null;
      return {
        lines: set as SetLine[],
        commit() {
          spans = [...spans.slice(0, from), ...newSpans];
          lines.splice(from, Infinity, ...(set as SetLine[]));
        },
      };
    },
  };
}

/** Text set on one line as it comes (code): runs per fallback font, no wrapping. */
export function plainRuns(ctx: TypesetContext, text: string, key: FontKey, size: number, color: string, pos: Position, x: number, y: number): TextItem[] {
  const out: TextItem[] = [];
  for (const [k, raw] of fallbackRuns(ctx, key, text, pos)) {
    // Drawn as it comes: never a soft hyphen or a zero-width space.
    const t = raw.replace(/[\u00AD\u200B]/g, '');
    if (!t) continue;
    let w = 0;
    const sw = ctx.fonts.width(k, ' ') * size;
    for (const tok of t.split(' ')) if (tok) w += ctx.fonts.width(k, tok) * size;
    w += (t.split(' ').length - 1) * sw;
    out.push({ kind: 'text', x, y, font: k, file: ctx.fonts.file(k), size, place: pos, text: t, color, width: w });
    x += w;
  }
  return out;
}

/** Width of one character as `plainRuns` would set it. */
export function charWidth(ctx: TypesetContext, key: FontKey, ch: string, size: number): number {
  const k = ctx.fonts.resolve(key, ch.codePointAt(0)!) ?? key;
  return ctx.fonts.width(k, ch) * size;
}
