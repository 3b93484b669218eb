// The download site over a folder of built editions (`pressroom site`, `build-all --site`):
// each edition's outputs stay where its build wrote them (`<site>/<edition>/`), and this adds
// the pages, covers, feeds, catalogue and the mirror manifest around them. A file is written
// only when its bytes change (temp file, then rename), so a rebuild with one issue changed
// rewrites that issue's files and the lists and feeds that show it, nothing else. What the
// site wrote is recorded in `.pressroom-site.json`; a file of an earlier site that this one
// no longer makes is removed only while it still holds what was written.
import { createHash } from 'node:crypto';
import path from 'node:path';
import { type BuildCache, NO_CACHE } from '../cache/disk-cache.js';
import { type Diagnostic, error, warning } from '../diagnostics/diagnostic.js';
import { RECORD_FILE, type RecordedOutput, readRecord, recordedFiles, recordJson, removeUnwritten, sha256 } from '../outputs/output-record.js';
import { nodeWorld, type World, writeAll } from '../world.js';
import { coverImages } from './cover-images.js';
import { FEED, indexPage, issuePage, languagePage, type SiteShape, STYLESHEET, siteTemplates } from './html-pages.js';
import type { IssueEntry } from './issue-entry.js';
import { CATALOGUE_DIR, catalogueFiles } from './opds.js';
import { type FileFacts, newestFirst, type SiteIssue } from './site-issue.js';
import { subscriberFeed } from './subscriber-feed.js';

export const SITE_RECORD = '.pressroom-site.json';
export const MIRROR_MANIFEST = 'manifest.json';
const COVER = 'cover.jpg';
const THUMBNAIL = 'cover-thumb.jpg';

/** Names at the site's root that are the site's own: no edition's folder may take one. */
export const RESERVED = [CATALOGUE_DIR, 'languages', 'index.html', STYLESHEET, FEED, MIRROR_MANIFEST];

export interface SiteOptions {
  /** The site's folder (absolute); each edition was built into `<root>/<edition>`. */
  root: string;
  /**
   * Every edition of the site, by its folder in the site, with what its build said of it; none
   * when it did not build this time (the site then shows its last build, whose files stand).
   * An edition the last site had that is not here was taken out: its files are removed.
   */
  editions: readonly { folder: string; entry?: IssueEntry }[];
  cache?: BuildCache;
  world?: World;
  /** Folder of templates overriding the built-in `site-*.html.hbs` and `site.css` by name. */
  templates?: string;
  /** `--strict`: a warning is an error, and nothing of the site is written. */
  strict?: boolean;
}

export interface SiteResult {
  /** Editions taken out since the last site, whose files were removed. */
  dropped: string[];
  /** Editions that did not build, shown as last built. */
  kept: string[];
  /** Paths inside the site (`/`) of the files written because they were new or changed. */
  written: string[];
  /** Files the site made whose bytes stood. */
  unchanged: number;
  removed: string[];
  issues: number;
  warnings: Diagnostic[];
}

/** An edition's folder that the site's own files would collide with; checked before any build. */
export function reservedNameError(edition: string, editionDir: string): Diagnostic | undefined {
  if (!RESERVED.includes(edition)) return undefined;
  return error('site/reserved-name', `the edition folder \`${edition}\` has the name of the site's own \`${edition}\``, { file: editionDir }, [
    `rename the folder; ${RESERVED.map((r) => `\`${r}\``).join(', ')} are the site's`,
  ]);
}

