// A helper thread of one build (see pool.ts): it is given the build's images once, then runs
// the tasks it is sent one at a time and posts back each result or the error it met.
import { parentPort } from 'node:worker_threads';
import type { PrintFiles } from '../model/types.js';
import { runTask, type Task } from './tasks.js';

export type ToHelper = { kind: 'images'; images: PrintFiles } | { kind: 'task'; id: number; task: Task };
export type FromHelper = { id: number; ok: true; result: Awaited<ReturnType<typeof runTask>> } | { id: number; ok: false; message: string; stack?: string };

const port = parentPort;
if (!port) throw new Error('task-worker.ts runs in a worker thread');
let images: PrintFiles = new Map();

port.on('message', async (m: ToHelper) => {
  if (m.kind === 'images') {
    images = m.images;
    return;
  }
  try {
    // Copied to the build's thread (a few megabytes at most: cheaper than managing transfers).
    port.postMessage({ id: m.id, ok: true, result: await runTask(m.task, images) } satisfies FromHelper);
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    port.postMessage({ id: m.id, ok: false, message: err.message, stack: err.stack } satisfies FromHelper);
  }
});
