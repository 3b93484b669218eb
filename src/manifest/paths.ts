// Every path an edition names must stay inside the edition folder: no `..` escapes, no
// absolute paths, no symlink leading out. Checked on the real path, after symlinks.
import path from 'node:path';
import type { World } from '../world.js';

export type PathCheck = { ok: true; abs: string; rel: string } | { ok: false; reason: 'outside' | 'absolute' | 'not-found'; message: string; hint: string };

/**
 * Resolve `p` (as written, relative to `baseRel` inside the edition) and check it.
 * `editionReal` is the edition folder's real path.
 */
export async function resolveInside(world: World, editionReal: string, baseRel: string, p: string): Promise<PathCheck> {
  if (path.isAbsolute(p) || /^[A-Za-z]:[\\/]/.test(p)) {
    return {
      ok: false,
      reason: 'absolute',
      message: `\`${p}\` is an absolute path`,
      hint: 'write paths relative to the file that names them, inside the edition folder',
    };
  }
  const rel = path.normalize(path.join(baseRel, p));
  if (rel === '..' || rel.startsWith(`..${path.sep}`)) {
    return {
      ok: false,
      reason: 'outside',
      message: `\`${p}\` leads out of the edition folder`,
      hint: 'copy the file into the edition folder and name it from there',
    };
  }
  const abs = path.join(editionReal, rel);
  let real: string;
  try {
    real = await world.realpath(abs);
  } catch {
    return {
      ok: false,
      reason: 'not-found',
      message: `\`${p}\` does not exist`,
      hint: `looked for ${rel} in the edition folder`,
    };
  }
  if (real !== editionReal && !real.startsWith(editionReal + path.sep)) {
    return {
      ok: false,
      reason: 'outside',
      message: `\`${p}\` is a symlink leading out of the edition folder`,
      hint: 'copy the file into the edition folder instead of linking to it',
    };
  }
  if (!(await world.isFile(real))) {
    return { ok: false, reason: 'not-found', message: `\`${p}\` is not a file`, hint: `${rel} is a folder` };
  }
  return { ok: true, abs: real, rel: rel.split(path.sep).join('/') };
}
