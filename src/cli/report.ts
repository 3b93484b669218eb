// What the terminal shows of a finished build: its warnings (condensed unless asked for all),
// then, unless quiet or --json, what was written. Written to strings so `build-all --jobs`
// can print each edition's report whole, in edition order, whatever order they finish in.
import { statSync } from 'node:fs';
import path from 'node:path';
import { internalErrorTail } from '../diagnostics/crash.js';
import { diagnosticJson, formatDiagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { preflightSummary } from '../press/preflight-summary.js';
import type { BuildSummary, Outcome } from './build-in-worker.js';
import { condense, moreLine } from './condense.js';

export interface Reporting {
  debug: boolean;
  quiet: boolean;
  json: boolean;
  allWarnings: boolean;
}

/** An edition's report: text for stdout and for stderr, and its exit code. */
export interface Report {
  stdout: string;
  stderr: string;
  code: number;
}

export const EXIT = { ok: 0, input: 1, usage: 2, internal: 3 } as const;

/** The report of one build's outcome; `seconds` is its wall time. */
export function reportOutcome(dir: string, outcome: Outcome, show: Reporting, seconds: number): Report {
  let stdout = '';
  let stderr = '';
  const emit = (d: Diagnostic) => {
    if (show.json) stdout += `${diagnosticJson(relocate(d, dir))}\n`;
    else stderr += `${formatDiagnostic(relocate(d, dir))}\n`;
  };
  if (outcome.kind === 'refused') {
    outcome.diagnostics.forEach(emit);
    const n = outcome.diagnostics.length;
    stderr += `pressroom: ${dir}: ${n} error${n === 1 ? '' : 's'}; nothing was written\n`;
    return { stdout, stderr, code: EXIT.input };
  }
  if (outcome.kind === 'internal') {
    // A crash inside Pressroom or a library: located at the article and place being processed
    // when the build knew them, else at the edition.
    emit(outcome.diagnostic);
    stderr += internalErrorTail(outcome.stack, show.debug, dir);
    return { stdout, stderr, code: EXIT.internal };
  }
  const result = outcome.summary;
  if (show.json || show.allWarnings) {
    result.warnings.forEach(emit);
    result.preflight.diagnostics.forEach(emit);
  } else {
    for (const s of condense([...result.warnings, ...result.preflight.diagnostics].map((d) => relocate(d, dir)))) {
      stderr += `${'diagnostic' in s ? formatDiagnostic(s.diagnostic) : moreLine(s)}\n`;
    }
  }
  if (!show.quiet && !show.json) stdout += builtLines(dir, result, seconds);
  return { stdout, stderr, code: EXIT.ok };
}

/** "built DIR in S s: …", the files written, where the fillers went, the preflight's summary. */
function builtLines(dir: string, result: BuildSummary, seconds: number): string {
  const rel = (p: string) => path.relative(process.cwd(), p) || '.';
  let out =
    `${result.fromCache ? 'up to date' : 'built'} ${dir} in ${seconds.toFixed(2)} s: ${result.articles} articles, ${result.pages} pages` +
    `${result.warnings.length ? `, ${result.warnings.length} warnings` : ''}` +
    `${result.fromCache ? ' (nothing read had changed: the outputs stand as the last build wrote them)' : ''}\n` +
    outputLines(result.outputs.map(rel), result.outputs.map(fileSize)) +
    fillerLines(result.fillers);
  const pdf = result.outputs.find((p) => p.endsWith('.press.pdf'));
  const json = result.outputs.find((p) => p.endsWith('.preflight.json'));
  if (pdf && json) out += `${preflightSummary(result.preflight, { pdf: rel(pdf), json: rel(json) })}\n`;
  return out;
}

/** The files written, one a line, each with its size right-aligned in a column of its own. */
export function outputLines(files: readonly string[], sizes: readonly (number | undefined)[]): string {
  const shown = sizes.map(humanSize);
  const nameWidth = Math.max(0, ...files.map((f) => f.length));
  const sizeWidth = Math.max(0, ...shown.map((s) => s.length));
  return files.map((f, k) => (shown[k] ? `  ${f.padEnd(nameWidth)}  ${shown[k].padStart(sizeWidth)}\n` : `  ${f}\n`)).join('');
}

/** `812 B`, `40.2 KB`, `1.2 MB` (powers of 1000, as file managers show them). */
export function humanSize(bytes: number | undefined): string {
  if (bytes === undefined) return '';
  if (bytes < 1000) return `${bytes} B`;
  let n = bytes / 1000;
  let unit = 0;
  // Rounded first, so 999 999 bytes read 1.0 MB rather than 1000 KB.
  while (Number(n.toFixed(n < 10 ? 1 : 0)) >= 1000 && unit < UNITS.length - 1) {
    n /= 1000;
    unit++;
  }
  return `${n < 10 ? n.toFixed(1) : Math.round(n)} ${UNITS[unit]}`;
}

const UNITS = ['KB', 'MB', 'GB'];

/** A written file's size; undefined if it is gone already (the report must not fail for it). */
function fileSize(p: string): number | undefined {
  try {
    return statSync(p).size;
  } catch {
    return undefined;
  }
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
