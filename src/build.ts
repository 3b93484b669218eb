// The pipeline in one function. Stages:
//   1. manifest  — edition.yaml checked against the schema, paths resolved
//   2. parse     — each article: Markdown → mdast → document model (images read by sharp)
//   3. typeset   — the model laid out into positioned pages (whole issue, each article)
//   4. pdf       — positioned pages drawn by pdfkit
//   4b. press    — the same pages as a press PDF (bleed, marks, gray/CMYK, PDF/X-1a), read
//                  back for the preflight report; optionally imposed for a proof (src/press)
//   5. epub      — the model rendered to XHTML, packed by epub-gen-memory
//   6. write     — every output written to a temp file and renamed, only when all succeeded
import { issueImages } from './model/walk.js';
import path from 'node:path';
import { buildEpub, fillersAfterOf } from './backends/epub/build-epub.js';
import { writePdf } from './backends/pdf/write-pdf.js';
import { BuildError, error, Reporter, type Diagnostic } from './diagnostics/diagnostic.js';
import { during, locateCrash } from './diagnostics/crash.js';
import { ImageProblem, imageLimitsOf, isImageProblem, readImage, type ImageLimits } from './images/load-image.js';
import { DEFAULT_LIMITS, type Limits } from './limits/limits.js';
import { loadManifest, type Manifest } from './manifest/load-manifest.js';
import { readFillers } from './markdown/read-filler.js';
import { readArticle } from './markdown/read-article.js';
import { checkLinks } from './model/check-links.js';
import type { Article, ImageAsset, Issue } from './model/types.js';
import { typesetArticle, typesetIssue } from './typeset/typeset-issue.js';
import { checkOutputFolder, type OutputFolder } from './outputs/output-folder.js';
import { outputRecord, readRecord, removeUnwritten } from './outputs/output-record.js';
import { nodeWorld, removeStaleTemps, writeAll, type World } from './world.js';
import { buildPress } from './press/build-press.js';
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
}

/** A step of the build, where it is at: what it is doing and, where known, in which file. */
export interface BuildStep {
  doing: string;
  file?: string;
  line?: number;
  column?: number;
}

export type Stage = 'manifest' | 'parse' | 'images' | 'typeset' | 'pdf' | 'press' | 'epub' | 'write';

export interface BuildResult {
  /** Absolute paths of the files written. */
  outputs: string[];
  warnings: Diagnostic[];
  /** Pages of the whole-issue PDF. */
  pages: number;
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
  progress({ doing: 'reading edition.yaml', file: 'edition.yaml' });
  const manifest = await timed('manifest', () => loadManifest(world, opts.editionDir, reporter, { ...DEFAULT_LIMITS, ...opts.limits }));
  reporter.checkpoint();
  if (!manifest) throw new BuildError([error('manifest/missing', 'the manifest could not be read')]);

  const issue = await timed('parse', () => readIssue(world, manifest, reporter, opts.imageLimits, (ms) => (timings.images += ms), progress));
  timings.parse -= timings.images;
  reporter.checkpoint();

  const images = collectImages(issue);
  const layout = manifest.layout;
  const files: { path: string; data: Buffer }[] = [];

  // A crash in the typesetter or the PDF writer is located by trying each article alone
  // (no `ran`: its source line then names no pages).
  const draw = async (a: Article) =>
    writePdf(typesetArticle(issue, a, layout).pages, { title: a.titleText, author: '', subject: '', lang: a.lang, date: issue.date }, images);
  const located =
    (doing: string, library: string) =>
    async (e: unknown): Promise<never> => {
      throw await locateCrash(e, doing, issue.articles, draw, library);
    };
  progress({ doing: 'typesetting the issue', file: 'edition.yaml' });
  const issuePages = await timed('typeset', () => typesetIssue(issue, layout, { report: reporter })).catch(located('typesetting the issue', 'fontkit'));
  const meta = {
    title: `${issue.publication} ${issue.issue}`,
    author: issue.publisher ?? issue.publication,
    subject: issue.description ?? `${issue.publication}, ${issue.dateline}`,
    lang: issue.language,
    date: issue.date,
  };
  progress({ doing: 'writing the PDF of the issue', file: 'edition.yaml' });
  files.push({
    path: path.join(outDir, `${editionName}.pdf`),
    data: await timed('pdf', () => writePdf(issuePages.pages, meta, images)).catch(located('writing the PDF of the issue', 'pdfkit')),
  });
  progress({ doing: 'making the press PDF and its preflight', file: 'edition.yaml' });
  const press = await timed('press', () =>
    buildPress({
      pages: issuePages.pages,
      typesetWarnings: issuePages.warnings,
      meta,
      images,
      press: manifest.press,
      outDir,
      editionName,
      impose: opts.impose,
      report: reporter,
    }),
  );
  files.push(...press.files);
  // --strict: every preflight finding is an error too (a padded page, an RGB image converted).
  if (opts.strict && press.preflight.diagnostics.length) {
    throw new BuildError(press.preflight.diagnostics.map((d) => ({ ...d, severity: 'error' as const })));
  }

