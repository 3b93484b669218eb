// Everything Pressroom does to pdfkit beyond its documented API, fenced in one module: the
// PDF writer and the text drawer call these functions and never cast a document themselves.
// Written for pdfkit 0.20; `checkPdfkit` (run by tests/unit/vendor.test.ts, and once per
// process before the first PDF) fails loudly when the installed version or an internal
// relied on here changes, rather than letting a PDF come out subtly wrong.
import PDFDocument from 'pdfkit';
import { fileStamp } from '../cache/trace.js';
import { deserialize, serialize } from 'node:v8';
import { deflateSync } from 'node:zlib';
import { memo } from '../cache/memos.js';
import { packageVersion } from './package-version.js';
import { type PngStream, pngStream } from './png-stream.js';

/** The pdfkit release this module was written and tested against (major.minor). */
export const PDFKIT_WRITTEN_FOR = '0.20';

export type Doc = InstanceType<typeof PDFDocument>;

export interface GlyphPos {
  xAdvance: number;
  yAdvance: number;
  xOffset: number;
  yOffset: number;
  advanceWidth: number;
}

/** A glyph of a run as pdfkit shapes it: a fontkit glyph. */
interface RunGlyph {
  id: number;
  advanceWidth: number;
  codePoints: number[];
}

/**
 * The parts of pdfkit's EmbeddedFont relied on: its resource name, its fontkit font, its
 * shaping cache, and what `encode` does with a shaped run (see `encodeWord`).
 */
export interface EmbeddedFont {
  id: string;
  font: { glyphForCodePoint(cp: number): { id: number } };
  layoutCache?: Record<string, unknown>;
  ref(): unknown;
  encode(text: string): [string[], GlyphPos[]];
  layoutRun(text: string): { glyphs: RunGlyph[]; positions: GlyphPos[] };
  /** `glyphs`: the original glyph id of each code of the subset, in the order included. */
  subset: { includeGlyph(id: number): number; glyphs: number[] };
  /** Width and code points of each glyph of the subset, by its number there. */
  widths: number[];
  unicode: number[][];
  scale: number;
}

interface PdfRef {
  data: Record<string, unknown>;
  end(data?: unknown): void;
}

/** The document's private members relied on, each named in `checkPdfkit`. */
interface DocInternals {
  _font: EmbeddedFont;
  _root: { data: Record<string, unknown> };
  _addInfo(): void;
  info: Record<string, unknown>;
  page: {
    dictionary: { data: Record<string, unknown> };
    colorSpaces: Record<string, unknown>;
    fonts: Record<string, unknown>;
    xobjects: Record<string, unknown>;
    height: number;
    content: { buffer: Uint8Array[]; compress: boolean; data: Record<string, unknown> };
  };
  metadata: { _metadata: string; _closeTags(): void };
  addContent(s: string | Uint8Array): void;
  ref(data: unknown): PdfRef;
  appendXML(xml: string, newline?: boolean): void;
  openImage(src: Buffer): unknown;
  font(name: string): unknown;
}

const inside = (doc: Doc) => doc as unknown as DocInternals;

/** Appends raw content-stream operators to the current page. */
export function addContent(doc: Doc, operators: string): void {
  inside(doc).addContent(operators);
}

/**
 * Appends raw operators (ASCII) to the current page as `addContent` does, turned into bytes
 * by Node: pdfkit takes bytes as they are, and copies a string character by character.
 */
export function addOperators(doc: Doc, operators: string): void {
  inside(doc).addContent(Buffer.from(`${operators}\n`, 'latin1'));
}

/**
 * The current page's content so far, compressed now as pdfkit would compress it when the page
 * ends (zlib's defaults), and left in place as that compressed stream: pdfkit writes it as it is.
 */
export function compressPageContent(doc: Doc): Buffer {
  const compressed = deflateSync(Buffer.concat(inside(doc).page.content.buffer));
  replacePageContent(doc, compressed);
  return compressed;
}

/**
 * The current page's content replaced by `compressed`, a stream `compressPageContent` gave for
 * the same page. The stream's dictionary already names its Length and Filter (pdfkit sets both
 * on the page's first write, its flip of the y axis), in that order: only the bytes and the flag change.
 */
export function replacePageContent(doc: Doc, compressed: Buffer): void {
  const content = inside(doc).page.content;
  if (!content.compress) throw new Error('pdfkit was to compress the page content: src/vendor/pdfkit.ts expects it');
  if (content.data.Length === undefined || content.data.Filter !== 'FlateDecode') throw new Error('the page has no content stream yet: add the page first');
  content.buffer = [compressed];
  content.compress = false;
}

