// Load edition.yaml: parse with positions, check against the schema, resolve every path
// inside the edition folder and fill in defaults. All problems are collected and reported
// together, each at its line and column.
import { createHash } from 'node:crypto';
import path from 'node:path';
import { error, type Diagnostic, type Reporter } from '../diagnostics/diagnostic.js';
import { formatLongDate } from '../i18n/dates.js';
import { quoteSettings, type QuoteSettings } from '../i18n/quotes.js';
import type { FontSet } from '../settings/fonts.js';
import { columnWidth, MAGAZINE, PAGE_SIZES, PRESETS, textBlock, type Layout } from '../settings/layout.js';
import { PRESS_DEFAULTS, type PressSettings } from '../settings/press.js';
import type { World } from '../world.js';
import { excerpt, pathCode, refusalMessage, resolveInside } from './paths.js';
import { manifestSchema, type LayoutInput, type ManifestInput } from './schema.js';
import { DEFAULT_LIMITS, parseSize, raiseHint, type Limits } from '../limits/limits.js';
import { parseYaml, schemaDiagnostics, type YamlSource } from './yaml-source.js';

export const MANIFEST_FILE = 'edition.yaml';
/** The largest edition.yaml read: a thousand articles with settings take a few tens of KB. */
export const MANIFEST_MAX_BYTES = 1024 * 1024;
/** The largest font file read: CJK fonts with every weight's outlines stay well under it. */
export const FONT_MAX_BYTES = 64 * 1024 * 1024;

export interface ArticleEntry {
  /** Path relative to the edition folder. */
  file: string;
  abs: string;
  department?: string;
  /** It may start under the article before (`run-on: true`). */
  runOn?: boolean;
  line: number;
  column: number;
}

/** An entry of `translations:`: the folder it names, resolved, and where. */
export interface Translation {
  abs: string;
  line: number;
  column: number;
}

/** A place in edition.yaml. */
export interface YamlPlace {
  line: number;
  column: number;
}

/** A filler of `fillers:`, its file found or its text as written; read by markdown/read-filler.ts. */
export interface FillerEntry {
  /** `filler-<n>` (its place in the list, 1-based) or the `id` given. */
  id: string;
  /** The file (path relative to the edition folder, and real path), or the text written in edition.yaml. */
  source: { file: string; abs: string } | { text: string; at: YamlPlace };
  /** Given in edition.yaml: over the file's front matter. */
  title?: { text: string; at: YamlPlace };
  credit?: { text: string; at: YamlPlace };
  lang?: string;
  /** The entry's place in edition.yaml. */
  line: number;
  column: number;
}

export interface Manifest {
  /** Real path of the edition folder. */
  dir: string;
  publication: string;
  issue: string;
  date: string;
  dateline: string;
  language: string;
  /** Quotation marks the edition sets for some languages (`quotes:`), over the defaults. */
  quotes: QuoteSettings;
  publisher?: string;
  identifier: string;
  description?: string;
  /** `site:` without a final `/`. */
  site?: string;
  cover?: { file: string; abs: string; line: number; column: number };
  /** `translations:`: the folders of the same issue in other languages, resolved from this one (checked by the site, which knows the editions). */
  translations: Translation[];
  articles: ArticleEntry[];
  /** `fillers:` in their order, ids settled and files found. */
  fillers: FillerEntry[];
  /** `article-folios:`: the page numbers of an article's own PDF. */
  articleFolios: 'issue' | 'own';
  layout: Layout;
  press: PressSettings;
  /** The limits this edition is built under: defaults, raised by `limits:`. */
  limits: Limits;
}

