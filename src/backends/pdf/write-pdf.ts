// The PDF writer: positioned pages in, a PDF out. One exhaustive switch over page items;
// no decisions about where anything goes. Reproducible: the info dates are the issue's
// date, so the same pages give the same bytes.
//
// Two targets from the same pages: the reading PDF (RGB, links, outline, named
// destinations) and, given `press`, the press PDF: each page on a sheet with bleed and crop
// marks (MediaBox, BleedBox, TrimBox), gray or CMYK only, no annotations, identified as
// PDF/X-1a with an output intent. The press pages come from `pressPages` (padded, images
// re-encoded); this module only draws them.
//
// The reading PDF is a Tagged PDF when the pages carry structure (the typesetter's do):
// every drawn item inside marked content of its structure element or as an artifact, and
// the structure tree with each article's language (see tag-content.ts). The press PDF is
// never tagged.
import PDFDocument from 'pdfkit';
import type { PressSettings } from '../../settings/press.js';
import type { ImageAsset } from '../../model/types.js';
import { colorOperator, pressColor, type ColorUse } from './press-color.js';
import { cropMarks, MARKS, pressGeometry, type PressGeometry } from './press-geometry.js';
import { ICC_REGISTRY, OUTPUT_CONDITIONS, PDFX_PDF_VERSION, PDFX_VERSION, xmpPacket } from './pdfx.js';
import { fontPath, openFont } from '../../typeset/text/fonts.js';
import type { Layout } from '../../settings/layout.js';
import { isDrawn, type FontKey, type Item, type Page } from '../../pages/page.js';
import { structureTree } from '../../pages/structure.js';
import { drawText } from './draw-text.js';
import { ContentTagger } from './tag-content.js';

export interface PdfMeta {
  title: string;
  author?: string;
  subject?: string;
  /** BCP 47 language of the document. */
  lang: string;
  /** ISO `yyyy-mm-dd`: CreationDate and ModDate. */
  date: string;
  keywords?: string;
}

interface OutlineItem {
  addItem(title: string, options?: { expanded?: boolean }): OutlineItem;
}

type Doc = InstanceType<typeof PDFDocument>;

interface DocInternals {
  addContent(s: string): void;
  ref(data: unknown): { data: Record<string, unknown>; end(data?: unknown): void };
  _root: { data: Record<string, unknown> };
  page: { dictionary: { data: Record<string, unknown> }; colorSpaces: Record<string, unknown> };
  info: Record<string, unknown>;
  appendXML(xml: string, newline?: boolean): void;
  _addInfo(): void;
}

/** How colours are set: as pdfkit does (RGB), or as device gray / CMYK for the press. */
interface Paint {
  fill(doc: Doc, color: string, use: ColorUse, area?: number): void;
  stroke(doc: Doc, color: string): void;
}

const screenPaint: Paint = {
  fill: (doc, color) => void doc.fillColor(color),
  stroke: (doc, color) => void doc.strokeColor(color),
};

function pressPaint(mode: PressSettings['color']): Paint {
  const add = (doc: Doc, s: string) => (doc as unknown as DocInternals).addContent(s);
  return {
    fill: (doc, color, use, area) => add(doc, colorOperator(pressColor(color, use, mode, area))),
    stroke: (doc, color) => add(doc, colorOperator(pressColor(color, 'rule', mode), true)),
  };
}

/** A PDF name in the document information dictionary (pdfkit writes strings otherwise). */
const pdfName = (name: string) => ({ [Symbol.toStringTag]: 'PDFName', toString: () => `/${name}` });

