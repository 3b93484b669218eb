// Segments → Knuth's boxes, glue and penalties: words (hyphenated by the language's
// patterns, broken after hard hyphens, dashes and URL separators), spaces, forced breaks.
// A fragment wider than any line is cut where it stops fitting (between clusters, see
// clusters.ts), and the paragraph says so once. Every step is linear in the paragraph's
// length: a word of a million characters is measured in windows, never shaped whole.
import LineBreaker from 'linebreak';
import { INFINITY, type Box, type Glue, type Penalty } from './break-lines.js';
import { clusterBounds } from './clusters.js';
import type { TypesetContext } from './context.js';
import { hyphenationPoints, isUnhyphenatable } from './hyphenate.js';
import type { ParagraphSpec } from './paragraph-spec.js';
import { letterGive, measure, SOFT_HYPHEN, spaceGive, spaceWidth, ZWSP, type Seg } from './segments.js';

export type PBox = Box & { seg: Seg; text: string };
export type PGlue = Glue & { seg?: Seg /** Between CJK characters: drawn as nothing, it only stretches. */; cjk?: boolean };
export type PPenalty = Penalty & { seg?: Seg; text: string };
export type PItem = PBox | PGlue | PPenalty;

/** A fragment that fit no line and was cut: the first of a paragraph's, and how many. */
export interface Overfull {
  text: string;
  width: number;
  max: number;
  count: number;
}

/** A paragraph's items, and its overfull fragments (cut where they stopped fitting). */
export interface ParagraphItems {
  items: PItem[];
  overfull?: Overfull;
}

type BreakKind = 'hyphen' | 'dash' | 'url' | 'cjk';

/**
 * Cost of breaking a word with an inserted hyphen (TeX's is 50): high enough that a line
 * a little looser, or letterspaced within 2 %, is preferred to one more hyphen.
 */
export const HYPHEN_PENALTY = 150;

/** Han, kana, CJK punctuation and full-width forms: a line may break between two by UAX #14. */
const CJK = /[\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef\u31f0-\u31ff]|[\u{20000}-\u{3ffff}]/u;
/** Kinsoku: never at the start of a line (closing brackets and punctuation, small kana, iteration marks) … */
export const NO_BREAK_BEFORE = new Set([
  ...'、。，．・：；？！ー」』）］｝〕〉》】〙〗〟’”ゝゞヽヾ々〻‐゠–〜～…‥',
  ...'ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ',
  ...',.:;!?)]}%',
]);
/** … never at the end of one (opening brackets). */
export const NO_BREAK_AFTER = new Set([...'「『（［｛〔〈《【〘〖〝‘“([{']);
/**
 * Stretch of the space between two CJK characters, in ems of the text: a Japanese or
 * Chinese line is justified by spreading it (no spaces are inserted).
 */
export const CJK_STRETCH = 0.25;

/** Offsets in `text` where UAX #14 allows a line to begin (not 0, not the end). */
export function uax14Breaks(text: string): Set<number> {
  const out = new Set<number>();
  const lb = new LineBreaker(text);
  for (let bk = lb.nextBreak(); bk; bk = lb.nextBreak()) if (bk.position > 0 && bk.position < text.length) out.add(bk.position);
  return out;
}

/**
 * Break opportunities in a run of CJK text without spaces: where UAX #14 allows one,
 * touching a CJK character (Latin words inside stay whole) and kinsoku permits it.
 */
export function cjkBreaks(text: string): number[] {
  const out: number[] = [];
  for (const j of uax14Breaks(text)) {
    const prev = String.fromCodePoint(text.codePointAt(j - 1 - (isLowSurrogate(text, j - 1) ? 1 : 0))!);
    const next = String.fromCodePoint(text.codePointAt(j)!);
    if (!(CJK.test(prev) || CJK.test(next))) continue;
    if (NO_BREAK_AFTER.has(prev) || NO_BREAK_BEFORE.has(next)) continue;
    out.push(j);
  }
  return out.sort((a, b) => a - b);
}

function isLowSurrogate(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  return c >= 0xdc00 && c <= 0xdfff;
}

