// The world a build touches: files and the clock. Injected so builds are deterministic
// and tests can run against a temporary folder, or a disk that fills up, without module mocks.
import { constants, promises as fs } from 'node:fs';
import path from 'node:path';

/** Why a contained read was refused. */
export type ReadRefusal = 'not-found' | 'outside' | 'not-a-file' | 'too-large';

/** A file read by `readInside`: its bytes, or why it was not read (with its size when too large). */
export type ReadInside = { ok: true; data: Buffer } | { ok: false; reason: ReadRefusal; size?: number };

/** What is at a path itself, a symlink not followed. */
export interface Entry {
  kind: 'file' | 'folder' | 'symlink' | 'other';
  size: number;
}

/**
 * The largest file `readFile` reads when not told otherwise: templates and stylesheets, a few
 * KB each. Inputs with a limit of their own (articles, images, fonts) pass it.
 */
export const READ_LIMIT = 16 * 1024 * 1024;

/** Thrown by `readFile` for a path that is not a regular file, or is larger than its cap. */
export class ReadRefused extends Error {
  constructor(
    readonly reason: 'not-a-file' | 'too-large',
    readonly file: string,
    readonly maxBytes: number,
    readonly size?: number,
  ) {
    const mb = (n: number) => `${+(n / 1048576).toFixed(1)} MB`;
    super(reason === 'not-a-file' ? 'not a regular file' : `${size === undefined ? 'larger than' : `${mb(size)}, over`} the ${mb(maxBytes)} read`);
    this.name = 'ReadRefused';
  }
}

export interface World {
  /**
   * Reads a regular file (after symlinks) of at most `maxBytes` (default READ_LIMIT); throws
   * ReadRefused for a folder, a FIFO or a device (never waiting on one), or a larger file.
   */
  readFile(absPath: string, maxBytes?: number): Promise<Buffer>;
  /**
   * Reads `rel` of the folder `dir` only when, after symlinks, it is a regular file inside
   * `dir` of at most `maxBytes`: the one way edition inputs are read. Never waits on a FIFO,
   * never reads more than `maxBytes + 1` bytes (a device, a file growing while read).
   */
  readInside(dir: string, rel: string, maxBytes: number): Promise<ReadInside>;
  /** What is at `absPath` itself (lstat: a symlink is not followed); undefined when nothing is. */
  entry(absPath: string): Promise<Entry | undefined>;
  /** True when this process may create files in the folder `absPath` (access W_OK). */
  canWrite(absPath: string): Promise<boolean>;
  /** Size in bytes, read before a file is (so a huge one is refused unread). */
  fileSize(absPath: string): Promise<number>;
  /** Resolves symlinks; rejects when the path does not exist. */
  realpath(absPath: string): Promise<string>;
  isFile(absPath: string): Promise<boolean>;
  listDir(absPath: string): Promise<string[]>;
  /**
   * Writes `data` to a new temporary file in the folder of `absPath`, named
   * `.<name>.<pid>.<n>.tmp`, and returns its path. Nothing is written under the final name.
   */
  writeTemp(absPath: string, data: Buffer | string): Promise<string>;
  /** Renames within one folder: atomic, so the target is the old file or the new one, whole. */
  rename(fromAbs: string, toAbs: string): Promise<void>;
  /** Writes to a temporary file in the same folder, then renames it into place. */
  writeFileAtomic(absPath: string, data: Buffer | string): Promise<void>;
  mkdirp(absPath: string): Promise<void>;
  remove(absPath: string): Promise<void>;
}

let tmpCounter = 0;

/** `.<name>.<pid>.<n>.tmp`: the temporary name of `name` while this process writes it. */
export function tempName(absPath: string, pid = process.pid, n = tmpCounter++): string {
  return path.join(path.dirname(absPath), `.${path.basename(absPath)}.${pid}.${n}.tmp`);
}

const TEMP = /^\..+\.(\d+)\.\d+\.tmp$/;