/** The embedded font `name` selects in this document (opened now when it is its first use), without using it on the page. */
export function selectFont(doc: Doc, name: string): EmbeddedFont {
  const d = inside(doc);
  d.font(name);
  return d._font;
}

/** An opened image's resource label (`openImage`'s and pdfkit's alike). */
export const imageLabel = (image: unknown): string => (image as { label: string }).label;

/**
 * What pdfkit's `image()` does besides drawing: embeds the image on its first use in the
 * document and names it in the current page's resources.
 */
export function placeImage(doc: Doc, image: unknown): void {
  const img = image as { label: string; obj?: unknown; embed(doc: Doc): void };
  if (!img.obj) img.embed(doc);
  const xobjects = inside(doc).page.xobjects;
  if (xobjects[img.label] == null) xobjects[img.label] = img.obj;
}

/** A new indirect object, written when `end` is called on it. */
export function makeRef(doc: Doc, data: unknown): PdfRef {
  return inside(doc).ref(data);
}

/** A PDF name (pdfkit writes a string otherwise) for the document information dictionary. */
export const pdfName = (name: string) => ({ [Symbol.toStringTag]: 'PDFName', toString: () => `/${name}` });

/** Sets an entry of the document information dictionary as it is (a name, a string, a date). */
export function setInfo(doc: Doc, key: string, value: unknown): void {
  inside(doc).info[key] = value;
}

/** Sets an entry of the document catalogue (`/Root`), such as `OutputIntents`. */
export function setCatalogEntry(doc: Doc, key: string, value: unknown): void {
  inside(doc)._root.data[key] = value;
}

/** Sets an entry of the current page's dictionary, such as `TrimBox`. */
export function setPageEntry(doc: Doc, key: string, value: unknown): void {
  inside(doc).page.dictionary.data[key] = value;
}

/** Names a colour space in the current page's resources. */
export function setPageColorSpace(doc: Doc, name: string, space: unknown): void {
  inside(doc).page.colorSpaces[name] = space;
}

/**
 * Writes `xml()` as the document's XMP packet in place of pdfkit's own (which leaves out
 * ModifyDate, Trapped and the PDF/X version, and does not escape the title).
 */
export function replaceXmp(doc: Doc, xml: () => string): void {
  const d = inside(doc);
  d._addInfo = () => d.appendXML(xml());
  d.metadata._metadata = '';
  d.metadata._closeTags = () => {};
}

/**
 * An image opened once for the document, to be drawn by `doc.image` as often as needed. An
 * opaque 8-bit PNG goes in as its compressed stream (see png-stream.ts); others through pdfkit.
 */
export function openImage(doc: Doc, data: Buffer): Buffer {
  const png = pngStream(data);
  // pdfkit's image() takes what openImage returns in place of a path or a buffer.
  return (png ? directImage(png, nextLabel(doc)) : inside(doc).openImage(data)) as Buffer;
}

/** Images opened the direct way in each document: their labels count per document, so the same document comes out the same whatever was drawn before it in this process. */
const directCount = new WeakMap<Doc, number>();

function nextLabel(doc: Doc): string {
  const n = (directCount.get(doc) ?? 0) + 1;
  directCount.set(doc, n);
  return `Px${n}`;
}

/**
 * What pdfkit's image() reads of an opened image: its size, a resource label, and an `obj`
 * that `embed` makes on first use. (Labels `Px…` stay clear of pdfkit's own `I…`.)
 */
function directImage(png: PngStream, label: string) {
  const image = {
    width: png.width,
    height: png.height,
    label,
    obj: undefined as PdfRef | undefined,
    embed(doc: Doc) {
      const colors = png.colors;
      const ref = makeRef(doc, {
        Type: 'XObject',
        Subtype: 'Image',
        Width: png.width,
        Height: png.height,
        BitsPerComponent: 8,
        ColorSpace: colors === 1 ? 'DeviceGray' : 'DeviceRGB',
        Filter: 'FlateDecode',
        DecodeParms: { Predictor: 15, Colors: colors, BitsPerComponent: 8, Columns: png.width },
      });
      ref.end(png.data);
      image.obj = ref;
    },
  };
  return image;
}

/** The document's outline root, to which bookmarks are added. */
export interface OutlineItem {
  addItem(title: string, options?: { expanded?: boolean }): OutlineItem;
}
export function outlineRoot(doc: Doc): OutlineItem {
  return doc.outline as unknown as OutlineItem;
}

/** Registers a font parsed by fontkit under `name` (pdfkit would parse the file again from a path). */
export function registerParsedFont(doc: Doc, name: string, font: unknown): void {
  doc.registerFont(name, font as string);
}

