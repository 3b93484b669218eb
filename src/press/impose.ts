// Proof imposition for saddle stitching: the press PDF's trimmed pages two-up on printer's
// spreads, page n beside page N + 1 − n, so the printed sheets, stacked and folded, read in
// order. For the editor's desk printer: no bleed, no marks, a faint fold line.
import { grayscale, PDFDocument, PDFName, PDFNumber, type PDFEmbeddedPage } from 'pdf-lib';

export interface Imposed {
  pdf: Buffer;
  /** Printer's spreads as [left, right] page numbers (0: a blank added for imposition). */
  spreads: [number, number][];
  /** Blank pages added to reach a multiple of 4 (none when the press PDF already is one). */
  added: number;
}

/** The order of a saddle-stitched booklet of `n` pages (n a multiple of 4). */
export function saddleSpreads(n: number): [number, number][] {
  const spreads: [number, number][] = [];
  for (let i = 0; i < n / 2; i++) spreads.push(i % 2 === 0 ? [n - i, i + 1] : [i + 1, n - i]);
  return spreads;
}

export async function imposeSaddle(pressPdf: Uint8Array, meta: { title: string; date: Date }): Promise<Imposed> {
  const src = await PDFDocument.load(pressPdf, { updateMetadata: false });
  const pages = src.getPages();
  const added = (4 - (pages.length % 4)) % 4;
  const n = pages.length + added;
  const out = await PDFDocument.create({ updateMetadata: false });
  out.setTitle(`${meta.title} (saddle-stitch proof)`);
  out.setCreator('Pressroom');
  out.setProducer('Pressroom');
  out.setCreationDate(meta.date);
  out.setModificationDate(meta.date);

  // Every page clipped to its TrimBox; blank pages added for imposition are left empty.
  const trims = pages.map((p) => p.getTrimBox());
  const embedded: PDFEmbeddedPage[] = await out.embedPages(
    pages,
    trims.map((t) => ({ left: t.x, bottom: t.y, right: t.x + t.width, top: t.y + t.height })),
  );
  const w = Math.max(...trims.map((t) => t.width));
  const h = Math.max(...trims.map((t) => t.height));
  const spreads = saddleSpreads(n);
  for (const [left, right] of spreads) {
    const sheet = out.addPage([2 * w, h]);
    for (const [number, x] of [
      [left, 0],
      [right, w],
    ] as const) {
      const e = number <= pages.length ? embedded[number - 1] : undefined;
      if (e) sheet.drawPage(e, { x: x + (w - e.width) / 2, y: (h - e.height) / 2 });
    }
    // Short fold marks at the spine, a hairline in 50 % black.
    for (const [y0, y1] of [
      [0, 12],
      [h - 12, h],
    ])
      sheet.drawLine({ start: { x: w, y: y0 }, end: { x: w, y: y1 }, thickness: 0.25, color: grayscale(0.5) });
    sheet.node.set(PDFName.of('TrimBox'), out.context.obj([0, 0, 2 * w, h].map((v) => PDFNumber.of(v))));
  }
  const bytes = await out.save({ useObjectStreams: false });
  return { pdf: Buffer.from(bytes), spreads: spreads.map(([l, r]) => [l > pages.length ? 0 : l, r > pages.length ? 0 : r]), added };
}
