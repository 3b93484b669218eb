// The thread that converts images (converter.ts): its own event loop starts each conversion
// as soon as the one before it ends, while the build's thread is busy setting the issue.
import { parentPort } from 'node:worker_threads';
import sharp from 'sharp';
import type { ImageData } from '../model/types.js';
import { isBug, makeVariant, type Variant, type VariantRequest, type VariantSource } from './variants.js';

/** A file and the variants to make of it, each answered under its own id. */
export type ToConverter = { source: VariantSource; jobs: { id: number; variant: Variant }[] };
export type FromConverter = { id: number; ok: true; made: ImageData } | { id: number; ok: false; message: string; bug: boolean };

if (!parentPort) throw new Error('convert-worker.ts runs in a worker thread');
const port = parentPort;

// One image at a time, on one libvips thread, with no operation cache: the conversions take
// one core and little memory, and leave the other to the build's thread, which sets the issue
// meanwhile. (Two images at once, or libvips on both cores, slowed the typesetting more than
// they gained: 27 s of CPU for the book instead of 21.5.) libvips's settings are the process's:
// the press images, converted later several at once on libuv's threads, run so too.
sharp.concurrency(1);
sharp.cache(false);

// Print variants first: the PDFs need them as soon as the issue is set, the EPUB (screen
// variants) only after the PDF is drawn.
type Job = { id: number; request: VariantRequest };
const waiting: Record<Variant, Job[]> = { print: [], screen: [] };
let busy = false;

port.on('message', (m: ToConverter) => {
  for (const { id, variant } of m.jobs) waiting[variant].push({ id, request: { ...m.source, variant } });
  if (!busy) void work();
});

async function work(): Promise<void> {
  busy = true;
  for (let m = next(); m; m = next()) {
    try {
      const made = await makeVariant(m.request);
      // Handed over, not copied: a copy would stay here until this thread next collects garbage.
      port.postMessage({ id: m.id, ok: true, made } satisfies FromConverter, owned(made));
    } catch (e) {
      port.postMessage({ id: m.id, ok: false, message: e instanceof Error ? e.message : String(e), bug: isBug(e) } satisfies FromConverter);
    }
  }
  busy = false;
}

const next = (): Job | undefined => waiting.print.shift() ?? waiting.screen.shift();

/** The memory of the bytes, when they alone use it (sharp's output always does). */
function owned(made: ImageData): ArrayBuffer[] {
  const b = made.data;
  return b.byteOffset === 0 && b.buffer.byteLength === b.byteLength && b.buffer instanceof ArrayBuffer ? [b.buffer] : [];
}
