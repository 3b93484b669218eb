// A process that builds an edition again takes the layouts of its unchanged articles from the
// build cache, articles read back from the cache included: their keys are made from what the
// articles are, not from how V8 happens to hold them. (Homebrew's blog, read afresh in the
// first build of a process and read back from the cache in the next, once gave different
// keys, and a new process set every article again.) A file of its own: the first build of
// its process is the one that showed it.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { deserialize } from 'node:v8';
import { describe, it } from 'node:test';
import { buildEdition } from '../../src/build.js';
import { codeVersion } from '../../src/cache/code-version.js';
import { cacheKey, openCache } from '../../src/cache/disk-cache.js';
import { clearMemos } from '../../src/cache/memos.js';
import { digests } from '../support/digests.js';

const cacheAt = (dir: string) => openCache({ dir, version: codeVersion() });

/** The keys of the layouts the last build of `dir` kept for the next (build.ts: the `layouts` entry). */
async function keptLayoutKeys(cacheDir: string, dir: string): Promise<string[]> {
  const data = await cacheAt(cacheDir).get('layouts', cacheKey(codeVersion(), 'layouts', path.resolve(dir)));
  assert.ok(data, 'the build kept its layouts');
  return [...(deserialize(data) as Map<string, Buffer>).keys()];
}

describe('layouts kept between processes', () => {
  it('gives a new process the layouts of a real edition read back from the cache, every one of them', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'pressroom-cache-'));
    const dir = path.join(root, 'homebrew-blog');
    cpSync(path.resolve(import.meta.dirname, '../fixtures/site-editions/homebrew-blog'), dir, { recursive: true });
    const cacheDir = path.join(root, 'cache');
    const out = path.join(root, 'out');
    clearMemos();
    await buildEdition({ editionDir: dir, outDir: out, cache: cacheAt(cacheDir) });
    const first = await keptLayoutKeys(cacheDir, dir);
    const outputs = digests(out);
    rmSync(out, { recursive: true }); // so that the build is made again, from what the cache holds
    clearMemos();
    await buildEdition({ editionDir: dir, outDir: out, cache: cacheAt(cacheDir) });
    assert.deepEqual((await keptLayoutKeys(cacheDir, dir)).sort(), first.sort());
    assert.deepEqual(digests(out), outputs);
  });
});
