// The one walk over the document model's blocks, shared by every stage that looks for
// something inside an article (figures, images, headings, links): each block in reading
// order, a quote's or a list item's blocks right after the quote or list that holds them.
// Iterative, so a deeply nested article cannot overflow the stack.
import type { Article, Block, ImageAsset, Issue } from './types.js';

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
    if (b.kind === 'blockquote') {
      stack.push(b.blocks);
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

/** Every image of the issue's figures, once each, in reading order. */
export function issueImages(issue: Pick<Issue, 'articles'>): ImageAsset[] {
  const byId = new Map<string, ImageAsset>();
  for (const f of issueFigures(issue)) if (!byId.has(f.image.id)) byId.set(f.image.id, f.image);
  return [...byId.values()];
}
