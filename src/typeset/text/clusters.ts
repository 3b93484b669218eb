// Where a word may be cut when no break lets it fit its line (the emergency break):
// between the characters a reader sees, never inside one. A cut never falls inside a
// surrogate pair, before a combining mark, around a zero-width joiner, before an emoji
// modifier, a tag character or a Hangul vowel or final jamo, or between the two regional
// indicators of a flag. This is UAX #29's grapheme clusters in the cases that matter for
// print, in one linear pass: Intl.Segmenter takes seconds over 100 000 characters.

const MARK = /\p{M}/u;
const ZWJ = 0x200d;

/**
 * At most this many combining marks in a row stay with their base character (Unicode's
 * stream-safe text format allows 30): past them a cut is allowed, so that a run of marks
 * cannot make one unbreakable cluster of a million characters.
 */
export const MAX_MARKS = 30;

const isRegional = (cp: number) => cp >= 0x1f1e6 && cp <= 0x1f1ff;
/**
 * What attaches to the character before it: combining marks (variation selectors among
 * them), the zero-width joiner, emoji modifiers and tags, Hangul V and T jamo.
 */
export function attaches(cp: number, ch: string): boolean {
  if (cp < 0x300) return false;
  if (cp === ZWJ) return true;
  return (
    (cp >= 0x1f3fb && cp <= 0x1f3ff) || (cp >= 0xe0020 && cp <= 0xe007f) || (cp >= 0x1160 && cp <= 0x11ff) || (cp >= 0xd7b0 && cp <= 0xd7ff) || MARK.test(ch)
  );
}

/**
 * Offsets in `text` (UTF-16 units) where its clusters start, and `text.length` last:
 * cluster k is text.slice(b[k], b[k + 1]).
 */
export function clusterBounds(text: string): number[] {
  const out: number[] = [];
  let prev = -1;
  let marks = 0;
  let regional = 0;
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i)!;
    const ch = cp > 0xffff ? text.slice(i, i + 2) : text[i];
    let joins = false;
    if (prev >= 0) {
      if (cp === ZWJ || prev === ZWJ) joins = true;
      else if (attaches(cp, ch)) joins = ++marks <= MAX_MARKS;
      else if (isRegional(cp) && isRegional(prev)) joins = regional % 2 === 1;
    }
    if (!joins) {
      out.push(i);
      marks = 0;
    }
    regional = isRegional(cp) ? regional + 1 : 0;
    prev = cp;
    i += ch.length;
  }
  out.push(text.length);
  return out;
}
