// `pressroom site` and `build-all --site`, after the editions are built: the download site
// around them, its warnings, and a line saying what it wrote.
import path from 'node:path';
import { defaultCacheDir, NO_CACHE, openCache } from '../cache/disk-cache.js';
import { codeVersion } from '../cache/code-version.js';
import { crash } from '../diagnostics/crash.js';
import { type Diagnostic, diagnosticJson, formatDiagnostic } from '../diagnostics/diagnostic.js';
import { buildSite, SiteError } from '../site/build-site.js';
import { TemplateError } from '../templates/engine.js';
import { templateDiagnostic } from '../templates/template-diagnostic.js';
import type { Outcome } from './build-in-worker.js';
import { EXIT, type Reporting } from './report.js';

export interface SiteCommand {
  /** The site's folder, as given. */
  root: string;
  editionsDir: string;
  /** Every edition found, by its folder in the site, and how its build ended. */
  editions: readonly { folder: string; outcome: Outcome }[];
  cache: boolean;
  strict: boolean;
  show: Reporting;
}

/** Writes the site of the editions built; returns the exit code. */
export async function writeSite(c: SiteCommand): Promise<number> {
  const started = performance.now();

  const emit = (d: Diagnostic) => {
    const shown = d.file && path.isAbsolute(d.file) ? { ...d, file: path.relative(process.cwd(), d.file) || d.file } : d;
    if (c.show.json) process.stdout.write(`${diagnosticJson(shown)}\n`);
    else process.stderr.write(`${formatDiagnostic(shown)}\n`);
  };
  try {
    const cache = c.cache ? openCache({ dir: defaultCacheDir(process.cwd(), process.env), version: codeVersion() }) : NO_CACHE;
    const editions = c.editions.map((e) => ({ folder: e.folder, ...(e.outcome.kind === 'built' ? { entry: e.outcome.summary.entry } : {}) }));
    const r = await buildSite({ root: path.resolve(c.root), editions, cache, templates: path.join(c.editionsDir, 'templates'), strict: c.strict });
    r.warnings.forEach(emit);
    if (!c.show.quiet && !c.show.json) {
      const failed = editions.filter((e) => !e.entry).length;
      const dropped = r.dropped.length ? `, ${r.dropped.length} taken out (${r.dropped.join(', ')})` : '';
      process.stdout.write(
        `site: ${r.issues} issue${r.issues === 1 ? '' : 's'}${failed ? ` (${failed} not built: ${r.kept.length} shown as last built)` : ''}${dropped}: ` +
          `${r.written.length} file${r.written.length === 1 ? '' : 's'} written, ${r.unchanged} unchanged, ${r.removed.length} removed, ` +
          `in ${((performance.now() - started) / 1000).toFixed(2)} s → ${path.join(c.root, 'index.html')}\n`,
      );
    }
    return EXIT.ok;
  } catch (e) {
    if (e instanceof SiteError) {
      e.diagnostics.forEach(emit);
      return EXIT.input;
    }
    if (e instanceof TemplateError) {
      emit(templateDiagnostic(e, e.file, 'src/site/html-pages.ts (IndexView, IssueView)'));
      return EXIT.input;
    }
    const internal = crash(e, 'writing the download site', {});
    emit(internal.diagnostic);
    if (c.show.debug && internal.cause instanceof Error) process.stderr.write(`${internal.cause.stack}\n`);
    return EXIT.internal;
  }
}
