// The few words the page builder prints itself, from the one table of labels.
import { label } from '../i18n/labels.js';

export function figureLabel(lang: string, n: number): string {
  return label('figure', lang, { n });
}

export function contentsLabel(lang: string): string {
  return label('contents', lang);
}

/** The cover image's text alternative, as the EPUB gives it. */
export function coverAlt(lang: string, title: string): string {
  return label('coverAlt', lang, { title });
}

export function coverLabel(lang: string): string {
  return label('cover', lang);
}

/** The heading of a newspaper front page's index. */
export function inThisIssueLabel(lang: string): string {
  return label('inThisIssue', lang);
}

/** A newspaper's front page (the masthead and the index), in the tagged PDF's structure. */
export function frontPageLabel(lang: string): string {
  return label('frontPage', lang);
}
