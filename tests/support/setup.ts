// Loaded before every test file (`--import` in npm test): each test process builds with a
// build cache of its own, in a new temporary folder removed at exit, so that no test hits
// entries another test, an earlier run or the developer's own builds left behind.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const dir = mkdtempSync(path.join(os.tmpdir(), 'pressroom-test-cache-'));
process.env.PRESSROOM_CACHE = dir;
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