/** Returns the manifest, or undefined after reporting why it cannot be used. */
export async function loadManifest(world: World, editionDir: string, reporter: Reporter, baseLimits: Limits = DEFAULT_LIMITS): Promise<Manifest | undefined> {
  const file = MANIFEST_FILE;
  let dir: string;
  try {
    dir = await world.realpath(editionDir);
  } catch {
    reporter.report(error('manifest/missing', `edition folder \`${excerpt(editionDir)}\` does not exist`, { file: '.' }));
    return undefined;
  }
  const text = await readManifestText(world, dir, editionDir, reporter);
  if (text === undefined) return undefined;
  const parsed = parseYaml(text, file, 'manifest/yaml-syntax');
  if (!parsed.ok) {
    parsed.diagnostics.forEach((d) => reporter.report(d));
    return undefined;
  }
  const { source } = parsed;
  const checked = manifestSchema.safeParse(source.value ?? {});
  if (!checked.success) {
    // The schema speaks of the manifest as a whole: `publication` missing, etc.
    for (const d of schemaErrors(checked.error.issues, source)) reporter.report(d);
    return undefined;
  }
  const m = checked.data;
  const before = reporter.errors.length;
  const limits = resolveLimits(m.limits, baseLimits);
  if (m.articles.length > limits.articles) {
    reporter.report(
      error('limit/articles', `the issue lists ${m.articles.length} articles, over the limit of ${limits.articles}`, { file, ...source.locate(['articles']) }, [
        raiseHint('articles'),
      ]),
    );
    return undefined;
  }

  const dateOk = !Number.isNaN(Date.parse(`${m.date}T00:00:00Z`)) && new Date(`${m.date}T00:00:00Z`).toISOString().startsWith(m.date);
  if (!dateOk) reporter.report(error('manifest/invalid-value', `\`date\`: ${m.date} is not a calendar date`, { file, ...source.locate(['date']) }));

  const articles: ArticleEntry[] = [];
  const seen = new Map<string, number>();
  for (let i = 0; i < m.articles.length; i++) {
    const entry = m.articles[i];
    const given = typeof entry === 'string' ? entry : entry.file;
    const at = source.locate(typeof entry === 'string' ? ['articles', i] : ['articles', i, 'file']);
    const r = await resolveInside(world, dir, '.', given);
    if (!r.ok) {
      reporter.report(error(pathCode(r.reason), `article ${r.message}`, { file, ...at }, [r.hint]));
      continue;
    }
    const first = seen.get(r.abs);
    if (first !== undefined) {
      reporter.report(
        error('manifest/duplicate-article', `article \`${excerpt(given)}\` is listed twice`, { file, ...at }, [
          `it is already article ${first + 1} of the issue; an article appears once`,
        ]),
      );
      continue;
    }
    seen.set(r.abs, i);
    articles.push({
      file: r.rel,
      abs: r.abs,
      department: typeof entry === 'string' ? undefined : entry.department,
      ...(typeof entry !== 'string' && entry['run-on'] ? { runOn: true } : {}),
      ...lc(at),
    });
  }

  const fillers = await resolveFillers(world, dir, m.fillers ?? [], source, reporter);

  let cover: Manifest['cover'];
  if (m.cover !== undefined) {
    const at = source.locate(['cover']);
    const r = await resolveInside(world, dir, '.', m.cover);
    if (!r.ok) reporter.report(error(pathCode(r.reason, 'image/not-found'), `cover ${r.message}`, { file, ...at }, [r.hint]));
    else cover = { file: r.rel, abs: r.abs, ...lc(at) };
  }

  const layout = await resolveLayout(world, dir, m.layout, source, reporter);
  if (reporter.errors.length > before || !layout) return undefined;

  return {
    dir,
    publication: m.publication,
    issue: String(m.issue),
    date: m.date,
    dateline: m.dateline ?? formatLongDate(m.date, m.language ?? 'en'),
    language: m.language ?? 'en',
    quotes: quoteSettings(m.quotes),
    publisher: m.publisher,
    identifier: m.identifier ?? deriveIdentifier(m.publication, String(m.issue)),
    description: m.description,
    ...(m.site ? { site: m.site.replace(/\/+$/, '') } : {}),
    cover,
    translations: (m.translations ?? []).map((given, i) => ({ abs: path.resolve(dir, given), ...lc(source.locate(['translations', i])) })),
    articles,
    fillers,
    articleFolios: m['article-folios'] ?? 'own',
    layout,
    press: {
      bleed: m.press?.bleed ?? PRESS_DEFAULTS.bleed,
      marks: m.press?.marks ?? PRESS_DEFAULTS.marks,
      color: m.press?.color ?? PRESS_DEFAULTS.color,
      pageMultiple: m.press?.['page-multiple'] ?? PRESS_DEFAULTS.pageMultiple,
      outputIntent: m.press?.['output-intent'] ?? PRESS_DEFAULTS.outputIntent,
    },
    limits,
  };
}

