// Limits on what one edition may hold, so that no input can exhaust memory, the stack or the
// clock: each has a default, and edition.yaml may raise it (`limits:`) up to a ceiling beyond
// which the tool itself would be at risk. Every limit broken is an error naming the file,
// the place, the limit and how to raise it.
import type { Root, RootContent } from 'mdast';
import { error, type Diagnostic } from '../diagnostics/diagnostic.js';

export interface Limits {
  /** Bytes of one article's Markdown file. */
  articleBytes: number;
  /** Bytes of one image file. */
  imageBytes: number;
  /** Decoded pixels of one image (width × height): decompression bombs. */
  imagePixels: number;
  /** Block quotes, lists, emphasis, links… one inside another. */
  nesting: number;
  /** Rows of one table, its header row included. */
  tableRows: number;
  tableColumns: number;
  /** Articles in one issue. */
  articles: number;
}

const MB = 1024 * 1024;

export const DEFAULT_LIMITS: Readonly<Limits> = {
  articleBytes: 2 * MB,
  imageBytes: 40 * MB,
  imagePixels: 60_000_000,
  nesting: 32,
  tableRows: 2000,
  tableColumns: 40,
  articles: 1000,
};

/** The most edition.yaml may ask for. */
export const MAX_LIMITS: Readonly<Limits> = {
  articleBytes: 32 * MB,
  imageBytes: 256 * MB,
  imagePixels: 268_000_000,
  nesting: 100,
  tableRows: 20_000,
  tableColumns: 200,
  articles: 10_000,
};

/** The manifest key of each limit, for messages and hints. */
export const LIMIT_KEYS: Record<keyof Limits, string> = {
  articleBytes: 'article-size',
  imageBytes: 'image-size',
  imagePixels: 'image-megapixels',
  nesting: 'nesting',
  tableRows: 'table-rows',
  tableColumns: 'table-columns',
  articles: 'articles',
};

export function formatBytes(n: number): string {
  return n >= MB ? `${+(n / MB).toFixed(1)} MB` : `${+(n / 1024).toFixed(1)} KB`;
}

/** `2MB`, `512 KB` or a number of bytes → bytes. */
export function parseSize(v: string | number): number {
  if (typeof v === 'number') return v;
  const m = /^(\d+(?:\.\d+)?)\s*(KB|MB)$/i.exec(v.trim());
  if (!m) throw new Error(`not a size: ${v}`); // the schema has checked the form
  return Math.round(Number(m[1]) * (m[2].toUpperCase() === 'MB' ? MB : 1024));
}

export function raiseHint(key: keyof Limits): string {
  const max =
    key === 'articleBytes' || key === 'imageBytes'
      ? formatBytes(MAX_LIMITS[key])
      : key === 'imagePixels'
        ? `${MAX_LIMITS[key] / 1e6}`
        : String(MAX_LIMITS[key]);
  return `raise \`limits.${LIMIT_KEYS[key]}\` in edition.yaml if this is meant (at most ${max})`;
}

/** Container markers that open a line (`> > - 1. `): counted before parsing, which recurses on them. */
const LINE_CONTAINERS = /^(?:[ \t]{0,3}(?:>|[-+*](?=[ \t])|\d{1,9}[.)](?=[ \t]))[ \t]?)+/;

/**
 * Checks the Markdown text before it is parsed: its size, and lines that open more containers
 * than the nesting limit allows (the parser would recurse on each one).
 */
