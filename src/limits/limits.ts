// Limits on what one edition may hold, so that no input can exhaust memory, the stack or the
// clock: each has a default, and edition.yaml may raise it (`limits:`) up to a ceiling beyond
// which the tool itself would be at risk. Every limit broken is an error naming the file,
// the place, the limit and how to raise it.
import type { Root, RootContent } from 'mdast';
import { error, type Diagnostic } from '../diagnostics/diagnostic.js';
import { MAX_MARKER_WORK, MAX_MARKERS, markerProblem, type MarkerProblem, type RunKind } from './markers.js';

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

/**
 * Fixed limits of an SVG figure, besides the image-size limit that guards every image file:
 * what its XML may hold, and what drawing it may cost once its `<use>` references are
 * followed (an SVG "billion laughs" nests uses of uses) and its content is written out.
 */
export const SVG_LIMITS = {
  /** Bytes of one SVG file (the smaller of this and `limits.image-size`). */
  bytes: 8 * MB,
  /** Elements in the file. */
  elements: 50_000,
  /** Elements one inside another. */
  depth: 64,
  /** Elements drawn once every `<use>` is followed. */
  drawn: 200_000,
  /** Rules of its style sheets (each is matched against every element). */
  styleRules: 2000,
  /** Largest width, height or viewBox extent, in CSS pixels or user units. */
  extent: 1_000_000,
  /** Bytes of PDF content drawing it (markers on every vertex, patterns, repeated gradients). */
  contentBytes: 16 * MB,
} as const;

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
  if (n >= 1024 * MB) return `${+(n / 1024 / MB).toFixed(1)} GB`;
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
 * Checks the Markdown text before it is parsed: its size; lines that open more containers
 * than the nesting limit allows (the parser would recurse on each one); and what the parser
 * would pair or scan in each paragraph, heading and cell (markers.ts).
 */
export function checkArticleText(text: string, file: string, limits: Limits): Diagnostic | undefined {
  const bytes = Buffer.byteLength(text);
  if (bytes > limits.articleBytes) return articleTooLarge(bytes, file, limits);
  const deep = checkContainerLines(text, { file }, limits.nesting);
  if (deep) return deep;
  const problem = markerProblem(text);
  return problem && markerDiagnostic(problem, { file, line: problem.run.line, column: problem.run.column });
}

/**
 * Lines that open containers past the nesting limit, read line by line before the parser,
 * whose time grows faster than the square of the depth: `> > > …` on one line, or a list
 * item indented further than any list within the limit could be (each level takes at least
 * two columns). Code blocks are not told apart: telling them needs the parser, and a code
 * line indented that far that starts with a list marker is rare.
 */
function checkContainerLines(text: string, at: { file: string; line?: number; column?: number }, nesting: number): Diagnostic | undefined {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const m = LINE_CONTAINERS.exec(line);
    if (m) {
      const depth = (m[0].match(/>|[-+*](?=[ \t])|\d{1,9}[.)](?=[ \t])/g) ?? []).length;
      if (depth > nesting) return tooDeep(depth, at.file, { line: at.line ?? i + 1, column: at.column ?? 1 }, nesting);
    }
    const indent = /^([ \t]*)(?:[-+*]|\d{1,9}[.)])[ \t]/.exec(line);
    const columns = indent ? indent[1].replace(/\t/g, '    ').length : 0;
    if (columns > 4 * nesting + 4) {
      return error(
        'limit/nesting',
        `a list item indented ${columns} columns, nested deeper than the limit of ${nesting}`,
        { file: at.file, line: at.line ?? i + 1, column: at.column ?? 1 },
        [raiseHint('nesting')],
      );
    }
  }
  return undefined;
}

/**
 * Checks Markdown written in a front matter field (deck, note, title), which is parsed on
 * its own, as the body is checked: errors are reported at the field.
 */
export function checkFieldText(text: string, at: { file: string; line: number; column: number }, nesting: number): Diagnostic | undefined {
  const deep = checkContainerLines(text, at, nesting);
  if (deep) return deep;
  const problem = markerProblem(text);
  return problem && markerDiagnostic(problem, at);
}

const KIND_HINT: Record<RunKind, string> = {
  paragraph: 'break it into paragraphs',
  heading: 'shorten the heading',
  'table cell': 'shorten the cell',
};

/** The error for a run (or an article) the parser would take minutes over. */
function markerDiagnostic(p: MarkerProblem, at: { file: string; line: number; column: number }): Diagnostic {
  const { run } = p;
  const backslash = 'write literal markers with a backslash (\\*)';
  switch (p.reason) {
    case 'markers':
      return error(
        'limit/nesting',
        `a ${run.kind} with more than ${MAX_MARKERS} emphasis and link markers (\`*\`, \`_\`, \`~\`, \`[\`, \`]\`): ${run.markers}`,
        at,
        [`${KIND_HINT[run.kind]}, or ${backslash}`],
      );
    case 'marker-work':
      return error(
        'limit/nesting',
        `up to this ${run.kind}, the article takes as long to parse as ${Math.ceil(p.total! / MAX_MARKERS ** 2)} paragraphs of ${MAX_MARKERS} emphasis and link markers; an article may take ${MAX_MARKER_WORK / MAX_MARKERS ** 2}`,
        at,
        [`${backslash}, or move some of these paragraphs into another article`],
      );
    case 'rescan':
      return error(
        'limit/nesting',
        p.total === undefined
          ? `a ${run.kind} with ${run.unclosed} backtick runs or HTML openers (\`<!--\`, \`<?\`, \`<!\`) that nothing after them closes: the parser would read ${formatBytes(run.rescan)} again looking for their ends`
          : `up to this ${run.kind}, backtick runs and HTML openers that nothing closes would make the parser read ${formatBytes(p.total)} again looking for their ends`,
        at,
        ['close each `` ` `` and `<!--`, `<?`, `<!`, or write them as \\` and &lt;'],
      );
    case 'lines':
      return error(
        'limit/nesting',
        p.total === undefined
          ? `a ${run.kind} of ${run.lines} lines (${formatBytes(run.chars)}) with no blank line: the parser takes time that grows with its lines times its length`
          : `up to this ${run.kind}, the article's paragraphs are too long for the parser: their lines times their lengths come to ${p.total.toExponential(1)}`,
        at,
        ['separate its paragraphs with blank lines'],
      );
  }
}

/** Emphasis and link markers in one paragraph, heading or cell (a fixed guard: beyond it parsing may take minutes). */
export { MAX_MARKERS };

export function articleTooLarge(bytes: number, file: string, limits: Limits): Diagnostic {
  return error('limit/article-size', `the article is ${formatBytes(bytes)}, over the limit of ${formatBytes(limits.articleBytes)}`, { file }, [
    `split it into several articles, or ${raiseHint('articleBytes')}`,
  ]);
}

function tooDeep(depth: number, file: string, at: { line: number; column: number }, nesting: number): Diagnostic {
  return error('limit/nesting', `content nested ${depth} deep (block quotes, lists, emphasis, links), over the limit of ${nesting}`, { file, ...at }, [
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
      const columns = node.children.reduce((w, r) => Math.max(w, r.children.length), 0);
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
    out.push(tooDeep(deepest.depth, file, { line: p?.line ?? 1, column: p?.column ?? 1 }, limits.nesting));
  }
  return out;
}
