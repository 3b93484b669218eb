// Loaded before every test file (`--import` in npm test): each test process builds with a
// build cache of its own, in a new temporary folder removed at exit, so that no test hits
// entries another test, an earlier run or the developer's own builds left behind.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MALLOC_ENV } from '../../src/cli/relaunch.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'pressroom-test-cache-'));
process.env.PRESSROOM_CACHE = dir;
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));

// The CLI starts a building command again with glibc's malloc tuned (src/cli/relaunch.ts);
// set here, every CLI a test runs is that second process at once, with no extra start.
// tests/e2e/relaunch.test.ts clears them to see the relaunch itself.
Object.assign(process.env, MALLOC_ENV);
