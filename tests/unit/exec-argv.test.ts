// What a compiled worker thread is started with: the parent's options, less its TypeScript
// loader and TypeScript preloads, which a worker cannot run.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { withoutLoaders } from '../../src/threads/exec-argv.js';

describe('a compiled worker’s node options', () => {
  it('leave out tsx and the TypeScript modules preloaded, in both spellings', () => {
    assert.deepEqual(withoutLoaders(['--import', 'tsx', '--import', './tests/support/setup.ts', '--import=tsx/esm', '--require=./x.cts']), []);
  });

  it('keep every other option and preloaded module', () => {
    const argv = ['--enable-source-maps', '--import', '/tmp/inject.mjs', '--max-old-space-size=800', '-r', './hook.cjs'];
    assert.deepEqual(withoutLoaders(argv), argv);
  });
});
