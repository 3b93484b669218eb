// The package document's view: metadata (Dublin Core, dates, accessibility), the manifest
// and the spine. The metadata comes from the issue alone, so two builds agree byte for byte.
import { issueFigures } from '../../model/walk.js';
import type { Issue } from '../../model/types.js';
import { labelLang, type EpubLabels } from './labels.js';
import type { ManifestItemView, PackageView, SpineItemView } from './views.js';

/** `The Harbour Review No. 170`. */
export function issueTitle(issue: Pick<Issue, 'publication' | 'issue'>): string {
  return [issue.publication, issue.issue]
    .map((s) => s.trim())
    .filter(Boolean)
    .join(' ');
}

/** Every author of the issue once, in order of first appearance. */
export function issueCreators(issue: Pick<Issue, 'articles'>): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const article of issue.articles) {
    for (const raw of article.authors) {
      const name = raw.trim().replace(/\s+/g, ' ');
      if (name && !seen.has(name)) {
        seen.add(name);
        out.push(name);
      }
    }
  }
  return out;
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
    creators: issueCreators(issue).map((name, i) => ({ id: `creator-${i + 1}`, name })),
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