export function checkArticleText(text: string, file: string, limits: Limits): Diagnostic | undefined {
  const bytes = Buffer.byteLength(text);
  if (bytes > limits.articleBytes) return articleTooLarge(bytes, file, limits);
  const lines = text.split('\n');
  let fence: string | undefined;
  let markers = 0;
  let blockStart = 0;
  let table = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const m = LINE_CONTAINERS.exec(line);
    if (m) {
      const depth = (m[0].match(/>|[-+*](?=[ \t])|\d{1,9}[.)](?=[ \t])/g) ?? []).length;
      if (depth > limits.nesting) return tooDeep(depth, file, { line: i + 1, column: 1 }, limits);
    }
    // A list marker indented further than any list within the limit could be (each level
    // takes at least two columns) is a list nested past it; the parser slows down on each.
    const indent = /^([ \t]*)(?:[-+*]|\d{1,9}[.)])[ \t]/.exec(line);
    if (!fence && indent && indent[1].replace(/\t/g, '    ').length > 4 * limits.nesting + 4) {
      return error(
        'limit/nesting',
        `a list item indented ${indent[1].replace(/\t/g, '    ').length} columns, nested deeper than the limit of ${limits.nesting}`,
        { file, line: i + 1, column: 1 },
        [raiseHint('nesting')],
      );
    }
    // Emphasis and link markers of one paragraph: the parser pairs them in time that grows
    // with the square of their number. Code (fenced or indented) is not counted.
    const body = m ? line.slice(m[0].length) : line;
    const f = /^\s{0,3}(`{3,}|~{3,})/.exec(body);
    if (fence) {
      if (f && f[1][0] === fence[0] && f[1].length >= fence.length) fence = undefined;
      continue;
    }
    if (f) {
      fence = f[1];
      continue;
    }
    if (!body.trim()) {
      markers = 0;
      blockStart = i + 1;
      table = false;
      continue;
    }
    if (/^( {4}|\t)/.test(body)) continue;
    // Each cell of a table is a paragraph of its own: count a table row by row.
    if (/^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$/.test(body) && body.includes('|')) table = true;
    if (table) markers = 0;
    markers += (body.match(/[*_~[\]]/g) ?? []).length;
    if (markers > MAX_MARKERS) {
      return error(
        'limit/nesting',
        `a paragraph with more than ${MAX_MARKERS} emphasis and link markers (\`*\`, \`_\`, \`~\`, \`[\`, \`]\`)`,
        { file, line: blockStart + 1, column: 1 },
        ['break it into paragraphs, or write literal markers as code or with a backslash (\\*)'],
      );
    }
  }
  return undefined;
}

/** Emphasis and link markers in one paragraph (a fixed guard: beyond it parsing may take minutes). */
export const MAX_MARKERS = 1000;

export function articleTooLarge(bytes: number, file: string, limits: Limits): Diagnostic {
  return error('limit/article-size', `the article is ${formatBytes(bytes)}, over the limit of ${formatBytes(limits.articleBytes)}`, { file }, [
    `split it into several articles, or ${raiseHint('articleBytes')}`,
  ]);
}

function tooDeep(depth: number, file: string, at: { line: number; column: number }, limits: Limits): Diagnostic {
  return error('limit/nesting', `content nested ${depth} deep (block quotes, lists, emphasis, links), over the limit of ${limits.nesting}`, { file, ...at }, [
    raiseHint('nesting'),
  ]);
}

const NESTING = new Set(['blockquote', 'list', 'footnoteDefinition', 'emphasis', 'strong', 'delete', 'link', 'linkReference']);

/** Checks the parsed tree: nesting depth and table sizes. Iterative: the tree may be deep. */
export function checkTree(tree: Root, file: string, limits: Limits): Diagnostic[] {
  const out: Diagnostic[] = [];
  let deepest: { depth: number; node: RootContent } | undefined;
  const stack: { node: RootContent | Root; depth: number }[] = [{ node: tree, depth: 0 }];
  while (stack.length) {
    const { node, depth: parentDepth } = stack.pop()!;
    const depth = parentDepth + (NESTING.has(node.type) ? 1 : 0);
    if (node.type !== 'root' && depth > limits.nesting && (!deepest || depth > deepest.depth)) deepest = { depth, node };
    if (node.type === 'table') {
      const rows = node.children.length;
      const columns = Math.max(0, ...node.children.map((r) => r.children.length));
      const at = { line: node.position?.start.line ?? 1, column: node.position?.start.column ?? 1 };
      if (rows > limits.tableRows) {
        out.push(
          error('limit/table-size', `the table has ${rows} rows, over the limit of ${limits.tableRows}`, { file, ...at }, [
            `split it, or ${raiseHint('tableRows')}`,
          ]),
        );
      }
      if (columns > limits.tableColumns) {
        out.push(
          error('limit/table-size', `the table has ${columns} columns, over the limit of ${limits.tableColumns}`, { file, ...at }, [raiseHint('tableColumns')]),
        );
      }
    }
    if ('children' in node) for (const c of node.children as RootContent[]) stack.push({ node: c, depth });
  }
  if (deepest) {
    const p = deepest.node.position?.start;
    out.push(tooDeep(deepest.depth, file, { line: p?.line ?? 1, column: p?.column ?? 1 }, limits));
  }
  return out;
}
