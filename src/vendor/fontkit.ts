// Everything Pressroom does to fontkit beyond its documented API, fenced in one module.
// Written for fontkit 2.0; `checkFontkit` (run by tests/unit/vendor.test.ts) fails loudly
// when the installed version or the internals relied on here change.
import * as fontkit from 'fontkit';
import PDFDocument from 'pdfkit';
import { memo } from '../cache/memos.js';
import { packageVersion } from './package-version.js';
import { registerParsedFont } from './pdfkit.js';
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

/** What `checkFontData` found: nothing wrong, not a font at all, or a font with a damaged table. */
export type FontCheck = { ok: true } | { ok: false; notAFont: true } | { ok: false; notAFont: false; damage: string };

/** Text set with a font to try it: Latin letters, figures and punctuation, ligatures and accents. */
const SAMPLE = 'Handgloves: the quick brown fox jumps over the lazy dog, 0123456789 (“ffi” — Ünïcödé?)';
/** Components of composite glyphs walked for one glyph at most, and how deep. */
const COMPONENTS_MAX = 4096;
const COMPONENT_DEPTH_MAX = 16;
/** The widest a glyph may be, in ems: the widest real ones (a 3-em dash) are far narrower. */
const ADVANCE_MAX_EMS = 16;

/**
 * Whether a font file can be set and embedded, tried the way a build will use it: its table
 * directory and the tables every font needs are read and checked against each other (a table
 * past the end of the file, a glyph count its `loca` table does not hold, metrics for fewer
 * glyphs, an em of 0 or 65535 units), the glyphs of a sample text are laid out and their
 * outlines read (bounded: composite glyphs are walked to a fixed depth and count, never drawn),
 * and a PDF is made with it, which subsets and embeds it as pdfkit does for every PDF. A
 * damaged font fails one of these in a few milliseconds; unchecked, it crashed the PDF writer
 * or set every letter on top of the last.
 */
export function checkFontData(data: Buffer): FontCheck {
  let font: fontkit.Font;
  try {
    font = fontkit.create(data) as fontkit.Font;
  } catch {
    return { ok: false, notAFont: true };
  }
  // A collection (TTC) has fonts rather than glyphs; WOFF files are for the web.
  const signature = data.toString('latin1', 0, 4);
  if (typeof (font as Partial<fontkit.Font>).layout !== 'function' || !['\0\x01\0\0', 'true', 'OTTO'].includes(signature)) {
    return { ok: false, notAFont: true };
  }
  const damaged = (damage: string): FontCheck => ({ ok: false, notAFont: false, damage });
  const sfnt = readSfnt(data);
  if (typeof sfnt === 'string') return damaged(sfnt);
  try {
    const glyphs = font.layout(sampleText(font)).glyphs;
    if (glyphs.length === 0) return damaged('it maps no characters to glyphs (its cmap table is empty or damaged)');
    let inked = 0;
    let advancing = 0;
    for (const glyph of glyphs) {
      const advance = glyph.advanceWidth;
      if (!Number.isFinite(advance) || advance < 0 || advance > ADVANCE_MAX_EMS * sfnt.unitsPerEm) {
        return damaged(`glyph ${glyph.id} is ${advance} units wide, with ${sfnt.unitsPerEm} units to the em (its hmtx table is damaged)`);
      }
      if (advance > 0) advancing++;
      const outline = sfnt.glyf ? glyfOutline(data, sfnt, glyph.id, 0, { left: COMPONENTS_MAX }) : cffOutline(glyph);
      if (typeof outline === 'string') return damaged(outline);
      if (outline) inked++;
    }
    if (advancing === 0) return damaged('every glyph of a sample text is 0 units wide (its hmtx table is empty or damaged)');
    if (inked === 0) return damaged('no glyph of a sample text has an outline (its glyf or loca table is empty or damaged)');
    embedSample(font, glyphs.map((g) => g.codePoints.map((c) => String.fromCodePoint(c)).join('')).join(''));
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return damaged(`fontkit or pdfkit failed reading it (${message.split('\n')[0].slice(0, 120)})`);
  }
  return { ok: true };
}

