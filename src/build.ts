// The pipeline in one function. Stages:
//   1. manifest  — edition.yaml checked against the schema, paths resolved
//   2. parse     — each article: Markdown → mdast → document model (images read by sharp)
//   3. typeset   — the model laid out into positioned pages (whole issue, each article)
//   4. pdf       — positioned pages drawn by pdfkit
//   4b. press    — the same pages as a press PDF (bleed, marks, gray/CMYK, PDF/X-1a), read
//                  back for the preflight report; optionally imposed for a proof (src/press)
//   5. epub      — the model rendered to XHTML, packed by epub-gen-memory
//   6. write     — every output written to a temp file and renamed, only when all succeeded
import { deserialize, serialize } from 'node:v8';
import { cacheKey, type BuildCache, NO_CACHE } from './cache/disk-cache.js';
import { codeVersion } from './cache/code-version.js';
import { changesSinceShown, forgetShown, type PageChanges } from './pages/page-changes.js';
import { keptTask } from './parallel/kept-task.js';
import { stillAnswered, TracingWorld, type Question } from './cache/trace.js';
import type { Page } from './pages/page.js';
import path from 'node:path';
import { loadHighlighterFor } from './model/highlight.js';
import { BuildError, error, Reporter, warning, type Diagnostic } from './diagnostics/diagnostic.js';
import { during, locateCrash } from './diagnostics/crash.js';
import type { ImageLimits } from './images/load-image.js';
import { DEFAULT_LIMITS, type Limits } from './limits/limits.js';
import { loadManifest, type Manifest } from './manifest/load-manifest.js';
import { checkLinks } from './model/check-links.js';
import type { Article, ImageAsset, Issue, PrintFiles } from './model/types.js';
import { checkOutputFolder, type OutputFolder } from './outputs/output-folder.js';
import { outputRecord, readRecord, removeUnwritten, sha256 } from './outputs/output-record.js';
import { nodeWorld, removeStaleTemps, writeAll, type World } from './world.js';
import { Helpers } from './parallel/pool.js';
import type { Task, TaskResult } from './parallel/tasks.js';
import type { Imposition } from './settings/press.js';
import type { PreflightReport } from './press/preflight.js';

export interface BuildOptions {
  /** The edition folder (holds edition.yaml). */
  editionDir: string;
  /** Output folder; default `output/<edition>` beside the current directory. */
  outDir?: string;
  world?: World;
  imageLimits?: ImageLimits;
  /** Limits to build under before edition.yaml raises them (default: DEFAULT_LIMITS). */
  limits?: Partial<Limits>;
  /** Called with each warning as soon as it is known. */
  onDiagnostic?: (d: Diagnostic) => void;
  /** Take every warning as an error, the press PDF's preflight findings too (BuildError, nothing written). */
  strict?: boolean;
  /** Also write `<edition>.imposed.pdf`, a proof imposed for saddle stitching. */
  impose?: Imposition;
  /** Called as each step starts (the command line's watchdog names the step that overran). */
  onProgress?: (step: BuildStep) => void;
  /** Threads the build may use for its independent parts (default 1: all on this thread). */
  threads?: number;
  /** Where products are kept between builds (converted images, read articles, whole builds); none by default. */
  cache?: BuildCache;
  /**
   * Called with the issue's PDF as soon as it is made, before the EPUB, the press PDF and the
   * articles' PDFs (a preview shows its pages meanwhile), with the warnings known by then.
   */
  onPreview?: (p: PreviewPages) => void;
  /** Called with the EPUB as soon as it is made, after `onPreview` (a preview shows its chapters). */
  onPreviewEpub?: (epub: Buffer) => void;
}

/**
 * What a preview is sent of the issue's pages: a PDF of the pages `pages.changed` names (all
 * of them, the issue's own PDF, when the last preview showed none, or most, of them the same).
 */
export interface PreviewPages {
  pdf: Buffer;
  pages: PageChanges;
  warnings: Diagnostic[];
}

/** A step of the build, where it is at: what it is doing and, where known, in which file. */
export interface BuildStep {
  doing: string;
  file?: string;
  line?: number;
  column?: number;
  /** Loading Pressroom's own libraries: not the input's doing, so not held to the time budget. */
  loading?: boolean;
}

