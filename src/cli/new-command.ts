// `pressroom new <dir>`: copies the starter edition (assets/new-edition) into a new folder.
// The files live as files, not as strings here, so an editor can read them in the repository
// and a change to them needs no code. Nothing is ever overwritten.
import { constants, promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EXIT } from './report.js';

/** The starter edition: ../../assets from both src/cli (tsx) and dist/cli (compiled). */
export const STARTER_DIR = fileURLToPath(new URL('../../assets/new-edition/', import.meta.url));

/** Where `new` writes its messages; the process's streams unless a test gives others. */
export interface NewOutput {
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown };
}

/** Writes the starter edition into `dir` (created with its parents); refuses a folder that holds anything. */
export async function newEdition(dir: string, io: NewOutput = process, from: string = STARTER_DIR): Promise<number> {
  const refusal = await refusalFor(dir);
  if (refusal) {
    io.stderr.write(`pressroom: ${refusal}\n`);
    return EXIT.input;
  }
  const files = await filesUnder(from);
  try {
    await fs.mkdir(dir, { recursive: true });
    for (const file of files) await copyNew(path.join(from, file), path.join(dir, file));
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    io.stderr.write(`pressroom: cannot write the new edition into ${dir}: ${err.code ?? err.message}${err.path ? ` (${err.path})` : ''}\n`);
    return EXIT.input;
  }
  io.stdout.write(writtenLines(dir, files));
  return EXIT.ok;
}

/** Why `dir` cannot take a new edition (it is a file, or a folder with anything in it), or undefined. */
async function refusalFor(dir: string): Promise<string | undefined> {
  const stat = await fs.stat(dir).catch(() => undefined);
  if (!stat) return undefined;
  if (!stat.isDirectory()) return `${dir} exists and is not a folder: nothing was written (give the path of a new folder)`;
  const entries = await fs.readdir(dir);
  if (!entries.length) return undefined;
  return `${dir} is not empty: nothing was written (give the path of a new or empty folder, such as ${dir.replace(/\/+$/, '')}-2)`;
}

/** Every file under `root`, as paths relative to it with `/`, in a stable order. */
async function filesUnder(root: string, prefix = ''): Promise<string[]> {
  // By hand rather than readdir's `recursive`, whose entries name their folder only from Node 20.12.
  const files: string[] = [];
  for (const e of await fs.readdir(path.join(root, prefix), { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory()) files.push(...(await filesUnder(root, rel)));
    else if (e.isFile()) files.push(rel);
  }
  return files.sort();
}

/** Copies one file, failing (EEXIST) rather than replacing one that appeared meanwhile. */
async function copyNew(from: string, to: string): Promise<void> {
  await fs.mkdir(path.dirname(to), { recursive: true });
  await fs.copyFile(from, to, constants.COPYFILE_EXCL);
}

/** What was written, then the commands that come next. */
function writtenLines(dir: string, files: string[]): string {
  const shown = shellWord(dir);
  return (
    `wrote a new edition into ${dir}:\n` +
    files.map((f) => `  ${path.join(dir, f)}\n`).join('') +
    '\nnext:\n' +
    `  npx pressroom build ${shown}    build the PDFs and the EPUB into output/${path.basename(path.resolve(dir))}\n` +
    `  npx pressroom watch ${shown}    rebuild on every save and show the issue in a browser\n`
  );
}

/** `s` as one word for a POSIX shell: as it is when plain, else in single quotes. */
function shellWord(s: string): string {
  return /^[\w./@%+=:,-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}
