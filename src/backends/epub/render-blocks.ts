// Block nodes → XHTML, one handler per kind, with an exhaustive switch and a loud default.
import type { ElementContent } from 'xast';
import type { Block, FigureBlock, Inline, TableAlign } from '../../model/types.js';
import { highlightCode } from '../../model/highlight.js';
import { noteLabel } from '../../i18n/labels.js';
import { imagePath } from './file-names.js';
import { renderInlines } from './render-inlines.js';
import { renderFailure, type XhtmlContext } from './xhtml-context.js';
import { h } from './xml.js';

export function renderBlocks(blocks: readonly Block[], ctx: XhtmlContext): ElementContent[] {
  return blocks.flatMap((block) => renderBlock(block, ctx));
}

function renderBlock(block: Block, ctx: XhtmlContext): ElementContent[] {
  switch (block.kind) {
    case 'paragraph':
      return [h('p', { class: block.signature ? 'signature' : undefined }, renderInlines(block.content, ctx))];
    case 'heading':
      return [h(`h${block.level}`, { id: block.id }, renderInlines(block.content, ctx))];
    case 'blockquote':
      return [
        h(
          'blockquote',
          {},
          renderBlocks(block.blocks, ctx),
          block.attribution && h('footer', { class: 'attribution' }, '\u2014\u00a0', renderInlines(block.attribution, ctx)),
        ),
      ];
    case 'note':
      // A GitHub alert: its label in the article's language, then its blocks; a note to the text (role="note").
      return [
        h(
          'aside',
          { class: `note note-${block.type}`, role: 'note' },
          h('p', { class: 'note-label' }, noteLabel(block.type, ctx.lang)),
          renderBlocks(block.blocks, ctx),
        ),
      ];
    case 'list': {
      const items = block.items.map((item) => h('li', {}, renderListItem(item, ctx)));
      if (!block.ordered) return [h('ul', {}, items)];
      return [h('ol', { start: block.start === 1 ? undefined : block.start }, items)];
    }
    case 'table':
      return [renderTable(block.align, block.header, block.rows, ctx)];
    case 'figure':
      return [renderFigure(block, ctx)];
    case 'figure-group':
      // Side by side while the screen is wide enough, one under the other when not (style.css).
      return [
        h(
          'div',
          { class: 'figure-row' },
          block.figures.map((f) => renderFigure(f, ctx)),
        ),
      ];
    case 'code-block': {
      const lang = block.lang?.replace(/[^A-Za-z0-9_+-]/g, '');
      // Highlighted tokens as spans (`hl-keyword`, styled in style.css), plain text as text.
      const lines = highlightCode(block.text, block.lang).map((tokens) =>
        tokens.map((t) => (t.style === 'plain' ? t.text : h('span', { class: `hl-${t.style}` }, t.text))),
      );
      const code = lines.flatMap((line, i) => (i ? ['\n', ...line] : line));
      return [h('pre', {}, h('code', { class: lang ? `language-${lang}` : undefined }, code))];
    }
    case 'rule':
      return [h('hr')];
    default: {
      const unknown: never = block;
      const { kind, pos } = unknown as { kind: string; pos: Block['pos'] };
      throw renderFailure(`no XHTML handler for block node "${kind}"`, pos);
    }
  }
}

function renderFigure(block: FigureBlock, ctx: XhtmlContext): ElementContent {
  return h(
    'figure',
    { id: block.id },
    h('img', { src: imagePath(block.image), alt: block.alt }),
    block.caption && h('figcaption', {}, renderInlines(block.caption, ctx)),
  );
}

/** A tight item (one paragraph) is set without its `<p>`, as a browser would show it. */
function renderListItem(item: readonly Block[], ctx: XhtmlContext): ElementContent[] {
  const only = item.length === 1 ? item[0] : undefined;
  if (only?.kind === 'paragraph') return renderInlines(only.content, ctx);
  return renderBlocks(item, ctx);
}

/** Alignment travels as a class (`align-right`): XHTML has no `align`, and CSS sets it. */
function renderTable(align: readonly TableAlign[], header: readonly Inline[][], rows: readonly Inline[][][], ctx: XhtmlContext): ElementContent {
  const cls = (i: number): string | undefined => {
    const a = align[i];
    return a ? `align-${a}` : undefined;
  };
  return h(
    'table',
    {},
    header.length > 0 &&
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          header.map((cell, i) => h('th', { scope: 'col', class: cls(i) }, renderInlines(cell, ctx))),
        ),
      ),
    h(
      'tbody',
      {},
      rows.map((row) =>
        h(
          'tr',
          {},
          row.map((cell, i) => h('td', { class: cls(i) }, renderInlines(cell, ctx))),
        ),
      ),
    ),
  );
}
