// Fonts by role: opened once (fontkit), asked for coverage and widths. No drawing here.
import type * as fontkit from 'fontkit';
import { fileStamp } from '../../cache/trace.js';
import { memo } from '../../cache/memos.js';
import { openFont } from '../../vendor/fontkit.js';
import type { Layout } from '../../settings/layout.js';
import { CJK_FONTS, FALLBACK_FONTS, LAST_RESORT_FONTS, type FontSet } from '../../settings/fonts.js';
import type { FontFamily, FontKey, FontStyle } from '../../pages/page.js';

/** Widths in ems of shaped strings, per font file; shared by every build in this process. */
const widthCaches = memo<string, Map<string, number>>('fonts/widths');
/** Glyph counts of shaped strings, per font file, alongside the widths. */
const countCaches = memo<string, Map<string, number>>('fonts/glyph-counts');
/** Widths of the fragments of hyphenatable words, by font file, word and cuts. */
const pieceCache = memo<string, number[]>('fonts/pieces');
/** Each font file's size and time when its widths began to be measured (or were adopted). */
const stamps = memo<string, string>('fonts/stamps');

/**
 * One font file's entries in the width memos, as handed to the next process (through the
 * layouts the disk cache keeps, see layout-memo.ts): shaping every word of an edited article
 * again in a new process took most of its setting time. `stamp` (size and time) tells the
 * file the widths were measured in from one changed since.
 */
export interface FileWidths {
  file: string;
  stamp: string;
  widths: Map<string, number>;
  counts: Map<string, number>;
  /** The piece cache's entries for this file, by the rest of their key (text and cuts). */
  pieces: Map<string, number[]>;
}

/** Notes the file's stamp the first time its widths are measured in this process. */
function noteStamp(file: string): void {
  if (stamps.has(file)) return;
  const stamp = fileStamp(file);
  if (stamp) stamps.set(file, stamp);
}

/** Whether this process has measured any text yet (or adopted measures). */
export function measuredAny(): boolean {
  return stamps.size > 0;
}

/** How many entries the width memos hold. */
export function widthEntries(): number {
  let n = pieceCache.size;
  for (const m of widthCaches.values()) n += m.size;
  for (const m of countCaches.values()) n += m.size;
  return n;
}

/** What the width memos hold, by font file (one that could not be stamped is left out). */
export function widthsKept(): FileWidths[] {
  const pieces = new Map<string, Map<string, number[]>>();
  for (const [k, v] of pieceCache) {
    const i = k.indexOf('\u0000');
    const file = k.slice(0, i);
    let m = pieces.get(file);
    if (!m) pieces.set(file, (m = new Map()));
    m.set(k.slice(i + 1), v);
  }
  return [...stamps].map(([file, stamp]) => ({
    file,
    stamp,
    widths: widthCaches.get(file) ?? new Map(),
    counts: countCaches.get(file) ?? new Map(),
    pieces: pieces.get(file) ?? new Map(),
  }));
}

/** Widths measured by another process, for the files not changed since; what this one measured stays. */
export function adoptWidths(kept: readonly FileWidths[]): void {
  for (const k of kept) {
    if (typeof k.file !== 'string' || !(k.widths instanceof Map) || !(k.counts instanceof Map) || !(k.pieces instanceof Map)) continue;
    const now = stamps.get(k.file) ?? fileStamp(k.file);
    if (now === undefined || now !== k.stamp) continue;
    stamps.set(k.file, now);
    seed(widthCaches, k.file, k.widths);
    seed(countCaches, k.file, k.counts);
    for (const [rest, v] of k.pieces) {
      const key = `${k.file}\u0000${rest}`;
      if (!pieceCache.has(key)) pieceCache.set(key, v);
    }
  }
}

/** The memo of `file` in `caches` given the entries of `from` it lacks (`from` itself when it has none). */
function seed<V>(caches: Map<string, Map<string, V>>, file: string, from: Map<string, V>): void {
  const m = caches.get(file);
  if (!m) caches.set(file, from);
  else for (const [text, v] of from) if (!m.has(text)) m.set(text, v);
}

export function fontKey(family: FontFamily, style: FontStyle): FontKey {
  return `${family}:${style}`;
}

export function splitKey(key: FontKey): [FontFamily, FontStyle] {
  const i = key.indexOf(':');
  return [key.slice(0, i) as FontFamily, key.slice(i + 1) as FontStyle];
}

function familySet(layout: Layout, family: FontFamily): FontSet {
  switch (family) {
    case 'body':
    case 'heading':
    case 'mono':
      return layout.fonts[family];
    case 'fallback-serif':
      return FALLBACK_FONTS.serif;
    case 'fallback-sans':
      return FALLBACK_FONTS.sans;
    case 'cjk-ja':
      return CJK_FONTS.ja;
    case 'cjk-zh':
      return CJK_FONTS.zh;
    case 'hangul':
      return LAST_RESORT_FONTS.hangul;
    case 'emoji':
      return LAST_RESORT_FONTS.emoji;
    default:
      throw new Error(`unknown font family ${family as string}`);
  }
}

