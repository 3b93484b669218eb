// An SVG file turned into an image asset: sanitised (sanitize-svg.ts), then drawn once into
// a scratch PDF as the PDF writer will draw it, which bounds what drawing it costs (markers
// on every vertex, patterns, repeated gradients: refused past SVG_LIMITS.contentBytes) and
// finds what its text asks of fonts: a family the build does not have, and characters the
// font used lacks, each a warning at every place the figure is shown.
import PDFDocument from 'pdfkit';
import { SVG_LIMITS } from '../../limits/limits.js';
import type { ConvertedImage } from '../../model/types.js';
import { sanitizeSvg, SvgProblem, type SvgNote } from './sanitize-svg.js';
import { renderSvg, SvgTooComplex } from './render-svg.js';

/**
 * Stands for the file's name in the messages of a loaded SVG, which is kept by content and
 * may be shown under another path: the loader puts the name in when it hands the asset out.
 */
export const SOURCE_MARK = '\u0000source\u0000';

/** How long the trial drawing of one SVG may take. */
const TRIAL_MS = 20_000;

export function loadSvg(data: Uint8Array, source: string, hash: string, key = hash): Omit<ConvertedImage, 'source'> {
  const svg = sanitizeSvg(data, source);
  const notes: SvgNote[] = [...svg.notes, ...trial(svg.print, svg.width, svg.height, source)];
  const variant = (text: string) => ({ data: Buffer.from(text, 'utf8'), mediaType: 'image/svg+xml' as const, width: svg.width, height: svg.height });
  return {
    id: `img-${hash.slice(0, 12)}`,
    key,
    width: svg.width,
    height: svg.height,
    vector: true,
    screenType: 'image/svg+xml',
    screen: variant(svg.screen),
    print: variant(svg.print),
    ...(notes.length ? { notes } : {}),
  };
}

/** Draws the print variant once at its natural size; the warnings its text calls for. */
function trial(print: string, width: number, height: number, source: string): SvgNote[] {
  const doc = new PDFDocument({ autoFirstPage: false });
  const w = (width * 72) / 96;
  const h = (height * 72) / 96;
  doc.addPage({ size: [Math.max(1, w), Math.max(1, h)], margin: 0 });
  const missingFamilies = new Map<string, string>();
  const missingChars = new Map<string, { chars: string[]; count: number }>();
  try {
    renderSvg(doc, print, 0, 0, w, h, {
      contentBudget: SVG_LIMITS.contentBytes,
      timeBudget: TRIAL_MS,
      onFont: (_family, choice) => {
        for (const f of choice.missing) if (!missingFamilies.has(f)) missingFamilies.set(f, choice.name);
      },
      onMissingGlyph: (ch, font) => {
        let m = missingChars.get(font);
        if (!m) missingChars.set(font, (m = { chars: [], count: 0 }));
        m.count++;
        if (m.chars.length < 5 && !m.chars.includes(ch)) m.chars.push(ch);
      },
    });
  } catch (e) {
    if (e instanceof SvgTooComplex)
      throw new SvgProblem(
        'image/too-large',
        `\`${source}\` is too complex to draw: ${e.message}, over the limit for an SVG figure`,
        'markers on every point, patterns and nested <use> multiply what is drawn: simplify it, or export it as a PNG',
      );
    throw e;
  }
  const notes: SvgNote[] = [];
  if (missingFamilies.size) {
    const used = [...new Set(missingFamilies.values())].join(' and ');
    const names = [...missingFamilies.keys()];
    notes.push({
      code: 'image/svg-font',
      message: `\`${source}\` sets text in ${names.slice(0, 4).join(', ')}${names.length > 4 ? ` and ${names.length - 4} more` : ''}, which the build does not have: it prints in ${used}`,
      hint: 'name DejaVu Sans, DejaVu Serif, Source Serif 4 or DejaVu Sans Mono in the SVG (or sans-serif, serif, monospace), or convert its text to outlines',
    });
  }
  for (const [font, { chars, count }] of missingChars) {
    const shown = chars.map((c) => `“${c}” (U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')})`).join(', ');
    notes.push({
      code: 'image/svg-font',
      message: `text in \`${source}\` has ${count === 1 ? 'a character' : `${count} characters`} ${font} has no glyph for, set as "?": ${shown}${count > chars.length ? '…' : ''}`,
      hint: "convert the SVG's text to outlines, or use characters of the fonts the build has",
    });
  }
  return notes;
}
