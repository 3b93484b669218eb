// The content-addressed build cache on disk: products of a build (shaped text, converted
// images, typeset articles) stored under a kind and the sha256 key of what they depend on, so
// the next build, or another process, reuses them. Entries live at `<dir>/<kind>/<key[0:2]>/<key>`.
//
// The cache is an optimisation, so it never fails a build and never trusts what it reads:
// - each entry carries a header (magic, version, payload length, payload sha256), and an entry
//   that fails any check is a miss and is removed;
// - entries are written to a temporary file beside them and renamed, so a reader, or a second
//   process writing the same key, sees the old entry, the new one or none, always whole;
// - a folder that cannot be created or written turns the cache off after the first failure.
// It reads the real disk (not the injected World): its faults are forced in tests on real
// folders, and nothing a build outputs depends on whether it hit.
import { deserialize, serialize } from 'node:v8';
import { createHash } from 'node:crypto';
import { constants, promises as fs, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { nodeWorld, removeStaleTemps, tempName } from '../world.js';

export { cacheKey, type KeyPart } from './cache-key.js';

export interface CacheOptions {
  /** The cache folder, made on first write. */
  dir: string;
  /** The size `prune` brings the cache under; default 1 GiB. An entry over a quarter of it is not stored. */
  maxBytes?: number;
  /** Pressroom's version and a format tag: entries written under another version are misses. */
  version: string;
}

export interface CacheStats {
  hits: number;
  misses: number;
  /** Entries found damaged (truncated, altered, not an entry) and removed. */
  corrupt: number;
  /** Bytes written to the cache, headers included. */
  written: number;
  writeFailures: number;
}

export interface BuildCache {
  /** The bytes stored under (kind, key), or undefined: a miss, or an entry found stale/corrupt (which is then removed). */
  get(kind: string, key: string): Promise<Buffer | undefined>;
  /** Store bytes under (kind, key), atomically. Errors writing are swallowed and counted: a cache never fails a build. */
  put(kind: string, key: string, data: Buffer): Promise<void>;
  /** get, else compute + put. */
  through(kind: string, key: string, compute: () => Promise<Buffer>): Promise<Buffer>;
  /** Hits, misses, corrupt entries dropped, bytes written, write failures: for the build summary and tests. */
  stats(): CacheStats;
  /** Remove least-recently-used entries until the cache is under maxBytes (called at the end of a build). */
  prune(): Promise<{ removed: number; bytes: number }>;
}

const DEFAULT_MAX_BYTES = 2 ** 30;
const KIND = /^[a-z0-9-]{1,64}$/;
const KEY = /^[0-9a-f]{64}$/;
const SHARD = /^[0-9a-f]{2}$/;

/** The path of the entry (kind, key); throws for a kind or key that could name something outside the cache. */
function entryPath(dir: string, kind: string, key: string): string {
  checkName(kind, key);
  return path.join(dir, kind, key.slice(0, 2), key);
}

function checkName(kind: string, key: string): void {
  // A caller's mistake, not a disk fault: thrown, so it is found the first time it runs.
  if (!KIND.test(kind)) throw new Error(`cache kind \`${kind}\` is not made of a-z, 0-9 and -`);
  if (!KEY.test(key)) throw new Error(`cache key \`${key}\` is not 64 lowercase hex digits (see cacheKey)`);
}

// ---- The entry format: MAGIC, u32 version length, version, u64 payload length, sha256, payload.

const MAGIC = Buffer.from('PRESSROOM-CACHE1', 'latin1');
const HASH_BYTES = 32;

function sha256(data: Uint8Array): Buffer {
  return createHash('sha256').update(data).digest();
}

/** The header written before `data`. */
function entryHeader(version: Buffer, data: Buffer): Buffer {
  const head = Buffer.alloc(MAGIC.length + 4 + version.length + 8 + HASH_BYTES);
  let at = MAGIC.copy(head, 0);
  at = head.writeUInt32BE(version.length, at);
  at += version.copy(head, at);
  at = head.writeBigUInt64BE(BigInt(data.length), at);
  sha256(data).copy(head, at);
  return head;
}

/** What an entry file holds: its payload, or why it is not used. */
type Decoded = { ok: true; payload: Buffer } | { ok: false; why: 'corrupt' | 'stale' };

function decodeEntry(file: Buffer, version: Buffer): Decoded {
  const corrupt: Decoded = { ok: false, why: 'corrupt' };
  let at = MAGIC.length;
  if (file.length < at + 4 || !file.subarray(0, at).equals(MAGIC)) return corrupt;
  const versionLength = file.readUInt32BE(at);
  at += 4;
  if (file.length < at + versionLength + 8 + HASH_BYTES) return corrupt;
  if (!file.subarray(at, at + versionLength).equals(version)) return { ok: false, why: 'stale' };
  at += versionLength;
  const length = file.readBigUInt64BE(at);
  at += 8;
  const sum = file.subarray(at, at + HASH_BYTES);
  const payload = file.subarray(at + HASH_BYTES);
  if (BigInt(payload.length) !== length || !sha256(payload).equals(sum)) return corrupt;
  return { ok: true, payload };
}

// ---- Reading and writing one entry file.

/** An entry file's bytes and inode, or undefined when there is none (or it cannot be read). */
async function readEntryFile(file: string, limit: number): Promise<{ bytes: Buffer; ino: number } | undefined> {
  let fh: fs.FileHandle;
  try {
    // O_NOFOLLOW: a symlink planted in the cache is not followed out of it.
    fh = await fs.open(file, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
  } catch {
    return undefined; // ENOENT (a miss, or pruned meanwhile), or unreadable: a miss either way
  }
  try {
    const st = await fh.stat();
    if (!st.isFile()) return undefined;
    // Larger than the whole cache: no entry of ours, and not worth reading. Read as nothing, so it is dropped.
    if (st.size > limit) return { bytes: Buffer.alloc(0), ino: st.ino };
    return { bytes: await fh.readFile(), ino: st.ino };
  } catch {
    return undefined;
  } finally {
    await fh.close().catch(() => undefined);
  }
}

/** Remove a bad entry, unless another process has renamed a new one into its place since it was read. */
async function removeIfSame(file: string, ino: number): Promise<void> {
  try {
    if ((await fs.lstat(file)).ino === ino) await fs.unlink(file);
  } catch {
    // Gone already, or not ours to remove: the next reader checks it again.
  }
}

/** Write to a temporary file beside `file` (unique per process and call), then rename it into place. */
async function writeAtomic(file: string, parts: Buffer[]): Promise<void> {
  const tmp = tempName(file);
  try {
    // No fsync: an entry cut short by a crash fails its length or hash check and is dropped.
    await fs.writeFile(tmp, parts, { flag: 'wx' });
    await fs.rename(tmp, file);
  } catch (e) {
    await fs.rm(tmp, { force: true }).catch(() => undefined);
    throw e;
  }
}

// ---- Pruning.

interface Stored {
  file: string;
  size: number;
  mtimeMs: number;
}

/** Folders of `dir` whose names match `name`; none when it cannot be read. */
async function subfolders(dir: string, name: RegExp): Promise<string[]> {
  const found = await fs.readdir(dir, { withFileTypes: true }).catch(() => []);
  return found.filter((e) => e.isDirectory() && name.test(e.name)).map((e) => path.join(dir, e.name));
}

/** Every entry in the cache with its size and last use; temporary files of dead processes are removed on the way. */
async function storedEntries(dir: string): Promise<Stored[]> {
  const stored: Stored[] = [];
  for (const kindDir of await subfolders(dir, KIND)) {
    for (const shard of await subfolders(kindDir, SHARD)) {
      await removeStaleTemps(nodeWorld, shard);
      const names = await fs.readdir(shard).catch(() => [] as string[]);
      for (const name of names.filter((n) => KEY.test(n))) {
        const file = path.join(shard, name);
        const st = await fs.lstat(file).catch(() => undefined); // pruned by another process meanwhile
        if (st?.isFile()) stored.push({ file, size: st.size, mtimeMs: st.mtimeMs });
      }
    }
  }
  return stored;
}

/** Remove the least recently used of `stored` until the rest fit in `maxBytes`. */
async function removeOldest(stored: Stored[], maxBytes: number): Promise<{ removed: number; bytes: number }> {
  let total = stored.reduce((sum, s) => sum + s.size, 0);
  const oldestFirst = [...stored].sort((a, b) => a.mtimeMs - b.mtimeMs || (a.file < b.file ? -1 : 1));
  let removed = 0;
  let bytes = 0;
  for (const s of oldestFirst) {
    if (total <= maxBytes) break;
    total -= s.size; // gone either way: removed here, or by another process first
    const gone = await fs.unlink(s.file).then(
      () => true,
      () => false,
    );
    if (gone) {
      removed++;
      bytes += s.size;
    }
  }
  return { removed, bytes };
}

// ---- The cache.

/** A cache in the folder `o.dir`. Never throws for a folder that is missing, unwritable or damaged. */
export function openCache(o: CacheOptions): BuildCache {
  const maxBytes = o.maxBytes ?? DEFAULT_MAX_BYTES;
  const version = Buffer.from(o.version, 'utf8');
  const counts: CacheStats = { hits: 0, misses: 0, corrupt: 0, written: 0, writeFailures: 0 };
  // Set by the first failed write: a folder that refused once would refuse every entry, and
  // each try would cost the build a system call or a full disk's worth of waiting.
  let off = false;

  function miss(): undefined {
    counts.misses++;
    return undefined;
  }

  async function get(kind: string, key: string): Promise<Buffer | undefined> {
    const file = entryPath(o.dir, kind, key);
    if (off) return miss();
    const read = await readEntryFile(file, maxBytes);
    if (!read) return miss();
    const entry = decodeEntry(read.bytes, version);
    if (!entry.ok) {
      if (entry.why === 'corrupt') counts.corrupt++;
      await removeIfSame(file, read.ino);
      return miss();
    }
    counts.hits++;
    // The mtime is the last use that prune goes by; a failure (pruned meanwhile, read-only) costs nothing.
    const now = new Date();
    await fs.utimes(file, now, now).catch(() => undefined);
    return entry.payload;
  }

  async function put(kind: string, key: string, data: Buffer): Promise<void> {
    const file = entryPath(o.dir, kind, key);
    if (off || data.length > maxBytes / 4) return;
    const header = entryHeader(version, data);
    try {
      await fs.mkdir(path.dirname(file), { recursive: true });
      await writeAtomic(file, [header, data]);
      counts.written += header.length + data.length;
    } catch {
      counts.writeFailures++;
      off = true;
    }
  }

  async function through(kind: string, key: string, compute: () => Promise<Buffer>): Promise<Buffer> {
    const hit = await get(kind, key);
    if (hit !== undefined) return hit;
    const data = await compute();
    await put(kind, key, data);
    return data;
  }

  return {
    get,
    put,
    through,
    stats: () => ({ ...counts }),
    prune: async () => removeOldest(await storedEntries(o.dir), maxBytes),
  };
}

/** The cache of `--no-cache`: never hits, never writes. Still checks kinds and keys, so a bad one is found either way. */
export const NO_CACHE: BuildCache = Object.freeze({
  async get(kind: string, key: string) {
    checkName(kind, key);
    return undefined;
  },
  async put(kind: string, key: string) {
    checkName(kind, key);
  },
  async through(kind: string, key: string, compute: () => Promise<Buffer>) {
    checkName(kind, key);
    return compute();
  },
  stats: () => ({ hits: 0, misses: 0, corrupt: 0, written: 0, writeFailures: 0 }),
  prune: async () => ({ removed: 0, bytes: 0 }),
});

/** Whether a build with `cache` keeps anything for the next (not `--no-cache`'s). */
export const isCaching = (cache: BuildCache | undefined): cache is BuildCache => cache !== undefined && cache !== NO_CACHE;

/**
 * A value kept through V8's serializer under (kind, key): the stored one when it reads back as
 * `is` accepts it, else `make()`'s, then stored. (An entry that reads back otherwise, written
 * by other code, is made again.)
 */
export async function throughValue<T>(cache: BuildCache, kind: string, key: string, is: (v: unknown) => v is T, make: () => Promise<T>): Promise<T> {
  if (cache === NO_CACHE) return make();
  const kept = await keptValue(cache, kind, key, is);
  if (kept !== undefined) return kept;
  const made = await make();
  await cache.put(kind, key, serialize(made));
  return made;
}

/** The value kept through V8's serializer under (kind, key), when it reads back as `is` accepts it. */
export async function keptValue<T>(cache: BuildCache, kind: string, key: string, is: (v: unknown) => v is T): Promise<T | undefined> {
  const data = cache === NO_CACHE ? undefined : await cache.get(kind, key);
  if (!data) return undefined;
  try {
    const v: unknown = deserialize(data);
    if (is(v)) return v;
  } catch {
    /* not an entry this code wrote: made again */
  }
  return undefined;
}

// ---- Where the cache lives.

const MODULE_DIR = path.dirname(fileURLToPath(import.meta.url));

/**
 * PRESSROOM_CACHE when set (relative to `cwd`), else `.cache/pressroom` in the nearest
 * node_modules above `cwd`, else in the one above Pressroom's own files (the convention of
 * find-cache-dir, which tools such as Babel and ESLint share), else in the system's temp folder.
 */
export function defaultCacheDir(cwd: string, env: NodeJS.ProcessEnv): string {
  if (env.PRESSROOM_CACHE) return path.resolve(cwd, env.PRESSROOM_CACHE);
  const modules = nearestNodeModules(path.resolve(cwd)) ?? nearestNodeModules(MODULE_DIR);
  return modules ? path.join(modules, '.cache', 'pressroom') : path.join(os.tmpdir(), 'pressroom-cache');
}

/** The `node_modules` folder in `from` or the nearest folder above it. */
function nearestNodeModules(from: string): string | undefined {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules');
    if (isFolder(candidate)) return candidate;
    if (path.dirname(dir) === dir) return undefined;
  }
}

function isFolder(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false; // absent, or a folder above that cannot be searched
  }
}
