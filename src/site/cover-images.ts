// The first page as the site's cover image and thumbnail: rendered from the issue's
// PDF (PDF.js, the preview's renderer) and scaled with sharp to JPEG. Kept in the build cache
// by the PDF's digest (the one its build recorded): an issue whose PDF did not change is
// neither read nor rendered again.
import { cacheKey } from '../cache/cache-key.js';
import { codeVersion } from '../cache/code-version.js';
import { type BuildCache, throughValue } from '../cache/disk-cache.js';

/** Widths in pixels: the issue page's cover, and the thumbnail of the lists and the catalogue. */
export const COVER_WIDTH = 480;
export const THUMB_WIDTH = 160;

export interface CoverImages {
  image: Buffer;
  thumbnail: Buffer;
  width: number;
  height: number;
  thumbWidth: number;
  thumbHeight: number;
}

/** The cover of the PDF whose SHA-256 is `pdfSha256`; `read` gives its bytes when it must be rendered. */
export async function coverImages(pdfSha256: string, read: () => Promise<Buffer>, cache: BuildCache): Promise<CoverImages> {
  return throughValue(cache, 'site-cover', cacheKey(codeVersion(), 'site-cover', pdfSha256), isCover, async () => render(await read()));
}

async function render(pdf: Buffer): Promise<CoverImages> {
  const [{ PageRenderer }, { default: sharp }] = await Promise.all([import('../preview/page-renderer.js'), import('sharp')]);
  const doc = await PageRenderer.open(pdf);
  let page: Buffer | undefined;
  try {
    // Rendered a little over the cover's width (not at the preview's 1.5): a third of the pixels to draw and encode.
    const [width] = doc.pageSize(1) ?? [612];
    page = doc.png(1, (COVER_WIDTH * 1.25) / width);
  } finally {
    doc.close();
  }
  if (!page) throw new Error('the issue PDF has no first page to make a cover of');
  const scaled = async (width: number) => {
    const { data, info } = await sharp(page)
      .flatten({ background: '#ffffff' })
      .resize({ width })
      .jpeg({ quality: 82, mozjpeg: true })
      .toBuffer({ resolveWithObject: true });
    return { data, width: info.width, height: info.height };
  };
  const full = await scaled(COVER_WIDTH);
  const thumb = await scaled(THUMB_WIDTH);
  return { image: full.data, thumbnail: thumb.data, width: full.width, height: full.height, thumbWidth: thumb.width, thumbHeight: thumb.height };
}

function isCover(v: unknown): v is CoverImages {
  const c = v as CoverImages | null;
  return (
    typeof c === 'object' &&
    c !== null &&
    c.image instanceof Uint8Array &&
    c.thumbnail instanceof Uint8Array &&
    [c.width, c.height, c.thumbWidth, c.thumbHeight].every(Number.isInteger)
  );
}
