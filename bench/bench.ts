// `npm run bench`: wall time per stage and peak memory for the sample edition and, when
// ../shared is present, the book corpus built as an edition, with the typesetting time of
// the two line breakers compared; the multilingual corpus, with the typeset figures of each
// language; the typeset quality on the reference article; then Pressroom against Typst
// setting the same book, each build in a fresh process.
// Median of several runs (BENCH_RUNS, 3 by default). BENCH_ONLY=typst runs the comparison alone;
// BENCH_ONLY=site the download site of a 200-issue archive alone (bench/site-archive.ts).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import { parse as parseYaml } from 'yaml';
import { MALLOC_ENV } from '../src/cli/relaunch.js';
import { bookEdition, multilingualEdition } from './corpus.js';
import { benchSiteArchive } from './site-archive.js';
import type { TypstJob, TypstRun } from './typst.js';
import { bookToTypst, chapterToTypst, TYPST_FONT_FAMILIES, typstFontFiles } from './typst-convert.js';

const root = path.resolve(import.meta.dirname, '..');
const shared = path.resolve(root, '../shared/corpus');
const runs = Number(process.env.BENCH_RUNS ?? 3);
const only = process.env.BENCH_ONLY;
if (only !== undefined && only !== 'typst' && only !== 'site') throw new Error(`BENCH_ONLY=${only}: the choices are BENCH_ONLY=typst and BENCH_ONLY=site`);
if (!(Number.isInteger(runs) && runs >= 1)) throw new Error(`BENCH_RUNS=${process.env.BENCH_RUNS}: a whole number of runs, at least 1`);

interface Run {
  timings: Record<string, number>;
  total: number;
  pages: number;
  articles: number;
  warnings: number;
  peakMB: number;
}

const tmp = (name: string) => mkdtempSync(path.join(os.tmpdir(), `pressroom-bench-${name}-`));

