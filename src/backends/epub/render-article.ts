// One article → the view its template places: the opener's parts and the body as XHTML.
import { formatLongDate } from '../../i18n/dates.js';
import type { ElementContent } from 'xast';
import { LinkIndex } from '../../model/links.js';
import type { Article, Filler } from '../../model/types.js';
import { articleFileName, STYLESHEET } from './file-names.js';
import type { EpubLabels } from './labels.js';
import { renderBlocks } from './render-blocks.js';
import { renderFiller } from './render-filler.js';
import { renderFootnotes } from './render-footnotes.js';
import { renderInlines } from './render-inlines.js';
import type { ArticleView } from './views.js';
import { createXhtmlContext, renderFailure } from './xhtml-context.js';
import { safeHref } from './safe-href.js';
import { articleAuthors } from './package.js';
import { escapeText, serialize } from './xml.js';

/** `fillers`: those set after the article, at the end of its chapter, in this order. */
export function articleView(article: Article, labels: EpubLabels, links: LinkIndex = new LinkIndex([article]), fillers: readonly Filler[] = []): ArticleView {
  const ctx = createXhtmlContext(article.footnotes, labels, article.lang, (url) => hrefIn(links, url, article));
  const inline = (content: Article['title'] | undefined): string | null => (content && content.length > 0 ? serialize(renderInlines(content, ctx)) : null);
  const titleHtml = serialize(renderInlines(article.title, ctx));
  const deckHtml = inline(article.deck);
  const noteHtml = inline(article.note);
  // The body before the notes: a note links back only to calls that exist.
  const body = renderBlocks(article.blocks, ctx);
  const notes = renderFootnotes(article.footnotes, ctx);
  const duplicate = firstDuplicateId([...body, ...(notes ? [notes] : [])]);
  if (duplicate) {
    throw renderFailure(`the id "${duplicate}" is given to two elements of article ${article.id}`, article.pos);
  }
  const bodyHtml = serialize(body);
  return {
    lang: article.lang,
    title: article.titleText,
    stylesheet: STYLESHEET,
    id: article.id,
    department: article.department ?? null,
    titleHtml,
    deckHtml,
    byline: article.byline ?? null,
    bylineHtml: inline(article.bylineInlines) ?? (article.byline ? escapeText(article.byline) : null),
    date: article.date ?? null,
    dateText: article.date ? formatLongDate(article.date, article.lang) : null,
    authors: articleAuthors(article),
    noteHtml,
    bodyHtml,
    notesHtml: notes ? serialize(notes) : null,
    fillersHtml: fillers.length ? serialize(fillers.map((f) => renderFiller(f, labels, article.lang))) : null,
  };
}

/** The first id that two elements share (heading and figure ids come from the model). */
function firstDuplicateId(nodes: readonly ElementContent[]): string | undefined {
  const seen = new Set<string>();
  const stack = [...nodes];
  while (stack.length > 0) {
    const node = stack.shift()!;
    if (node.type !== 'element') continue;
    const id = node.attributes?.id;
    if (typeof id === 'string') {
      if (seen.has(id)) return id;
      seen.add(id);
    }
    stack.unshift(...node.children);
  }
  return undefined;
}

/** The `href` a link of `article` gets: a web or mail address kept safe, or a chapter and id of the book. */
function hrefIn(links: LinkIndex, url: string, article: Article): string | undefined {
  const d = links.resolve(url, article);
  if (!d) return undefined;
  if (d.kind === 'external') return safeHref(d.url);
  const file = d.article === article ? '' : articleFileName(d.article);
  return d.id ? `${file}#${d.id}` : articleFileName(d.article);
}