export async function buildSite(o: SiteOptions): Promise<SiteResult> {
  const world = o.world ?? nodeWorld;
  const cache = o.cache ?? NO_CACHE;
  const warnings: Diagnostic[] = [];
  const files = new Map<string, Buffer>();
  const put = (rel: string, data: Buffer | string) => files.set(rel, Buffer.isBuffer(data) ? data : Buffer.from(data));

  await world.mkdirp(o.root);
  const rootReal = await world.realpath(o.root);
  const previous = await readSiteRecord(world, rootReal);
  const entries: IssueEntry[] = [];
  const kept: string[] = [];
  for (const e of o.editions) {
    const last = previous.issues.get(e.folder);
    if (e.entry) entries.push(e.entry);
    else if (last) {
      entries.push(last);
      kept.push(e.folder);
      warnings.push(
        warning('site/last-build', `${e.folder} did not build: the site shows its last build`, { file: path.join(last.editionDir, 'edition.yaml') }, [
          'fix the errors above and build the site again',
        ]),
      );
    }
  }
  const dropped = [...previous.issues.keys()].filter((f) => !o.editions.some((e) => e.folder === f));

  const issues: SiteIssue[] = [];
  for (const entry of entries) {
    const dir = path.join(o.root, entry.edition);
    const record = await readRecord(world, dir);
    const facts = new Map<string, FileFacts>(record.map((r) => [r.path, { size: r.size, sha256: r.sha256 }]));
    const issue: SiteIssue = { entry, files: facts, translations: [] };
    const read = async () => {
      const pdf = await world.readInside(dir, entry.pdf.path, Number.MAX_SAFE_INTEGER).catch(() => undefined);
      if (!pdf?.ok) throw new Error(`${entry.pdf.path} cannot be read`);
      return pdf.data;
    };
    try {
      // By the digest its build recorded; a PDF the record does not list is read and hashed here.
      const recorded = facts.get(entry.pdf.path)?.sha256;
      const data = recorded ? undefined : await read();
      const c = await coverImages(recorded ?? sha256(data!), data ? async () => data : read, cache);
      put(`${entry.edition}/${COVER}`, Buffer.from(c.image));
      put(`${entry.edition}/${THUMBNAIL}`, Buffer.from(c.thumbnail));
      issue.cover = { image: COVER, thumbnail: THUMBNAIL, width: c.width, height: c.height, thumbWidth: c.thumbWidth, thumbHeight: c.thumbHeight };
    } catch (e) {
      warnings.push(
        warning(
          'site/no-cover',
          `the cover of ${entry.edition} could not be made: ${(e as Error).message}`,
          { file: path.join(entry.editionDir, 'edition.yaml') },
          ['the issue is listed without a cover image; build it again, and report the PDF if it persists'],
        ),
      );
    }
    issues.push(issue);
  }
  issues.sort(newestFirst);
  linkTranslations(issues, warnings);

  const shape = siteShape(issues);
  const id = `urn:pressroom:site:${createHash('sha256')
    .update(JSON.stringify([...new Set(issues.map((i) => i.entry.publication))].sort()))
    .digest('hex')
    .slice(0, 16)}`;
  const t = await siteTemplates(o.templates);
  put(STYLESHEET, t.asset(STYLESHEET));
  put('index.html', indexPage(t, shape));
  if (shape.languages.length > 1) for (const l of shape.languages) put(languagePage(l), indexPage(t, shape, l));
  const byFolder = new Map(issues.map((i) => [i.entry.editionDir, i]));
  for (const i of issues) put(`${i.entry.edition}/index.html`, issuePage(t, i, byFolder));
  put(FEED, subscriberFeed(shape.title, id, issues, FEED));
  for (const f of catalogueFiles({ title: shape.title, id, issues })) put(f.path, f.data);

  // The mirror manifest: every file of the site, the editions' outputs with the site's own.
  const listed: RecordedOutput[] = [];
  for (const i of issues) for (const [p, f] of i.files) listed.push({ path: `${i.entry.edition}/${p}`, ...f });
  listed.push(...factsOf(files));
  put(MIRROR_MANIFEST, recordJson(listed.sort(byPath)));

  const ours = new Map(previous.files.map((p) => [p.path, p.sha256]));
  const changed: [string, Buffer][] = [];
  const foreign: Diagnostic[] = [];
  let unchanged = 0;
  for (const [rel, data] of files) {
    const on = await world.readInside(o.root, rel, Number.MAX_SAFE_INTEGER).catch(() => undefined);
    if (on?.ok && on.data.equals(data)) unchanged++;
    else if ((on?.ok && ours.get(rel) !== sha256(on.data)) || (on && !on.ok && on.reason !== 'not-found')) foreign.push(foreignFile(o.root, rel));
    else changed.push([rel, data]);
  }
  // A file the site did not write (or that was changed since) is the user's: never overwritten.
  if (foreign.length) throw new SiteError(foreign);
  if (o.strict && warnings.length) throw new SiteError(warnings.map((w) => ({ ...w, severity: 'error' as const })));
  // All to temporary files first, then renamed: a failed write leaves the last site as it was.
  await writeAll(
    world,
    changed.map(([rel, data]) => ({ path: path.join(o.root, ...rel.split('/')), data })),
  );
  const written = changed.map(([rel]) => rel);
  const removed = await removeUnwritten(world, rootReal, previous.files, new Set(files.keys()));
  for (const folder of dropped) removed.push(...(await removeEdition(world, rootReal, folder)));
  // The record: the site's files, and each issue as it was shown (kept for a build that fails).
  const record = Buffer.from(recordJson(factsOf(files).sort(byPath), { issues: [...entries].sort((a, b) => (a.edition < b.edition ? -1 : 1)) }));
  const recordOn = await world.readInside(o.root, SITE_RECORD, record.length).catch(() => undefined);
  if (!(recordOn?.ok && recordOn.data.equals(record))) await world.writeFileAtomic(path.join(o.root, SITE_RECORD), record);
  return { written, unchanged, removed, dropped, kept, issues: issues.length, warnings };
}

const factsOf = (files: ReadonlyMap<string, Buffer>): RecordedOutput[] => [...files].map(([p, data]) => ({ path: p, size: data.length, sha256: sha256(data) }));
const byPath = (a: { path: string }, b: { path: string }) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);

/** The largest site record read: its issues take a couple of KB each, so some thirty thousand issues. */
const SITE_RECORD_MAX_BYTES = 64 * 1024 * 1024;

