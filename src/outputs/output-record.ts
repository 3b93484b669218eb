// What Pressroom made in an output folder: `.pressroom-outputs.json` lists each output by its
// path in the folder, its size and its SHA-256. It is written with the outputs (renamed into
// place after them), and it is the only thing a build trusts before removing a file: an output
// of the last build that this one no longer makes (an article taken out of the issue) is
// removed only when it is listed there, is still a regular file inside the folder (not a
// symlink, not behind one leading out) and still holds the bytes written. Whatever else is in
// the folder, or was changed there since, belongs to the user and stays.
import { createHash } from 'node:crypto';
import path from 'node:path';
import { isInside, type World } from '../world.js';

export const RECORD_FILE = '.pressroom-outputs.json';
/** The largest record read: a line per output, ten thousand articles take about a megabyte. */
const RECORD_MAX_BYTES = 4 * 1024 * 1024;

export interface RecordedOutput {
  /** Path inside the output folder, with `/`. */
  path: string;
  size: number;
  sha256: string;
}

/** The record of `files` (absolute paths inside `outDir`), as the file to write with them. */
export function outputRecord(outDir: string, files: readonly { path: string; data: Buffer }[]): { path: string; data: Buffer } {
  const entries: RecordedOutput[] = files.map((f) => ({
    path: path.relative(outDir, f.path).split(path.sep).join('/'),
    size: f.data.length,
    sha256: sha256(f.data),
  }));
  // No dates or absolute paths: the same outputs give the same record, wherever they are.
  return { path: path.join(outDir, RECORD_FILE), data: Buffer.from(recordJson(entries)) };
}

/**
 * A record's text: a line per file, in the order given, then a line per item of each list in
 * `more` (the site keeps its issues beside its files). The download site's `manifest.json` and
 * its own record are written in this shape too.
 */
export function recordJson(files: readonly RecordedOutput[], more: Record<string, readonly unknown[]> = {}): string {
  const list = (key: string, items: readonly unknown[]) => `  "${key}": [\n${items.map((e) => `    ${JSON.stringify(e)}`).join(',\n')}\n  ]`;
  return `{\n  "pressroom": 1,\n${[list('files', files), ...Object.entries(more).map(([k, v]) => list(k, v))].join(',\n')}\n}\n`;
}

/**
 * The outputs the last build recorded in the folder `outReal` (a real path). Nothing when there
 * is no record, or it cannot be read or trusted (not a regular file, too large, not ours): then
 * nothing is removed.
 */
export async function readRecord(world: World, outReal: string): Promise<RecordedOutput[]> {
  const read = await world.readInside(outReal, RECORD_FILE, RECORD_MAX_BYTES);
  if (!read.ok) return [];
  try {
    return recordedFiles(JSON.parse(read.data.toString('utf8')), RECORD_FILE);
  } catch {
    return [];
  }
}

/** The files a parsed record lists that can be trusted: well-formed entries inside the folder, not the record `name` itself. */
export function recordedFiles(parsed: unknown, name: string): RecordedOutput[] {
  const files = (parsed as { files?: unknown } | null)?.files;
  if (!Array.isArray(files)) return [];
  return files.filter(isRecordedOutput).filter((e) => safeRelative(e.path) !== undefined && e.path !== name);
}

/**
 * Remove the outputs of `previous` (the last build's record) that this build did not write
 * (`written`: paths inside the folder, with `/`), each only if it is still what was recorded.
 * Returns the paths removed.
 */
export async function removeUnwritten(world: World, outReal: string, previous: readonly RecordedOutput[], written: ReadonlySet<string>): Promise<string[]> {
  const removed: string[] = [];
  for (const entry of previous) {
    if (written.has(entry.path)) continue;
    const target = await stillOurs(world, outReal, entry);
    if (target === undefined) continue;
    await world.remove(target);
    removed.push(entry.path);
  }
  return removed;
}

/**
 * The real path of a recorded output when it is still the file recorded: a regular file
 * (lstat: a symlink put in its place is not ours) whose folder, after symlinks, is inside the
 * output folder, of the recorded size and hash. Undefined otherwise.
 */
async function stillOurs(world: World, outReal: string, entry: RecordedOutput): Promise<string | undefined> {
  const rel = safeRelative(entry.path);
  if (rel === undefined) return undefined;
  const abs = path.join(outReal, ...rel.split('/'));
  const folder = await world.realpath(path.dirname(abs)).catch(() => undefined);
  if (folder === undefined || !isInside(outReal, folder)) return undefined;
  const target = path.join(folder, path.basename(abs));
  const e = await world.entry(target);
  if (e?.kind !== 'file' || e.size !== entry.size) return undefined;
  const read = await world.readInside(outReal, path.relative(outReal, target), entry.size);
  return read.ok && sha256(read.data) === entry.sha256 ? target : undefined;
}

/** A recorded path that stays inside the folder: relative, normalized, no `..`, not the record. */
function safeRelative(p: string): string | undefined {
  if (!p || p.length > 1024 || p.includes('\0') || p.includes('\\') || path.posix.isAbsolute(p)) return undefined;
  if (path.posix.normalize(p) !== p || p.split('/').some((seg) => seg === '' || seg === '.' || seg === '..')) return undefined;
  return p === RECORD_FILE ? undefined : p;
}

function isRecordedOutput(e: unknown): e is RecordedOutput {
  if (e === null || typeof e !== 'object') return false;
  const r = e as Record<string, unknown>;
  return (
    typeof r.path === 'string' && Number.isSafeInteger(r.size) && (r.size as number) >= 0 && typeof r.sha256 === 'string' && /^[0-9a-f]{64}$/.test(r.sha256)
  );
}

/** The hex sha256 of a file's bytes, as the record keeps it. */
export function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}
