// The parts of a build that depend only on pages already set: drawing a PDF and making the
// press PDF with its preflight. Plain data in, plain data out, so they can run on another
// thread; `runTask` is the same code whichever thread runs it, so the bytes are the same.
import { type PdfMeta, writePdf } from '../backends/pdf/write-pdf.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { type BuildCache, isCaching } from '../cache/disk-cache.js';
import type { PrintFiles } from '../model/types.js';
import type { Page } from '../pages/page.js';
import { buildPress, type PressInput, type PressOutput } from '../press/build-press.js';

export type Task = { kind: 'pdf'; pages: Page[]; meta: PdfMeta } | { kind: 'press'; input: Omit<PressInput, 'report' | 'images' | 'cache'> };

export type TaskResult = { kind: 'pdf'; data: Buffer } | { kind: 'press'; output: PressOutput; reported: Diagnostic[] };

/**
 * Runs one task with the build's images (and on the build's own thread, its cache: for the press
 * images, and to keep the pages drawn for the next build).
 */
export async function runTask(task: Task, images: PrintFiles, cache?: BuildCache): Promise<TaskResult> {
  if (task.kind === 'pdf') return { kind: 'pdf', data: await writePdf(task.pages, task.meta, images, undefined, isCaching(cache)) };
  const reported: Diagnostic[] = [];
  const output = await buildPress({ ...task.input, images, cache, report: { report: (d) => reported.push(d) } });
  return { kind: 'press', output, reported };
}