function buildOnce(editionDir: string, out = tmp('out')): Run {
  // A cache of its own, empty: the stage timings are those of a cold build.
  const line = execFileSync(process.execPath, ['--import', 'tsx', path.join(root, 'bench/build-once.ts'), editionDir, out], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 << 20,
    env: { ...process.env, PRESSROOM_CACHE: tmp('cache') },
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

/** What bench.ts printed before the Typst comparison: stages, line breakers, corpora, quality. */
async function stagesAndQuality(): Promise<void> {
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
    const out = tmp('corpus');
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
}

// ---------------------------------------------------------------------------------------
// Pressroom against Typst on the book. Every build runs in a fresh process, so each time
// includes starting Node and loading the libraries, as a user's command would.

/** One timed process: wall time from the parent, peak RSS where known. */
interface Measure {
  ms: number;
  peakMB?: number;
}

interface Row {
  label: string;
  runs: Measure[];
  goal?: number;
}

/** The paragraph (80 words) an author adds to a chapter between two builds. */
const ADDED_PARAGRAPH =
  'An added paragraph, written for the bench, stands for the edit an author makes between two builds. ' +
  'It is long enough to be set over several lines in a column, so that the lines after it move, the ' +
  'pages of the chapter may be filled anew, and the folios of the chapters after it may change; it is ' +
  'short enough that an incremental build should redo only the chapter that holds it, and little else ' +
  'besides the pages around it.';

const TIME = '/usr/bin/time';
const hasTime = existsSync(TIME);

/** Inserts a paragraph at the blank line nearest the middle of the file that opens a paragraph outside code. */
function insertParagraph(markdown: string, paragraph: string): string {
  const lines = markdown.split('\n');
  const openings: number[] = [];
  let fenced = false;
  for (const [i, line] of lines.entries()) {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    else if (!fenced && !line.trim() && /^[A-Za-z]/.test(lines[i + 1] ?? '')) openings.push(i);
  }
  if (!openings.length) throw new Error('no paragraph to insert a paragraph before');
  const mid = lines.length / 2;
  const at = openings.reduce((best, i) => (Math.abs(i - mid) < Math.abs(best - mid) ? i : best));
  lines.splice(at + 1, 0, paragraph, '');
  return lines.join('\n');
}

function articlesOf(editionDir: string): string[] {
  const yaml = parseYaml(readFileSync(path.join(editionDir, 'edition.yaml'), 'utf8')) as { articles: (string | { file: string })[] };
  return yaml.articles.map((a) => (typeof a === 'string' ? a : a.file));
}

/** dist/ rebuilt from src/, since the command line runs dist/; a failed build is said and the old dist/ measured. */
function buildDist(): void {
  const r = spawnSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) console.log(`note: \`npm run build\` failed, measuring the dist/ already there:\n${r.stdout}${r.stderr}`);
}

/** Whether the command line takes --no-cache yet (it is being added): its usage names it. */
function cliTakesNoCache(): boolean {
  const r = spawnSync(process.execPath, [path.join(root, 'bin/pressroom.js'), '--help'], { cwd: root, encoding: 'utf8' });
  return `${r.stdout}${r.stderr}`.includes('--no-cache');
}

/** Runs a command in a fresh process under /usr/bin/time (when there) for its peak RSS; fails loudly. */
function timed(args: string[], env: NodeJS.ProcessEnv = process.env): Measure & { stdout: string } {
  const argv = hasTime ? [TIME, '-f', 'peak-kb %M', ...args] : args;
  const started = performance.now();
  const r = spawnSync(argv[0], argv.slice(1), { cwd: root, env, encoding: 'utf8', maxBuffer: 64 << 20 });
  const ms = performance.now() - started;
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited with ${r.status ?? r.signal}:\n${r.stderr.slice(-4000)}`);
  const kb = /peak-kb (\d+)\s*$/.exec(r.stderr)?.[1];
  return { ms, peakMB: kb ? Number(kb) / 1024 : undefined, stdout: r.stdout };
}

interface Pressroom {
  noCache: boolean;
  build(editionDir: string, out: string, cache: string, cold?: boolean): Measure;
}

function pressroomCli(): Pressroom {
  const noCache = cliTakesNoCache();
  const build = (editionDir: string, out: string, cache: string, cold = false): Measure => {
    const flags = cold && noCache ? ['--no-cache'] : [];
    const { ms, peakMB } = timed([process.execPath, path.join(root, 'bin/pressroom.js'), 'build', editionDir, '--out', out, '--quiet', ...flags], {
      ...process.env,
      PRESSROOM_CACHE: cache,
    });
    return { ms, peakMB };
  };
  return { noCache, build };
}

/** bench/typst.ts as JavaScript in a temp folder, so its process runs under plain Node, not tsx. */
function typstScript(): string {
  const source = readFileSync(path.join(root, 'bench/typst.ts'), 'utf8');
  const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022 } }).outputText;
  const file = path.join(tmp('typst-script'), 'typst.mjs');
  writeFileSync(file, js);
  return file;
}

/** The Typst job for the book: sources converted here, beforehand, and the edited chapter. */
function typstJob(editionDir: string, edited: { article: string; markdown: string }): TypstJob {
  const book = bookToTypst(editionDir, articlesOf(editionDir), '500 Lines or Less');
  return {
    root,
    workspace: editionDir,
    fonts: typstFontFiles(root),
    main: book.main,
    chapters: book.chapters,
    edited: chapterToTypst(editionDir, edited.article, edited.markdown),
    pdf: path.join(tmp('typst-out'), 'book.pdf'),
  };
}

/** One fresh Typst process: cold is its wall time less what it spent after the cold PDF was written. */
function typstOnce(script: string, jobFile: string): { cold: Measure; incremental: Measure; run: TypstRun } {
  const { ms, stdout } = timed([process.execPath, script, jobFile]);
  const run = JSON.parse(stdout.trim().split('\n').pop()!) as TypstRun;
  return {
    cold: { ms: ms - (run.endMs - run.coldEndMs), peakMB: run.coldPeakMB },
    incremental: { ms: run.incrementalMs, peakMB: run.incrementalPeakMB },
    run,
  };
}

function poppler(tool: string, args: string[]): string {
  // stderr is dropped: pdftotext complains of Typst's tagged-PDF structure ("Suspects object is wrong type") and reads the text all the same.
  return execFileSync(tool, args, { encoding: 'utf8', maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'ignore'] });
}

/** The Typst PDF checked with poppler: pages, readable text, every figure, only the fonts given. */
function checkTypstPdf(pdf: string, pages: number, figures: number, firstTitle: string): string {
  const info = Number(/^Pages:\s+(\d+)/m.exec(poppler('pdfinfo', [pdf]))?.[1]);
  const text = poppler('pdftotext', ['-l', '3', pdf, '-']).replace(/\s+/g, ' ');
  const images = poppler('pdfimages', ['-list', pdf])
    .split('\n')
    .filter((l) => /^\s*\d+\s+\d+\s+image\s/.test(l)).length;
  const fonts = [...new Set([...poppler('pdffonts', [pdf]).matchAll(/^[A-Z]{6}\+(\S+?)(?:-\S+)?\s/gm)].map((m) => m[1]))];
  const problems = [
    info !== pages && `pdfinfo counts ${info} pages, Typst ${pages}`,
    !text.includes(firstTitle) && `the first pages' text lacks "${firstTitle}": ${text.slice(0, 200)}`,
    images !== figures && `${images} images in the PDF for ${figures} figures`,
    ...fonts.filter((f) => !TYPST_FONT_FAMILIES.includes(f)).map((f) => `font ${f} is not one of those given`),
  ].filter(Boolean);
  if (problems.length) throw new Error(`the Typst PDF ${pdf} is not sane:\n  ${problems.join('\n  ')}`);
  return `Typst PDF: ${info} pages, ${images} images, fonts ${fonts.join(', ')}; text: "${text.slice(0, 70).trim()}…"`;
}

