// The command line: argument parsing, reporting and exit codes only; the work is in build.ts.
//   0 built   1 bad input (located messages)   2 bad command line   3 internal error
// Commands other than build load their modules only when run, so `--help` stays quick.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { formatDiagnostic } from '../diagnostics/diagnostic.js';
import { IMPOSITIONS, type Imposition } from '../settings/press.js';
import { type Budgets, BuildSession, budgetsFromEnv, type Outcome } from './build-in-worker.js';
import { progressFor, type Progress } from './progress.js';
import { EXIT, type Report, type Reporting, reportOutcome } from './report.js';

export { EXIT } from './report.js';

const USAGE = `usage: pressroom build <edition-dir> [--out DIR] [options]
       pressroom build-all <editions-dir> [--out DIR] [--jobs N] [--shard I/N] [--site] [options]
       pressroom site <editions-dir> [--out DIR] [--jobs N] [options]
       pressroom watch <edition-dir> [--port PORT] [--out DIR]
       pressroom new <dir>

  build      builds one edition into DIR (default output/<edition>)
  build-all  builds every folder holding an edition.yaml into DIR/<edition> (default output)
  site       build-all, then a download site in DIR (default site): a page per issue and an
             index with covers, an Atom feed of new issues, an OPDS catalogue for reading apps
             (DIR/opds/index.xml) and manifest.json (every file with its size and SHA-256);
             only files whose bytes change are written. Templates in <editions-dir>/templates
             override the built-in site-*.html.hbs and site.css by name
  --site     build-all: write the download site into DIR too, as \`site\` does
  watch      rebuilds the edition on every saved change and shows it at http://127.0.0.1:PORT
  new        writes a small edition to start from into <dir>
  --jobs N   work on N threads at once: editions side by side, and an edition's press PDF and
             articles' PDFs on helper threads when there are fewer editions than N (default:
             the machine's cores, at most 4; helper threads by default from 4 cores); the
             output is the same whatever N is
  --shard I/N
             build-all builds only the editions whose place in the sorted list, counted from
             0, is I modulo N: N runners given 0/N … N-1/N together build each edition once
  --no-cache build everything afresh, neither reading nor writing the build cache (kept in
             node_modules/.cache/pressroom, or PRESSROOM_CACHE)
  --debug    show stack traces of internal errors
  --quiet    print only warnings and errors
  --strict   take every warning as an error, the preflight's of the press PDF too
             (exit 1, nothing written)
  --json     print each warning and error as a line of JSON on stdout, and nothing else there
  --all-warnings
             print every warning (by default, at most 5 of one kind per file, then a count)
  --impose saddle
             also write <edition>.imposed.pdf: printer's spreads 2-up for a saddle-stitched proof
  --time-budget SECONDS
             stop with an error when one step of a build (an article, the issue's typesetting,
             a PDF) takes longer (default 300, or PRESSROOM_TIME_BUDGET)
  --memory-budget MB
             stop with an error when a build needs more heap (default 4096, or PRESSROOM_HEAP_MB)`;

