// The site's HTML: the home page (every issue, newest first, with its cover), a page per
// language when there are several, and a page per issue (its downloads, its contents by
// department with each article's printable PDF, its other languages). Handlebars templates
// (templates/site-*.html.hbs, overridable by file name) wrap typed view models; every label is
// in the page's language.
import { label } from '../i18n/labels.js';
import { loadTemplates, type Templates } from '../templates/engine.js';
import { href, issueTitle, languageName, type SiteIssue, sizeText } from './site-issue.js';

interface Image {
  src: string;
  width: number;
  height: number;
  alt: string;
}

interface Link {
  href: string;
  name: string;
  lang: string;
  current?: boolean;
}

export interface IndexView {
  lang: string;
  title: string;
  siteTitle: string;
  heading: string;
  home: string;
  stylesheet: string;
  feed: string;
  catalogue: string;
  labels: { skip: string; languages: string; subscribe: string; catalogue: string };
  languages: Link[];
  issues: { href: string; title: string; lang: string; date: string; dateline: string; description?: string; thumb?: Image }[];
}

export interface IssueView {
  lang: string;
  title: string;
  publication: string;
  issueLine: string;
  publisher?: string;
  description?: string;
  home: string;
  stylesheet: string;
  labels: { skip: string; allIssues: string; otherLanguages: string; downloads: string; contents: string };
  cover?: Image;
  translations: Link[];
  downloads: { href: string; type: string; label: string; facts: string }[];
  sections: {
    heading?: string;
    articles: {
      id: string;
      title: string;
      /** The article's language, when not the page's; then `labelLang` is the page's, for the link's label. */
      lang?: string;
      labelLang?: string;
      deck?: string;
      byline?: string;
      pdf: { href: string; label: string; facts: string };
    }[];
  }[];
}

interface Views {
  'site-index.html.hbs': IndexView;
  'site-issue.html.hbs': IssueView;
}

export type SiteTemplates = Templates<Views>;

export const STYLESHEET = 'site.css';
export const FEED = 'feed.xml';

export function siteTemplates(overrideDir?: string): Promise<SiteTemplates> {
  return loadTemplates<Views>(['site-index.html.hbs', 'site-issue.html.hbs'], [STYLESHEET], { overrideDir });
}

export interface SiteShape {
  title: string;
  /** Issues newest first. */
  issues: readonly SiteIssue[];
  /** Languages in the order of their newest issue. */
  languages: readonly string[];
  /** The language the site's home page is written in: that of most issues. */
  lang: string;
}

/** The home page (`index.html`), or a language's page (`languages/<tag>.html`) when `only` is given. */
export function indexPage(t: SiteTemplates, site: SiteShape, only?: string): string {
  const lang = only ?? site.lang;
  const root = only ? '../' : '';
  const issues = only ? site.issues.filter((i) => i.entry.language === only) : site.issues;
  const heading = only ? label('siteIssuesIn', lang, { language: languageName(only) }) : label('siteIssues', lang);
  return t.render('site-index.html.hbs', {
    lang,
    title: only ? `${heading} · ${site.title}` : site.title,
    siteTitle: site.title,
    heading,
    home: `${root}index.html`,
    stylesheet: `${root}${STYLESHEET}`,
    feed: `${root}${FEED}`,
    catalogue: `${root}opds/index.xml`,
    labels: {
      skip: label('siteSkip', lang),
      languages: label('siteLanguages', lang),
      subscribe: label('siteSubscribe', lang),
      catalogue: label('siteCatalogue', lang),
    },
    languages:
      site.languages.length > 1
        ? site.languages.map((l) => ({ href: `${root}${languagePage(l)}`, name: languageName(l), lang: l, ...(l === only ? { current: true } : {}) }))
        : [],
    issues: issues.map((i) => {
      const e = i.entry;
      return {
        href: `${root}${href(e.edition, 'index.html')}`,
        title: issueTitle(e),
        lang: e.language,
        date: e.date,
        dateline: e.dateline,
        ...(e.description ? { description: e.description } : {}),
        ...(i.cover
          ? {
              thumb: {
                src: `${root}${href(e.edition, i.cover.thumbnail)}`,
                width: i.cover.thumbWidth,
                height: i.cover.thumbHeight,
                alt: label('coverAlt', e.language, { title: issueTitle(e) }),
              },
            }
          : {}),
      };
    }),
  });
}

/** A language's page of issues, from the site's root. */
export const languagePage = (tag: string) => `languages/${href(tag)}.html`;

/** The page of one issue (`<edition>/index.html`); `byFolder` finds the translations' issues. */
export function issuePage(t: SiteTemplates, i: SiteIssue, byFolder: ReadonlyMap<string, SiteIssue>): string {
  const e = i.entry;
  const lang = e.language;
  const facts = (file: string, kind: string, pages?: number) => {
    const size = i.files.get(file)?.size;
    return [kind, pages ? label(pages === 1 ? 'sitePage' : 'sitePages', lang, { n: pages }) : undefined, size !== undefined ? sizeText(size, lang) : undefined]
      .filter(Boolean)
      .join(' · ');
  };
  const sections: IssueView['sections'] = [];
  for (const a of e.articles) {
    const heading = a.department ?? label('siteMoreArticles', lang);
    let section = sections.find((s) => (s.heading ?? '') === heading);
    if (!section) sections.push((section = { heading, articles: [] }));
    section.articles.push({
      id: `article-${a.id}`,
      title: a.title,
      ...(a.lang !== lang ? { lang: a.lang, labelLang: lang } : {}),
      ...(a.deck ? { deck: a.deck } : {}),
      ...(a.byline ? { byline: a.byline } : {}),
      pdf: { href: href(a.pdf), label: label('sitePrintable', lang), facts: facts(a.pdf, 'PDF', a.pages) },
    });
  }
  // With no departments at all, the one list needs no heading.
  if (sections.length === 1 && !e.articles.some((a) => a.department)) delete sections[0].heading;
  return t.render('site-issue.html.hbs', {
    lang,
    title: `${issueTitle(e)} · ${e.dateline}`,
    publication: e.publication,
    issueLine: label('siteIssueOf', lang, { issue: e.issue, date: e.dateline }),
    ...(e.publisher ? { publisher: e.publisher } : {}),
    ...(e.description ? { description: e.description } : {}),
    home: '../index.html',
    stylesheet: `../${STYLESHEET}`,
    labels: {
      skip: label('siteSkip', lang),
      allIssues: label('siteAllIssues', lang),
      otherLanguages: label('siteOtherLanguages', lang),
      downloads: label('siteDownloads', lang),
      contents: label('contents', lang),
    },
    ...(i.cover
      ? { cover: { src: href(i.cover.image), width: i.cover.width, height: i.cover.height, alt: label('coverAlt', lang, { title: issueTitle(e) }) } }
      : {}),
    translations: i.translations
      .map((folder) => byFolder.get(folder))
      .filter((o): o is SiteIssue => o !== undefined)
      .map((o) => ({ href: `../${href(o.entry.edition, 'index.html')}`, name: languageName(o.entry.language), lang: o.entry.language })),
    downloads: [
      { href: href(e.pdf.path), type: 'application/pdf', label: label('siteWholeIssuePdf', lang), facts: facts(e.pdf.path, 'PDF', e.pdf.pages) },
      { href: href(e.epub.path), type: 'application/epub+zip', label: label('siteEpub', lang), facts: facts(e.epub.path, 'EPUB') },
      { href: href(e.press.path), type: 'application/pdf', label: label('sitePressPdf', lang), facts: facts(e.press.path, 'PDF/X', e.press.pages) },
    ],
    sections,
  });
}
