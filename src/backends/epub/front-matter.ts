// Views of the documents around the articles: the cover page, the contents page, the
// navigation document and the NCX.
import type { Issue } from '../../model/types.js';
import { articleFileName, CONTENTS_PAGE, COVER_PAGE, STYLESHEET } from './file-names.js';
import { labelLang, type EpubLabels } from './labels.js';
import { fillLabel } from '../../i18n/labels.js';
import { departmentRuns, navList, ncxNavPoints, otherLanguage, tocDepth, tocTree, type TocNode } from './navigation.js';
import { issueTitle } from './package.js';
import { renderInlines, withoutCallsAndLinks } from './render-inlines.js';
import type { ContentsView, CoverView, LandmarkView, NavView, NcxView } from './views.js';
import { createXhtmlContext } from './xhtml-context.js';
import { serialize } from './xml.js';

export function coverView(issue: Issue, labels: EpubLabels, imageHref: string): CoverView {
  return {
    lang: issue.language,
    title: labels.cover,
    stylesheet: STYLESHEET,
    labelLang: labelLang(labels, issue.language),
    imageHref,
    alt: fillLabel(labels.coverAlt, { title: issueTitle(issue) }),
  };
}

export function contentsView(issue: Issue, labels: EpubLabels): ContentsView {
  const ctx = createXhtmlContext([], labels);
  const html = (content: Issue['articles'][number]['title']): string => serialize(renderInlines(withoutCallsAndLinks(content), ctx));
  return {
    lang: issue.language,
    title: labels.contents,
    stylesheet: STYLESHEET,
    labelLang: labelLang(labels, issue.language),
    heading: labels.contents,
    publication: issue.publication,
    issue: issue.issue,
    dateline: issue.dateline,
    sections: departmentRuns(issue.articles).map((run) => ({
      department: run.department,
      articles: run.articles.map((a) => ({
        href: articleFileName(a),
        lang: otherLanguage(a.lang, issue.language),
        titleHtml: html(a.title),
        deckHtml: a.deck && a.deck.length > 0 ? html(a.deck) : null,
        byline: a.byline ?? null,
      })),
    })),
  };
}

/** The toc tree, or a single entry for the contents page when the issue has no articles. */
function tree(issue: Issue, labels: EpubLabels): TocNode[] {
  const nodes = tocTree(issue.articles, issue.language);
  return nodes.length > 0 ? nodes : [{ label: labels.contents, href: CONTENTS_PAGE, lang: null, children: [] }];
}

export function navView(issue: Issue, labels: EpubLabels): NavView {
  const landmarks: LandmarkView[] = [
    { type: 'cover', href: COVER_PAGE, label: labels.cover },
    { type: 'toc', href: CONTENTS_PAGE, label: labels.contents },
  ];
  const first = issue.articles[0];
  if (first) landmarks.push({ type: 'bodymatter', href: articleFileName(first), label: labels.bodymatter });
  return {
    lang: issue.language,
    title: labels.contents,
    stylesheet: STYLESHEET,
    labelLang: labelLang(labels, issue.language),
    tocLabel: labels.contents,
    tocListHtml: navList(tree(issue, labels)),
    landmarksLabel: labels.landmarks,
    landmarks,
  };
}

export function ncxView(issue: Issue, labels: EpubLabels): NcxView {
  const nodes = tree(issue, labels);
  return {
    identifier: issue.identifier,
    title: issueTitle(issue),
    depth: tocDepth(nodes),
    navPointsXml: ncxNavPoints(nodes),
  };
}
