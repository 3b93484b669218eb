// Markdown → mdast with GFM, front matter and smart punctuation that follows the
// article's language (German „…“, Russian «…», Japanese 「…」) or the edition's choice.
import { memo } from '../cache/memos.js';
import type { Nodes, Root, Text } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkSmartypants from 'remark-smartypants';
import { unified } from 'unified';
import { quotesFor, quotesKey, type Quotes, type QuoteSettings } from '../i18n/quotes.js';
import { parseMarkdownInHtml } from './markdown-in-html.js';

/** A processor per language and quotation marks, made once per process. */
const processors = memo<string, ReturnType<typeof makeProcessor>>('markdown/processors');

function makeProcessor(lang: string, q: Quotes) {
  const cjk = /^(ja|zh)$/.test(lang.toLowerCase().split(/[-_]/)[0]);
  return unified()
    .use(remarkParse)
    .use(remarkFrontmatter, ['yaml', 'toml'])
    .use(remarkGfm)
    .use(remarkSmartypants, {
      dashes: 'oldschool',
      // ``TeX quotes'' would turn every stray pair of backticks into a quotation mark.
      backticks: false,
      openingQuotes: { double: q.double[0], single: q.single[0] },
      // smartypants cannot tell an apostrophe (d'un, it's) from a closing single quote, and
      // apostrophes are far more common: it closes with ’, and settleQuotes mends the rest.
      closingQuotes: { double: q.double[1], single: '’' },
    })
    .use(() => (tree: Root) => settleQuotes(tree, q, cjk));
}

/** Parse Markdown into mdast, with smart punctuation for `lang` (and the edition's marks). */
export function parseMarkdown(text: string, lang: string, quotes?: QuoteSettings): Root {
  return punctuate(parseSyntax(text), lang, quotes);
}

/**
 * The syntax tree alone, before smart punctuation: the same for every language, so an
 * article is parsed once and its front matter read before its language is known.
 */
export function parseSyntax(text: string): Root {
  const processor = processorFor('en', quotesFor('en'));
  // kramdown's `<div markdown="1">`: the element's content read as Markdown (markdown-in-html.ts).
  return parseMarkdownInHtml(text, (t) => processor.parse(t) as Root);
}

/** Smart punctuation for `lang` (and the edition's marks) over a tree from `parseSyntax`, in place. */
export function punctuate(tree: Root, lang: string, quotes?: QuoteSettings): Root {
  return processorFor(lang, quotesFor(lang, quotes)).runSync(tree) as Root;
}

function processorFor(lang: string, q: Quotes) {
  const key = `${lang}\0${quotesKey(q)}`;
  let p = processors.get(key);
  if (!p) processors.set(key, (p = makeProcessor(lang, q)));
  return p;
}

/** The front matter block's YAML text and the line of its opening `---`, if any. */
export function frontMatterOf(tree: Root): { yaml: string; line: number } | undefined {
  const first = tree.children[0];
  if (first && first.type === 'yaml') return { yaml: first.value, line: first.position?.start.line ?? 1 };
  return undefined;
}

const WORD_CHAR = /[\p{L}\p{N}]/u;
const LATIN = /\p{Script=Latin}/u;

/**
 * What smartypants leaves wrong, mended over each paragraph's, heading's or cell's text
 * (across emphasis and links; code is not text):
 * - an inner quotation closes with ’ (an apostrophe to smartypants); where the language
 *   closes it with another mark (‚…‘, „…“, ‹…›, “…”, 『…』), an ’ that ends an open inner
 *   quotation and no word becomes that mark;
 * - in Japanese and Chinese no space tells an opening quote from a closing one, so marks
 *   are paired in order: the first opens, the next closes (an apostrophe inside a Latin
 *   word is left alone).
 */
function settleQuotes(tree: Root, q: Quotes, cjk: boolean): void {
  const blocks = (node: Nodes) => {
    if (node.type === 'paragraph' || node.type === 'heading' || node.type === 'tableCell') {
      const texts: Text[] = [];
      collectText(node, texts);
      if (texts.length) settleRun(texts, q, cjk);
    } else if ('children' in node) for (const c of node.children) blocks(c as Nodes);
  };
  blocks(tree);
}

function collectText(node: Nodes, out: Text[]): void {
  if (node.type === 'text') out.push(node);
  else if ('children' in node) for (const c of node.children) collectText(c as Nodes, out);
}

function settleRun(texts: Text[], q: Quotes, cjk: boolean): void {
  const chars = [...texts.map((t) => t.value).join('')];
  let changed = false;
  const set = (i: number, ch: string) => {
    if (chars[i] !== ch) (chars[i] = ch), (changed = true);
  };
  if (cjk) {
    let doubles = 0;
    let singles = 0;
    chars.forEach((ch, i) => {
      if (ch === q.double[0] || ch === q.double[1]) set(i, q.double[doubles++ % 2]);
      else if (ch === q.single[0] || ch === q.single[1] || ch === '’') {
        if (ch === '’' && LATIN.test(chars[i - 1] ?? '') && LATIN.test(chars[i + 1] ?? '')) return;
        set(i, q.single[singles++ % 2]);
      }
    });
  } else if (q.single[1] !== '’') {
    let open = 0;
    chars.forEach((ch, i) => {
      if (ch === q.single[0]) open++;
      else if (ch === '’' && open > 0 && !WORD_CHAR.test(chars[i + 1] ?? '')) {
        set(i, q.single[1]);
        open--;
      }
    });
  }
  if (!changed) return;
  // Every mark is one UTF-16 unit for one: the text splits back at the same offsets.
  const joined = chars.join('');
  let at = 0;
  for (const t of texts) {
    const n = t.value.length;
    t.value = joined.slice(at, at + n);
    at += n;
  }
}
