// One article file → a model Article: front matter, images, blocks, footnotes.
import type { Definition, FootnoteDefinition, Image, ImageReference, Node, Parent, Root } from 'mdast';
import path from 'node:path';
import { error, warning, type Reporter } from '../diagnostics/diagnostic.js';
import { during, duringSync, InternalError } from '../diagnostics/crash.js';
import { ImageProblem, imageLimitsOf, isImageProblem, readImage, type ImageLimits } from '../images/load-image.js';
import { articleTooLarge, checkArticleText, checkTree } from '../limits/limits.js';
import type { ArticleEntry, Manifest } from '../manifest/load-manifest.js';
import { pathCode, refusalMessage, resolveInside } from '../manifest/paths.js';
import { frontMatterSchema, type FrontMatter } from '../manifest/schema.js';
import { schemaDiagnostics } from '../manifest/yaml-source.js';
import { inlineText } from '../model/inline-text.js';
import type { Article, Footnote, Inline, Position } from '../model/types.js';
import type { World } from '../world.js';
import type { BuildCache } from '../cache/disk-cache.js';
import { lowerBlocks, slugify } from './lower/blocks.js';
import { imageUrl, newLowerContext, normalizeLabel, type LowerContext } from './lower/context.js';
import { lowerInlines } from './lower/inlines.js';
import { inlineFromString } from './inline-field.js';
import { ignoredKeysWarning, normalizeMetadata, readMetadata } from './front-matter.js';
import { includeReader, readIncludes, rewriteSite } from './site-syntax.js';
import { moveToSource, placer } from './source-map.js';
import { parseSyntax, punctuate } from './parse.js';
import { loadHighlighterFor } from '../model/highlight.js';

export interface ReadArticleOptions {
  world: World;
  manifest: Manifest;
  entry: ArticleEntry;
  /** Place in the issue, 1-based. */
  index: number;
  reporter: Reporter;
  imageLimits?: ImageLimits;
  /** Told how long reading and converting images took, for the benchmark's stage times. */
  onImageTime?: (ms: number) => void;
  /** Where converted images are kept between builds. */
  cache?: BuildCache;
}