const LETTER = /\p{L}/u;
const NBSP = '\u00a0';
/** Characters a word may break after: hard hyphens and dashes; in URLs, their separators. */
const URL_BREAK = new Set(['/', '.', '?', '&', '=', '#', '_', '-']);
const BREAK_AFTER = new Set(['-', '—', '–', ...URL_BREAK]);

export function toItems(ctx: TypesetContext, spec: ParagraphSpec, segs: (Seg | 'break')[]): ParagraphItems {
  const items: PItem[] = [];
  const out: ParagraphItems = { items };
  // The widest box a line can hold: the first line is shorter by the indent.
  const firstMax = Math.max(1, spec.width - (spec.indent ?? 0));
  // Items seen so far looking for a box, so that asking again costs nothing.
  let seen = 0;
  let boxed = false;
  const maxBox = () => {
    while (!boxed && seen < items.length) boxed = items[seen++].type === 'box';
    return boxed ? spec.width : firstMax;
  };
  let word: { seg: Seg; text: string }[] = [];

  const glue = (seg: Seg) => {
    const last = items[items.length - 1];
    if (!last || (last.type === 'glue' && last.seg && !last.cjk)) return; // collapse spaces; none at the start
    const w = spaceWidth(ctx, seg);
    const [stretch, shrink] = spaceGive(seg, w);
    items.push({ type: 'glue', width: w, stretch, shrink, seg });
  };
  const forced = () => {
    flush();
    while (items.length && items[items.length - 1].type === 'glue') items.pop();
    items.push({ type: 'glue', width: 0, stretch: 1e5, shrink: 0 });
    items.push({ type: 'penalty', width: 0, penalty: -INFINITY, flagged: false, text: '' });
  };
  const flush = () => {
    if (!word.length) return;
    emitWord(ctx, spec, word, out, maxBox);
    word = [];
  };

  // The paragraph's text, to look past a space: a space before closing punctuation, after
  // an opening bracket (`sed ）`, `（ Linux`) or before a spaced dash must not break the line.
  const flat = segs.map((s) => (s === 'break' ? '\n' : s.text)).join('');
  const kinsoku = kinsokuSpaces(flat);
  let at = 0;
  for (const s of segs) {
    if (s === 'break') {
      forced();
      at++;
      continue;
    }
    if (s.image) {
      // A box of its own, joined to the words it touches (no break without a space).
      flush();
      items.push({ type: 'box', width: s.image.w, seg: s, text: '' });
      continue;
    }
    let buf = '';
    for (const ch of s.text) {
      const here = at;
      at += ch.length;
      if (ch === ' ' && !kinsoku(here)) {
        if (buf) word.push({ seg: s, text: buf });
        buf = '';
        flush();
        glue(s);
      } else if (ch === NBSP || ch === ' ') {
        // A no-break space (or a kinsoku one) is a word space the line may not break at:
        // it stretches and shrinks with the others (a fixed one shows as a tight gap).
        if (buf) word.push({ seg: s, text: buf });
        buf = '';
        flush();
        if (items[items.length - 1]?.type === 'box') {
          items.push({ type: 'penalty', width: 0, penalty: INFINITY, flagged: false, text: '' });
          glue(s);
        }
      } else buf += ch;
    }
    if (buf) word.push({ seg: s, text: buf });
  }
  forced();
  return out;
}

/** Dashes set with spaces between words: the space before one does not break (see kinsokuSpaces). */
const SPACED_DASHES = new Set(['—', '–']);
/** What may follow a dash that closes a clause: a space, the text's end, closing punctuation. */
const AFTER_DASH = /[\s\u00a0\u202f”’»›)\]}.,;:!?…]/u;

/**
 * Whether the space at `i` must not break the line, asked of the spaces in order: after an
 * opening bracket or before closing punctuation (kinsoku), and before a spaced dash, which
 * stays with the word before it ("word —" / "next", never "word" / "— next"; the line
 * breaks after the dash). A dash joined to the word after it ("—dijo él") is not spaced.
 * What lies past a run of spaces is looked up once for the run, not once per space (a run
 * of a million spaces).
 */
