// The PDF writer: positioned pages in, a PDF out. One exhaustive switch over page items;
// no decisions about where anything goes. Reproducible: the info dates are the issue's
// date, so the same pages give the same bytes.
import PDFDocument from 'pdfkit';
import type { ImageAsset } from '../../model/types.js';
import { fontPath, openFont } from '../../typeset/fonts.js';
import type { Layout } from '../../typeset/layout.js';
import type { FontKey, Item, Page } from '../../typeset/pages.js';
import { drawText } from './draw-text.js';

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

export function writePdf(pages: readonly Page[], meta: PdfMeta, layout: Layout, images: Map<string, ImageAsset>): Promise<Buffer> {
  const date = issueDate(meta.date);
  const doc = new PDFDocument({
    autoFirstPage: false,
    margin: 0,
    size: [layout.pageWidth, layout.pageHeight],
    pdfVersion: '1.7',
    lang: meta.lang,
    displayTitle: true,
    info: {
      Title: meta.title,
      ...(meta.author ? { Author: meta.author } : {}),
      ...(meta.subject ? { Subject: meta.subject } : {}),
      ...(meta.keywords ? { Keywords: meta.keywords } : {}),
      Creator: 'Pressroom',
      Producer: 'Pressroom',
      CreationDate: date,
      ModDate: date,
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

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
    switch (it.kind) {
      case 'text':
        drawText(doc, it, it.font, fontPath(layout, it.font));
        break;
      case 'rule':
        doc.save().moveTo(it.x1, it.y1).lineTo(it.x2, it.y2).lineWidth(it.thickness).strokeColor(it.color).stroke().restore();
        break;
      case 'rect':
        doc.save().rect(it.x, it.y, it.w, it.h).fill(it.fill).restore();
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
        if (it.target.kind === 'uri') doc.link(it.x, it.y, it.w, it.h, it.target.uri);
        else if (dests.has(it.target.name)) doc.goTo(it.x, it.y, it.w, it.h, it.target.name);
        break;
      case 'anchor':
        // A name is defined once (the first place wins): the name tree must not repeat keys.
        if (!defined.has(it.name)) {
          defined.add(it.name);
          doc.addNamedDestination(it.name, 'XYZ', it.x, it.y, null);
        }
        break;
      case 'bookmark': {
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
    doc.addPage({ size: [page.width, page.height], margin: 0 });
    for (const it of page.items) draw(it);
  }
  doc.end();
  return done;
}

function issueDate(iso: string): Date {
  const d = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? new Date('2000-01-01T00:00:00Z') : d;
}
