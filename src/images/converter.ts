// Converts images on a thread of its own, started with the first image and kept for the
// process (a preview converts again on each change). The build's thread sets the issue in
// long stretches that give no turn to sharp's callbacks: on that thread a conversion would
// wait for the typesetting to end before starting the next image. Should the thread not
// start or die, the images are converted on the build's thread instead, the same way.
import type { Worker } from 'node:worker_threads';
import { moduleWorker } from '../threads/module-worker.js';
import type { FromConverter, ToConverter } from './convert-worker.js';
import { isBug, makeVariants, type VariantRequest, type Variants } from './variants.js';

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
  resolve: (v: Variants) => void;
  reject: (e: unknown) => void;
}

let worker: Worker | undefined;
let broken = false;
const pending = new Map<number, Pending>();
let next = 0;

/** The variants `request` asks for; rejects with ConversionFailed (or the error itself, made here). */
export function convertOffThread(request: VariantRequest): Promise<Variants> {
  const w = broken ? undefined : (worker ?? start());
  if (!w) return here(request);
  return new Promise<Variants>((resolve, reject) => {
    const id = next++;
    pending.set(id, { request, resolve, reject });
    // Kept alive while it has work: an idle converter does not keep the process running.
    if (pending.size === 1) w.ref();
    w.postMessage({ id, request } satisfies ToConverter);
  });
}

function here(request: VariantRequest): Promise<Variants> {
  return makeVariants(request).catch((e: unknown) => {
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
  if (m.ok) p.resolve(asBuffers(m.variants));
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

/** Bytes posted between threads arrive as Uint8Array: Buffers over the same memory. */
function asBuffers(v: Variants): Variants {
  const buf = (u: Uint8Array) => Buffer.from(u.buffer, u.byteOffset, u.byteLength);
  return { screen: { ...v.screen, data: buf(v.screen.data) }, ...(v.print ? { print: { ...v.print, data: buf(v.print.data) } } : {}) };
}
