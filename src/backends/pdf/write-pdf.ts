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
import type { PrintFiles } from '../../model/types.js';
import { isDrawn, type FontKey, type Item, type Page } from '../../pages/page.js';
import { structureTree } from '../../pages/structure.js';
import type { PressSettings } from '../../settings/press.js';
import { openFont } from '../../vendor/fontkit.js';
import { fileStamp } from '../../cache/trace.js';
import {
  addContent,
  checkPdfkit,
  compressPageContent,
  imageLabel,
  placeImage,
  replacePageContent,
  selectFont,
  useFont,
  makeRef,
  openImage,
  outlineRoot,
  pdfName,
  registerParsedFont,
  replaceXmp,
  setCatalogEntry,
  setInfo,
  setPageColorSpace,
  setPageEntry,
  type Doc,
  type OutlineItem,
} from '../../vendor/pdfkit.js';
import { ICC_REGISTRY, OUTPUT_CONDITIONS, PDFX_PDF_VERSION, PDFX_VERSION, xmpPacket } from './pdfx.js';
import { colorOperator, pressColor, type ColorUse } from './press-color.js';
import { cropMarks, MARKS, pressGeometry, type PressGeometry } from './press-geometry.js';
import { drawText } from './draw-text.js';
import { drawSvg, isSvgAsset } from './draw-svg.js';
import { ContentTagger } from './tag-content.js';
import { numberUpFront } from './number-up-front.js';
import { countPage, keepPage, keptPage, newNotes, type PageNotes, pageKey, recordPage, replays } from './drawn-pages.js';

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
  return {
    fill: (doc, color, use, area) => addContent(doc, colorOperator(pressColor(color, use, mode, area))),
    stroke: (doc, color) => addContent(doc, colorOperator(pressColor(color, 'rule', mode), true)),
  };
}

/**
 * Draws `pages` into a PDF. Everything it needs is on the pages (font files, sizes, image
 * ids) and in `images`; `press` turns the reading PDF into the press PDF. `keep`: replay the
 * pages this process kept, and keep those drawn (drawn-pages.ts), for a build with a cache; the
 * bytes are the same either way.
 */
