// The template syntax of the site an article comes from, met outside code: Hugo shortcodes
// (`{{< figure … >}}`, `{{% param … %}}`), Jekyll's Liquid tags (`{% include … %}`,
// `{% post_url … %}`) and template variables (`{{ page.title }}`). What can be resolved
// becomes Markdown (a figure, a link's address, a front matter value); the rest is a warning
// at its place and is left out, rather than printed as markup. Jekyll's `{% include x.html
// key="value" %}` puts in `_includes/x.html` (Markdown or plain HTML, found from the article's
// folder up to the edition folder) with `{{ include.key }}` filled in, includes inside it too
// (MAX_INCLUDE_DEPTH deep, never in a cycle); the tree parsed from the result is moved back to
// the article's own lines (source-map.ts), where the included text takes its tag's place.
// Jekyll's blocks: `{% highlight ruby %}` … `{% endhighlight %}` is a fenced code block,
// `{% raw %}` … `{% endraw %}` prints what it holds as written, a `{% comment %}` prints
// nothing, and a `{% for %}` loop over the site's data goes with what it repeats (one
// warning); `{{ "/path" | relative_url }}` is the site's path.
import type { Root } from 'mdast';
import path from 'node:path';
import { type Diagnostic, warning } from '../diagnostics/diagnostic.js';
import type { World } from '../world.js';
import { parseSyntax } from './parse.js';
import { sourceOffsets, type Run } from './source-map.js';

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
/** In an included file, only code: its raw HTML is where `{{ include.x }}` is filled in. */
const LITERAL_IN_INCLUDE = new Set(['code', 'inlineCode']);

/** The text with its site syntax replaced, and where each of its characters comes from in the article. */
export interface Rewritten {
  text: string;
  /** The article's offset of an offset of `text` (text put in for a piece: the piece's start). */
  toSource: (offset: number) => number;
}

/**
 * `text` with its site syntax replaced (by Markdown, or by nothing, each left-out piece
 * reported), or undefined when it has none outside code; `includes` holds the files its
 * include tags name, read beforehand. Line breaks are kept, so the lines of what follows do
 * not move; an included file adds lines, and the tree parsed from the text is moved back to
 * the article's own places with `toSource` (source-map.ts `moveToSource`).
 */
