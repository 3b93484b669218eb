// A worker thread that runs one of Pressroom's modules, from the compiled JavaScript or, under
// tsx (the tests), from the TypeScript itself.
import { Worker, type WorkerOptions } from 'node:worker_threads';
import { withoutLoaders } from './exec-argv.js';

/** Bytes posted between threads arrive as Uint8Array: a Buffer over the same memory (no copy). */
export const asBuffer = (u: Uint8Array): Buffer => Buffer.from(u.buffer, u.byteOffset, u.byteLength);

/** The module `name` beside `from` (the caller's import.meta.url): `name.js` compiled, `name.ts` with tsx loaded into the thread. */
export function moduleWorker(from: string, name: string, options: Omit<WorkerOptions, 'execArgv'> = {}): Worker {
  const ts = from.endsWith('.ts');
  return new Worker(new URL(`./${name}.${ts ? 'ts' : 'js'}`, from), {
    ...options,
    execArgv: ts ? [...process.execArgv, '--import', 'tsx'] : withoutLoaders(process.execArgv),
  });
}
