// The OPDS 1.2 catalogue (Atom feeds reading apps browse): a navigation feed at the root, one
// down to publications and one to languages, and acquisition feeds of issues (newest first,
// by publication, by language, and one per search word), each paged with `next`/`previous`.
// Feeds are built as trees and serialized (never glued strings), with relative links only.
// Dates are the issues' own: the same issues give the same bytes.
import { createHash } from 'node:crypto';
import type { Element } from 'xast';
import { h } from '../backends/epub/xml.js';
import { atomDate, href, issueTitle, languageName, latestDate, type SiteIssue, xmlFile } from './site-issue.js';

const ATOM = 'http://www.w3.org/2005/Atom';
const DC = 'http://purl.org/dc/terms/';
const OPDS = 'http://opds-spec.org/2010/catalog';
const OPENSEARCH = 'http://a9.com/-/spec/opensearch/1.1/';
export const NAVIGATION = 'application/atom+xml;profile=opds-catalog;kind=navigation';
export const ACQUISITION = 'application/atom+xml;profile=opds-catalog;kind=acquisition';
const OPEN_ACCESS = 'http://opds-spec.org/acquisition/open-access';

/** Entries per page of an acquisition feed: a reading app loads the next page as it scrolls. */
export const PAGE_SIZE = 50;
/** The catalogue's folder in the site. */
export const CATALOGUE_DIR = 'opds';

export interface Catalogue {
  /** The site's title (its publication, or its publications). */
  title: string;
  /** A stable id for the site: the same editions give the same ids. */
  id: string;
  /** The issues, newest first. */
  issues: readonly SiteIssue[];
}

export interface FeedFile {
  /** Path inside the site, with `/`. */
  path: string;
  data: Buffer;
}

/** Every file of the catalogue. */
export function catalogueFiles(c: Catalogue): FeedFile[] {
  const files: FeedFile[] = [];
  const publications = groups(c.issues, (i) => i.entry.publication);
  const languages = groups(c.issues, (i) => i.entry.language);
  const acq = (name: string, title: string, issues: readonly SiteIssue[]) => files.push(...acquisitionFeeds(c, name, title, issues));

  acq('new', `${c.title}: newest issues`, c.issues);
  for (const [name, issues] of publications) acq(publicationFeed(name), name, issues);
  for (const [tag, issues] of languages) acq(`language-${tag}`, `${c.title}: ${languageName(tag)}`, issues);
  for (const [word, issues] of searchIndex(c.issues)) acq(`search/${word}`, `${c.title}: “${word}”`, issues);

  const updated = latestDate(c.issues);
  files.push(
    navigationFeed(c, 'index', c.title, updated, [
      { title: 'Newest issues', href: 'new.xml', rel: 'http://opds-spec.org/sort/new', kind: ACQUISITION, content: count(c.issues.length) },
      {
        title: 'By publication',
        href: 'publications.xml',
        rel: 'subsection',
        kind: NAVIGATION,
        content: `${publications.size} publication${publications.size === 1 ? '' : 's'}`,
      },
      {
        title: 'By language',
        href: 'languages.xml',
        rel: 'subsection',
        kind: NAVIGATION,
        content: `${languages.size} language${languages.size === 1 ? '' : 's'}`,
      },
    ]),
    navigationFeed(
      c,
      'publications',
      `${c.title}: publications`,
      updated,
      [...publications].map(([name, issues]) => ({
        title: name,
        href: `${publicationFeed(name)}.xml`,
        rel: 'subsection',
        kind: ACQUISITION,
        content: count(issues.length),
      })),
    ),
    navigationFeed(
      c,
      'languages',
      `${c.title}: languages`,
      updated,
      [...languages].map(([tag, issues]) => ({
        title: languageName(tag),
        href: `language-${tag}.xml`,
        rel: 'subsection',
        kind: ACQUISITION,
        content: count(issues.length),
        lang: tag,
      })),
    ),
    { path: `${CATALOGUE_DIR}/opensearch.xml`, data: xmlFile(openSearch(c)) },
  );
  return files;
}

/** A publication's feed, named by a digest of its name: stable, whatever script the name is in. */
const publicationFeed = (name: string) => `publication-${createHash('sha256').update(name).digest('hex').slice(0, 10)}`;

const count = (n: number) => `${n} issue${n === 1 ? '' : 's'}`;

