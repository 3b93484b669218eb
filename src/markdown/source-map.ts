// A Markdown text made from the article's own (site syntax replaced, included files put in,
// kramdown's `markdown="1"` tags taken out) is parsed as it is; the tree's positions are then
// moved back to the article as written, so that every message names the author's line and
// column. Text put in for a piece of the article (an included file) takes that piece's place.
import type { Nodes, Root } from 'mdast';
import { lineAt, lineStarts } from './lower/line-starts.js';

export type Point = { line: number; column: number; offset?: number };

/** The line and column of each offset of `source`. */
export function placer(source: string): (offset: number) => Point {
  const starts = lineStarts(source);
  return (offset) => {
    const lo = lineAt(starts, offset);
    return { line: lo + 1, column: offset - starts[lo] + 1, offset };
  };
}

/**
 * A run of the made text: from `from` on (to the next run), it is the source's text from
 * `source` on, or (`put`) text put in for the source's piece at `source`.
 */
export interface Run {
  from: number;
  source: number;
  put?: boolean;
}

/** From an offset of the made text to the offset in the source it stands for; `runs` in order. */
export function sourceOffsets(runs: readonly Run[]): (offset: number) => number {
  return (offset) => {
    let lo = 0;
    let hi = runs.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (runs[mid].from <= offset) lo = mid;
      else hi = mid - 1;
    }
    const r = runs[lo];
    return r === undefined ? offset : r.put ? r.source : r.source + offset - r.from;
  };
}

/** Every position of `tree` (parsed from the made text) moved to the source: line, column and offset. */
export function moveToSource(tree: Root, place: (offset: number) => Point, toSource: (offset: number) => number): void {
  // Iterative: emphasis may nest deeper than the stack would go.
  const stack: Nodes[] = [tree];
  while (stack.length) {
    const node = stack.pop()!;
    const p = node.position;
    if (p?.start.offset !== undefined && p.end.offset !== undefined) {
      const start = p.start.offset;
      const end = p.end.offset;
      const from = toSource(start);
      // An end is just past its last character: it stays there, not past text taken out after it.
      node.position = { start: place(from), end: place(end > start ? Math.max(from, toSource(end - 1) + 1) : from) };
    }
    if ('children' in node) for (const c of node.children) stack.push(c as Nodes);
  }
}
