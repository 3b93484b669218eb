// mdast flow content → model blocks, one handler per node type.
import type { Blockquote, Image, ImageReference, Paragraph, PhrasingContent, RootContent } from 'mdast';
import { duringSync } from '../../diagnostics/crash.js';
import { inlineText } from '../../model/inline-text.js';
import type { Block, FigureBlock, Inline, NoteType, TableAlign } from '../../model/types.js';
import { imageUrl, normalizeLabel, posOf, warn, type LowerContext } from './context.js';
import { footerCredit, lowerHtmlBlock } from './html.js';
import { lowerInlines } from './inlines.js';

type Handler<T extends RootContent['type']> = (node: Extract<RootContent, { type: T }>, ctx: LowerContext) => Block[];

const handlers: { [T in RootContent['type']]?: Handler<T> } = {
  paragraph: (node, ctx) => {
    const figures = asFigures(node, ctx);
    if (figures) return figures;
    const content = lowerInlines(node.children, ctx);
    return isBlank(content) ? [] : [{ kind: 'paragraph', content, pos: posOf(ctx, node) }];
  },
  heading: (node, ctx) => {
    // Level 1 inside an article is the title's rank; it is set as a section heading.
    if (node.depth > 4) warn(ctx, 'markdown/heading-level', `heading level ${node.depth} is set as level 4`, node);
    const level = Math.min(4, Math.max(2, node.depth)) as 2 | 3 | 4;
    const content = lowerInlines(node.children, ctx);
    return [{ kind: 'heading', level, content, id: headingId(inlineText(content), ctx), pos: posOf(ctx, node) }];
  },
  blockquote: (node, ctx) => [blockquote(node, ctx)],
  list: (node, ctx) => [
    {
      kind: 'list',
      ordered: node.ordered ?? false,
      start: node.start ?? 1,
      items: node.children.map((item) => lowerFlow(item.children, ctx)),
      pos: posOf(ctx, node),
    },
  ],
  table: (node, ctx) => {
    const [head, ...body] = node.children;
    const width = node.children.reduce((w, r) => Math.max(w, r.children.length), 0);
    const cells = (row: (typeof node.children)[number]): Inline[][] => {
      const out = row.children.map((c) => lowerInlines(c.children, ctx));
      while (out.length < width) out.push([]);
      return out;
    };
    const align: TableAlign[] = Array.from({ length: width }, (_, i) => node.align?.[i] ?? null);
    return [{ kind: 'table', align, header: head ? cells(head) : [], rows: body.map(cells), pos: posOf(ctx, node) }];
  },
  code: (node, ctx) => [{ kind: 'code-block', lang: node.lang ?? undefined, text: node.value, pos: posOf(ctx, node) }],
  thematicBreak: (node, ctx) => [{ kind: 'rule', pos: posOf(ctx, node) }],
  html: (node, ctx) =>
    lowerHtmlBlock(
      node,
      ctx,
      (nodes) => lowerInlines(nodes, ctx),
      (text) => headingId(text, ctx),
    ),
  // Collected before lowering; they produce nothing where they stand.
  definition: () => [],
  footnoteDefinition: () => [],
  yaml: () => [],
};

/**
 * An article's body (or a footnote's) as blocks. In the body, a signature is marked: see
 * `markSignatures`.
 */
export function lowerBlocks(nodes: readonly RootContent[], ctx: LowerContext): Block[] {
  const blocks = lowerFlow(nodes, ctx);
  // A footnote is lowered through here too, but its last line signs nothing.
  const note = [...ctx.footnoteDefinitions.values()].some((d) => d.children === nodes);
  return note ? blocks : markSignatures(blocks);
}

/** The most a signature may hold: one line's worth. */
const SIGNATURE_WORDS = 12;
const SIGNATURE_CHARS = 100;

/**
 * A letter's (or an essay's) closing signature: a short paragraph that opens with strong
 * text (`**Isobel Rennie**, Kirk Wynd`) or with a dash and a name (`— Jane Doe`), follows
 * a paragraph, and is the last block before a heading, a rule or the end. Marked in place.
 */
export function markSignatures(blocks: Block[]): Block[] {
  blocks.forEach((b, i) => {
    const next = blocks[i + 1];
    if (b.kind !== 'paragraph' || blocks[i - 1]?.kind !== 'paragraph' || (next && next.kind !== 'heading' && next.kind !== 'rule')) return;
    if (isSignature(b.content)) blocks[i] = { ...b, signature: true };
  });
  return blocks;
}

