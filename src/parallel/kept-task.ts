// A PDF task's result kept between builds. Drawing a PDF (an article's, the issue's, the
// press PDF with its preflight) is a pure function of the task (its pages, metadata and
// settings), the images its pages draw, the font files named on them and the code: when
// none of these changed, the bytes of the last build are the bytes this one would make.
// After an author edits one chapter, the other chapters' PDFs are taken from here.
import { createHash } from 'node:crypto';
import { serialize } from 'node:v8';
import type { PrintImage, PrintFiles } from '../model/types.js';
import type { Page } from '../pages/page.js';
import { digestOfPages } from '../pages/page-digest.js';
import type { Task, TaskResult } from './tasks.js';
import { codeVersion } from '../cache/code-version.js';
import { type BuildCache, cacheKey, NO_CACHE, throughValue } from '../cache/disk-cache.js';
import { fileStamp } from '../cache/trace.js';

/** The task's result from the cache when it was made from the same inputs; else `make()`, then kept. */
export function keptTask(cache: BuildCache, task: Task, images: PrintFiles, make: () => Promise<TaskResult>): Promise<TaskResult> {
  if (cache === NO_CACHE) return make();
  // v8 gives Buffers back as Buffers.
  const isResult = (v: unknown): v is TaskResult => (v as TaskResult | undefined)?.kind === task.kind;
  return throughValue(cache, 'task', taskKey(task, images), isResult, make);
}

/** The key of everything a task's result depends on. */
export function taskKey(task: Task, images: PrintFiles): string {
  const pages = task.kind === 'pdf' ? task.pages : task.input.pages;
  const rest = task.kind === 'pdf' ? { meta: task.meta } : { ...task.input, pages: undefined };
  return cacheKey(codeVersion(), 'task', task.kind, pagesDigest(pages), serialize(rest), inputsOf(pages, images));
}

// The pages go into two tasks (its PDF, the press PDF): serialised and hashed once.
const pageDigests = new WeakMap<readonly Page[], string>();

function pagesDigest(pages: readonly Page[]): string {
  let d = pageDigests.get(pages);
  if (!d) {
    d = digestOfPages(pages);
    pageDigests.set(pages, d);
  }
  return d;
}

/**
 * What the pages draw besides themselves: each image by the digest of what is drawn (an
 * image's id names its original, not the variant made for print), each font file by its
 * size and time (the fonts the build itself depends on are in the code version; an
 * edition's own font may be replaced in place).
 */
function inputsOf(pages: readonly Page[], images: PrintFiles): string[] {
  const imageIds = new Set<string>();
  const fonts = new Set<string>();
  for (const p of pages)
    for (const it of p.items) {
      if (it.kind === 'image') imageIds.add(it.imageId);
      else if (it.kind === 'text') fonts.add(it.file);
    }
  const parts: string[] = [];
  for (const id of [...imageIds].sort()) {
    const img = images.get(id);
    parts.push(img ? `${id}:${digestOf(img)}` : `${id}:missing`);
  }
  for (const file of [...fonts].sort()) parts.push(`${file}:${fileStamp(file) ?? 'missing'}`);
  return parts;
}

// Keyed by the asset object: one digest per image per build, whatever number of tasks draw it.
const digests = new WeakMap<PrintImage, string>();

function digestOf(img: PrintImage): string {
  let d = digests.get(img);
  if (!d) {
    const h = createHash('sha256');
    const v = img.print;
    h.update(`${v.mediaType} ${v.width}x${v.height} ${v.data.length}\n`).update(v.data);
    h.update(JSON.stringify([img.width, img.height, img.space ?? null]));
    d = h.digest('hex');
    digests.set(img, d);
  }
  return d;
}
