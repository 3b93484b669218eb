// mdast phrasing content → model inlines, one handler per node type.
import type { Image, ImageReference, Nodes, PhrasingContent } from 'mdast';
import { keepsLink } from '../../model/links.js';
import type { Inline } from '../../model/types.js';
import { languageSpacing, trueMinus } from './spacing.js';
import { imageUrl, normalizeLabel, posOf, warn, type LowerContext } from './context.js';
import { clip, lowerWithHtml } from './html.js';

type Handler<T extends PhrasingContent['type']> = (node: Extract<PhrasingContent, { type: T }>, ctx: LowerContext) => Inline[];

const handlers: { [T in PhrasingContent['type']]: Handler<T> } = {
  text: (node, ctx) => {
    const text = joinLines(node.value);
    return [{ kind: 'text', text: ctx.verbatim ? text : languageSpacing(trueMinus(text), ctx.lang), pos: posOf(ctx, node) }];
  },
  emphasis: (node, ctx) => [{ kind: 'emphasis', children: lowerInlines(node.children, ctx), pos: posOf(ctx, node) }],
  strong: (node, ctx) => [{ kind: 'strong', children: lowerInlines(node.children, ctx), pos: posOf(ctx, node) }],
  delete: (node, ctx) => [{ kind: 'strike', children: lowerInlines(node.children, ctx), pos: posOf(ctx, node) }],
  inlineCode: (node, ctx) => [{ kind: 'code', text: node.value, pos: posOf(ctx, node) }],
  break: (node, ctx) => [{ kind: 'line-break', pos: posOf(ctx, node) }],
  link: (node, ctx) => link(node.url, lowerInlines(node.children, ctx), node, ctx),
  linkReference: (node, ctx) => {
    const def = ctx.definitions.get(normalizeLabel(node.identifier));
    const children = lowerInlines(node.children, ctx);
    if (!def) return children;
    return link(def.url, children, node, ctx);
  },
  image: (node, ctx) => inlineImage(node, ctx),
  imageReference: (node, ctx) => inlineImage(node, ctx),
  footnoteReference: (node, ctx) => {
    const label = normalizeLabel(node.identifier);
    if (!ctx.footnoteDefinitions.has(label)) return [{ kind: 'text', text: `[^${node.label ?? node.identifier}]`, pos: posOf(ctx, node) }];
    let index = ctx.footnoteIndex.get(label);
    if (index === undefined) ctx.footnoteIndex.set(label, (index = ctx.footnoteOrder.push(label) - 1));
    return [{ kind: 'footnote-ref', noteId: `${ctx.articleId}-fn${index + 1}`, number: index + 1, pos: posOf(ctx, node) }];
  },
  html: (node, ctx) =>
    lowerWithHtml(
      [node],
      ctx,
      () => [],
      (content) => content,
    ),
};

/**
 * The line breaks of a text node, with the white space around them, become one space. Split
 * rather than a regular expression, which would backtrack over every long run of spaces.
 */
function joinLines(text: string): string {
  if (!text.includes('\n')) return text;
  const lines = text.split('\n');
  let out = lines[0].trimEnd();
  for (let i = 1; i < lines.length; i++) {
    const last = i === lines.length - 1;
    const line = last ? lines[i].trimStart() : lines[i].trim();
    // A line of white space only is part of the same break (unless the text ends there).
    if (!line && !last) continue;
    out += ` ${line}`;
  }
  return out;
}

function link(url: string, children: Inline[], node: Nodes, ctx: LowerContext): Inline[] {
  if (!keepsLink(url)) {
    // `javascript:` and other schemes never become links; the text stays.
    warn(
      ctx,
      'markdown/unsupported',
      `link to \`${clip(url)}\` is kept as plain text`,
      node,
      'links may use http:, https: or mailto:, or lead to an article or heading of the edition',
    );
    return children;
  }
  return [{ kind: 'link', url: url.trim(), children, pos: posOf(ctx, node) }];
}

/**
 * An image inside a line of text (an icon, a badge) is set on the line. One the image stage
 * could not read (remote, missing: reported there) leaves its alt text.
 */
function inlineImage(node: Image | ImageReference, ctx: LowerContext): Inline[] {
  const alt = node.alt ?? '';
  const image = ctx.images.get(imageUrl(node, ctx) ?? '');
  if (image) return [{ kind: 'image', image, alt, pos: posOf(ctx, node) }];
  return alt ? [{ kind: 'text', text: alt, pos: posOf(ctx, node) }] : [];
}

export function lowerInlines(nodes: readonly PhrasingContent[], ctx: LowerContext): Inline[] {
  // Raw HTML pairs opening and closing tags across siblings: the policy lowers such a run.
  if (nodes.some((n) => n.type === 'html')) return mergeText(lowerWithHtml(nodes, ctx, (n) => lowerInline(n, ctx), mergeText));
  const out: Inline[] = [];
  for (const node of nodes) for (const n of lowerInline(node, ctx)) out.push(n);
  return mergeText(out);
}

function lowerInline(node: PhrasingContent, ctx: LowerContext): Inline[] {
  const handler = handlers[node.type] as Handler<typeof node.type> | undefined;
  if (!handler) throw new Error(`${ctx.file}:${posOf(ctx, node).line}: no handler for inline node \`${node.type}\``);
  return handler(node as never, ctx);
}

/** Adjacent text nodes are merged so the backends see words whole. */
function mergeText(nodes: Inline[]): Inline[] {
  const out: Inline[] = [];
  for (const n of nodes) {
    const prev = out[out.length - 1];
    if (n.kind === 'text' && prev?.kind === 'text' && sameWrap(n.wrap, prev.wrap)) out[out.length - 1] = { ...prev, text: prev.text + n.text };
    else out.push(n);
  }
  return out;
}

function sameWrap(a: Inline['wrap'], b: Inline['wrap']): boolean {
  if ((a?.length ?? 0) !== (b?.length ?? 0)) return false;
  return (a ?? []).every((w, i) => w.id === b![i].id);
}
