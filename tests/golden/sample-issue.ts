// Hand-built issues for the print path's tests: the document model written directly,
// with a tiny inline notation (*em*, **strong**, `code`, ~~strike~~, [text](url), [^n])
// so the fixtures stay readable. No Markdown parser involved.
import sharp from 'sharp';
import type { Article, Block, ConvertedImage, Footnote, ImageAsset, Inline, Issue, Position } from '../../src/model/types.js';
import { inlineText } from '../../src/model/inline-text.js';
import { MAGAZINE, type Layout } from '../../src/settings/layout.js';

let line = 1;
const at = (file: string): Position => ({ file, line: line++, column: 1 });

/** Inline notation → model inlines. Footnote calls `[^n]` refer to `<articleId>-fn<n>`. */
export function inl(src: string, file = 'articles/test.md', articleId = 'test'): Inline[] {
  const out: Inline[] = [];
  const re = /\*\*\*(.+?)\*\*\*|\*\*(.+?)\*\*|\*(.+?)\*|`([^`]+)`|~~(.+?)~~|\[\^(\d+)\]|\[([^\]]+)\]\(([^)]+)\)|\\n/g;
  let last = 0;
  for (let m; (m = re.exec(src)); ) {
    if (m.index > last) out.push({ kind: 'text', text: src.slice(last, m.index), pos: at(file) });
    const pos = at(file);
    if (m[1]) out.push({ kind: 'strong', children: [{ kind: 'emphasis', children: inl(m[1], file, articleId), pos }], pos });
    else if (m[2]) out.push({ kind: 'strong', children: inl(m[2], file, articleId), pos });
    else if (m[3]) out.push({ kind: 'emphasis', children: inl(m[3], file, articleId), pos });
    else if (m[4]) out.push({ kind: 'code', text: m[4], pos });
    else if (m[5]) out.push({ kind: 'strike', children: inl(m[5], file, articleId), pos });
    else if (m[6]) out.push({ kind: 'footnote-ref', noteId: `${articleId}-fn${m[6]}`, number: Number(m[6]), pos });
    else if (m[7]) out.push({ kind: 'link', url: m[8], children: inl(m[7], file, articleId), pos });
    else out.push({ kind: 'line-break', pos });
    last = re.lastIndex;
  }
  if (last < src.length) out.push({ kind: 'text', text: src.slice(last), pos: at(file) });
  return out;
}

/** Block builders bound to one article (file and id). */
export function blocksFor(file: string, articleId: string) {
  const i = (s: string) => inl(s, file, articleId);
  return {
    p: (s: string): Block => ({ kind: 'paragraph', content: i(s), pos: at(file) }),
    h: (level: 2 | 3 | 4, s: string, id: string): Block => ({ kind: 'heading', level, content: i(s), id, pos: at(file) }),
    quote: (paras: string[], attribution?: string): Block => ({
      kind: 'blockquote',
      blocks: paras.map((s) => ({ kind: 'paragraph', content: i(s), pos: at(file) })),
      attribution: attribution ? i(attribution) : undefined,
      pos: at(file),
    }),
    list: (ordered: boolean, items: (string | Block[])[], start = 1): Block => ({
      kind: 'list',
      ordered,
      start,
      items: items.map((it) => (typeof it === 'string' ? [{ kind: 'paragraph', content: i(it), pos: at(file) }] : it)),
      pos: at(file),
    }),
    table: (header: string[], rows: string[][], align: ('left' | 'right' | 'center' | null)[] = []): Block => ({
      kind: 'table',
      align: header.map((_, c) => align[c] ?? null),
      header: header.map(i),
      rows: rows.map((r) => r.map(i)),
      pos: at(file),
    }),
    figure: (image: ImageAsset, caption: string, number: number, id: string): Block => ({
      kind: 'figure',
      image,
      alt: caption,
      caption: i(caption),
      number,
      id,
      pos: at(file),
    }),
    code: (text: string, lang?: string): Block => ({ kind: 'code-block', lang, text, pos: at(file) }),
    rule: (): Block => ({ kind: 'rule', pos: at(file) }),
    note: (n: number, s: string | string[]): Footnote => ({
      id: `${articleId}-fn${n}`,
      number: n,
      blocks: (Array.isArray(s) ? s : [s]).map((t) => ({ kind: 'paragraph', content: i(t), pos: at(file) })),
      pos: at(file),
    }),
  };
}

export function article(
  index: number,
  slug: string,
  o: { title: string; deck?: string; byline?: string; department?: string; note?: string; lang?: string },
  build: (b: ReturnType<typeof blocksFor>) => { blocks: Block[]; footnotes?: Footnote[] },
): Article {
  const id = `${String(index).padStart(2, '0')}-${slug}`;
  const file = `articles/${id}.md`;
  const b = blocksFor(file, id);
  const { blocks, footnotes = [] } = build(b);
  const title = inl(o.title, file, id);
  return {
    index,
    id,
    slug,
    file,
    title,
    titleText: inlineText(title),
    deck: o.deck ? inl(o.deck, file, id) : undefined,
    byline: o.byline,
    authors: o.byline ? [o.byline.replace(/^By\s+/i, '')] : [],
    department: o.department,
    note: o.note ? inl(o.note, file, id) : undefined,
    lang: o.lang ?? 'en',
    blocks,
    footnotes,
    pos: { file, line: 1, column: 1 },
  };
}

/** An image asset without pixels: the page builder only reads its size. */
export function sizedImage(id: string, width: number, height: number): ConvertedImage {
  const data = { data: Buffer.alloc(0), mediaType: 'image/png' as const, width, height };
  return { id, source: `images/${id}.png`, key: id, width, height, vector: false, screenType: 'image/png', screen: data, print: data };
}

/** An image asset with real PNG bytes for both variants. */
export async function imageAsset(id: string, width: number, height: number, color = '#7a9cc6'): Promise<ConvertedImage> {
  const svg = Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">` +
      `<rect width="100%" height="100%" fill="${color}"/>` +
      `<circle cx="${width / 2}" cy="${height / 2}" r="${Math.min(width, height) / 3}" fill="#ffffff" opacity="0.6"/>` +
      `<rect x="0" y="${height * 0.75}" width="${width}" height="${height * 0.25}" fill="#2d4d73"/></svg>`,
  );
  const data = await sharp(svg).png().toBuffer();
  const img = { data, mediaType: 'image/png' as const, width, height };
  return { id, source: `images/${id}.png`, key: `${id}:${color}`, width, height, vector: false, screenType: 'image/png', screen: img, print: img };
}

