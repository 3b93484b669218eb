// Property tests over random input (fast-check): whatever an article or a manifest holds, a
// build either succeeds with valid outputs or fails with located errors (exit code 1) — never
// an internal error (exit code 3), never a hang, never a stack trace.
//
// `npm test` runs a few hundred cases; `npm run fuzz` sets FUZZ_SCALE for a long run (and
// FUZZ_SEED to replay one). A failure prints the seed and the smallest input that fails.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import JSZip from 'jszip';
import YAML from 'yaml';
import { articleView } from '../../src/backends/epub/render-article.js';
import { ENGLISH_LABELS } from '../../src/backends/epub/labels.js';
import { buildEdition } from '../../src/build.js';
import { BuildError, CODES, Reporter, type Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { loadManifest } from '../../src/manifest/load-manifest.js';
import { readArticle } from '../../src/markdown/read-article.js';
import type { Issue } from '../../src/model/types.js';
import { typesetArticle } from '../../src/typeset/typeset-issue.js';
import { nodeWorld } from '../../src/world.js';
import { pressroom } from '../support/cli.js';
import { article as articleArb, manifest as manifestArb, manifestText, xmlProblem } from '../support/fuzz.js';
import { MINIMAL_MANIFEST, png, writeEdition } from '../support/edition.js';
import { epubcheck, qpdfCheck } from '../support/validators.js';

const SCALE = Number(process.env.FUZZ_SCALE ?? 1);
// `npm test` replays the same cases every run (CI must not fail by chance); a long run
// (`npm run fuzz`) draws new ones each time, and prints the seed of any failure.
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : process.env.FUZZ_SCALE ? undefined : 20261129;
/** No case may take longer than this (a hang is a failure, not a slow test). */
const CASE_LIMIT_MS = 20_000;
const runs = (n: number) => ({ numRuns: Math.max(1, Math.round(n * SCALE)), timeout: CASE_LIMIT_MS, ...(SEED !== undefined ? { seed: SEED } : {}) });

/** Every diagnostic of a failed build says where: a file, a known code, a one-line message. */
function assertLocated(ds: readonly Diagnostic[]): void {
  assert.ok(ds.length > 0, 'a failed build says why');
  for (const d of ds) {
    assert.ok(d.code in CODES, `a known code: ${d.code}`);
    assert.notEqual(d.code, 'internal/crash', `no internal error: ${d.message}`);
    assert.ok(d.file, `a place: ${d.code} ${d.message}`);
    assert.doesNotMatch(d.message, /\n\s+at /, 'no stack trace');
  }
}

/** Articles that lowered without errors, kept to build together at the end. */
const survivors: string[] = [];

describe('fuzz', () => {
  it('random Markdown: lowered, typeset and rendered to well-formed XHTML, or refused with located errors', async () => {
    const dir = writeEdition({ 'edition.yaml': MINIMAL_MANIFEST, 'articles/one.md': '# T\n', 'articles/pic.png': await png(8, 6) });
    const reporter0 = new Reporter();
    const manifest = (await loadManifest(nodeWorld, dir, reporter0))!;
    assert.ok(manifest);
    const file = path.join(dir, 'articles/one.md');
    await fc.assert(
      fc.asyncProperty(articleArb, async (text) => {
        writeFileSync(file, text);
        const started = performance.now();
        const reporter = new Reporter();
        const article = await readArticle({ world: nodeWorld, manifest, entry: manifest.articles[0], index: 1, reporter });
        if (reporter.errors.length || !article) {
          assertLocated(reporter.errors);
          return;
        }
        const issue: Issue = {
          publication: 'P',
          issue: '1',
          date: '2026-03-01',
          dateline: 'March',
          language: 'en',
          identifier: 'urn:x',
          articles: [article],
          departments: [],
        };
        typesetArticle(issue, article, manifest.layout);
        const view = articleView(article, ENGLISH_LABELS);
        for (const html of [view.titleHtml, view.bodyHtml, view.notesHtml ?? '', view.deckHtml ?? '']) {
          const problem = xmlProblem(`<x>${html}</x>`);
          assert.equal(problem, undefined, `well-formed XHTML: ${problem}\n${html}`);
        }
        // Text may say anything (escaped); no element or attribute that runs or loads something.
        assert.doesNotMatch(view.bodyHtml, /<(script|iframe|object|embed|style|img)\b|<[a-z][^<>]*\s(on\w+=|(href|src)="javascript:)/i);
        assert.ok(performance.now() - started < CASE_LIMIT_MS, 'in time');
        if (survivors.length < 60 && !text.includes('pic.png')) survivors.push(text);
      }),
      runs(300),
    );
  });

  it('the articles that passed build together: epubcheck and qpdf find no error', async () => {
    assert.ok(survivors.length > 10, `enough articles survived (${survivors.length})`);
    const files: Record<string, string> = {
      'edition.yaml': `publication: Fuzz\nissue: 1\ndate: 2026-03-01\narticles:\n${survivors.map((_, i) => `  - articles/a${i}.md\n`).join('')}`,
    };
    survivors.forEach((t, i) => (files[`articles/a${i}.md`] = t));
    const dir = writeEdition(files);
    const out = path.join(path.dirname(dir), 'out');
    const r = await buildEdition({ editionDir: dir, outDir: out });
    assert.equal(r.issue.articles.length, survivors.length);
    const check = epubcheck(path.join(out, 'edition.epub'));
    assert.equal(check.errors, 0, check.messages.join('\n'));
    const q = qpdfCheck(path.join(out, 'edition.pdf'));
    assert.ok(q.ok, q.output);
  });

  it('random editions (manifests valid and broken, articles): built with valid outputs, or refused with located errors', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'pressroom-fuzz-'));
    const names = ['articles/a1.md', 'articles/a2.md'];
    const editionArb = fc
      .tuple(manifestArb(names), fc.array(articleArb, { minLength: 2, maxLength: 2 }))
      .chain(([m, arts]) => manifestText(m).map((yaml) => ({ yaml, arts })));
    let n = 0;
    await fc.assert(
      fc.asyncProperty(editionArb, async ({ yaml, arts }) => {
        const caseDir = path.join(root, `c${n++}`);
        const dir = writeEdition({ 'edition.yaml': yaml, [names[0]]: arts[0], [names[1]]: arts[1] }, caseDir);
        const out = path.join(caseDir, 'out');
        const started = performance.now();
        try {
          const r = await buildEdition({ editionDir: dir, outDir: out });
          const zip = await JSZip.loadAsync(readFileSync(path.join(out, 'edition.epub')));
          for (const f of Object.values(zip.files).filter((f) => /\.(xhtml|opf|ncx)$/.test(f.name))) {
            const problem = xmlProblem(await f.async('string'));
            assert.equal(problem, undefined, `${f.name}: ${problem}`);
          }
          for (const pdf of r.outputs.filter((p) => p.endsWith('.pdf'))) assert.ok(qpdfCheck(pdf).ok, pdf);
        } catch (e) {
          if (!(e instanceof BuildError)) throw e; // an internal error: the property fails
          assertLocated(e.diagnostics);
        } finally {
          rmSync(caseDir, { recursive: true, force: true });
        }
        assert.ok(performance.now() - started < CASE_LIMIT_MS, 'in time');
      }),
      runs(40),
    );
  });

  it('the command line on random editions: exit code 0 or 1, a located first line, no stack trace', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'pressroom-fuzz-cli-'));
    const names = ['articles/a1.md'];
    const asked = Math.max(1, Math.round(5 * SCALE));
    let ran = 0;
    const cases = fc.sample(
      fc.tuple(manifestArb(names), articleArb).chain(([m, a]) => manifestText(m).map((yaml) => ({ yaml, a }))),
      { numRuns: asked, ...(SEED !== undefined ? { seed: SEED } : {}) },
    );
    for (const [i, c] of cases.entries()) {
      const caseDir = path.join(root, `c${i}`);
      writeEdition({ 'edition.yaml': c.yaml, [names[0]]: c.a }, caseDir);
      const r = await pressroom(['build', 'edition', '--out', 'out', '--json'], caseDir);
      const context = `${YAML.stringify({ manifest: c.yaml, article: c.a })}\n${r.stderr}`;
      assert.ok(r.code === 0 || r.code === 1, `exit code ${r.code}\n${context}`);
      assert.doesNotMatch(r.stderr, /^\s+at /m, `no stack trace\n${context}`);
      const lines = r.stdout
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Diagnostic);
      if (r.code === 1) {
        assertLocated(lines.filter((d) => d.severity === 'error'));
        assert.match(r.stderr, /nothing was written/);
      }
      ran++;
    }
    assert.equal(ran, asked, 'every case asked for was run and checked');
  });
});
