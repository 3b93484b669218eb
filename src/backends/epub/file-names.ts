// Names of the files inside the package. Derived from the model's stable ids, never random,
// and plain ASCII: epub-gen-memory deletes every other character from a chapter's file name,
// so a name it would change is one the manifest would get wrong.
import type { Article, ImageAsset, ImageData } from '../../model/types.js';

const SAFE = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

export const COVER_PAGE = 'cover.xhtml';
export const CONTENTS_PAGE = 'contents.xhtml';
/** epub-gen-memory writes the navigation document and the NCX under these names. */
export const NAV_DOCUMENT = 'toc.xhtml';
export const NCX_DOCUMENT = 'toc.ncx';
export const STYLESHEET = 'style.css';
export const PACKAGE_DOCUMENT = 'content.opf';
/** Every file of the package lives in this folder of the zip. */
export const CONTENT_FOLDER = 'OEBPS';

export function extensionOf(mediaType: ImageData['mediaType']): 'png' | 'jpg' | 'svg' {
  switch (mediaType) {
    case 'image/png':
      return 'png';
    case 'image/jpeg':
      return 'jpg';
    case 'image/svg+xml':
      return 'svg';
    default:
      throw new Error(`unsupported image media type ${String(mediaType)}`);
  }
}

/** `01-harbour.xhtml`; `article-01.xhtml` when the id has characters a file name cannot keep. */
export function articleFileName(article: Pick<Article, 'id' | 'index'>): string {
  const name = SAFE.test(article.id) ? article.id : `article-${String(article.index).padStart(2, '0')}`;
  return `${name}.xhtml`;
}

/** `images/<id>.png` (`.jpg`, `.svg`), relative to the package document and to every XHTML file. */
export function imagePath(image: Pick<ImageAsset, 'id' | 'screenType'>): string {
  const id = image.id.replace(/[^A-Za-z0-9._-]/g, '_');
  return `images/${id}.${extensionOf(image.screenType)}`;
}

/**
 * The cover image, written by epub-gen-memory as `cover.<extension>` with the extension the
 * `mime` package gives the media type (`jpeg`, not `jpg`).
 */
export function coverImagePath(mediaType: ImageData['mediaType']): string {
  return mediaType === 'image/png' ? 'cover.png' : mediaType === 'image/svg+xml' ? 'cover.svg' : 'cover.jpeg';
}
