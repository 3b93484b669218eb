// A code block: mono, unjustified. A block whose longest line does not fit the column is
// first set smaller (one size for the whole block, never below MIN_CODE_SCALE of the code
// size); a line still too long is broken at a space or after punctuation, never inside a
// word unless the word alone is longer than the line, and each broken line ends with a
// drawn continuation mark.
import type { Position } from '../../model/types.js';
import { structEl, type BlockContext } from './block-context.js';
import type { Element } from './flow.js';
import { fontKey } from '../text/fonts.js';
import { charWidth, plainRuns } from '../text/paragraph.js';
import { baselineOf } from '../text/paragraph-spec.js';
import type { FontKey, Item, RuleItem } from '../../pages/page.js';
import { tagItems, tagOf } from '../../pages/structure.js';
import type { TypesetContext } from '../text/context.js';

/** The smallest a code block is set to make its longest line fit: a share of the code size. */
export const MIN_CODE_SCALE = 0.85;

/** Continuation lines start this many characters further in than their line's own indent. */
const CONTINUATION_INDENT = 2;

/**
 * A line may break after one of these when the next character is not one of them too
 * (`=>`, `===`, `//` and `&&` stay whole) and is not a space (the space itself is a better
 * place to break).
 */
const BREAK_AFTER = new Set([...',;.([{=+-*/%&|^!?:<>~']);

/** Rounding in the widths must not turn a line that fits into one that does not. */
const EPSILON = 1e-6;

/** One source line: its code points and the width (size 1) of each prefix: `at[i]` is that of the first i. */
interface SourceLine {
  chars: string[];
  at: number[];
}

/** A piece of a source line as set: its text and its indent (size 1), and whether it goes on. */
interface Piece {
  text: string;
  indent: number;
  /** Broken here: the line goes on in the next piece (the mark is drawn). */
  continued: boolean;
  /** Spaces at the break, not drawn. */
  spaceAfter: boolean;
}

/** A code block's elements, one per line as set. */
export function codeElements(bc: BlockContext, text: string, pos: Position, space: number): Element[] {
  const s = bc.ctx.scale;
  const codeSize = s.code.size * bc.scale;
  const pad = s.code.pad * bc.scale;
  const key = fontKey('mono', 'regular');
  const avail = bc.width - 2 * pad;
  const lines = text
    .replace(/\n$/, '')
    .split('\n')
    .map((raw) => measure(bc.ctx, key, raw.replace(/\t/g, '    ')));
  let longest = 0;
  for (const l of lines) longest = Math.max(longest, l.at[l.chars.length - trailingSpaces(l.chars)]);
  // One size for the block: as large as lets the longest line fit, within the limit.
  const size = longest * codeSize > avail ? Math.max(MIN_CODE_SCALE * codeSize, (avail / longest) * (1 - EPSILON)) : codeSize;
  const leading = (s.code.leading * bc.scale * size) / codeSize;
  const room = avail / size;
  const mark = charWidth(bc.ctx, key, ' ', 1);
  // A column does not end inside a broken line of a few pieces; a longer one keeps its
  // first and last two pieces together, as a paragraph does (or a column could not hold it).
  const pieces = lines.flatMap((l) =>
    breakLine(l, room, mark).map((p, j, all) => ({ ...p, hold: all.length <= 3 ? j < all.length - 1 : j === 0 || j === all.length - 2 })),
  );
  const n = pieces.length;
  const base = baselineOf(size, leading);
  // One Code element for all its lines; the shaded background and the marks are decoration.
  const tag = tagOf(structEl(bc, 'Code'));
  return pieces.map((p, i) => {
    const top = i === 0 ? pad : 0;
    const h = leading + top + (i === n - 1 ? pad : 0);
    const items: Item[] = [{ kind: 'rect', x: bc.left, y: 0, w: bc.width, h: h + 0.05, fill: s.code.background }];
    if (p.text.trim()) {
      const runs = plainRuns(bc.ctx, p.text, key, size, s.colors.text, pos, bc.left + pad + p.indent * size, top + base);
      if (p.spaceAfter && runs.length) runs[runs.length - 1].spaceAfter = true;
      items.push(...tagItems(runs, tag));
    }
    if (p.continued) items.push(...continuationMark(bc.left + pad + avail, top + base, mark * size, size, s.colors.muted));
    // Nor may it leave a block's first or last line alone.
    const keep = p.hold || (n >= 2 && (i === 0 || i === n - 2));
    return {
      height: h,
      spaceBefore: i === 0 ? space : 0,
      breakAfter: !keep,
      items,
      baseline: top + base,
      ...(keep ? { keep: 'code' as const } : {}),
    };
  });
}

