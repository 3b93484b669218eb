// The package document's view: metadata (Dublin Core, dates, accessibility), the manifest
// and the spine. The metadata comes from the issue alone, so two builds agree byte for byte.
import { issueFigures } from '../../model/walk.js';
import type { Article, Issue } from '../../model/types.js';
import { labelLang, type EpubLabels } from './labels.js';
import type { CreatorView, ManifestItemView, PackageView, SpineItemView } from './views.js';

/** `The Harbour Review No. 170`. */
export function issueTitle(issue: Pick<Issue, 'publication' | 'issue'>): string {
  return [issue.publication, issue.issue]
    .map((s) => s.trim())
    .filter(Boolean)
    .join(' ');
}

/**
 * The issue's one creator: its publisher (MARC role `pbl`), else the periodical itself. The
 * writers are each their own chapter's authors (`<meta name="author">`, and the contents):
 * a dozen `dc:creator`s would have reading systems show every writer, joined by "&", as the
 * author of the issue.
 */
export function issueCreator(issue: Pick<Issue, 'publication' | 'publisher'>): CreatorView {
  const publisher = nonEmpty(issue.publisher);
  return publisher ? { id: 'creator', name: publisher, role: 'pbl' } : { id: 'creator', name: issue.publication.trim(), role: null };
}

/** The people named in an article's byline, each once, spaces made single. */
export function articleAuthors(article: Pick<Article, 'authors'>): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of article.authors) {
    const name = raw.trim().replace(/\s+/g, ' ');
    if (name && !seen.has(name)) {
      seen.add(name);
      out.push(name);
    }
  }
  return out;
}

/**
 * The issue's number in its series, from the display text of the issue: the number after a
 * number sign (`No. 170`, `Vol. 3, No. 41`, `№ 7`, `Nr. 12`, `#5`, `第5号`…), else the only
 * number in it (`Issue 12`). A year alone (`Spring 2026`) or two numbers without a sign are
 * no position: `null`, and the collection is named without one.
 */
export function issueNumber(display: string): number | null {
  const text = display.normalize('NFKC');
  const marked =
    /(?<![\p{L}\p{N}])(?:no|nr|nro|n|num|number|n[úu]mero|numéro|nummer|numer|nomor|bilang|issue|heft|ausgabe|выпуск|номер)\.?\s*(\d+)/iu.exec(text) ??
    /(?:#|n°)\s*(\d+)|第\s*(\d+)\s*[号號期]/u.exec(text);
  const numbers = [...text.matchAll(/\d+/gu)].map((m) => m[0]);
  const digits = marked ? (marked[1] ?? marked[2]) : numbers.length === 1 && !/^(1[5-9]|2[01])\d\d$/.test(numbers[0]) ? numbers[0] : null;
  if (digits === null) return null;
  const n = Number(digits);
  return Number.isSafeInteger(n) ? n : null;
}

/** A manifest item id: an XML name, so it may not start with a digit. */
export function manifestId(prefix: string, name: string): string {
  return `${prefix}-${name.replace(/[^A-Za-z0-9._-]/g, '_')}`;
}

export interface PackageInput {
  issue: Issue;
  labels: EpubLabels;
  coverImageId: string;
  manifest: ManifestItemView[];
  spine: SpineItemView[];
}

export function packageView({ issue, labels, coverImageId, manifest, spine }: PackageInput): PackageView {
  const figures = issueFigures(issue);
  const hasImages = figures.length > 0;
  const allAlt = figures.every((f) => f.alt.trim() !== '');

  const accessModes = hasImages ? ['textual', 'visual'] : ['textual'];
  // Text alone suffices when every image has a text alternative.
  const accessModesSufficient = !hasImages ? ['textual'] : allAlt ? ['textual', 'textual,visual'] : ['textual,visual'];
  const accessibilityFeatures = ['structuralNavigation', 'tableOfContents', 'readingOrder'];
  if (hasImages && allAlt) accessibilityFeatures.push('alternativeText');
  const summary = hasImages && allAlt ? `${labels.accessibilitySummary} ${labels.accessibilitySummaryImages}` : labels.accessibilitySummary;
  // A WCAG claim holds only when no image lacks its alternative.
  const claim = allAlt;

  return {
    language: issue.language,
    identifier: issue.identifier,
    title: issueTitle(issue),
    creators: [issueCreator(issue)],
    collection: { id: 'collection', name: issue.publication.trim(), type: 'series', position: issueNumber(issue.issue) },
    publisher: nonEmpty(issue.publisher),
    description: nonEmpty(issue.description),
    date: issue.date,
    modified: `${issue.date}T00:00:00Z`,
    coverImageId,
    accessModes,
    accessModesSufficient,
    accessibilityFeatures,
    accessibilityHazards: ['none'],
    accessibilitySummary: summary,
    accessibilitySummaryLang: labelLang(labels, issue.language),
    conformsTo: claim ? 'EPUB Accessibility 1.1 - WCAG 2.1 Level AA' : null,
    certifiedBy: claim ? (nonEmpty(issue.publisher) ?? issue.publication) : null,
    manifest,
    spine,
  };
}

function nonEmpty(value: string | undefined): string | null {
  return value !== undefined && value.trim() !== '' ? value.trim() : null;
}
