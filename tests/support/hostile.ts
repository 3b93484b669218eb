// Running the command line on hostile input under a budget of time and memory, and what
// every such run must show: its exact exit code and diagnostic code, one line per message,
// no stack trace, no V8 dump, inside the budget (60 s and 1 GB unless a test says less).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const BIN = path.resolve(import.meta.dirname, '../../bin/pressroom.js');

export interface Budget {
  /** Wall time before the run is killed and the test fails. */
  ms?: number;
  /** Most resident memory the run may reach, in MB (checked by polling, so a lower bound of the peak). */
  heapMb?: number;
  /** The tool's own budgets, given through the environment (PRESSROOM_TIME_BUDGET seconds, PRESSROOM_HEAP_MB). */
  toolSeconds?: number;
  toolHeapMb?: number;
}

export interface HostileRun {
  /** Exit code, or 'killed' when the budget ran out first. */
  code: number | 'killed';
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
  /** Peak resident memory seen while it ran, in MB (polled: a lower bound). */
  peakMb: number;
  /** Diagnostic codes in the messages (`[code]` at a line's end), in order. */
  codes: string[];
}

export const DEFAULT_BUDGET = { ms: 60_000, heapMb: 1024, toolSeconds: 40, toolHeapMb: 768 } as const;

/** Run `pressroom args` in `cwd` under the budget. */
export function runHostile(args: string[], cwd?: string, budget: Budget = {}): Promise<HostileRun> {
  const b = { ...DEFAULT_BUDGET, ...budget };
  return new Promise((resolve) => {
    const started = performance.now();
    // No --max-old-space-size: V8 flags are process-wide and would override the tool's own heap budget in its worker.
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd,
      env: { ...process.env, PRESSROOM_TIME_BUDGET: String(b.toolSeconds), PRESSROOM_HEAP_MB: String(b.toolHeapMb) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let peakKb = 0;
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c.length + stdout.length < 1 << 22 ? c : ''));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c.length + stderr.length < 1 << 22 ? c : ''));
    const poll = setInterval(() => {
      try {
        const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (m) peakKb = Math.max(peakKb, Number(m[1]));
      } catch {
        // gone already
      }
    }, 50);
    let killed = false;
    const timer = setTimeout(() => {
      killed = true;
      child.kill('SIGKILL');
    }, b.ms);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      clearInterval(poll);
      const codes = [...stderr.matchAll(/\[([a-z-]+\/[a-z-]+)\]$/gm), ...stdout.matchAll(/"code":"([a-z-]+\/[a-z-]+)"/g)].map((m) => m[1]);
      resolve({ code: killed ? 'killed' : (code ?? 1), signal, stdout, stderr, ms: performance.now() - started, peakMb: Math.round(peakKb / 1024), codes });
    });
  });
}

/**
 * What every hostile run must show: the exit code and the diagnostic code expected, inside
 * the budget, with one-line messages that each end in a code or are the tool's own summary
 * lines, and no stack trace or V8 report.
 */
export function assertRefused(run: HostileRun, expected: { code: number; diagnostic?: string }, budget: Budget = {}): void {
  const b = { ...DEFAULT_BUDGET, ...budget };
  const shown = `exit ${run.code} in ${Math.round(run.ms)} ms, ${run.peakMb} MB\n${run.stderr.slice(0, 3000)}`;
  assert.notEqual(run.code, 'killed', `ran past ${b.ms} ms: ${shown}`);
  assert.equal(run.code, expected.code, shown);
  if (expected.diagnostic) assert.ok(run.codes.includes(expected.diagnostic), `no [${expected.diagnostic}] among ${JSON.stringify(run.codes)}: ${shown}`);
  assert.ok(run.peakMb <= b.heapMb, `peak ${run.peakMb} MB over the ${b.heapMb} MB budget`);
  assert.doesNotMatch(run.stderr, /FATAL ERROR|Last few GCs|JavaScript heap out of memory|^\s+at .+:\d+:\d+\)?$/m, shown);
  for (const line of run.stderr.split('\n')) assert.ok(line.length <= 600, `a message line of ${line.length} characters: ${line.slice(0, 200)}…`);
}
