// The press outputs of one edition, from the laid-out pages of the whole issue:
//   prepare   pad to the page multiple, extend bleeds, re-encode images (press-pages.ts)
//   write     the press PDF (backends/pdf/write-pdf.ts with press settings)
//   preflight read the press PDF back and check it (preflight.ts) → <edition>.preflight.json
//   impose    optionally, a saddle-stitch proof (impose.ts) → <edition>.imposed.pdf
import { type BuildCache, isCaching } from '../cache/disk-cache.js';
import path from 'node:path';
import { writePdf, type PdfMeta } from '../backends/pdf/write-pdf.js';
import { warning, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { DiagnosticSink } from '../diagnostics/trial.js';
import type { Imposition, PressSettings } from '../settings/press.js';
import type { PrintFiles } from '../model/types.js';
import type { Page } from '../pages/page.js';
import { imposeSaddle } from './impose.js';
import { preflight, type PreflightReport } from './preflight.js';
import { pressPages } from './press-pages.js';

export interface PressInput {
  /** The whole issue as laid out for the reading PDF. */
  pages: readonly Page[];
  typesetWarnings: readonly Diagnostic[];
  meta: PdfMeta;
  images: PrintFiles;
  press: PressSettings;
  outDir: string;
  editionName: string;
  impose?: Imposition;
  /** Where the build's warnings outside the preflight go (blank pages the imposition adds). */
  report: DiagnosticSink;
  /** Where the press images are kept between builds (none: made afresh). */
  cache?: BuildCache;
}

export interface PressOutput {
  files: { path: string; data: Buffer }[];
  preflight: PreflightReport;
}

export async function buildPress(input: PressInput): Promise<PressOutput> {
  const prepared = await pressPages(input.pages, input.images, input.press, input.cache);
  const pdf = await writePdf(prepared.pages, input.meta, prepared.images, input.press, isCaching(input.cache));
  const pdfName = `${input.editionName}.press.pdf`;
  const report = await preflight({
    pdf,
    file: pdfName,
    press: input.press,
    laidOut: input.pages,
    prepared,
    typesetWarnings: input.typesetWarnings,
  });
  const files = [
    { path: path.join(input.outDir, pdfName), data: pdf },
    { path: path.join(input.outDir, `${input.editionName}.preflight.json`), data: Buffer.from(`${JSON.stringify(report, null, 2)}\n`) },
  ];
  if (input.impose === 'saddle') {
    const imposed = await imposeSaddle(pdf, { title: input.meta.title, date: new Date(`${input.meta.date}T00:00:00Z`) });
    if (imposed.added)
      input.report.report(
        warning(
          'preflight/padded',
          `the saddle-stitch proof adds ${imposed.added} blank page${imposed.added === 1 ? '' : 's'} at the end: a booklet needs a multiple of 4`,
          { file: 'edition.yaml' },
          ['set `press.page-multiple` to 4 (or a multiple of 4) so the press PDF itself can be stitched'],
        ),
      );
    files.push({ path: path.join(input.outDir, `${input.editionName}.imposed.pdf`), data: imposed.pdf });
  }
  return { files, preflight: report };
}
