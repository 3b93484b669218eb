// A code block: mono, unjustified. A block whose longest line does not fit the column is
// first set smaller (one size for the whole block, never below MIN_CODE_SCALE of the code
// size); a line still too long is broken at a space or after punctuation, never inside a
// word unless the word alone is longer than the line, and each broken line ends with a
// drawn continuation mark. A block whose fence names a language is highlighted
// (src/model/highlight.ts): keywords in the bold face of the mono family, comments in its
// italic, and each kind of token in its colour; each character is measured in the face it
// is set in, and a broken line keeps its characters' styles on either side of the break.
import { highlightCode, type TokenStyle } from '../../model/highlight.js';
import type { Position } from '../../model/types.js';
import { structEl, type BlockContext } from './block-context.js';
import type { Element } from './flow.js';
import { fontKey } from '../text/fonts.js';
import { charWidth, plainRuns } from '../text/paragraph.js';
import { baselineOf } from '../text/paragraph-spec.js';
import type { FontKey, FontStyle, Item, RuleItem, TextItem } from '../../pages/page.js';
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

/**
 * How each kind of token prints: a face of the mono family, and a colour (undefined: the
 * text's), the same as the EPUB's (`.hl-…` in templates/style.css). Dark colours all: the
 * press PDF sets every character solid black, and the faces alone keep keywords (bold) and
 * comments (italic) apart from the rest.
 */
export const TOKEN_LOOKS: Readonly<Record<TokenStyle, { face: FontStyle; color?: string }>> = {
  plain: { face: 'regular' },
  keyword: { face: 'bold', color: '#203f73' },
  comment: { face: 'italic', color: '#666666' },
  string: { face: 'regular', color: '#2f5f1f' },
  literal: { face: 'regular', color: '#8c1d18' },
  type: { face: 'regular', color: '#6a2f7f' },
  name: { face: 'regular', color: '#235a6e' },
  meta: { face: 'regular', color: '#7a5200' },
  added: { face: 'regular', color: '#2f5f1f' },
  removed: { face: 'regular', color: '#8c1d18' },
};

/**
 * One source line: its code points, the style each is set in, and the width (size 1) of
 * each prefix: `at[i]` is that of the first i.
 */
interface SourceLine {
  chars: string[];
  styles: TokenStyle[];
  at: number[];
}

/** A piece of a source line as set: its characters `from`…`to`, its indent (size 1), and whether it goes on. */
interface Piece {
  from: number;
  to: number;
  indent: number;
  /** Broken here: the line goes on in the next piece (the mark is drawn). */
  continued: boolean;
  /** Spaces at the break, not drawn. */
  spaceAfter: boolean;
}

/** A code block's elements, one per line as set; `lang`, the fence's language, highlights it. */
export function codeElements(bc: BlockContext, text: string, pos: Position, space: number, lang?: string): Element[] {
  const s = bc.ctx.scale;
  const codeSize = s.code.size * bc.scale;
  const pad = s.code.pad * bc.scale;
  const key = fontKey('mono', 'regular');
  const avail = bc.width - 2 * pad;
  const lines = highlightCode(text.replace(/\n$/, ''), lang).map((tokens) => measure(bc.ctx, tokens));
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
    breakLine(l, room, mark).map((p, j, all) => ({ ...p, line: l, hold: all.length <= 3 ? j < all.length - 1 : j === 0 || j === all.length - 2 })),
  );
  const n = pieces.length;
  const base = baselineOf(size, leading);
  // One Code element for all its lines; the shaded background and the marks are decoration.
  const tag = tagOf(structEl(bc, 'Code'));
  return pieces.map((p, i) => {
    const top = i === 0 ? pad : 0;
    const h = leading + top + (i === n - 1 ? pad : 0);
    const items: Item[] = [{ kind: 'rect', x: bc.left, y: 0, w: bc.width, h: h + 0.05, fill: s.code.background }];
    const runs = pieceRuns(bc.ctx, p, size, s.colors.text, pos, bc.left + pad + p.indent * size, top + base);
    if (runs.length) {
      if (p.spaceAfter) runs[runs.length - 1].spaceAfter = true;
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

/** The font of each token style. */
const KEYS = Object.fromEntries(Object.entries(TOKEN_LOOKS).map(([style, look]) => [style, fontKey('mono', look.face)])) as Record<TokenStyle, FontKey>;
const keyOf = (style: TokenStyle): FontKey => KEYS[style];

/**
 * A highlighted line as characters (a tab as four spaces), each in its token's style but a
 * space, which takes the style of the character before it (the indent: of the first after
 * it), so that a token and the spaces around it are one run; each character measured in
 * the face it is set in.
 */
function measure(ctx: TypesetContext, tokens: readonly { text: string; style: TokenStyle }[]): SourceLine {
  const chars: string[] = [];
  const styles: TokenStyle[] = [];
  let lead = 0;
  for (const t of tokens) {
    for (const ch of Array.from(t.text.replace(/\t/g, '    '))) {
      if (ch === ' ' && lead === chars.length) lead++;
      chars.push(ch);
      styles.push(ch === ' ' && styles.length ? styles[styles.length - 1] : t.style);
    }
  }
  if (lead < chars.length) styles.fill(styles[lead], 0, lead);
  const at = [0];
  for (let i = 0; i < chars.length; i++) at.push(at[i] + charWidth(ctx, keyOf(styles[i]), chars[i], 1));
  return { chars, styles, at };
}

/** The runs of a piece: one `plainRuns` per stretch of characters of one style, end to end from `x`. */
function pieceRuns(ctx: TypesetContext, p: Piece & { line: SourceLine }, size: number, text: string, pos: Position, x: number, y: number): TextItem[] {
  const { chars, styles } = p.line;
  if (!chars.slice(p.from, p.to).join('').trim()) return [];
  const out: TextItem[] = [];
  for (let i = p.from; i < p.to; ) {
    let j = i + 1;
    while (j < p.to && styles[j] === styles[i]) j++;
    const look = TOKEN_LOOKS[styles[i]];
    for (const run of plainRuns(ctx, chars.slice(i, j).join(''), keyOf(styles[i]), size, look.color ?? text, pos, x, y)) {
      out.push(run);
      x = run.x + run.width;
    }
    i = j;
  }
  return out;
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
  if (width(0, last) <= room + EPSILON) return [{ from: 0, to: last, indent: 0, continued: false, spaceAfter: false }];
  let lead = 0;
  while (lead < end && chars[lead] === ' ') lead++;
  // Deeply indented code still leaves two thirds of the line to its continuations.
  const indent = Math.min(width(0, lead) + CONTINUATION_INDENT * mark, room / 3);
  const out: Piece[] = [];
  let from = 0;
  while (from < last) {
    const own = from === 0 ? 0 : indent;
    if (width(from, last) <= room - own + EPSILON) {
      out.push({ from, to: last, indent: own, continued: false, spaceAfter: false });
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
    if (stop > from) out.push({ from, to: stop, indent: own, continued: cut < last, spaceAfter: stop < cut });
    from = cut;
  }
  return out.length ? out : [{ from: 0, to: 0, indent: 0, continued: false, spaceAfter: false }];
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
