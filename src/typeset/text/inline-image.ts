// An image inside a line of text (an icon, a badge): set on the line as one box, never
// taller than the line. At its own size when that fits the line's height, its pixels at
// 150 to the inch (the least a figure prints at: an icon made for a screen's 96 would print
// blocky, and the press preflight would refuse it); taller, scaled down to the text's size.
import type { ImageAsset } from '../../model/types.js';

/** Points per pixel at 150 ppi (MIN_FIGURE_PPI of the page builder's figures). */
const PT_PER_PX = 72 / 150;
/** Points per CSS pixel: an SVG is vectors, sharp at any size, and is set as a browser sets it. */
const PT_PER_CSS_PX = 72 / 96;

export interface InlineBox {
  imageId: string;
  w: number;
  h: number;
}

/** The size an inline image prints at in text of `size` on `leading`, at most `maxWidth` wide. */
export function inlineImageBox(image: ImageAsset, size: number, leading: number, maxWidth: number): InlineBox {
  const aspect = image.width > 0 && image.height > 0 ? image.width / image.height : 1;
  const vector = image.vector;
  let h = image.height > 0 ? image.height * (vector ? PT_PER_CSS_PX : PT_PER_PX) : size;
  // Too tall for the line: the height of the type, between its capitals' and the line's.
  if (h > leading) h = size;
  let w = h * aspect;
  if (w > maxWidth) {
    w = Math.max(1, maxWidth);
    h = w / aspect;
  }
  return { imageId: image.id, w, h };
}

/** Where the image's top goes in a line whose baseline is `baseline` below its top: on the baseline, or from the line's top when it would rise above it. */
export function inlineImageTop(box: InlineBox, baseline: number): number {
  return Math.max(0, baseline - box.h);
}
