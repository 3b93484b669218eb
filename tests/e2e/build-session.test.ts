// The preview's rebuilds run in one worker that stays warm between saves; a build that overruns
// its budget ends that worker, and the next build gets a new one and succeeds.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { BuildSession as Session, Budgets } from '../../src/cli/build-in-worker.js';

// The compiled module (npm test builds dist/ first): its worker is compiled JavaScript too,
// which a worker thread runs without the TypeScript loader these tests run under.
const { BuildSession } = (await import(new URL('../../dist/cli/build-in-worker.js', import.meta.url).href)) as { BuildSession: typeof Session };

const STARTER = path.resolve(import.meta.dirname, '../../assets/new-edition');

describe('a build session', () => {
  it('builds again and again, and recovers from a build stopped by its time budget', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'pressroom-session-'));
    const dir = path.join(root, 'starter');
    cpSync(STARTER, dir, { recursive: true });
    const budgets: Budgets = { seconds: 0.02, heapMb: 4096 };
    const session = new BuildSession(budgets);
    const options = { editionDir: dir, outDir: path.join(root, 'out'), cache: false };
    try {
      const stopped = await session.build(options);
      assert.equal(stopped.kind, 'refused');
      assert.match(stopped.kind === 'refused' ? stopped.diagnostics[0].code : '', /^limit\/time$/);

      budgets.seconds = 300;
      const first = await session.build(options);
      assert.equal(first.kind, 'built', JSON.stringify(first));
      const article = path.join(dir, 'articles/01-welcome.md');
      writeFileSync(article, `${readFileSync(article, 'utf8')}\nOne more line, saved while the preview ran.\n`);
      const steps: string[] = [];
      const second = await session.build(options, (s) => steps.push(s.doing));
      assert.equal(second.kind, 'built', JSON.stringify(second));
      assert.ok(steps.includes('typesetting the issue'), steps.join('; '));
    } finally {
      await session.close();
    }
  });
});

describe('helper threads', () => {
  it('draw the press PDF and the articles’ PDFs of a build given two threads', async () => {
    const { buildEdition } = (await import(new URL('../../dist/build.js', import.meta.url).href)) as typeof import('../../src/build.js');
    const root = mkdtempSync(path.join(os.tmpdir(), 'pressroom-helpers-'));
    const dir = path.join(root, 'starter');
    cpSync(STARTER, dir, { recursive: true });
    const r = await buildEdition({ editionDir: dir, outDir: path.join(root, 'out'), threads: 2 });
    // The press PDF and the two articles' PDFs: on the helper, or on this thread once its own part was done.
    assert.equal((r.parallel?.helpers ?? 0) + (r.parallel?.here ?? 0), 3, JSON.stringify(r.parallel));
    assert.ok((r.parallel?.helpers ?? 0) >= 1, `no task ran on a helper: ${JSON.stringify(r.parallel)}`);
  });
});
