// The world a build touches: files and the clock. Injected so builds are deterministic
// and tests can run against a temporary folder without module mocks.
import { promises as fs } from 'node:fs';
import path from 'node:path';

export interface World {
  readFile(absPath: string): Promise<Buffer>;
  /** Resolves symlinks; rejects when the path does not exist. */
  realpath(absPath: string): Promise<string>;
  isFile(absPath: string): Promise<boolean>;
  listDir(absPath: string): Promise<string[]>;
  /** Writes to a temporary file in the same folder, then renames it into place. */
  writeFileAtomic(absPath: string, data: Buffer | string): Promise<void>;
  mkdirp(absPath: string): Promise<void>;
  remove(absPath: string): Promise<void>;
}

let tmpCounter = 0;

export const nodeWorld: World = {
  readFile: (p) => fs.readFile(p),
  realpath: (p) => fs.realpath(p),
  async isFile(p) {
    try {
      return (await fs.stat(p)).isFile();
    } catch {
      return false;
    }
  },
  listDir: (p) => fs.readdir(p),
  async writeFileAtomic(p, data) {
    // Same folder as the target so rename() is atomic; pid + counter keep parallel builds apart.
    const tmp = path.join(path.dirname(p), `.${path.basename(p)}.${process.pid}.${tmpCounter++}.tmp`);
    try {
      await fs.writeFile(tmp, data);
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
