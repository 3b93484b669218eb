// The manifest's schema is the single source of the field types, their validation and
// the README's reference (scripts/manifest-reference.ts renders it from these descriptions).
import { z } from 'zod';
import { QUOTE_CHARACTERS } from '../i18n/quotes.js';
import { DEFAULT_LIMITS, formatBytes, MAX_LIMITS, parseSize } from '../limits/limits.js';
import { PAGE_SIZES, PRESETS, type PageSizeName, type PresetName } from '../settings/layout.js';
import { OUTPUT_INTENTS, PRESS_COLORS } from '../settings/press.js';

const LENGTH = /^(\d+(?:\.\d+)?)\s*(pt|in|mm)$/;
const POINTS_PER = { pt: 1, in: 72, mm: 72 / 25.4 } as const;
const LANGUAGE_TAG = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

/** Points per inch: ranges below are written in inches and points. */
const INCH = 72;

/**
 * A length as written (a number of points, or a number with a unit), converted to points here,
 * once: everything after the schema reads numbers. Any YAML number gets through to the range
 * check of `inRange` (`.nan` and `.inf` too), so that it is refused there with its range.
 */
const anyLength = z.union([z.custom<number>((v) => typeof v === 'number'), z.string().regex(LENGTH, 'a length such as 10pt, 0.5in or 12mm')]).transform((v) => {
  if (typeof v === 'number') return v;
  const [, n, unit] = LENGTH.exec(v.trim())!;
  return Number(n) * POINTS_PER[unit as keyof typeof POINTS_PER];
});

/**
 * Refuses a length outside `min`–`max` points, or one that is not finite. Every length has a
 * range: a page of 1e308 points, or type of 1e-9, would run the typesetter out of memory or
 * into a loop instead of being refused at the line that asks for it.
 */
const inRange =
  (min: number, max: number, points = false) =>
  (v: number, ctx: z.core.$RefinementCtx<number>): void => {
    const message = !Number.isFinite(v)
      ? 'a finite length, not .nan or .inf'
      : v < min
        ? `at least ${showLength(min, points)}`
        : v > max
          ? `at most ${showLength(max, points)}`
          : undefined;
    if (message) ctx.addIssue({ code: 'custom', message, input: v });
  };

/** A length of `min` to `max` points; `what` opens its line in the reference. `points`: shown in points (type sizes). */
const length = (what: string, min: number, max: number, points = false) =>
  anyLength.superRefine(inRange(min, max, points)).describe(`${what}: ${showLength(min, points)} to ${showLength(max, points)}`);

/** `72` as `1in` (inches when whole eighths, unless `points`), `9` as `9pt`. */
function showLength(n: number, points = false): string {
  const inches = n / INCH;
  if (n === 0) return '0';
  return !points && Number.isInteger(inches * 8) && inches >= 0.125 ? `${inches}in` : `${+n.toFixed(2)}pt`;
}

/**
 * The page is at most 195 in: the press PDF adds bleed and crop marks around it (at most
 * 1.33 in a side) and a PDF page may not pass 200 in.
 */
const PAGE_MIN = INCH;
const PAGE_MAX = 195 * INCH;
/** Each margin at most half the largest page; load-manifest checks it against the page given. */
const MARGIN_MAX = PAGE_MAX / 2;

/** The names of a table of settings, as the tuple `z.enum` takes. */
const namesOf = <K extends string>(table: Record<K, unknown>) => Object.keys(table) as [K, ...K[]];

const fontSet = z
  .strictObject({
    regular: z.string().describe('upright font file (TTF or OTF), relative to the edition folder'),
    italic: z.string().optional().describe('italic font file; the regular one when absent'),
    bold: z.string().optional().describe('bold font file; the regular one when absent'),
    'bold-italic': z.string().optional().describe('bold italic font file; the bold one when absent'),
  })
  .describe('a family of font files');

const articleEntry = z.union([
  z.string().describe('path of the article, relative to the edition folder'),
  z
    .strictObject({
      file: z.string().describe('path of the article, relative to the edition folder'),
      department: z.string().optional().describe('the department (section) the article runs in; overrides the front matter'),
      'run-on': z
        .boolean()
        .optional()
        .describe("it may start under the article before, on that one's last page, after a rule (letters, notices, news in brief)"),
    })
    .describe('an article with its department'),
]);