function kinsokuSpaces(text: string): (i: number) => boolean {
  let before = -1;
  let after = -1;
  return (i) => {
    if (i >= after) {
      before = i - 1;
      while (text[before] === ' ') before--;
      after = i + 1;
      while (text[after] === ' ') after++;
    }
    if (before >= 0 && NO_BREAK_AFTER.has(text[before])) return true;
    if (after >= text.length) return false;
    const next = text[after];
    if (NO_BREAK_BEFORE.has(next)) return true;
    return before >= 0 && SPACED_DASHES.has(next) && (after + 1 === text.length || AFTER_DASH.test(text[after + 1]));
  };
}

function emitWord(ctx: TypesetContext, spec: ParagraphSpec, pieces: { seg: Seg; text: string }[], out: ParagraphItems, maxBox: () => number) {
  const items = out.items;
  // Break opportunities inside the word, by offset in its full text (soft hyphens removed).
  const breaks = new Map<number, BreakKind>();
  let full = '';
  let manual = false;
  const clean = pieces.map((p) => {
    let t = '';
    for (const ch of p.text) {
      if (ch === SOFT_HYPHEN) {
        breaks.set(full.length + t.length, 'hyphen');
        manual = true;
      } else if (ch === ZWSP) breaks.set(full.length + t.length, 'url');
      else t += ch;
    }
    full += t;
    return { seg: p.seg, text: t };
  });
  const pieces2 = clean.filter((p) => p.text);
  if (!pieces2.length) return;
  const url = pieces2.some((p) => p.seg.url) || isUnhyphenatable(full);
  if (!manual && !url && pieces2.every((p) => p.seg.hyphenate)) {
    for (const p of hyphenationPoints(full, spec.lang)) breaks.set(p, 'hyphen');
  }
  const cjk = CJK.test(full);
  if (cjk) for (const j of cjkBreaks(full)) if (!breaks.has(j)) breaks.set(j, 'cjk');
  for (let j = 1; j < full.length; j++) {
    const prev = full[j - 1];
    if (j === full.length - 1 || !BREAK_AFTER.has(prev)) continue;
    if (cjk && (CJK.test(prev) || CJK.test(full[j]))) continue;
    if ((prev === '-' && !url && LETTER.test(full[j - 2] ?? '') && LETTER.test(full[j])) || ((prev === '—' || prev === '–') && j >= 2)) {
      breaks.set(j, 'dash');
    } else if (url && j >= 3 && full.length - j >= 3 && URL_BREAK.has(prev) && full[j] !== '/') {
      breaks.set(j, 'url');
    }
  }
  // Fragments between the break opportunities, each in its piece's style, measured
  // from one shaping of the piece; a long piece fragment by fragment (shaping a million
  // characters at once takes seconds and hundreds of megabytes).
  const cuts = [...breaks.keys()].sort((a, b) => a - b);
  let next = 0;
  let at = 0;
  for (const p of pieces2) {
    let from = 0;
    // The space between two ideographs, one object for the piece (items are never changed).
    let gap: PGlue | undefined;
    while (next < cuts.length && cuts[next] <= at) next++;
    const ends: number[] = [];
    for (let k = next; k < cuts.length && cuts[k] < at + p.text.length; k++) ends.push(cuts[k] - at);
    ends.push(p.text.length);
    const widths = p.seg.ls || p.text.length > LONG_PIECE ? null : ctx.fonts.pieceWidths(p.seg.key, p.text, [0, ...ends]);
    for (const [n, c] of ends.entries()) {
      const text = p.text.slice(from, c);
      if (text) pushBox(ctx, spec, p.seg, text, out, maxBox(), widths ? widths[n] * p.seg.size : undefined);
      from = c;
      const kind = breaks.get(at + c);
      if (kind === 'cjk' && at + c < full.length) {
        // Breakable space between ideographs: nothing wide, it only stretches.
        gap ??= { type: 'glue', width: 0, stretch: CJK_STRETCH * p.seg.size, shrink: 0, seg: p.seg, cjk: true };
        items.push(gap);
      } else if (kind && at + c < full.length) {
        items.push(
          kind === 'hyphen'
            ? { type: 'penalty', width: measure(ctx, p.seg, '-'), penalty: HYPHEN_PENALTY, flagged: true, seg: p.seg, text: '-' }
            : // A line that ends in "-" reads as hyphenated, whatever the break: flagged, so hyphens in a row stay few.
              { type: 'penalty', width: 0, penalty: kind === 'dash' ? 50 : kind === 'url' ? 100 : 0, flagged: full[at + c - 1] === '-', seg: p.seg, text: '' },
        );
      }
    }
    at += p.text.length;
  }
}