/**
 * The text of edition.yaml, read only when it is a regular file inside the edition folder of
 * at most MANIFEST_MAX_BYTES: a symlink to a file elsewhere is never read (its lines would
 * appear in the parse errors), a FIFO never waited on, a device never read without end.
 */
async function readManifestText(world: World, dir: string, editionDir: string, reporter: Reporter): Promise<string | undefined> {
  const file = MANIFEST_FILE;
  const r = await world.readInside(dir, file, MANIFEST_MAX_BYTES);
  if (r.ok) return r.data.toString('utf8');
  if (r.reason === 'not-found') {
    reporter.report(
      error('manifest/missing', `no ${file} in \`${excerpt(editionDir)}\``, { file }, ['an edition folder holds edition.yaml and the articles; see README.md']),
    );
    return undefined;
  }
  const { message, hint } = refusalMessage('the manifest', file, r.reason, MANIFEST_MAX_BYTES, r.size);
  const hints = {
    outside: hint,
    'not-a-file': `${file} must be a file: not a folder, a FIFO, a socket or a device`,
    'too-large': `an ${file} takes a few KB: check that this is the file meant`,
  };
  reporter.report(error(pathCode(r.reason), message, { file }, [hints[r.reason]]));
  return undefined;
}

function resolveLimits(input: ManifestInput['limits'], base: Limits): Limits {
  return {
    articleBytes: input?.['article-size'] !== undefined ? parseSize(input['article-size']) : base.articleBytes,
    imageBytes: input?.['image-size'] !== undefined ? parseSize(input['image-size']) : base.imageBytes,
    imagePixels: input?.['image-megapixels'] !== undefined ? Math.round(input['image-megapixels'] * 1e6) : base.imagePixels,
    nesting: input?.nesting ?? base.nesting,
    tableRows: input?.['table-rows'] ?? base.tableRows,
    tableColumns: input?.['table-columns'] ?? base.tableColumns,
    articles: input?.articles ?? base.articles,
  };
}

/**
 * What is wrong with the bytes of a font file, as a message, or undefined: one that is not a
 * font, or a damaged one, would crash the typesetter or the PDF writer later (see
 * `checkFontData`, which tries it as a build will).
 */
async function readableFont(data: Buffer, shown: string): Promise<string | undefined> {
  // fontkit is loaded for an edition that names fonts of its own only.
  const { checkFontData } = await import('../vendor/fontkit.js');
  const check = checkFontData(data);
  if (check.ok) return undefined;
  return check.notAFont ? `font \`${shown}\` is not a TrueType or OpenType font` : `font \`${shown}\` is damaged: ${check.damage}`;
}

function lc(at: { line: number; column: number }) {
  return { line: at.line, column: at.column };
}

function schemaErrors(issues: Parameters<typeof schemaDiagnostics>[0], source: YamlSource): Diagnostic[] {
  const ds = schemaDiagnostics(issues, source, MANIFEST_FILE, 'the manifest');
  for (const d of ds) {
    if (d.message.startsWith('`date`')) d.hints = ['write the date as YYYY-MM-DD; a display date such as `Fall 2011` goes in `dateline`'];
    if (d.message.startsWith('`fillers['))
      d.hints = ['a filler is a path, `{file: fillers/quote.md}` or `{text: "…", credit: "…", title: "…"}`; see the manifest reference in README.md'];
    if (d.message.startsWith('`quotes'))
      d.hints = ['write a language and its four marks in quotes, such as `pt: "«»“”"`; the inner pair is for quotations inside quotations'];
  }
  return ds;
}

/**
 * The fillers' files found inside the edition and their ids settled: `filler-<n>` by place
 * in the list unless given, each id once (an id given that another entry's place would
 * take is refused too, so that adding an id never renames another filler).
 */