export function rewriteSite(
  text: string,
  tree: Root,
  file: string,
  frontMatter: Readonly<Record<string, unknown>>,
  report: (d: Diagnostic) => void,
  includes?: Includes,
): Rewritten | undefined {
  if (!/\{\{|\{%/.test(text)) return undefined;
  const literal = literalRanges(tree, LITERAL);
  const lineStarts = positions(text, '\n').map((n) => n + 1);
  const budget: Budget = { left: includes?.maxChars ?? 0, puts: 0, read: new Map() };
  let out = '';
  let last = 0;
  const runs: Run[] = [{ from: 0, source: 0 }];
  const all = pieces(text);
  const closings = blockEnds(all, literalRanges(tree, CODE));
  /** The closing tag of the block open (`{% endraw %}`, `{% endhighlight %}`): what it becomes. */
  let open: { at: number; replacement: string } | undefined;
  for (let i = 0; i < all.length; i++) {
    let p = all[i];
    if (open) {
      // Inside `{% raw %}` or a highlight block the text is printed as it is, Liquid and all.
      if (i < open.at) continue;
    } else if (isIn(literal, p.start)) continue;
    const at = placeOf(lineStarts, p.start);
    let replacement: string | undefined;
    if (open) {
      replacement = open.replacement;
      open = undefined;
    } else {
      const block = p.kind === 'liquid' ? /^(raw|comment|highlight|for|tablerow)\b\s*(\S*)/.exec(p.body) : null;
      const close = block ? closings.get(i) : undefined;
      if (block && close !== undefined && (block[1] === 'for' || block[1] === 'tablerow')) {
        // A loop over the site's data (its posts, its pages) is made when the site is built:
        // what it repeats goes with it, one warning at its opening tag.
        report(leftOut(text.slice(p.start, p.end), p.kind, at, file));
        p = { ...p, end: all[close].end };
        i = close;
        replacement = '';
      } else if (block && close !== undefined && block[1] === 'comment') {
        // A comment prints nothing: the tags and all between them go.
        p = { ...p, end: all[close].end };
        i = close;
        replacement = '';
      } else if (block && close !== undefined) {
        // `{% raw %}` stands for nothing; `{% highlight ruby %}` … `{% endhighlight %}` is a code block.
        const fence = block[1] === 'highlight' ? fenceFor(text.slice(p.end, all[close].start)) : '';
        replacement = fence && `${fence}${block[2].replace(/[^\w+#.-]/g, '')}`;
        open = { at: close, replacement: fence };
      } else if (p.kind === 'liquid' && includeRef(p.body) && includes) {
        replacement = include(p.body, {
          includes,
          frontMatter,
          report,
          file,
          at,
          tag: text.slice(p.start, p.end),
          chain: [],
          dir: posixDir(file),
          params: {},
          budget,
        });
      } else {
        replacement = resolve(p.kind, p.body, frontMatter);
        if (replacement === undefined) report(leftOut(text.slice(p.start, p.end), p.kind, at, file));
      }
    }
    const whole = text.slice(p.start, p.end);
    out += text.slice(last, p.start);
    runs.push({ from: out.length, source: p.start, put: true });
    out += (replacement ?? '') + '\n'.repeat(Math.max(0, newlines(whole) - newlines(replacement ?? '')));
    runs.push({ from: out.length, source: p.end });
    last = p.end;
  }
  if (runs.length === 1) return undefined;
  return { text: out + text.slice(last), toSource: sourceOffsets(runs) };
}

/** Code, where a closing tag is the author's example and closes nothing. */
const CODE = new Set(['code', 'inlineCode']);

/**
 * For each opening tag of a Liquid block (`raw`, `comment`, `highlight`, `for`, `tablerow`),
 * the index of the piece that closes it: the first `end…` after it, or for a loop the one that
 * matches it (loops nest). One pass, with a stack per kind of block; tags inside code
 * (`code`: offsets) are the author's examples and open or close nothing.
 */
function blockEnds(all: readonly Piece[], code: readonly [number, number][]): Map<number, number> {
  const out = new Map<number, number>();
  const open = new Map<string, number[]>();
  all.forEach((p, i) => {
    const m = p.kind === 'liquid' ? /^(end)?(raw|comment|highlight|for|tablerow)\b/.exec(p.body) : null;
    if (!m || isIn(code, p.start)) return;
    const kind = m[2];
    let stack = open.get(kind);
    if (!stack) open.set(kind, (stack = []));
    if (!m[1]) stack.push(i);
    else if (stack.length) {
      if (kind === 'for' || kind === 'tablerow') out.set(stack.pop()!, i);
      else {
        // Raw text, comments and highlighted code do not nest: the first closing ends every one open.
        for (const o of stack) out.set(o, i);
        stack.length = 0;
      }
    }
  });
  return out;
}

/** A code fence longer than any run of backticks in `code`. */
function fenceFor(code: string): string {
  let longest = 0;
  for (const m of code.matchAll(/`+/g)) longest = Math.max(longest, m[0].length);
  return '`'.repeat(Math.max(3, longest + 1));
}

const isIn = (ranges: readonly [number, number][], at: number) => {
  const r = ranges[lastAtOrBefore(ranges, at)];
  return r !== undefined && at >= r[0] && at < r[1];
};

// ---- Jekyll's include -------------------------------------------------------------------

/** An included file as read: its text and its path in the edition, or why it was not read. */
export type IncludeFile = { text: string; file: string } | { problem: string };

/** The files an article's include tags name, read before the rewrite (reading is asynchronous, the rewrite is not). */
export interface Includes {
  /** By `includeKey`. */
  files: ReadonlyMap<string, IncludeFile>;
  /** The most characters the included files may add to the article, all together. */
  maxChars: number;
}

/**
 * Reads an included file: `{% include name %}` from an `_includes` folder, or with
 * `relativeTo` (`{% include_relative name %}`) from that folder of the edition.
 */
export type IncludeReader = (name: string, relativeTo?: string) => Promise<IncludeFile>;

/** How deep includes may nest: the article's include, and three more inside it. */
export const MAX_INCLUDE_DEPTH = 4;
/** The most include files one article reads (a hostile one could name thousands). */
const MAX_INCLUDE_FILES = 64;
/** Files an include may name: Markdown, HTML or plain text. */
const INCLUDABLE = /\.(md|markdown|mdown|mkd|html?|txt)$/i;
const HTML_FILE = /\.html?$/i;
/** Liquid that decides what prints (conditions, loops, assignments): an include using it is not simple. */
const CONTROL =
  /\{%-?\s*(if|elsif|else|endif|unless|endunless|for|endfor|break|continue|case|when|endcase|capture|endcapture|assign|increment|decrement|cycle|tablerow|endtablerow|raw|endraw|comment|endcomment|liquid|render)\b/;
/** Filters that leave a value as it is for print (`markdownify`: the value is Markdown already). */
const PLAIN_FILTERS = new Set(['markdownify', 'strip', 'escape', 'escape_once', 'xml_escape', 'smartify']);

/** The tag and the file an include names, with its parameters (`key="value"`), or undefined for another tag. */
function includeRef(body: string): { relative: boolean; name: string; params: string } | undefined {
  const m = /^(include|include_relative)\s+("[^"]*"|'[^']*'|\S+)\s*([\s\S]*)$/.exec(body);
  return m ? { relative: m[1] === 'include_relative', name: unquote(m[2]), params: m[3] } : undefined;
}

/** The key of a file in `Includes.files`. */
export function includeKey(name: string, relativeTo?: string): string {
  return relativeTo === undefined ? name : `${relativeTo}\0${name}`;
}

/**
 * Every file the include tags of `text` name, and those their files name in turn (to
 * MAX_INCLUDE_DEPTH), read with `read`; `file` is the article's path in the edition. Tags
 * inside code are read too (they cost a look-up, and the rewrite leaves them).
 */
export async function readIncludes(text: string, file: string, read: IncludeReader, maxChars: number): Promise<Includes | undefined> {
  if (!/\{%-?\s*include/.test(text)) return undefined;
  const files = new Map<string, IncludeFile>();
  let level: { text: string; dir: string }[] = [{ text, dir: posixDir(file) }];
  for (let depth = 0; depth < MAX_INCLUDE_DEPTH && level.length; depth++) {
    const next: { text: string; dir: string }[] = [];
    for (const t of level) {
      for (const p of pieces(t.text)) {
        const ref = p.kind === 'liquid' ? includeRef(p.body) : undefined;
        if (!ref || files.size >= MAX_INCLUDE_FILES) continue;
        const relativeTo = ref.relative ? t.dir : undefined;
        const key = includeKey(ref.name, relativeTo);
        if (files.has(key)) continue;
        const f = await read(ref.name, relativeTo);
        files.set(key, f);
        if ('text' in f) next.push({ text: f.text, dir: posixDir(f.file) });
      }
    }
    level = next;
  }
  return { files, maxChars };
}

/** Where an include is being put in, for its messages (all at the article's tag) and the tags inside it. */
interface IncludeScope {
  includes: Includes;
  frontMatter: Readonly<Record<string, unknown>>;
  report: (d: Diagnostic) => void;
  /** The article, and the place and text of its tag that brought this file in. */
  file: string;
  at: { line: number; column: number };
  tag: string;
  /** Keys of the files being put in, outermost first (a file already there is a cycle). */
  chain: string[];
  /** Folder of the file the tag is in (for include_relative). */
  dir: string;
  /** The parameters of the tag that brought this file in (`{{ include.x }}`). */
  params: Readonly<Record<string, string | undefined>>;
  budget: Budget;
}

/** What the includes of one article may still do, and what they found once. */
interface Budget {
  /** Characters they may still add. */
  left: number;
  /** Files put in so far (one file put in twice counts twice). */
  puts: number;
  /** Each file as read once, by key: its text without comments and assignments, their values, its code (where tags are examples). */
  read: Map<string, { text: string; values: ReadonlyMap<string, string>; literal: [number, number][] }>;
}

/** The most times files are put in one article (a file may include another many times over). */
const MAX_PUTS = 500;

/**
 * The text an include tag stands for: its file with `{{ include.x }}` filled in from the tag's
 * parameters and the include tags inside put in too; '' when it cannot be (said at the
 * article's tag: no such file, not Markdown or HTML, not simple, a cycle, too deep).
 */
function include(body: string, scope: IncludeScope): string {
  const ref = includeRef(body)!;
  // The tag as the article has it, and why the file it brings in cannot be put in.
  const notPut = (why: string) => {
    const inner = scope.chain.length ? ` (through \`${clipTag(`{% include ${ref.name} %}`)}\`)` : '';
    scope.report(
      warning('markdown/site-syntax', `Liquid tag \`${clipTag(scope.tag)}\`${inner} cannot be printed: left out`, { file: scope.file, ...scope.at }, [
        why,
        INCLUDE_HINT,
      ]),
    );
    return '';
  };
  const key = includeKey(ref.name, ref.relative ? scope.dir : undefined);
  const f = scope.includes.files.get(key);
  if (!f) return notPut(`\`${ref.name}\` was not read: an article reads at most ${MAX_INCLUDE_FILES} include files`);
  if ('problem' in f) return notPut(f.problem);
  if (scope.budget.left <= 0 || scope.budget.puts >= MAX_PUTS) return notPut('the included text is more than an article may hold');
  if (scope.chain.includes(key)) {
    return notPut(`\`${f.file}\` leads back to itself: ${[...scope.chain, key].map((k) => k.split('\0').pop()).join(' → ')}`);
  }
  if (scope.chain.length >= MAX_INCLUDE_DEPTH) return notPut(`includes nest more than ${MAX_INCLUDE_DEPTH} deep at \`${f.file}\``);
  let read = scope.budget.read.get(key);
  if (!read) {
    const plain = plainLiquid(f.text);
    const literal = HTML_FILE.test(f.file) ? [] : literalRanges(parseSyntax(plain.text), LITERAL_IN_INCLUDE);
    scope.budget.read.set(key, (read = { ...plain, literal }));
  }
  const { text, values, literal } = read;
  if (CONTROL.test(text))
    return notPut(`\`${f.file}\` decides what it prints with Liquid (\`{% if %}\`, \`{% for %}\`…): only plain text and \`{{ include.x }}\` can be put in`);
  scope.budget.puts++;
  const params = includeParams(ref.params, scope.params);
  const inner: IncludeScope = { ...scope, chain: [...scope.chain, key], dir: posixDir(f.file), params };
  const html = HTML_FILE.test(f.file);
  let out = '';
  let last = 0;
  for (const p of pieces(text)) {
    if (isIn(literal, p.start)) continue;
    let replacement: string | undefined;
    if (p.kind === 'liquid' && includeRef(p.body)) replacement = include(p.body, inner);
    else if (p.kind === 'variable' && /^include\./.test(p.body)) replacement = includeVariable(p.body, params);
    else if (p.kind === 'variable' && values.has(p.body)) replacement = values.get(p.body);
    else replacement = resolve(p.kind, p.body, scope.frontMatter);
    if (replacement === undefined) scope.report(leftOut(text.slice(p.start, p.end), p.kind, scope.at, scope.file, f.file));
    out += text.slice(last, p.start) + (replacement ?? '');
    last = p.end;
  }
  out += text.slice(last);
  // An HTML file is one HTML block, as the site's Markdown reader takes it: a blank line would end it.
  out = (html ? out.replace(/\n[ \t]*(?=\n)/g, '') : out).replace(/^\uFEFF/, '').replace(/\s+$/, '');
  if (out.length > scope.budget.left) return notPut('the included text is more than an article may hold');
  scope.budget.left -= out.length;
  return out;
}

/**
 * The Liquid of an include that means the same wherever it is put in: `{% comment %}` … `{%
 * endcomment %}` goes, and `{% assign name = "text" %}` gives `{{ name }}` its value (Jekyll's
 * shared link definitions use both).
 */
function plainLiquid(text: string): { text: string; values: Map<string, string> } {
  const values = new Map<string, string>();
  const plain = text
    .replace(/\{%-?\s*comment\s*-?%\}[\s\S]*?\{%-?\s*endcomment\s*-?%\}[ \t]*\n?/g, '')
    .replace(/\{%-?\s*assign\s+(\w+)\s*=\s*(?:"([^"]*)"|'([^']*)')\s*-?%\}[ \t]*\n?/g, (_m, name: string, d?: string, q?: string) => {
      values.set(name, d ?? q ?? '');
      return '';
    });
  return { text: plain, values };
}

const INCLUDE_HINT =
  'an include is put in from `_includes/` of the edition folder (or of the article’s folder or one above it) when it is Markdown or plain HTML; else write what it stands for in the article';

/** A tag's parameters: quoted values as written, `include.x` from the including file's own, anything else unknown. */
function includeParams(s: string, outer: Readonly<Record<string, string | undefined>>): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const m of s.matchAll(/([A-Za-z_][\w-]*)\s*=\s*(?:"([^"]*)"|'([^']*)'|(\S+))/g)) {
    const bare = m[4];
    out[m[1]] =
      bare === undefined ? (m[2] ?? m[3]) : /^include\./.test(bare) ? outer[bare.slice(8)] : /^(-?\d+(\.\d+)?|true|false)$/.test(bare) ? bare : undefined;
  }
  return out;
}

/** `{{ include.x }}` (with `| default: "…"` and filters that change nothing for print), or undefined. */
function includeVariable(body: string, params: Readonly<Record<string, string | undefined>>): string | undefined {
  const [expr, ...filters] = body.split('|').map((f) => f.trim());
  let value = params[expr.slice('include.'.length)];
  for (const f of filters) {
    const m = /^([\w-]+)\s*(?::\s*(?:"([^"]*)"|'([^']*)'|(\S+)))?$/.exec(f);
    if (m?.[1] === 'default') {
      if (!value) value = m[2] ?? m[3] ?? (m[4] && /^include\./.test(m[4]) ? params[m[4].slice(8)] : m[4]);
    } else if (!m || !PLAIN_FILTERS.has(m[1])) return undefined;
  }
  return value;
}

/**
 * Reads include files from the edition at `dir`, for the article `file`: `{% include x %}`
 * from `_includes/x` of the article's folder or of a folder above it, up to the edition
 * folder (the nearest first: an edition may hold several sites' articles); `{% include_relative
 * x %}` from the folder of the file it is in. Only inside the edition, and at most `maxBytes`.
 */
export function includeReader(world: World, dir: string, file: string, maxBytes: number): IncludeReader {
  return async (name, relativeTo) => {
    if (!/^[\w/.\-()+~#@ ]+$/.test(name) || name.startsWith('/') || name.split('/').includes('..')) {
      return { problem: `\`${clipTag(name)}\` is not a file name an include may use` };
    }
    const folders = relativeTo !== undefined ? [relativeTo] : foldersUp(posixDir(file)).map((d) => path.posix.join(d, '_includes'));
    for (const folder of folders) {
      const rel = path.posix.join(folder, name);
      const r = await world.readInside(dir, rel, maxBytes);
      if (!r.ok && r.reason === 'not-found') continue;
      if (!r.ok)
        return {
          problem: `\`${rel}\` cannot be read (${r.reason === 'too-large' ? 'too large' : r.reason === 'outside' ? 'it leads outside the edition folder' : 'not a file'})`,
        };
      if (!INCLUDABLE.test(name)) return { problem: `\`${rel}\` is not Markdown or HTML` };
      return { text: r.data.toString('utf8'), file: rel };
    }
    return {
      problem:
        relativeTo !== undefined
          ? `there is no \`${path.posix.join(relativeTo, name)}\``
          : `there is no \`_includes/${name}\` in the article's folder or a folder above it in the edition`,
    };
  };
}

/** `a/b/c` → `a/b/c`, `a/b`, `a`, `` (the edition folder). */
function foldersUp(dir: string): string[] {
  const out: string[] = [];
  for (let d = dir; ; d = posixDir(d)) {
    out.push(d);
    if (d === '') return out;
  }
}

/** The folder of a path relative to the edition ('' for the edition folder itself). */
function posixDir(p: string): string {
  const d = path.posix.dirname(p);
  return d === '.' || d === '/' ? '' : d;
}

const clipTag = (s: string) => (s.length > 60 ? `${s.slice(0, 57).replace(/\s+/g, ' ')}…` : s.replace(/\s+/g, ' '));

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
  if (kind === 'variable') {
    // `{{ "/docs/x" | relative_url }}`: the site's own path (a link to it leads to the site with `site:`).
    const url = /^(["'])([^"']*)\1\s*\|\s*(?:relative_url|absolute_url)$/.exec(body);
    if (url) return url[2];
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

function leftOut(whole: string, kind: 'hugo' | 'liquid' | 'variable', at: { line: number; column: number }, file: string, included?: string): Diagnostic {
  const shown = clipTag(whole);
  const what = kind === 'hugo' ? 'Hugo shortcode' : kind === 'liquid' ? 'Liquid tag' : 'template variable';
  const where = included ? ` in the included \`${included}\`` : '';
  return warning('markdown/site-syntax', `${what} \`${shown}\`${where} cannot be printed: left out`, { file, ...at }, [
    'it is the website’s template syntax: write what it stands for in Markdown (an image, a link, the text), or remove it',
  ]);
}

/** Offsets [start, end) of the nodes printed as written (of the types in `literal`). */
function literalRanges(tree: Root, literal: ReadonlySet<string>): [number, number][] {
  const out: [number, number][] = [];
  const walk = (n: { type: string; children?: unknown[]; position?: { start: { offset?: number }; end: { offset?: number } } }) => {
    const s = n.position?.start.offset;
    const e = n.position?.end.offset;
    if (literal.has(n.type) && s !== undefined && e !== undefined) {
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
