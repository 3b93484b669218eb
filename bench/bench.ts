// `npm run bench`: wall time per stage and peak memory for the sample edition and, when
// ../shared is present, the book corpus built as an edition, with the typesetting time of
// the two line breakers compared; the multilingual corpus, with the typeset figures of each
// language; then the typeset quality on the reference article.
// Median of several runs (BENCH_RUNS, 3 by default).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bookEdition, multilingualEdition } from './corpus.js';

const root = path.resolve(import.meta.dirname, '..');
const shared = path.resolve(root, '../shared/corpus');
const runs = Number(process.env.BENCH_RUNS ?? 3);

interface Run {
  timings: Record<string, number>;
  total: number;
  pages: number;
  articles: number;
  warnings: number;
  peakMB: number;
}

function buildOnce(editionDir: string, out = mkdtempSync(path.join(os.tmpdir(), 'pressroom-bench-out-'))): Run {
  const line = execFileSync(process.execPath, ['--import', 'tsx', path.join(root, 'bench/build-once.ts'), editionDir, out], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  return JSON.parse(line.trim().split('\n').pop()!) as Run;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function bench(name: string, editionDir: string): void {
  const results: Run[] = [];
  for (let i = 0; i < runs; i++) results.push(buildOnce(editionDir));
  const first = results[0];
  const stages = Object.keys(first.timings);
  const cells = stages.map((s) => `${s} ${(median(results.map((r) => r.timings[s])) / 1000).toFixed(2)}`);
  const total = median(results.map((r) => r.total));
  console.log(
    `${name}: ${first.articles} articles, ${first.pages} pages, ${first.warnings} warnings\n` +
      `  total ${(total / 1000).toFixed(2)} s (median of ${runs}); ` +
      `peak ${Math.max(...results.map((r) => r.peakMB)).toFixed(0)} MB\n` +
      `  stages (s): ${cells.join(', ')}`,
  );
  compareBreakers(editionDir, total);
}

interface TypesetRun {
  ms: number;
  cpuMs: number;
  pages: number;
}

function typesetOnce(editionDir: string, breaker: 'first-fit' | 'total-fit'): TypesetRun {
  const line = execFileSync(process.execPath, ['--import', 'tsx', path.join(root, 'bench/typeset-once.ts'), editionDir, breaker], {
    cwd: root,
    encoding: 'utf8',
  });
  return JSON.parse(line.trim().split('\n').pop()!) as TypesetRun;
}

/**
 * Typesetting alone with each line breaker, alternating, each in a fresh process; CPU
 * time is steadier than wall time on a busy machine. The whole build with first fit is
 * estimated as the measured build less the difference.
 */
function compareBreakers(editionDir: string, buildMs: number): void {
  const ff: TypesetRun[] = [];
  const tf: TypesetRun[] = [];
  for (let i = 0; i < runs; i++) {
    ff.push(typesetOnce(editionDir, 'first-fit'));
    tf.push(typesetOnce(editionDir, 'total-fit'));
  }
  const f = median(ff.map((r) => r.cpuMs));
  const t = median(tf.map((r) => r.cpuMs));
  const extra = median(tf.map((r) => r.ms)) - median(ff.map((r) => r.ms));
  const pct = (x: number) => `${x >= 0 ? '+' : ''}${(100 * x).toFixed(0)} %`;
  console.log(
    `  typeset alone, CPU s: first fit ${(f / 1000).toFixed(2)} (${ff[0].pages} pages), total fit ${(t / 1000).toFixed(2)} (${tf[0].pages} pages): ${pct(t / f - 1)}; ` +
      `whole build (wall) ${pct(extra / (buildMs - extra))} against first fit`,
  );
}

bench('sample edition', path.join(root, 'editions/sample'));
const book = bookEdition(shared);
if (book) bench('book-with-figures', book);
else console.log('book-with-figures: ../shared/corpus not present, skipped');

const metricsTool = path.resolve(root, '../shared/tools/typeset-metrics');
const { buildReference, measure, formatTable, formatLanguageRow, LANGUAGE_HEADER } = await import('./typeset-quality.js');

// The multilingual corpus: one build timed, then the typeset figures of each language's PDF.
const multilingual = multilingualEdition(shared);
if (multilingual) {
  const { dir, langs } = multilingual;
  const out = mkdtempSync(path.join(os.tmpdir(), 'pressroom-bench-corpus-'));
  const r = buildOnce(dir, out);
  console.log(
    `multilingual corpus: ${r.articles} articles, ${r.pages} pages, ${r.warnings} warnings; ` +
      `total ${(r.total / 1000).toFixed(2)} s, peak ${r.peakMB.toFixed(0)} MB`,
  );
  if (existsSync(metricsTool)) {
    const pdfs = readdirSync(path.join(out, 'articles'))
      .filter((f) => f.endsWith('.pdf'))
      .sort();
    console.log(LANGUAGE_HEADER);
    for (const [i, lang] of langs.entries()) console.log(formatLanguageRow(lang, measure(path.join(out, 'articles', pdfs[i]), metricsTool)));
  }
} else console.log('multilingual corpus: ../shared/corpus not present, skipped');

// Typeset quality against TeX and WeasyPrint on the reference article.
const referencePdf = existsSync(metricsTool) ? await buildReference(shared) : undefined;
if (referencePdf) {
  const m = measure(referencePdf, metricsTool);
  console.log(`typeset quality, sc-170 reference article (${m.justified_lines} justified lines):\n${formatTable(m)}`);
} else console.log('typeset quality: ../shared not present, skipped');
