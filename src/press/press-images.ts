// Images for the press: each placement re-encoded by sharp from the print variant, at
// 300 ppi for the size it is placed at (downsampled when larger, never enlarged), in gray
// or CMYK, flattened on white, as a baseline JPEG with no profile or other metadata.
// An image that reaches the page edge is extended into the bleed by mirroring its edges,
// so the trimmed page shows exactly what was laid out.
import { createHash } from 'node:crypto';
import { codeVersion } from '../cache/code-version.js';
import { type BuildCache, cacheKey, NO_CACHE, throughValue } from '../cache/disk-cache.js';
import { memo, pending } from '../cache/memos.js';
import sharp from 'sharp';
import type { PressSettings } from '../settings/press.js';
import type { PrintImage } from '../model/types.js';

export const PRESS_PPI = 300;
const JPEG = { quality: 90, progressive: false, mozjpeg: false } as const;

/** Extra points on each side, taken from the bleed. */
export interface Extension {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

export const NO_EXTENSION: Extension = { left: 0, right: 0, top: 0, bottom: 0 };

/** What the source of an image is like, for the preflight. */
export interface SourceInfo {
  /** Colour space of the source file as sharp names it: `srgb`, `b-w`, `cmyk`, … (not of its print variant, always RGB or gray) */
  space: string;
  /** An RGB image with colour in it (not just neutral grays). */
  chromatic: boolean;
  width: number;
  height: number;
}

export interface PressImage {
  /** Id of the re-encoded variant: the writer draws it as `PrintImage.print`. */
  asset: PrintImage;
  /** Pixel size of the JPEG, extension included. */
  width: number;
  height: number;
  /** Points actually added on each side (whole pixels). */
  extension: Extension;
  source: SourceInfo;
}

const cache = memo<string, Promise<PressImage>>('press/images');
const sources = memo<string, Promise<SourceInfo>>('press/image-sources');

/**
 * The press variant of `asset` placed `w` × `h` pt, extended by `ext` pt into the bleed:
 * made once per process, and kept in `store` between builds.
 */
export function pressImage(
  asset: PrintImage,
  w: number,
  h: number,
  ext: Extension,
  mode: PressSettings['color'],
  store: BuildCache = NO_CACHE,
): Promise<PressImage> {
  const target = { width: Math.max(1, Math.ceil((w / 72) * PRESS_PPI - 1e-6)), height: Math.max(1, Math.ceil((h / 72) * PRESS_PPI - 1e-6)) };
  const key = `${asset.id}:${asset.print.data.length}:${target.width}x${target.height}:${[ext.left, ext.right, ext.top, ext.bottom].join(',')}:${mode}`;
  return pending(cache, key, () =>
    throughValue(
      store,
      'press-image',
      cacheKey(codeVersion(), 'press-image', key, createHash('sha256').update(asset.print.data).digest('hex')),
      isPressImage,
      () => encode(asset, target, w, h, ext, mode),
    ),
  );
}

/** A kept press image read back as this code writes it. */
const isPressImage = (v: unknown): v is PressImage => Buffer.isBuffer((v as Partial<PressImage> | undefined)?.asset?.print?.data);

async function encode(
  asset: PrintImage,
  target: { width: number; height: number },
  w: number,
  h: number,
  ext: Extension,
  mode: PressSettings['color'],
): Promise<PressImage> {
  const src = asset.print;
  const source = await sourceInfo(asset);
  let img = sharp(src.data, { limitInputPixels: 100_000_000 });
  let width = src.width;
  let height = src.height;
  // Never enlarged: a smaller source stays as it is and the preflight reports its ppi.
  if (src.width > target.width && src.height > target.height) {
    img = img.resize(target.width, target.height, { fit: 'fill', kernel: 'lanczos3' });
    width = target.width;
    height = target.height;
  }
  const px = { x: width / w, y: height / h };
  const add = {
    left: Math.round(ext.left * px.x),
    right: Math.round(ext.right * px.x),
    top: Math.round(ext.top * px.y),
    bottom: Math.round(ext.bottom * px.y),
  };
  img = img.flatten({ background: '#ffffff' });
  if (add.left || add.right || add.top || add.bottom) {
    // A resize and an extend in one pipeline run in the wrong order: materialize first.
    img = sharp(await img.png({ compressionLevel: 0 }).toBuffer()).extend({ ...add, extendWith: 'mirror' });
  }
  img = mode === 'gray' ? img.toColourspace('b-w') : img.toColourspace('cmyk');
  const { data, info } = await img.jpeg(JPEG).toBuffer({ resolveWithObject: true });
  const suffix = `${info.width}x${info.height}${mode === 'gray' ? 'g' : 'k'}${add.left || add.right || add.top || add.bottom ? `+${add.left}.${add.right}.${add.top}.${add.bottom}` : ''}`;
  return {
    asset: {
      ...asset,
      id: `${asset.id}@${suffix}`,
      print: { data, mediaType: 'image/jpeg', width: info.width, height: info.height },
    },
    width: info.width,
    height: info.height,
    extension: { left: add.left / px.x, right: add.right / px.x, top: add.top / px.y, bottom: add.bottom / px.y },
    source,
  };
}

/** Colour space of the print variant, and whether an RGB one holds any colour at all. */
function sourceInfo(asset: PrintImage): Promise<SourceInfo> {
  const key = `${asset.id}:${asset.print.data.length}`;
  let pending = sources.get(key);
  if (!pending) {
    pending = (async () => {
      const space = asset.space ?? (await sharp(asset.print.data).metadata()).space ?? 'srgb';
      let chromatic = false;
      if (space === 'srgb' || space === 'rgb' || space === 'rgb16' || space === 'scrgb') {
        // On a thumbnail: a pixel counts as coloured when its channels differ by more than 4 %.
        const { data, info } = await sharp(asset.print.data)
          .resize(256, 256, { fit: 'inside', withoutEnlargement: true })
          .flatten({ background: '#ffffff' })
          .toColourspace('srgb')
          .raw()
          .toBuffer({ resolveWithObject: true });
        let coloured = 0;
        for (let i = 0; i + 2 < data.length; i += info.channels) {
          const hi = Math.max(data[i], data[i + 1], data[i + 2]);
          const lo = Math.min(data[i], data[i + 1], data[i + 2]);
          if (hi - lo > 10) coloured++;
        }
        chromatic = coloured > (info.width * info.height) / 1000;
      }
      return { space, chromatic, width: asset.print.width, height: asset.print.height };
    })();
    sources.set(key, pending);
    pending.catch(() => sources.delete(key));
  }
  return pending;
}
