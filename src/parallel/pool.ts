// Helper threads for one build: started when the build starts (their libraries load while
// the articles are read), given the images once they are converted, then sent the tasks
// that depend only on set pages. A task a helper fails at, or a helper that dies, is run
// again on the build's own thread, where a crash is located and reported as usual.
import type { Worker } from 'node:worker_threads';
import type { PrintFiles } from '../model/types.js';
import { asBuffer, moduleWorker } from '../threads/module-worker.js';
import type { FromHelper, ToHelper } from './task-worker.js';
import type { Task, TaskResult } from './tasks.js';

/** This thread's runner, loaded when it first takes a task (the PDF writer and the press come with it). */
const runTask = async (task: Task, images: PrintFiles): Promise<TaskResult> => (await import('./tasks.js')).runTask(task, images);

interface Waiting {
  task: Task;
  resolve: (r: TaskResult) => void;
  reject: (e: unknown) => void;
}

export class Helpers {
  private readonly workers: Worker[] = [];
  private readonly idle: Worker[] = [];
  private readonly queue: { id: number; w: Waiting }[] = [];
  private readonly running = new Map<number, { worker: Worker; w: Waiting }>();
  private images: PrintFiles = new Map();
  private next = 0;
  /** Tasks done on a helper thread, and on the build's own thread. */
  readonly done = { helpers: 0, here: 0 };

  constructor(count: number) {
    for (let i = 0; i < count; i++) {
      const worker = moduleWorker(import.meta.url, 'task-worker');
      worker.on('message', (m: FromHelper) => this.settle(worker, m));
      worker.on('error', () => this.lose(worker));
      worker.on('exit', () => this.lose(worker));
      this.workers.push(worker);
      this.idle.push(worker);
    }
  }

  /** The images the tasks' pages name (posted to each helper once). */
  share(images: PrintFiles): void {
    this.images = images;
    for (const w of this.workers) w.postMessage({ kind: 'images', images } satisfies ToHelper);
  }

  /** Runs `task` on a helper when one is free; on this thread when none is left or it failed there. */
  run(task: Task): Promise<TaskResult> {
    return new Promise<TaskResult>((resolve, reject) => {
      this.queue.push({ id: this.next++, w: { task, resolve, reject } });
      this.pump();
    });
  }

  /**
   * Runs here what no helper has taken yet, the last queued first (helpers take from the
   * front), so this thread works rather than waits once its own part is done.
   */
  async helpHere(): Promise<void> {
    for (let q = this.queue.pop(); q; q = this.queue.pop()) {
      this.done.here++;
      await runTask(q.w.task, this.images).then(q.w.resolve, q.w.reject);
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private pump(): void {
    while (this.queue.length) {
      if (!this.workers.length) {
        // Every helper is gone: what is left runs here.
        const { w } = this.queue.shift()!;
        this.done.here++;
        runTask(w.task, this.images).then(w.resolve, w.reject);
        continue;
      }
      const worker = this.idle.shift();
      if (!worker) return;
      const { id, w } = this.queue.shift()!;
      this.running.set(id, { worker, w });
      worker.postMessage({ kind: 'task', id, task: w.task } satisfies ToHelper);
    }
  }

  private settle(worker: Worker, m: FromHelper): void {
    const r = this.running.get(m.id);
    if (!r) return;
    this.running.delete(m.id);
    this.idle.push(worker);
    if (m.ok) {
      this.done.helpers++;
      r.w.resolve(asBuffers(m.result));
    }
    // Run again here: a failure is then thrown (and located) on the build's own thread.
    else {
      this.done.here++;
      runTask(r.w.task, this.images).then(r.w.resolve, r.w.reject);
    }
    this.pump();
  }

  private lose(worker: Worker): void {
    const at = this.workers.indexOf(worker);
    if (at < 0) return;
    this.workers.splice(at, 1);
    const idle = this.idle.indexOf(worker);
    if (idle >= 0) this.idle.splice(idle, 1);
    for (const [id, r] of this.running) {
      if (r.worker !== worker) continue;
      this.running.delete(id);
      this.queue.unshift({ id, w: r.w });
    }
    this.pump();
  }
}

function asBuffers(r: TaskResult): TaskResult {
  const buf = asBuffer;
  if (r.kind === 'pdf') return { kind: 'pdf', data: buf(r.data) };
  return { ...r, output: { ...r.output, files: r.output.files.map((f) => ({ path: f.path, data: buf(f.data) })) } };
}
