// Property tests over random input (fast-check): whatever an article or a manifest holds, a
// build either succeeds with valid outputs or fails with located errors (exit code 1) — never
// an internal error (exit code 3), never a hang, never a stack trace.
//
// `npm test` runs a few hundred cases; `npm run fuzz` sets FUZZ_SCALE for a long run (and
// FUZZ_SEED to replay one). A failure prints the seed and the smallest input that fails.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
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
import { article as articleArb, manifest as manifestArb, manifestText, pathCase, scaled, xmlProblem, type PathCase } from '../support/fuzz.js';
import { runHostile } from '../support/hostile.js';
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
    const check = await epubcheck(path.join(out, 'edition.epub'));
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

  it('the scale dimension: constructs nested or repeated around every limit build, or are refused at their place with a limit code, inside the budget', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'pressroom-fuzz-scale-'));
    const asked = Math.max(1, Math.round(12 * SCALE));
    const cases = fc.sample(scaled, { numRuns: asked, ...(SEED !== undefined ? { seed: SEED } : {}) });
    let ran = 0;
    for (const [i, c] of cases.entries()) {
      const caseDir = path.join(root, `c${i}`);
      writeEdition({ 'edition.yaml': MINIMAL_MANIFEST, 'articles/one.md': c.article }, caseDir);
      const run = await runHostile(['build', 'edition', '--out', 'out', '--json'], caseDir);
      const context = `${c.what} × ${c.n}: exit ${run.code} in ${Math.round(run.ms)} ms, ${run.peakMb} MB\n${run.stderr.slice(0, 2000)}`;
      assert.ok(run.code === 0 || run.code === 1, context);
      assert.doesNotMatch(run.stderr, /^\s+at |FATAL ERROR|heap out of memory/m, context);
      if (run.code === 1) {
        const errors = run.stdout
          .split('\n')
          .filter(Boolean)
          .map((l) => JSON.parse(l) as Diagnostic)
          .filter((d) => d.severity === 'error');
        assertLocated(errors);
        assert.ok(
          errors.every((d) => /^(limit|typeset)\//.test(d.code)),
          `refused for its scale, with a limit code: ${errors.map((d) => d.code).join(', ')}\n${context}`,
        );
      }
      rmSync(caseDir, { recursive: true, force: true });
      ran++;
    }
    assert.equal(ran, asked, 'every case asked for was run and checked');
  });

  it('the path dimension: odd inputs (symlinks in and out, FIFOs, devices, folders) and odd output folders never lose a file, leak one, or hang', async () => {
    const asked = Math.max(1, Math.round(14 * SCALE));
    const cases = fc.sample(pathCase, { numRuns: asked, ...(SEED !== undefined ? { seed: SEED } : {}) });
    let ran = 0;
    for (const c of cases) {
      const { root, args, expectRefused } = await pathEdition(c);
      const before = snapshot(root);
      const run = await runHostile(['build', 'edition', ...args], root, { ms: 60_000 });
      const context = `${JSON.stringify(c)}: exit ${run.code} in ${Math.round(run.ms)} ms\n${run.stderr.slice(0, 2000)}`;
      assert.ok(run.code === 0 || run.code === 1, context);
      assert.doesNotMatch(run.stderr + run.stdout, /SECRET-[0-9a-f]{8}/, `nothing read from outside the edition is shown\n${context}`);
      assert.doesNotMatch(run.stderr, /^\s+at /m, context);
      if (expectRefused) assert.equal(run.code, 1, `refused\n${context}`);
      const after = snapshot(root);
      // Whatever happened, every file that was there before is there, byte for byte, except
      // what the tool itself wrote into its own output folder.
      for (const [file, hash] of before) assert.equal(after.get(file), hash, `${file} kept as it was\n${context}`);
      for (const file of after.keys())
        if (!before.has(file)) assert.ok(file.startsWith('out/'), `${file}: nothing written outside the output folder\n${context}`);
      rmSync(root, { recursive: true, force: true });
      ran++;
    }
    assert.equal(ran, asked, 'every case asked for was run and checked');
  });
});