/** Returns the article, or undefined after reporting why it cannot be read. */
export async function readArticle(o: ReadArticleOptions): Promise<Article | undefined> {
  const { entry, reporter } = o;
  const file = entry.file;
  const limits = o.manifest.limits;
  // Read only as a regular file inside the edition of at most the article limit (the size
  // checked on the opened file, so a huge one is refused unread and a FIFO never waited on);
  // the container depth is checked before the parser (which recurses on every container)
  // sees the text.
  const read = await o.world.readInside(o.manifest.dir, path.relative(o.manifest.dir, entry.abs), limits.articleBytes);
  if (!read.ok) {
    if (read.reason === 'too-large') reporter.report(articleTooLarge(read.size ?? limits.articleBytes + 1, file, limits));
    else {
      const { message, hint } = refusalMessage('article', file, read.reason, limits.articleBytes);
      reporter.report(error(pathCode(read.reason), message, { file }, [hint]));
    }
    return undefined;
  }
  const text = read.data.toString('utf8').replace(/^\uFEFF/, '');
  const before = reporter.errors.length;
  const tooDeep = checkArticleText(text, file, limits);
  if (tooDeep) {
    reporter.report(tooDeep);
    return undefined;
  }

  // Parsed once; then the front matter's `lang` decides the quotation marks of the whole text
  // (the edition's own marks for that language, when it sets them).
  const quotes = o.manifest.quotes;
  const parsing = <T>(step: () => T): T | undefined => {
    try {
      return duringSync('parsing the Markdown', { file }, step);
    } catch (e) {
      // Nesting the line scan cannot see (emphasis in emphasis…) can still exhaust the stack.
      if (e instanceof InternalError && e.cause instanceof RangeError && /call stack/.test(e.cause.message)) {
        reporter.report(
          error('limit/nesting', 'the Markdown is nested too deeply to be read (the parser ran out of stack)', { file }, [
            'look for long runs of `>`, list markers, `*`, `_` or `~` that open without closing',
          ]),
        );
        return undefined;
      }
      throw e;
    }
  };
  let syntax = parsing(() => parseSyntax(text));
  if (!syntax) return undefined;
  const fm = readFrontMatter(syntax, text, file, reporter);
  if (!fm) return undefined;
  // The site's template syntax outside code, made Markdown or left out (site-syntax.ts), the
  // files its includes name read first; the text is then read again, its front matter taken
  // off as before, and its places moved back to the article's own lines.
  const reader = includeReader(o.world, o.manifest.dir, file, limits.articleBytes);
  const includes = await readIncludes(text, file, reader, limits.articleBytes);
  const rewritten = rewriteSite(text, syntax, file, fm.value, (d) => reporter.report(d), includes);
  if (rewritten !== undefined) {
    syntax = parsing(() => parseSyntax(rewritten.text));
    if (!syntax) return undefined;
    readMetadata(syntax, rewritten.text, file, () => {});
    moveToSource(syntax, placer(text), rewritten.toSource);
  }
  const lang = fm.value.lang ?? o.manifest.language;
  // The depth before smart punctuation, which walks the tree too.
  const overLimits = checkTree(syntax, file, limits);
  if (overLimits.length) {
    overLimits.forEach((d) => reporter.report(d));
    return undefined;
  }
  const tree = parsing(() => punctuate(syntax, lang, quotes));
  if (!tree) return undefined;

  // The title: front matter, or a level-1 heading that opens the article.
  let titleInlines: Inline[] | undefined;
  const firstBlock = tree.children.find((c) => c.type !== 'yaml' && (c.type as string) !== 'toml');
  const ctxBase = { file, reporter };
  const provisionalId = String(o.index).padStart(2, '0');
  const ctx = newLowerContext({ ...ctxBase, articleId: provisionalId, lang, quotes, nesting: limits.nesting });
  collectDefinitions(tree, ctx);

  if (!fm.value.title && firstBlock?.type === 'heading' && firstBlock.depth === 1) {
    titleInlines = lowerInlines(firstBlock.children, ctx);
    tree.children = tree.children.filter((c) => c !== firstBlock);
  }
  const fmPos = (key: keyof FrontMatter): Position => ({ file, ...(fm.locate(key) ?? { line: 1, column: 1 }) });
  if (fm.value.title) titleInlines = inlineFromString(fm.value.title, lang, quotes, fmPos('title'), ctx);
  if (!titleInlines || !inlineText(titleInlines).trim()) {
    reporter.report(
      error('article/no-title', 'the article has no title', { file, line: 1, column: 1 }, [
        'add `title: …` to the front matter, or open the article with a level-1 heading (`# Title`)',
      ]),
    );
    return undefined;
  }
  const titleText = inlineText(titleInlines).trim();
  const slug = slugify(titleText) || slugify(path.basename(file, path.extname(file)).replace(/^\d+[-_ ]*/, '')) || 'article';
  const id = `${provisionalId}-${slug}`;
  ctx.articleId = id;

  await resolveImages(tree, ctx, o);
  if (reporter.errors.length > before) return undefined;

  const blocks = lowerBlocks(tree.children, ctx);
  const footnotes = lowerFootnotes(ctx);
  // Code to highlight: whatever sets or renders this article next finds the highlighter loaded.
  await loadHighlighterFor({ articles: [{ blocks, footnotes }] });

  // A byline is inline Markdown (`By [Jane Doe](https://…)`): printed with its emphasis and
  // links; its plain text (a link's words) names the authors and stands where text must be plain.
  const bylineInlines = fm.value.byline?.trim() ? inlineFromString(fm.value.byline.trim(), lang, quotes, fmPos('byline'), ctx) : undefined;
  const byline = bylineInlines ? inlineText(bylineInlines).trim() || undefined : undefined;
  return {
    index: o.index,
    id,
    slug,
    file,
    title: titleInlines,
    titleText,
    deck: fm.value.deck ? inlineFromString(fm.value.deck, lang, quotes, fmPos('deck'), ctx) : undefined,
    byline,
    ...(bylineInlines && byline ? { bylineInlines } : {}),
    authors: byline ? splitByline(byline) : [],
    department: entry.department ?? fm.value.department,
    ...(fm.value.date ? { date: fm.value.date } : {}),
    ...((fm.value.site ?? o.manifest.site) ? { site: (fm.value.site ?? o.manifest.site)!.replace(/\/+$/, '') } : {}),
    ...(entry.runOn ? { runOn: true } : {}),
    note: fm.value.note ? inlineFromString(fm.value.note, lang, quotes, fmPos('note'), ctx) : undefined,
    lang,
    blocks,
    footnotes,
    pos: { file, line: 1, column: 1 },
  };
}

