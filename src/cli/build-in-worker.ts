// Every build runs in a worker thread under two budgets, so that no input, however hostile,
// can hang the command or end it in a V8 heap dump: a heap budget (the worker's own old-
// generation limit: reaching it ends the worker, not the process) and a time budget per step
// of the build (reading an article, typesetting the issue, writing a PDF…), kept by a timer
// here, outside the worker, which a synchronous runaway cannot starve. Either becomes a
// located `limit/memory` or `limit/time` error at the step that was running.
import type { Worker } from 'node:worker_threads';
import { asBuffer, moduleWorker } from '../threads/module-worker.js';
import type { BuildOptions, BuildStep, PreviewPages } from '../build.js';
import { type Diagnostic, error } from '../diagnostics/diagnostic.js';
import type { PreflightReport } from '../press/preflight.js';
import type { IssueEntry } from '../site/issue-entry.js';

export interface Budgets {
  /** Most seconds one step of the build may take. */
  seconds: number;
  /** Most megabytes of JavaScript heap the build may use. */
  heapMb: number;
}

/** Generous: the 79k-word book with 69 figures takes under 10 s a step and 600 MB. */
export const DEFAULT_BUDGETS: Budgets = { seconds: 300, heapMb: 4096 };

/** What the command line needs of a finished build: plain data, cheap to post between threads. */
export interface BuildSummary {
  outputs: string[];
  warnings: Diagnostic[];
  pages: number;
  articles: number;
  /** Where each filler went, and those the page builder found no room for. */
  fillers: { placed: { id: string; after: string; page: number }[]; unused: string[] };
  preflight: PreflightReport;
  /** Nothing had changed since the last build: its outputs stood and nothing was written. */
  fromCache: boolean;
  /** What the download site shows of the edition. */
  entry: IssueEntry;
}

export type WorkerMessage =
  | { kind: 'progress'; step: BuildStep }
  | { kind: 'preview'; preview: Preview }
  | { kind: 'preview-epub'; epub: Buffer }
  | { kind: 'built'; summary: BuildSummary }
  | { kind: 'refused'; diagnostics: Diagnostic[] }
  | { kind: 'internal'; diagnostic: Diagnostic; stack?: string };

export type Outcome = Exclude<WorkerMessage, { kind: 'progress' } | { kind: 'preview' } | { kind: 'preview-epub' }>;

/** The issue's pages, made before the rest of a build (for the preview), with the warnings known by then. */
export type Preview = PreviewPages;

/** What a preview is handed while a build runs: the issue's pages first, then its EPUB. */
export interface PreviewSink {
  pages(p: Preview): void;
  epub(epub: Buffer): void;
}

/** What the worker is told: the build's plain-data options, with the cache as a switch (the worker opens it). */
export type WorkerOptions = Omit<BuildOptions, 'world' | 'onDiagnostic' | 'onProgress' | 'cache'> & {
  /** Read and write the build cache (default folder, or PRESSROOM_CACHE). */
  cache?: boolean;
  /** Post the issue's PDF, then its EPUB, as soon as each is made (`BuildSession.build`'s preview). */
  preview?: boolean;
};

/** Time the worker may take to load the build's libraries before the first step's budget starts. */
const STARTUP_MS = 60_000;

/** Budgets from the environment (PRESSROOM_TIME_BUDGET seconds, PRESSROOM_HEAP_MB), over the defaults. */
export function budgetsFromEnv(env: NodeJS.ProcessEnv = process.env): Budgets {
  const n = (v: string | undefined) => (v !== undefined && /^\d+(\.\d+)?$/.test(v) && Number(v) > 0 ? Number(v) : undefined);
  return { seconds: n(env.PRESSROOM_TIME_BUDGET) ?? DEFAULT_BUDGETS.seconds, heapMb: n(env.PRESSROOM_HEAP_MB) ?? DEFAULT_BUDGETS.heapMb };
}

/** What the worker is started with: a session that takes builds as messages, one at a time. */
export type WorkerData = { session: true };

function startWorker(data: WorkerData, budgets: Budgets): Worker {
  return moduleWorker(import.meta.url, 'build-worker', {
    workerData: data,
    resourceLimits: { maxOldGenerationSizeMb: Math.round(budgets.heapMb) },
    // (A --max-old-space-size given to node is process-wide and wins over this limit.)
  });
}

