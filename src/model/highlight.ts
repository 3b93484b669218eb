// Syntax highlighting of a code block, by the language its fence names (```go): the code as
// lines of tokens, each with one of a few styles, for both editions to set (the PDF by face
// and colour, the EPUB as classes). highlight.js 11 through lowlight, with lowlight's common
// grammars (Go, Rust, Python, JavaScript, shell, C and some thirty more). No guessing: a
// block without a language, or with one these grammars do not know (`text`, `mermaid`,
// `dockerfile`), is plain: the code prints as written, which is right, so it is no warning
// (fences name many things that are not grammars: output, diagrams, plain text).
//
// lowlight is loaded only for an issue that has a code block naming a language: its module
// brings every highlight.js grammar with it (0.2 s of every command's start otherwise).
import type { ElementContent } from 'hast';
import type { createLowlight } from 'lowlight';
import { handedOnMemo, memo } from '../cache/memos.js';
import { articleBlocks, eachBlock } from './walk.js';
import type { Article, Issue } from './types.js';

/**
 * What a token is, as set: `keyword` bold; `comment` italic; the others only by colour, so
 * that in one ink (the press PDF prints all text solid black) weight and slant still tell
 * code from keywords and comments.
 */
export type TokenStyle = 'plain' | 'keyword' | 'comment' | 'string' | 'literal' | 'type' | 'name' | 'meta' | 'added' | 'removed';

export interface Token {
  text: string;
  style: TokenStyle;
}

/**
 * highlight.js scopes → styles. A scope not here (`operator`, `punctuation`, `params`, `function`…)
 * takes the style of the scope around it; `subst` (`${…}` in a template string) is code again.
 * A sub-scope (`title.class`) is looked up whole, then without its last part.
 */
const SCOPES: Readonly<Record<string, TokenStyle>> = {
  keyword: 'keyword',
  'selector-tag': 'keyword',
  'template-tag': 'keyword',
  'variable.language': 'keyword',
  name: 'keyword',
  section: 'keyword',
  comment: 'comment',
  quote: 'comment',
  string: 'string',
  regexp: 'string',
  link: 'string',
  code: 'string',
  number: 'literal',
  literal: 'literal',
  symbol: 'literal',
  'variable.constant': 'literal',
  type: 'type',
  built_in: 'type',
  'title.class': 'type',
  title: 'name',
  'title.function.invoke': 'plain',
  attr: 'name',
  attribute: 'name',
  variable: 'name',
  'template-variable': 'name',
  'selector-id': 'name',
  'selector-class': 'name',
  'selector-attr': 'name',
  'selector-pseudo': 'name',
  meta: 'meta',
  addition: 'added',
  deletion: 'removed',
  subst: 'plain',
};

/**
 * Code is highlighted in pieces of at most this many UTF-16 units. Some grammars (the C
 * family, ini) scan ahead from every position, so hostile text costs them time quadratic in
 * its length (20 kB of `a a a …` took 2 s as C); in pieces, any block costs time linear in
 * its length (at worst some 40 µs a character, about what setting it costs). Real blocks are
 * shorter (512 of the 518 fenced blocks of ../shared/corpus; the longest 4.6 kB); a longer
 * one is cut between lines outside every token, at a line that starts unindented where it
 * can (see `cutOf`), and the grammar starts afresh there. What is lost: a comment or string
 * longer than a piece (a long docstring) is read as code after the cut.
 */
export const MAX_PIECE = 2000;

const PREFIX = 'hljs-';

/** The grammars, registered once per process; the lines of each block, by its fence's language and text. */
const instances = memo<string, ReturnType<typeof createLowlight>>('highlight/lowlight');
const highlighted = handedOnMemo<Token[][]>('highlight/blocks', isLines);

let library: typeof import('lowlight') | undefined;

/** Loads the highlighter (once per process); `highlightCode` needs it for a block with a language. */
export async function loadHighlighter(): Promise<void> {
  library ??= await import('lowlight');
}

/** Loads the highlighter when some block of the issue (its fillers' too) names a language to highlight in. */
export async function loadHighlighterFor(issue: { articles: readonly Pick<Article, 'blocks' | 'footnotes'>[]; fillers?: Issue['fillers'] }): Promise<void> {
  const blocks = function* () {
    for (const a of issue.articles) yield* articleBlocks(a);
    for (const f of issue.fillers ?? []) yield* eachBlock(f.blocks);
  };
  // A block another process highlighted (handed on through the cache) needs no grammar here.
  for (const b of blocks())
    if (b.kind === 'code-block' && fenceName(b.lang) && !highlighted.has(blockKey(fenceName(b.lang)!, b.text))) return loadHighlighter();
}

const blockKey = (name: string, text: string) => `${name}\u0000${text}`;

/**
 * The blocks highlighted or asked for since the last call, as bytes for the next process (a
 * rebuild from the command line would otherwise load the grammars and highlight every block of
 * the issue again to render the EPUB), or undefined when none were; the others are dropped.
 */
export const highlightsKept = (): Buffer | undefined => highlighted.take();

/** Blocks another process highlighted, taken by a process that has highlighted none; anything malformed is dropped. */
export const adoptHighlights = (data: Buffer): void => highlighted.adopt(data);

function isLines(v: unknown): v is Token[][] {
  return Array.isArray(v) && v.every((line) => Array.isArray(line) && line.every((t) => typeof t?.text === 'string' && typeof t.style === 'string'));
}

