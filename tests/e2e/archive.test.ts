// A back catalogue built with build-all: on one thread or two, with the cache or without,
// the files are the same bytes; N runners given shards 0/N … N-1/N build every edition once
// between them; the summary counts editions, pages and warnings.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { pressroom } from '../support/cli.js';
import { digests } from '../support/digests.js';

const STARTER = path.resolve(import.meta.dirname, '../../assets/new-edition');
const NAMES = ['2026-01', '2026-02', '2026-03', '2026-04'];

/** An archive of four small issues (the starter edition, numbered 1 to 4). */
function archive(): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'pressroom-archive-'));
  const dir = path.join(root, 'issues');
  NAMES.forEach((name, i) => {
    const ed = path.join(dir, name);
    cpSync(STARTER, ed, { recursive: true });
    const yaml = path.join(ed, 'edition.yaml');
    writeFileSync(yaml, readFileSync(yaml, 'utf8').replace('issue: No. 1', `issue: No. ${i + 1}`));
  });
  return dir;
}

const built = (stdout: string) => [...stdout.matchAll(/^built (\S+) in /gm)].map((m) => path.basename(m[1]));

describe('build-all over an archive', () => {
  const dir = archive();
  const out = (name: string) => path.join(path.dirname(dir), name);

  it('gives the same bytes on one thread without the cache, on two, and on two from a warm cache', async () => {
    const one = await pressroom(['build-all', dir, '--out', out('one'), '--jobs', '1', '--no-cache']);
    assert.equal(one.code, 0, one.stderr);
    const two = await pressroom(['build-all', dir, '--out', out('two'), '--jobs', '2']);
    assert.equal(two.code, 0, two.stderr);
    const warm = await pressroom(['build-all', dir, '--out', out('warm'), '--jobs', '2']);
    assert.equal(warm.code, 0, warm.stderr);
    const reference = digests(out('one'));
    assert.equal(Object.keys(reference).length, NAMES.length * 6, Object.keys(reference).join('\n'));
    assert.deepEqual(digests(out('two')), reference);
    assert.deepEqual(digests(out('warm')), reference);
    // Reports come whole, in the editions' order, whatever order they finished in.
    assert.deepEqual(built(two.stdout), NAMES);
    assert.match(one.stdout, /^4 of 4 editions built: \d+ pages, 0 warnings, in \d+\.\d\d s$/m);
  });

  it('gives the same bytes for one edition built with helper threads (--jobs 2) and without', async () => {
    const one = path.join(dir, NAMES[0]);
    const alone = await pressroom(['build', one, '--out', out('alone-1'), '--jobs', '1', '--no-cache']);
    assert.equal(alone.code, 0, alone.stderr);
    const helped = await pressroom(['build', one, '--out', out('alone-2'), '--jobs', '2', '--no-cache']);
    assert.equal(helped.code, 0, helped.stderr);
    assert.deepEqual(digests(out('alone-2')), digests(out('alone-1')));
    assert.equal(Object.keys(digests(out('alone-1'))).length, 6);
  });

  it('builds every edition exactly once across the shards of a batch', async () => {
    const runs = await Promise.all([0, 1, 2].map((i) => pressroom(['build-all', dir, '--out', out('sharded'), '--shard', `${i}/3`, '--jobs', '1'])));
    for (const r of runs) assert.equal(r.code, 0, r.stderr);
    const each = runs.map((r) => built(r.stdout));
    // Edition k (in sorted order) goes to shard k mod 3.
    assert.deepEqual(each, [[NAMES[0], NAMES[3]], [NAMES[1]], [NAMES[2]]]);
    assert.match(runs[1].stdout, /^1 of 1 edition built \(shard 1\/3 of 4\): /m);
    assert.deepEqual(digests(out('sharded')), digests(out('one')));
  });

  it('refuses a shard or a number of jobs that cannot be', async () => {
    for (const args of [
      ['--shard', '3/3'],
      ['--shard', '1/0'],
      ['--shard', 'half'],
      ['--jobs', '0'],
      ['--jobs', 'many'],
    ]) {
      const r = await pressroom(['build-all', dir, '--out', out('refused'), ...args]);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, /^pressroom: --(shard|jobs) takes /);
    }
    const single = await pressroom(['build', path.join(dir, NAMES[0]), '--shard', '0/2']);
    assert.equal(single.code, 2);
    assert.match(single.stderr, /--shard is for build-all/);
  });
});
