// kramdown's `markdown="1"` (also `"block"`, `"span"`): an HTML element whose content is
// Markdown, as Jekyll blogs write pull quotes and boxes (`<blockquote markdown="1">`,
// `<div class="pullquote" markdown="1">`). CommonMark reads such an element as a raw HTML
// block, which would print `*emphasis*` and `[a link](…)` as written.
//
// The element's opening and closing tags are taken out of the text, and the text is parsed
// again: what was between them is then Markdown where it stands, among the article's own
// link definitions and footnotes. A block quote (or a `div`, `aside`, `section` or `figure`
// whose class says it is a quote: `pullquote`, `epigraph`…) wraps what it held in a quote; any
// other element goes, its content staying. Every position of the tree is then moved back to
// the text as written, so messages name the article's own lines and columns.
//
// Only elements of raw HTML blocks at the top of the article are read (a tag inside a quote
// or a list item stays raw HTML, under the safe list of lower/html.ts).
import type { Blockquote, Root, RootContent } from 'mdast';
import { moveToSource, placer, sourceOffsets, type Point, type Run } from './source-map.js';

/** kramdown's values that make the content Markdown (`0` keeps it raw). */
const MARKDOWN = /^(1|block|span)$/i;
/** A quick look before any HTML is read: most articles have no such attribute. */
const ANY_MARKDOWN = /\bmarkdown\s*=\s*["']?(1|block|span)\b/i;
/** Classes that make a `div`, `aside`, `section` or `figure` a quotation. */
const QUOTE_CLASS = /(^|\s)(pull-?quote|block-?quote|quote|quotation|epigraph)(\s|$)/i;
const QUOTE_HOLDERS = new Set(['div', 'aside', 'section', 'figure']);
/** Elements that never close: their tags are not counted when pairing. */
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);
/**
 * Passes of tags taken out and text parsed again: the first finds nearly every element (all
 * tags of the top level's HTML blocks); a second, those the first laid bare. Each pass parses
 * the article once more, so they are few.
 */
const MAX_PASSES = 2;

/** Text taken out of the source: `[start, end)` in the source's offsets. */
type Cut = readonly [number, number];

/**
 * The tree of `text` with its `markdown="1"` elements read as Markdown; `parse` reads a text
 * into a tree (the plain parser, without this step). The tree of `text` itself when it has none.
 */
export function parseMarkdownInHtml(text: string, parse: (text: string) => Root): Root {
  let tree = parse(text);
  if (!ANY_MARKDOWN.test(text)) return tree;
  const cuts: Cut[] = [];
  const quotes: Cut[] = [];
  let current = text;
  let toSource = (offset: number) => offset;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const found = markdownElements(tree, current);
    if (!found.length) break;
    for (const f of found) {
      const open: Cut = [toSource(f.open[0]), toSource(f.open[1] - 1) + 1];
      const close: Cut = [toSource(f.close[0]), toSource(f.close[1] - 1) + 1];
      cuts.push(open, close);
      if (f.quote) quotes.push([open[0], close[1]]);
    }
    cuts.sort((a, b) => a[0] - b[0]);
    current = without(text, cuts);
    toSource = sourceOffsets(keptRuns(cuts));
    tree = parse(current);
  }
  if (!cuts.length) return tree;
  const place = placer(text);
  moveToSource(tree, place, toSource);
  wrapQuotes(tree, quotes, place);
  return tree;
}

interface Found {
  /** The opening and the closing tag, in the offsets of the text parsed. */
  open: Cut;
  close: Cut;
  quote: boolean;
}

/**
 * The elements with `markdown="1"` among the raw HTML blocks at the top of `tree`, each with
 * its closing tag (in the same block or a later one): tags are paired by name, in order, as
 * the browser would, across the blocks and whatever Markdown stands between them.
 */