/**
 * Stages of the build, timed. `parse` is the wall time of reading the articles, their images'
 * conversion included; `images` is the part of it spent converting images (for the benchmark).
 */
export type Stage = 'manifest' | 'parse' | 'images' | 'typeset' | 'pdf' | 'press' | 'epub' | 'write';

export interface BuildResult {
  /** The output folder (absolute). */
  outDir: string;
  /** The edition folder's real path. */
  editionDir: string;
  /** Absolute paths of the files written. */
  outputs: string[];
  warnings: Diagnostic[];
  /** Pages of the whole-issue PDF. */
  pages: number;
  /** Articles in the issue. */
  articles: number;
  /** Pages of each PDF written (the press PDF's blank pages included), by its path in `outputs`. */
  pageCounts: Record<string, number>;
  /** True when nothing had changed since the last build: its outputs stand, nothing was written. */
  fromCache?: boolean;
  /** With helper threads (`threads` > 1): the tasks done on them and on the build's own thread. */
  parallel?: { helpers: number; here: number };
  /** Milliseconds per stage. */
  timings: Record<Stage, number>;
  issue: Issue;
  /** Where the page builder set each filler (after which article, on which page), and those it had no room for. */
  fillers: { placed: { id: string; after: string; page: number }[]; unused: string[] };
  /** The preflight of the press PDF: its diagnostics are not in `warnings`. */
  preflight: PreflightReport;
}