/** Items by a key, in the order of their first item (the issues come newest first). */
function groups(issues: readonly SiteIssue[], key: (i: SiteIssue) => string): Map<string, SiteIssue[]> {
  const m = new Map<string, SiteIssue[]>();
  for (const i of issues) {
    const k = key(i);
    const list = m.get(k);
    if (list) list.push(i);
    else m.set(k, [i]);
  }
  return m;
}

interface NavEntry {
  title: string;
  href: string;
  rel: string;
  kind: string;
  content: string;
  lang?: string;
}

function navigationFeed(c: Catalogue, name: string, title: string, updated: string, entries: NavEntry[]): FeedFile {
  const feed = h(
    'feed',
    { xmlns: ATOM, 'xmlns:opds': OPDS },
    h('id', {}, `${c.id}:${name}`),
    h('title', {}, title),
    h('updated', {}, updated),
    h('author', {}, h('name', {}, c.title)),
    h('link', { rel: 'self', href: `${name}.xml`, type: NAVIGATION }),
    h('link', { rel: 'start', href: 'index.xml', type: NAVIGATION }),
    h('link', { rel: 'search', href: 'opensearch.xml', type: 'application/opensearchdescription+xml' }),
    entries.map((e) =>
      h(
        'entry',
        {},
        h('title', e.lang ? { 'xml:lang': e.lang } : {}, e.title),
        h('id', {}, `${c.id}:${name}:${e.href}`),
        h('updated', {}, updated),
        h('content', { type: 'text' }, e.content),
        h('link', { rel: e.rel, href: e.href, type: e.kind }),
      ),
    ),
  );
  return { path: `${CATALOGUE_DIR}/${name}.xml`, data: xmlFile(feed) };
}

/** The pages of an acquisition feed: `name.xml`, then `name-2.xml`… */
function acquisitionFeeds(c: Catalogue, name: string, title: string, issues: readonly SiteIssue[]): FeedFile[] {
  const pages = Math.max(1, Math.ceil(issues.length / PAGE_SIZE));
  const up = '../'.repeat(name.split('/').length - 1);
  const page = (n: number) => `${href(name.split('/').pop()!)}${n === 1 ? '' : `-${n}`}.xml`;
  const files: FeedFile[] = [];
  for (let n = 1; n <= pages; n++) {
    const slice = issues.slice((n - 1) * PAGE_SIZE, n * PAGE_SIZE);
    const feed = h(
      'feed',
      { xmlns: ATOM, 'xmlns:dc': DC, 'xmlns:opds': OPDS, 'xmlns:opensearch': OPENSEARCH },
      h('id', {}, `${c.id}:${name}${n === 1 ? '' : `:${n}`}`),
      h('title', {}, title),
      h('updated', {}, latestDate(slice)),
      h('author', {}, h('name', {}, c.title)),
      h('link', { rel: 'self', href: page(n), type: ACQUISITION }),
      h('link', { rel: 'start', href: `${up}index.xml`, type: NAVIGATION }),
      h('link', { rel: 'up', href: `${up}index.xml`, type: NAVIGATION }),
      h('link', { rel: 'search', href: `${up}opensearch.xml`, type: 'application/opensearchdescription+xml' }),
      pages > 1 ? h('link', { rel: 'first', href: page(1), type: ACQUISITION }) : null,
      n > 1 ? h('link', { rel: 'previous', href: page(n - 1), type: ACQUISITION }) : null,
      n < pages ? h('link', { rel: 'next', href: page(n + 1), type: ACQUISITION }) : null,
      pages > 1 ? h('link', { rel: 'last', href: page(pages), type: ACQUISITION }) : null,
      h('opensearch:totalResults', {}, String(issues.length)),
      h('opensearch:itemsPerPage', {}, String(PAGE_SIZE)),
      h('opensearch:startIndex', {}, String((n - 1) * PAGE_SIZE + 1)),
      slice.map((i) => issueEntry(i, `${up}../`)),
    );
    files.push({ path: `${CATALOGUE_DIR}/${name}${n === 1 ? '' : `-${n}`}.xml`, data: xmlFile(feed) });
  }
  return files;
}