/** The sample text, less what the font does not map; a font without Latin letters is tried on its own first characters. */
function sampleText(font: fontkit.Font): string {
  const mapped = [...SAMPLE].filter((c) => font.hasGlyphForCodePoint(c.codePointAt(0)!)).join('');
  if (/[^\s]/.test(mapped)) return mapped;
  return ((font as unknown as { characterSet?: number[] }).characterSet ?? [])
    .filter((c) => c > 0x20 && !(c >= 0x7f && c <= 0x9f) && !(c >= 0xd800 && c <= 0xdfff))
    .slice(0, 48)
    .map((c) => String.fromCodePoint(c))
    .join('');
}

/** A PDF page with `text` set in `font`, ended: the font is subset and embedded as for every PDF. */
function embedSample(font: fontkit.Font, text: string): void {
  const doc = new PDFDocument({ autoFirstPage: false });
  doc.addPage({ size: [612, 792], margin: 0 });
  registerParsedFont(doc, 'sample', font);
  doc.font('sample').fontSize(10).text(text, 10, 10, { lineBreak: false });
  doc.end();
}

interface Sfnt {
  unitsPerEm: number;
  numGlyphs: number;
  /** TrueType outlines: where the glyf table is and where each glyph starts in it. */
  glyf?: { offset: number; length: number; loca: number[] };
}

/**
 * The table directory and the tables every font needs, each checked against the file and the
 * others; a message saying what is wrong, else what the glyph checks need.
 */
function readSfnt(data: Buffer): Sfnt | string {
  if (data.length < 12) return 'it is cut short';
  const count = data.readUInt16BE(4);
  if (count === 0 || count > 512) return `its table directory lists ${count} tables`;
  if (12 + 16 * count > data.length) return 'it is cut short inside its table directory';
  const tables = new Map<string, { offset: number; length: number }>();
  for (let i = 0; i < count; i++) {
    const at = 12 + 16 * i;
    const tag = data.toString('latin1', at, at + 4);
    const offset = data.readUInt32BE(at + 8);
    const length = data.readUInt32BE(at + 12);
    if (offset + length > data.length) return `its ${tag.trim()} table runs past the end of the file (cut short, or a damaged table directory)`;
    tables.set(tag, { offset, length });
  }
  for (const tag of ['head', 'hhea', 'maxp', 'hmtx', 'cmap', 'post']) if (!tables.has(tag)) return `it has no ${tag} table`;
  const table = (tag: string) => tables.get(tag)!;
  const head = table('head');
  if (head.length < 54 || data.readUInt32BE(head.offset + 12) !== 0x5f0f3cf5) return 'its head table is damaged';
  const unitsPerEm = data.readUInt16BE(head.offset + 18);
  if (unitsPerEm < 16 || unitsPerEm > 16384) return `its head table gives ${unitsPerEm} units to the em (a font has 16 to 16384)`;
  const maxp = table('maxp');
  if (maxp.length < 6) return 'its maxp table is cut short';
  const numGlyphs = data.readUInt16BE(maxp.offset + 4);
  if (numGlyphs < 2) return `its maxp table gives ${numGlyphs} glyphs`;
  const hhea = table('hhea');
  if (hhea.length < 36) return 'its hhea table is cut short';
  const metrics = data.readUInt16BE(hhea.offset + 34);
  if (metrics < 1 || metrics > numGlyphs) return `its hhea table gives widths for ${metrics} glyphs, of ${numGlyphs}`;
  if (table('hmtx').length < 4 * metrics + 2 * (numGlyphs - metrics)) return `its hmtx table is too short for ${numGlyphs} glyphs`;
  if (!tables.has('glyf')) return tables.has('CFF ') || tables.has('CFF2') ? { unitsPerEm, numGlyphs } : 'it has no glyph outlines (no glyf or CFF table)';
  const glyf = table('glyf');
  const locaTable = tables.get('loca');
  if (!locaTable) return 'it has a glyf table but no loca table';
  const format = data.readInt16BE(head.offset + 50);
  if (format !== 0 && format !== 1) return `its head table gives glyph offsets of format ${format}`;
  const size = format === 0 ? 2 : 4;
  if (locaTable.length < (numGlyphs + 1) * size) return `its loca table holds ${Math.floor(locaTable.length / size)} glyph offsets for ${numGlyphs} glyphs`;
  const loca: number[] = new Array(numGlyphs + 1);
  for (let i = 0; i <= numGlyphs; i++) {
    loca[i] = format === 0 ? 2 * data.readUInt16BE(locaTable.offset + 2 * i) : data.readUInt32BE(locaTable.offset + 4 * i);
    if (loca[i] > glyf.length || (i > 0 && loca[i] < loca[i - 1])) return 'its loca table is damaged (glyph offsets out of order, or past the glyf table)';
  }
  return { unitsPerEm, numGlyphs, glyf: { offset: glyf.offset, length: glyf.length, loca } };
}

