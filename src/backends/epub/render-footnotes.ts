// An article's footnotes as EPUB 3 notes: one `<aside epub:type="footnote">` each, gathered
// at the end of the article, each linking back to its first call (calls link to the note).
import type { Element, ElementContent } from 'xast';
import type { Footnote } from '../../model/types.js';
import { renderBlocks } from './render-blocks.js';
import { labelLang } from './labels.js';
import { noteCallId, noteId, type XhtmlContext } from './xhtml-context.js';
import { h, langAttrs } from './xml.js';

/**
 * The notes section, or `null` when the article has none. Render it after the body: the back
 * links go to calls the body has already rendered (a note nobody calls gets no back link).
 */
export function renderFootnotes(notes: readonly Footnote[], ctx: XhtmlContext): Element | null {
  if (notes.length === 0) return null;
  return h(
    'section',
    { class: 'footnotes', 'epub:type': 'footnotes' },
    h('h2', { class: 'footnotes-title', ...langAttrs(labelLang(ctx.labels, ctx.lang)) }, ctx.labels.notes),
    notes.map((note) => renderNote(note, ctx)),
  );
}

function renderNote(note: Footnote, ctx: XhtmlContext): Element {
  const body = renderBlocks(note.blocks, ctx);
  const called = (ctx.calls.get(note.id) ?? 0) > 0;
  const number: ElementContent = called
    ? h('a', { href: `#${noteCallId(note.id)}`, role: 'doc-backlink', title: ctx.labels.backToText }, String(note.number))
    : h('span', {}, String(note.number));
  const marker = h('span', { class: 'note-number' }, number, '. ');
  const first = body[0];
  if (first && first.type === 'element' && first.name === 'p') first.children.unshift(marker);
  else body.unshift(h('p', {}, marker));
  return h('aside', { 'epub:type': 'footnote', role: 'doc-footnote', id: noteId(note.id) }, body);
}