/** An issue as an acquisition entry; `root` leads from the feed to the site's root. */
function issueEntry(i: SiteIssue, root: string): Element {
  const e = i.entry;
  const at = (file: string) => `${root}${href(e.edition, file)}`;
  const size = (file: string) => i.files.get(file)?.size;
  const author = e.publisher ?? e.publication;
  return h(
    'entry',
    { 'xml:lang': e.language },
    h('title', {}, issueTitle(e)),
    h('id', {}, e.identifier),
    h('updated', {}, atomDate(e.date)),
    h('author', {}, h('name', {}, author)),
    [...new Set(e.articles.flatMap((a) => a.authors))].map((name) => h('contributor', {}, h('name', {}, name))),
    h('dc:identifier', {}, e.identifier),
    h('dc:language', {}, e.language),
    h('dc:issued', {}, e.date),
    e.publisher ? h('dc:publisher', {}, e.publisher) : null,
    h('dc:isPartOf', {}, e.publication),
    e.departments.map((d) => h('category', { term: d, label: d })),
    h('summary', { type: 'text' }, e.description ?? `${issueTitle(e)}, ${e.dateline}`),
    h(
      'content',
      { type: 'xhtml' },
      h(
        'div',
        { xmlns: 'http://www.w3.org/1999/xhtml' },
        h('p', {}, `${e.issue}, ${e.dateline}`),
        h(
          'ul',
          {},
          e.articles.map((a) => h('li', a.lang !== e.language ? { 'xml:lang': a.lang } : {}, a.byline ? `${a.title} — ${a.byline}` : a.title)),
        ),
      ),
    ),
    i.cover ? h('link', { rel: 'http://opds-spec.org/image', href: at(i.cover.image), type: 'image/jpeg' }) : null,
    i.cover ? h('link', { rel: 'http://opds-spec.org/image/thumbnail', href: at(i.cover.thumbnail), type: 'image/jpeg' }) : null,
    h('link', { rel: OPEN_ACCESS, href: at(e.epub.path), type: 'application/epub+zip', length: size(e.epub.path), title: 'EPUB' }),
    h('link', { rel: OPEN_ACCESS, href: at(e.pdf.path), type: 'application/pdf', length: size(e.pdf.path), title: 'PDF' }),
    h('link', { rel: 'alternate', href: at('index.html'), type: 'text/html' }),
  );
}

/**
 * Issues by the words of their titles, their articles' titles and their authors, lower-cased:
 * one feed per word, which the OpenSearch description's template names. A static site cannot
 * run a query; a one-word search of titles and authors it can answer from files.
 */
export function searchIndex(issues: readonly SiteIssue[]): Map<string, SiteIssue[]> {
  const index = new Map<string, SiteIssue[]>();
  for (const i of issues) {
    const e = i.entry;
    const texts = [e.publication, ...e.articles.flatMap((a) => [a.title, ...a.authors])];
    const words = new Set<string>();
    for (const t of texts) for (const w of searchWords(t, e.language)) words.add(w);
    for (const w of words) {
      const list = index.get(w);
      if (list) list.push(i);
      else index.set(w, [i]);
    }
  }
  return new Map([...index].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** The words of `text` a search matches: letters and digits, lower-cased, at least two characters (one for CJK). */
export function searchWords(text: string, lang: string): string[] {
  const seg = new Intl.Segmenter(lang, { granularity: 'word' });
  const out: string[] = [];
  for (const s of seg.segment(text.normalize('NFC'))) {
    if (!s.isWordLike) continue;
    const w = s.segment.toLocaleLowerCase(lang);
    // A file name of its own: no character a path or a URL would read otherwise.
    if (!/^[\p{L}\p{N}\p{M}]+$/u.test(w) || w.length > 64) continue;
    if (w.length < 2 && !/\p{Script=Han}|\p{Script=Hiragana}|\p{Script=Katakana}|\p{Script=Hangul}/u.test(w)) continue;
    out.push(w);
  }
  return out;
}

function openSearch(c: Catalogue): Element {
  return h(
    'OpenSearchDescription',
    { xmlns: OPENSEARCH },
    h('ShortName', {}, c.title.slice(0, 16)),
    h('Description', {}, `Search the issues of ${c.title} by a word of a title or an author's name`),
    h('InputEncoding', {}, 'UTF-8'),
    h('OutputEncoding', {}, 'UTF-8'),
    h('Url', { type: ACQUISITION, template: 'search/{searchTerms}.xml' }),
  );
}