/**
 * Most words of a filler's text (its title and credit aside; a Chinese or Japanese character
 * counts as a word). Set as a pull quote, at 1.15 times the body size in a magazine column,
 * 120 words take some 18 lines, a third of the column: a longer item is an article, and the
 * end of an article's last page seldom has room for it.
 */
export const FILLER_MAX_WORDS = 120;
/** Most fillers in one issue: each is printed at most once, and an issue has a handful. */
export const FILLERS_MAX = 100;
/** A filler's id: an XML name, so it can name an element of the EPUB. */
const FILLER_ID = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;

const nonEmpty = (what: string) => z.string().refine((s) => s.trim() !== '', `${what}, not empty`);

const fillerEntry = z.union([
  z.string().describe('path of a filler file (Markdown, with front matter `title`, `credit`, `lang`), relative to the edition folder'),
  z
    .strictObject({
      file: z.string().optional().describe('path of a filler file, relative to the edition folder; or give `text`'),
      text: nonEmpty('the text of the filler')
        .optional()
        .describe(`the filler written here, in Markdown: paragraphs only, at most ${FILLER_MAX_WORDS} words (title and credit aside)`),
      title: nonEmpty('a title').optional().describe("a small heading over the box, such as `Quote of the issue`; over the front matter's"),
      credit: nonEmpty('a credit').optional().describe("who said or wrote it, set under the text after a dash; over the front matter's"),
      id: z
        .string()
        .regex(FILLER_ID, 'a name of letters, digits, `-` and `_`, starting with a letter')
        .optional()
        .describe('a name for the filler, unique in the issue; `filler-<n>` (its place in the list) when absent'),
      lang: z
        .string()
        .regex(LANGUAGE_TAG, 'a BCP 47 language tag such as en, de or pt-BR')
        .optional()
        .describe("BCP 47 language of the filler; the file's or the issue's when absent"),
    })
    .superRefine((v, ctx) => {
      if ((v.file === undefined) === (v.text === undefined))
        ctx.addIssue({ code: 'custom', message: v.file === undefined ? 'either `file` or `text`' : '`file` or `text`, not both', path: [], input: v });
    })
    .describe('a filler: `{file}` or `{text}`, with `title`, `credit`, `id`, `lang`'),
]);

export const layoutSchema = z
  .strictObject({
    preset: z
      .enum(namesOf<PresetName>(PRESETS))
      .optional()
      .describe(
        'a named layout the other keys override: `magazine` (Letter, 2 columns; the default) or `tabloid` (11 × 17 in, 4 columns, larger headlines, stories run on down the page)',
      ),
    page: z
      .union([
        z.enum(namesOf<PageSizeName>(PAGE_SIZES)),
        z.strictObject({ width: length('trim width', PAGE_MIN, PAGE_MAX), height: length('trim height', PAGE_MIN, PAGE_MAX) }).describe('a custom trim size'),
      ])
      .optional()
      .describe('page (trim) size: `letter`, `a4`, `tabloid` or `{width, height}`; default from the preset'),
    margins: z
      .union([
        anyLength.superRefine(inRange(0, MARGIN_MAX)),
        z
          .strictObject({
            top: length('top margin', 0, MARGIN_MAX).describe('top margin: 0 to half the page height'),
            bottom: length('bottom margin', 0, MARGIN_MAX).describe('bottom margin: 0 to half the page height'),
            inside: length('inside margin', 0, MARGIN_MAX).describe('inside margin (at the spine): 0 to half the page width'),
            outside: length('outside margin', 0, MARGIN_MAX).describe('outside margin: 0 to half the page width'),
          })
          .describe('margins per side'),
      ])
      .optional()
      .describe(
        'page margins: one length for all sides or `{top, bottom, inside, outside}`; each at most half the page, and the text area they leave at least 8 × `size` wide per column and 10 lines tall',
      ),
    columns: z.number().int().min(1).max(5).optional().describe('number of text columns, 1 to 5; default from the preset'),
    gutter: length('space between columns', 0, 2 * INCH)
      .optional()
      .describe('space between columns: 0 to 2in; default from the preset'),
    'run-on': z
      .boolean()
      .optional()
      .describe(
        'a newspaper: the issue opens with a front page (masthead, an index with page numbers, the first story under them) instead of a cover and a contents page, and an article starts under the one before when the page has room for its headline and a few lines. Default: `true` for `tabloid`, `false` for `magazine`',
      ),
    jumps: z
      .boolean()
      .optional()
      .describe(
        'with `run-on`: a lead story that would fill the front page runs for a depth there, "Continued on page 2", so that other stories fit under it. Default: `true`',
      ),
    size: length('body text size', 4, 72, true).optional().describe('body text size: 4pt to 72pt; default from the preset'),
    leading: length('distance between body baselines', 4, 4 * INCH, true)
      .optional()
      .describe('distance between body baselines: 0.8 to 4 times `size` (4pt to 288pt); default from the preset, or 1.25 × size when `size` is given'),
    fonts: z
      .strictObject({
        body: fontSet.optional().describe('body text fonts; bundled Source Serif 4 when absent'),
        heading: fontSet.optional().describe('heading fonts; bundled Source Serif 4 semibold when absent'),
      })
      .optional()
      .describe('font files for print'),
  })
  .describe('print layout');

