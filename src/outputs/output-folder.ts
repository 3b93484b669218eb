// The output folder belongs to the user. Before anything is read, and again just before
// anything is written, it is checked: never the edition folder or a folder inside it (the
// outputs would mix with the inputs, and a later build would take them for the editor's
// files), never the current folder by an empty path, never a folder of the system (writing
// under /proc hangs), always a writable folder, and no subfolder the outputs go into may be
// a symlink leading out of it. A folder that holds the edition folder is fine: Pressroom only
// ever removes the files it recorded (output-record.ts).
import path from 'node:path';
import { error, type Diagnostic } from '../diagnostics/diagnostic.js';
import { excerpt } from '../manifest/paths.js';
import { isInside, type World } from '../world.js';

/** Folders of the system no output goes into. */
const SYSTEM_FOLDERS = ['/proc', '/sys', '/dev'];

/** Subfolders of the output folder that outputs are written into. */
export const OUTPUT_SUBFOLDERS: readonly string[] = ['articles'];

/** The output folder as the build was asked for it. */
export interface OutputFolder {
  /** The path as given (`--out`), undefined for the default. */
  given: string | undefined;
  /** The path made absolute (not resolved through symlinks): where the outputs are written. */
  abs: string;
  /** The edition folder, as given. */
  editionDir: string;
}

export type FolderCheck = { ok: true; real: string } | { ok: false; diagnostic: Diagnostic };

/** Check the output folder; `real` is its real path (of the part that exists, the rest joined on). */
export async function checkOutputFolder(world: World, out: OutputFolder, subfolders: readonly string[] = OUTPUT_SUBFOLDERS): Promise<FolderCheck> {
  const shown = `\`${excerpt(out.given ?? (path.relative(process.cwd(), out.abs) || '.'))}\``;
  const refuse = (message: string, hint: string): FolderCheck => ({
    ok: false,
    diagnostic: error('output/unsafe-folder', message, out.given === '' ? {} : { file: out.abs }, [hint]),
  });
  if (out.given === '') {
    return refuse('the output folder is an empty path, which would be the current folder', 'name the output folder, such as `--out output/<edition>`');
  }
  const resolved = await realPathOf(world, out.abs);
  if ('broken' in resolved) {
    return refuse(
      `the output folder ${shown} leads through a broken symlink`,
      `\`${excerpt(resolved.broken)}\` names nothing: remove it, or choose another folder`,
    );
  }
  const { real, existing, made } = resolved;
  if (underSystemFolder(out.abs) || underSystemFolder(real)) {
    return refuse(`the output folder ${shown} is in a folder of the system (/proc, /sys, /dev)`, 'choose a folder of your own with --out');
  }
  const edition = await world.realpath(out.editionDir).catch(() => path.resolve(out.editionDir));
  if (isInside(edition, real)) {
    return refuse(
      `the output folder ${shown} is ${real === edition ? 'the edition folder' : 'inside the edition folder'}`,
      'choose a folder outside the edition with --out (such as ../output/<edition> from inside it): the output folder may only hold what Pressroom writes',
    );
  }
  const top = await world.entry(existing);
  if (top?.kind !== 'folder') {
    return refuse(
      made ? `the output folder ${shown} cannot be made: \`${excerpt(existing)}\` is not a folder` : `the output folder ${shown} is not a folder`,
      'choose a folder with --out (one that does not exist yet is made)',
    );
  }
  if (!(await world.canWrite(existing))) {
    return refuse(
      made ? `the output folder ${shown} cannot be made: \`${excerpt(existing)}\` is not writable` : `the output folder ${shown} is not writable`,
      'choose a folder you may write to with --out',
    );
  }
  if (!made) {
    for (const sub of subfolders) {
      const problem = await subfolderProblem(world, real, sub);
      if (problem) return refuse(`\`${sub}\` in the output folder ${shown} ${problem}`, 'remove it or choose another output folder with --out');
    }
  }
  return { ok: true, real };
}

/** Under /proc, /sys or /dev (a path already absolute). */
function underSystemFolder(abs: string): boolean {
  return SYSTEM_FOLDERS.some((dir) => isInside(dir, abs));
}

/**
 * The real path of `abs`: of its longest part that exists (symlinks resolved), with the rest
 * joined on as it will be made. `made` is true when some of it does not exist yet. A part that
 * exists but resolves to nothing (a broken symlink, a loop) is reported as `broken`.
 */
async function realPathOf(world: World, abs: string): Promise<{ real: string; existing: string; made: boolean } | { broken: string }> {
  const missing: string[] = [];
  let p = abs;
  for (;;) {
    const existing = await world.realpath(p).catch(() => undefined);
    if (existing !== undefined) return { real: path.join(existing, ...missing), existing, made: missing.length > 0 };
    if (await world.entry(p)) return { broken: p };
    const parent = path.dirname(p);
    if (parent === p) return { real: abs, existing: p, made: true };
    missing.unshift(path.basename(p));
    p = parent;
  }
}

/**
 * Why the subfolder `sub` of the output folder (real path `outReal`) cannot take outputs, if
 * it exists: a symlink leading out of the output folder (writes and removals would land
 * elsewhere), or not a folder. Undefined when it is fine or does not exist yet.
 */
async function subfolderProblem(world: World, outReal: string, sub: string): Promise<string | undefined> {
  const p = path.join(outReal, sub);
  const e = await world.entry(p);
  if (!e) return undefined;
  if (e.kind === 'symlink') {
    const to = await world.realpath(p).catch(() => undefined);
    if (to === undefined) return 'is a broken symlink';
    if (!isInside(outReal, to)) return 'is a symlink leading out of it';
    return (await world.entry(to))?.kind === 'folder' ? undefined : 'is not a folder';
  }
  return e.kind === 'folder' ? undefined : 'is not a folder';
}
