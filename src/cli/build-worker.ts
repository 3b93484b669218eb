// The worker thread editions are built in, one after another (see build-in-worker.ts). It runs each build and
// posts back, as plain data: each step as it starts (for the watchdog's message), and the
// outcome: built, refused with located errors, or an internal error with its stack.
import { parentPort, workerData } from 'node:worker_threads';
import { buildEdition } from '../build.js';
import { codeVersion } from '../cache/code-version.js';
import { defaultCacheDir, NO_CACHE, openCache } from '../cache/disk-cache.js';
import { crash, InternalError } from '../diagnostics/crash.js';
import { BuildError } from '../diagnostics/diagnostic.js';
import { issueEntry } from '../site/issue-entry.js';
import type { Preview, WorkerData, WorkerMessage, WorkerOptions } from './build-in-worker.js';

const port = parentPort;
if (!port) throw new Error('build-worker.ts runs in a worker thread');
const post = (m: WorkerMessage) => port.postMessage(m);
const data = workerData as WorkerData;

/** Runs one build and posts its outcome; never throws. */
async function run({ cache, preview, ...options }: WorkerOptions): Promise<void> {
  try {
    const store = cache === false ? NO_CACHE : openCache({ dir: defaultCacheDir(process.cwd(), process.env), version: codeVersion() });
    const r = await buildEdition({
      ...options,
      cache: store,
      onProgress: (step) => post({ kind: 'progress', step }),
      ...(preview
        ? { onPreview: (p: Preview) => post({ kind: 'preview', preview: p }), onPreviewEpub: (epub: Buffer) => post({ kind: 'preview-epub', epub }) }
        : {}),
    });
    post({
      kind: 'built',
      summary: {
        outputs: r.outputs,
        warnings: r.warnings,
        pages: r.pages,
        articles: r.articles,
        fillers: r.fillers,
        preflight: r.preflight,
        fromCache: r.fromCache ?? false,
        entry: issueEntry(r, r.outDir),
      },
    });
  } catch (e) {
    if (e instanceof BuildError) post({ kind: 'refused', diagnostics: e.diagnostics });
    else {
      const internal = e instanceof InternalError ? e : crash(e, 'building the edition', { file: 'edition.yaml' });
      post({ kind: 'internal', diagnostic: internal.diagnostic, stack: internal.cause instanceof Error ? internal.cause.stack : undefined });
    }
  }
}

// A session: builds one after another as they are asked for (the parent sends one at a time).
if (data.session) port.on('message', (options: WorkerOptions) => void run(options));