function markdownElements(tree: Root, text: string): Found[] {
  const open = new Map<string, { at: Cut; markdown: boolean; quote: boolean }[]>();
  const out: Found[] = [];
  for (const node of tree.children) {
    const base = node.position?.start.offset;
    if (node.type !== 'html' || base === undefined || text.slice(base, base + node.value.length) !== node.value) continue;
    for (const t of tags(node.value)) {
      if (t.type === 'open' && !VOID.has(t.name)) {
        let list = open.get(t.name);
        if (!list) open.set(t.name, (list = []));
        const markdown = t.attrs.markdown !== undefined && MARKDOWN.test(t.attrs.markdown.trim());
        const quote = t.name === 'blockquote' || (QUOTE_HOLDERS.has(t.name) && QUOTE_CLASS.test(t.attrs.class ?? ''));
        list.push({ at: [base + t.start, base + t.end], markdown, quote });
      } else if (t.type === 'close') {
        const o = open.get(t.name)?.pop();
        if (o?.markdown) out.push({ open: o.at, close: [base + t.start, base + t.end], quote: o.quote });
      }
    }
  }
  return out.sort((a, b) => a.open[0] - b.open[0]);
}

/** An opening tag (CommonMark's grammar: attributes, each perhaps with a quoted value), a closing tag, or a comment. */
const TAG =
  /<!--[\s\S]*?-->|<([A-Za-z][A-Za-z0-9-]*)((?:\s+[A-Za-z_:][\w.:-]*(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*\/?>|<\/([A-Za-z][A-Za-z0-9-]*)\s*>/g;
const ATTRIBUTE = /([A-Za-z_:][\w.:-]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

type Tag =
  | { type: 'open'; name: string; attrs: Record<string, string>; start: number; end: number }
  | { type: 'close'; name: string; start: number; end: number };

/**
 * The tags of an HTML block, in order (comments skipped). Read by pattern rather than by an
 * HTML parser, which drops a closing tag it saw no opening tag for: here the opening tag is
 * often in another block.
 */
function* tags(html: string): Generator<Tag> {
  for (const m of html.matchAll(TAG)) {
    const start = m.index;
    const end = start + m[0].length;
    if (m[3]) yield { type: 'close', name: m[3].toLowerCase(), start, end };
    else if (m[1]) {
      const attrs: Record<string, string> = {};
      for (const a of (m[2] ?? '').matchAll(ATTRIBUTE)) attrs[a[1].toLowerCase()] = a[2] ?? a[3] ?? a[4] ?? '';
      yield { type: 'open', name: m[1].toLowerCase(), attrs, start, end };
    }
  }
}

/** `text` without the cut ranges (sorted, apart). */
function without(text: string, cuts: readonly Cut[]): string {
  let out = '';
  let at = 0;
  for (const [s, e] of cuts) {
    out += text.slice(at, s);
    at = e;
  }
  return out + text.slice(at);
}

/** The runs of the text with `cuts` (sorted, apart) taken out, each where it is in the source. */
function keptRuns(cuts: readonly Cut[]): Run[] {
  const runs: Run[] = [{ from: 0, source: 0 }];
  let removed = 0;
  for (const [s, e] of cuts) {
    removed += e - s;
    runs.push({ from: e - removed, source: e });
  }
  return runs;
}

/**
 * The blocks at the top of the tree that lie inside a quoting element, wrapped in a block
 * quote: the innermost first, so a quote in a quote is wrapped again by the outer one.
 */
function wrapQuotes(tree: Root, quotes: readonly Cut[], place: (offset: number) => Point): void {
  const byWidth = [...quotes].sort((a, b) => a[1] - a[0] - (b[1] - b[0]));
  for (const [s, e] of byWidth) {
    const inside = (n: RootContent) => n.position?.start.offset !== undefined && n.position.start.offset >= s && (n.position.end.offset ?? Infinity) <= e;
    const first = tree.children.findIndex(inside);
    if (first < 0) continue;
    let last = first;
    while (last + 1 < tree.children.length && inside(tree.children[last + 1])) last++;
    const children = tree.children.slice(first, last + 1) as Blockquote['children'];
    const quote: Blockquote = { type: 'blockquote', children, position: { start: place(s), end: place(e) } };
    tree.children.splice(first, last - first + 1, quote);
  }
}
