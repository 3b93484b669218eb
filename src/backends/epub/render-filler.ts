// A filler in the EPUB: an `<aside class="filler">` at the end of the chapter of the article it
// follows, as the print edition sets it in the space an article's last page leaves. Its title
// is a styled paragraph, not a heading, so the chapter's outline stays the article's.
import type { Element } from 'xast';
import { inlineText } from '../../model/inline-text.js';
import type { Filler } from '../../model/types.js';
import type { EpubLabels } from './labels.js';
import { renderBlocks } from './render-blocks.js';
import { renderInlines } from './render-inlines.js';
import { safeHref } from './safe-href.js';
import { createXhtmlContext } from './xhtml-context.js';
import { h, langAttrs } from './xml.js';

/**
 * The filler's aside, in a chapter of language `surrounding`. A link inside leads only out of
 * the book (a filler belongs to no article, whose chapters and ids a link could name).
 */
export function renderFiller(filler: Filler, labels: EpubLabels, surrounding: string): Element {
  const ctx = createXhtmlContext([], labels, filler.lang, safeHref);
  const title = filler.title?.length ? filler.title : undefined;
  return h(
    'aside',
    {
      class: 'filler',
      'aria-label': title ? inlineText(title).trim() : undefined,
      ...langAttrs(filler.lang.toLowerCase() === surrounding.toLowerCase() ? null : filler.lang),
    },
    title && h('p', { class: 'filler-title' }, renderInlines(title, ctx)),
    renderBlocks(filler.blocks, ctx),
    filler.credit?.length ? h('p', { class: 'filler-credit' }, '\u2014\u00a0', renderInlines(filler.credit, ctx)) : null,
  );
}
