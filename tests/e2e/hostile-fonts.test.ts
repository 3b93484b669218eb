// Hostile fonts (issue 15, "never lose a file, never hang, never crash"): an edition's own
// font with a damaged table once crashed the PDF writer (exit 3), or set every letter on top
// of the last with exit 0. Each damaged font here is made from the bundled Source Serif 4 by
// cutting it short or spoiling one table, and must be refused at its line of edition.yaml with
// `font/invalid` (exit 1, nothing written) under the hostile-input budget; a font over the
// size Pressroom reads is refused unread with `limit/file-size`.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, it } from 'node:test';
import { MINIMAL_ARTICLE, MINIMAL_MANIFEST, writeEdition } from '../support/edition.js';
import { assertRefused, runHostile } from '../support/hostile.js';

const require = createRequire(import.meta.url);
const SOURCE = readFileSync(require.resolve('@expo-google-fonts/source-serif-4/400Regular/SourceSerif4_400Regular.ttf'));
const QUICK = { ms: 30_000 };

/** The tables of an sfnt: where each one's directory entry is, where it starts, how long it is. */
function tables(font: Buffer): Record<string, { entry: number; offset: number; length: number }> {
  const out: Record<string, { entry: number; offset: number; length: number }> = {};
  for (let i = 0; i < font.readUInt16BE(4); i++) {
    const entry = 12 + 16 * i;
    out[font.toString('latin1', entry, entry + 4)] = { entry, offset: font.readUInt32BE(entry + 8), length: font.readUInt32BE(entry + 12) };
  }
  return out;
}

const T = tables(SOURCE);

/** A copy of the font with `change` applied. */
function damaged(change: (font: Buffer) => void): Buffer {
  const font = Buffer.from(SOURCE);
  change(font);
  return font;
}

const fill = (tag: string, byte: number) => (font: Buffer) => font.fill(byte, T[tag].offset, T[tag].offset + T[tag].length);

/** Every byte of `tag` at a step of `every` replaced by a pseudo-random one (the same every run). */
const noise = (tag: string, every: number) => (font: Buffer) => {
  let x = 12345;
  for (let i = T[tag].offset; i < T[tag].offset + T[tag].length; i += every) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    font[i] = x & 0xff;
  }
};

/** Glyph offsets (short loca, as this font has) and the composite glyphs with two components or more. */
function glyphs(font: Buffer): { start: (g: number) => number; composites: number[] } {
  const numGlyphs = font.readUInt16BE(T.maxp.offset + 4);
  const loca = (g: number) => 2 * font.readUInt16BE(T.loca.offset + 2 * g);
  const composites: number[] = [];
  for (let g = 0; g < numGlyphs; g++) {
    if (loca(g + 1) === loca(g) || font.readInt16BE(T.glyf.offset + loca(g)) >= 0) continue;
    if (componentsOf(font, T.glyf.offset + loca(g)).length >= 2) composites.push(g);
  }
  return { start: (g) => T.glyf.offset + loca(g), composites };
}

/** Where the glyph index of each component of the composite glyph at `start` is. */
function componentsOf(font: Buffer, start: number): number[] {
  const at: number[] = [];
  for (let p = start + 10; ; ) {
    const flags = font.readUInt16BE(p);
    at.push(p + 2);
    p += 4 + (flags & 1 ? 4 : 2) + (flags & 8 ? 2 : flags & 0x40 ? 4 : flags & 0x80 ? 8 : 0);
    if (!(flags & 0x20)) return at;
  }
}

/** Ü (glyph 191 in this font) made of itself. */
function selfContaining(font: Buffer): void {
  const { start } = glyphs(font);
  for (const at of componentsOf(font, start(191))) font.writeUInt16BE(191, at);
}

/** Ü made of two copies of a glyph made of two copies of another… 24 deep: 2^24 outlines when drawn. */
function compositeBomb(font: Buffer): void {
  const { start, composites } = glyphs(font);
  const chain = [191, ...composites.filter((g) => g !== 191).slice(0, 24)];
  for (let i = 0; i < chain.length - 1; i++) for (const at of componentsOf(font, start(chain[i]))) font.writeUInt16BE(chain[i + 1], at);
}