/** Build one edition. Throws BuildError (with located diagnostics) on bad input. */
export async function buildEdition(opts: BuildOptions): Promise<BuildResult> {
  const world = opts.world ?? nodeWorld;
  const reporter = new Reporter(opts.strict);
  const timings: Record<Stage, number> = { manifest: 0, parse: 0, images: 0, typeset: 0, pdf: 0, press: 0, epub: 0, write: 0 };
  const timed = async <T>(stage: Stage, fn: () => Promise<T> | T): Promise<T> => {
    const t = performance.now();
    try {
      return await fn();
    } finally {
      timings[stage] += performance.now() - t;
    }
  };

  // The output folder is checked before anything is read: a build never writes into the
  // edition, the current folder by an empty path, or a folder of the system.
  const editionName = path.basename(path.resolve(opts.editionDir));
  const outDir = path.resolve(opts.outDir ?? path.join('output', editionName));
  const out: OutputFolder = { given: opts.outDir, abs: outDir, editionDir: opts.editionDir };
  const folder = await checkOutputFolder(world, out);
  if (!folder.ok) throw new BuildError([folder.diagnostic]);

  const progress = opts.onProgress ?? (() => {});
  const cache = opts.cache ?? NO_CACHE;
  const buildKey = cacheKey(
    codeVersion(),
    'build',
    path.resolve(opts.editionDir),
    outDir,
    !!opts.strict,
    opts.impose ?? '',
    opts.imageLimits ?? null,
    opts.limits ?? null,
  );
  progress({ doing: 'checking the build cache', file: 'edition.yaml' });
  const kept = await keptBuild(cache, buildKey, world, out);
  if (kept) {
    // The preview is shown these outputs from the files, not pages this process knows.
    if (opts.onPreview) forgetShown(outDir);
    for (const w of kept.warnings) opts.onDiagnostic?.(w);
    // The issue for the caller, from the articles the cache holds (their warnings are in `kept`).
    const quiet = new Reporter();
    const manifest = await loadManifest(world, opts.editionDir, quiet, { ...DEFAULT_LIMITS, ...opts.limits });
    if (manifest) {
      const issue = await readIssue(world, manifest, quiet, opts.imageLimits, () => {}, progress, cache);
      if (!quiet.errors.length) return { ...kept, issue, timings, fromCache: true };
    }
  }
  // Helper threads start now: their libraries load while the articles are read.
  const helpers = (opts.threads ?? 1) > 1 ? new Helpers((opts.threads ?? 1) - 1) : undefined;
  // The build proper's libraries (PDF writer, EPUB packer, typesetter) load only now: a build
  // whose outputs stand, above, needs none of them (0.7 s of the start of a command).
  progress({ doing: 'loading the typesetter and the PDF and EPUB writers', loading: true });
  const [{ writePdf }, { buildEpub, fillersAfterOf, startCover }, { typesetArticle, typesetIssue }, { countUses, layoutsUsed }, { runTask }] =
    await Promise.all([
      import('./backends/pdf/write-pdf.js'),
      import('./backends/epub/build-epub.js'),
      import('./typeset/typeset-issue.js'),
      import('./typeset/layout-memo.js'),
      import('./parallel/tasks.js'),
    ]);
  try {
    // Every question the build asks of the files, so that the next build can tell whether its outputs still stand.
    const traced = new TracingWorld(world);
    const reads = traced.world;
    progress({ doing: 'reading edition.yaml', file: 'edition.yaml' });
    const manifest = await timed('manifest', () => loadManifest(reads, opts.editionDir, reporter, { ...DEFAULT_LIMITS, ...opts.limits }));
    reporter.checkpoint();
    if (!manifest) throw new BuildError([error('manifest/missing', 'the manifest could not be read')]);
    // What the last build of the edition measured, shaped, highlighted and drew: an edited
    // article's words are not shaped afresh, its code not highlighted again, its pages replayed.
    await timed('parse', () => adoptHandedOn(cache, manifest.dir));

    const issue = await timed('parse', () => readIssue(reads, manifest, reporter, opts.imageLimits, (ms) => (timings.images += ms), progress, cache));
    reporter.checkpoint();
    // The EPUB's cover is drawn on sharp's threads while this one typesets and draws the PDFs.
    startCover(issue, cache);

    // The images' files for the backends, converted on a thread of their own while the issue is
    // set: the print files awaited once it is set, the screen files before the EPUB.
    const { printFiles, screenFiles } = await import('./images/issue-images.js');
    const { imageLimitsOf } = await import('./images/load-image.js');
    const sources = {
      world: reads,
      dir: manifest.dir,
      limits: opts.imageLimits ?? imageLimitsOf(manifest.limits),
      cache,
      ...(manifest.cover ? { coverAt: { file: 'edition.yaml', line: manifest.cover.line, column: manifest.cover.column } } : {}),
    };
    let printing: Promise<PrintFiles> | undefined;
    const imageFiles = () => (printing ??= printFiles(issue, sources, reporter));
    await loadHighlighterFor(issue);
    const layout = manifest.layout;
    const files: { path: string; data: Buffer }[] = [];
    const pageCounts: Record<string, number> = {};
    let preflightReport: PreflightReport | undefined;

    // A crash in the typesetter or the PDF writer is located by trying each article alone
    // (no `ran`: its source line then names no pages).
    const draw = async (a: Article) =>
      writePdf(typesetArticle(issue, a, layout).pages, { title: a.titleText, author: '', subject: '', lang: a.lang, date: issue.date }, await imageFiles());
    const located =
      (doing: string, library: string) =>
      async (e: unknown): Promise<never> => {
        throw await locateCrash(e, doing, issue.articles, draw, library);
      };
    progress({ doing: 'typesetting the issue', file: 'edition.yaml' });
    // The articles' layouts the last build of this edition kept: an article not changed since is not set again.
    const layoutsKey = cacheKey(codeVersion(), 'layouts', manifest.dir);
    await timed('typeset', () => adoptKeptLayouts(cache, layoutsKey));
    countUses();
    const issuePages = await timed('typeset', () => typesetIssue(issue, layout, { report: reporter })).catch(located('typesetting the issue', 'fontkit'));
    if (cache !== NO_CACHE) await cache.put('layouts', layoutsKey, serialize(layoutsUsed()));
    const images = await timed('images', imageFiles);
    const meta = {
      title: `${issue.publication} ${issue.issue}`,
      author: issue.publisher ?? issue.publication,
      subject: issue.description ?? `${issue.publication}, ${issue.dateline}`,
      lang: issue.language,
      date: issue.date,
    };
    // With helper threads, the press PDF and the articles' PDFs are made on them while this
    // thread writes the issue's PDF and the EPUB; without, all in turn here. Same bytes either way.
    // A task whose inputs are those of the last build's same task is not done again (kept-task.ts).
    const run = (task: Task) => keptTask(cache, task, images, () => (helpers ? helpers.run(task) : runTask(task, images, cache)));
    /** A PDF of `pages`, drawn on this thread (or kept from the last build). */
    const pdfHere = (pages: Page[], m: typeof meta) =>
      keptTask(cache, { kind: 'pdf', pages, meta: m }, images, () => runTask({ kind: 'pdf', pages, meta: m }, images, cache)).then(pdfOf);
    {
      helpers?.share(images);
      const pressTask: Task = {
        kind: 'press',
        input: { pages: issuePages.pages, typesetWarnings: issuePages.warnings, meta, press: manifest.press, outDir, editionName, impose: opts.impose },
      };
      // Queued for the helpers, the longest first; this thread makes the issue's PDF and the
      // EPUB meanwhile, then takes what is still queued.
      const pressJob = helpers ? run(pressTask) : undefined;
      const articleJobs = helpers ? issue.articles.map((a) => articlePdf(a)) : [];

      // A preview that shows most of these pages already is sent the others first, alone.
      const changes = opts.onPreview ? changesSinceShown(outDir, issuePages.pages) : undefined;
      const few = changes?.base !== undefined && changes.changed.length > 0 && changes.changed.length <= changes.total / 2;
      if (changes && few) {
        const pdf = await timed('pdf', () =>
          writePdf(
            changes.changed.map((i) => issuePages.pages[i]),
            meta,
            images,
          ),
        ).catch(located('writing the PDF of the changed pages', 'pdfkit'));
        opts.onPreview?.({ pdf, pages: changes, warnings: reporter.warnings });
      }
      progress({ doing: 'writing the PDF of the issue', file: 'edition.yaml' });
      const issuePdf = await timed('pdf', () => pdfHere(issuePages.pages, meta)).catch(located('writing the PDF of the issue', 'pdfkit'));
      files.push({ path: path.join(outDir, `${editionName}.pdf`), data: issuePdf });
      pageCounts[path.join(outDir, `${editionName}.pdf`)] = issuePages.pages.length;
      if (changes && !few) opts.onPreview?.({ pdf: issuePdf, pages: { ...changes, changed: issuePages.pages.map((_, i) => i) }, warnings: reporter.warnings });
      progress({ doing: 'making the EPUB', file: 'edition.yaml' });
      const screens = await timed('images', () => screenFiles(issue, sources, reporter));
      const epub = await timed('epub', () =>
        buildEpub(issue, screens, {
          templateOverrides: path.join(manifest.dir, 'templates'),
          confineTo: manifest.dir,
          world: reads,
          cache,
          // Each filler after the article it follows in print.
          fillersAfter: fillersAfterOf(issuePages.fillers ?? []),
        }),
      );
      opts.onPreviewEpub?.(epub);
      await helpers?.helpHere();

      progress({ doing: 'making the press PDF and its preflight', file: 'edition.yaml' });
      const pressDone = await timed('press', () => pressJob ?? run(pressTask));
      if (pressDone.kind !== 'press') throw new Error('the press task gave another kind of result');
      for (const d of pressDone.reported) reporter.report(d);
      const press = pressDone.output;
      files.push(...press.files);
      // --strict: every preflight finding is an error too (a padded page, an RGB image converted).
      if (opts.strict && press.preflight.diagnostics.length) {
        throw new BuildError(press.preflight.diagnostics.map((d) => ({ ...d, severity: 'error' as const })));
      }
      preflightReport = press.preflight;
      pageCounts[path.join(outDir, `${editionName}.press.pdf`)] = press.preflight.pages.count;

      for (const [i, article] of issue.articles.entries()) {
        progress({ doing: `writing the PDF of article ${article.index}`, file: article.pos.file });
        files.push({ path: path.join(outDir, 'articles', `${article.id}.pdf`), data: await timed('pdf', () => articleJobs[i] ?? articlePdf(article)) });
      }
      files.push({ path: path.join(outDir, `${editionName}.epub`), data: epub });
    }

    /** An article's own PDF: its pages set here (taken from the issue's when it ran on pages of its own), drawn where there is a thread free. */
    async function articlePdf(article: Article): Promise<Buffer> {
      // Where it ran in the issue, for the source line on its first page (and its folios).
      const ran = issuePages.articles?.find((p) => p.id === article.id);
      const laid = issuePages.laid?.get(article.id);
      // Its warnings repeat the whole issue's, already reported.
      const set = await Promise.resolve()
        .then(() => typesetArticle(issue, article, layout, { ran, laid }))
        .catch(located('typesetting', 'fontkit'));
      pageCounts[path.join(outDir, 'articles', `${article.id}.pdf`)] = set.pages.length;
      const pdfMeta = {
        title: article.titleText,
        author: article.authors.join(', ') || meta.author,
        subject: `${issue.publication} ${issue.issue}`,
        lang: article.lang,
        date: issue.date,
      };
      return run({ kind: 'pdf', pages: set.pages, meta: pdfMeta }).then(pdfOf).catch(located('writing the PDF', 'pdfkit'));
    }

    await keepHandedOn(cache, manifest.dir);
    reporter.checkpoint(); // under --strict, the warnings of the later stages
    progress({ doing: `writing the outputs into ${outDir}` });
    await timed('write', () => writeOutputs(world, out, files));
    for (const w of reporter.warnings) opts.onDiagnostic?.(w);
    const placed = issuePages.fillers ?? [];
    const unused = (issue.fillers ?? []).map((f) => f.id).filter((id) => !placed.some((p) => p.id === id));
    const result: BuildResult = {
      outDir,
      editionDir: manifest.dir,
      outputs: files.map((f) => f.path),
      warnings: reporter.warnings,
      pages: issuePages.pages.length,
      timings,
      articles: issue.articles.length,
      pageCounts,
      issue,
      fillers: { placed, unused },
      preflight: preflightReport!,
      ...(helpers ? { parallel: { ...helpers.done } } : {}),
    };
    // The fonts are opened by path, outside the World: their size and time stand for them.
    for (const file of fontFiles(issuePages.pages)) await traced.stampFile(file);
    await keepBuild(cache, buildKey, traced.questions, result, files);
    return result;
  } finally {
    await helpers?.close();
  }
}

