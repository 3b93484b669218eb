// `pressroom watch <edition>`: builds the edition, serves a live preview of it on
// 127.0.0.1 and rebuilds on every saved change, one line in the terminal per build. The
// builds run in worker threads like `build`'s; the preview (src/preview) only shows them.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { error } from '../diagnostics/diagnostic.js';
import { PreviewState } from '../preview/preview-state.js';
import { rebuildLoop } from '../preview/rebuild-loop.js';
import { startPreviewServer } from '../preview/server.js';
import { watchTree } from '../preview/watcher.js';
import { BuildSession, budgetsFromEnv, type Outcome } from './build-in-worker.js';
import { EXIT, reportOutcome } from './report.js';

export interface WatchOptions {
  editionDir: string;
  outDir?: string;
  port?: string;
  cache: boolean;
  debug: boolean;
}

const DEFAULT_PORT = 4173;

/** Time the last build may take to notice it is no longer wanted before the process ends anyway. */
const STOP_GRACE_MS = 500;

export async function watchEdition(o: WatchOptions): Promise<number> {
  const port = o.port === undefined ? DEFAULT_PORT : /^\d{1,5}$/.test(o.port) && Number(o.port) <= 65535 ? Number(o.port) : undefined;
  if (port === undefined) {
    process.stderr.write(`pressroom: --port takes a port number from 0 to 65535, not \`${String(o.port).slice(0, 40)}\`\n`);
    return EXIT.usage;
  }
  const editionDir = path.resolve(o.editionDir);
  if (
    !(await fs.stat(editionDir).then(
      (s) => s.isDirectory(),
      () => false,
    ))
  ) {
    process.stderr.write(`pressroom: ${o.editionDir}: no such folder\n`);
    return EXIT.input;
  }
  // Listening from the start: a Ctrl-C as soon as the URL shows still stops cleanly.
  let stop = () => {};
  const stopSignal = new Promise<void>((resolve) => {
    stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  const outDir = path.resolve(o.outDir ?? path.join('output', path.basename(editionDir)));
  const state = new PreviewState();
  let server;
  try {
    server = await startPreviewServer(state, port, o.port === undefined);
  } catch (e) {
    process.stderr.write(`pressroom: cannot serve the preview on 127.0.0.1:${port}: ${(e as Error).message}\n`);
    stop();
    return EXIT.input;
  }
  process.stdout.write(`pressroom: previewing ${o.editionDir} at ${server.url} (Ctrl-C to stop)\n`);

  // One worker for every rebuild: fonts, patterns and compiled code stay warm between saves.
  const session = new BuildSession(budgetsFromEnv());
  let first = true;
  let stopping = false;
  const loop = rebuildLoop(async () => {
    state.building();
    const started = performance.now();
    // The pages go to the page as soon as its PDF is made, its EPUB's chapters as
    // soon as that is; the press PDF and the articles' PDFs follow, and the build's line is
    // printed when all are written.
    let shown: Promise<boolean> | undefined;
    let previewSeconds = 0;
    let shownKey: string | undefined;
    let fresh: number | undefined;
    const outcome = await session.build({ editionDir: o.editionDir, outDir: o.outDir, cache: o.cache }, undefined, {
      pages: ({ pdf, pages, warnings }) => {
        if (stopping) return;
        previewSeconds = (performance.now() - started) / 1000;
        shownKey = pages.key;
        // The PDF holds the pages that changed since the preview's last build, or all of them.
        const changes =
          pages.base !== undefined && pages.changed.length < pages.total ? { base: pages.base, changed: pages.changed, total: pages.total } : undefined;
        fresh = changes?.changed.length;
        shown = state.built({ pdf, warnings, key: pages.key, ...(changes ? { changes } : {}) }).then(
          () => true,
          () => false,
        );
      },
      epub: (epub) => {
        if (stopping || !shown) return;
        // After the pages it belongs with are shown (a build whose pages could not be shown shows no EPUB).
        shown = shown.then((ok) => ok && (state.epub(epub), true));
      },
    });
    const seconds = (performance.now() - started) / 1000;
    await show(outcome, seconds, first, (await shown) ? { seconds: previewSeconds, fresh } : undefined, shownKey);
    first = false;
  });

  /** Hands the outcome to the preview (unless it shows the build already) and prints its line (a failure as `build` prints it). */
  const show = async (outcome: Outcome, seconds: number, isFirst: boolean, previewed?: { seconds: number; fresh?: number }, key?: string) => {
    if (stopping) return;
    if (outcome.kind === 'built') {
      const { outputs, pages, warnings } = outcome.summary;
      const all = [...warnings, ...outcome.summary.preflight.diagnostics];
      if (previewed !== undefined) state.warned(all);
      else {
        const pdf = outputs.find((p) => p.endsWith('.pdf') && !/\.(press|imposed)\.pdf$/.test(p) && path.dirname(p) === outDir);
        const epub = outputs.find((p) => p.endsWith('.epub'));
        try {
          if (!pdf || !epub) throw new Error('the build wrote no issue PDF or no EPUB');
          // The page lists the preflight's warnings too, as the terminal does.
          await state.built({ pdf: await fs.readFile(pdf), epub: await fs.readFile(epub), warnings: all, ...(key ? { key } : {}) });
        } catch (e) {
          // Removed by hand before it could be read, or a PDF the renderer cannot open: the next save builds again.
          const why = `the preview cannot show the build: ${(e as Error).message}`;
          state.failed([error('internal/crash', why)]);
          process.stderr.write(`pressroom: ${why}\n`);
          return;
        }
      }
      const report = reportOutcome(o.editionDir, outcome, { debug: o.debug, quiet: true, json: false, allWarnings: false }, seconds);
      process.stderr.write(report.stderr);
      // `fresh`: the pages sent anew, the others shown as they were.
      const only = previewed?.fresh === undefined ? '' : `, ${previewed.fresh} of ${pages} new`;
      const early = previewed === undefined ? '' : ` (pages shown after ${previewed.seconds.toFixed(2)} s${only})`;
      process.stdout.write(
        `${isFirst ? 'built' : 'rebuilt'} in ${seconds.toFixed(2)} s${early}: ${pages} pages, ${warnings.length} warning${warnings.length === 1 ? '' : 's'}\n`,
      );
    } else {
      state.failed(outcome.kind === 'refused' ? outcome.diagnostics : [outcome.diagnostic]);
      process.stderr.write(reportOutcome(o.editionDir, outcome, { debug: o.debug, quiet: false, json: false, allWarnings: false }, seconds).stderr);
    }
  };

  // The output folder may sit inside the edition (the build refuses it, but saving there must not loop).
  const watcher = watchTree(
    editionDir,
    [outDir],
    () => loop.request(),
    (e) => process.stderr.write(`pressroom: watching ${o.editionDir}: ${e.message}\n`),
  );
  loop.request();

  await stopSignal;
  stopping = true;
  watcher.close();
  state.close();
  await server.close();
  // A build under way is not cancelled: its outputs are written atomically, so ending the
  // process under it loses nothing but that build.
  const stopped = await Promise.race([loop.stop().then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), STOP_GRACE_MS).unref())]);
  if (!stopped) setTimeout(() => process.exit(EXIT.ok), 0).unref();
  else await session.close();
  process.stdout.write('pressroom: stopped\n');
  return EXIT.ok;
}
