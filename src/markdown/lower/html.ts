// The raw-HTML policy (README.md, "Raw HTML"). An article may carry HTML; only a safe list
// reaches the outputs, each element mapped onto the document model:
//   em i cite dfn var → emphasis     strong b → strong     del s strike → strike
//   code kbd samp tt  → code         a href (web or mail) → link      q → quotation marks
//   br → line break                  sup sub small mark abbr span u ins bdi time → kept
//                                    around their content in the EPUB (HtmlWrap), plain in print
// and, in HTML blocks, p div (paragraphs), h1–h6 (headings), blockquote, pre (code), hr,
// and a quote's footer (its attribution). kramdown's `markdown="1"` elements never get here:
// their content is read as Markdown (markdown-in-html.ts).
// Comments vanish silently. Everything else is dropped with a `markdown/raw-html` warning at
// its place: the tag goes, the text inside it stays, except inside script, style, iframe,
// object and the like, which go with their content. No attribute outside the safe list
// survives (never an event handler or a `style`), and no element that loads anything.
import type { Html, PhrasingContent, RootContent } from 'mdast';
import { Parser } from 'htmlparser2';
import type { Block, EmphasisTag, HtmlWrap, Inline, Position, WrapTag } from '../../model/types.js';
import { inlineText } from '../../model/inline-text.js';
import { keepsLink } from '../../model/links.js';
import { quotesFor } from '../../i18n/quotes.js';
import { error, type Diagnostic } from '../../diagnostics/diagnostic.js';
import { raiseHint } from '../../limits/limits.js';
import { posOf, warn, type LowerContext } from './context.js';
import { lineAt, lineStarts } from './line-starts.js';

export type HtmlToken =
  | { type: 'open'; name: string; attrs: Record<string, string>; start: number; end: number }
  | { type: 'close'; name: string; start: number; end: number }
  | { type: 'text'; text: string; start: number; end: number }
  /** Comments, processing instructions, declarations, CDATA. */
  | { type: 'comment' | 'other'; start: number; end: number; source: string };

