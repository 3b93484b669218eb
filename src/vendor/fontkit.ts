// Everything Pressroom does to fontkit beyond its documented API, fenced in one module.
// Written for fontkit 2.0; `checkFontkit` (run by tests/unit/vendor.test.ts) fails loudly
// when the installed version or the internals relied on here change.
import * as fontkit from 'fontkit';
import { memo } from '../cache/memos.js';
import { packageVersion } from './package-version.js';
import { BuildError, error } from '../diagnostics/diagnostic.js';

/** The fontkit release this module was written and tested against (major.minor). */
export const FONTKIT_WRITTEN_FOR = '2.0';

/** Parsed font files, shared by every build in this process (the typesetter, the PDF writer and the EPUB cover use the same objects). */
const opened = memo<string, fontkit.Font>('fontkit/opened');

/** The parsed font of a file, opened once per process; a file fontkit cannot read is a located `font/not-found`. */
export function openFont(file: string): fontkit.Font {
  let font = opened.get(file);
  if (!font) {
    try {
      font = fontkit.openSync(file);
    } catch (e) {
      throw new BuildError([error('font/not-found', `cannot read font ${file}: ${(e as Error).message.toLowerCase()}`, { file })]);
    }
    keepCodePoints(font);
    opened.set(file, font);
  }
  return font;
}

/** `getGlyph`, which fontkit 2.0 has on every font but leaves out of its type declarations. */
interface GlyphSource {
  getGlyph(id: number, codePoints?: number[]): { codePoints: number[] };
}

/**
 * fontkit caches each glyph with the code points it was first made with. A glyph first
 * made as a part of another (the D inside a composite Ď, read when a PDF's subset is
 * written) has none, and every later PDF would then map it to no text (ToUnicode). A
 * glyph asked for again with its code points takes them.
 */
function keepCodePoints(font: fontkit.Font): void {
  const f = font as unknown as GlyphSource;
  if (typeof f.getGlyph !== 'function')
    throw new Error(`fontkit ${installedVersion()} has no Font.getGlyph: src/vendor/fontkit.ts is written for fontkit ${FONTKIT_WRITTEN_FOR}`);
  const getGlyph = f.getGlyph.bind(f);
  f.getGlyph = (id, codePoints = []) => {
    const glyph = getGlyph(id, codePoints);
    if (!glyph.codePoints.length && codePoints.length) glyph.codePoints = codePoints;
    return glyph;
  };
}

function installedVersion(): string {
  return packageVersion('fontkit');
}

/**
 * Throws, saying what changed, unless the installed fontkit is the release this module was
 * written for and a font opened through it still behaves as relied on (a glyph asked for
 * with code points keeps them).
 */
export function checkFontkit(sampleFontFile: string): void {
  const version = installedVersion();
  if (!version.startsWith(`${FONTKIT_WRITTEN_FOR}.`))
    throw new Error(`fontkit is ${version}; src/vendor/fontkit.ts is written for ${FONTKIT_WRITTEN_FOR}: check its internals, then update FONTKIT_WRITTEN_FOR`);
  const font = openFont(sampleFontFile);
  const id = font.glyphForCodePoint(0x44).id;
  if (!(font as unknown as GlyphSource).getGlyph(id, [0x44]).codePoints.includes(0x44))
    throw new Error('fontkit: a glyph asked for with its code points does not keep them');
}