const mb = (m: Measure) => m.peakMB;

/** Median wall time and median peak (undefined when any run lacks one). */
function summary(runs: Measure[]): { s: number; peakMB?: number } {
  const peaks = runs.map(mb);
  const known = peaks.every((p) => p !== undefined) ? (peaks as number[]) : undefined;
  return { s: median(runs.map((r) => r.ms)) / 1000, peakMB: known && median(known) };
}

function printTable(title: string, rows: Row[], base?: number): void {
  // Wide enough for the title and every label, so the figures stand in columns under their headings.
  const pad = Math.max(title.length, ...rows.map((r) => r.label.length + 2));
  console.log(`${title.padEnd(pad)}  wall s   peak MB${base ? '   × Typst cold' : ''}`);
  for (const row of rows) {
    const { s, peakMB } = summary(row.runs);
    const ratio = base ? `   ${(s / base).toFixed(2).padStart(5)}` : '';
    const goal = row.goal === undefined || !base ? '' : `   goal ≤ ${row.goal.toFixed(2)} ${s / base <= row.goal ? '(met)' : '(not met)'}`;
    console.log(
      `  ${row.label.padEnd(pad - 2)}  ${s.toFixed(2).padStart(6)}   ${(peakMB === undefined ? 'n/a' : peakMB.toFixed(0)).padStart(7)}${ratio}${goal}`,
    );
  }
}

function issuePages(out: string): number {
  const pdf = readdirSync(out).find((f) => f.endsWith('.pdf') && !/\.(press|imposed)\.pdf$/.test(f));
  return pdf ? Number(/^Pages:\s+(\d+)/m.exec(poppler('pdfinfo', [path.join(out, pdf)]))?.[1]) : Number.NaN;
}

/** Pressroom's rebuilds with a warm cache: nothing changed, then one paragraph added to the sixth chapter. */
function pressroomRebuilds(cli: Pressroom, rows: { unchanged: Row; edited: Row; session: Row; sessionPreview: Row }): void {
  const dir = bookEdition(shared)!;
  const [out, cache] = [tmp('out'), tmp('cache')];
  cli.build(dir, out, cache);
  rows.unchanged.runs.push(cli.build(dir, out, cache));
  const chapter = path.join(dir, articlesOf(dir)[5]);
  const edited = insertParagraph(readFileSync(chapter, 'utf8'), ADDED_PARAGRAPH);
  writeFileSync(chapter, edited);
  rows.edited.runs.push(cli.build(dir, out, cache));
  const { ms, previewMs, peakMB } = sessionRebuild(edited);
  rows.session.runs.push({ ms, peakMB });
  rows.sessionPreview.runs.push({ ms: previewMs, peakMB });
}