export function writePdf(pages: readonly Page[], meta: PdfMeta, images: PrintFiles, press?: PressSettings, keep = false): Promise<Buffer> {
  // Fonts: each key registered once, with the file the typesetter resolved it to.
  const fonts = new Map<FontKey, string>();
  const dests = new Set<string>();
  for (const p of pages)
    for (const it of p.items) {
      if (it.kind === 'text') {
        const file = fonts.get(it.font);
        if (file === undefined) fonts.set(it.font, it.file);
        else if (file !== it.file) throw new Error(`font ${it.font} is set from two files: ${file} and ${it.file}`);
      } else if (it.kind === 'anchor') dests.add(it.name);
    }
  if (fonts.size) checkPdfkit(fonts.values().next().value!);

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
    size: pages.length ? [pages[0].width, pages[0].height] : [612, 792],
    pdfVersion: press ? PDFX_PDF_VERSION : '1.7',
    lang: meta.lang,
    displayTitle: true,
    info,
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const paint = press ? pressPaint(press.color) : screenPaint;
  const tagger = tagged ? new ContentTagger(doc, tree) : undefined;
  const registration = press ? identifyPdfx(doc, meta, info, press) : undefined;
  // The typesetter's parsed fonts go to pdfkit as they are (parsed once per process); pdfkit embeds the used subsets.
  for (const key of [...fonts.keys()].sort()) registerParsedFont(doc, key, openFont(fonts.get(key)!));

  // Each raster image opened once per document; undefined for an SVG (drawn as vectors, each time).
  const opened = new Map<string, Buffer>();
  const openRaster = (imageId: string): Buffer | undefined => {
    let img = opened.get(imageId);
    if (!img) {
      const asset = images.get(imageId);
      if (!asset) throw new Error(`page refers to image ${imageId}, which the build did not load`);
      if (isSvgAsset(asset)) return undefined;
      img = openImage(doc, asset.print.data);
      opened.set(imageId, img);
    }
    return img;
  };
  const defined = new Set<string>();
  const outline: OutlineItem[] = [];
  // What the page being drawn uses, for its record (none for a page that is not kept).
  let notes: PageNotes | undefined;
  const draw = (it: Item) => {
    if (tagger && isDrawn(it)) tagger.mark(it);
    switch (it.kind) {
      case 'text':
        drawText(doc, it, it.font, it.file, () => paint.fill(doc, it.color, 'text'), tagged, notes?.words);
        if (notes && !notes.fonts.has(it.font)) notes.fonts.set(it.font, selectFont(doc, it.font));
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
        const img = openRaster(it.imageId);
        // An SVG is drawn as vectors, in the press PDF in its gray or CMYK.
        if (!img) {
          drawSvg(doc, images.get(it.imageId)!, it.x, it.y, it.w, it.h, press?.color);
          break;
        }
        if (notes && !notes.images.has(it.imageId)) notes.images.set(it.imageId, imageLabel(img));
        doc.image(img, it.x, it.y, { width: it.w, height: it.h });
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
        const parent = level === 1 ? outlineRoot(doc) : outline[level - 2];
        outline.length = level - 1;
        outline.push(parent.addItem(it.title));
        break;
      }
      default:
        throw new Error(`unknown page item ${(it as { kind: string }).kind}`);
    }
  };
  /**
   * What drawing `it` does besides writing the page's content, in the same order: the page
   * then refers to the same fonts and images, and has the same marked content, annotations,
   * destinations and bookmarks, as drawn.
   */
  const replay = (it: Item) => {
    if (tagger && isDrawn(it)) tagger.mark(it);
    if (it.kind === 'text') useFont(doc, it.font, it.file, it.size);
    else if (it.kind === 'image') {
      const img = openRaster(it.imageId);
      if (img) placeImage(doc, img);
    } else if (it.kind === 'link' || it.kind === 'anchor' || it.kind === 'bookmark') draw(it);
  };

  // Pages whose stream an earlier document kept are replayed (drawn-pages.ts); those with an SVG are always drawn.
  const context = JSON.stringify({ press: press ?? null, tagged });
  const stamps = new Map<string, string>();
  const stampOf = (file: string) => {
    let s = stamps.get(file);
    if (s === undefined) stamps.set(file, (s = fileStamp(file) ?? 'missing'));
    return s;
  };
  const keyOf = (page: Page) => (page.items.some((it) => it.kind === 'image' && !isRaster(it.imageId)) ? undefined : pageKey(page, context, stampOf));
  function isRaster(imageId: string): boolean {
    const asset = images.get(imageId);
    return asset !== undefined && !isSvgAsset(asset);
  }
  const keys = pages.map((page) => (keep ? keyOf(page) : undefined));
  const records = keys.map((key) => (key === undefined ? undefined : keptPage(key)));
  const rasters = [...new Set(pages.flatMap((p) => p.items.flatMap((it) => (it.kind === 'image' && isRaster(it.imageId) ? [it.imageId] : []))))].sort();
  numberUpFront(doc, pages, fonts, records, tagged, rasters, openRaster);
  const labelOf = (imageId: string) => {
    const img = images.has(imageId) ? openRaster(imageId) : undefined;
    return img && imageLabel(img);
  };

  /** Draws page `i`'s items (`into` the page's own drawing: the press PDF's clip and shift), or replays its kept stream. */
  const drawPage = (i: number, into: (items: () => void) => void) => {
    const page = pages[i];
    const key = keys[i];
    const kept = records[i];
    if (kept && replays(doc, kept, labelOf)) {
      for (const it of page.items) replay(it);
      tagger?.close();
      if (press?.marks && registration) setPageColorSpace(doc, 'CSReg', registration);
      replacePageContent(doc, kept.content);
      countPage('replayed');
      return;
    }
    notes = key === undefined ? undefined : newNotes();
    into(() => {
      for (const it of page.items) draw(it);
    });
    tagger?.close();
    if (press?.marks && registration) drawMarks(doc, g(page), registration);
    if (key !== undefined && notes) {
      keepPage(key, recordPage(compressPageContent(doc), notes));
      countPage('drawn');
    }
    notes = undefined;
  };
  const g = (page: Page) => pressGeometry(page.width, page.height, press!);

  for (const [i, page] of pages.entries()) {
    if (!press) {
      doc.addPage({ size: [page.width, page.height], margin: 0 });
      drawPage(i, (items) => items());
      continue;
    }
    const geometry = g(page);
    doc.addPage({ size: [geometry.mediaWidth, geometry.mediaHeight], margin: 0 });
    setPageEntry(doc, 'BleedBox', geometry.bleedBox);
    setPageEntry(doc, 'TrimBox', geometry.trimBox);
    // The page, clipped to its bleed, moved onto the sheet; then the marks outside it.
    const [bx0, by0, bx1, by1] = geometry.bleedBox;
    drawPage(i, (items) => {
      doc
        .save()
        .rect(bx0, geometry.mediaHeight - by1, bx1 - bx0, by1 - by0)
        .clip();
      doc.translate(geometry.slug, geometry.slug);
      items();
      doc.restore();
    });
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
function identifyPdfx(doc: Doc, meta: PdfMeta, info: Record<string, string | Date>, press: PressSettings): unknown {
  setInfo(doc, 'Trapped', pdfName('False'));
  setInfo(doc, 'GTS_PDFXVersion', PDFX_VERSION);
  const condition = OUTPUT_CONDITIONS[press.outputIntent];
  const intent = makeRef(doc, {
    Type: 'OutputIntent',
    S: 'GTS_PDFX',
    OutputConditionIdentifier: new String(condition.identifier),
    OutputCondition: new String(condition.condition),
    RegistryName: new String(ICC_REGISTRY),
    Info: new String(condition.condition),
  });
  intent.end();
  setCatalogEntry(doc, 'OutputIntents', [intent]);
  replaceXmp(doc, () =>
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
  // Registration colour: a separation named All, which prints on every plate.
  const tint =
    press.color === 'gray'
      ? makeRef(doc, { FunctionType: 2, Domain: [0, 1], C0: [1], C1: [0], N: 1 })
      : makeRef(doc, { FunctionType: 2, Domain: [0, 1], C0: [0, 0, 0, 0], C1: [1, 1, 1, 1], N: 1 });
  tint.end();
  const space = makeRef(doc, ['Separation', 'All', press.color === 'gray' ? 'DeviceGray' : 'DeviceCMYK', tint]);
  space.end();
  return space;
}

function drawMarks(doc: Doc, g: PressGeometry, registration: unknown): void {
  setPageColorSpace(doc, 'CSReg', registration);
  doc.save();
  addContent(doc, '/CSReg CS 1 SCN');
  doc.lineWidth(MARKS.width);
  for (const m of cropMarks(g)) doc.moveTo(m.x1, m.y1).lineTo(m.x2, m.y2);
  doc.stroke().restore();
}

function issueDate(iso: string): Date {
  const d = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? new Date('2000-01-01T00:00:00Z') : d;
}
