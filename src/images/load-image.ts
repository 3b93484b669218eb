// Read an image once, check it, and make the variants the backends need: a screen copy
// for the EPUB (at most 1600 px on the long side) and an opaque print copy. An SVG is made
// safe and kept as SVG, for the EPUB and, drawn as vectors, for the PDFs (images/svg/).
// A raster's checks are made when it is read; its variants are made on the converter's
// thread (converter.ts) while the issue is set, and awaited by the backends.
import { memo, pending } from '../cache/memos.js';
import { createHash } from 'node:crypto';
import path from 'node:path';
import sharp from 'sharp';
import { cacheKey, type BuildCache, keptValue, NO_CACHE } from '../cache/disk-cache.js';
import { serialize } from 'node:v8';
import { codeVersion } from '../cache/code-version.js';
import { pngStream } from '../vendor/png-stream.js';
import { DEFAULT_LIMITS, raiseHint, type Limits } from '../limits/limits.js';
import type { ConvertedImage, ImageAsset, ImageData } from '../model/types.js';
import type { ReadRefusal, World } from '../world.js';
import { loadSvg, SOURCE_MARK } from './svg/load-svg.js';
import { ConversionFailed, convertOffThread } from './converter.js';
import { isBug, PRINT_MAX, type Variant } from './variants.js';

export type { Variant } from './variants.js';
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

/** The image less its source, and its variants: made on the converter's thread while the issue is set. */
interface Loaded {
  asset: Omit<ImageAsset, 'source'>;
  variants: Record<Variant, Promise<ImageData>>;
}

/** By key (content hash and pixel limit): the same picture used twice is read and converted once. */
const loaded = memo<string, Promise<Loaded>>('images/loaded');

/**
 * Read and check an image now (its size, that sharp can read it, its pixels); its variants
 * are converted in the background, and `convertedImage` waits for them. The typesetter needs
 * the size alone, so the conversions run while the articles are read and set.
 */
export async function loadImage(data: Buffer, source: string, limits: ImageLimits = DEFAULT_IMAGE_LIMITS, disk: BuildCache = NO_CACHE): Promise<ImageAsset> {
  if (data.length > limits.maxBytes) throw tooManyBytes(source, data.length, limits);
  const hash = createHash('sha256').update(data).digest('hex');
  const { asset } = await pending(loaded, keyOf(hash, limits), () => load(data, source, hash, limits, disk));
  // An SVG's warnings name the file as this build calls it (the same bytes may be kept from another path).
  const notes = asset.notes?.map((n) => ({ ...n, message: n.message.split(SOURCE_MARK).join(source) }));
  return { ...asset, ...(notes ? { notes } : {}), source };
}

const keyOf = (hash: string, limits: ImageLimits) => `${hash}:${limits.maxPixels}`;

/**
 * The `variant` of `asset`, once it is made. `reread` gives the file's bytes again when this
 * process has not read it (an article kept from an earlier build): its variants are then
 * taken from the disk cache, or converted again. Throws an ImageProblem when sharp cannot
 * decode the pixels after all (a file cut short after a sound header).
 */
export async function variantOf(
  asset: ImageAsset,
  variant: Variant,
  reread: () => Promise<Buffer>,
  limits: ImageLimits = DEFAULT_IMAGE_LIMITS,
  disk: BuildCache = NO_CACHE,
): Promise<ImageData> {
  let l = loaded.get(asset.key);
  if (!l) {
    // Kept under its key: the file need not be read and hashed again to find it.
    const kept = await keptValue(disk, 'image', diskKeyOf(asset.key), isKept);
    if (kept) loaded.set(asset.key, (l = Promise.resolve(split(kept))));
  }
  if (!l) {
    await loadImage(await reread(), asset.source, limits, disk);
    l = loaded.get(asset.key);
    if (!l) throw new ImageProblem('image/not-found', `\`${asset.source}\` changed while the edition was built`, 'build again');
  }
  return (await l).variants[variant];
}

/** Where an image's variants are kept between builds. */
const diskKeyOf = (key: string) => cacheKey(codeVersion(), 'image', key);

/** A kept entry read back as this code writes it (a refused image is never kept: it is reported again). */
function isKept(v: unknown): v is Omit<ConvertedImage, 'source'> {
  const a = v as Partial<ConvertedImage> | undefined;
  return typeof a?.key === 'string' && Buffer.isBuffer(a.screen?.data) && Buffer.isBuffer(a.print?.data);
}

async function load(data: Buffer, source: string, hash: string, limits: ImageLimits, disk: BuildCache): Promise<Loaded> {
  const key = keyOf(hash, limits);
  const diskKey = diskKeyOf(key);
  const kept = await keptValue(disk, 'image', diskKey, isKept);
  if (kept) return split(kept);
  if (looksLikeSvg(data, source)) {
    try {
      const svg = loadSvg(data, SOURCE_MARK, hash, key);
      await disk.put('image', diskKey, serialize(svg));
      return split(svg);
    } catch (e) {
      if (e instanceof SvgProblem) throw new ImageProblem(e.code, e.message.split(SOURCE_MARK).join(source), e.hint);
      throw e;
    }
  }
  const { asset, meta } = await probe(data, source, hash, key, limits);
  const asIs = asItIs(data, meta);
  const wanted: Variant[] = asIs ? ['screen'] : ['print', 'screen'];
  const made = convertOffThread({ data, maxPixels: limits.maxPixels, lossy: meta.format === 'jpeg' }, wanted).map((p) => decoded(p, source));
  const print = asIs ? Promise.resolve(asIs) : made[wanted.indexOf('print')];
  // Kept on disk with the screen variant, the last made: whoever awaits it awaits the writing.
  const screen = Promise.all([print, made[wanted.indexOf('screen')]]).then(async ([p, s]) => {
    await disk.put('image', diskKey, serialize({ ...asset, print: p, screen: s }));
    return s;
  });
  // Awaited by whoever draws the image, which reports a failure at its place; until then a
  // failure is not an unhandled rejection.
  for (const v of [print, screen]) v.catch(() => undefined);
  return { asset, variants: { print, screen } };
}

/** A conversion's failure to decode the file as an ImageProblem (a bug stays what it is). */
async function decoded(made: Promise<ImageData>, source: string): Promise<ImageData> {
  try {
    return await made;
  } catch (e) {
    if (!(e instanceof ConversionFailed) || e.bug) throw e;
    throw new ImageProblem('image/not-an-image', `\`${source}\` could not be decoded: ${e.message}`, 'the file may be truncated or corrupt');
  }
}

function split(image: Omit<ConvertedImage, 'source'>): Loaded {
  const { screen, print, ...asset } = image;
  return { asset, variants: { print: Promise.resolve(print), screen: Promise.resolve(screen) } };
}

/** The checks of a raster image, from its header. */
async function probe(
  data: Buffer,
  source: string,
  hash: string,
  key: string,
  limits: ImageLimits,
): Promise<{ asset: Omit<ImageAsset, 'source'>; meta: Metadata }> {
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
  const screenType = meta.format === 'jpeg' ? ('image/jpeg' as const) : ('image/png' as const);
  return { asset: { id: `img-${hash.slice(0, 12)}`, key, width, height, space: meta.space ?? 'srgb', vector: false, screenType }, meta };
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
