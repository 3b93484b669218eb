// The one walk over the document model's blocks, shared by every stage that looks for
// something inside an article (figures, images, headings, links): each block in reading
// order, a quote's, a list item's or a row's blocks right after the quote, list or row
// that holds them.
// Iterative, so a deeply nested article cannot overflow the stack.
import type { Article, Block, ImageAsset, Inline, Issue, Position } from './types.js';

export type Figure = Extract<Block, { kind: 'figure' }>;

/** Every block of `blocks` and of the blocks inside them, in reading order. */
export function* eachBlock(blocks: readonly Block[]): Generator<Block> {
  const stack: (readonly Block[])[] = [blocks];
  const at: number[] = [0];
  while (stack.length) {
    const top = stack.length - 1;
    const list = stack[top];
    if (at[top] >= list.length) {
      stack.pop();
      at.pop();
      continue;
    }
    const b = list[at[top]++];
    yield b;
    if (b.kind === 'blockquote' || b.kind === 'note') {
      stack.push(b.blocks);
      at.push(0);
    } else if (b.kind === 'figure-group') {
      stack.push(b.figures);
      at.push(0);
    } else if (b.kind === 'list') {
      // Items in order: pushed last to first, so the first item is read first.
      for (let i = b.items.length - 1; i >= 0; i--) {
        stack.push(b.items[i]);
        at.push(0);
      }
    }
  }
}

/** Every block of an article, its footnotes' blocks after its own. */
export function* articleBlocks(article: Pick<Article, 'blocks' | 'footnotes'>): Generator<Block> {
  yield* eachBlock(article.blocks);
  for (const n of article.footnotes) yield* eachBlock(n.blocks);
}

/** Every figure of the issue, footnotes included, in reading order. */
export function issueFigures(issue: Pick<Issue, 'articles'>): Figure[] {
  const out: Figure[] = [];
  for (const a of issue.articles) for (const b of articleBlocks(a)) if (b.kind === 'figure') out.push(b);
  return out;
}

/** Every image of the issue, figures' and those set in lines of text, once each, in reading order. */
export function issueImages(issue: Pick<Issue, 'articles'>): ImageAsset[] {
  return [...issueImageUses(issue).values()].map((u) => u.image);
}

/** Every image of the issue once, by id, with the first place that shows it (for a late failure to name). */
export function issueImageUses(issue: Pick<Issue, 'articles'>): Map<string, { image: ImageAsset; pos: Position }> {
  const byId = new Map<string, { image: ImageAsset; pos: Position }>();
  const add = (image: ImageAsset, pos: Position) => {
    if (!byId.has(image.id)) byId.set(image.id, { image, pos });
  };
  for (const a of issue.articles) {
    for (const content of [a.title, a.deck, a.bylineInlines, a.note]) if (content) inlineImages(content, add);
    for (const b of articleBlocks(a)) {
      if (b.kind === 'figure') add(b.image, b.pos);
      for (const content of blockInlines(b)) inlineImages(content, add);
    }
  }
  return byId;
}

/** The inline content a block holds itself (not that of the blocks inside it). */
export function blockInlines(b: Block): (readonly Inline[])[] {
  switch (b.kind) {
    case 'paragraph':
    case 'heading':
      return [b.content];
    case 'blockquote':
      return b.attribution ? [b.attribution] : [];
    case 'table':
      return [...b.header, ...b.rows.flat()];
    case 'figure':
      return b.caption ? [b.caption] : [];
    case 'figure-group':
    case 'note': // its label is the tool's word, its blocks come next in the walk
    case 'list':
    case 'code-block':
    case 'rule':
      return [];
    default: {
      // A kind added to the model fails to compile here until it says what inline content it holds.
      const unknown: never = b;
      throw new Error(`unknown block node ${(unknown as { kind: string }).kind}`);
    }
  }
}

/** Images inside inline content, in reading order. */
function inlineImages(content: readonly Inline[], add: (image: ImageAsset, pos: Position) => void): void {
  for (const n of content) {
    if (n.kind === 'image') add(n.image, n.pos);
    else if (n.kind === 'emphasis' || n.kind === 'strong' || n.kind === 'strike' || n.kind === 'link') inlineImages(n.children, add);
  }
}