/**
 * Builds editions one after another in one worker thread (the preview's rebuilds, a lane of
 * build-all): its fonts, hyphenation patterns, converted images and compiled code stay warm
 * between builds. A build that overran a budget or crashed takes its worker with it; the next
 * build starts another.
 */
export class BuildSession {
  private worker?: Worker;

  constructor(private readonly budgets: Budgets) {}

  /** One build (one at a time); never rejects. `preview`: the issue's PDF, then its EPUB, before the rest is made. */
  async build(options: WorkerOptions, onStep: (step: BuildStep) => void = () => {}, preview?: PreviewSink): Promise<Outcome> {
    const fresh = !this.worker;
    const worker = (this.worker ??= startWorker({ session: true }, this.budgets));
    worker.postMessage({ ...options, preview: preview !== undefined });
    const { outcome, healthy } = await watched(worker, this.budgets, onStep, preview, fresh ? STARTUP_MS : 0);
    if (!healthy) {
      void worker.terminate();
      if (this.worker === worker) this.worker = undefined;
    }
    return outcome;
  }

  async close(): Promise<void> {
    const w = this.worker;
    this.worker = undefined;
    await w?.terminate();
  }
}

/**
 * The outcome of the build `worker` runs next, kept to the budgets: the time of each step by
 * a timer here (a synchronous runaway cannot starve it), the heap by the worker's own limit.
 * `healthy`: the worker may run another build.
 */
function watched(
  worker: Worker,
  budgets: Budgets,
  onStep: (step: BuildStep) => void,
  preview: PreviewSink | undefined,
  startupMs: number,
): Promise<{ outcome: Outcome; healthy: boolean }> {
  let step: BuildStep = { doing: 'starting the build' };
  // Loading the libraries is not the input's doing: the first step's clock starts after it.
  let stepStarted = performance.now() + startupMs;
  return new Promise((resolve) => {
    let settled = false;
    const settle = (outcome: Outcome, healthy: boolean) => {
      if (settled) return;
      settled = true;
      clearInterval(watch);
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
      resolve({ outcome, healthy });
    };
    const watch = setInterval(
      () => {
        if (performance.now() - stepStarted > budgets.seconds * 1000) settle({ kind: 'refused', diagnostics: [overTime(step, budgets.seconds)] }, false);
      },
      Math.min(1000, budgets.seconds * 250),
    );
    const onMessage = (m: WorkerMessage) => {
      if (m.kind === 'progress') {
        step = m.step;
        // Loading the libraries is given the start-up's grace, as the worker's first load is.
        stepStarted = performance.now() + (m.step.loading ? STARTUP_MS : 0);
        onStep(step);
      } else if (m.kind === 'preview') {
        preview?.pages({ ...m.preview, pdf: asBuffer(m.preview.pdf) });
      } else if (m.kind === 'preview-epub') {
        preview?.epub(asBuffer(m.epub));
      } else settle(m, m.kind !== 'internal');
    };
    const onError = (e: Error & { code?: string }) => {
      if (e.code === 'ERR_WORKER_OUT_OF_MEMORY') settle({ kind: 'refused', diagnostics: [overMemory(step, budgets.heapMb)] }, false);
      else
        settle(
          { kind: 'internal', diagnostic: error('internal/crash', `internal error while ${step.doing}: ${e.message}`, where(step)), stack: e.stack },
          false,
        );
    };
    const onExit = (code: number) =>
      settle({ kind: 'internal', diagnostic: error('internal/crash', `the build stopped (exit code ${code}) while ${step.doing}`, where(step)) }, false);
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
  });
}

const where = (s: BuildStep) => ({ ...(s.file ? { file: s.file } : {}), ...(s.line ? { line: s.line, column: s.column ?? 1 } : {}) });

function overTime(step: BuildStep, seconds: number): Diagnostic {
  return error('limit/time', `${step.doing} took longer than the time budget of ${seconds} s: stopped`, where(step), [
    'raise the budget with --time-budget SECONDS (or PRESSROOM_TIME_BUDGET) for a very large edition; if this one is ordinary, it is a bug in Pressroom: please report it',
  ]);
}

function overMemory(step: BuildStep, heapMb: number): Diagnostic {
  return error('limit/memory', `${step.doing} needed more than the memory budget of ${heapMb} MB: stopped`, where(step), [
    'raise the budget with --memory-budget MB (or PRESSROOM_HEAP_MB) for a very large edition; if this one is ordinary, it is a bug in Pressroom: please report it',
  ]);
}
