// Spaces some languages require around words and punctuation, applied to text as it is
// lowered. Only text nodes come here: code spans never do, and URLs written in the text
// (autolinks, `www.`, e-mail addresses) are skipped.
//
// - French: a thin no-break space before ; ! ? and a no-break space before : and inside
//   « » and ‹ ›, so the mark never starts a line alone.
// - Polish: a no-break space after a one-letter word (a, i, o, u, w, z), which may not end
//   a line, and before a dash between words (słowo – słowo), which may not start one.
// - Russian: a no-break space before a dash between words (слово — слово), after a
//   one-letter word (в, к, с, у, о, и, а, я) and inside abbreviations (т. е., т. д.).
// - German: a no-break space inside abbreviations of single letters (z. B., d. h., u. a.).
//
// And in every language, a hyphen-minus that signs a number (-57, (-3), a cell's -0.5)
// becomes the minus sign U+2212, as wide as a plus and never a place to break the line.

const NBSP = '\u00a0';
const NNBSP = '\u202f';

/**
 * Addresses the rules must not touch: a scheme's `//…`, `www.…`, `name@host.tld`. Schemes,
 * the name before `@` and each part of the host are bounded (32, 64, 63 characters): unbounded,
 * the search would read a long run of letters and dots again from each of its characters.
 */
const URL = /((?:[a-z][a-z0-9+.-]{0,31}:\/\/|www\.)\S+|[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63})+)/giu;

const RULES: Record<string, (text: string) => string> = {
  fr: (text) =>
    text
      // After a word, a closing quote or bracket, or an inline element (the text begins
      // there); an existing space becomes the right one.
      .replace(/(?:(?<=[\p{L}\p{N}»›)\]’”])|^)[ \u00a0\u202f]?([;!?])/gu, `${NNBSP}$1`)
      // A colon only before a space or the end: never in 10:30.
      .replace(/(?:(?<=[\p{L}\p{N}»›)\]’”])|^)[ \u00a0\u202f]?:(?=\s|$)/gu, `${NBSP}:`)
      // Inside guillemets, the outer « » and the inner ‹ ›.
      .replace(/([«‹])[ \u00a0\u202f]*/g, `$1${NBSP}`)
      // From the start of a run of spaces only, so a long run not before » is read once.
      .replace(/(?<![ \u00a0\u202f])[ \u00a0\u202f]*([»›])/g, `${NBSP}$1`),
  pl: (text) => dashAfterWord(text).replace(oneLetterWords('aiouwzAIOUWZ'), `$1${NBSP}`),
  ru: (text) => abbreviations(dashAfterWord(text)).replace(oneLetterWords('вксуоияаВКСУОИЯА'), `$1${NBSP}`),
  de: (text) => abbreviations(text),
};

/** Abbreviations of single letters (z. B., d. h., u. a., i. d. R.; т. е., т. д.) stay on one line. */
function abbreviations(text: string): string {
  return text.replace(/(?<![\p{L}\p{N}\p{M}.])(\p{L}\.) +(?=\p{L}\.)/gu, `$1${NBSP}`);
}

/**
 * A dash set between words (слово — слово, słowo – słowo) is tied to the word before it,
 * so no line starts with it. A leading space means an inline element (emphasis, a link)
 * ended just before; a dash that opens the text (dialogue) is left alone.
 */
function dashAfterWord(text: string): string {
  return text.replace(/(?:(?<=\S)|^) +([—–])(?=\s|$)/gu, `${NBSP}$1`);
}

/**
 * A one-letter word of `letters` and the spaces after it (also at the end of the text: an
 * emphasis or a link may follow). Not the last letter of a word, an abbreviation (p.a.) or
 * an elision.
 */
function oneLetterWords(letters: string): RegExp {
  return new RegExp(`(?<![\\p{L}\\p{N}\\p{M}\\-.'’])([${letters}]) +`, 'gu');
}

/**
 * A hyphen-minus before a digit, at the text's start or after a space or an opening
 * bracket: a negative number. Not between digits or letters (3-5, 2026-10-15, ISBNs, A-4).
 */
const MINUS = /(?<=^|[\s\u00a0\u202f([{])-(?=[0-9])/g;

/** Negative numbers with a true minus (U+2212), addresses left as written. */
export function trueMinus(text: string): string {
  if (!text.includes('-')) return text;
  return text
    .split(URL)
    .map((piece, i) => (i % 2 ? piece : piece.replace(MINUS, '\u2212')))
    .join('');
}

export function languageSpacing(text: string, lang: string): string {
  const rule = RULES[lang.toLowerCase().split(/[-_]/)[0]];
  if (!rule) return text;
  // Odd pieces are the addresses the split kept: left as written.
  return text
    .split(URL)
    .map((piece, i) => (i % 2 ? piece : rule(piece)))
    .join('');
}
