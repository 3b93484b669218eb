// The thread that converts images (converter.ts): its own event loop starts each conversion
// as soon as the one before it ends, while the build's thread is busy setting the issue.
import { parentPort } from 'node:worker_threads';
import sharp from 'sharp';
import { isBug, makeVariants, type VariantRequest, type Variants } from './variants.js';

export type ToConverter = { id: number; request: VariantRequest };
export type FromConverter = { id: number; ok: true; variants: Variants } | { id: number; ok: false; message: string; bug: boolean };

if (!parentPort) throw new Error('convert-worker.ts runs in a worker thread');
const port = parentPort;

// One image at a time, on one libvips thread, with no operation cache: the conversions take
// one core and little memory, and leave the other to the build's thread, which sets the issue
// meanwhile. (Two images at once, or libvips on both cores, slowed the typesetting more than
// they gained: 27 s of CPU for the book instead of 21.5.) libvips's settings are the process's:
// the press images, converted later several at once on libuv's threads, run so too.
sharp.concurrency(1);
sharp.cache(false);

let last = Promise.resolve();
port.on('message', (m: ToConverter) => {
  last = last.then(() => convert(m));
});

async function convert(m: ToConverter): Promise<void> {
  try {
    const variants = await makeVariants(m.request);
    // Handed over, not copied: a copy would stay here until this thread next collects garbage.
    port.postMessage({ id: m.id, ok: true, variants } satisfies FromConverter, owned(variants));
  } catch (e) {
    port.postMessage({ id: m.id, ok: false, message: e instanceof Error ? e.message : String(e), bug: isBug(e) } satisfies FromConverter);
  }
}

/** The memory of each variant's bytes, when they alone use it (sharp's output always does). */
function owned(v: Variants): ArrayBuffer[] {
  const out: ArrayBuffer[] = [];
  for (const d of [v.screen, v.print]) {
    const b = d?.data;
    if (b && b.byteOffset === 0 && b.buffer.byteLength === b.byteLength && b.buffer instanceof ArrayBuffer) out.push(b.buffer);
  }
  return out;
}
