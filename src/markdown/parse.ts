// Markdown → mdast with GFM, front matter and smart punctuation that follows the
// article's language (German „…“, Russian «…»).
import type { Root } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkSmartypants from 'remark-smartypants';
import { unified } from 'unified';

interface Quotes {
  double: [string, string];
  single: [string, string];
}

const QUOTES: Record<string, Quotes> = {
  en: { double: ['“', '”'], single: ['‘', '’'] },
  de: { double: ['„', '“'], single: ['‚', '‘'] },
  ru: { double: ['«', '»'], single: ['„', '“'] },
  // One character each: smartypants loses text after a longer replacement; the no-break
  // spaces inside French guillemets are added by spacing.ts.
  fr: { double: ['«', '»'], single: ['‹', '›'] },
  es: { double: ['«', '»'], single: ['“', '”'] },
  pl: { double: ['„', '”'], single: ['‚', '’'] },
  it: { double: ['«', '»'], single: ['“', '”'] },
  pt: { double: ['“', '”'], single: ['‘', '’'] },
  ja: { double: ['「', '」'], single: ['『', '』'] },
  zh: { double: ['“', '”'], single: ['‘', '’'] },
};

export function quotesFor(lang: string): Quotes {
  return QUOTES[lang.toLowerCase().split('-')[0]] ?? QUOTES.en;
}

const processors = new Map<string, ReturnType<typeof makeProcessor>>();

function makeProcessor(lang: string) {
  const q = quotesFor(lang);
  return unified()
    .use(remarkParse)
    .use(remarkFrontmatter, ['yaml'])
    .use(remarkGfm)
    .use(remarkSmartypants, {
      dashes: 'oldschool',
      // ``TeX quotes'' would turn every stray pair of backticks into a quotation mark.
      backticks: false,
      openingQuotes: { double: q.double[0], single: q.single[0] },
      // smartypants cannot tell an apostrophe (d'un, it's) from a closing single quote, and
      // apostrophes are far more common: the closing single quote is always ’.
      closingQuotes: { double: q.double[1], single: '’' },
    });
}

/** Parse Markdown into mdast, with smart punctuation for `lang`. */
export function parseMarkdown(text: string, lang: string): Root {
  let p = processors.get(lang);
  if (!p) processors.set(lang, (p = makeProcessor(lang)));
  return p.runSync(p.parse(text)) as Root;
}

/** The front matter block's YAML text and the line of its opening `---`, if any. */
export function frontMatterOf(tree: Root): { yaml: string; line: number } | undefined {
  const first = tree.children[0];
  if (first && first.type === 'yaml') return { yaml: first.value, line: first.position?.start.line ?? 1 };
  return undefined;
}