const LOREM_EN = [
  'Printing is the art of arranging type so that the reader forgets it is there. A well-set column has an even colour: the spaces between words are neither gaping nor cramped, the lines end flush on both sides, and hyphens appear rarely and never stack three or four deep down the right-hand edge.',
  'The compositor of the nineteenth century worked with a composing stick, setting each line by hand and spacing it out with thin slips of metal until it was tight. Justification was physical: a line that was too loose would fall apart when the forme was lifted, and a line that was too tight could not be locked up at all.',
  'Electronic typesetting inherited these constraints as conventions. Knuth and Plass showed that breaking a whole paragraph at once, rather than line by line, gives markedly more uniform spacing; their algorithm still sets the standard against which other line breakers are measured.',
  'Magazines add their own problems to the book typographer’s list: narrow columns, many headings, figures that must sit near the text that mentions them, and footnotes that belong at the foot of the column in which they are called.',
];
const LOREM_DE = [
  'Die Donaudampfschifffahrtsgesellschaft veröffentlichte ihre Fahrpläne jahrzehntelang in einer eigens dafür geschnittenen Schrift. Silbentrennung und Blocksatz gehörten zum Handwerk jedes Setzers, der seine Zeilen sorgfältig ausschloss.',
  'Im Zeitschriftensatz sind die Spalten schmal und die Wörter lang: ohne Worttrennung entstehen Löcher im Satzbild. Deshalb gehören Trennmuster, wie sie Franklin Liang für TeX entwickelte, zu den wichtigsten Werkzeugen der Typografie.',
];
const LOREM_RU = [
  'Типографика — это искусство оформления текста, при котором читатель не замечает шрифта. Достопримечательности старых типографий включали наборные кассы, печатные станки и тысячи литер.',
  'Перенос слов в узких колонках журнала необходим: без него между словами появляются большие пробелы. Правила переноса для русского языка основаны на слогах и учитывают особенности приставок.',
];