/** The file a font key stands for under a layout (the PDF writer embeds it). */
export function fontPath(layout: Layout, key: FontKey): string {
  const [family, style] = splitKey(key);
  return familySet(layout, family)[style];
}

export interface FontMetrics {
  /** In ems. */
  ascent: number;
  descent: number;
  capHeight: number;
  xHeight: number;
}

/** The fonts of one build: coverage, fallback and cached widths (in ems). */
export class Fonts {
  private faces = new Map<FontKey, fontkit.Font>();
  private widths = new Map<FontKey, Map<string, number>>();
  private coverage = new Map<FontKey, Map<number, boolean>>();
  private chains = new Map<string, FontKey[]>();
  private resolved = new Map<string, Map<number, FontKey | null>>();
  /** The maps of `resolved` by key and language tag. */
  private resolvedFor = new Map<FontKey, Map<string, Map<number, FontKey | null>>>();
  private glyphCounts = new Map<FontKey, Map<string, number>>();
  private advances = new Map<FontKey, Map<number, number>>();

  constructor(readonly layout: Layout) {}

  face(key: FontKey): fontkit.Font {
    let f = this.faces.get(key);
    if (!f) {
      f = openFont(fontPath(this.layout, key));
      this.faces.set(key, f);
    }
    return f;
  }

  /** Whether this build has opened the font of `key` (CJK fonts are opened only when a run needs them). */
  /** The file `key` stands for under this build's layout. */
  file(key: FontKey): string {
    return fontPath(this.layout, key);
  }

  isOpen(key: FontKey): boolean {
    return this.faces.has(key);
  }

  metrics(key: FontKey): FontMetrics {
    const f = this.face(key);
    const u = f.unitsPerEm;
    return { ascent: f.ascent / u, descent: -f.descent / u, capHeight: (f.capHeight || f.ascent * 0.7) / u, xHeight: (f.xHeight || f.ascent * 0.5) / u };
  }

  has(key: FontKey, cp: number): boolean {
    let m = this.coverage.get(key);
    if (!m) this.coverage.set(key, (m = new Map()));
    let v = m.get(cp);
    if (v === undefined) {
      v = this.face(key).hasGlyphForCodePoint(cp);
      m.set(cp, v);
    }
    return v;
  }

  /**
   * The first font of the fallback stack starting at `key` that has `cp`, or null. The
   * stack depends on the text's language: Japanese tries Noto Serif JP right after the
   * layout's font (which sets the Latin), Chinese Noto Serif SC; other languages try them
   * last. A font is opened only when asked for a character, so CJK fonts cost nothing to
   * an edition that never needs them.
   */
  resolve(key: FontKey, cp: number, lang = ''): FontKey | null {
    // Asked for every character set: by key and language tag, no key string is made.
    let byLang = this.resolvedFor.get(key);
    if (!byLang) this.resolvedFor.set(key, (byLang = new Map()));
    let m = byLang.get(lang);
    if (!m) {
      const id = `${key}|${cjkOf(lang)}`;
      m = this.resolved.get(id);
      if (!m) this.resolved.set(id, (m = new Map()));
      byLang.set(lang, m);
    }
    let k = m.get(cp);
    if (k === undefined) {
      const script = cjkOf(lang);
      const chain = this.chain(key, script);
      // Quotation marks, ellipses and dashes in Chinese and Japanese take the CJK font's full-width forms.
      const first = script && CJK_PUNCT.has(cp) ? chain[0] : key;
      k = this.has(first, cp) ? first : this.has(key, cp) ? key : (chain.find((c) => this.has(c, cp)) ?? null);
      m.set(cp, k);
    }
    return k;
  }

  /** Width of `text` in ems, shaped (kerning, ligatures) as pdfkit will draw it. */
  width(key: FontKey, text: string): number {
    let m = this.widths.get(key);
    if (!m) {
      const file = fontPath(this.layout, key);
      m = widthCaches.get(file);
      if (!m) widthCaches.set(file, (m = new Map()));
      noteStamp(file);
      this.widths.set(key, m);
    }
    let w = m.get(text);
    if (w === undefined) {
      const f = this.face(key);
      const run = f.layout(text);
      w = run.advanceWidth / f.unitsPerEm;
      m.set(text, w);
      this.counts(key).set(text, run.glyphs.length);
    }
    return w;
  }

