// The template syntax of the site an article comes from, met outside code: Hugo shortcodes
// (`{{< figure … >}}`, `{{% param … %}}`), Jekyll's Liquid tags (`{% include … %}`,
// `{% post_url … %}`) and template variables (`{{ page.title }}`). What can be resolved
// becomes Markdown (a figure, a link's address, a front matter value); the rest is a warning
// at its place and is left out, rather than printed as markup.
import type { Root } from 'mdast';
import { type Diagnostic, warning } from '../diagnostics/diagnostic.js';

/** Openings of site syntax, longest first, with their closings. */
const FORMS = [
  { open: '{{<', close: '>}}', kind: 'hugo' },
  { open: '{{%', close: '%}}', kind: 'hugo' },
  { open: '{{', close: '}}', kind: 'variable' },
  { open: '{%', close: '%}', kind: 'liquid' },
] as const;
/** The longest piece read as one (a longer `{{` … `}}` is prose, or broken). */
const MAX_PIECE = 2000;
/** Pieces handled in one article; past it the rest is left as written (a hostile file). */
const MAX_PIECES = 10_000;

interface Piece {
  start: number;
  end: number;
  kind: 'hugo' | 'liquid' | 'variable';
  body: string;
}

/**
 * Every piece of site syntax in `text`, in order: an opening and the nearest closing after it,
 * within MAX_PIECE characters. Linear in the text (closings found by binary search in their
 * lists), so a file of nothing but braces costs no more than its length.
 */
function pieces(text: string): Piece[] {
  const closings = new Map(FORMS.map((f) => [f.close, positions(text, f.close)]));
  const out: Piece[] = [];
  for (let i = text.indexOf('{'); i >= 0 && out.length < MAX_PIECES; i = text.indexOf('{', i + 1)) {
    const form = FORMS.find((f) => text.startsWith(f.open, i));
    if (!form) continue;
    const from = i + form.open.length;
    const close = firstAtOrAfter(closings.get(form.close)!, from);
    if (close === undefined || close - i > MAX_PIECE) continue;
    let body = text.slice(from, close);
    // Whitespace control (`{%-`, `-%}`, `{{-`, `-}}`) trims nothing that prints.
    if (form.kind !== 'hugo') body = body.replace(/^-/, '').replace(/-$/, '');
    out.push({ start: i, end: close + form.close.length, kind: form.kind, body: body.trim() });
    i = close + form.close.length - 1;
  }
  return out;
}

function positions(text: string, s: string): number[] {
  const out: number[] = [];
  for (let i = text.indexOf(s); i >= 0; i = text.indexOf(s, i + 1)) out.push(i);
  return out;
}

