// The world a build touches: files and the clock. Injected so builds are deterministic
// and tests can run against a temporary folder, or a disk that fills up, without module mocks.
import { promises as fs } from 'node:fs';
import path from 'node:path';

export interface World {
  readFile(absPath: string): Promise<Buffer>;
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
  readFile: (p) => fs.readFile(p),
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
