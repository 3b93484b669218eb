// Every build runs under a time budget per step and a heap budget (src/cli/build-in-worker.ts):
// past either, a located error and exit 1, never a hang or a V8 heap dump. The budgets are
// forced low here so that an ordinary edition runs past them.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { assertRefused, runHostile } from '../support/hostile.js';
import { MINIMAL_ARTICLE, MINIMAL_MANIFEST, writeEdition } from '../support/edition.js';

const edition = () => path.dirname(writeEdition({ 'edition.yaml': MINIMAL_MANIFEST, 'articles/one.md': MINIMAL_ARTICLE }));
/** An article of some 300 KB of prose: more heap than a few megabytes. */
const longer = () =>
  path.dirname(
    writeEdition({
      'edition.yaml': MINIMAL_MANIFEST,
      'articles/one.md': `${MINIMAL_ARTICLE}\n${'A sentence of ordinary words that fills the column. '.repeat(60).concat('\n\n').repeat(100)}`,
    }),
  );

describe('budgets of time and memory', () => {
  it('a step past the time budget is a limit/time error naming the step, exit 1, nothing written', async () => {
    const root = edition();
    const run = await runHostile(['build', 'edition', '--out', 'out', '--time-budget', '0.05'], root);
    assertRefused(run, { code: 1, diagnostic: 'limit/time' });
    assert.match(run.stderr, /error: (reading|typesetting|writing|making)[^\n]* took longer than the time budget of 0\.05 s: stopped \[limit\/time\]$/m);
    assert.ok(!existsSync(path.join(root, 'out')), 'nothing written');
  });

  it('the time budget from PRESSROOM_TIME_BUDGET, with --json printing only JSON on stdout', async () => {
    const run = await runHostile(['build', 'edition', '--out', 'out', '--json'], edition(), { toolSeconds: 0.05 });
    assertRefused(run, { code: 1, diagnostic: 'limit/time' });
    for (const line of run.stdout.trim().split('\n')) assert.doesNotThrow(() => JSON.parse(line), line);
  });

  it('a build past the heap budget is a limit/memory error, exit 1, with no V8 report', async () => {
    const root = longer();
    const run = await runHostile(['build', 'edition', '--out', 'out', '--memory-budget', '16'], root);
    assertRefused(run, { code: 1, diagnostic: 'limit/memory' });
    assert.match(run.stderr, /needed more than the memory budget of 16 MB: stopped \[limit\/memory\]$/m);
    assert.ok(!existsSync(path.join(root, 'out')), 'nothing written');
  });

  it('the heap budget from PRESSROOM_HEAP_MB', async () => {
    assertRefused(await runHostile(['build', 'edition', '--out', 'out'], longer(), { toolHeapMb: 16 }), { code: 1, diagnostic: 'limit/memory' });
  });

  it('within generous budgets the same edition builds', async () => {
    const root = edition();
    const run = await runHostile(['build', 'edition', '--out', 'out', '--time-budget', '120', '--memory-budget', '2048'], root);
    assert.equal(run.code, 0, run.stderr);
    assert.ok(existsSync(path.join(root, 'out/edition.pdf')));
  });

  for (const bad of ['0', '-1', 'abc', '1e9', '']) {
    it(`--time-budget ${JSON.stringify(bad)} is a bad command line (exit 2)`, async () => {
      const run = await runHostile(['build', 'edition', '--out', 'out', '--time-budget', bad], edition());
      assert.equal(run.code, 2, run.stderr);
      assert.match(run.stderr, /--time-budget/);
    });
  }
});
