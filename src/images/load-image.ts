// Read an image once, check it, and make the variants the backends need: a screen copy
// for the EPUB (at most 1600 px on the long side) and an opaque print copy. An SVG is made
// safe and kept as SVG, for the EPUB and, drawn as vectors, for the PDFs (images/svg/).
import { memo, pending } from '../cache/memos.js';
import { createHash } from 'node:crypto';
import path from 'node:path';
import sharp from 'sharp';
import { cacheKey, type BuildCache, NO_CACHE, throughValue } from '../cache/disk-cache.js';
import { codeVersion } from '../cache/code-version.js';
import { pngStream } from '../vendor/png-stream.js';
import { DEFAULT_LIMITS, raiseHint, type Limits } from '../limits/limits.js';
import type { ImageAsset, ImageData } from '../model/types.js';
import type { ReadRefusal, World } from '../world.js';
import { loadSvg, SOURCE_MARK } from './svg/load-svg.js';
import { looksLikeSvg, SvgProblem } from './svg/sanitize-svg.js';

type Sharp = ReturnType<typeof sharp>;
type Metadata = Awaited<ReturnType<Sharp['metadata']>>;

export interface ImageLimits {
  /** Decoded pixels (width × height); guards against decompression bombs. */
  maxPixels: number;
  maxBytes: number;
}

export const DEFAULT_IMAGE_LIMITS: ImageLimits = imageLimitsOf(DEFAULT_LIMITS);

export function imageLimitsOf(limits: Pick<Limits, 'imagePixels' | 'imageBytes'>): ImageLimits {
  return { maxPixels: limits.imagePixels, maxBytes: limits.imageBytes };
}

/**
 * Read an image file and load it. Read only when it is a regular file inside `inside` (the
 * edition folder; by default its own folder) of at most `limits.maxBytes`, checked on the
 * opened file: a huge file is refused unread, a FIFO is never waited on.
 */
export async function readImage(
  world: World,
  abs: string,
  source: string,
  limits: ImageLimits = DEFAULT_IMAGE_LIMITS,
  inside: string = path.dirname(abs),
  cache: BuildCache = NO_CACHE,
): Promise<ImageAsset> {
  const read = await world.readInside(inside, path.relative(inside, abs), limits.maxBytes);
  if (!read.ok) throw refused(source, read.reason, read.size, limits);
  return loadImage(read.data, source, limits, cache);
}

/** Why an image file was not read, as the problem reported at the place that names it. */
function refused(source: string, reason: ReadRefusal, size: number | undefined, limits: ImageLimits): ImageProblem {
  const name = `\`${source.length > 80 ? `${source.slice(0, 79)}…` : source}\``;
  switch (reason) {
    case 'too-large':
      return tooManyBytes(source, size ?? limits.maxBytes + 1, limits);
    case 'not-a-file':
      return new ImageProblem('path/not-a-file', `${name} is not a regular file`, 'name an image file: not a folder, a FIFO, a socket or a device');
    case 'outside':
      return new ImageProblem(
        'path/outside-edition',
        `${name} leads out of the edition folder`,
        'copy the file into the edition folder instead of linking to it',
      );
    case 'not-found':
      return new ImageProblem('image/not-found', `${name} does not exist`, 'it was there a moment ago: was it moved while the edition was built?');
  }
}

function tooManyBytes(source: string, bytes: number, limits: ImageLimits): ImageProblem {
  return new ImageProblem(
    'image/too-large',
    `\`${source}\` is ${(bytes / 1048576).toFixed(1)} MB, over the limit of ${(limits.maxBytes / 1048576).toFixed(0)} MB`,
    `export it smaller (print needs at most 300 ppi at the placed size), or ${raiseHint('imageBytes')}`,
  );
}

const SCREEN_MAX = 1600;
/** 11 in at 300 ppi: the widest a figure is ever placed, on a tabloid spread. */
const PRINT_MAX = 3300;

export class ImageProblem extends Error {
  constructor(
    readonly code: 'image/not-an-image' | 'image/too-large' | 'image/not-found' | 'path/not-a-file' | 'path/outside-edition' | 'image/svg-refused',
    message: string,
    readonly hint?: string,
  ) {
    super(message);
  }
}

export const isImageProblem = (e: unknown): e is ImageProblem => e instanceof ImageProblem;

/** Variants are cached by content hash: the same picture used twice is converted once. */
const cache = memo<string, Promise<Omit<ImageAsset, 'source'>>>('images/variants');