function isSignature(content: readonly Inline[]): boolean {
  const text = inlineText(content).trim();
  if (!text || text.length > SIGNATURE_CHARS || text.split(/\s+/).length > SIGNATURE_WORDS) return false;
  // A question or an exclamation is a line of the text, not a name.
  if (/[?!]/.test(text)) return false;
  const first = content.find((n) => !(n.kind === 'text' && !n.text.trim()));
  if (first?.kind === 'strong') {
    // `**Update:** the vote…` is a run-in head, not a name.
    const name = inlineText(first.children).trim();
    return name !== '' && !/:$/.test(name) && !text.slice(text.indexOf(name) + name.length).startsWith(':');
  }
  // A dash, then a name: a capital (or a letter of a script without case).
  return first?.kind === 'text' && /^[—―]\s*[\p{Lu}\p{Lo}]/u.test(text);
}

/** Blocks inside a quote or a list item: their ends are not the article's. */
function lowerFlow(nodes: readonly RootContent[], ctx: LowerContext): Block[] {
  const out: Block[] = [];
  for (const node of nodes) {
    const handler = handlers[node.type] as Handler<typeof node.type> | undefined;
    if (!handler) {
      // Phrasing content at block level does not occur in valid mdast: that is our bug.
      throw new Error(`${ctx.file}:${posOf(ctx, node).line}:${posOf(ctx, node).column}: no handler for block node \`${node.type}\``);
    }
    // A handler that throws is our bug: say which node of which article it was lowering.
    const lowered = duringSync('lowering the Markdown', posOf(ctx, node), () => handler(node as never, ctx));
    // Writers often separate the attribution from its quote by a blank line, which makes it
    // a quote of its own: `> —Source` right after a quote still attributes that quote.
    const prev = out[out.length - 1];
    const only = lowered[0];
    if (
      lowered.length === 1 &&
      only.kind === 'blockquote' &&
      only.blocks.length === 0 &&
      only.attribution &&
      prev?.kind === 'blockquote' &&
      !prev.attribution
    ) {
      out[out.length - 1] = { ...prev, attribution: only.attribution };
      continue;
    }
    for (const b of lowered) out.push(b); // an HTML block may lower to thousands: never spread onto the stack
  }
  return out;
}

function isBlank(content: Inline[]): boolean {
  return content.every((n) => n.kind === 'text' && !n.text.trim());
}

/**
 * A paragraph made only of images (between spaces or line breaks, each perhaps inside a
 * link to itself, as blogs write them) is figures: one image is a figure, several a row
 * of them. Each takes its title, or else its alt text, as its caption. An image the image
 * stage could not read (already reported) is left out; undefined when the paragraph is text.
 */
function asFigures(node: Paragraph, ctx: LowerContext): Block[] | undefined {
  const images: (Image | ImageReference)[] = [];
  for (const c of node.children) {
    if ((c.type === 'text' && !c.value.trim()) || c.type === 'break') continue;
    const image = c.type === 'link' || c.type === 'linkReference' ? onlyImage(c.children) : onlyImage([c]);
    if (!image || imageUrl(image, ctx) === undefined) return undefined;
    images.push(image);
  }
  if (!images.length) return undefined;
  const figures = images.flatMap((img) => asFigure(img, ctx));
  if (figures.length <= 1) return figures;
  return [{ kind: 'figure-group', figures, pos: posOf(ctx, node) }];
}

/** The one image among `nodes` (white space aside), if that is all they are. */
function onlyImage(nodes: readonly PhrasingContent[]): Image | ImageReference | undefined {
  const meaningful = nodes.filter((c) => !(c.type === 'text' && !c.value.trim()));
  const only = meaningful.length === 1 ? meaningful[0] : undefined;
  return only && (only.type === 'image' || only.type === 'imageReference') ? only : undefined;
}

function asFigure(node: Image | ImageReference, ctx: LowerContext): FigureBlock[] {
  const image = ctx.images.get(imageUrl(node, ctx) ?? '');
  if (!image) return []; // already reported (remote, missing…) by the image stage
  const title = node.type === 'image' ? node.title : ctx.definitions.get(normalizeLabel(node.identifier))?.title;
  const alt = node.alt ?? '';
  const captionText = title || alt;
  ctx.figureCount++;
  const caption: Inline[] | undefined = captionText ? lowerInlines([{ type: 'text', value: captionText, position: node.position }], ctx) : undefined;
  return [{ kind: 'figure', image, alt, caption, number: ctx.figureCount, id: `${ctx.articleId}-fig${ctx.figureCount}`, pos: posOf(ctx, node) }];
}

