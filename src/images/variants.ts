// The raster variants of an image, as sharp makes them: the screen copy for the EPUB and the
// opaque print copy. Made on a thread of their own (convert-worker.ts) or, when it cannot
// run, on the build's thread: the same calls either way.
import sharp from 'sharp';
import type { ImageData } from '../model/types.js';

export const SCREEN_MAX = 1600;
/** 11 in at 300 ppi: the widest a figure is ever placed, on a tabloid spread. */
export const PRINT_MAX = 3300;

export type Variant = 'print' | 'screen';

/** An image file to convert. */
export interface VariantSource {
  data: Uint8Array;
  /** The pixel limit the file was checked against (sharp refuses more). */
  maxPixels: number;
  /** A JPEG: its variants are JPEGs, flattened on white. */
  lossy: boolean;
}

export interface VariantRequest extends VariantSource {
  variant: Variant;
}

/** The screen variant (alpha kept) or the print one (opaque), at most SCREEN_MAX or PRINT_MAX px. */
export async function makeVariant(r: VariantRequest): Promise<ImageData> {
  const { lossy } = r;
  const print = r.variant === 'print';
  const max = print ? PRINT_MAX : SCREEN_MAX;
  let img = sharp(r.data, { limitInputPixels: r.maxPixels }).autoOrient().resize({ width: max, height: max, fit: 'inside', withoutEnlargement: true });
  if (print || lossy) img = img.flatten({ background: '#ffffff' });
  // No metadata: keeps outputs small and free of timestamps or camera data.
  const out = lossy ? img.jpeg({ quality: 88, mozjpeg: true }) : img.png({ compressionLevel: 6 });
  const { data, info } = await out.toBuffer({ resolveWithObject: true });
  return { data, mediaType: lossy ? 'image/jpeg' : 'image/png', width: info.width, height: info.height };
}

/**
 * libvips reports a file it cannot decode with a plain Error; a TypeError, RangeError or
 * ReferenceError is a bug (in sharp or in Pressroom), reported as an internal error.
 */
export function isBug(e: unknown): boolean {
  return e instanceof TypeError || e instanceof RangeError || e instanceof ReferenceError;
}
