// Golden files: a checked-in text compared with what the code produces now. After an
// intended change: UPDATE_GOLDEN=1 node --import tsx --test tests/golden/*.test.ts
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export function compareGolden(file: string, actual: string): void {
  const name = path.basename(file);
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, actual);
    if (process.env.UPDATE_GOLDEN !== '1') assert.fail(`${name} did not exist and was written; check it and run again`);
    return;
  }
  assert.equal(actual, readFileSync(file, 'utf8'), `${name} differs; if the change is intended, run with UPDATE_GOLDEN=1`);
}
