// The EPUB 3 edition of an issue.
//
// Stages: load the templates (built-ins, or a project's overrides) → render each article's
// XHTML from the model with our own handlers → place it in the Handlebars layouts → the cover
// (the issue's image, or a typographic one drawn with sharp), contents, navigation, NCX and
// package document → epub-gen-memory writes the container → every zip entry gets the issue's
// date. Nothing is fetched and nothing random is written: same issue, same bytes.
import type { BuildCache } from '../../cache/disk-cache.js';
import { BuildError, error } from '../../diagnostics/diagnostic.js';
import type { Filler, ImageData, ScreenFiles, Issue } from '../../model/types.js';
import { screenFileOf } from '../../images/issue-images.js';
import path from 'node:path';
import { during, duringSync } from '../../diagnostics/crash.js';
import { loadTemplates, TemplateError, type Templates } from '../../templates/engine.js';
import { templateDiagnostic } from '../../templates/template-diagnostic.js';
import type { World } from '../../world.js';
import { writeContainer, type XhtmlDocument } from './container.js';
import { renderCoverImage } from './cover-image.js';
import { articleFileName, CONTENTS_PAGE, COVER_PAGE, coverImagePath, imagePath, NAV_DOCUMENT, NCX_DOCUMENT, STYLESHEET } from './file-names.js';
import { contentsView, coverView, navView, ncxView } from './front-matter.js';
import { epubLabels, type EpubLabels } from './labels.js';
import { issueTitle, manifestId, packageView } from './package.js';
import { issueImages } from '../../model/walk.js';
import { articleView } from './render-article.js';
import { LinkIndex } from '../../model/links.js';
import { EPUB_ASSETS, EPUB_TEMPLATES, type EpubViews, type ManifestItemView } from './views.js';
import { xmlSafe } from './xml.js';

export interface EpubOptions {
  /** Folder of user templates that override built-ins by file name (may not exist). */
  templateOverrides?: string;
  /** Words the tool writes itself, in the edition language by default (`epubLabels`). */
  labels?: Partial<EpubLabels>;
  /** Where templates are read from; the real file system by default. */
  world?: World;
  /** Real path of the edition folder: template overrides may not lead out of it. */
  confineTo?: string;
  /**
   * The fillers set after each article (by article id, filler ids in order): where the print
   * edition placed them. Each at the end of its article's chapter; a filler not listed is
   * not in the EPUB.
   */
  fillersAfter?: Readonly<Record<string, readonly string[]>>;
  /** Where the drawn cover is kept between builds (none: drawn afresh). */
  cache?: BuildCache;
}

const XHTML = 'application/xhtml+xml';

/**
 * Starts drawing the issue's typographic cover (an issue with a cover image has none to draw),
 * so that sharp draws it while the issue is typeset; `buildEpub` then takes the same drawing.
 * A failure is left for `buildEpub` to report, where it would have happened.
 */
export function startCover(issue: Issue, cache?: BuildCache): void {
  if (issue.cover) return;
  Promise.resolve()
    .then(() => renderCoverImage(issue, epubLabels(issue.language), cache))
    .catch(() => undefined);
}

