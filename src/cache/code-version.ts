// The version a cached product is tied to: not only Pressroom's version number but a digest
// of the code and data that made it (its compiled modules, built-in templates and assets,
// and the locked versions of its libraries and fonts), so that an entry made by other code
// is never reused, even between two commits of the same version.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder holding package.json: two up from this module, in src/ or in dist/. */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const FORMAT = 'pressroom-cache-1';

let memo: string | undefined;

/** A digest of the code and data a build's products depend on; computed once per process. */
export function codeVersion(): string {
  if (memo) return memo;
  const hash = createHash('sha256').update(FORMAT).update(process.versions.node);
  const code = path.basename(path.dirname(path.dirname(fileURLToPath(import.meta.url))));
  for (const dir of [code, 'templates', 'assets']) for (const file of filesUnder(path.join(ROOT, dir))) hash.update(file).update(readFileSync(file));
  for (const file of ['package.json', 'package-lock.json']) {
    try {
      hash.update(file).update(readFileSync(path.join(ROOT, file)));
    } catch {
      /* an installed copy has no lock file: its package.json pins what it can */
    }
  }
  memo = hash.digest('hex');
  return memo;
}

function filesUnder(dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries
    .map((e) => ({ e, p: path.join(dir, e.name) }))
    .sort((a, b) => (a.p < b.p ? -1 : 1))
    .flatMap(({ e, p }) => (e.isDirectory() ? filesUnder(p) : e.isFile() ? [p] : []));
}