  /**
   * Widths in ems of the pieces text.slice(cuts[i], cuts[i + 1]) (cuts run from 0 to
   * text.length), from one shaping of the whole text: each glyph counts for the piece
   * its first character is in. The whole text's width is cached on the way.
   */
  pieceWidths(key: FontKey, text: string, cuts: readonly number[]): number[] {
    const out = new Array<number>(cuts.length - 1).fill(0);
    if (cuts.length === 2) {
      out[0] = this.width(key, text);
      return out;
    }
    const cacheKey = `${fontPath(this.layout, key)}\u0000${text}\u0000${cuts.join(',')}`;
    const hit = pieceCache.get(cacheKey);
    if (hit) return hit;
    const f = this.face(key);
    const run = f.layout(text);
    let at = 0;
    let piece = 0;
    for (let g = 0; g < run.glyphs.length; g++) {
      while (piece < out.length - 1 && at >= cuts[piece + 1]) piece++;
      out[piece] += run.positions[g].xAdvance / f.unitsPerEm;
      for (const cp of run.glyphs[g].codePoints) at += cp > 0xffff ? 2 : 1;
    }
    if (at !== text.length) {
      // Shaping changed the characters (composition, decomposition): measure each piece.
      return out.map((_, i) => this.width(key, text.slice(cuts[i], cuts[i + 1])));
    }
    this.widths.get(key)?.set(text, run.advanceWidth / f.unitsPerEm);
    this.counts(key).set(text, run.glyphs.length);
    pieceCache.set(cacheKey, out);
    return out;
  }

  /**
   * Advance in ems of the glyph the font maps `cp` to, unshaped (no kerning, ligatures or
   * mark positioning): an estimate, cheap enough to walk a word of a million characters
   * that shaping whole would take seconds and hundreds of megabytes.
   */
  advance(key: FontKey, cp: number): number {
    let m = this.advances.get(key);
    if (!m) this.advances.set(key, (m = new Map()));
    let a = m.get(cp);
    if (a === undefined) {
      const f = this.face(key);
      a = f.glyphForCodePoint(cp).advanceWidth / f.unitsPerEm;
      m.set(cp, a);
    }
    return a;
  }

  /** Number of glyphs `text` shapes to (letter spacing is added per glyph). */
  glyphCount(key: FontKey, text: string): number {
    const n = this.counts(key).get(text);
    if (n !== undefined) return n;
    this.width(key, text);
    return this.counts(key).get(text) ?? this.face(key).layout(text).glyphs.length;
  }

  /** Glyph counts of shaped strings, filled whenever a width is measured. */
  private counts(key: FontKey): Map<string, number> {
    let m = this.glyphCounts.get(key);
    if (!m) {
      const file = fontPath(this.layout, key);
      m = countCaches.get(file);
      if (!m) countCaches.set(file, (m = new Map()));
      noteStamp(file);
      this.glyphCounts.set(key, m);
    }
    return m;
  }

  private chain(key: FontKey, script: '' | 'ja' | 'zh'): FontKey[] {
    const id = `${key}|${script}`;
    let c = this.chains.get(id);
    if (!c) {
      const [family, style] = splitKey(key);
      const families: FontFamily[] = ['body', 'heading', 'mono', 'fallback-serif', 'fallback-sans'];
      c = families.filter((f) => f !== family).map((f) => fontKey(f, style));
      if (style !== 'regular') c.push(fontKey('fallback-serif', 'regular'), fontKey('fallback-sans', 'regular'));
      const cjk: FontFamily[] = script === 'zh' ? ['cjk-zh', 'cjk-ja'] : ['cjk-ja', 'cjk-zh'];
      // Headings are semibold in Latin: their ideographs and kana take the bold CJK face.
      const cjkStyle: FontStyle = family === 'heading' ? 'bold' : style;
      const cjkKeys = cjk.filter((f) => f !== family).map((f) => fontKey(f, cjkStyle));
      // ja, zh: the CJK font right after the text's own; other languages: last resorts.
      c = script ? [cjkKeys[0], ...c, ...cjkKeys.slice(1)] : [...c, ...cjkKeys];
      // Korean and emoji come after everything else; their bold faces serve bold headings.
      c.push(...(['hangul', 'emoji'] as const).filter((f) => f !== family).map((f) => fontKey(f, cjkStyle)));
      this.chains.set(id, c);
    }
    return c;
  }
}

/** The CJK stack a language tag asks for: 'ja', 'zh' or none. */
export function cjkOf(lang: string): '' | 'ja' | 'zh' {
  const primary = lang.toLowerCase().split(/[-_]/)[0];
  return primary === 'ja' ? 'ja' : primary === 'zh' ? 'zh' : '';
}

/** ‘ ’ “ ” … — set from the CJK font in Chinese and Japanese text (full-width forms). */
const CJK_PUNCT = new Set([0x2018, 0x2019, 0x201c, 0x201d, 0x2026, 0x2014]);
