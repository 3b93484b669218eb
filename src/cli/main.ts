// The command line: argument parsing, reporting and exit codes only; the work is in build.ts.
//   0 built   1 bad input (located messages)   2 bad command line   3 internal error
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { internalErrorTail } from '../diagnostics/crash.js';
import { diagnosticJson, formatDiagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { preflightSummary } from '../press/preflight-summary.js';
import { IMPOSITIONS, type Imposition } from '../settings/press.js';
import { type Budgets, type BuildSummary, budgetsFromEnv, buildInWorker } from './build-in-worker.js';
import { condense, moreLine } from './condense.js';

const USAGE = `usage: pressroom build <edition-dir> [--out DIR] [--strict] [--json] [--all-warnings] [--impose saddle] [--debug] [--quiet]
       pressroom build-all <editions-dir> [--out DIR] [--strict] [--json] [--all-warnings] [--impose saddle] [--debug] [--quiet]

  build      builds one edition into DIR (default output/<edition>)
  build-all  builds every folder holding an edition.yaml into DIR/<edition> (default output)
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

export const EXIT = { ok: 0, input: 1, usage: 2, internal: 3 } as const;

export async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        out: { type: 'string' },
        debug: { type: 'boolean', default: false },
        quiet: { type: 'boolean', default: false },
        strict: { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        'all-warnings': { type: 'boolean', default: false },
        impose: { type: 'string' },
        'time-budget': { type: 'string' },
        'memory-budget': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (e) {
    process.stderr.write(`pressroom: ${(e as Error).message}\n${USAGE}\n`);
    return EXIT.usage;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return EXIT.ok;
  }
  const [command, target, ...extra] = positionals;
  if (values.impose !== undefined && !IMPOSITIONS.includes(values.impose as Imposition)) {
    process.stderr.write(`pressroom: --impose takes ${IMPOSITIONS.join(' or ')}, not \`${values.impose}\`\n${USAGE}\n`);
    return EXIT.usage;
  }
  const press = { strict: values.strict, impose: values.impose as Imposition | undefined };
  const budgets = budgetsFromEnv();
  for (const [flag, key] of [
    ['time-budget', 'seconds'],
    ['memory-budget', 'heapMb'],
  ] as const) {
    const v = values[flag];
    if (v === undefined) continue;
    if (!/^\d+(\.\d+)?$/.test(v) || Number(v) <= 0 || Number(v) > 1e6) {
      process.stderr.write(`pressroom: --${flag} takes a positive number, not \`${v.slice(0, 40)}\`\n${USAGE}\n`);
      return EXIT.usage;
    }
    budgets[key] = Number(v);
  }
  if (!command || !target || extra.length || (command !== 'build' && command !== 'build-all')) {
    process.stderr.write(`${USAGE}\n`);
    return EXIT.usage;
  }
  const editions = command === 'build' ? [{ dir: target, out: values.out }] : await findEditions(target, values.out ?? 'output');
  if (!editions.length) {
    process.stderr.write(`pressroom: no folder with an edition.yaml in ${target}\n`);
    return EXIT.input;
  }
  let worst: number = EXIT.ok;
  const show = { debug: values.debug, quiet: values.quiet, json: values.json, allWarnings: values['all-warnings'] };
  for (const e of editions) worst = Math.max(worst, await buildOne(e.dir, e.out, show, press, budgets));
  return worst;
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

interface Reporting {
  debug: boolean;
  quiet: boolean;
  json: boolean;
  allWarnings: boolean;
}

async function buildOne(
  dir: string,
  out: string | undefined,
  { debug, quiet, json, allWarnings }: Reporting,
  press: { strict: boolean; impose?: Imposition },
  budgets: Budgets,
): Promise<number> {
  const show = (d: Diagnostic) =>
    json ? process.stdout.write(`${diagnosticJson(relocate(d, dir))}\n`) : process.stderr.write(`${formatDiagnostic(relocate(d, dir))}\n`);
  const started = performance.now();
  const outcome = await buildInWorker({ editionDir: dir, outDir: out, ...press }, budgets);
  if (outcome.kind === 'refused') {
    outcome.diagnostics.forEach(show);
    const n = outcome.diagnostics.length;
    process.stderr.write(`pressroom: ${dir}: ${n} error${n === 1 ? '' : 's'}; nothing was written\n`);
    return EXIT.input;
  }
  if (outcome.kind === 'internal') {
    // A crash inside Pressroom or a library: located at the article and place being processed
    // when the build knew them, else at the edition.
    show(outcome.diagnostic);
    process.stderr.write(internalErrorTail(outcome.stack, debug, dir));
    return EXIT.internal;
  }
  const result = outcome.summary;
  if (json || allWarnings) {
    result.warnings.forEach(show);
    result.preflight.diagnostics.forEach(show);
  } else {
    for (const s of condense([...result.warnings, ...result.preflight.diagnostics].map((d) => relocate(d, dir)))) {
      process.stderr.write(`${'diagnostic' in s ? formatDiagnostic(s.diagnostic) : moreLine(s)}\n`);
    }
  }
  if (!quiet && !json) {
    const secs = ((performance.now() - started) / 1000).toFixed(2);
    const rel = (p: string) => path.relative(process.cwd(), p) || '.';
    process.stdout.write(
      `built ${dir} in ${secs} s: ${result.articles} articles, ${result.pages} pages` +
        `${result.warnings.length ? `, ${result.warnings.length} warnings` : ''}\n` +
        result.outputs.map((p) => `  ${rel(p)}\n`).join('') +
        fillerLines(result.fillers),
    );
    const pdf = result.outputs.find((p) => p.endsWith('.press.pdf'));
    const json = result.outputs.find((p) => p.endsWith('.preflight.json'));
    if (pdf && json) process.stdout.write(`${preflightSummary(result.preflight, { pdf: rel(pdf), json: rel(json) })}\n`);
  }
  return EXIT.ok;
}

/** Where the fillers went, one line each, and those left over. */
function fillerLines(f: BuildSummary['fillers']): string {
  const lines = f.placed.map((p) => `  filler ${p.id}: page ${p.page}, after ${p.after}\n`);
  if (f.unused.length) lines.push(`  fillers with no room left: ${f.unused.join(', ')}\n`);
  return lines.join('');
}

/** Diagnostics name files relative to the edition; the terminal shows them relative to here. */
function relocate(d: Diagnostic, editionDir: string): Diagnostic {
  if (d.file === undefined) return d;
  return { ...d, file: path.relative(process.cwd(), path.resolve(editionDir, d.file)) || '.' };
}