export function writePdf(
  pages: readonly Page[],
  meta: PdfMeta,
  layout: Layout,
  images: Map<string, ImageAsset>,
  press?: PressSettings,
): Promise<Buffer> {
  const date = issueDate(meta.date);
  const info = {
    Title: meta.title,
    ...(meta.author ? { Author: meta.author } : {}),
    ...(meta.subject ? { Subject: meta.subject } : {}),
    ...(meta.keywords ? { Keywords: meta.keywords } : {}),
    Creator: 'Pressroom',
    Producer: 'Pressroom',
    CreationDate: date,
    ModDate: date,
  };
  const tree = press ? undefined : structureTree(pages);
  const tagged = tree !== undefined && tree.roots.length > 0;
  const doc = new PDFDocument({
    autoFirstPage: false,
    ...(tagged ? { tagged: true } : {}),
    margin: 0,
    size: [layout.pageWidth, layout.pageHeight],
    pdfVersion: press ? PDFX_PDF_VERSION : '1.7',
    lang: meta.lang,
    displayTitle: true,
    info,
  });
  const internals = doc as unknown as DocInternals;
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const paint = press ? pressPaint(press.color) : screenPaint;
  const tagger = tagged ? new ContentTagger(doc, tree) : undefined;
  const registration = press ? identifyPdfx(internals, meta, info, press) : undefined;

  // Fonts: each file registered once under its key; pdfkit embeds the used subset.
  const fonts = new Set<FontKey>();
  const dests = new Set<string>();
  for (const p of pages)
    for (const it of p.items) {
      if (it.kind === 'text') fonts.add(it.font);
      else if (it.kind === 'anchor') dests.add(it.name);
    }
  // The typesetter's parsed fonts go to pdfkit as they are: parsed once per process.
  for (const key of [...fonts].sort()) doc.registerFont(key, openFont(fontPath(layout, key)) as unknown as string);

  const opened = new Map<string, unknown>();
  const defined = new Set<string>();
  const outline: OutlineItem[] = [];
  const draw = (it: Item) => {
    if (tagger && isDrawn(it)) tagger.mark(it);
    switch (it.kind) {
      case 'text':
        drawText(doc, it, it.font, fontPath(layout, it.font), () => paint.fill(doc, it.color, 'text'), tagged);
        break;
      case 'rule':
        // Colour and width before the path: nothing but path operators inside a path.
        doc.save().lineWidth(it.thickness);
        paint.stroke(doc, it.color);
        doc.moveTo(it.x1, it.y1).lineTo(it.x2, it.y2).stroke().restore();
        break;
      case 'rect':
        doc.save();
        paint.fill(doc, it.fill, 'area', it.w * it.h);
        doc.rect(it.x, it.y, it.w, it.h).fill().restore();
        break;
      case 'image': {
        let img = opened.get(it.imageId);
        if (!img) {
          const asset = images.get(it.imageId);
          if (!asset) throw new Error(`page refers to image ${it.imageId}, which the build did not load`);
          img = (doc as unknown as { openImage(src: Buffer): unknown }).openImage(asset.print.data);
          opened.set(it.imageId, img);
        }
        doc.image(img as Buffer, it.x, it.y, { width: it.w, height: it.h });
        break;
      }
      case 'link':
        // The press PDF has no annotations at all.
        if (press) break;
        if (it.target.kind === 'uri') doc.link(it.x, it.y, it.w, it.h, it.target.uri);
        else if (dests.has(it.target.name)) doc.goTo(it.x, it.y, it.w, it.h, it.target.name);
        break;
      case 'anchor':
        // A name is defined once (the first place wins): the name tree must not repeat keys.
        if (press || defined.has(it.name)) break;
        defined.add(it.name);
        doc.addNamedDestination(it.name, 'XYZ', it.x, it.y, null);
        break;
      case 'bookmark': {
        if (press) break;
        const level = Math.max(1, Math.min(it.level, outline.length + 1));
        const parent = level === 1 ? (doc.outline as unknown as OutlineItem) : outline[level - 2];
        outline.length = level - 1;
        outline.push(parent.addItem(it.title));
        break;
      }
      default:
        throw new Error(`unknown page item ${(it as { kind: string }).kind}`);
    }
  };

  for (const page of pages) {
    if (!press) {
      doc.addPage({ size: [page.width, page.height], margin: 0 });
      for (const it of page.items) draw(it);
      tagger?.close();
      continue;
    }
    const g = pressGeometry(page.width, page.height, press);
    doc.addPage({ size: [g.mediaWidth, g.mediaHeight], margin: 0 });
    const dict = internals.page.dictionary.data;
    dict.BleedBox = g.bleedBox;
    dict.TrimBox = g.trimBox;
    // The page, clipped to its bleed, moved onto the sheet; then the marks outside it.
    const [bx0, by0, bx1, by1] = g.bleedBox;
    doc.save().rect(bx0, g.mediaHeight - by1, bx1 - bx0, by1 - by0).clip();
    doc.translate(g.slug, g.slug);
    for (const it of page.items) draw(it);
    doc.restore();
    if (press.marks && registration) drawMarks(doc, internals, g, registration);
  }
  tagger?.finish();
  doc.end();
  return done;
}

/**
 * Declares the press PDF as PDF/X-1a: version and trapping in the document information,
 * an output intent naming a registered printing condition, and an XMP packet saying the
 * same as the information dictionary. Returns the registration colour space for marks.
 */
function identifyPdfx(d: DocInternals, meta: PdfMeta, info: Record<string, string | Date>, press: PressSettings): unknown {
  d.info.Trapped = pdfName('False');
  d.info.GTS_PDFXVersion = PDFX_VERSION;
  const condition = OUTPUT_CONDITIONS[press.outputIntent];
  const intent = d.ref({
    Type: 'OutputIntent',
    S: 'GTS_PDFX',
    OutputConditionIdentifier: new String(condition.identifier),
    OutputCondition: new String(condition.condition),
    RegistryName: new String(ICC_REGISTRY),
    Info: new String(condition.condition),
  });
  intent.end();
  d._root.data.OutputIntents = [intent];
  // pdfkit's own XMP leaves out ModifyDate, Trapped and the PDF/X version, and does not
  // escape the title: replace it.
  d._addInfo = () =>
    d.appendXML(
      xmpPacket({
        title: meta.title,
        author: meta.author,
        subject: meta.subject,
        keywords: meta.keywords,
        creator: String(info.Creator),
        producer: String(info.Producer),
        date: info.CreationDate as Date,
        trapped: 'False',
        pdfxVersion: PDFX_VERSION,
      }),
    );
  (d as unknown as { metadata: { _metadata: string; _closeTags(): void } }).metadata._metadata = '';
  (d as unknown as { metadata: { _closeTags(): void } }).metadata._closeTags = () => {};
  // Registration colour: a separation named All, which prints on every plate.
  const tint =
    press.color === 'gray'
      ? d.ref({ FunctionType: 2, Domain: [0, 1], C0: [1], C1: [0], N: 1 })
      : d.ref({ FunctionType: 2, Domain: [0, 1], C0: [0, 0, 0, 0], C1: [1, 1, 1, 1], N: 1 });
  tint.end();
  const space = d.ref(['Separation', 'All', press.color === 'gray' ? 'DeviceGray' : 'DeviceCMYK', tint]);
  space.end();
  return space;
}

function drawMarks(doc: Doc, d: DocInternals, g: PressGeometry, registration: unknown): void {
  d.page.colorSpaces.CSReg = registration;
  doc.save();
  d.addContent('/CSReg CS 1 SCN');
  doc.lineWidth(MARKS.width);
  for (const m of cropMarks(g)) doc.moveTo(m.x1, m.y1).lineTo(m.x2, m.y2);
  doc.stroke().restore();
}

function issueDate(iso: string): Date {
  const d = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? new Date('2000-01-01T00:00:00Z') : d;
}