export const pressSchema = z
  .strictObject({
    bleed: length('bleed beyond the trim on every side', 0, INCH).optional().describe('bleed beyond the trim on every side: 0 to 1in; default 0.125in'),
    marks: z.boolean().optional().describe('crop marks outside the bleed; default true'),
    color: z.enum(PRESS_COLORS).optional().describe('colour of the press PDF: `gray` (one-colour newspaper; the default) or `cmyk`'),
    'page-multiple': z
      .number()
      .int()
      .min(1)
      .max(64)
      .optional()
      .describe('pad the page count with blank pages to a multiple of this (4 for saddle stitching; the default)'),
    'output-intent': z.enum(OUTPUT_INTENTS).optional().describe('registered printing condition named in the PDF/X output intent; default `CGATS TR 001`'),
  })
  .describe('the press-ready PDF for the print shop');

const size = (what: string, max: number) =>
  z
    .union([z.number().int().positive().max(max), z.string().regex(/^\d+(\.\d+)?\s*(KB|MB|kb|mb)$/, 'a size such as 4MB or 512KB')])
    .refine((v) => !/^\d+(\.\d+)?\s*(KB|MB)$/i.test(String(v)) || parseSize(v) <= max, `at most ${formatBytes(max)}`)
    .optional()
    .describe(`${what}: \`4MB\`, \`512KB\` or a number of bytes`);

const count = (what: string, max: number) => z.number().int().positive().max(max).optional().describe(what);

export const limitsSchema = z
  .strictObject({
    'article-size': size(
      `largest article file; default ${formatBytes(DEFAULT_LIMITS.articleBytes)}, at most ${formatBytes(MAX_LIMITS.articleBytes)}`,
      MAX_LIMITS.articleBytes,
    ),
    'image-size': size(
      `largest image file; default ${formatBytes(DEFAULT_LIMITS.imageBytes)}, at most ${formatBytes(MAX_LIMITS.imageBytes)}`,
      MAX_LIMITS.imageBytes,
    ),
    'image-megapixels': z
      .number()
      .positive()
      .max(MAX_LIMITS.imagePixels / 1e6)
      .optional()
      .describe(
        `most pixels of one image, in millions (width × height, as decoded); default ${DEFAULT_LIMITS.imagePixels / 1e6}, at most ${MAX_LIMITS.imagePixels / 1e6}`,
      ),
    nesting: count(
      `deepest nesting of block quotes, lists, emphasis and links; default ${DEFAULT_LIMITS.nesting}, at most ${MAX_LIMITS.nesting}`,
      MAX_LIMITS.nesting,
    ),
    'table-rows': count(`most rows of one table, header included; default ${DEFAULT_LIMITS.tableRows}, at most ${MAX_LIMITS.tableRows}`, MAX_LIMITS.tableRows),
    'table-columns': count(`most columns of one table; default ${DEFAULT_LIMITS.tableColumns}, at most ${MAX_LIMITS.tableColumns}`, MAX_LIMITS.tableColumns),
    articles: count(`most articles in the issue; default ${DEFAULT_LIMITS.articles}, at most ${MAX_LIMITS.articles}`, MAX_LIMITS.articles),
  })
  .describe('raise the limits that guard against runaway input (see "Limits" in README.md)');

export const quotesSchema = z
  .record(
    z.string().regex(LANGUAGE_TAG, 'a BCP 47 language tag such as pt or pt-BR'),
    z
      .string()
      .regex(
        new RegExp(`^[${QUOTE_CHARACTERS}]{4}$`, 'u'),
        `four quotation marks, the outer pair then the inner pair, such as «»“” (each one of ${QUOTE_CHARACTERS})`,
      ),
  )
  .describe(
    'quotation marks per language, replacing the defaults of "Languages and fonts": each key a language (`pt`, or `pt-BR` for that region only), each value four marks, the outer pair then the inner pair, such as `pt: "«»“”"`',
  );