/** Every regular file under `root` (symlinks, FIFOs and devices not followed) with its sha256. */
function snapshot(root: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) out.set(path.relative(root, p), createHash('sha256').update(readFileSync(p)).digest('hex'));
    }
  };
  walk(root);
  return out;
}

/** An edition whose `c.input` is of kind `c.kind`, built into an output folder of kind `c.out`. */
async function pathEdition(c: PathCase): Promise<{ root: string; args: string[]; expectRefused: boolean }> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'pressroom-fuzz-path-'));
  const secret = `SECRET-${createHash('sha1').update(root).digest('hex').slice(0, 8)}`;
  mkdirSync(path.join(root, 'outside'));
  const real: Record<PathCase['input'], { at: string; content: string | Buffer }> = {
    manifest: { at: 'edition.yaml', content: MINIMAL_MANIFEST },
    article: { at: 'articles/one.md', content: '---\ntitle: One\n---\n\nText with a figure.\n\n![A picture](../images/pic.png)\n' },
    image: { at: 'images/pic.png', content: await png(40, 30) },
    template: { at: 'templates/style.css', content: 'body { margin: 0 }\n' },
  };
  const files: Record<string, string | Buffer | { symlink: string }> = {};
  for (const r of Object.values(real)) files[r.at] = r.content;
  const odd = real[c.input];
  const dir = path.join(root, 'edition');
  if (c.kind === 'symlink-inside') {
    files[`${odd.at}.real`] = odd.content;
    files[odd.at] = { symlink: path.join(dir, `${odd.at}.real`) };
  } else if (c.kind === 'symlink-outside') {
    writeFileSync(path.join(root, 'outside', 'target'), Buffer.isBuffer(odd.content) ? odd.content : `${odd.content}\n# ${secret}\n${secret}: ${secret}\n`);
    files[odd.at] = { symlink: path.join(root, 'outside', 'target') };
  } else if (c.kind === 'device') files[odd.at] = { symlink: '/dev/zero' };
  else if (c.kind !== 'file') delete files[odd.at];
  writeEdition(files, root);
  mkdirSync(path.dirname(path.join(dir, odd.at)), { recursive: true });
  if (c.kind === 'fifo') execFileSync('mkfifo', [path.join(dir, odd.at)]);
  if (c.kind === 'folder') mkdirSync(path.join(dir, odd.at), { recursive: true });
  const userFiles = () => {
    mkdirSync(path.join(root, 'out', 'articles'), { recursive: true });
    writeFileSync(path.join(root, 'out', 'articles', 'thesis.pdf'), `%PDF-1.4 the editor's own ${secret.slice(0, 4)}\n`);
    writeFileSync(path.join(root, 'out', 'notes.txt'), 'notes\n');
  };
  let out: string;
  switch (c.out) {
    case 'fresh':
      out = 'out';
      break;
    case 'with-user-files':
      userFiles();
      out = 'out';
      break;
    case 'edition':
      out = 'edition';
      break;
    case 'inside-edition':
      out = 'edition/articles';
      break;
    case 'empty':
      out = '';
      break;
    case 'a-file':
      writeFileSync(path.join(root, 'a-file'), 'not a folder\n');
      out = 'a-file';
      break;
    case 'proc':
      out = '/proc/self/pressroom-out';
      break;
  }
  const badOut = !['fresh', 'with-user-files'].includes(c.out);
  // A missing template override is no override; every other odd input is refused.
  const badInput = c.kind !== 'file' && c.kind !== 'symlink-inside' && !(c.input === 'template' && c.kind === 'missing');
  assert.ok(existsSync(dir) && statSync(dir).isDirectory());
  return { root, args: ['--out', out], expectRefused: badOut || badInput };
}