/**
 * A block quote whose last paragraph starts with a dash is attributed to what follows it. One
 * whose first line is a GitHub alert's marker alone (`> [!NOTE]`, `[!TIP]`, `[!IMPORTANT]`,
 * `[!WARNING]`, `[!CAUTION]`, in any case) is a note of that kind; an unknown marker, or one
 * with nothing under it, leaves an ordinary quote, as on GitHub.
 */
function blockquote(node: Blockquote, ctx: LowerContext): Block {
  const note = alertOf(node);
  if (note) return { kind: 'note', type: note.type, blocks: lowerFlow(note.children, ctx), pos: posOf(ctx, node) };
  const children = [...node.children];
  let attribution: Inline[] | undefined;
  const last = children[children.length - 1];
  // `<footer>— Author</footer>` closing the quote, as HTML writes a credit.
  const credit = last?.type === 'html' ? footerCredit(last, ctx, (nodes) => lowerInlines(nodes, ctx)) : undefined;
  if (credit) {
    attribution = credit;
    children.pop();
  } else if (last && last.type === 'paragraph') {
    const first = last.children[0];
    if (first && first.type === 'text' && /^\s*(—|―|–)\s*/.test(first.value)) {
      const rest: PhrasingContent[] = [{ ...first, value: first.value.replace(/^\s*(—|―|–)\s*/, '') }, ...last.children.slice(1)];
      attribution = lowerInlines(rest, ctx);
      children.pop();
    }
  }
  return { kind: 'blockquote', blocks: lowerFlow(children, ctx), attribution, pos: posOf(ctx, node) };
}

/** A GitHub alert's marker, alone on its line (spaces after it, or a hard break, allowed). */
const ALERT = /^\[!(note|tip|important|warning|caution)\][ \t]*(\n|$)/i;

/** The kind of alert a block quote is, and its content without the marker; undefined for a quote. */
function alertOf(node: Blockquote): { type: NoteType; children: RootContent[] } | undefined {
  const [first, ...after] = node.children;
  if (first?.type !== 'paragraph') return undefined;
  const [text, ...rest] = first.children;
  if (text?.type !== 'text') return undefined;
  const m = ALERT.exec(text.value);
  if (!m) return undefined;
  let inline = rest;
  if (!m[2]) {
    // The marker ends its text: its line goes on unless a hard break or the paragraph's end follows.
    if (inline.length && inline[0].type !== 'break') return undefined;
    inline = inline.slice(1);
  }
  const value = text.value.slice(m[0].length);
  const start = text.position?.start;
  // The text goes on at the start of the next line, inside the quote (where the paragraph starts).
  const moved: PhrasingContent[] = value
    ? [{ ...text, value, position: start && text.position && { ...text.position, start: { line: start.line + 1, column: first.position?.start.column ?? 1 } } }]
    : [];
  const content = [...moved, ...inline];
  const from = content[0]?.position?.start;
  const lead: RootContent[] = content.length ? [{ ...first, children: content, position: from && first.position && { ...first.position, start: from } }] : [];
  const children = [...lead, ...after];
  // GitHub shows a marker with nothing under it as it is written.
  if (!children.length) return undefined;
  return { type: m[1].toLowerCase() as NoteType, children };
}

function headingId(text: string, ctx: LowerContext): string {
  // `figN` and `fnN` are the ids of figures and notes: a heading never takes them.
  const slug = slugify(text) || 'section';
  const base = `${ctx.articleId}-${/^(fig|fn)\d/.test(slug) ? `section-${slug}` : slug}`;
  let id = base;
  for (let n = 2; ctx.headingIds.has(id); n++) id = `${base}-${n}`;
  ctx.headingIds.add(id);
  return id;
}

/** Latin letters that do not decompose into a base letter and an accent. */
const LATIN_LETTERS: Record<string, string> = { ł: 'l', ø: 'o', đ: 'd', ð: 'd', ħ: 'h', ı: 'i', ß: 'ss', æ: 'ae', œ: 'oe', þ: 'th' };

/** Lowercase ASCII words joined by hyphens; accents are dropped (ł is l), other scripts vanish. */
export function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(/[łøđðħıßæœþ]/g, (c) => LATIN_LETTERS[c])
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48)
    .replace(/-+$/, '');
}