/** A piece of a word longer than this (UTF-16 units) is measured fragment by fragment, not shaped whole. */
const LONG_PIECE = 2000;
/**
 * Most characters one box holds: a longer fragment is cut whatever its width (a run of
 * zero-width characters), and is never shaped whole.
 */
const MAX_CHUNK = 1000;

/** A box; a fragment wider than the line is cut where it stops fitting, and counted for the paragraph's warning. */
function pushBox(ctx: TypesetContext, spec: ParagraphSpec, seg: Seg, text: string, out: ParagraphItems, maxBox: number, width?: number) {
  const items = out.items;
  const w = width ?? (text.length <= MAX_CHUNK ? measure(ctx, seg, text) : Infinity);
  if (w <= maxBox + 1e-6) {
    const give = letterGive(seg, spec.style.align === 'justify');
    items.push(give ? { type: 'box', width: w, flex: give * w, seg, text } : { type: 'box', width: w, seg, text });
    return;
  }
  const chunks = cutToFit(ctx, seg, text, maxBox);
  if (chunks.length > 1 || chunks[0].width > maxBox + 1e-6) {
    const total = Number.isFinite(w) ? w : chunks.reduce((sum, c) => sum + c.width, 0);
    out.overfull ??= { text: excerpt(text, 40), width: total, max: maxBox, count: 0 };
    out.overfull.count++;
  }
  for (const [i, c] of chunks.entries()) {
    if (i > 0) items.push({ type: 'penalty', width: 0, penalty: 0, flagged: false, text: '' });
    items.push({ type: 'box', width: c.width, seg, text: c.text });
  }
}

/**
 * `text` in pieces that each fit `max` (a single cluster wider than that stands alone),
 * cut between clusters: the longest that fits, in time linear in the text. The unshaped
 * advances of the clusters guess each cut; shaping then moves it by galloping and
 * bisection (kerning and ligatures make the shaped text a little narrower or wider).
 */
export function cutToFit(ctx: TypesetContext, seg: Seg, text: string, max: number): { text: string; width: number }[] {
  const b = clusterBounds(text);
  const m = b.length - 1;
  const guess = (k: number) => {
    let w = 0;
    for (let i = b[k]; i < b[k + 1]; ) {
      const cp = text.codePointAt(i)!;
      w += ctx.fonts.advance(seg.key, cp) * seg.size + seg.ls;
      i += cp > 0xffff ? 2 : 1;
    }
    return w;
  };
  const out: { text: string; width: number }[] = [];
  for (let i = 0; i < m; ) {
    // Clusters i … j-1 fit: the first always stands, however wide.
    const fits = (j: number) => j === i + 1 || (j <= m && b[j] - b[i] <= MAX_CHUNK && measure(ctx, seg, text.slice(b[i], b[j])) <= max);
    let j = i + 1;
    for (let w = guess(i); j < m && b[j + 1] - b[i] <= MAX_CHUNK; j++) {
      w += guess(j);
      if (w > max) break;
    }
    // Galloping from the guess to a cut that fits (lo) and one that does not (hi).
    let lo = j;
    let hi: number;
    if (fits(j)) {
      let step = 1;
      while (fits(lo + step)) (lo += step), (step *= 2);
      hi = lo + step;
    } else {
      hi = j;
      lo = j - 1;
      for (let step = 2; !fits(lo); step *= 2) (hi = lo), (lo = Math.max(i + 1, hi - step));
    }
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (fits(mid)) lo = mid;
      else hi = mid;
    }
    const t = text.slice(b[i], b[lo]);
    out.push({ text: t, width: measure(ctx, seg, t) });
    i = lo;
  }
  return out;
}

/** The start of `text`, at most `n` characters and never half a surrogate pair, with "…" when cut. */
export function excerpt(text: string, n: number): string {
  if (text.length <= n) return text;
  let end = n - 1;
  const c = text.charCodeAt(end - 1);
  if (c >= 0xd800 && c <= 0xdbff) end--;
  return text.slice(0, end) + '…';
}