export async function buildEpub(issue: Issue, imageFiles: ScreenFiles, opts: EpubOptions = {}): Promise<Buffer> {
  const labels: EpubLabels = epubLabels(issue.language);
  for (const [key, value] of Object.entries(opts.labels ?? {})) {
    if (typeof value === 'string') labels[key as keyof EpubLabels] = value;
  }
  const date = zipDate(issue.date);
  // The typographic cover is drawn by sharp on libuv's threads, and when it is not kept from
  // an earlier build that is most of the EPUB's time (its PNG is deflated at level 9): it is
  // started first, and the templates, the chapters and the zip are made while it is drawn.
  // (Laid out on the next tick, so that a failure to lay it out is a rejection like any other.)
  const cover: CoverImage = issue.cover
    ? { data: Promise.resolve(screenFileOf(imageFiles, issue.cover).screen.data), mediaType: issue.cover.screenType }
    : { data: Promise.resolve().then(() => renderCoverImage(issue, labels, opts.cache)), mediaType: 'image/png' };
  // Awaited below on every path; this only keeps a failure from counting as unhandled meanwhile.
  cover.data.catch(() => undefined);
  const templates = await loadTemplates<EpubViews>(EPUB_TEMPLATES, EPUB_ASSETS, {
    overrideDir: opts.templateOverrides,
    world: opts.world,
    cleanString: xmlSafe,
    confineTo: opts.confineTo,
    xml: true,
  }).catch(async (e: unknown) => {
    // A template problem is reported before the cover's, as when the cover was drawn after
    // the templates were read; and nothing is left drawing once the build has failed.
    await cover.data.catch(() => undefined);
    throw templateProblem(e, opts.confineTo);
  });
  try {
    return await packEpub(issue, imageFiles, opts, labels, date, templates, cover);
  } catch (e) {
    // The cover's own failure comes first, as when it was drawn before the chapters.
    await cover.data;
    throw e;
  }
}

/** The cover image: the issue's own, or the typographic one while it is being drawn. */
interface CoverImage {
  data: Promise<Buffer>;
  mediaType: ImageData['mediaType'];
}

/** The EPUB's documents rendered and packed around its cover (which may still be being drawn). */
async function packEpub(
  issue: Issue,
  imageFiles: ScreenFiles,
  opts: EpubOptions,
  labels: EpubLabels,
  date: Date,
  templates: Templates<EpubViews>,
  cover: CoverImage,
): Promise<Buffer> {
  /** Render a template; a project template that fails is the edition's problem, not ours. */
  const render = <K extends keyof EpubViews & string>(name: K, view: EpubViews[K]): string => {
    try {
      return templates.render(name, view);
    } catch (e) {
      throw templateProblem(e, opts.confineTo);
    }
  };

  const coverFile = coverImagePath(cover.mediaType);

  const links = new LinkIndex(issue.articles);
  const fillersAfter = placeFillers(issue, opts.fillersAfter ?? {});
  const documents: XhtmlDocument[] = [
    { file: COVER_PAGE, title: labels.cover, xhtml: render('cover.xhtml.hbs', coverView(issue, labels, coverFile)) },
    { file: CONTENTS_PAGE, title: labels.contents, xhtml: render('contents.xhtml.hbs', contentsView(issue, labels)) },
    ...issue.articles.map((article) => ({
      file: articleFileName(article),
      title: article.titleText,
      xhtml: render(
        'article.xhtml.hbs',
        duringSync(`writing the EPUB chapter of article ${article.index}`, article.pos, () =>
          articleView(article, labels, links, fillersAfter.get(article.id)),
        ),
      ),
    })),
  ];
  const names = new Set(documents.map((d) => d.file));
  if (names.size !== documents.length) throw new Error('two documents of the EPUB have the same file name');

  const images = issueImages(issue);
  const manifest: ManifestItemView[] = [
    { id: 'nav', href: NAV_DOCUMENT, mediaType: XHTML, properties: 'nav' },
    { id: 'ncx', href: NCX_DOCUMENT, mediaType: 'application/x-dtbncx+xml', properties: null },
    { id: 'css', href: STYLESHEET, mediaType: 'text/css', properties: null },
    { id: 'cover-image', href: coverFile, mediaType: cover.mediaType, properties: 'cover-image' },
    ...documents.map((d, i) => ({
      id: i === 0 ? 'cover' : i === 1 ? 'contents' : manifestId('article', d.file.replace(/\.xhtml$/, '')),
      href: d.file,
      mediaType: XHTML,
      properties: documentProperties(d.xhtml),
    })),
    ...images.map((image) => ({
      id: manifestId('image', image.id),
      href: imagePath(image),
      mediaType: image.screenType,
      properties: null,
    })),
  ];
  const spine = manifest.filter((item) => names.has(item.href)).map((item) => ({ idref: item.id }));

  return during(
    'packing the EPUB',
    {},
    () =>
      writeContainer({
        title: issueTitle(issue),
        lang: issue.language,
        documents,
        packageXml: render('content.opf.hbs', packageView({ issue, labels, coverImageId: 'cover-image', manifest, spine })),
        navXhtml: render('nav.xhtml.hbs', navView(issue, labels)),
        ncxXml: render('toc.ncx.hbs', ncxView(issue, labels)),
        css: templates.asset('style.css'),
        cover: { file: coverFile, mediaType: cover.mediaType, data: cover.data },
        files: images.map((image) => ({ path: imagePath(image), data: screenFileOf(imageFiles, image).screen.data })),
        date,
      }),
    'epub-gen-memory',
  );
}