/** The same edit saved while `pressroom watch` runs: its warm build session rebuilds (bench/session-rebuild.ts). */
function sessionRebuild(edited: string): Measure & { previewMs: number } {
  const dir = bookEdition(shared)!;
  const chapter = path.join(dir, articlesOf(dir)[5]);
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'bench/session-rebuild.ts'), dir, tmp('out'), chapter, edited], {
    cwd: root,
    // As `pressroom watch` runs its session: started again with malloc tuned (src/cli/relaunch.ts).
    env: { ...process.env, ...MALLOC_ENV, PRESSROOM_CACHE: tmp('cache') },
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  if (r.status !== 0) throw new Error(`bench/session-rebuild.ts exited with ${r.status ?? r.signal}:\n${r.stderr.slice(-4000)}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as Measure & { previewMs: number };
}

/** The book by Typst and by Pressroom, side by side; then the sample edition cold and warm. */
function compareWithTypst(): void {
  const dir = bookEdition(shared);
  if (!dir) return void console.log('Typst comparison: ../shared/corpus not present, skipped');
  buildDist();
  const cli = pressroomCli();
  const articles = articlesOf(dir);
  const sixth = articles[5];
  const job = typstJob(dir, { article: sixth, markdown: insertParagraph(readFileSync(path.join(dir, sixth), 'utf8'), ADDED_PARAGRAPH) });
  const jobFile = path.join(tmp('typst-job'), 'job.json');
  writeFileSync(jobFile, JSON.stringify(job));
  const script = typstScript();

  const rows = {
    typst: { label: 'Typst cold', runs: [] } as Row,
    typstEdit: { label: 'Typst incremental (one paragraph added)', runs: [] } as Row,
    cold: { label: `Pressroom cold (${cli.noCache ? '--no-cache' : 'empty cache'})`, runs: [], goal: 1 } as Row,
    edited: { label: 'Pressroom rebuild, one paragraph added (cache)', runs: [], goal: 0.25 } as Row,
    unchanged: { label: 'Pressroom rebuild, nothing changed (cache)', runs: [] } as Row,
    session: { label: 'Pressroom watch, rebuild after one paragraph added', runs: [] } as Row,
    sessionPreview: { label: 'Pressroom watch, its pages shown after that edit', runs: [], goal: 0.25 } as Row,
  };
  let typstRun: TypstRun | undefined;
  let pages = Number.NaN;
  for (let i = 0; i < runs; i++) {
    const t = typstOnce(script, jobFile);
    rows.typst.runs.push(t.cold);
    rows.typstEdit.runs.push(t.incremental);
    typstRun = t.run;
    const out = tmp('out');
    rows.cold.runs.push(cli.build(dir, out, tmp('cache'), true));
    pages = issuePages(out);
    pressroomRebuilds(cli, rows);
  }
  const figures = articles.reduce((n, a) => n + (readFileSync(path.join(dir, a), 'utf8').match(/!\[[^\]]*\]\(/g)?.length ?? 0), 0);
  const firstTitle = /^# (.+)$/m.exec(readFileSync(path.join(dir, articles[0]), 'utf8'))?.[1].trim() ?? '';

  if (!cli.noCache) console.log('note: the command line does not take --no-cache yet: "cold" is a build with an empty PRESSROOM_CACHE');
  if (!hasTime) console.log(`note: ${TIME} is missing (Debian package \`time\`): Pressroom's peak memory is unavailable`);
  console.log(checkTypstPdf(job.pdf, typstRun!.pages, figures, firstTitle));
  const base = summary(rows.typst.runs).s;
  printTable(
    `book-with-figures (${articles.length} articles, ${pages} pages; Typst ${typstRun!.pages}; median of ${runs}):`,
    [rows.typst, rows.typstEdit, rows.cold, rows.edited, rows.unchanged, rows.session, rows.sessionPreview],
    base,
  );
  console.log(
    '  peak memory goal ≤ 500 MB, of a build' +
      (summary(rows.cold.runs).peakMB === undefined ? '' : ` (Pressroom: ${peakVerdict([rows.cold, rows.edited, rows.unchanged])})`),
  );
  sampleColdAndWarm(cli);
}

function peakVerdict(rows: Row[]): string {
  const worst = Math.max(...rows.map((r) => summary(r.runs).peakMB ?? 0));
  return `${worst.toFixed(0)} MB at most, ${worst <= 500 ? 'met' : 'not met'}`;
}

function sampleColdAndWarm(cli: Pressroom): void {
  const dir = path.join(root, 'editions/sample');
  const cold = { label: `Pressroom cold (${cli.noCache ? '--no-cache' : 'empty cache'})`, runs: [] } as Row;
  const warm = { label: 'Pressroom warm (second build, same cache)', runs: [] } as Row;
  let pages = Number.NaN;
  for (let i = 0; i < runs; i++) {
    const [out, cache] = [tmp('out'), tmp('cache')];
    cold.runs.push(cli.build(dir, out, cache, true));
    pages = issuePages(out);
    cli.build(dir, out, cache);
    warm.runs.push(cli.build(dir, out, cache));
  }
  printTable(`sample edition (${articlesOf(dir).length} articles, ${pages} pages; median of ${runs}):`, [cold, warm]);
}

if (only === undefined) await stagesAndQuality();
if (only !== 'site') compareWithTypst();
if (only !== 'typst') benchSiteArchive(root);