function measure(ctx: TypesetContext, key: FontKey, line: string): SourceLine {
  const chars = Array.from(line);
  const at = [0];
  for (const ch of chars) at.push(at[at.length - 1] + charWidth(ctx, key, ch, 1));
  return { chars, at };
}

/**
 * A source line as pieces that fit `room` (at size 1): a broken piece leaves `mark` free at
 * its right for the continuation mark, and the pieces after the first are indented.
 */
function breakLine(line: SourceLine, room: number, mark: number): Piece[] {
  const { chars, at } = line;
  const end = chars.length;
  const width = (from: number, to: number) => at[to] - at[from];
  // Spaces at the end of a line take no room, and are not drawn.
  const last = end - trailingSpaces(chars);
  if (width(0, last) <= room + EPSILON) return [{ text: chars.slice(0, last).join(''), indent: 0, continued: false, spaceAfter: false }];
  let lead = 0;
  while (lead < end && chars[lead] === ' ') lead++;
  // Deeply indented code still leaves two thirds of the line to its continuations.
  const indent = Math.min(width(0, lead) + CONTINUATION_INDENT * mark, room / 3);
  const out: Piece[] = [];
  let from = 0;
  while (from < last) {
    const own = from === 0 ? 0 : indent;
    if (width(from, last) <= room - own + EPSILON) {
      out.push({ text: chars.slice(from, last).join(''), indent: own, continued: false, spaceAfter: false });
      break;
    }
    const fit = room - own - mark + EPSILON;
    // The last break whose piece fits (spaces before the break not counted)…
    let cut = -1;
    let visible = from;
    for (let i = from; i + 1 < end; i++) {
      if (chars[i] !== ' ') visible = i + 1;
      if (width(from, visible) > fit) break;
      if (i + 1 > Math.max(from, lead) && breaksAfter(chars, i)) cut = i + 1;
    }
    // …else a word longer than the line, cut where the line is full (one character at least).
    if (cut < 0) {
      cut = from + 1;
      while (cut < end && width(from, cut + 1) <= fit) cut++;
    }
    // Spaces at a break are not carried over (an indent wider than the line is dropped).
    while (cut < end && chars[cut] === ' ') cut++;
    let stop = cut;
    while (stop > from && chars[stop - 1] === ' ') stop--;
    if (stop > from) out.push({ text: chars.slice(from, stop).join(''), indent: own, continued: cut < last, spaceAfter: stop < cut });
    from = cut;
  }
  return out.length ? out : [{ text: '', indent: 0, continued: false, spaceAfter: false }];
}

function trailingSpaces(chars: readonly string[]): number {
  let n = 0;
  while (n < chars.length && chars[chars.length - 1 - n] === ' ') n++;
  return n;
}

/** May the line break between `chars[i]` and `chars[i + 1]`? */
function breaksAfter(chars: readonly string[], i: number): boolean {
  const c = chars[i];
  const next = chars[i + 1];
  if (next === ' ') return false;
  if (c === ' ') return true;
  return BREAK_AFTER.has(c) && !BREAK_AFTER.has(next);
}

/**
 * A return arrow (⏎) drawn with rules at the line's right end (`right`, on `baseline`), in
 * a box one character wide: drawn rather than set so that text taken out of the page (a
 * copy, pdftotext) has no character in the code that was not written.
 */
function continuationMark(right: number, baseline: number, width: number, size: number, color: string): RuleItem[] {
  const t = 0.07 * size;
  const xr = right - 0.1 * width;
  const xl = right - 0.9 * width;
  const top = baseline - 0.62 * size;
  const mid = baseline - 0.2 * size;
  const a = 0.16 * size;
  const rule = (x1: number, y1: number, x2: number, y2: number): RuleItem => ({ kind: 'rule', x1, y1, x2, y2, thickness: t, color });
  return [rule(xr, top, xr, mid + t / 2), rule(xr, mid, xl, mid), rule(xl, mid, xl + a, mid - a), rule(xl, mid, xl + a, mid + a)];
}