export const manifestSchema = z
  .strictObject({
    publication: z.string().min(1).describe('name of the periodical'),
    issue: z.union([z.string().min(1), z.number()]).describe('display text of the issue, such as `No. 170`'),
    date: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'an ISO date such as 2011-09-15')
      .describe('publication date as an ISO date (`YYYY-MM-DD`); fixes every date written into the outputs'),
    dateline: z.string().optional().describe('display date, such as `Fall 2011`; the formatted date when absent'),
    language: z.string().regex(LANGUAGE_TAG, 'a BCP 47 language tag such as en, de or pt-BR').optional().describe('BCP 47 language of the issue; default `en`'),
    quotes: quotesSchema.optional(),
    publisher: z.string().optional().describe('publisher'),
    identifier: z.string().optional().describe('unique identifier such as `urn:issn:…`; derived stably from publication and issue when absent'),
    description: z.string().optional().describe('a sentence or two about the issue'),
    site: z
      .string()
      .regex(/^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/, 'a web address such as https://go.dev')
      .optional()
      .describe(
        'the website the articles come from, such as `https://go.dev`: their links to `/doc/…` lead to `https://go.dev/doc/…` (an article may name its own `site`)',
      ),
    cover: z.string().optional().describe('cover image, relative to the edition folder; a typographic cover is generated when absent'),
    translations: z
      .array(z.string().min(1))
      .max(64)
      .optional()
      .describe(
        "the same issue in other languages: their edition folders, relative to this one (such as `../carrow-de`); the download site (`pressroom site`) links the issue's pages to each other",
      ),
    articles: z.array(articleEntry).min(1, 'at least one article').describe('the articles in reading order: each a path or `{file, department, run-on}`'),
    fillers: z
      .array(fillerEntry)
      .max(FILLERS_MAX, `at most ${FILLERS_MAX} fillers`)
      .optional()
      .describe(
        "short boxed items (a quotation, a notice) the print edition sets where an article's last page has room, each at most once, and the EPUB after the article they follow: each a path or `{file}` or `{text}`",
      ),
    'article-folios': z
      .enum(['issue', 'own'])
      .optional()
      .describe("page numbers of an article's own PDF: `own` (from 1; the default) or `issue` (the pages it has in the issue)"),
    layout: layoutSchema.optional(),
    press: pressSchema.optional(),
    limits: limitsSchema.optional(),
  })
  .describe('edition.yaml');

/** The manifest as checked: lengths in points. */
export type ManifestInput = z.output<typeof manifestSchema>;
export type LayoutInput = z.output<typeof layoutSchema>;

/** Front matter of an article. */
export const frontMatterSchema = z
  .strictObject({
    title: z.string().min(1).optional().describe('title; required unless the article opens with a level-1 heading'),
    deck: z.string().optional().describe('the line under the title'),
    byline: z.string().optional().describe('authors, such as `By Ana Reyes and Tomas Brandt`'),
    department: z.string().optional().describe('the department (section) the article runs in'),
    note: z.string().optional().describe('a note such as "First published in …"'),
    date: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as yyyy-mm-dd')
      .optional()
      .describe('the date the article was first published, yyyy-mm-dd (printed with its byline)'),
    site: z
      .string()
      .regex(/^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/, 'a web address such as https://go.dev')
      .optional()
      .describe("the website the article comes from, over the edition's `site`"),
    lang: z
      .string()
      .regex(LANGUAGE_TAG, 'a BCP 47 language tag such as en, de or ru')
      .optional()
      .describe('BCP 47 language of the article; the issue language when absent'),
  })
  .describe('article front matter');

export type FrontMatter = z.infer<typeof frontMatterSchema>;

/** Front matter of a filler file. */
export const fillerFrontMatterSchema = z
  .strictObject({
    title: nonEmpty('a title').optional().describe('a small heading over the box, such as `Quote of the issue`'),
    credit: nonEmpty('a credit').optional().describe('who said or wrote it, set under the text after a dash'),
    lang: z
      .string()
      .regex(LANGUAGE_TAG, 'a BCP 47 language tag such as en, de or ru')
      .optional()
      .describe('BCP 47 language of the filler; the issue language when absent'),
  })
  .describe('filler front matter');

export type FillerFrontMatter = z.infer<typeof fillerFrontMatterSchema>;