/** The bytes of a PDF task's result. */
function pdfOf(r: TaskResult): Buffer {
  if (r.kind !== 'pdf') throw new Error('the PDF task gave another kind of result');
  return r.data;
}

/** What a build kept for the next one: what it asked, what it wrote (digests), and what it reported. */
interface KeptBuild {
  questions: Question[];
  files: { path: string; sha256: string }[];
  result: Omit<BuildResult, 'timings' | 'issue' | 'fromCache' | 'parallel'>;
}

async function keepBuild(cache: BuildCache, key: string, questions: Question[], result: BuildResult, files: { path: string; data: Buffer }[]): Promise<void> {
  if (cache === NO_CACHE) return;
  const { timings: _t, issue: _i, fromCache: _f, parallel: _p, ...rest } = result;
  const kept: KeptBuild = { questions, files: files.map((f) => ({ path: f.path, sha256: sha256(f.data) })), result: rest };
  await cache.put('build', key, serialize(kept));
  await cache.prune();
}

/**
 * The last build's result when nothing it read has changed and every file it wrote is in the
 * output folder as it wrote it: then nothing is built or written again. Otherwise undefined.
 */
async function keptBuild(cache: BuildCache, key: string, world: World, out: OutputFolder): Promise<KeptBuild['result'] | undefined> {
  const data = await cache.get('build', key);
  if (!data) return undefined;
  let kept: KeptBuild;
  try {
    kept = deserialize(data) as KeptBuild;
  } catch {
    return undefined;
  }
  if (!(await stillAnswered(world, kept.questions))) return undefined;
  for (const f of kept.files) {
    const on = await world.readInside(out.abs, path.relative(out.abs, f.path), Number.MAX_SAFE_INTEGER).catch(() => undefined);
    if (!on?.ok || sha256(on.data) !== f.sha256) return undefined;
  }
  return kept.result;
}