function lowlight(): ReturnType<typeof createLowlight> {
  if (!library) throw new Error('the highlighter is not loaded: call loadHighlighterFor(issue) before typesetting or rendering');
  let ll = instances.get('common');
  if (!ll) instances.set('common', (ll = library.createLowlight(library.common)));
  return ll;
}

/** Names of plain text (`text`, `txt`): no grammar to apply. */
const PLAIN = new Set(['plaintext', 'text', 'txt']);

/** A fence's language as a grammar would be named (`Go` → `go`), or undefined for none or plain text. */
function fenceName(lang: string | undefined): string | undefined {
  const name = lang?.trim().toLowerCase();
  return name && !PLAIN.has(name) ? name : undefined;
}

/** The name to highlight a fence's language by (`Go` → `go`), or undefined when no grammar knows it. */
export function highlightLanguage(lang: string | undefined): string | undefined {
  const name = fenceName(lang);
  return name && lowlight().registered(name) ? name : undefined;
}

/**
 * `text` as highlighted lines: one per line of `text` (split at `\n`), each the tokens of
 * that line in order, adjacent tokens of one style merged, no token empty (an empty line
 * has none). The tokens' text, joined line by line with `\n`, is `text` exactly.
 */
export function highlightCode(text: string, lang: string | undefined): Token[][] {
  const name = fenceName(lang);
  if (!name) return plainLines(text);
  const key = blockKey(name, text);
  let lines = highlighted.get(key);
  if (!lines) {
    const language = highlightLanguage(lang);
    lines = language ? toLines(tokensOf(language, text)) : plainLines(text);
    highlighted.set(key, lines);
  }
  return lines;
}

function plainLines(text: string): Token[][] {
  return text.split('\n').map((line) => (line ? [{ text: line, style: 'plain' }] : []));
}

/** The tokens of `code`, highlighted piece by piece (MAX_PIECE). */
function tokensOf(language: string, code: string): Token[] {
  const out: Token[] = [];
  let from = 0;
  while (code.length - from > MAX_PIECE) {
    let end = from + MAX_PIECE;
    if (isLowSurrogate(code.charCodeAt(end))) end--;
    const piece = code.slice(from, end);
    const tokens = highlightPiece(language, piece);
    const cut = cutOf(piece, tokens);
    let taken = 0;
    for (const t of tokens) {
      if (taken >= cut) break;
      out.push({ text: t.text.slice(0, cut - taken), style: t.style });
      taken += t.text.length;
    }
    from += cut;
  }
  out.push(...highlightPiece(language, code.slice(from)));
  return out;
}

/**
 * Where to end a piece (the next starts there, the grammar afresh): after the last line end
 * outside every token that an unindented line follows (between top-level declarations),
 * else after the last line end outside every token, else after the last line end, else
 * at the piece's end.
 */
function cutOf(piece: string, tokens: readonly (Token & { top: boolean })[]): number {
  let top = -1;
  let any = -1;
  for (let i = tokens.length - 1, at = piece.length; i >= 0; i--) {
    const t = tokens[i];
    at -= t.text.length;
    for (let nl = t.text.lastIndexOf('\n'); nl >= 0; nl = nl > 0 ? t.text.lastIndexOf('\n', nl - 1) : -1) {
      const cut = at + nl + 1;
      if (cut >= piece.length) continue;
      if (any < 0) any = cut;
      if (!t.top) break;
      if (top < 0) top = cut;
      if (!/[\s}\])]/.test(piece[cut])) return cut;
    }
  }
  return top > 0 ? top : any > 0 ? any : piece.length;
}

/** The tokens of one piece, `top` when outside every highlighted element; plain when the grammar fails on it. */
function highlightPiece(language: string, code: string): (Token & { top: boolean })[] {
  let tree;
  try {
    tree = lowlight().highlight(language, code);
  } catch {
    return [{ text: code, style: 'plain', top: true }];
  }
  const out: (Token & { top: boolean })[] = [];
  const walk = (nodes: readonly ElementContent[], style: TokenStyle, top: boolean) => {
    for (const node of nodes) {
      if (node.type === 'text') out.push({ text: node.value, style, top });
      else if (node.type === 'element') walk(node.children, styleOf(node.properties.className) ?? style, false);
    }
  };
  walk(tree.children as ElementContent[], 'plain', true);
  return out;
}

/** The style of an element's classes (`hljs-title class_`), or undefined to keep the outer one. */
function styleOf(className: unknown): TokenStyle | undefined {
  if (!Array.isArray(className) || typeof className[0] !== 'string' || !className[0].startsWith(PREFIX)) return undefined;
  const parts = [className[0].slice(PREFIX.length), ...className.slice(1).map((c) => String(c).replace(/_+$/, ''))];
  for (let n = parts.length; n > 0; n--) {
    const scope = parts.slice(0, n).join('.');
    if (Object.hasOwn(SCOPES, scope)) return SCOPES[scope];
  }
  return undefined;
}

const isLowSurrogate = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/** Tokens (which may hold line ends) → lines of tokens, merged and none empty. */
function toLines(tokens: readonly Token[]): Token[][] {
  const lines: Token[][] = [[]];
  const add = (text: string, style: TokenStyle) => {
    if (!text) return;
    const line = lines[lines.length - 1];
    const last = line[line.length - 1];
    if (last && last.style === style) last.text += text;
    else line.push({ text, style });
  };
  for (const t of tokens) {
    const parts = t.text.split('\n');
    parts.forEach((part, i) => {
      if (i > 0) lines.push([]);
      add(part, t.style);
    });
  }
  return lines;
}