export const nodeWorld: World = {
  async readFile(p, maxBytes = READ_LIMIT) {
    const real = await fs.realpath(p);
    const r = await readBounded(real, maxBytes);
    if (r.ok) return r.data;
    if (r.reason === 'not-found') throw Object.assign(new Error(`ENOENT: no such file or directory, open '${p}'`), { code: 'ENOENT' });
    throw new ReadRefused(r.reason === 'too-large' ? 'too-large' : 'not-a-file', p, maxBytes, r.size);
  },
  async readInside(dir, rel, maxBytes) {
    let dirReal: string;
    let real: string;
    try {
      dirReal = await fs.realpath(dir);
      real = await fs.realpath(path.resolve(dirReal, rel));
    } catch (e) {
      return { ok: false, reason: refusalOf(e) };
    }
    if (!isInside(dirReal, real)) return { ok: false, reason: 'outside' };
    return readBounded(real, maxBytes);
  },
  async entry(p) {
    try {
      const st = await fs.lstat(p);
      return { kind: st.isSymbolicLink() ? 'symlink' : st.isFile() ? 'file' : st.isDirectory() ? 'folder' : 'other', size: st.size };
    } catch {
      return undefined;
    }
  },
  async canWrite(p) {
    try {
      await fs.access(p, constants.W_OK);
      return true;
    } catch {
      return false;
    }
  },
  fileSize: async (p) => (await fs.stat(p)).size,
  realpath: (p) => fs.realpath(p),
  async isFile(p) {
    try {
      return (await fs.stat(p)).isFile();
    } catch {
      return false;
    }
  },
  listDir: (p) => fs.readdir(p),
  async writeTemp(p, data) {
    // Same folder as the target so rename() is atomic; pid + counter keep parallel builds apart.
    const tmp = tempName(p);
    try {
      await fs.writeFile(tmp, data, { flag: 'wx' });
    } catch (e) {
      await fs.rm(tmp, { force: true });
      throw e;
    }
    return tmp;
  },
  rename: (from, to) => fs.rename(from, to),
  async writeFileAtomic(p, data) {
    const tmp = await this.writeTemp(p, data);
    try {
      await fs.rename(tmp, p);
    } catch (e) {
      await fs.rm(tmp, { force: true });
      throw e;
    }
  },
  async mkdirp(p) {
    await fs.mkdir(p, { recursive: true });
  },
  async remove(p) {
    await fs.rm(p, { force: true });
  },
};

/** `real` is `dir` itself or lies under it (both real paths). */
export function isInside(dir: string, real: string): boolean {
  return real === dir || real.startsWith(dir.endsWith(path.sep) ? dir : dir + path.sep);
}

// O_NONBLOCK: opening a FIFO returns at once instead of waiting for a writer; O_NOFOLLOW: a
// symlink put in place of the checked real path after it was resolved is not followed.
// Either is 0 where the platform lacks it.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOFOLLOW ?? 0);
const CHUNK = 1 << 16;

/**
 * Read the file at the real path `real` if the opened handle is a regular file (checked on the
 * handle, so what is read is what was checked) of at most `maxBytes`. Reads at most
 * `maxBytes + 1` bytes whatever the size said, so a file growing meanwhile cannot run on.
 */
async function readBounded(real: string, maxBytes: number): Promise<ReadInside> {
  let fh: fs.FileHandle;
  try {
    fh = await fs.open(real, OPEN_FLAGS);
  } catch (e) {
    return { ok: false, reason: refusalOf(e) };
  }
  try {
    const st = await fh.stat();
    if (!st.isFile()) return { ok: false, reason: 'not-a-file' };
    if (st.size > maxBytes) return { ok: false, reason: 'too-large', size: st.size };
    const chunks: Buffer[] = [];
    let total = 0;
    let want = st.size + 1; // one byte more than the size shows a file that grew
    while (total <= maxBytes) {
      const buf = Buffer.allocUnsafe(Math.min(want, maxBytes + 1 - total));
      const { bytesRead } = await fh.read(buf, 0, buf.length, null);
      if (bytesRead === 0) break;
      chunks.push(buf.subarray(0, bytesRead));
      total += bytesRead;
      want = CHUNK;
    }
    if (total > maxBytes) return { ok: false, reason: 'too-large', size: total };
    return { ok: true, data: chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total) };
  } finally {
    await fh.close();
  }
}

/** The refusal an error of realpath or open stands for; an unexpected one is thrown on. */
function refusalOf(e: unknown): ReadRefusal {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return 'not-found';
  // ELOOP: a symlink loop, or a symlink swapped in after the path was checked.
  if (code === 'ELOOP') return 'outside';
  // ENXIO: a socket, or a device with nothing behind it.
  if (code === 'ENXIO' || code === 'EISDIR') return 'not-a-file';
  throw e;
}

/**
 * Write every file without ever leaving a partial one under its final name, and without
 * touching the previous outputs unless all the new ones could be written: first every file
 * goes to a temporary file beside its target (a full disk or a refused write fails here, and
 * the temporary files are removed), then each is renamed into place. A build killed during
 * the renames leaves each output either the old file or the new one, whole.
 */
export async function writeAll(world: World, files: readonly { path: string; data: Buffer }[]): Promise<void> {
  const temps: { tmp: string; final: string }[] = [];
  try {
    for (const f of files) {
      await world.mkdirp(path.dirname(f.path));
      temps.push({ tmp: await world.writeTemp(f.path, f.data), final: f.path });
    }
  } catch (e) {
    await Promise.all(temps.map((t) => world.remove(t.tmp).catch(() => undefined)));
    throw e;
  }
  for (const t of temps) await world.rename(t.tmp, t.final);
}

/**
 * Remove temporary files a killed build left in `dir` (`.<name>.<pid>.<n>.tmp` of a process
 * that no longer runs). Those of a running build, this one or another, are left alone.
 */
export async function removeStaleTemps(world: World, dir: string): Promise<void> {
  const names = await world.listDir(dir).catch(() => [] as string[]);
  for (const name of names) {
    const m = TEMP.exec(name);
    if (!m) continue;
    const pid = Number(m[1]);
    if (pid === process.pid || isRunning(pid)) continue;
    await world.remove(path.join(dir, name)).catch(() => undefined);
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
