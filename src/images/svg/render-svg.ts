// An SVG drawn as vectors into a pdfkit document (src/vendor/svg-to-pdfkit.ts) with the
// build's own fonts for its text: the core that both the PDF writer (backends/pdf/
// draw-svg.ts, which adds the press colours) and the trial drawing of each SVG when it is
// loaded (load-svg.ts) use. The SVG is a sanitised print variant.
import { svgToPdfkit, SvgTooComplex, type BaseMethods, type Gradient, type HookedDoc, type RenderSvgOptions } from '../../vendor/svg-to-pdfkit.js';
import type { Doc } from '../../vendor/pdfkit.js';
import { chooseSvgFont, faceFile, type SvgFontChoice } from './svg-fonts.js';

export { SvgTooComplex, type BaseMethods, type Gradient, type HookedDoc };

export interface DrawOptions extends Omit<RenderSvgOptions, 'face'> {
  /** Told each `font-family` text asks for, with the font chosen for it. */
  onFont?: (family: string, choice: SvgFontChoice) => void;
}

/** Draws `svg` into the box `x, y, w, h` (points, from the top-left), fitted with its aspect kept. */
export function renderSvg(doc: Doc, svg: string, x: number, y: number, w: number, h: number, o: DrawOptions = {}): void {
  svgToPdfkit(doc, svg, x, y, w, h, {
    ...o,
    face: (family, bold, italic) => {
      const choice = chooseSvgFont(family);
      o.onFont?.(family, choice);
      return { file: faceFile(choice.files, bold, italic), name: choice.name };
    },
  });
}

/** The text of an SVG variant (a Buffer in the build, a Uint8Array once it has crossed to a worker thread). */
export function svgText(data: Uint8Array): string {
  return new TextDecoder().decode(data);
}