export async function loadImage(data: Buffer, source: string, limits: ImageLimits = DEFAULT_IMAGE_LIMITS, disk: BuildCache = NO_CACHE): Promise<ImageAsset> {
  if (data.length > limits.maxBytes) throw tooManyBytes(source, data.length, limits);
  const hash = createHash('sha256').update(data).digest('hex');
  const key = `${hash}:${limits.maxPixels}`;
  const asset = await pending(cache, key, () =>
    throughValue(disk, 'image', cacheKey(codeVersion(), 'image', hash, limits.maxPixels), isVariants, () => convert(data, source, hash, limits)),
  );
  // An SVG's warnings name the file as this build calls it (the same bytes may be kept from another path).
  const notes = asset.notes?.map((n) => ({ ...n, message: n.message.split(SOURCE_MARK).join(source) }));
  return { ...asset, ...(notes ? { notes } : {}), source };
}

/** A kept entry read back as this code writes it (a refused image is never kept: it is reported again). */
function isVariants(v: unknown): v is Omit<ImageAsset, 'source'> {
  const a = v as Partial<ImageAsset> | undefined;
  return Buffer.isBuffer(a?.screen?.data) && Buffer.isBuffer(a?.print?.data);
}

async function convert(data: Buffer, source: string, hash: string, limits: ImageLimits): Promise<Omit<ImageAsset, 'source'>> {
  if (looksLikeSvg(data, source)) {
    try {
      return loadSvg(data, SOURCE_MARK, hash);
    } catch (e) {
      if (e instanceof SvgProblem) throw new ImageProblem(e.code, e.message.split(SOURCE_MARK).join(source), e.hint);
      throw e;
    }
  }
  let meta: Metadata;
  try {
    meta = await sharp(data, { limitInputPixels: false }).metadata();
  } catch (e) {
    if (isBug(e)) throw e;
    throw new ImageProblem('image/not-an-image', `\`${source}\` is not an image sharp can read`, 'use a PNG, JPEG or SVG file');
  }
  const width = meta.autoOrient.width;
  const height = meta.autoOrient.height;
  if (!width || !height || !['png', 'jpeg', 'webp', 'gif', 'tiff'].includes(meta.format ?? '')) {
    throw new ImageProblem('image/not-an-image', `\`${source}\` is not a PNG, JPEG, WebP, GIF or TIFF image`, 'use a PNG or JPEG file');
  }
  if (width * height > limits.maxPixels) {
    throw new ImageProblem(
      'image/too-large',
      `\`${source}\` is ${width} × ${height} px (${((width * height) / 1e6).toFixed(1)} Mpx), over the limit of ${(limits.maxPixels / 1e6).toFixed(0)} Mpx`,
      `scale it down (3300 px on the long side is enough for any page), or ${raiseHint('imagePixels')}`,
    );
  }
  const lossy = meta.format === 'jpeg';
  try {
    const base = () => sharp(data, { limitInputPixels: limits.maxPixels }).autoOrient();
    const screen = await variant(base(), SCREEN_MAX, lossy, false);
    const print = asItIs(data, meta) ?? (await variant(base(), PRINT_MAX, lossy, true));
    return { id: `img-${hash.slice(0, 12)}`, width, height, space: meta.space ?? 'srgb', screen, print };
  } catch (e) {
    if (isBug(e)) throw e;
    throw new ImageProblem('image/not-an-image', `\`${source}\` could not be decoded: ${(e as Error).message}`, 'the file may be truncated or corrupt');
  }
}

/**
 * libvips reports a file it cannot decode with a plain Error; a TypeError, RangeError or
 * ReferenceError is a bug (in sharp or in Pressroom), reported as an internal error.
 */
function isBug(e: unknown): boolean {
  return e instanceof TypeError || e instanceof RangeError || e instanceof ReferenceError;
}

/**
 * The file itself as the print variant when it is already what `variant` would make of it:
 * a PNG of 8-bit grey or RGB, opaque, not interlaced, upright, within PRINT_MAX, with no
 * colour profile, gamma or chromaticities. (Decoding
 * and encoding it again would cost most of a large figure's conversion, for nothing.)
 */
function asItIs(data: Buffer, meta: Metadata): ImageData | undefined {
  if (meta.format !== 'png' || meta.hasAlpha || meta.isProgressive || (meta.orientation ?? 1) !== 1) return undefined;
  const png = pngStream(data);
  // A profile or a gamma is applied when sharp converts the file (to sRGB); taken as it is, it would be ignored.
  if (!png || png.colorManaged || Math.max(png.width, png.height) > PRINT_MAX) return undefined;
  return { data, mediaType: 'image/png', width: png.width, height: png.height };
}

async function variant(img: Sharp, max: number, lossy: boolean, opaque: boolean): Promise<ImageData> {
  img = img.resize({ width: max, height: max, fit: 'inside', withoutEnlargement: true });
  if (opaque || lossy) img = img.flatten({ background: '#ffffff' });
  // No metadata: keeps outputs small and free of timestamps or camera data.
  const out = lossy ? img.jpeg({ quality: 88, mozjpeg: true }) : img.png({ compressionLevel: 6 });
  const { data, info } = await out.toBuffer({ resolveWithObject: true });
  return { data, mediaType: lossy ? 'image/jpeg' : 'image/png', width: info.width, height: info.height };
}
