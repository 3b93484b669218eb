// Words the tool itself writes into the EPUB, taken from the one table of labels in
// src/i18n/labels.ts in the edition's language.
import { label, labelLanguage } from '../../i18n/labels.js';

export interface EpubLabels {
  /** BCP 47 language of these labels, marked where they appear in text of another language. */
  lang: string;
  /** Heading of the contents page and label of the toc nav. */
  contents: string;
  /** Title of the cover page and its landmark. */
  cover: string;
  /** Label of the landmarks nav. */
  landmarks: string;
  /** Landmark to the first article. */
  bodymatter: string;
  /** Heading above an article's footnotes. */
  notes: string;
  /** Tooltip of the link from a footnote back to its call. */
  backToText: string;
  /** Alt text of the cover image; `{title}` is the publication and issue. */
  coverAlt: string;
  /** On the generated cover, above the list of articles. */
  inThisIssue: string;
  /** On the generated cover when not every article fits; `{n}` is how many are left out. */
  andMore: string;
  /** `schema:accessibilitySummary`. */
  accessibilitySummary: string;
  /** Added to the summary when every image has a text alternative. */
  accessibilitySummaryImages: string;
}

export const ENGLISH_LABELS: EpubLabels = epubLabels('en');

/** The EPUB's labels in `lang` (English for a language the table lacks). */
export function epubLabels(lang: string): EpubLabels {
  const l = labelLanguage(lang);
  // Placeholders stay for fillLabel to fill later.
  const keep = { title: '{title}', n: '{n}' };
  return {
    lang: l,
    contents: label('contents', l),
    cover: label('cover', l),
    landmarks: label('landmarks', l),
    bodymatter: label('bodymatter', l),
    notes: label('notes', l),
    backToText: label('backToText', l),
    coverAlt: label('coverAlt', l, keep),
    inThisIssue: label('inThisIssue', l),
    andMore: label('andMore', l, keep),
    accessibilitySummary: label('accessibilitySummary', l),
    accessibilitySummaryImages: label('accessibilitySummaryImages', l),
  };
}

/** The labels' language when it is not `surrounding` (BCP 47 tags compare case-blind), else `null`. */
export function labelLang(labels: Pick<EpubLabels, 'lang'>, surrounding: string): string | null {
  return labels.lang.toLowerCase() === surrounding.toLowerCase() ? null : labels.lang;
}
