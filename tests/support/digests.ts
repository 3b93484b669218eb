// Every file an output folder holds, with its sha256: to compare two builds byte for byte.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** sha256 of each file under `out` by its relative path (dot files, the record of outputs, aside). */
export function digests(out: string): Record<string, string> {
  const all: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (!e.name.startsWith('.')) all[path.relative(out, p)] = createHash('sha256').update(readFileSync(p)).digest('hex');
    }
  };
  walk(out);
  return all;
}
