// Local declarations for untyped packages the typesetter reads: fontkit (metrics and
// shaping) and hyphen's per-language pattern modules (no `exports` map, no types).

declare module 'fontkit' {
  export interface Glyph {
    id: number;
    advanceWidth: number;
    codePoints: number[];
  }
  export interface GlyphPosition {
    xAdvance: number;
    yAdvance: number;
    xOffset: number;
    yOffset: number;
  }
  export interface GlyphRun {
    glyphs: Glyph[];
    positions: GlyphPosition[];
    advanceWidth: number;
  }
  export interface Font {
    postscriptName: string;
    familyName: string;
    unitsPerEm: number;
    ascent: number;
    descent: number;
    capHeight: number;
    xHeight: number;
    availableFeatures: string[];
    hasGlyphForCodePoint(codePoint: number): boolean;
    glyphForCodePoint(codePoint: number): Glyph;
    layout(text: string, features?: string[] | Record<string, boolean>): GlyphRun;
  }
  export function openSync(path: string, postscriptName?: string): Font;
  export function create(buffer: Buffer, postscriptName?: string): Font;
}

declare module 'hyphen/*/index.js' {
  interface HyphenOptions {
    hyphenChar?: string;
    minWordLength?: number;
    exceptions?: string[];
  }
  export function hyphenateSync(text: string, options?: HyphenOptions): string;
}

declare module 'linebreak' {
  interface Break {
    /** Offset (UTF-16) where a new line may begin. */
    position: number;
    required: boolean;
  }
  class LineBreaker {
    constructor(text: string);
    nextBreak(): Break | null;
  }
  export default LineBreaker;
}

declare module 'svg-to-pdfkit' {
  /** A colour as svg-to-pdfkit passes it: RGB 0–255 (or what a colour callback returned) and an opacity. */
  type SvgColor = [number[], number];
  interface SvgToPdfOptions {
    /** Size of the viewport in points (the page's when absent). */
    width?: number;
    height?: number;
    /** Overrides the outer <svg>'s own, fitting it to width × height. */
    preserveAspectRatio?: string;
    /** Take SVG units as points rather than CSS pixels. */
    assumePt?: boolean;
    precision?: number;
    useCSS?: boolean;
    /** The name of a font registered in the document for a family, weight and style; may ask for faux bold or italic. */
    fontCallback?: (family: string, bold: boolean, italic: boolean, options: { fauxBold: boolean; fauxItalic: boolean }) => string;
    /** What pdfkit's openImage gets for an <image>'s href. */
    imageCallback?: (href: string) => unknown;
    colorCallback?: (color: SvgColor | undefined, raw?: string) => SvgColor | undefined;
    /** Other SVG documents for references to other files. */
    documentCallback?: (file: string) => unknown;
    warningCallback?: (message: string) => void;
  }
  function SVGtoPDF(doc: unknown, svg: string, x?: number, y?: number, options?: SvgToPdfOptions): void;
  export default SVGtoPDF;
}