/** The three-article issue of the end-to-end test (en with figure, table, notes; de; ru). */
export async function sampleIssue(): Promise<{ issue: Issue; images: Map<string, ConvertedImage> }> {
  const fig1 = await imageAsset('img-press', 800, 600);
  const fig2 = await imageAsset('img-wide', 1600, 600, '#c69a7a');
  const a1 = article(
    1,
    'the-even-column',
    {
      title: 'The Even Column',
      deck: 'How a line breaker, a page builder and a little patience make a magazine page read well',
      byline: 'By Ada Compositor',
      department: 'Craft',
      note: 'Adapted from a talk given at the *Printing Arts Society*.',
    },
    (b) => ({
      blocks: [
        b.p(LOREM_EN[0] + ' See [the spec](https://example.org/typesetting/spec) for details.[^1]'),
        b.p(LOREM_EN[1]),
        b.h(2, 'Lines and paragraphs', 'lines'),
        b.p(LOREM_EN[2] + ' *Italic words*, **bold words**, ***both at once***, `inline code` and ~~struck text~~ share a baseline.[^2]'),
        b.quote([LOREM_EN[3]], 'Beatrice Warde, *The Crystal Goblet*'),
        b.p(LOREM_EN[0]),
        b.figure(fig1, 'A composing stick with a line of type, set by hand.', 1, 'fig-stick'),
        b.list(false, [
          'Even spacing between words',
          'Few hyphens, never stacked',
          [b.p('Headings kept with their text'), b.list(true, ['at least two lines', 'never alone at the foot'])],
        ]),
        b.p(LOREM_EN[1]),
        b.h(3, 'A table of measures', 'measures'),
        b.table(
          ['Measure', 'Points', 'Use'],
          [
            ['Column', '248', 'Body text in two columns'],
            ['Gutter', '18', 'Space between columns'],
            ['Page', '612 × 792', 'US Letter'],
            ['Margin', '54', 'Inside, top and bottom'],
          ],
          [null, 'right', null],
        ),
        b.p(
          LOREM_EN[2] + ' A very long address such as https://example.org/a/very/long/path/that/does/not/fit/in/a/column/at/all/index.html must still break.',
        ),
        b.figure(fig2, 'A wide figure spans both columns.', 2, 'fig-wide'),
        b.code('function justify(line, width) {\n  const gaps = line.words.length - 1;\n  return (width - line.natural) / gaps;\n}'),
        b.p(LOREM_EN[3] + ' The end.[^3]'),
        b.rule(),
        b.p(LOREM_EN[0]),
      ],
      footnotes: [
        b.note(1, 'The specification is a living document; quote it by date.'),
        b.note(2, 'Strike-through is rare in print but common in online corrections.'),
        b.note(3, ['A footnote may have more than one paragraph.', LOREM_EN[1]]),
      ],
    }),
  );
  const a2 = article(
    2,
    'silbentrennung',
    {
      title: 'Silbentrennung im Zeitschriftensatz',
      deck: 'Warum schmale Spalten lange Wörter fürchten',
      byline: 'Von Karl Setzer',
      department: 'Handwerk',
      lang: 'de',
    },
    (b) => ({
      blocks: [
        b.p(LOREM_DE[0]),
        b.p(LOREM_DE[1]),
        b.h(2, 'Trennmuster', 'muster'),
        b.p(LOREM_DE[0] + '[^1]'),
        b.list(true, ['Erstens: Blocksatz', 'Zweitens: Trennung', 'Drittens: Ausgleich']),
        b.p(LOREM_DE[1]),
      ],
      footnotes: [b.note(1, 'Liang, *Word Hy-phen-a-tion by Com-put-er*, Stanford 1983.')],
    }),
  );
  const a3 = article(
    3,
    'tipografika',
    { title: 'Типографика и перенос', deck: 'Заметки о наборе в узких колонках', byline: 'Иван Наборщик', department: 'Ремесло', lang: 'ru' },
    (b) => ({
      blocks: [b.p(LOREM_RU[0]), b.p(LOREM_RU[1]), b.quote([LOREM_RU[0]], 'Неизвестный наборщик'), b.p(LOREM_RU[1])],
    }),
  );
  const issue: Issue = {
    publication: 'The Compositor’s Quarterly',
    issue: 'No. 7',
    date: '2026-03-01',
    dateline: 'Spring 2026',
    language: 'en',
    publisher: 'Pressroom Test Press',
    identifier: 'urn:uuid:00000000-0000-4000-8000-000000000007',
    articles: [a1, a2, a3],
    departments: ['Craft', 'Handwerk', 'Ремесло'],
  };
  return { issue, images: new Map([fig1, fig2].map((a) => [a.id, a])) };
}

/** An issue of The Carrow Lantern holding `articles`, for tests of the print path. */
export function issueWith(articles: Article[], over: Partial<Issue> = {}): Issue {
  return {
    publication: 'The Carrow Lantern',
    issue: 'No. 12',
    date: '2026-10-15',
    dateline: 'Autumn 2026',
    language: 'en',
    identifier: 'urn:uuid:00000000-0000-4000-8000-000000000012',
    articles,
    departments: [],
    ...over,
  };
}

/** A small two-column page, for page-builder goldens a reader can follow line by line. */
export const SMALL: Layout = {
  ...MAGAZINE,
  pageWidth: 320,
  pageHeight: 260,
  margins: { top: 36, bottom: 30, inside: 20, outside: 20 },
  columns: 2,
  gutter: 12,
  size: 8,
  leading: 10,
};

export type Builder = ReturnType<typeof blocksFor>;

/** `n` one-line paragraphs numbered from `from`: text whose place on the page is easy to read. */
export const filler = (b: Builder, from: number, n: number): Block[] => Array.from({ length: n }, (_, i) => b.p(`Filler line ${from + i}.`));
