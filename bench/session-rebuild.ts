// The editor's loop as `pressroom watch` runs it: one build session (a worker that stays warm)
// builds the edition, then builds it again after one chapter is edited. Prints one JSON line:
// the rebuild's wall time, when its pages could be shown (the PDF made), and the
// process's peak RSS. Run from the compiled dist/, as the
// command line runs it.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { BuildSession as Session } from '../src/cli/build-in-worker.js';

const [editionDir, out, chapter, edited] = process.argv.slice(2);
const dist = path.resolve(import.meta.dirname, '../dist/cli/build-in-worker.js');
const { BuildSession, budgetsFromEnv } = (await import(dist)) as { BuildSession: typeof Session; budgetsFromEnv: () => { seconds: number; heapMb: number } };
const session = new BuildSession(budgetsFromEnv());
const options = { editionDir, outDir: out };
// Each build is handed to a preview, as `pressroom watch` hands every one (the edit's build then sends only the pages it changed).
const shown = { pages: () => {}, epub: () => {} };
const first = await session.build(options, undefined, shown);
if (first.kind !== 'built') throw new Error(`the first build failed: ${JSON.stringify(first).slice(0, 2000)}`);
writeFileSync(chapter, edited);
const started = performance.now();
let previewMs = Number.NaN;
const again = await session.build(options, undefined, {
  pages: () => {
    previewMs = performance.now() - started;
  },
  epub: () => {},
});
const ms = performance.now() - started;
await session.close();
if (again.kind !== 'built') throw new Error(`the rebuild failed: ${JSON.stringify(again).slice(0, 2000)}`);
process.stdout.write(`${JSON.stringify({ ms, previewMs, peakMB: process.resourceUsage().maxRSS / 1024 })}\n`);
