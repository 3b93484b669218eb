// Words the tool itself writes into the EPUB. English for now; a later issue translates them
// per edition language, so every one of them lives here and nowhere else.

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

export const ENGLISH_LABELS: EpubLabels = {
  lang: 'en',
  contents: 'Contents',
  cover: 'Cover',
  landmarks: 'Guide',
  bodymatter: 'Start of reading',
  notes: 'Notes',
  backToText: 'Back to text',
  coverAlt: 'Cover of {title}',
  inThisIssue: 'In this issue',
  andMore: 'and {n} more',
  accessibilitySummary:
    'Reflowable text with a navigable table of contents, headings in reading order ' +
    'and footnotes linked to and from their calls.',
  accessibilitySummaryImages: 'Every image has a text alternative.',
};

/** The labels' language when it is not `surrounding` (BCP 47 tags compare case-blind), else `null`. */
export function labelLang(labels: Pick<EpubLabels, 'lang'>, surrounding: string): string | null {
  return labels.lang.toLowerCase() === surrounding.toLowerCase() ? null : labels.lang;
}

/** Replace `{name}` placeholders; an unknown placeholder is left as it is. */
export function fillLabel(label: string, values: Record<string, string | number>): string {
  return label.replace(/\{(\w+)\}/g, (whole, key: string) =>
    Object.prototype.hasOwnProperty.call(values, key) ? String(values[key]) : whole,
  );
}
