// The Atom feed of new issues for subscribers (a feed reader, not a reading app): the newest
// issues, each linking to its page, with its EPUB and PDF as enclosures.
import type { Element } from 'xast';
import { h } from '../backends/epub/xml.js';
import { atomDate, href, issueTitle, latestDate, type SiteIssue, xmlFile } from './site-issue.js';

/** Issues in the feed: a reader polls it for what is new, not for the archive. */
export const FEED_ISSUES = 30;

export function subscriberFeed(title: string, id: string, issues: readonly SiteIssue[], self: string): Buffer {
  const shown = issues.slice(0, FEED_ISSUES);
  const updated = latestDate(shown);
  const feed = h(
    'feed',
    { xmlns: 'http://www.w3.org/2005/Atom' },
    h('id', {}, `${id}:feed`),
    h('title', {}, title),
    h('updated', {}, updated),
    h('author', {}, h('name', {}, title)),
    h('link', { rel: 'self', href: self, type: 'application/atom+xml' }),
    h('link', { rel: 'alternate', href: 'index.html', type: 'text/html' }),
    shown.map((i) => entry(i)),
  );
  return xmlFile(feed);
}

function entry(i: SiteIssue): Element {
  const e = i.entry;
  const size = (file: string) => i.files.get(file)?.size;
  return h(
    'entry',
    { 'xml:lang': e.language },
    h('id', {}, e.identifier),
    h('title', {}, issueTitle(e)),
    h('updated', {}, atomDate(e.date)),
    h('published', {}, atomDate(e.date)),
    h('author', {}, h('name', {}, e.publisher ?? e.publication)),
    h('link', { rel: 'alternate', href: href(e.edition, 'index.html'), type: 'text/html' }),
    h('link', { rel: 'enclosure', href: href(e.edition, e.epub.path), type: 'application/epub+zip', length: size(e.epub.path) }),
    h('link', { rel: 'enclosure', href: href(e.edition, e.pdf.path), type: 'application/pdf', length: size(e.pdf.path) }),
    h('summary', { type: 'text' }, e.description ?? `${e.issue}, ${e.dateline}`),
    h('content', { type: 'text' }, e.articles.map((a) => (a.byline ? `${a.title} (${a.byline})` : a.title)).join('\n')),
  );
}
