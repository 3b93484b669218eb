// Quotation marks by language: the outer (double) pair and the inner (single) pair that
// straight quotes in an article become. An edition may set its own per language
// (`quotes:` in edition.yaml), for languages printed both ways (pt, it: « » or “ ”).

export interface Quotes {
  double: [string, string];
  single: [string, string];
}

/** Four marks as written in edition.yaml: outer opening, outer closing, inner opening, inner closing. */
export type QuoteMarks = string;

/** Marks an edition may choose from (each one character: smartypants replaces one by one). */
export const QUOTE_CHARACTERS = '“”‘’„‚‟‛«»‹›「」『』〝〞〟';

const marks = (m: QuoteMarks): Quotes => {
  const [a, b, c, d] = [...m];
  return { double: [a, b], single: [c, d] };
};

const DEFAULTS: Record<string, Quotes> = {
  en: marks('“”‘’'),
  id: marks('“”‘’'),
  tl: marks('“”‘’'),
  de: marks('„“‚‘'),
  ru: marks('«»„“'),
  // The no-break spaces inside French guillemets are added by src/markdown/spacing.ts;
  // quotes inside quotes are “ ” in France (‹ › is Swiss usage, which an edition may set).
  fr: marks('«»“”'),
  es: marks('«»“”'),
  // Polish nests guillemets inside its low-high quotes: „…«…»…”.
  pl: marks('„”«»'),
  it: marks('«»“”'),
  pt: marks('“”‘’'),
  ja: marks('「」『』'),
  zh: marks('“”‘’'),
};

/** Overrides from edition.yaml, by lowercased language tag (`pt`, `pt-br`). */
export type QuoteSettings = Readonly<Record<string, Quotes>>;

/**
 * The marks for `lang`: the edition's setting for the whole tag, then for its primary
 * language, then the default for the primary language; English for languages not listed.
 */
export function quotesFor(lang: string, settings: QuoteSettings = {}): Quotes {
  const tag = lang.toLowerCase().replace(/_/g, '-');
  const primary = tag.split('-')[0];
  return settings[tag] ?? settings[primary] ?? DEFAULTS[primary] ?? DEFAULTS.en;
}

/** `{ pt: "«»“”" }` as written in edition.yaml → settings keyed by lowercased tag. */
export function quoteSettings(input: Readonly<Record<string, QuoteMarks>> | undefined): QuoteSettings {
  const out: Record<string, Quotes> = {};
  for (const [lang, m] of Object.entries(input ?? {})) out[lang.toLowerCase().replace(/_/g, '-')] = marks(m);
  return out;
}

/** A stable key for a set of marks (caches of parsers are kept per language and marks). */
export function quotesKey(q: Quotes): string {
  return q.double.join('') + q.single.join('');
}