const KINDS: { name: string; font: () => Buffer; expect: RegExp }[] = [
  { name: 'cut to half its length', font: () => SOURCE.subarray(0, SOURCE.length >> 1), expect: /is damaged: its \w+ table runs past the end of the file/ },
  { name: 'cut short inside its table directory', font: () => SOURCE.subarray(0, 100), expect: /is not a TrueType or OpenType font/ },
  { name: 'its glyf table zeroed', font: () => damaged(fill('glyf', 0)), expect: /is damaged: no glyph of a sample text has an outline/ },
  { name: 'its loca table zeroed', font: () => damaged(fill('loca', 0)), expect: /is damaged: no glyph of a sample text has an outline/ },
  { name: 'its cmap table zeroed', font: () => damaged(fill('cmap', 0)), expect: /is damaged: / },
  { name: 'its hmtx table zeroed', font: () => damaged(fill('hmtx', 0)), expect: /is damaged: every glyph of a sample text is 0 units wide/ },
  { name: 'its post table zeroed (pdfkit crashed on it)', font: () => damaged(fill('post', 0)), expect: /is damaged: fontkit or pdfkit failed reading it/ },
  { name: 'its head table zeroed', font: () => damaged(fill('head', 0)), expect: /is damaged: its head table is damaged/ },
  { name: 'its glyf table all 0xFF', font: () => damaged(fill('glyf', 0xff)), expect: /is damaged: a glyph refers to glyph 65535, of 1463/ },
  { name: 'its hmtx table all 0xFF (glyphs 65 em wide)', font: () => damaged(fill('hmtx', 0xff)), expect: /is damaged: glyph \d+ is 65535 units wide/ },
  { name: 'noise in its loca table (crashed the PDF writer)', font: () => damaged(noise('loca', 3)), expect: /is damaged: its loca table is damaged/ },
  { name: 'noise in its glyf table', font: () => damaged(noise('glyf', 7)), expect: /is damaged: glyph \d+ is damaged/ },
  {
    name: 'numGlyphs of 65535',
    font: () => damaged((f) => f.writeUInt16BE(0xffff, T.maxp.offset + 4)),
    expect: /is damaged: its hmtx table is too short for 65535 glyphs/,
  },
  { name: 'numGlyphs of 0', font: () => damaged((f) => f.writeUInt16BE(0, T.maxp.offset + 4)), expect: /is damaged: its maxp table gives 0 glyphs/ },
  { name: 'unitsPerEm of 0', font: () => damaged((f) => f.writeUInt16BE(0, T.head.offset + 18)), expect: /is damaged: its head table gives 0 units to the em/ },
  {
    name: 'unitsPerEm of 65535',
    font: () => damaged((f) => f.writeUInt16BE(0xffff, T.head.offset + 18)),
    expect: /is damaged: its head table gives 65535 units to the em/,
  },
  {
    name: 'widths for 65535 glyphs (numberOfHMetrics)',
    font: () => damaged((f) => f.writeUInt16BE(0xffff, T.hhea.offset + 34)),
    expect: /is damaged: its hhea table gives widths for 65535 glyphs/,
  },
  {
    name: 'long glyph offsets announced for a short loca table (crashed the typesetter)',
    font: () => damaged((f) => f.writeInt16BE(1, T.head.offset + 50)),
    expect: /is damaged: its loca table holds \d+ glyph offsets for 1463 glyphs/,
  },
  {
    name: 'its glyf table placed past the end of the file',
    font: () => damaged((f) => f.writeUInt32BE(0x7fffffff, T.glyf.entry + 8)),
    expect: /is damaged: its glyf table runs past the end of the file/,
  },
  { name: 'a composite glyph made of itself', font: () => damaged(selfContaining), expect: /is damaged: glyph \d+ is made of glyphs nested more than 16 deep/ },
  {
    name: 'a composite glyph bomb (2^24 outlines)',
    font: () => damaged(compositeBomb),
    expect: /is damaged: glyph \d+ is made of (more than 4096 glyphs|glyphs nested more than 16 deep)/,
  },
  { name: '60 MB of zeros', font: () => Buffer.alloc(60 * 1024 * 1024), expect: /is not a TrueType or OpenType font/ },
];

/** An edition whose body italic (line 11 of edition.yaml) is `font`; the regular is the intact font. */
function edition(font: Buffer | undefined): string {
  const manifest = `${MINIMAL_MANIFEST}layout:\n  fonts:\n    body:\n      regular: fonts/regular.ttf\n      italic: fonts/italic.ttf\n`;
  const dir = writeEdition({
    'edition.yaml': manifest,
    'articles/one.md': `${MINIMAL_ARTICLE}\nWith *italic* and **bold**, “quotes” and Ünïcödé.\n`,
    'fonts/regular.ttf': SOURCE,
    ...(font ? { 'fonts/italic.ttf': font } : {}),
  });
  return path.dirname(dir);
}

describe('hostile fonts: a damaged font is refused at its line of edition.yaml', { concurrency: 2 }, () => {
  for (const k of KINDS) {
    it(`refuses a font ${k.name}`, async () => {
      const root = edition(k.font());
      const run = await runHostile(['build', 'edition', '--out', 'out'], root, QUICK);
      assertRefused(run, { code: 1, diagnostic: 'font/invalid' }, QUICK);
      const first = run.stderr.split('\n')[0];
      assert.match(first, /^edition\/edition\.yaml:10:15: error: font `fonts\/italic\.ttf` /, run.stderr);
      assert.match(first, k.expect, run.stderr);
      assert.equal(existsSync(path.join(root, 'out')), false, 'nothing written');
    });
  }

  it('refuses a font over the 64 MB read, unread (limit/file-size)', async () => {
    const root = edition(undefined);
    const file = path.join(root, 'edition/fonts/italic.ttf');
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, SOURCE);
    truncateSync(file, 65 * 1024 * 1024); // sparse: large on paper, nothing on the disk
    const run = await runHostile(['build', 'edition', '--out', 'out'], root, QUICK);
    assertRefused(run, { code: 1, diagnostic: 'limit/file-size' }, QUICK);
    assert.match(run.stderr.split('\n')[0], /^edition\/edition\.yaml:10:15: error: font `fonts\/italic\.ttf` /);
  });

  it('builds with the intact font in every place (no false alarm)', async () => {
    const root = edition(SOURCE);
    const run = await runHostile(['build', 'edition', '--out', 'out'], root);
    assert.equal(run.code, 0, run.stderr);
    assert.ok(existsSync(path.join(root, 'out/edition.pdf')));
  });
});