interface ReadFrontMatter {
  value: FrontMatter;
  locate(key: string): { line: number; column: number } | undefined;
}

/**
 * The front matter in any of the forms sites write it (see front-matter.ts), checked: a value
 * of the wrong kind is an error at its key; keys that mean nothing to print are one warning.
 */
function readFrontMatter(tree: Root, text: string, file: string, reporter: Reporter): ReadFrontMatter | undefined {
  const meta = readMetadata(tree, text, file, (d) => reporter.report(d));
  if (meta === false) return undefined;
  if (!meta) return { value: {}, locate: () => undefined };
  const n = normalizeMetadata(meta);
  const ignored = ignoredKeysWarning(n.ignored, meta, file);
  if (ignored) reporter.report(ignored);
  const locate = (key: string) => meta.locate(n.from[key] ?? key);
  const checked = frontMatterSchema.safeParse(n.value);
  if (!checked.success) {
    const source = { value: n.value, locate: (path: readonly PropertyKey[]) => locate(String(path[0])) ?? { line: 1, column: 1 } };
    for (const d of schemaDiagnostics(checked.error.issues, source, file, 'the front matter')) {
      // Front matter problems carry their own code so tools can tell them from the manifest's.
      reporter.report(
        d.code === 'manifest/unknown-key' || d.code === 'manifest/invalid-value' || d.code === 'manifest/missing-field'
          ? { ...d, code: 'article/front-matter' }
          : d,
      );
    }
    return undefined;
  }
  return { value: checked.data, locate };
}

/** "By Ana Reyes, Tomás Brandt and Li Wei" → three authors. */
export function splitByline(byline: string): string[] {
  return byline
    .replace(/^\s*(by|von|par|por|di|od|de|oleh|ni|автор[ы]?:?)\s+/i, '')
    .split(/\s*,\s*(?:and\s+|und\s+|et\s+|y\s+|e\s+|i\s+)?|\s+(?:and|und|et|y|e|i|и|&)\s+|\s*&\s*/)
    .map((s) => s.trim())
    .filter(Boolean);
}

function collectDefinitions(tree: Root, ctx: LowerContext): void {
  visit(tree, (node) => {
    if (node.type === 'definition') {
      const d = node as Definition;
      const key = normalizeLabel(d.identifier);
      if (!ctx.definitions.has(key)) ctx.definitions.set(key, d); // the first definition wins, as in CommonMark
    } else if (node.type === 'footnoteDefinition') {
      const d = node as FootnoteDefinition;
      const key = normalizeLabel(d.identifier);
      if (!ctx.footnoteDefinitions.has(key)) ctx.footnoteDefinitions.set(key, d);
    }
  });
}

function visit(node: Node, fn: (n: Node) => void): void {
  fn(node);
  const children = (node as Parent).children;
  if (Array.isArray(children)) for (const c of children) visit(c, fn);
}

const REMOTE = /^([a-z][a-z0-9+.-]*:|\/\/)/i;