/**
 * pdfkit shapes each word once per document and font; the shaped runs depend only on the
 * font file, so the documents built in one process share them. (The text drawer's words are
 * shaped by `encodeWord` and kept in `shapedWords`; here: spaces, text with tabs.)
 */
const sharedLayouts = memo<string, Record<string, unknown>>('pdfkit/layouts');

/**
 * Selects `name` at `size` and returns it as embedded, added to the current page's
 * resources, its shaping cache shared with every document that draws `file`.
 */
export function useFont(doc: Doc, name: string, file: string, size: number): { font: EmbeddedFont; pageHeight: number } {
  doc.font(name).fontSize(size);
  const d = inside(doc);
  const font = d._font;
  if (font.layoutCache) {
    let shared = sharedLayouts.get(file);
    if (!shared) sharedLayouts.set(file, (shared = font.layoutCache));
    font.layoutCache = shared;
  }
  if (d.page.fonts[font.id] == null) d.page.fonts[font.id] = font.ref();
  return { font, pageHeight: d.page.height };
}

/**
 * A glyph of a shaped word, the same in every document that draws its font file: what
 * `encode` adds to a document's font (`id`, `width`, `codePoints`) and the glyph's position
 * (copied out of pdfkit's, so that every glyph has one shape and reads fast).
 */
export interface ShapedGlyph extends GlyphPos {
  id: number;
  width: number;
  codePoints: number[];
}

/**
 * Words shaped in each font file (by the file's path, then the word), shared by the documents
 * drawing it; in place of pdfkit's shaping cache (`sharedLayouts`), which then holds spaces.
 */
const shapedWords = memo<string, Map<string, ShapedGlyph[]>>('pdfkit/words');
/**
 * Words shaped before the last hand-on, or by another process: moved into `shapedWords` when
 * shaped again, so that `shapedWords` holds the words shaped since, which go to the next process.
 */
const earlierWords = memo<string, Map<string, ShapedGlyph[]>>('pdfkit/words-earlier');

/** The shaped words as one process hands them to the next: each font file with its stamp (size and time). */
interface KeptWords {
  files: { file: string; stamp: string; words: Map<string, ShapedGlyph[]> }[];
}

/**
 * The words shaped or drawn since the last call, as bytes for the next process (a rebuild from
 * the command line would otherwise shape again every word of the pages it draws), or undefined
 * when none were. Only those: pages not changed are replayed, not drawn (backends/pdf/drawn-pages.ts),
 * so a build draws the words of the pages an edit touched, and the next edit is likely near.
 */
export function shapedWordsKept(): Buffer | undefined {
  const files: KeptWords['files'] = [];
  for (const [file, words] of shapedWords) {
    const stamp = fileStamp(file);
    if (stamp && words.size) files.push({ file, stamp, words });
    // Still at hand for this process, no longer handed on unless shaped again.
    const earlier = earlierWords.get(file);
    if (earlier) for (const [w, glyphs] of words) earlier.set(w, glyphs);
    else earlierWords.set(file, words);
  }
  shapedWords.clear();
  return files.length ? serialize({ files } satisfies KeptWords) : undefined;
}

/**
 * Words another process shaped, taken by a process that has shaped none yet, for each font
 * file not changed since (its stamp); anything malformed is dropped and shaped afresh.
 */
export function adoptShapedWords(data: Buffer): void {
  if (shapedWords.size || earlierWords.size) return;
  let kept: KeptWords;
  try {
    kept = deserialize(data) as KeptWords;
  } catch {
    return;
  }
  if (!Array.isArray(kept?.files)) return;
  for (const f of kept.files) if (typeof f?.file === 'string' && f.words instanceof Map && f.stamp === fileStamp(f.file)) earlierWords.set(f.file, f.words);
}

/** Each glyph number as pdfkit writes it in a string: 4 hex digits (65536 at most, never stale). */
const hexCodes: string[] = [];
const hexCode = (gid: number): string => (hexCodes[gid] ??= `0000${gid.toString(16)}`.slice(-4));

/**
 * `font.encode(word)`, from the word as shaped once for all the documents drawing `file`: its
 * glyphs are added to this document's subset, widths and code points in the order and with the
 * values pdfkit's `encode` gives them (the PDF is the same byte for byte), without shaping it
 * again. Returns each glyph's code in this document and its shape.
 */
export function encodeWord(font: EmbeddedFont, file: string, word: string): { codes: string[]; glyphs: ShapedGlyph[] } {
  const glyphs = shapeWord(font, file, word);
  if (!glyphs) {
    const [codes, pos] = font.encode(word);
    return { codes, glyphs: pos.map((p) => shapedGlyph(-1, 0, [], p)) };
  }
  // What pdfkit's `encode` does with each glyph of the run, in order.
  const codes: string[] = new Array(glyphs.length);
  for (let i = 0; i < glyphs.length; i++) {
    const g = glyphs[i];
    const gid = font.subset.includeGlyph(g.id);
    codes[i] = hexCode(gid);
    if (font.widths[gid] == null) font.widths[gid] = g.width;
    if (font.unicode[gid] == null) font.unicode[gid] = g.codePoints;
  }
  return { codes, glyphs };
}

