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

/** A length, converted to points here, once: everything after the schema reads numbers. */
const length = z
  .union([z.number().nonnegative(), z.string().regex(LENGTH, 'a length such as 10pt, 0.5in or 12mm')])
  .transform((v) => {
    if (typeof v === 'number') return v;
    const [, n, unit] = LENGTH.exec(v.trim())!;
    return Number(n) * POINTS_PER[unit as keyof typeof POINTS_PER];
  })
  .describe('a length: a number of points, or a number with `pt`, `in` or `mm`');

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
    })
    .describe('an article with its department'),
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
      .union([z.enum(namesOf<PageSizeName>(PAGE_SIZES)), z.strictObject({ width: length, height: length }).describe('a custom trim size')])
      .optional()
      .describe('page (trim) size: `letter`, `a4`, `tabloid` or `{width, height}`; default from the preset'),
    margins: z
      .union([length, z.strictObject({ top: length, bottom: length, inside: length, outside: length }).describe('margins per side')])
      .optional()
      .describe('page margins: one length for all sides or `{top, bottom, inside, outside}`'),
    columns: z.number().int().min(1).max(5).optional().describe('number of text columns, 1 to 5; default from the preset'),
    gutter: length.optional().describe('space between columns; default from the preset'),
    'run-on': z
      .boolean()
      .optional()
      .describe(
        'a newspaper: the issue opens with a front page (masthead, an index with page numbers, the first story under them) instead of a cover and a contents page, and an article starts under the one before when the page has room for its headline and a few lines. Default: `true` for `tabloid`, `false` for `magazine`',
      ),
    size: length.optional().describe('body text size; default from the preset'),
    leading: length.optional().describe('distance between body baselines; default from the preset, or 1.25 × size when `size` is given'),
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
    bleed: length.optional().describe('bleed beyond the trim on every side; default 0.125in'),
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
    cover: z.string().optional().describe('cover image, relative to the edition folder; a typographic cover is generated when absent'),
    articles: z.array(articleEntry).min(1, 'at least one article').describe('the articles in reading order: each a path or `{file, department}`'),
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
    lang: z
      .string()
      .regex(LANGUAGE_TAG, 'a BCP 47 language tag such as en, de or ru')
      .optional()
      .describe('BCP 47 language of the article; the issue language when absent'),
  })
  .describe('article front matter');

export type FrontMatter = z.infer<typeof frontMatterSchema>;
