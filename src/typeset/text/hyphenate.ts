// Hyphenation points from TeX patterns (the `hyphen` package), chosen by the article's
// language. Patterns load lazily (German alone costs ~60 ms). No patterns: no hyphens.
import { memo } from '../../cache/memos.js';
import { createRequire } from 'node:module';

type PatternModule = typeof import('hyphen/en-us/index.js');

const require = createRequire(import.meta.url);

/** Pattern sets the `hyphen` package ships (folder names). */
const PATTERNS = new Set(
  (
    'af as be bg bn ca cop cs cu cy da de de-1901 de-1996 de-ch-1901 el-monoton el-polyton en-gb en-us es et ' +
    'eu fi fr fur ga gl grc gu hi hr hsb hu hy ia id is it ka kmr kn la lt lv mk ml mn-cyrl mr nb nl nn no oc ' +
    'or pa pi pl pms pt rm ro ru sa sh-cyrl sh-latn sk sl sq sr-cyrl sv ta te th tk tr uk'
  ).split(' '),
);

/** A language tag's own name for the patterns where the primary subtag is not enough. */
const ALIASES: Record<string, string> = {
  en: 'en-us',
  'en-au': 'en-gb',
  'en-nz': 'en-gb',
  'en-ie': 'en-gb',
  'de-ch': 'de-ch-1901',
  el: 'el-monoton',
  mn: 'mn-cyrl',
  sr: 'sr-cyrl',
  'sr-latn': 'sh-latn',
};

export const MIN_WORD = 5;
/**
 * Longer words (UTF-16 units, punctuation included) are not looked up: the pattern search
 * of the `hyphen` package copies the rest of the word at every letter, so its time grows
 * with the square of the length (minutes for 100 000 letters). TeX stops at 63 letters;
 * no word of any language comes near this, and a longer one is cut where it must be.
 */
export const MAX_WORD = 256;
export const MIN_LEFT = 2;
export const MIN_RIGHT = 3;

const MARK = '\uE000';
const loaded = memo<string, PatternModule | null>('hyphenate/patterns');

/** The pattern set for a BCP 47 tag, or null (tl, ja, zh…: no hyphenation). */
export function patternsFor(lang: string): string | null {
  const tag = lang.toLowerCase().replace(/_/g, '-');
  const parts = tag.split('-');
  for (let n = parts.length; n >= 1; n--) {
    const t = parts.slice(0, n).join('-');
    if (ALIASES[t]) return ALIASES[t];
    if (PATTERNS.has(t)) return t;
  }
  return null;
}

function load(lang: string): PatternModule | null {
  const name = patternsFor(lang);
  if (!name) return null;
  let m = loaded.get(name);
  if (m === undefined) {
    m = require(`hyphen/${name}/index.js`) as PatternModule;
    loaded.set(name, m);
  }
  return m;
}

const isLetter = (ch: string) => /\p{L}|\p{M}/u.test(ch);

/** Words never hyphenated: URLs, e-mail addresses, paths, words with digits. */
export function isUnhyphenatable(word: string): boolean {
  return /:\/\/|@|\/|\\|^www\.|\d|_/.test(word);
}

const cache = memo<string, number[]>('hyphenate/points');

/** The points found so far, by language and word: handed to the next process with the widths (see layout-memo.ts). */
export function pointsKept(): ReadonlyMap<string, number[]> {
  return cache;
}

/** Points found by another process (the patterns are those of the same code: the disk cache's key says so). */
export function adoptPoints(points: ReadonlyMap<string, number[]>): void {
  for (const [k, v] of points) if (!cache.has(k)) cache.set(k, v);
}
const HARD_HYPHEN = /\p{L}[-\u2010\u2011]\p{L}/u;

/**
 * Offsets (in UTF-16 units) inside `word` where it may be broken with a hyphen:
 * at least 2 letters before and 3 after, in letter runs of at least 5 letters; none in
 * a word longer than MAX_WORD.
 */
export function hyphenationPoints(word: string, lang: string): number[] {
  if (word.length > MAX_WORD) return [];
  const key = lang + '\u0000' + word;
  const hit = cache.get(key);
  if (hit) return hit;
  let points: number[] = [];
  // A word with a hard hyphen breaks only there (the line breaker's own break).
  const patterns = word.length >= MIN_WORD && !isUnhyphenatable(word) && !HARD_HYPHEN.test(word) ? load(lang) : null;
  if (patterns) {
    const marked = patterns.hyphenateSync(word, { hyphenChar: MARK, minWordLength: MIN_WORD });
    let at = 0;
    for (const ch of marked) {
      if (ch === MARK) points.push(at);
      else at += ch.length;
    }
    points = points.filter((p) => lettersAround(word, p, -1) >= MIN_LEFT && lettersAround(word, p, 1) >= MIN_RIGHT);
  }
  cache.set(key, points);
  return points;
}

/** Letters adjacent to offset `p` going left (-1) or right (+1), up to a non-letter. */
function lettersAround(word: string, p: number, dir: -1 | 1): number {
  let n = 0;
  if (dir < 0) for (let i = p - 1; i >= 0 && isLetter(word[i]); i--) n++;
  else for (let i = p; i < word.length && isLetter(word[i]); i++) n++;
  return n;
}

/** The word with `-` at each hyphenation point: hyphenate('typography', 'en') → 'ty-pog-ra-phy'. */
export function hyphenate(word: string, lang: string): string {
  const pts = hyphenationPoints(word, lang);
  let out = '';
  let last = 0;
  for (const p of pts) {
    out += word.slice(last, p) + '-';
    last = p;
  }
  return out + word.slice(last);
}