/** Tokens of an HTML fragment; closing tags HTML would imply are not invented. */
export function tokenizeHtml(source: string): HtmlToken[] {
  const tokens: HtmlToken[] = [];
  // htmlparser2 reports where each token starts and ends through the parser's own indices.
  const parser: Parser = new Parser(
    {
      onopentag(name, attrs, implied) {
        if (!implied) tokens.push({ type: 'open', name, attrs: { ...attrs }, start: parser.startIndex, end: parser.endIndex + 1 });
      },
      onclosetag(name, implied) {
        if (!implied) tokens.push({ type: 'close', name, start: parser.startIndex, end: parser.endIndex + 1 });
      },
      ontext(text) {
        const last = tokens[tokens.length - 1];
        if (last?.type === 'text' && last.end >= parser.startIndex) {
          last.text += text;
          last.end = parser.endIndex + 1;
        } else tokens.push({ type: 'text', text, start: parser.startIndex, end: parser.endIndex + 1 });
      },
      oncomment() {
        tokens.push({ type: 'comment', start: parser.startIndex, end: parser.endIndex + 1, source: source.slice(parser.startIndex, parser.endIndex + 1) });
      },
      onprocessinginstruction() {
        tokens.push({ type: 'other', start: parser.startIndex, end: parser.endIndex + 1, source: source.slice(parser.startIndex, parser.endIndex + 1) });
      },
      oncdatastart() {
        tokens.push({ type: 'other', start: parser.startIndex, end: parser.endIndex + 1, source: source.slice(parser.startIndex, parser.endIndex + 1) });
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true, recognizeCDATA: true },
  );
  parser.write(source);
  parser.end();
  // `<br/>` and void elements come as an open and a close at the same place: keep the open.
  return tokens.filter((t, i) => !(t.type === 'close' && tokens[i - 1]?.type === 'open' && tokens[i - 1].start === t.start));
}

// ---- the safe list --------------------------------------------------------------------

const EMPHASIS: Record<string, EmphasisTag | undefined> = { em: undefined, i: 'i', cite: 'cite', dfn: 'dfn', var: 'var' };
const CODE: Record<string, 'kbd' | 'samp' | undefined> = { code: undefined, tt: undefined, kbd: 'kbd', samp: 'samp' };
const WRAP = new Set<WrapTag>(['sup', 'sub', 'small', 'mark', 'abbr', 'span', 'u', 'ins', 'bdi', 'time']);
const PAIRED = new Set(['em', 'i', 'cite', 'dfn', 'var', 'strong', 'b', 'del', 's', 'strike', 'code', 'tt', 'kbd', 'samp', 'a', 'q', ...WRAP]);

/** Gone with everything inside them: they run, load or hide things. */
const DROP_WITH_CONTENT = new Set([
  'script',
  'style',
  'template',
  'iframe',
  'object',
  'noembed',
  'noframes',
  'frameset',
  'frame',
  'svg',
  'math',
  'head',
  'title',
  'select',
  'canvas',
  'audio',
  'video',
]);

/** Block elements of HTML blocks that map onto paragraphs (their attributes are dropped). */
const PARAGRAPH = new Set(['p', 'div']);
/** Other block elements: the tag is dropped with a warning, its text becomes paragraphs. */
const BOUNDARY = new Set([
  'address',
  'article',
  'aside',
  'body',
  'caption',
  'center',
  'dd',
  'details',
  'dialog',
  'dir',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'header',
  'html',
  'legend',
  'li',
  'main',
  'menu',
  'nav',
  'ol',
  'optgroup',
  'option',
  'section',
  'summary',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'tr',
  'ul',
  'textarea',
  'search',
  'hgroup',
  'listing',
  'plaintext',
  'xmp',
]);

const LANG = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

/** The attributes a safe element keeps, and the names of those it loses. */
function safeAttributes(tag: string, attrs: Record<string, string>): { keep: Record<string, string>; dropped: string[] } {
  const keep: Record<string, string> = {};
  const dropped: string[] = [];
  for (const [name, value] of Object.entries(attrs)) {
    if (tag === 'a' && (name === 'href' || name === 'title')) continue; // the link kind takes the address
    if (WRAP.has(tag as WrapTag) && name === 'title') keep.title = value;
    else if (WRAP.has(tag as WrapTag) && name === 'lang' && LANG.test(value)) keep.lang = value;
    else if (WRAP.has(tag as WrapTag) && name === 'dir' && /^(ltr|rtl|auto)$/.test(value)) keep.dir = value;
    else if (tag === 'time' && name === 'datetime') keep.datetime = value;
    else dropped.push(name);
  }
  return { keep, dropped };
}

// ---- inline HTML ------------------------------------------------------------------------

/** One mdast `html` node of phrasing content, read as the single token CommonMark made it. */
function tokenOf(node: Html): HtmlToken {
  // A closing tag alone: the HTML parser drops one it has seen no opening tag for.
  const close = /^<\/([A-Za-z][A-Za-z0-9-]*)\s*>$/.exec(node.value.trim());
  if (close) return { type: 'close', name: close[1].toLowerCase(), start: 0, end: node.value.length };
  const tokens = tokenizeHtml(node.value);
  const meaningful = tokens.filter((t) => t.type !== 'text' || t.text.trim());
  if (meaningful.length === 1) return meaningful[0];
  if (tokens[0]?.type === 'comment') return tokens[0];
  return { type: 'other', start: 0, end: node.value.length, source: node.value };
}

/**
 * Lower a run of phrasing content that holds raw HTML: pairs each safe opening tag with its
 * closing tag among the same siblings and maps the element onto the model. `lowerOne`
 * lowers a node that is not HTML; `finish` tidies an element's lowered content (merges text).
 *
 * One pass over the siblings, with the elements open at each point on a stack: however deep
 * the HTML nests, no recursion and no sibling is read twice. Elements nested past the
 * nesting limit lose their tags (their text stays) and the article is refused with a
 * `limit/nesting` error, as for Markdown nested past it.
 */
export function lowerWithHtml(
  nodes: readonly PhrasingContent[],
  ctx: LowerContext,
  lowerOne: (node: PhrasingContent) => Inline[],
  finish: (content: Inline[]) => Inline[],
): Inline[] {
  const tokens = nodes.map((n) => (n.type === 'html' ? tokenOf(n) : undefined));
  const closes = matchCloses(tokens);
  type Open = { name: string; attrs: Record<string, string>; node: Html; end: number; out: Inline[]; verbatim: boolean | undefined };
  const root: Open = { name: '', attrs: {}, node: nodes[0] as Html, end: nodes.length, out: [], verbatim: ctx.verbatim };
  const stack: Open[] = [root];
  /** Closing tags of elements dropped past the nesting limit: they go silently. */
  const ignored = new Set<number>();
  let tooDeep = false;
  for (let i = 0; i < nodes.length; i++) {
    // The element whose closing tag this is ends here.
    while (stack.length > 1 && stack[stack.length - 1].end === i) {
      const done = stack.pop()!;
      ctx.verbatim = done.verbatim;
      pushAll(stack[stack.length - 1].out, safeElement(done.name, done.attrs, finish(done.out), done.node, ctx));
      i++;
    }
    if (i >= nodes.length) break;
    const top = stack[stack.length - 1];
    const out = top.out;
    const node = nodes[i];
    const tok = tokens[i];
    if (node.type !== 'html' || !tok) {
      pushAll(out, lowerOne(node));
      continue;
    }
    switch (tok.type) {
      case 'comment':
        continue;
      case 'text':
        out.push({ kind: 'text', text: tok.text, pos: at(ctx, node) });
        continue;
      case 'other':
        warn(ctx, 'markdown/raw-html', `raw HTML \`${clip(tok.source)}\` is dropped`, node, HINT);
        continue;
      case 'close':
        if (ignored.has(i)) continue;
        if (!PAIRED.has(tok.name) && !DROP_WITH_CONTENT.has(tok.name) && tok.name !== 'br') {
          warn(ctx, 'markdown/raw-html', `raw HTML \`</${tok.name}>\` is dropped`, node, HINT);
        } else if (tok.name === 'br') out.push({ kind: 'line-break', pos: at(ctx, node) });
        else warn(ctx, 'markdown/raw-html', `closing tag \`</${tok.name}>\` without its opening tag is dropped`, node, HINT);
        continue;
      case 'open':
        break;
    }
    const name = tok.name;
    if (name === 'br') {
      dropAttributes(ctx, name, tok.attrs, node);
      out.push({ kind: 'line-break', pos: at(ctx, node) });
      continue;
    }
    if (name === 'wbr') continue;
    // Closed among these siblings, inside the element open here (else it is never closed).
    const close = closes[i] >= 0 && closes[i] < top.end ? closes[i] : -1;
    if (DROP_WITH_CONTENT.has(name)) {
      warn(ctx, 'markdown/raw-html', `raw HTML \`<${name}>\` is dropped with its content`, node, HINT);
      if (close > i) i = close;
      continue;
    }
    if (!PAIRED.has(name)) {
      warn(ctx, 'markdown/raw-html', `raw HTML \`<${name}>\` is not on the safe list and is dropped`, node, HINT);
      continue;
    }
    if (close < 0) {
      warn(ctx, 'markdown/raw-html', `\`<${name}>\` is never closed and is dropped`, node, `close it with </${name}> in the same paragraph`);
      continue;
    }
    if (stack.length > ctx.nesting) {
      // Past the limit the tags go and the text stays; one error says where it started.
      if (!tooDeep) ctx.reporter.report(htmlTooDeep(ctx, node, stack.length, `<${name}>`));
      tooDeep = true;
      ignored.add(close);
      continue;
    }
    stack.push({ name, attrs: tok.attrs, node, end: close, out: [], verbatim: ctx.verbatim });
    // Code is lowered as written: French spacing inside `<code>a : b</code>` would change the code.
    if (name in CODE) ctx.verbatim = true;
  }
  // Every element on the stack closes before the end of the siblings: nothing is left open.
  while (stack.length > 1) {
    const done = stack.pop()!;
    ctx.verbatim = done.verbatim;
    pushAll(stack[stack.length - 1].out, safeElement(done.name, done.attrs, finish(done.out), done.node, ctx));
  }
  return root.out;
}

/** `out.push(...items)` without spreading a long list onto the call stack. */
function pushAll<T>(out: T[], items: readonly T[]): void {
  for (const item of items) out.push(item);
}

/**
 * For each opening tag, the index of the closing tag that ends it (the first closing tag of
 * its name that is not taken by a nested one of the same name), or -1; in one pass.
 */
function matchCloses(tokens: readonly (HtmlToken | undefined)[]): number[] {
  const closes = new Array<number>(tokens.length).fill(-1);
  const open = new Map<string, number[]>();
  tokens.forEach((t, i) => {
    if (t?.type === 'open') {
      let list = open.get(t.name);
      if (!list) open.set(t.name, (list = []));
      list.push(i);
    } else if (t?.type === 'close') {
      const list = open.get(t.name);
      if (list?.length) closes[list.pop()!] = i;
    }
  });
  return closes;
}

/** Raw HTML nested past the nesting limit: the error, at the first element past it. */
function htmlTooDeep(ctx: LowerContext, node: Html, depth: number, tag: string): Diagnostic {
  const p = posOf(ctx, node);
  return error(
    'limit/nesting',
    `raw HTML nested ${depth} deep (\`${tag}\` inside ${depth - 1} elements), over the limit of ${ctx.nesting}: the tags past it are dropped`,
    p,
    [raiseHint('nesting')],
  );
}

/** A safe element with its lowered content, as model nodes. */
function safeElement(name: string, attrs: Record<string, string>, inner: Inline[], node: Html, ctx: LowerContext): Inline[] {
  const pos = at(ctx, node);
  const { keep } = dropAttributes(ctx, name, attrs, node);
  if (name in EMPHASIS) {
    const tag = EMPHASIS[name];
    return [{ kind: 'emphasis', children: inner, pos, ...(tag ? { tag } : {}) }];
  }
  if (name === 'strong' || name === 'b') return [{ kind: 'strong', children: inner, pos, ...(name === 'b' ? { tag: 'b' as const } : {}) }];
  if (name === 'del' || name === 's' || name === 'strike') return [{ kind: 'strike', children: inner, pos, ...(name === 's' ? { tag: 's' as const } : {}) }];
  if (name in CODE) {
    const tag = CODE[name];
    return [{ kind: 'code', text: inlineText(inner), pos, ...(tag ? { tag } : {}) }];
  }
  if (name === 'q') {
    const q = quotesFor(ctx.lang, ctx.quotes);
    return [{ kind: 'text', text: q.double[0], pos }, ...inner, { kind: 'text', text: q.double[1], pos }];
  }
  if (name === 'a') {
    const href = (attrs.href ?? '').trim();
    if (keepsLink(href)) return [{ kind: 'link', url: href, children: inner, pos }];
    warn(
      ctx,
      'markdown/raw-html',
      `raw HTML link \`<a${attrs.href !== undefined ? ` href="${clip(attrs.href)}"` : ''}>\` is kept as plain text`,
      node,
      'links may use http:, https: or mailto:',
    );
    return inner;
  }
  const wrap: HtmlWrap = { id: ++ctx.wrapCount, tag: name as WrapTag, attrs: keep };
  return inner.map((n) => ({ ...n, wrap: [wrap, ...(n.wrap ?? [])] }));
}

function dropAttributes(ctx: LowerContext, tag: string, attrs: Record<string, string>, node: Html, offset?: number) {
  const r = safeAttributes(tag, attrs);
  if (r.dropped.length) {
    const names = r.dropped.map((n) => `\`${n}\``).join(', ');
    warnAt(
      ctx,
      `${r.dropped.length === 1 ? 'attribute' : 'attributes'} ${names} of \`<${tag}>\` ${r.dropped.length === 1 ? 'is' : 'are'} dropped`,
      node,
      offset,
      'only title, lang and dir are kept (datetime on <time>)',
    );
  }
  return r;
}

// ---- HTML blocks ------------------------------------------------------------------------

/**
 * An HTML block (CommonMark's raw block: its text is not Markdown) → model blocks. Its text
 * is kept as paragraphs; safe elements are mapped as inline; the rest is dropped with a
 * warning at its place.
 */
export function lowerHtmlBlock(
  node: Html,
  ctx: LowerContext,
  lowerInlines: (nodes: readonly PhrasingContent[]) => Inline[],
  headingId: (text: string) => string,
): Block[] {
  const tokens = tokenizeHtml(node.value);
  const closes = matchCloses(tokens);
  /** Closing tags of block quotes dropped past the nesting limit. */
  const ignored = new Set<number>();
  type Container = { tag: string; blocks: Block[]; pos: Position; attribution?: Inline[] };
  const root: Container = { tag: '', blocks: [], pos: at(ctx, node) };
  const stack: Container[] = [root];
  let run: PhrasingContent[] = [];
  let heading: { level: 2 | 3 | 4; pos: Position } | undefined;
  /** Inside a quote's `<footer>`: its text is the quote's attribution. */
  let footer: Container | undefined;
  const warned = new Set<string>();
  const top = () => stack[stack.length - 1];

  const flush = () => {
    const content = trimInline(lowerInlines(run));
    run = [];
    if (content.length === 0) return;
    if (footer) footer.attribution = [...(footer.attribution ?? []), ...withoutDash(content)];
    else if (heading) top().blocks.push({ kind: 'heading', level: heading.level, content, id: headingId(inlineText(content)), pos: heading.pos });
    else top().blocks.push({ kind: 'paragraph', content, pos: content[0].pos });
  };
  const fakeHtml = (t: HtmlToken): Html => ({ type: 'html', value: node.value.slice(t.start, t.end), position: span(node, t.start, t.end) });
  const once = (key: string, message: string, offset: number, hint = HINT) => {
    if (warned.has(key)) return;
    warned.add(key);
    warnAt(ctx, message, node, offset, hint);
  };

  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    switch (t.type) {
      case 'comment':
        continue;
      case 'other':
        once(`other:${t.start}`, `raw HTML \`${clip(t.source)}\` is dropped`, t.start);
        continue;
      case 'text':
        run.push({ type: 'text', value: t.text.replace(/\s+/g, ' '), position: span(node, t.start, t.end) });
        continue;
    }
    const name = t.name;
    if (t.type === 'open' && DROP_WITH_CONTENT.has(name)) {
      once(`drop:${name}`, `raw HTML \`<${name}>\` is dropped with its content`, t.start);
      const close = closes[i];
      if (close > i) i = close;
      continue;
    }
    if (name === 'pre') {
      if (t.type === 'close') continue;
      flush();
      const close = closes[i];
      const end = close > i ? close : tokens.length;
      const text = tokens
        .slice(i + 1, end)
        .map((x) => (x.type === 'text' ? x.text : ''))
        .join('')
        .replace(/^\n/, '')
        .replace(/\n$/, '');
      dropAttributes(ctx, name, t.attrs, node, t.start);
      if (text.trim()) top().blocks.push({ kind: 'code-block', text, pos: position(ctx, node, t.start) });
      i = end;
      continue;
    }
    if (name === 'hr') {
      if (t.type === 'close') continue;
      flush();
      dropAttributes(ctx, name, t.attrs, node, t.start);
      top().blocks.push({ kind: 'rule', pos: position(ctx, node, t.start) });
      continue;
    }
    if (/^h[1-6]$/.test(name)) {
      flush();
      if (t.type === 'open') {
        dropAttributes(ctx, name, t.attrs, node, t.start);
        heading = { level: Math.min(4, Math.max(2, Number(name[1]))) as 2 | 3 | 4, pos: position(ctx, node, t.start) };
      } else heading = undefined;
      continue;
    }
    if (name === 'blockquote') {
      flush();
      if (t.type === 'open' && stack.length > ctx.nesting) {
        // Past the limit the quote's tags go and its text stays; one error says where.
        if (!warned.has('too-deep')) ctx.reporter.report(htmlTooDeep(ctx, fakeHtml(t), stack.length, '<blockquote>'));
        warned.add('too-deep');
        if (closes[i] >= 0) ignored.add(closes[i]);
      } else if (t.type === 'open') {
        dropAttributes(ctx, name, t.attrs, node, t.start);
        stack.push({ tag: name, blocks: [], pos: position(ctx, node, t.start) });
      } else if (stack.length > 1 && !ignored.has(i)) {
        const q = stack.pop()!;
        if (footer === q) footer = undefined;
        top().blocks.push({ kind: 'blockquote', blocks: q.blocks, ...(q.attribution ? { attribution: q.attribution } : {}), pos: q.pos });
      }
      continue;
    }
    // A quote's `<footer>` (`<footer>— Author</footer>`, HTML's way to credit a quote) is its attribution.
    if (name === 'footer' && stack.length > 1 && (t.type === 'close' ? footer !== undefined : footer === undefined)) {
      flush();
      if (t.type === 'open') {
        dropAttributes(ctx, name, t.attrs, node, t.start);
        footer = top();
      } else footer = undefined;
      continue;
    }
    if (PARAGRAPH.has(name)) {
      flush();
      if (t.type === 'open') dropAttributes(ctx, name, t.attrs, node, t.start);
      continue;
    }
    if (BOUNDARY.has(name)) {
      flush();
      if (t.type === 'open') once(`tag:${name}`, `raw HTML \`<${name}>\` is not on the safe list and is dropped; its text is kept`, t.start);
      continue;
    }
    // Inline elements (safe or not) go through the inline policy with the text around them.
    if (t.type === 'open' && !PAIRED.has(name) && name !== 'br' && name !== 'wbr') {
      once(`tag:${name}`, `raw HTML \`<${name}>\` is not on the safe list and is dropped`, t.start);
      continue;
    }
    if (t.type === 'close' && !PAIRED.has(name)) continue;
    run.push(fakeHtml(t));
  }
  flush();
  while (stack.length > 1) {
    const q = stack.pop()!;
    top().blocks.push({ kind: 'blockquote', blocks: q.blocks, ...(q.attribution ? { attribution: q.attribution } : {}), pos: q.pos });
  }
  return root.blocks;
}