/** Read and check every image the article names, before lowering, so figures hold their assets (converted meanwhile: load-image.ts). */
async function resolveImages(tree: Root, ctx: LowerContext, o: ReadArticleOptions): Promise<void> {
  const wanted: (Image | ImageReference)[] = [];
  visit(tree, (n) => {
    if (n.type === 'image' || n.type === 'imageReference') wanted.push(n as Image | ImageReference);
  });
  const base = path.posix.dirname(ctx.file);
  const seen = new Set<string>();
  const jobs: (() => Promise<void>)[] = [];
  for (const node of wanted) {
    const url = imageUrl(node, ctx);
    if (url === undefined || seen.has(url)) continue;
    seen.add(url);
    const at = { file: ctx.file, line: node.position?.start.line ?? 1, column: node.position?.start.column ?? 1 };
    if (REMOTE.test(url)) {
      ctx.reporter.report(
        warning('image/remote', `remote image \`${url}\` is not fetched and is left out`, at, [
          'download it into the edition folder and name it by a relative path',
        ]),
      );
      continue;
    }
    let decoded = url;
    try {
      decoded = decodeURI(url);
    } catch {
      /* a malformed escape: keep the path as written */
    }
    // `/images/x.png` is read from the edition folder's root, as a web site reads it from its own.
    const rooted = /^\/(?!\/)/.test(decoded);
    const r = await resolveInside(o.world, o.manifest.dir, rooted ? '.' : base, rooted ? decoded.replace(/^\/+/, '') : decoded);
    if (!r.ok) {
      ctx.reporter.report(error(pathCode(r.reason, 'image/not-found'), `image ${r.message}`, at, [r.hint]));
      continue;
    }
    jobs.push(async () => {
      try {
        const limits = o.imageLimits ?? imageLimitsOf(o.manifest.limits);
        const image = await during(
          `reading the image \`${r.rel}\``,
          at,
          () => readImage(o.world, r.abs, r.rel, limits, o.manifest.dir, o.cache),
          'sharp',
          isImageProblem,
        );
        ctx.images.set(url, image);
        // An SVG's removed parts and fonts, at the place that shows it.
        for (const n of image.notes ?? []) ctx.reporter.report(warning(n.code, n.message, at, n.hint ? [n.hint] : undefined));
      } catch (e) {
        if (e instanceof ImageProblem) ctx.reporter.report(error(e.code, e.message, at, e.hint ? [e.hint] : undefined));
        else throw e;
      }
    });
  }
  // Reading a file and its header waits on the disk and sharp's threads: a few at once.
  const started = performance.now();
  await runLimited(jobs, 3);
  o.onImageTime?.(performance.now() - started);
}

async function runLimited(jobs: (() => Promise<void>)[], limit: number): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) await jobs[next++]();
  };
  await Promise.all(Array.from({ length: Math.min(limit, jobs.length) }, worker));
}

function lowerFootnotes(ctx: LowerContext): Footnote[] {
  const notes: Footnote[] = [];
  // Notes may call other notes: lower until every called note is done.
  for (let i = 0; i < ctx.footnoteOrder.length; i++) {
    const def = ctx.footnoteDefinitions.get(ctx.footnoteOrder[i]);
    if (!def) continue;
    notes.push({
      id: `${ctx.articleId}-fn${i + 1}`,
      number: i + 1,
      blocks: lowerBlocks(def.children, ctx),
      pos: { file: ctx.file, line: def.position?.start.line ?? 1, column: def.position?.start.column ?? 1 },
    });
  }
  for (const [label, def] of ctx.footnoteDefinitions) {
    if (!ctx.footnoteIndex.has(label)) {
      ctx.reporter.report(
        warning('markdown/unsupported', `footnote [^${def.label ?? label}] is never called and is left out`, {
          file: ctx.file,
          line: def.position?.start.line ?? 1,
          column: def.position?.start.column ?? 1,
        }),
      );
    }
  }
  return notes;
}
