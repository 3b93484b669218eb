// Converts images on a thread of its own, started with the first image and kept for the
// process (a preview converts again on each change). The build's thread sets the issue in
// long stretches that give no turn to sharp's callbacks: on that thread a conversion would
// wait for the typesetting to end before starting the next image. Should the thread not
// start or die, the images are converted on the build's thread instead, the same way.
import type { Worker } from 'node:worker_threads';
import { asBuffer, moduleWorker } from '../threads/module-worker.js';
import type { FromConverter, ToConverter } from './convert-worker.js';
import type { ImageData } from '../model/types.js';
import { isBug, makeVariant, type Variant, type VariantRequest, type VariantSource } from './variants.js';

/** An error of sharp's the worker reported (its stack stayed there). */
export class ConversionFailed extends Error {
  constructor(
    message: string,
    readonly bug: boolean,
  ) {
    super(message);
  }
}

interface Pending {
  request: VariantRequest;
  resolve: (v: ImageData) => void;
  reject: (e: unknown) => void;
}

let worker: Worker | undefined;
let broken = false;
const pending = new Map<number, Pending>();
let next = 0;

/**
 * The `variants` of `source`, in that order; each rejects with ConversionFailed (or the error
 * itself, when made here). The file is posted to the thread once for all of them.
 */
export function convertOffThread(source: VariantSource, variants: readonly Variant[]): Promise<ImageData>[] {
  const w = broken ? undefined : (worker ?? start());
  if (!w) return variants.map((variant) => here({ ...source, variant }));
  const ids = variants.map(() => next++);
  const made = variants.map(
    (variant, i) =>
      new Promise<ImageData>((resolve, reject) => {
        pending.set(ids[i], { request: { ...source, variant }, resolve, reject });
      }),
  );
  // Kept alive while it has work: an idle converter does not keep the process running.
  w.ref();
  w.postMessage({ source, jobs: variants.map((variant, i) => ({ id: ids[i], variant })) } satisfies ToConverter);
  return made;
}

function here(request: VariantRequest): Promise<ImageData> {
  return makeVariant(request).catch((e: unknown) => {
    throw isBug(e) ? e : new ConversionFailed(e instanceof Error ? e.message : String(e), false);
  });
}

function start(): Worker | undefined {
  try {
    const w = moduleWorker(import.meta.url, 'convert-worker');
    w.unref();
    w.on('message', (m: FromConverter) => settle(m));
    w.on('error', () => lose(w));
    w.on('exit', () => lose(w));
    worker = w;
    return w;
  } catch {
    broken = true;
    return undefined;
  }
}

function settle(m: FromConverter): void {
  const p = pending.get(m.id);
  if (!p) return;
  pending.delete(m.id);
  if (pending.size === 0) worker?.unref();
  if (m.ok) p.resolve({ ...m.made, data: asBuffer(m.made.data) });
  else p.reject(new ConversionFailed(m.message, m.bug));
}

/** The thread is gone: what it had is converted here, and so is everything after. */
function lose(w: Worker): void {
  if (worker !== w) return;
  worker = undefined;
  broken = true;
  const left = [...pending.values()];
  pending.clear();
  for (const p of left) here(p.request).then(p.resolve, p.reject);
}
