// A PNG's compressed pixel stream as a PDF image takes it, unopened. A PNG's IDAT data is a
// zlib stream of filtered scanlines, which is exactly what a PDF image with FlateDecode and
// PNG predictors (/Predictor 15) holds; so an opaque 8-bit grey or RGB PNG goes into a PDF
// as its IDAT bytes, with no decoding or compressing. (pdfkit decodes every PNG in
// JavaScript, byte by byte, once per document: seconds for a book's figures.)

/** What a PDF image dictionary needs of such a PNG, and its pixel stream. */
export interface PngStream {
  width: number;
  height: number;
  /** 1 for grey, 3 for RGB. */
  colors: 1 | 3;
  /** The concatenated IDAT chunks: one zlib stream. */
  data: Buffer;
  /** It says how its colours are to be read (an ICC profile, a gamma, chromaticities), which a PDF image of plain RGB or grey ignores. */
  colorManaged: boolean;
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * The stream of a non-interlaced, 8-bit, grey or RGB PNG with no transparency; undefined for
 * any other PNG (alpha, a palette, 16 bits, interlaced, damaged), which goes the slow way.
 */
export function pngStream(png: Buffer): PngStream | undefined {
  if (png.length < 33 || !png.subarray(0, 8).equals(SIGNATURE)) return undefined;
  let header: { width: number; height: number; colors: 1 | 3 } | undefined;
  let colorManaged = false;
  const idat: Buffer[] = [];
  for (let at = 8; at + 12 <= png.length; ) {
    const length = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    const body = at + 8;
    if (body + length + 4 > png.length) return undefined;
    if (type === 'IHDR') {
      const [depth, colorType, , , interlace] = png.subarray(body + 8, body + 13);
      if (depth !== 8 || interlace !== 0 || (colorType !== 0 && colorType !== 2)) return undefined;
      header = { width: png.readUInt32BE(body), height: png.readUInt32BE(body + 4), colors: colorType === 0 ? 1 : 3 };
    } else if (type === 'tRNS')
      return undefined; // a transparent colour: needs a mask
    else if (type === 'IDAT') idat.push(png.subarray(body, body + length));
    else if (type === 'iCCP' || type === 'gAMA' || type === 'cHRM') colorManaged = true;
    else if (type === 'IEND') break;
    at = body + length + 4;
  }
  if (!header?.width || !header.height || !idat.length) return undefined;
  return { ...header, data: Buffer.concat(idat), colorManaged };
}