/** The last site's record: its files, and its issues by folder. Empty when there is none or it cannot be trusted. */
async function readSiteRecord(world: World, rootReal: string): Promise<{ files: RecordedOutput[]; issues: Map<string, IssueEntry> }> {
  const issues = new Map<string, IssueEntry>();
  const read = await world.readInside(rootReal, SITE_RECORD, SITE_RECORD_MAX_BYTES).catch(() => undefined);
  if (!read?.ok) return { files: [], issues };
  try {
    const parsed: unknown = JSON.parse(read.data.toString('utf8'));
    const listed = (parsed as { issues?: unknown } | null)?.issues;
    if (Array.isArray(listed)) for (const e of listed) if (isEntry(e)) issues.set(e.edition, e);
    return { files: recordedFiles(parsed, SITE_RECORD), issues };
  } catch {
    // Not a record this code wrote: no issue is kept or taken out, and no file counts as the site's.
    return { files: [], issues };
  }
}

/** Enough of an IssueEntry to show and to find its files; a record edited by hand into something else is ignored. */
function isEntry(e: unknown): e is IssueEntry {
  const x = e as Partial<IssueEntry> | null;
  return (
    typeof x === 'object' &&
    x !== null &&
    typeof x.edition === 'string' &&
    /^[^/\\]+$/.test(x.edition) &&
    x.edition !== '..' &&
    x.edition !== '.' &&
    typeof x.editionDir === 'string' &&
    typeof x.publication === 'string' &&
    typeof x.issue === 'string' &&
    typeof x.date === 'string' &&
    typeof x.language === 'string' &&
    typeof x.identifier === 'string' &&
    Array.isArray(x.articles) &&
    Array.isArray(x.departments) &&
    Array.isArray(x.translations) &&
    typeof x.pdf?.path === 'string' &&
    typeof x.press?.path === 'string' &&
    typeof x.epub?.path === 'string'
  );
}

/**
 * The outputs of an edition taken out of the site: each file its build recorded, removed only
 * while it is what the build wrote, then the record. Whatever the user put there stays, and
 * so do the (empty) folders: the World removes files only.
 */
async function removeEdition(world: World, rootReal: string, folder: string): Promise<string[]> {
  const dir = path.join(rootReal, folder);
  if ((await world.entry(dir))?.kind !== 'folder') return [];
  const outputs = await readRecord(world, dir);
  const removed = (await removeUnwritten(world, dir, outputs, new Set())).map((p) => `${folder}/${p}`);
  if (outputs.length) {
    await world.remove(path.join(dir, RECORD_FILE)).catch(() => undefined);
    removed.push(`${folder}/${RECORD_FILE}`);
  }
  return removed;
}

/** The site cannot be written without overwriting what is not its own. */
export class SiteError extends Error {
  constructor(readonly diagnostics: Diagnostic[]) {
    super(diagnostics.map((d) => d.message).join('; '));
  }
}

function foreignFile(root: string, rel: string): Diagnostic {
  return error(
    'site/foreign-file',
    `\`${rel}\` in the site folder was not written by Pressroom (or was changed since): it is left as it is`,
    { file: path.join(root, rel) },
    ['move it out of the site folder, or choose another folder with --out; nothing of the site was written'],
  );
}

/**
 * Each issue's translations: every other edition of the site that its edition.yaml names, or
 * that names it, or that is a translation of one of those (the issues in all its languages).
 * A named folder that is not an edition of the site is a warning at its line.
 */
function linkTranslations(issues: SiteIssue[], warnings: Diagnostic[]): void {
  const byFolder = new Map(issues.map((i) => [i.entry.editionDir, i]));
  const group = new Map<SiteIssue, Set<SiteIssue>>(issues.map((i) => [i, new Set([i])]));
  for (const i of issues) {
    for (const t of i.entry.translations) {
      const other = byFolder.get(t.folder);
      if (!other) {
        warnings.push(
          warning(
            'site/unknown-translation',
            `translation \`${path.relative(i.entry.editionDir, t.folder)}\` is not an edition of this site`,
            { file: path.join(i.entry.editionDir, 'edition.yaml'), line: t.line, column: t.column },
            ['name the folder of another edition built into the same site, relative to this edition folder (such as `../carrow-de`)'],
          ),
        );
        continue;
      }
      const merged = new Set([...group.get(i)!, ...group.get(other)!]);
      for (const m of merged) group.set(m, merged);
    }
  }
  for (const i of issues) {
    i.translations = [...group.get(i)!]
      .filter((o) => o !== i)
      .sort(newestFirst)
      .map((o) => o.entry.editionDir);
  }
}

function siteShape(issues: readonly SiteIssue[]): SiteShape {
  const publications = [...new Set(issues.map((i) => i.entry.publication))];
  const languages = [...new Set(issues.map((i) => i.entry.language))];
  const counts = new Map<string, number>();
  for (const i of issues) counts.set(i.entry.language, (counts.get(i.entry.language) ?? 0) + 1);
  const lang = languages.reduce((best, l) => ((counts.get(l) ?? 0) > (counts.get(best) ?? 0) ? l : best), languages[0] ?? 'en');
  const title = publications.length <= 3 ? publications.join(' · ') : `${publications.slice(0, 3).join(' · ')} …`;
  return { title: title || 'Pressroom', issues, languages, lang };
}