/** The font files the pages' text is set in. */
function fontFiles(pages: readonly Page[]): string[] {
  const files = new Set<string>();
  for (const p of pages) for (const it of p.items) if (it.kind === 'text') files.add(it.file);
  return [...files].sort();
}

/** Every article of the manifest read into the document model (exported for the benchmark). */
export async function readIssue(
  world: World,
  manifest: Manifest,
  reporter: Reporter,
  imageLimits: ImageLimits | undefined,
  onImageTime: (ms: number) => void,
  progress: (step: BuildStep) => void = () => {},
  cache: BuildCache = NO_CACHE,
): Promise<Issue> {
  // What every article depends on besides its own files: the edition's settings (not its list of articles).
  const { articles: _entries, fillers: _fillers, cover: _cover, ...settings } = manifest;
  // One after another: each is a step of its own for the time budget (read at once, the
  // hostile articles of one edition shared a step, and the budget stopped the build before
  // their own limits could refuse them). Sharp converts an article's images a few at a time.
  const read: { article: Article | undefined; own: Reporter }[] = [];
  for (const [i, entry] of manifest.articles.entries()) {
    progress({ doing: `reading article ${i + 1}`, file: entry.file });
    const key = cacheKey(codeVersion(), 'article', settings, entry, i + 1, imageLimits ?? null);
    const own = new Reporter();
    const article = await keptArticle(cache, key, world, own, async (w, r) => {
      // Loaded for an article not in the cache only (the Markdown parser and its plugins).
      const { readArticle } = await import('./markdown/read-article.js');
      return readArticle({ world: w, manifest, entry, index: i + 1, reporter: r, imageLimits, onImageTime, cache });
    });
    read.push({ article, own });
  }
  const articles: Article[] = [];
  for (const { article, own } of read) {
    for (const d of own.all) reporter.report(d);
    if (article) articles.push(article);
  }
  let cover: ImageAsset | undefined;
  if (manifest.cover) {
    const { ImageProblem, imageLimitsOf, isImageProblem, readImage } = await import('./images/load-image.js');
    const t = performance.now();
    try {
      cover = await during(
        'converting the cover image',
        { file: 'edition.yaml', line: manifest.cover.line, column: manifest.cover.column },
        () => readImage(world, manifest.cover!.abs, manifest.cover!.file, imageLimits ?? imageLimitsOf(manifest.limits), manifest.dir, cache),
        'sharp',
        isImageProblem,
      );
      for (const n of cover.notes ?? [])
        reporter.report(
          warning(n.code, n.message, { file: 'edition.yaml', line: manifest.cover.line, column: manifest.cover.column }, n.hint ? [n.hint] : undefined),
        );
    } catch (e) {
      if (!(e instanceof ImageProblem)) throw e;
      reporter.report(
        error(e.code, e.message, { file: 'edition.yaml', line: manifest.cover.line, column: manifest.cover.column }, e.hint ? [e.hint] : undefined),
      );
    }
    onImageTime(performance.now() - t);
  }
  const departments: string[] = [];
  for (const a of articles) if (a.department && !departments.includes(a.department)) departments.push(a.department);
  const issue: Issue = {
    publication: manifest.publication,
    issue: manifest.issue,
    date: manifest.date,
    dateline: manifest.dateline,
    language: manifest.language,
    publisher: manifest.publisher,
    identifier: manifest.identifier,
    description: manifest.description,
    cover,
    articles,
    departments,
    ...(manifest.fillers.length ? { fillers: await (await import('./markdown/read-filler.js')).readFillers(world, manifest, reporter) } : {}),
    articleFolios: manifest.articleFolios,
    ...(manifest.translations.length ? { translations: manifest.translations.map((t) => ({ folder: t.abs, line: t.line, column: t.column })) } : {}),
  };
  for (const d of checkLinks(issue)) reporter.report(d);
  return issue;
}

