// The press outputs of one edition, from the laid-out pages of the whole issue:
//   prepare   pad to the page multiple, extend bleeds, re-encode images (press-pages.ts)
//   write     the press PDF (backends/pdf/write-pdf.ts with press settings)
//   preflight read the press PDF back and check it (preflight.ts) → <edition>.preflight.json
//   impose    optionally, a saddle-stitch proof (impose.ts) → <edition>.imposed.pdf
import path from 'node:path';
import { writePdf, type PdfMeta } from '../backends/pdf/write-pdf.js';
import { warning, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { PressSettings } from '../settings/press.js';
import type { Article, ImageAsset, Issue, Position } from '../model/types.js';
import type { Layout } from '../settings/layout.js';
import type { Page } from '../pages/page.js';
import { imposeSaddle } from './impose.js';
import { preflight, type PreflightReport } from './preflight.js';
import { pressPages } from './press-pages.js';

export type Imposition = 'saddle';
export const IMPOSITIONS: readonly Imposition[] = ['saddle'];

export interface PressInput {
  issue: Issue;
  /** The whole issue as laid out for the reading PDF. */
  pages: readonly Page[];
  typesetWarnings: readonly Diagnostic[];
  meta: PdfMeta;
  layout: Layout;
  images: Map<string, ImageAsset>;
  press: PressSettings;
  outDir: string;
  editionName: string;
  impose?: Imposition;
}

export interface PressOutput {
  files: { path: string; data: Buffer }[];
  preflight: PreflightReport;
  /** Build warnings outside the preflight (blank pages the imposition adds). */
  warnings: Diagnostic[];
}

export async function buildPress(input: PressInput): Promise<PressOutput> {
  const prepared = await pressPages(input.pages, input.images, input.press);
  const pdf = await writePdf(prepared.pages, input.meta, input.layout, prepared.images, input.press);
  const pdfName = `${input.editionName}.press.pdf`;
  const report = await preflight({
    pdf,
    file: pdfName,
    press: input.press,
    laidOut: input.pages,
    prepared,
    typesetWarnings: input.typesetWarnings,
    imagePlaces: imagePositions(input.issue),
  });
  const files = [
    { path: path.join(input.outDir, pdfName), data: pdf },
    { path: path.join(input.outDir, `${input.editionName}.preflight.json`), data: Buffer.from(`${JSON.stringify(report, null, 2)}\n`) },
  ];
  const warnings: Diagnostic[] = [];
  if (input.impose === 'saddle') {
    const imposed = await imposeSaddle(pdf, { title: input.meta.title, date: new Date(`${input.meta.date}T00:00:00Z`) });
    if (imposed.added)
      warnings.push(
        warning('preflight/padded', `the saddle-stitch proof adds ${imposed.added} blank page${imposed.added === 1 ? '' : 's'} at the end: a booklet needs a multiple of 4`, { file: 'edition.yaml' }, [
          'set `press.page-multiple` to 4 (or a multiple of 4) so the press PDF itself can be stitched',
        ]),
      );
    files.push({ path: path.join(input.outDir, `${input.editionName}.imposed.pdf`), data: imposed.pdf });
  }
  return { files, preflight: report, warnings };
}

/** Where each image is used in the sources: figures by their Markdown position. */
export function imagePositions(issue: Issue): Map<string, Position> {
  const places = new Map<string, Position>();
  const walk = (blocks: Article['blocks']) => {
    for (const b of blocks) {
      if (b.kind === 'figure' && !places.has(b.image.id)) places.set(b.image.id, b.pos);
      else if (b.kind === 'blockquote') walk(b.blocks);
      else if (b.kind === 'list') b.items.forEach(walk);
    }
  };
  for (const a of issue.articles) {
    walk(a.blocks);
    a.footnotes.forEach((n) => walk(n.blocks));
  }
  return places;
}