/** The dash that opens a credit (the quote's attribution is set after a dash of its own). */
function withoutDash(content: Inline[]): Inline[] {
  const first = content[0];
  if (first?.kind !== 'text' || !/^\s*[—―–-]\s*/.test(first.text)) return content;
  const text = first.text.replace(/^\s*[—―–-]\s*/, '');
  return text ? [{ ...first, text }, ...content.slice(1)] : content.slice(1);
}

/** A `<footer>` alone in an HTML block, and what it holds. */
const LONE_FOOTER = /^(\s*<footer\b(?:[^>"']|"[^"]*"|'[^']*')*>)([\s\S]*?)(<\/footer\s*>\s*)$/i;

/**
 * The credit of a block quote written as HTML's `<footer>— Author</footer>` at its end (an HTML
 * block inside a Markdown quote, as a kramdown pull quote has it): its inline content without
 * the dash, or undefined when the block is something else.
 */
export function footerCredit(node: Html, ctx: LowerContext, lowerInlines: (nodes: readonly PhrasingContent[]) => Inline[]): Inline[] | undefined {
  const m = LONE_FOOTER.exec(node.value);
  if (!m || /<\/?(footer|p|div|blockquote|h[1-6]|pre|ul|ol|table)\b/i.test(m[2])) return undefined;
  // The tags blanked out, the same length, so the places of the text inside stay where they are.
  const value = ' '.repeat(m[1].length) + m[2] + ' '.repeat(m[3].length);
  const blocks = lowerHtmlBlock({ ...node, value }, ctx, lowerInlines, () => '');
  const only = blocks.length === 1 ? blocks[0] : undefined;
  return only?.kind === 'paragraph' ? withoutDash(only.content) : undefined;
}

/** Leading and trailing spaces of a paragraph made from HTML text go. */
function trimInline(content: Inline[]): Inline[] {
  const out = content.slice();
  while (out.length && out[0].kind === 'text' && !out[0].text.trim()) out.shift();
  while (out.length && out[out.length - 1].kind === 'text' && !(out[out.length - 1] as { text: string }).text.trim()) out.pop();
  if (out[0]?.kind === 'text') out[0] = { ...out[0], text: out[0].text.replace(/^\s+/, '') };
  const last = out[out.length - 1];
  if (last?.kind === 'text') out[out.length - 1] = { ...last, text: last.text.replace(/\s+$/, '') };
  return out;
}

// ---- positions and messages ---------------------------------------------------------------

const HINT = 'see "Raw HTML" in README.md for the elements that are kept; write the rest in Markdown';

function at(ctx: LowerContext, node: Html): Position {
  return { file: ctx.file, line: node.position?.start.line ?? 1, column: node.position?.start.column ?? 1 };
}

/** Where each line of a node's text starts, found once per node (a block may hold thousands of tags). */
const startsOf = new WeakMap<Html, number[]>();

/** The source place of `offset` characters into the node's text. */
function point(node: Html, offset: number): { line: number; column: number; offset?: number } {
  const start = node.position?.start ?? { line: 1, column: 1 };
  let starts = startsOf.get(node);
  if (!starts) {
    starts = lineStarts(node.value);
    startsOf.set(node, starts);
  }
  const lo = lineAt(starts, offset);
  // Lines after the first start where the block's first line did (inside a quote or a list).
  return { line: start.line + lo, column: offset - starts[lo] + start.column };
}

function position(ctx: LowerContext, node: Html, offset: number): Position {
  const p = point(node, offset);
  return { file: ctx.file, line: p.line, column: p.column };
}

function span(node: Html, start: number, end: number) {
  return { start: point(node, start), end: point(node, end) };
}

function warnAt(ctx: LowerContext, message: string, node: Html, offset: number | undefined, hint: string) {
  const where: RootContent = offset === undefined ? node : { ...node, position: span(node, offset, offset) };
  warn(ctx, 'markdown/raw-html', message, where, hint);
}

export function clip(s: string): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > 40 ? `${one.slice(0, 39)}…` : one;
}