/** Layouts kept on disk by the last build of the edition, handed to the typesetter's memo. */
async function adoptKeptLayouts(cache: BuildCache, key: string): Promise<void> {
  const data = cache === NO_CACHE ? undefined : await cache.get('layouts', key);
  if (!data) return;
  try {
    const layouts = deserialize(data);
    if (layouts instanceof Map) (await import('./typeset/layout-memo.js')).adoptLayouts(layouts as Map<string, Buffer>);
  } catch {
    /* not an entry this code wrote: the articles are set afresh */
  }
}

/**
 * What a process measured and shaped, handed to the next build of the edition through the
 * cache: the typesetter's widths and hyphenation points, the PDF writer's shaped words and drawn
 * pages (drawn-pages.ts), the highlighted code blocks. Each
 * side drops what it cannot read, and takes nothing when it has measured already.
 */
const HANDED_ON: readonly { kind: string; load: () => Promise<{ take(): Buffer | undefined; adopt(data: Buffer): void }> }[] = [
  { kind: 'measures', load: async () => import('./typeset/text/measures.js').then((m) => ({ take: m.measuresKept, adopt: m.adoptMeasures })) },
  { kind: 'shaped-words', load: async () => import('./vendor/pdfkit.js').then((m) => ({ take: m.shapedWordsKept, adopt: m.adoptShapedWords })) },
  { kind: 'highlights', load: async () => import('./model/highlight.js').then((m) => ({ take: m.highlightsKept, adopt: m.adoptHighlights })) },
  { kind: 'drawn-pages', load: async () => import('./backends/pdf/drawn-pages.js').then((m) => ({ take: m.drawnPagesKept, adopt: m.adoptDrawnPages })) },
];