  for (const article of issue.articles) {
    progress({ doing: `typesetting and writing the PDF of article ${article.index}`, file: article.pos.file });
    // Where it ran in the issue, for the source line on its first page (and its folios).
    const ran = issuePages.articles?.find((p) => p.id === article.id);
    // Its pages as the issue set them when it ran on pages of its own: only the furniture is new.
    const laid = issuePages.laid?.get(article.id);
    const r = await timed('typeset', () => typesetArticle(issue, article, layout, { ran, laid })).catch(located('typesetting', 'fontkit'));
    // Its warnings repeat the whole issue's, already reported.
    const data = await timed('pdf', () =>
      writePdf(
        r.pages,
        {
          title: article.titleText,
          author: article.authors.join(', ') || meta.author,
          subject: `${issue.publication} ${issue.issue}`,
          lang: article.lang,
          date: issue.date,
        },
        images,
      ),
    ).catch(located('writing the PDF', 'pdfkit'));
    files.push({ path: path.join(outDir, 'articles', `${article.id}.pdf`), data });
  }

  progress({ doing: 'making the EPUB', file: 'edition.yaml' });
  const epub = await timed('epub', () =>
    buildEpub(issue, {
      templateOverrides: path.join(manifest.dir, 'templates'),
      confineTo: manifest.dir,
      // Each filler after the article it follows in print.
      fillersAfter: fillersAfterOf(issuePages.fillers ?? []),
    }),
  );
  files.push({ path: path.join(outDir, `${editionName}.epub`), data: epub });

  reporter.checkpoint(); // under --strict, the warnings of the later stages
  progress({ doing: `writing the outputs into ${outDir}` });
  await timed('write', () => writeOutputs(world, out, files));
  for (const w of reporter.warnings) opts.onDiagnostic?.(w);
  const placed = issuePages.fillers ?? [];
  const unused = (issue.fillers ?? []).map((f) => f.id).filter((id) => !placed.some((p) => p.id === id));
  return {
    outputs: files.map((f) => f.path),
    warnings: reporter.warnings,
    pages: issuePages.pages.length,
    timings,
    issue,
    fillers: { placed, unused },
    preflight: press.preflight,
  };
}

/** Every article of the manifest read into the document model (exported for the benchmark). */
export async function readIssue(
  world: World,
  manifest: Manifest,
  reporter: Reporter,
  imageLimits: ImageLimits | undefined,
  onImageTime: (ms: number) => void,
  progress: (step: BuildStep) => void = () => {},
): Promise<Issue> {
  const articles: Article[] = [];
  for (let i = 0; i < manifest.articles.length; i++) {
    const e = manifest.articles[i];
    progress({ doing: `reading article ${i + 1}`, file: e.file });
    const a = await readArticle({ world, manifest, entry: manifest.articles[i], index: i + 1, reporter, imageLimits, onImageTime });
    if (a) articles.push(a);
  }
  let cover: ImageAsset | undefined;
  if (manifest.cover) {
    const t = performance.now();
    try {
      cover = await during(
        'converting the cover image',
        { file: 'edition.yaml', line: manifest.cover.line, column: manifest.cover.column },
        () => readImage(world, manifest.cover!.abs, manifest.cover!.file, imageLimits ?? imageLimitsOf(manifest.limits), manifest.dir),
        'sharp',
        isImageProblem,
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
    ...(manifest.fillers.length ? { fillers: await readFillers(world, manifest, reporter) } : {}),
    articleFolios: manifest.articleFolios,
  };
  for (const d of checkLinks(issue)) reporter.report(d);
  return issue;
}

/** The issue's images by id, the cover's included: what the pages' image items name. */
function collectImages(issue: Issue): Map<string, ImageAsset> {
  return new Map([...(issue.cover ? [issue.cover] : []), ...issueImages(issue)].map((img) => [img.id, img]));
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
