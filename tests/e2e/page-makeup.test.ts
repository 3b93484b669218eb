// Page makeup (issue 10): every edition under editions/ and an edition of articles taken as
// they are from other publications (tests/fixtures/real-edition: posts of the Go blog and of
// Inside Rust) are built, and their typeset issue PDF is measured from the rendered pages
// alone (tests/support/page-makeup.ts, the definitions of ../shared/tools/page-makeup):
// no runt page, no hole, figures in order. A failure prints the measure of every page.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { buildEdition } from '../../src/build.js';
import { formatDiagnostic, Reporter } from '../../src/diagnostics/diagnostic.js';
import { loadManifest } from '../../src/manifest/load-manifest.js';
import { issueFigures } from '../../src/model/walk.js';
import { nodeWorld } from '../../src/world.js';
import { formatMakeup, measurePageMakeup } from '../support/page-makeup.js';

const EDITIONS = path.resolve(import.meta.dirname, '../../editions');
const REAL = path.resolve(import.meta.dirname, '../fixtures/real-edition');

const targets = [
  ...readdirSync(EDITIONS)
    .filter((n) => existsSync(path.join(EDITIONS, n, 'edition.yaml')))
    .sort()
    .map((n) => path.join(EDITIONS, n)),
  REAL,
];

describe('page makeup of the typeset issue', () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'pressroom-makeup-'));
  after(() => rmSync(root, { recursive: true, force: true }));

  it('has editions to measure, the real one among them', () => {
    assert.ok(targets.length >= 4, `editions: ${targets.join(', ')}`);
    assert.ok(existsSync(path.join(REAL, 'edition.yaml')));
  });

  for (const dir of targets) {
    const name = path.basename(dir);
    it(`${name}: 0 runt pages, 0 holes, 0 figure-order faults`, async () => {
      const reporter = new Reporter();
      const manifest = await loadManifest(nodeWorld, dir, reporter);
      assert.ok(manifest, reporter.all.map(formatDiagnostic).join('\n'));
      const columns = manifest.layout.columns;

      const result = await buildEdition({ editionDir: dir, outDir: path.join(root, name) });
      const pdf = result.outputs.find((f) => path.basename(f) === `${name}.pdf`);
      assert.ok(pdf, `the issue PDF among ${result.outputs.join(', ')}`);

      const m = measurePageMakeup(pdf, { columns });
      const report = `${name} (${columns} columns, ${result.pages} pages):\n${formatMakeup(m)}`;
      // The measure saw the issue: every page but the first (the issue PDF has no padding),
      // and every figure's caption.
      assert.equal(m.pages, result.pages, report);
      assert.equal(m.contentPages, result.pages - 1, report);
      // (A newspaper's photos and graphics go unnumbered: nothing to read there.)
      const numbered = manifest.layout.runOn ? 0 : issueFigures(result.issue).length;
      assert.equal(m.figureSequence.length, numbered, `every numbered caption is read\n${report}`);

      assert.deepEqual(
        {
          runtPages: m.runtPages,
          holes: m.holes.map((h) => `p${h.page} column ${h.column}: ${Math.round(100 * h.blank)} % blank, ${h.why}`),
          figureOrderFaults: m.figureOrderFaults,
        },
        { runtPages: [], holes: [], figureOrderFaults: [] },
        report,
      );
    });
  }
});