async function adoptHandedOn(cache: BuildCache, dir: string): Promise<void> {
  if (cache === NO_CACHE) return;
  for (const h of HANDED_ON) {
    const data = await cache.get(h.kind, cacheKey(codeVersion(), h.kind, dir));
    if (data) (await h.load()).adopt(data);
  }
}

async function keepHandedOn(cache: BuildCache, dir: string): Promise<void> {
  if (cache === NO_CACHE) return;
  for (const h of HANDED_ON) {
    const data = (await h.load()).take();
    if (data) await cache.put(h.kind, cacheKey(codeVersion(), h.kind, dir), data);
  }
}

/** What reading an article kept for the next build: what it asked of the files, the article, what it reported. */
interface KeptArticle {
  questions: Question[];
  article: Article;
  diagnostics: Diagnostic[];
}

/**
 * The article as the last build read it when none of the files it read has changed (its
 * warnings reported again); else read afresh, and kept when it was read without error.
 * The checks ask `world` again, so a build tracing its reads sees the article's too.
 */
async function keptArticle(
  cache: BuildCache,
  key: string,
  world: World,
  reporter: Reporter,
  read: (world: World, reporter: Reporter) => Promise<Article | undefined>,
): Promise<Article | undefined> {
  const data = cache === NO_CACHE ? undefined : await cache.get('article', key);
  if (data) {
    try {
      const kept = deserialize(data) as KeptArticle;
      if (await stillAnswered(world, kept.questions)) {
        for (const d of kept.diagnostics) reporter.report(d);
        return kept.article;
      }
    } catch {
      /* not an entry this code wrote: read the article again */
    }
  }
  const traced = new TracingWorld(world);
  const own = new Reporter();
  const article = await read(traced.world, own);
  for (const d of own.all) reporter.report(d);
  if (article && cache !== NO_CACHE && !own.all.some((d) => d.severity === 'error')) {
    await cache.put('article', key, serialize({ questions: traced.questions, article, diagnostics: own.all } satisfies KeptArticle));
  }
  return article;
}

/**
 * Write every file (all to temporary files first, then each renamed into place, the record of
 * what was written last), then remove the outputs of the last build this one did not make
 * (only those recorded and unchanged since), and temporary files a killed build left behind.
 * The folder is checked again first: it may have changed while the edition was built.
 */
async function writeOutputs(world: World, out: OutputFolder, files: { path: string; data: Buffer }[]): Promise<void> {
  const outDir = out.abs;
  const subfolders = [...new Set(files.map((f) => path.relative(outDir, path.dirname(f.path))).filter((d) => d !== ''))];
  const folder = await checkOutputFolder(world, out, subfolders);
  if (!folder.ok) throw new BuildError([folder.diagnostic]);
  const previous = await readRecord(world, folder.real);
  try {
    await writeAll(world, [...files, outputRecord(outDir, files)]);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    throw new BuildError([
      error('output/write-failed', `cannot write to \`${outDir}\`: ${err.code ?? ''} ${err.message}`.trim(), { file: outDir }, [
        err.code === 'ENOSPC'
          ? 'the disk is full: free some space and build again (the previous outputs are as they were)'
          : 'check that the output folder is writable, or choose another with --out (the previous outputs are as they were)',
      ]),
    ]);
  }
  const real = await world.realpath(outDir);
  await removeUnwritten(world, real, previous, new Set(files.map((f) => path.relative(outDir, f.path).split(path.sep).join('/'))));
  for (const dir of [outDir, path.join(outDir, 'articles')]) await removeStaleTemps(world, dir);
}
