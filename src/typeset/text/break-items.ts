// Segments → Knuth's boxes, glue and penalties: words (hyphenated by the language's
// patterns, broken after hard hyphens, dashes and URL separators), spaces, forced breaks.
// A fragment wider than any line is cut where it stops fitting, with a warning.
import LineBreaker from 'linebreak';
import { warning } from '../../diagnostics/diagnostic.js';
import { INFINITY, type Box, type Glue, type Penalty } from './break-lines.js';
import type { TypesetContext } from './context.js';
import { hyphenationPoints, isUnhyphenatable } from './hyphenate.js';
import type { ParagraphSpec } from './paragraph-spec.js';
import { letterGive, measure, SOFT_HYPHEN, spaceGive, spaceWidth, ZWSP, type Seg } from './segments.js';

export type PBox = Box & { seg: Seg; text: string };
export type PGlue = Glue & { seg?: Seg /** Between CJK characters: drawn as nothing, it only stretches. */; cjk?: boolean };
export type PPenalty = Penalty & { seg?: Seg; text: string };
export type PItem = PBox | PGlue | PPenalty;

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

export function toItems(ctx: TypesetContext, spec: ParagraphSpec, segs: (Seg | 'break')[]): PItem[] {
  const items: PItem[] = [];
  // The widest box a line can hold: the first line is shorter by the indent.
  const firstMax = Math.max(1, spec.width - (spec.indent ?? 0));
  const maxBox = () => (items.some((i) => i.type === 'box') ? spec.width : firstMax);
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
    emitWord(ctx, spec, word, items, maxBox);
    word = [];
  };

  // The paragraph's text, to look past a space: a space before closing punctuation or
  // after an opening bracket (`sed ）`, `（ Linux`) must not break the line either.
  const flat = segs.map((s) => (s === 'break' ? '\n' : s.text)).join('');
  let at = 0;
  for (const s of segs) {
    if (s === 'break') {
      forced();
      at++;
      continue;
    }
    let buf = '';
    for (const ch of s.text) {
      const here = at;
      at += ch.length;
      if (ch === ' ' && !kinsokuSpace(flat, here)) {
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
  return items;
}

/** Whether the space at `i` sits after an opening bracket or before closing punctuation. */
function kinsokuSpace(text: string, i: number): boolean {
  let j = i + 1;
  while (text[j] === ' ') j++;
  let k = i - 1;
  while (text[k] === ' ') k--;
  return (j < text.length && NO_BREAK_BEFORE.has(text[j])) || (k >= 0 && NO_BREAK_AFTER.has(text[k]));
}

function emitWord(ctx: TypesetContext, spec: ParagraphSpec, pieces: { seg: Seg; text: string }[], items: PItem[], maxBox: () => number) {
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
  const cjkAt = new Set(cjk ? cjkBreaks(full) : []);
  for (const j of cjkAt) if (!breaks.has(j)) breaks.set(j, 'cjk');
  for (let j = 1; j < full.length; j++) {
    const prev = full[j - 1];
    if (cjk && (CJK.test(prev) || CJK.test(full[j]))) continue;
    if (j === full.length - 1 || !BREAK_AFTER.has(prev)) continue;
    if ((prev === '-' && !url && LETTER.test(full[j - 2] ?? '') && LETTER.test(full[j])) || ((prev === '—' || prev === '–') && j >= 2)) {
      breaks.set(j, 'dash');
    } else if (url && j >= 3 && full.length - j >= 3 && URL_BREAK.has(prev) && full[j] !== '/') {
      breaks.set(j, 'url');
    }
  }
  // Fragments between the break opportunities, each in its piece's style, measured
  // from one shaping of the piece.
  let at = 0;
  for (const p of pieces2) {
    let from = 0;
    const cuts = [...breaks.keys()].filter((b) => b > at && b < at + p.text.length).sort((a, b) => a - b);
    const ends = [...cuts.map((b) => b - at), p.text.length];
    const widths = p.seg.ls ? null : ctx.fonts.pieceWidths(p.seg.key, p.text, [0, ...ends]);
    for (const [n, c] of ends.entries()) {
      const text = p.text.slice(from, c);
      if (text) pushBox(ctx, spec, p.seg, text, items, maxBox(), widths ? widths[n] * p.seg.size : undefined);
      from = c;
      const kind = breaks.get(at + c);
      if (kind === 'cjk' && at + c < full.length) {
        // Breakable space between ideographs: nothing wide, it only stretches.
        const size = p.seg.size;
        items.push({ type: 'glue', width: 0, stretch: CJK_STRETCH * size, shrink: 0, seg: p.seg, cjk: true });
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

/** A box; a fragment wider than the line is cut where it stops fitting, with a warning. */
function pushBox(ctx: TypesetContext, spec: ParagraphSpec, seg: Seg, text: string, items: PItem[], maxBox: number, width?: number) {
  const w = width ?? measure(ctx, seg, text);
  if (w <= maxBox + 1e-6) {
    const give = letterGive(seg, spec.style.align === 'justify');
    items.push(give ? { type: 'box', width: w, flex: give * w, seg, text } : { type: 'box', width: w, seg, text });
    return;
  }
  ctx.diagnostics.report(
    warning(
      'typeset/overfull-line',
      `"${text.length > 40 ? text.slice(0, 39) + '…' : text}" is wider than its line (${w.toFixed(1)} pt > ${maxBox.toFixed(1)} pt); broken where it stopped fitting`,
      spec.pos,
      ['allow a break with a space or a shorter word, or widen the column'],
    ),
  );
  let chunk = '';
  for (const ch of text) {
    if (chunk && measure(ctx, seg, chunk + ch) > maxBox) {
      items.push({ type: 'box', width: measure(ctx, seg, chunk), seg, text: chunk });
      items.push({ type: 'penalty', width: 0, penalty: 0, flagged: false, text: '' });
      chunk = '';
    }
    chunk += ch;
  }
  if (chunk) items.push({ type: 'box', width: measure(ctx, seg, chunk), seg, text: chunk });
}