async function resolveFillers(
  world: World,
  dir: string,
  given: NonNullable<ManifestInput['fillers']>,
  source: YamlSource,
  reporter: Reporter,
): Promise<FillerEntry[]> {
  const file = MANIFEST_FILE;
  const out: FillerEntry[] = [];
  const ids = new Map<string, number>();
  for (let i = 0; i < given.length; i++) {
    const entry = typeof given[i] === 'string' ? { file: given[i] as string } : (given[i] as Exclude<(typeof given)[number], string>);
    const at = lc(source.locate(['fillers', i]));
    const id = entry.id ?? `filler-${i + 1}`;
    const first = ids.get(id);
    if (first !== undefined) {
      reporter.report(
        error(
          'manifest/invalid-value',
          `\`fillers[${i}]\`: the id \`${id}\` is already filler ${first + 1}'s`,
          { file, ...lc(source.locate(entry.id !== undefined ? ['fillers', i, 'id'] : ['fillers', i])) },
          [`each filler has its own id; one without \`id\` is named \`filler-<n>\` after its place in the list: give this one, or the other, another \`id\``],
        ),
      );
      continue;
    }
    ids.set(id, i);
    const place = (key: string): YamlPlace => lc(source.locate(['fillers', i, key]));
    const common = {
      id,
      title: entry.title !== undefined ? { text: entry.title, at: place('title') } : undefined,
      credit: entry.credit !== undefined ? { text: entry.credit, at: place('credit') } : undefined,
      lang: entry.lang,
      ...at,
    };
    if (entry.text !== undefined) {
      out.push({ ...common, source: { text: entry.text, at: place('text') } });
      continue;
    }
    const r = await resolveInside(world, dir, '.', entry.file ?? '');
    if (!r.ok) {
      const where = typeof given[i] === 'string' ? at : place('file');
      reporter.report(error(pathCode(r.reason), `filler ${r.message}`, { file, ...where }, [r.hint]));
      continue;
    }
    out.push({ ...common, source: { file: r.rel, abs: r.abs } });
  }
  // A given id equal to a later entry's default: that entry reports it above, at its place.
  return out;
}

