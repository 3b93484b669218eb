// Spaces some languages require around punctuation, applied to text as it is lowered.
// French sets a thin no-break space before ; ! ? and a no-break space before : and inside
// « », so the mark never starts a line alone.

const NBSP = '\u00a0';
const NNBSP = '\u202f';

export function languageSpacing(text: string, lang: string): string {
  if (lang.toLowerCase().split(/[-_]/)[0] !== 'fr') return text;
  return (
    text
      // After a word, a closing quote or bracket; an existing space becomes the right one.
      .replace(/(?<=[\p{L}\p{N}»)\]’”])[ \u00a0\u202f]?([;!?])/gu, `${NNBSP}$1`)
      // A colon only before a space or the end: never in 10:30 or a URL.
      .replace(/(?<=[\p{L}\p{N}»)\]’”])[ \u00a0\u202f]?:(?=\s|$)/gu, `${NBSP}:`)
      .replace(/«[ \u00a0\u202f]*/g, `«${NBSP}`)
      .replace(/[ \u00a0\u202f]*»/g, `${NBSP}»`)
  );
}