/** How many of `sorted` are below `x`: the index of the first at or after it. */
function lowerBound(sorted: readonly number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function firstAtOrAfter(sorted: readonly number[], x: number): number | undefined {
  return sorted[lowerBound(sorted, x)];
}

/** Nodes whose text is printed as written: site syntax there is what the author shows. */
const LITERAL = new Set(['code', 'inlineCode', 'yaml', 'toml', 'html']);

/**
 * `text` with its site syntax replaced (by Markdown, or by nothing, each left-out piece
 * reported), or undefined when it has none outside code. Line breaks are kept, so the lines
 * of what follows do not move.
 */
export function rewriteSiteSyntax(
  text: string,
  tree: Root,
  file: string,
  frontMatter: Readonly<Record<string, unknown>>,
  report: (d: Diagnostic) => void,
): string | undefined {
  if (!/\{\{|\{%/.test(text)) return undefined;
  const literal = literalRanges(tree);
  const isLiteral = (at: number) => {
    const r = literal[lastAtOrBefore(literal, at)];
    return r !== undefined && at >= r[0] && at < r[1];
  };
  const lineStarts = positions(text, '\n').map((n) => n + 1);
  let out = '';
  let last = 0;
  let changed = false;
  for (const p of pieces(text)) {
    if (isLiteral(p.start)) continue;
    const whole = text.slice(p.start, p.end);
    const replacement = resolve(p.kind, p.body, frontMatter);
    if (replacement === undefined) report(leftOut(whole, p.kind, placeOf(lineStarts, p.start), file));
    out += text.slice(last, p.start) + (replacement ?? '') + '\n'.repeat(Math.max(0, newlines(whole) - newlines(replacement ?? '')));
    last = p.end;
    changed = true;
  }
  return changed ? out + text.slice(last) : undefined;
}

/** What a piece of site syntax stands for in Markdown, or undefined when it cannot be printed. */
function resolve(kind: 'hugo' | 'liquid' | 'variable', body: string, frontMatter: Readonly<Record<string, unknown>>): string | undefined {
  const [name = '', ...rest] = body.split(/\s+/);
  const args = attributes(rest.join(' '));
  const positional = rest.map(unquote);
  if (kind === 'hugo') {
    switch (name) {
      case 'figure': {
        const src = args.src;
        if (!src) return undefined;
        const caption = args.caption ?? args.title;
        const alt = args.alt ?? caption ?? '';
        return `![${escapeBrackets(alt)}](<${src}>${caption ? ` "${caption.replace(/"/g, '\\"')}"` : ''})`;
      }
      case 'youtube':
      case 'vimeo': {
        const id = args.id ?? positional[0];
        if (!id) return undefined;
        const url = name === 'youtube' ? `https://www.youtube.com/watch?v=${id}` : `https://vimeo.com/${id}`;
        return `[Video: ${url}](${url})`;
      }
      case 'ref':
      case 'relref':
        return positional[0] || undefined;
      case 'param': {
        const v = frontMatter[positional[0] ?? ''];
        return typeof v === 'string' || typeof v === 'number' ? String(v) : undefined;
      }
      default:
        return undefined;
    }
  }
  if (kind === 'liquid') {
    if (name === 'link' && positional[0]) return positional[0];
    // `{% post_url 2010-07-21-name %}`: the post's file, an article of the edition if it is one.
    if (name === 'post_url' && positional[0]) return `${positional[0]}.md`;
  }
  return undefined;
}

/** `key="value"` and `key=value` pairs. */
function attributes(s: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of s.matchAll(/([A-Za-z_][\w-]*)\s*=\s*(?:"([^"]*)"|'([^']*)'|(\S+))/g)) out[m[1]] = m[2] ?? m[3] ?? m[4];
  return out;
}

const unquote = (s: string) => s.replace(/^["']|["']$/g, '');
const escapeBrackets = (s: string) => s.replace(/[[\]\\]/g, '\\$&');
const newlines = (s: string) => s.split('\n').length - 1;

function leftOut(whole: string, kind: 'hugo' | 'liquid' | 'variable', at: { line: number; column: number }, file: string): Diagnostic {
  const shown = whole.length > 60 ? `${whole.slice(0, 57).replace(/\s+/g, ' ')}…` : whole.replace(/\s+/g, ' ');
  const what = kind === 'hugo' ? 'Hugo shortcode' : kind === 'liquid' ? 'Liquid tag' : 'template variable';
  return warning('markdown/site-syntax', `${what} \`${shown}\` cannot be printed: left out`, { file, ...at }, [
    'it is the website’s template syntax: write what it stands for in Markdown (an image, a link, the text), or remove it',
  ]);
}

/** Offsets [start, end) of the nodes printed as written. */
function literalRanges(tree: Root): [number, number][] {
  const out: [number, number][] = [];
  const walk = (n: { type: string; children?: unknown[]; position?: { start: { offset?: number }; end: { offset?: number } } }) => {
    const s = n.position?.start.offset;
    const e = n.position?.end.offset;
    if (LITERAL.has(n.type) && s !== undefined && e !== undefined) {
      out.push([s, e]);
      return;
    }
    for (const c of n.children ?? []) walk(c as typeof n);
  };
  walk(tree);
  return out;
}

/** Line and column of `offset`, from the offsets where lines start (after the first). */
function placeOf(lineStarts: readonly number[], offset: number): { line: number; column: number } {
  const k = lowerBound(lineStarts, offset + 1);
  return { line: k + 1, column: offset - (k === 0 ? 0 : lineStarts[k - 1]) + 1 };
}

/** The index of the last range starting at or before `at` (ranges sorted and apart). */
function lastAtOrBefore(ranges: readonly [number, number][], at: number): number {
  let lo = 0;
  let hi = ranges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ranges[mid][0] <= at) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}
