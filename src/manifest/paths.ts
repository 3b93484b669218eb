// Every path an edition names must stay inside the edition folder: no `..` escapes, no
// absolute paths, no symlink leading out. Checked on the real path, after symlinks.
import path from 'node:path';
import type { Code } from '../diagnostics/diagnostic.js';
import { formatBytes } from '../limits/limits.js';
import type { ReadRefusal, World } from '../world.js';

export type PathCheck =
  | { ok: true; abs: string; rel: string }
  | { ok: false; reason: 'outside' | 'absolute' | 'not-found' | 'not-a-file'; message: string; hint: string };

/** The code of a refused path: `notFound` is the input's own (`image/not-found`, `font/not-found`…). */
export function pathCode(reason: Extract<PathCheck, { ok: false }>['reason'] | ReadRefusal, notFound: Code = 'path/not-found'): Code {
  switch (reason) {
    case 'not-found':
      return notFound;
    case 'not-a-file':
      return 'path/not-a-file';
    case 'too-large':
      return 'limit/file-size';
    default:
      return 'path/outside-edition';
  }
}

/** A value from the input as shown in a message: at most `max` characters, cut with …. */
export function excerpt(s: string, max = 80): string {
  const one = s.replace(/[\r\n\t]+/g, ' ');
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}

/**
 * The message of a contained read that was refused (`what` names the input: `font`,
 * `article`…). The bytes of the file are never part of it.
 */
export function refusalMessage(what: string, shown: string, reason: ReadRefusal, maxBytes: number, size?: number): { message: string; hint: string } {
  const name = `\`${excerpt(shown)}\``;
  switch (reason) {
    case 'not-found':
      return { message: `${what} ${name} does not exist`, hint: 'it was there a moment ago: was it moved while the edition was built?' };
    case 'outside':
      return { message: `${what} ${name} leads out of the edition folder`, hint: 'copy the file into the edition folder instead of linking to it' };
    case 'not-a-file':
      return { message: `${what} ${name} is not a regular file`, hint: 'name a file: not a folder, a FIFO, a socket or a device' };
    case 'too-large':
      return {
        message: `${what} ${name} is ${size === undefined ? 'larger than' : `${formatBytes(size)}, over`} the ${formatBytes(maxBytes)} Pressroom reads`,
        hint: `a ${what} is never that large: check that this is the file meant`,
      };
  }
}

/**
 * Resolve `p` (as written, relative to `baseRel` inside the edition) and check it.
 * `editionReal` is the edition folder's real path.
 */
export async function resolveInside(world: World, editionReal: string, baseRel: string, p: string): Promise<PathCheck> {
  if (path.isAbsolute(p) || /^[A-Za-z]:[\\/]/.test(p)) {
    return {
      ok: false,
      reason: 'absolute',
      message: `\`${excerpt(p)}\` is an absolute path`,
      hint: 'write paths relative to the file that names them, inside the edition folder',
    };
  }
  const rel = path.normalize(path.join(baseRel, p));
  if (rel === '..' || rel.startsWith(`..${path.sep}`)) {
    return {
      ok: false,
      reason: 'outside',
      message: `\`${excerpt(p)}\` leads out of the edition folder`,
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
      message: `\`${excerpt(p)}\` does not exist`,
      hint: `looked for ${excerpt(rel)} in the edition folder`,
    };
  }
  if (real !== editionReal && !real.startsWith(editionReal + path.sep)) {
    return {
      ok: false,
      reason: 'outside',
      message: `\`${excerpt(p)}\` is a symlink leading out of the edition folder`,
      hint: 'copy the file into the edition folder instead of linking to it',
    };
  }
  // A folder, a FIFO, a socket or a device: never opened (a FIFO would wait for a writer).
  const kind = (await world.entry(real))?.kind;
  if (kind !== 'file') {
    return {
      ok: false,
      reason: 'not-a-file',
      message: `\`${excerpt(p)}\` is not a regular file`,
      hint: `${excerpt(rel)} is ${kind === 'folder' ? 'a folder' : 'a FIFO, a socket or a device'}`,
    };
  }
  return { ok: true, abs: real, rel: rel.split(path.sep).join('/') };
}
