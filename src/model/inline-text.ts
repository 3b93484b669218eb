import type { Block, Inline } from './types.js';

/** The plain text of inline content, as a reader would read it aloud. */
export function inlineText(content: readonly Inline[]): string {
  let out = '';
  for (const node of content) {
    switch (node.kind) {
      case 'text':
      case 'code':
        out += node.text;
        break;
      case 'emphasis':
      case 'strong':
      case 'strike':
      case 'link':
        out += inlineText(node.children);
        break;
      case 'footnote-ref':
        break;
      case 'line-break':
        out += ' ';
        break;
      case 'image':
        out += node.alt;
        break;
      default:
        throw new Error(`unknown inline node ${(node as { kind: string }).kind}`);
    }
  }
  return out;
}

/** The plain text of blocks, one line per block; used for word counts and checks. */
export function blocksText(blocks: readonly Block[]): string {
  const parts: string[] = [];
  for (const b of blocks) {
    switch (b.kind) {
      case 'paragraph':
      case 'heading':
        parts.push(inlineText(b.content));
        break;
      case 'blockquote':
        parts.push(blocksText(b.blocks));
        if (b.attribution) parts.push(inlineText(b.attribution));
        break;
      case 'note':
        parts.push(blocksText(b.blocks));
        break;
      case 'list':
        for (const item of b.items) parts.push(blocksText(item));
        break;
      case 'table':
        parts.push(b.header.map(inlineText).join(' '));
        for (const row of b.rows) parts.push(row.map(inlineText).join(' '));
        break;
      case 'figure':
        if (b.caption) parts.push(inlineText(b.caption));
        break;
      case 'figure-group':
        parts.push(blocksText(b.figures));
        break;
      case 'code-block':
        parts.push(b.text);
        break;
      case 'rule':
        break;
      default:
        throw new Error(`unknown block node ${(b as { kind: string }).kind}`);
    }
  }
  return parts.join('\n');
}