const OPTIONS = {
  out: { type: 'string' },
  debug: { type: 'boolean', default: false },
  quiet: { type: 'boolean', default: false },
  strict: { type: 'boolean', default: false },
  json: { type: 'boolean', default: false },
  'all-warnings': { type: 'boolean', default: false },
  impose: { type: 'string' },
  'time-budget': { type: 'string' },
  'memory-budget': { type: 'string' },
  jobs: { type: 'string' },
  shard: { type: 'string' },
  'no-cache': { type: 'boolean', default: false },
  port: { type: 'string' },
  site: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

function usage(message?: string): number {
  process.stderr.write(`${message ? `pressroom: ${message}\n` : ''}${USAGE}\n`);
  return EXIT.usage;
}

export async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: OPTIONS });
  } catch (e) {
    return usage((e as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return EXIT.ok;
  }
  const [command, target, ...extra] = positionals;
  if (!command || !target || extra.length) return usage();
  if (command === 'new') {
    const { newEdition } = await import('./new-command.js');
    return newEdition(target);
  }
  if (command === 'watch') {
    const { watchEdition } = await import('./watch-command.js');
    return watchEdition({ editionDir: target, outDir: values.out, port: values.port, cache: !values['no-cache'], debug: values.debug });
  }
  if (command !== 'build' && command !== 'build-all' && command !== 'site') return usage(`unknown command \`${command.slice(0, 40)}\``);
  const site = command === 'site' || values.site;
  if (values.site && command !== 'build-all') return usage('--site is for build-all');

  if (values.impose !== undefined && !IMPOSITIONS.includes(values.impose as Imposition)) {
    return usage(`--impose takes ${IMPOSITIONS.join(' or ')}, not \`${values.impose}\``);
  }
  const budgets = budgetsFromEnv();
  for (const [flag, key] of [
    ['time-budget', 'seconds'],
    ['memory-budget', 'heapMb'],
  ] as const) {
    const v = values[flag];
    if (v === undefined) continue;
    if (!/^\d+(\.\d+)?$/.test(v) || Number(v) <= 0 || Number(v) > 1e6) return usage(`--${flag} takes a positive number, not \`${v.slice(0, 40)}\``);
    budgets[key] = Number(v);
  }
  const jobs = values.jobs === undefined ? defaultJobs() : Number(values.jobs);
  if (!Number.isInteger(jobs) || jobs < 1 || jobs > 64) return usage(`--jobs takes a whole number from 1 to 64, not \`${String(values.jobs).slice(0, 40)}\``);
  const shard = values.shard === undefined ? { index: 0, count: 1 } : parseShard(values.shard);
  if (!shard) return usage(`--shard takes I/N with 0 ≤ I < N (such as 0/4), not \`${String(values.shard).slice(0, 40)}\``);
  if (command === 'build' && values.shard !== undefined) return usage('--shard is for build-all');
  if (site && values.shard !== undefined)
    return usage('the site lists every edition: build the shards with build-all, then run `pressroom site` over them all');

  const siteDir = values.out ?? (command === 'site' ? 'site' : 'output');
  const all = command === 'build' ? [{ dir: target, out: values.out }] : await findEditions(target, siteDir);
  if (!all.length) {
    process.stderr.write(`pressroom: no folder with an edition.yaml in ${target}\n`);
    return EXIT.input;
  }
  const editions = all.filter((_, k) => k % shard.count === shard.index);
  if (site) {
    const { reservedNameError } = await import('../site/build-site.js');
    const taken = editions.map((e) => reservedNameError(path.basename(e.out!), e.dir)).filter((d) => d !== undefined);
    if (taken.length) {
      for (const d of taken) process.stderr.write(`${formatDiagnostic(d)}\n`);
      return EXIT.input;
    }
  }
  const show: Reporting = { debug: values.debug, quiet: values.quiet, json: values.json, allWarnings: values['all-warnings'] };
  const progress = progressFor(process.stderr, !values.json && !values.quiet);
  const build: EditionBuild = {
    press: { strict: values.strict, impose: values.impose as Imposition | undefined },
    budgets,
    cache: !values['no-cache'],
    show,
    progress,
  };
  const started = performance.now();
  const outcomes = await buildEditions(editions, build, jobs, values.jobs !== undefined);
  if (command !== 'build' && !show.json && !show.quiet) process.stdout.write(archiveSummary(outcomes, all.length, shard, performance.now() - started));
  const code = Math.max(...outcomes.map((o) => o.report.code));
  if (!site) return code;
  const { writeSite } = await import('./site-command.js');
  const built = outcomes.map((o, k) => ({ folder: path.basename(editions[k].out!), outcome: o.outcome }));
  return Math.max(code, await writeSite({ root: siteDir, editionsDir: target, editions: built, cache: build.cache, strict: values.strict, show }));
}

/** Editions one worker builds before it is replaced by a fresh one. */
const SESSION_BUILDS = 25;

/** Two threads on a laptop, more on a workstation: a build's parts rarely use more than four. */
function defaultJobs(): number {
  return Math.max(1, Math.min(4, os.availableParallelism()));
}

function parseShard(s: string): { index: number; count: number } | undefined {
  const m = /^(\d{1,6})\/(\d{1,6})$/.exec(s);
  if (!m) return undefined;
  const [index, count] = [Number(m[1]), Number(m[2])];
  return count >= 1 && index < count ? { index, count } : undefined;
}

async function findEditions(root: string, out: string): Promise<{ dir: string; out: string }[]> {
  const names = (await fs.readdir(root, { withFileTypes: true }).catch(() => []))
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
  const found: { dir: string; out: string }[] = [];
  for (const name of names) {
    const dir = path.join(root, name);
    if (
      await fs.stat(path.join(dir, 'edition.yaml')).then(
        () => true,
        () => false,
      )
    )
      found.push({ dir, out: path.join(out, name) });
  }
  return found;
}

interface EditionBuild {
  press: { strict: boolean; impose?: Imposition };
  budgets: Budgets;
  cache: boolean;
  show: Reporting;
  progress: Progress;
}

interface Built {
  dir: string;
  outcome: Outcome;
  report: Report;
}

/**
 * Builds the editions `jobs` at a time (each in its own worker thread, which may use more
 * threads for its parts when there are fewer editions than jobs) and prints each one's
 * report whole, in edition order, as soon as every edition before it has been printed.
 */
async function buildEditions(editions: { dir: string; out?: string }[], b: EditionBuild, jobs: number, asked: boolean): Promise<Built[]> {
  const lanes = Math.min(jobs, editions.length);
  // On fewer than four cores V8's own threads (collecting garbage, compiling) already keep the
  // second core busy during a build: a helper thread made one edition no faster there (15.96 s
  // against 15.91 s for the book) and 150 MB larger, so it is only had by asking for it.
  const threadsEach = asked || os.availableParallelism() >= 4 ? Math.max(1, Math.floor(jobs / lanes)) : 1;
  const done: (Built | undefined)[] = editions.map(() => undefined);
  let printed = 0;
  const flush = () => {
    while (printed < done.length && done[printed]) {
      const { report } = done[printed]!;
      b.progress.clear();
      process.stderr.write(report.stderr);
      process.stdout.write(report.stdout);
      printed++;
    }
  };
  let next = 0;
  const lane = async () => {
    // One worker builds edition after edition (its libraries, fonts and patterns loaded once:
    // a small issue then takes 0.3 s, not the 2.4 s of a fresh worker), started afresh every
    // SESSION_BUILDS editions so that what it keeps between builds cannot grow without end.
    let session: BuildSession | undefined;
    let built = 0;
    while (next < editions.length) {
      const k = next++;
      const e = editions[k];
      const started = performance.now();
      if (built++ % SESSION_BUILDS === 0) {
        await session?.close();
        session = new BuildSession(b.budgets);
      }
      const outcome = await session!.build({ editionDir: e.dir, outDir: e.out, ...b.press, cache: b.cache, threads: threadsEach }, (step) =>
        b.progress.step(e.dir, step),
      );
      b.progress.done(e.dir);
      done[k] = { dir: e.dir, outcome, report: reportOutcome(e.dir, outcome, b.show, (performance.now() - started) / 1000) };
      flush();
    }
    await session?.close();
  };
  await Promise.all(Array.from({ length: lanes }, lane));
  b.progress.clear();
  return done as Built[];
}

/** The last line of build-all: editions, pages, warnings, errors and time. */
function archiveSummary(built: Built[], total: number, shard: { index: number; count: number }, ms: number): string {
  const ok = built.filter((b) => b.outcome.kind === 'built');
  const pages = ok.reduce((n, b) => n + (b.outcome.kind === 'built' ? b.outcome.summary.pages : 0), 0);
  const warnings = ok.reduce((n, b) => n + (b.outcome.kind === 'built' ? b.outcome.summary.warnings.length : 0), 0);
  const failed = built.length - ok.length;
  const of = shard.count > 1 ? ` (shard ${shard.index}/${shard.count} of ${total})` : '';
  return (
    `${ok.length} of ${built.length} edition${built.length === 1 ? '' : 's'} built${of}: ${pages} pages, ` +
    `${warnings} warning${warnings === 1 ? '' : 's'}${failed ? `, ${failed} failed` : ''}, in ${(ms / 1000).toFixed(2)} s\n`
  );
}