/**
 * `word` shaped in `font` (read from `file`), once for all the documents drawing the file; or
 * undefined for text pdfkit's `encode` shapes in more than one piece, each ended by a space or a
 * tab (a tab inside): `encodeWord` leaves that to pdfkit.
 */
export function shapeWord(font: EmbeddedFont, file: string, word: string): ShapedGlyph[] | undefined {
  let words = shapedWords.get(file);
  if (!words) shapedWords.set(file, (words = new Map()));
  let glyphs = words.get(word);
  if (!glyphs) {
    glyphs = earlierWords.get(file)?.get(word);
    if (!glyphs) {
      const end = word.search(/[ \t]/);
      if (end !== -1 && end !== word.length - 1) return undefined;
      const run = font.layoutRun(word);
      glyphs = run.glyphs.map((g, i) => shapedGlyph(g.id, g.advanceWidth * font.scale, g.codePoints, run.positions[i]));
    }
    words.set(word, glyphs);
  }
  return glyphs;
}

const shapedGlyph = (id: number, width: number, codePoints: number[], p: GlyphPos): ShapedGlyph => ({
  id,
  width,
  codePoints,
  xAdvance: p.xAdvance,
  yAdvance: p.yAdvance,
  xOffset: p.xOffset,
  yOffset: p.yOffset,
  advanceWidth: p.advanceWidth,
});

function installedVersion(): string {
  return packageVersion('pdfkit');
}

let checked = false;

/**
 * Throws, naming what changed, unless the installed pdfkit is the release this module was
 * written for and a document has every private member used above. Runs its checks once
 * per process.
 */
export function checkPdfkit(sampleFontFile: string): void {
  if (checked) return;
  const version = installedVersion();
  if (!version.startsWith(`${PDFKIT_WRITTEN_FOR}.`))
    throw new Error(`pdfkit is ${version}; src/vendor/pdfkit.ts is written for ${PDFKIT_WRITTEN_FOR}: check its internals, then update PDFKIT_WRITTEN_FOR`);
  const doc = new PDFDocument({ autoFirstPage: false });
  doc.addPage({ size: [100, 100], margin: 0 });
  doc.registerFont('sample', sampleFontFile);
  doc.font('sample');
  const d = inside(doc);
  const wants: [string, unknown, string][] = [
    ['_font.encode', d._font?.encode, 'function'],
    ['_font.ref', d._font?.ref, 'function'],
    ['_font.id', d._font?.id, 'string'],
    ['_font.font.glyphForCodePoint', d._font?.font?.glyphForCodePoint, 'function'],
    ['_font.layoutCache', d._font?.layoutCache, 'object'],
    ['_font.layoutRun', d._font?.layoutRun, 'function'],
    ['_font.subset.includeGlyph', d._font?.subset?.includeGlyph, 'function'],
    ['_font.subset.glyphs', d._font?.subset?.glyphs, 'object'],
    ['_font.widths', d._font?.widths, 'object'],
    ['_font.unicode', d._font?.unicode, 'object'],
    ['_font.scale', d._font?.scale, 'number'],
    ['_root.data', d._root?.data, 'object'],
    ['_addInfo', d._addInfo, 'function'],
    ['info', d.info, 'object'],
    ['page.dictionary.data', d.page?.dictionary?.data, 'object'],
    ['page.colorSpaces', d.page?.colorSpaces, 'object'],
    ['page.fonts', d.page?.fonts, 'object'],
    ['page.height', d.page?.height, 'number'],
    ['page.xobjects', d.page?.xobjects, 'object'],
    ['page.content.buffer', d.page?.content?.buffer, 'object'],
    ['page.content.compress', d.page?.content?.compress, 'boolean'],
    ['font', d.font, 'function'],
    ['metadata._closeTags', d.metadata?._closeTags, 'function'],
    ['addContent', d.addContent, 'function'],
    ['ref', d.ref, 'function'],
    ['appendXML', d.appendXML, 'function'],
    ['openImage', d.openImage, 'function'],
  ];
  const missing = wants.filter(([, value, type]) => typeof value !== type).map(([name]) => name);
  if (missing.length) throw new Error(`pdfkit ${version} lacks ${missing.join(', ')}: src/vendor/pdfkit.ts is written for ${PDFKIT_WRITTEN_FOR}`);
  checked = true;
}