/**
 * `fillersAfter` from where the print edition placed each filler (`TypesetResult.fillers` of
 * typeset/), in the order placed: a filler it left out stays out of the EPUB too.
 */
export function fillersAfterOf(placed: readonly { id: string; after: string }[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const p of placed) {
    out[p.after] ??= [];
    out[p.after].push(p.id);
  }
  return out;
}

/**
 * The fillers after each article, checked: every article and filler named exists, and no
 * filler is placed twice. A wrong placement is the caller's bug (the page builder's), not
 * the edition's.
 */
function placeFillers(issue: Issue, after: Readonly<Record<string, readonly string[]>>): Map<string, Filler[]> {
  const fillers = new Map((issue.fillers ?? []).map((f) => [f.id, f]));
  const articles = new Set(issue.articles.map((a) => a.id));
  const placed = new Map<string, string>();
  const out = new Map<string, Filler[]>();
  for (const [articleId, ids] of Object.entries(after)) {
    if (!articles.has(articleId)) throw new Error(`epub: fillers placed after article "${articleId}", which the issue does not have`);
    const list: Filler[] = [];
    for (const id of ids) {
      const filler = fillers.get(id);
      if (!filler) throw new Error(`epub: filler "${id}" placed after article "${articleId}" is not one of the issue's fillers`);
      const first = placed.get(id);
      if (first !== undefined) throw new Error(`epub: filler "${id}" is placed twice (after "${first}" and after "${articleId}")`);
      placed.set(id, articleId);
      list.push(filler);
    }
    if (list.length) out.set(articleId, list);
  }
  return out;
}

/** What each kind of template problem is reported as. */
/** A template problem as a located error of the edition (exit 1); anything else stays a crash. */
function templateProblem(e: unknown, editionDir: string | undefined): unknown {
  if (!(e instanceof TemplateError)) return e;
  const file = editionDir && e.file.startsWith(editionDir + path.sep) ? path.relative(editionDir, e.file) : e.file;
  return new BuildError([templateDiagnostic(e, file, 'src/backends/epub/views.ts')]);
}

/** Manifest properties a content document needs for what it contains (an override may add SVG). */
function documentProperties(xhtml: string): string | null {
  const props: string[] = [];
  if (/<svg[\s>]/.test(xhtml)) props.push('svg');
  if (/<math[\s>]/.test(xhtml)) props.push('mathml');
  return props.length > 0 ? props.join(' ') : null;
}

/** Midnight UTC of the issue date; zip dates cannot go before 1980. */
function zipDate(isoDate: string): Date {
  const ms = /^\d{4}-\d{2}-\d{2}$/.test(isoDate) ? Date.parse(`${isoDate}T00:00:00Z`) : NaN;
  if (Number.isNaN(ms)) {
    throw new BuildError([error('manifest/invalid-value', `the issue date ${JSON.stringify(isoDate)} is not a date (YYYY-MM-DD)`)]);
  }
  return new Date(Math.max(ms, Date.UTC(1980, 0, 1)));
}