/**
 * Whether TrueType glyph `id` has an outline, its data checked to fit its place in the glyf
 * table; a composite glyph's components are walked (never drawn) within `budget` and
 * COMPONENT_DEPTH_MAX, so that a glyph made of glyphs made of glyphs cannot run away.
 */
function glyfOutline(data: Buffer, sfnt: Sfnt, id: number, depth: number, budget: { left: number }): boolean | string {
  const { glyf, numGlyphs } = sfnt;
  if (!glyf || id >= numGlyphs) return `a glyph refers to glyph ${id}, of ${numGlyphs} (its glyf table is damaged)`;
  const start = glyf.offset + glyf.loca[id];
  const length = glyf.loca[id + 1] - glyf.loca[id];
  if (length === 0) return false;
  const broken = `glyph ${id} is damaged (its glyf data does not fit its place)`;
  if (length < 10) return broken;
  const contours = data.readInt16BE(start);
  const end = start + length;
  if (contours >= 0) {
    // Contour ends, instructions, flags (with repeats), then x and y coordinates.
    let at = start + 10 + 2 * contours;
    if (at + 2 > end) return broken;
    const points = contours === 0 ? 0 : data.readUInt16BE(at - 2) + 1;
    at += 2 + data.readUInt16BE(at);
    let xBytes = 0;
    let yBytes = 0;
    for (let p = 0; p < points; ) {
      if (at >= end) return broken;
      const flag = data[at++];
      let repeat = 1;
      if (flag & 8) {
        if (at >= end) return broken;
        repeat += data[at++];
      }
      xBytes += (flag & 2 ? 1 : flag & 16 ? 0 : 2) * repeat;
      yBytes += (flag & 4 ? 1 : flag & 32 ? 0 : 2) * repeat;
      p += repeat;
    }
    if (at + xBytes + yBytes > end) return broken;
    return contours > 0;
  }
  if (depth >= COMPONENT_DEPTH_MAX) return `glyph ${id} is made of glyphs nested more than ${COMPONENT_DEPTH_MAX} deep (its glyf table is damaged)`;
  let at = start + 10;
  let inked = false;
  for (let more = true; more; ) {
    if (at + 4 > end) return broken;
    if (--budget.left < 0) return `glyph ${id} is made of more than ${COMPONENTS_MAX} glyphs (its glyf table is damaged)`;
    const flags = data.readUInt16BE(at);
    const component = data.readUInt16BE(at + 2);
    at += 4 + (flags & 1 ? 4 : 2) + (flags & 8 ? 2 : flags & 0x40 ? 4 : flags & 0x80 ? 8 : 0);
    if (at > end) return broken;
    const inner = glyfOutline(data, sfnt, component, depth + 1, budget);
    if (typeof inner === 'string') return inner;
    inked ||= inner;
    more = (flags & 0x20) !== 0;
  }
  return inked;
}

/** Whether a CFF glyph has an outline (its charstring run by fontkit). */
function cffOutline(glyph: fontkit.Glyph): boolean {
  return (glyph as unknown as { path: { commands: unknown[] } }).path.commands.length > 0;
}
