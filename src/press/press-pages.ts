// The laid-out pages made ready for the press, without laying anything out again:
//   pad      blank pages up to the page multiple, before the back cover if there is one
//   bleed    rectangles and images marked `bleed` that touch the trim grow into the bleed
//   images   every placement gets its press variant (gray or CMYK JPEG at 300 ppi); an
//            SVG stays as it is, the writer converts its colours as it draws it
// Positions stay in trim coordinates; the writer moves them onto the press sheet.
import type { BuildCache } from '../cache/disk-cache.js';
import type { PressSettings } from '../settings/press.js';
import type { PrintImage, PrintFiles, Position } from '../model/types.js';
import type { ImageItem, Item, Page } from '../pages/page.js';
import { NO_EXTENSION, pressImage, type Extension, type SourceInfo } from './press-images.js';
import { isSvgAsset } from '../backends/pdf/draw-svg.js';

/** Where an image landed in the press PDF, for the preflight. */
export interface Placement {
  /** 1-based page of the press PDF. */
  page: number;
  /** Id of the image in the issue (`PrintImage.id`) and of its press variant. */
  imageId: string;
  variantId: string;
  /** Path of the image relative to the edition folder. */
  source: string;
  /** Where the image is placed in the sources (its figure in the Markdown), as the page says. */
  place?: Position;
  /** As laid out (trim coordinates, points), before any extension into the bleed. */
  x: number;
  y: number;
  w: number;
  h: number;
  /** Pixels of the press variant, and the points it was extended by into the bleed. */
  pixels: [number, number];
  extension: Extension;
  sourceInfo: SourceInfo;
}

export interface PressPages {
  pages: Page[];
  /** The press variants, by variant id: what the writer draws. */
  images: Map<string, PrintImage>;
  placements: Placement[];
  /** Pages laid out, blank pages added, and the 1-based pages that are blank. */
  typeset: number;
  blank: number[];
  backCover: boolean;
}

/** Blank pages needed to reach a multiple of `multiple`. */
export function paddingFor(count: number, multiple: number): number {
  const m = Math.max(1, Math.floor(multiple));
  return (m - (count % m)) % m;
}

/** Insert the blank pages: before a back cover, which stays last; otherwise at the end. */
export function padPages(pages: readonly Page[], multiple: number): { pages: Page[]; blank: number[]; backCover: boolean } {
  const n = paddingFor(pages.length, multiple);
  const last = pages[pages.length - 1];
  const backCover = !!last?.backCover && pages.length > 1;
  const at = backCover ? pages.length - 1 : pages.length;
  const blankPage = (): Page => ({ width: last?.width ?? 612, height: last?.height ?? 792, items: [] });
  const out = [...pages.slice(0, at), ...Array.from({ length: n }, blankPage), ...pages.slice(at)];
  return { pages: out, blank: Array.from({ length: n }, (_, i) => at + i + 1), backCover };
}

const EDGE = 0.5;

/** The sides of the trimmed page `it` touches (within half a point). */
export function touchedSides(it: { x: number; y: number; w: number; h: number }, page: Page, bleed: number): Extension {
  return {
    left: it.x <= EDGE ? bleed : 0,
    right: it.x + it.w >= page.width - EDGE ? bleed : 0,
    top: it.y <= EDGE ? bleed : 0,
    bottom: it.y + it.h >= page.height - EDGE ? bleed : 0,
  };
}

export async function pressPages(laidOut: readonly Page[], images: PrintFiles, press: PressSettings, store?: BuildCache): Promise<PressPages> {
  const padded = padPages(laidOut, press.pageMultiple);
  const variants = new Map<string, PrintImage>();
  const placements: Placement[] = [];
  const pages: Page[] = [];
  // Converted three at a time ahead of the loop below, which then finds them in the cache.
  const jobs = padded.pages.flatMap((page) =>
    page.items.flatMap((it) => {
      const asset = it.kind === 'image' ? images.get(it.imageId) : undefined;
      return it.kind === 'image' && asset && !isSvgAsset(asset)
        ? [() => pressImage(asset, it.w, it.h, it.bleed ? touchedSides(it, page, press.bleed) : NO_EXTENSION, press.color, store)]
        : [];
    }),
  );
  await Promise.all(
    Array.from({ length: Math.min(3, jobs.length) }, async () => {
      for (let job = jobs.shift(); job; job = jobs.shift()) await job();
    }),
  );
  for (let p = 0; p < padded.pages.length; p++) {
    const page = padded.pages[p];
    const items: Item[] = [];
    for (const it of page.items) {
      if (it.kind === 'rect' && it.bleed) {
        const e = touchedSides(it, page, press.bleed);
        items.push({ ...it, x: it.x - e.left, y: it.y - e.top, w: it.w + e.left + e.right, h: it.h + e.top + e.bottom });
      } else if (it.kind === 'image') {
        items.push(await placeImage(it, page, p + 1, images, press, variants, placements));
      } else items.push(it);
    }
    pages.push({ ...page, items });
  }
  return { pages, images: variants, placements, typeset: laidOut.length, blank: padded.blank, backCover: padded.backCover };
}

async function placeImage(
  it: ImageItem,
  page: Page,
  pageNumber: number,
  images: PrintFiles,
  press: PressSettings,
  variants: Map<string, PrintImage>,
  placements: Placement[],
): Promise<ImageItem> {
  const asset = images.get(it.imageId);
  if (!asset) throw new Error(`page refers to image ${it.imageId}, which the build did not load`);
  // An SVG is drawn as vectors, its colours converted as it is drawn: no variant, no pixels
  // to check, nothing to extend into the bleed.
  if (isSvgAsset(asset)) {
    variants.set(asset.id, asset);
    return it;
  }
  const want = it.bleed ? touchedSides(it, page, press.bleed) : NO_EXTENSION;
  const v = await pressImage(asset, it.w, it.h, want, press.color);
  variants.set(v.asset.id, v.asset);
  const e = v.extension;
  placements.push({
    page: pageNumber,
    imageId: it.imageId,
    variantId: v.asset.id,
    source: asset.source,
    ...(it.place ? { place: it.place } : {}),
    x: it.x,
    y: it.y,
    w: it.w,
    h: it.h,
    pixels: [v.width, v.height],
    extension: e,
    sourceInfo: v.source,
  });
  return { ...it, imageId: v.asset.id, x: it.x - e.left, y: it.y - e.top, w: it.w + e.left + e.right, h: it.h + e.top + e.bottom };
}
