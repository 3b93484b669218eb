// Inline nodes → XHTML, one handler per kind. The switch is exhaustive: a kind added to the
// model without a handler here fails to compile, and a stray one at runtime fails loudly.
import type { ElementContent } from 'xast';
import type { Inline } from '../../model/types.js';
import { noteCallId, noteId, renderFailure, type XhtmlContext } from './xhtml-context.js';
import { imagePath } from './file-names.js';
import { h, langAttrs, text } from './xml.js';

export function renderInlines(content: readonly Inline[], ctx: XhtmlContext): ElementContent[] {
  return renderWrapped(content, 0, ctx);
}

/**
 * Nodes inside the same raw-HTML element of the safe list (`<sup>`, `<abbr title>`…) share a
 * wrap id at the same depth: each such run becomes one element around its nodes.
 */
function renderWrapped(content: readonly Inline[], depth: number, ctx: XhtmlContext): ElementContent[] {
  const out: ElementContent[] = [];
  for (let i = 0; i < content.length; ) {
    const wrap = content[i].wrap?.[depth];
    if (!wrap) {
      out.push(...renderInline(content[i], ctx));
      i++;
      continue;
    }
    let j = i + 1;
    while (j < content.length && content[j].wrap?.[depth]?.id === wrap.id) j++;
    const { lang, ...attrs } = wrap.attrs;
    out.push(h(wrap.tag, { ...attrs, ...(lang ? langAttrs(lang) : {}) }, renderWrapped(content.slice(i, j), depth + 1, ctx)));
    i = j;
  }
  return out;
}

function renderInline(node: Inline, ctx: XhtmlContext): ElementContent[] {
  switch (node.kind) {
    case 'text':
      return [text(node.text)];
    case 'emphasis':
      return [h(node.tag ?? 'em', {}, renderInlines(node.children, ctx))];
    case 'strong':
      return [h(node.tag ?? 'strong', {}, renderInlines(node.children, ctx))];
    case 'strike':
      return [h(node.tag ?? 'del', {}, renderInlines(node.children, ctx))];
    case 'code':
      return [h(node.tag ?? 'code', {}, node.text)];
    case 'link': {
      const href = ctx.href(node.url);
      const children = renderInlines(node.children, ctx);
      // A target we do not keep leaves its text, so the sentence still reads.
      return href === undefined ? children : [h('a', { href }, children)];
    }
    case 'footnote-ref': {
      const note = ctx.notes.get(node.noteId);
      if (!note) throw renderFailure(`footnote call to note ${node.noteId}, which the article does not have`, node.pos);
      const n = (ctx.calls.get(note.id) ?? 0) + 1;
      ctx.calls.set(note.id, n);
      return [
        h('sup', {}, h('a', { 'epub:type': 'noteref', role: 'doc-noteref', href: `#${noteId(note.id)}`, id: noteCallId(note.id, n) }, String(node.number))),
      ];
    }
    case 'line-break':
      return [h('br')];
    case 'image':
      // On the line, no taller than the text (style.css).
      return [h('img', { class: 'inline', src: imagePath(node.image), alt: node.alt })];
    default: {
      const unknown: never = node;
      const { kind, pos } = unknown as { kind: string; pos: Inline['pos'] };
      throw renderFailure(`no XHTML handler for inline node "${kind}"`, pos);
    }
  }
}

/**
 * The inlines as a contents page shows a title: without footnote calls (their notes live in
 * the article) and without links (the entry itself is a link).
 */
export function withoutCallsAndLinks(content: readonly Inline[]): Inline[] {
  return content.flatMap((node): Inline[] => {
    switch (node.kind) {
      case 'text':
      case 'code':
      case 'line-break':
        return [node];
      case 'emphasis':
      case 'strong':
      case 'strike':
        return [{ ...node, children: withoutCallsAndLinks(node.children) }];
      case 'link':
        // The link's own safe-HTML elements now enclose its children.
        return withoutCallsAndLinks(node.children).map((c) => (node.wrap ? { ...c, wrap: [...node.wrap, ...(c.wrap ?? [])] } : c));
      case 'footnote-ref':
        return [];
      case 'image':
        // A contents entry reads as text: the image's alt stands for it.
        return node.alt ? [{ kind: 'text', text: node.alt, pos: node.pos, ...(node.wrap ? { wrap: node.wrap } : {}) }] : [];
      default: {
        const unknown: never = node;
        const { kind, pos } = unknown as { kind: string; pos: Inline['pos'] };
        throw renderFailure(`no handler for inline node "${kind}"`, pos);
      }
    }
  });
}
