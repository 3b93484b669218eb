// svg-to-pdfkit driven as Pressroom needs it: an SVG drawn as vectors into a pdfkit
// document, in a box, with nothing read from outside (no image is opened, no other
// document, no font but the files the caller names, embedded), a character the font lacks
// drawn as "?" (never a .notdef box), and what the drawing costs bounded.
//
// What this does to pdfkit beyond its API (pdfkit 0.20, the version pdfkit.ts checks): it
// takes over document methods for the length of one drawing (`font`, `addContent` and the
// gradients here; more through `hooks`: the press colours of backends/pdf/draw-svg.ts)
// and an embedded font's `encode`, and puts each back after, whatever happens.
import SVGtoPDF from 'svg-to-pdfkit';
import { openFont } from './fontkit.js';
import { registerParsedFont, type Doc } from './pdfkit.js';

/** The font file SVG text is drawn in, and the family's name for messages. */
export interface SvgFace {
  file: string;
  name: string;
}

export interface RenderSvgOptions {
  /** The face for text asking for a `font-family`, a weight and a style. */
  face: (family: string, bold: boolean, italic: boolean) => SvgFace;
  /** Told each character the chosen font has no glyph for (drawn as "?"), with the font's name. */
  onMissingGlyph?: (ch: string, font: string) => void;
  /** Most bytes of content the drawing may write (throws SvgTooComplex past it). */
  contentBudget?: number;
  /** Most milliseconds it may take (throws SvgTooComplex past it). */
  timeBudget?: number;
  /** Takes over more of the document's methods for the drawing (the press colours). */
  hooks?: (d: HookedDoc, base: BaseMethods) => void;
}

/** The drawing would write more, or take longer, than its budget. */
export class SvgTooComplex extends Error {}

export interface Gradient {
  stop(pos: number, color: unknown, opacity?: number): Gradient;
}

interface EmbeddedFontLike {
  encode(text: string): unknown;
  font: { hasGlyphForCodePoint(cp: number): boolean };
}

/** The members of a pdfkit document that may be taken over while an SVG is drawn. */
export interface HookedDoc {
  _font: EmbeddedFontLike;
  _registeredFonts: Record<string, unknown>;
  font(name: string): unknown;
  addContent(s: string): unknown;
  ref(data: unknown): unknown;
  fillColor(color: unknown, opacity?: number): unknown;
  strokeColor(color: unknown, opacity?: number): unknown;
  fillOpacity(o: number): unknown;
  strokeOpacity(o: number): unknown;
  opacity(o: number): unknown;
  linearGradient(...args: number[]): Gradient;
  radialGradient(...args: number[]): Gradient;
}

export const HOOKABLE = [
  'font',
  'addContent',
  'ref',
  'fillColor',
  'strokeColor',
  'fillOpacity',
  'strokeOpacity',
  'opacity',
  'linearGradient',
  'radialGradient',
] as const;
export type Hookable = (typeof HOOKABLE)[number];
/** pdfkit's own methods, called on the document whatever is taken over. */
export type BaseMethods = (k: Hookable, ...args: unknown[]) => unknown;

/** The pdfkit name of the font of a face file, registered in `doc` on first use. */
function fontName(doc: Doc, file: string): string {
  const name = `svg:${file.slice(file.lastIndexOf('/') + 1)}`;
  if (!(doc as unknown as HookedDoc)._registeredFonts[name]) registerParsedFont(doc, name, openFont(file));
  return name;
}

/** Draws `svg` into the box `x, y, w, h` (points, from the top-left), fitted with its aspect kept. */
export function svgToPdfkit(doc: Doc, svg: string, x: number, y: number, w: number, h: number, o: RenderSvgOptions): void {
  const d = doc as unknown as HookedDoc;
  const own = new Map<Hookable, PropertyDescriptor | undefined>(HOOKABLE.map((k) => [k, Object.getOwnPropertyDescriptor(d, k)]));
  const methods = Object.fromEntries(HOOKABLE.map((k) => [k, d[k]])) as unknown as Record<Hookable, (...a: unknown[]) => unknown>;
  const base: BaseMethods = (k, ...args) => methods[k].apply(d, args);
  const encodes = new Map<EmbeddedFontLike, EmbeddedFontLike['encode']>();
  const families = new Map<string, string>();
  const budget = o.contentBudget ?? Infinity;
  const timeBudget = o.timeBudget ?? Infinity;
  const started = Date.now();
  let written = 0;
  let calls = 0;
  const spend = (n: number) => {
    written += n;
    if (written > budget) throw new SvgTooComplex(`drawing it writes more than ${Math.round(budget / 1048576)} MB`);
    if ((++calls & 1023) === 0 && Date.now() - started > timeBudget) throw new SvgTooComplex(`drawing it takes more than ${Math.round(timeBudget / 1000)} s`);
  };

  d.font = (name: string) => {
    const r = base('font', name);
    const font = d._font;
    if (!encodes.has(font)) {
      const encode = font.encode;
      encodes.set(font, encode);
      font.encode = (text: string) => {
        let out = '';
        for (const ch of text) {
          const cp = ch.codePointAt(0)!;
          if (cp > 0x20 && !font.font.hasGlyphForCodePoint(cp)) {
            o.onMissingGlyph?.(ch, families.get(name) ?? name);
            out += '?';
          } else out += ch;
        }
        return encode.call(font, out);
      };
    }
    return r;
  };
  d.addContent = (s: string) => {
    spend(s.length + 1);
    return base('addContent', s);
  };
  // A repeating gradient over a large box makes stops without writing anything: counted too.
  for (const kind of ['linearGradient', 'radialGradient'] as const) {
    d[kind] = (...args: number[]) => {
      const grad = base(kind, ...args) as Gradient;
      const stop = grad.stop;
      grad.stop = (pos, color, opacity) => {
        spend(64);
        return stop.call(grad, pos, color, opacity);
      };
      return grad;
    };
  }
  o.hooks?.(d, base);

  try {
    SVGtoPDF(doc, svg, x, y, {
      width: w,
      height: h,
      preserveAspectRatio: 'xMidYMid meet',
      fontCallback: (family, bold, italic) => {
        const face = o.face(family, bold, italic);
        const name = fontName(doc, face.file);
        families.set(name, face.name);
        return name;
      },
      // Nothing outside the SVG is opened: no image, no other document.
      imageCallback: () => Buffer.alloc(0),
      documentCallback: () => [],
      warningCallback: () => {},
    });
  } finally {
    for (const [font, encode] of encodes) font.encode = encode;
    for (const [k, desc] of own) {
      if (desc) Object.defineProperty(d, k, desc);
      else delete (d as unknown as Record<string, unknown>)[k];
    }
  }
}