/** A stable URN from publication and issue: the same issue always gets the same identifier. */
export function deriveIdentifier(publication: string, issue: string): string {
  const h = createHash('sha1').update(`pressroom\0${publication}\0${issue}`).digest('hex');
  // Shaped as a name-based (version 5 style) UUID so reading systems accept it.
  const v = `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16], 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  return `urn:uuid:${v}`;
}

async function resolveLayout(world: World, dir: string, input: LayoutInput | undefined, source: YamlSource, reporter: Reporter): Promise<Layout | undefined> {
  if (!input) return MAGAZINE;
  const base = PRESETS[input.preset ?? 'magazine'];
  // Lengths arrive in points: the schema converts them.
  const page = typeof input.page === 'string' ? PAGE_SIZES[input.page] : (input.page ?? { width: base.pageWidth, height: base.pageHeight });
  const [pageWidth, pageHeight] = [page.width, page.height];
  const m = input.margins;
  const margins = m === undefined ? base.margins : typeof m === 'number' ? { top: m, bottom: m, inside: m, outside: m } : m;
  const size = input.size ?? base.size;
  const leading = input.leading ?? (input.size !== undefined ? size * 1.25 : base.leading);
  const columns = input.columns ?? base.columns;
  const gutter = input.gutter ?? base.gutter;

  const runOn = input['run-on'] ?? base.runOn;
  const layout: Layout = {
    pageWidth,
    pageHeight,
    margins,
    columns,
    gutter,
    size,
    leading,
    runOn,
    ...(input.jumps === false ? { jumps: false } : {}),
    headlines: base.headlines,
    fonts: { ...base.fonts },
  };
  // The schema holds each length to its own range; here, what one means with the others.
  const at = source.locate(['layout']);
  const pt = (n: number) => `${+n.toFixed(2)} pt`;
  for (const [side, half, extent] of [
    ['top', pageHeight / 2, 'height'],
    ['bottom', pageHeight / 2, 'height'],
    ['inside', pageWidth / 2, 'width'],
    ['outside', pageWidth / 2, 'width'],
  ] as const) {
    if (margins[side] <= half) continue;
    const given = m !== undefined;
    const key = typeof m === 'object' ? `layout.margins.${side}` : 'layout.margins';
    reporter.report(
      error(
        'manifest/invalid-value',
        `\`${given ? key : 'layout.page'}\`: the ${given ? '' : "preset's "}${side} margin (${pt(margins[side])}) is more than half the page ${extent} (${pt(extent === 'height' ? pageHeight : pageWidth)})`,
        { file: MANIFEST_FILE, ...source.locate(given ? key.split('.') : input.page !== undefined ? ['layout', 'page'] : ['layout']) },
        [given ? 'a margin takes at most half the page: make it smaller, or the page larger' : 'give `layout.margins` for a page this small'],
      ),
    );
    return undefined;
  }
  if (leading < size * 0.8 || leading > size * 4) {
    const where = input.leading !== undefined ? ['layout', 'leading'] : ['layout', 'size'];
    reporter.report(
      error(
        'manifest/invalid-value',
        leading < size * 0.8
          ? `\`layout.leading\` (${pt(leading)}) is smaller than the text size (${pt(size)}): lines would overlap`
          : `\`layout.leading\` (${pt(leading)}) is more than 4 times the text size (${pt(size)})`,
        { file: MANIFEST_FILE, ...source.locate(where) },
        ['leading is usually 1.2 to 1.5 times the size; leave it out to get 1.25 times'],
      ),
    );
    return undefined;
  }
  const block = textBlock(layout);
  const column = columnWidth(block);
  if (column < size * 8 || block.height < leading * 10) {
    reporter.report(
      error(
        'manifest/invalid-value',
        `\`layout\`: the text area is too small (columns ${column.toFixed(0)} pt wide and ${block.height.toFixed(0)} pt tall, for text of ${pt(size)})`,
        { file: MANIFEST_FILE, ...at },
        ['a column takes at least 8 times the text size across and 10 lines down: use fewer columns, a narrower gutter, smaller margins or a larger page'],
      ),
    );
    return undefined;
  }
  for (const role of ['body', 'heading'] as const) {
    const set = input.fonts?.[role];
    if (!set) continue;
    const resolved: Partial<FontSet> = {};
    for (const [key, field] of [
      ['regular', 'regular'],
      ['italic', 'italic'],
      ['bold', 'bold'],
      ['boldItalic', 'bold-italic'],
    ] as const) {
      const given = set[field];
      if (given === undefined) continue;
      const at = { file: MANIFEST_FILE, ...source.locate(['layout', 'fonts', role, field]) };
      const r = await resolveInside(world, dir, '.', given);
      if (!r.ok) {
        reporter.report(error(pathCode(r.reason, 'font/not-found'), `font ${r.message}`, at, [r.hint]));
        continue;
      }
      // Read through the same checks again (the file could have been swapped since), capped.
      const read = await world.readInside(dir, path.relative(dir, r.abs), FONT_MAX_BYTES);
      if (!read.ok) {
        const { message, hint } = refusalMessage('font', given, read.reason, FONT_MAX_BYTES, read.size);
        reporter.report(error(pathCode(read.reason, 'font/not-found'), message, at, [hint]));
        continue;
      }
      // A file fontkit cannot read would crash the typesetter later: refuse it here, located.
      const problem = await readableFont(read.data, excerpt(given));
      if (problem) {
        reporter.report(error('font/invalid', problem, at, ['name a .ttf or .otf file (a single font, not a collection), as the type foundry made it']));
        continue;
      }
      resolved[key] = r.abs;
    }
    if (!resolved.regular) continue;
    const bold = resolved.bold ?? resolved.regular;
    layout.fonts[role] = {
      regular: resolved.regular,
      italic: resolved.italic ?? resolved.regular,
      bold,
      boldItalic: resolved.boldItalic ?? bold,
    };
  }
  return layout;
}
