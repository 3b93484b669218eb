// A typographic cover for an issue that has no cover image: the masthead, the issue and its
// dateline, and every article in it (in smaller type, then two columns, when there are many),
// drawn as SVG and rasterized by sharp. Text is measured with the metrics of the DejaVu Serif
// files that ship with the tool, the same family the SVG asks for, so lines are wrapped
// before drawing. Same issue, same machine: same bytes.
import { openFont } from '../../vendor/fontkit.js';
import { createRequire } from 'node:module';
import sharp from 'sharp';
import { codeVersion } from '../../cache/code-version.js';
import { type BuildCache, cacheKey, NO_CACHE } from '../../cache/disk-cache.js';
import { memo, pending } from '../../cache/memos.js';
import type { Issue } from '../../model/types.js';
import type { EpubLabels } from './labels.js';
import { fillLabel } from '../../i18n/labels.js';
import { h, serialize, type Child } from './xml.js';

export const COVER_WIDTH = 1600;
export const COVER_HEIGHT = 2400;

const FONT_FAMILY = 'DejaVu Serif, serif';
const MARGIN = 120;
const MEASURE = COVER_WIDTH - 2 * MARGIN;
const INK = '#1f1d1a';
const PAPER = '#f6f1e7';
const BAND = '#1d2b36';
const ACCENT = '#a3301f';
const GOLD = '#e2c27a';

type Face = 'regular' | 'bold' | 'italic';

const require = createRequire(import.meta.url);
const FACE_FILES: Record<Face, string> = {
  regular: 'dejavu-fonts-ttf/ttf/DejaVuSerif.ttf',
  bold: 'dejavu-fonts-ttf/ttf/DejaVuSerif-Bold.ttf',
  italic: 'dejavu-fonts-ttf/ttf/DejaVuSerif-Italic.ttf',
};
function font(face: Face) {
  return openFont(require.resolve(FACE_FILES[face]));
}

/** Advance width of `text` in ems; a character DejaVu lacks (CJK) counts a full em. */
export function textWidth(text: string, face: Face, letterSpacingEm = 0): number {
  const f = font(face);
  let units = 0;
  let count = 0;
  for (const ch of text) {
    const glyph = f.glyphForCodePoint(ch.codePointAt(0)!);
    units += glyph.id ? glyph.advanceWidth : f.unitsPerEm;
    count += 1;
  }
  return units / f.unitsPerEm + letterSpacingEm * count;
}

/**
 * Greedy line breaking at spaces; a word longer than the measure is broken between
 * characters (scripts without spaces, such as Japanese, wrap that way).
 */
export function wrap(text: string, face: Face, size: number, width: number): string[] {
  const fits = (s: string): boolean => textWidth(s, face) * size <= width;
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (fits(candidate)) {
      line = candidate;
      continue;
    }
    if (line) lines.push(line);
    line = '';
    let piece = '';
    for (const ch of word) {
      if (piece && !fits(piece + ch)) {
        lines.push(piece);
        piece = '';
      }
      piece += ch;
    }
    line = piece;
  }
  if (line) lines.push(line);
  return lines;
}

/** At most `max` lines; the last one kept ends with an ellipsis when text was cut. */
function clampLines(lines: string[], max: number, face: Face, size: number, width: number): string[] {
  if (lines.length <= max) return lines;
  const kept = lines.slice(0, max);
  let last = kept[max - 1];
  while (last && textWidth(`${last}\u2026`, face) * size > width) last = [...last].slice(0, -1).join('');
  kept[max - 1] = `${last.trimEnd()}\u2026`;
  return kept;
}

/** `text` cut (with an ellipsis) to one line of `width`, counting letter spacing in pixels. */
function fitOneLine(text: string, face: Face, size: number, width: number, letterSpacing = 0): string {
  const fits = (s: string): boolean => textWidth(s, face, letterSpacing / size) * size <= width;
  if (fits(text)) return text;
  let chars = [...text];
  while (chars.length > 0 && !fits(`${chars.join('')}\u2026`)) chars = chars.slice(0, -1);
  return `${chars.join('').trimEnd()}\u2026`;
}

interface TextOptions {
  x: number;
  y: number;
  size: number;
  face: Face;
  fill: string;
  anchor?: 'start' | 'middle';
  letterSpacing?: number;
  /** The text's language, for the fonts the rasterizer falls back on (Japanese or Chinese forms of a Han character). */
  lang?: string;
}

function svgText(content: string, o: TextOptions) {
  return h(
    'text',
    {
      x: o.x,
      y: o.y,
      'font-family': FONT_FAMILY,
      'font-size': o.size,
      'font-weight': o.face === 'bold' ? 'bold' : undefined,
      'font-style': o.face === 'italic' ? 'italic' : undefined,
      'letter-spacing': o.letterSpacing,
      'text-anchor': o.anchor,
      fill: o.fill,
      'xml:lang': o.lang,
    },
    content,
  );
}

/** Japanese and Chinese have no italic: their text is never drawn in the slanted face. */
function uprightScript(lang: string): boolean {
  return /^(ja|zh)(-|$)/i.test(lang);
}

/**
 * How the list of articles on the cover is set. The first style in which every article
 * fits is used: large titles with bylines for a few articles, then smaller titles, then two
 * columns of smaller type still.
 */
export interface ListStyle {
  columns: 1 | 2;
  /** Title size in pixels. */
  size: number;
  bylines: boolean;
  /** Lines a title may take before it ends with an ellipsis. */
  maxLines: number;
  /** Space after each entry. */
  gap: number;
}

export const LIST_STYLES: readonly ListStyle[] = [
  { columns: 1, size: 76, bylines: true, maxLines: 2, gap: 56 },
  { columns: 1, size: 66, bylines: true, maxLines: 2, gap: 44 },
  { columns: 1, size: 58, bylines: false, maxLines: 2, gap: 34 },
  { columns: 1, size: 50, bylines: false, maxLines: 2, gap: 28 },
  { columns: 2, size: 58, bylines: true, maxLines: 3, gap: 36 },
  { columns: 2, size: 50, bylines: true, maxLines: 3, gap: 30 },
  { columns: 2, size: 50, bylines: false, maxLines: 3, gap: 28 },
  { columns: 2, size: 44, bylines: false, maxLines: 3, gap: 24 },
  { columns: 2, size: 38, bylines: false, maxLines: 3, gap: 20 },
  { columns: 2, size: 33, bylines: false, maxLines: 3, gap: 16 },
  { columns: 2, size: 28, bylines: false, maxLines: 3, gap: 14 },
];

const COLUMN_GAP = 80;
/** Room under the list for the line that says how many articles are left out. */
const MORE_HEIGHT = 70;

/** One article as a style sets it. */
interface Entry {
  /** The department, upper-cased, when it has one. */
  department: string | null;
  title: string[];
  /** Whether the title was cut to the style's lines (it then ends with an ellipsis). */
  cut: boolean;
  byline: string | null;
  lang: string;
}

interface Metrics {
  style: ListStyle;
  width: number;
  lead: number;
  deptSize: number;
  deptBlock: number;
  bylineSize: number;
  bylineBlock: number;
}

function metrics(style: ListStyle): Metrics {
  const deptSize = Math.max(20, Math.min(30, Math.round(style.size * 0.45)));
  const bylineSize = Math.round(style.size * 0.5);
  return {
    style,
    width: style.columns === 1 ? MEASURE : (MEASURE - COLUMN_GAP) / 2,
    lead: Math.round(style.size * 1.2),
    deptSize,
    deptBlock: Math.round(deptSize * 1.75),
    bylineSize,
    bylineBlock: Math.round(bylineSize * 1.6),
  };
}

function entries(articles: Issue['articles'], m: Metrics): Entry[] {
  return articles.map((article) => {
    const lines = wrap(article.titleText, 'bold', m.style.size, m.width);
    return {
      department: article.department ? fitOneLine(article.department.toUpperCase(), 'regular', m.deptSize, m.width, 4) : null,
      title: clampLines(lines, m.style.maxLines, 'bold', m.style.size, m.width),
      cut: lines.length > m.style.maxLines,
      byline: m.style.bylines && article.byline ? fitOneLine(article.byline, uprightScript(article.lang) ? 'regular' : 'italic', m.bylineSize, m.width) : null,
      lang: article.lang,
    };
  });
}

/** A department is named above the first of its run of articles, and again atop a column. */
function namesDepartment(column: readonly Entry[], i: number): boolean {
  const dept = column[i].department;
  return dept !== null && (i === 0 || column[i - 1].department !== dept);
}

/** Height of a column of entries, the space after its last one left out. */
function columnHeight(column: readonly Entry[], m: Metrics): number {
  let height = 0;
  column.forEach((entry, i) => {
    if (namesDepartment(column, i)) height += m.deptBlock + (i > 0 ? m.style.gap / 2 : 0);
    height += entry.title.length * m.lead + (entry.byline ? m.bylineBlock : 0) + m.style.gap;
  });
  return column.length > 0 ? height - m.style.gap : 0;
}

/**
 * The entries in columns of at most `room` pixels, balanced, when they all fit (and, unless
 * `cutting`, none of their titles is cut short); else `null`.
 */
function balanced(all: Entry[], m: Metrics, room: number, cutting: boolean): Entry[][] | null {
  if (!cutting && all.some((entry) => entry.cut)) return null;
  if (m.style.columns === 1) return columnHeight(all, m) <= room ? [all] : null;
  let best: { columns: Entry[][]; height: number } | null = null;
  for (let k = 1; k <= all.length; k++) {
    const columns = [all.slice(0, k), all.slice(k)];
    const height = Math.max(...columns.map((c) => columnHeight(c, m)));
    if (height <= room && (!best || height < best.height)) best = { columns, height };
  }
  return best?.columns ?? null;
}

/** As many entries as fill the columns in reading order, for when not all of them can. */
function filled(all: Entry[], m: Metrics, room: number): Entry[][] {
  const columns: Entry[][] = [];
  let next = 0;
  for (let c = 0; c < m.style.columns; c++) {
    const column: Entry[] = [];
    while (next < all.length && columnHeight([...column, all[next]], m) <= room) column.push(all[next++]);
    columns.push(column);
  }
  return columns;
}

/**
 * The list of the issue's articles between `top` and `bottom`: every one of them in the
 * first style where they all fit; when not even the smallest does, as many as it holds and
 * a line saying how many more the issue has, in its language.
 */
function articleList(issue: Issue, labels: EpubLabels, top: number, bottom: number): Child[] {
  const total = issue.articles.length;
  let layout: { m: Metrics; columns: Entry[][] } | null = null;
  const room = bottom - top;
  // A title too long for the lines of every style is cut (with an ellipsis) rather than lose its article.
  for (const cutting of [false, true]) {
    for (const style of LIST_STYLES) {
      const m = metrics(style);
      // Every entry takes a line of title at least: more than the columns hold cannot fit.
      if (layout || total * (m.lead + style.gap) - style.gap > style.columns * room) continue;
      const columns = balanced(entries(issue.articles, m), m, room, cutting);
      if (columns) layout = { m, columns };
    }
  }
  if (!layout) {
    const m = metrics(LIST_STYLES[LIST_STYLES.length - 1]);
    const most = m.style.columns * Math.ceil(room / m.lead);
    layout = { m, columns: filled(entries(issue.articles.slice(0, most), m), m, room - MORE_HEIGHT) };
  }
  const { m, columns } = layout;
  const parts: Child[] = [];
  columns.forEach((column, c) => {
    const x = MARGIN + c * (m.width + COLUMN_GAP);
    let y = top;
    column.forEach((entry, i) => {
      if (namesDepartment(column, i)) {
        if (i > 0) y += m.style.gap / 2;
        parts.push(
          svgText(entry.department ?? '', { x, y: Math.round(y + m.deptSize * 0.8), size: m.deptSize, face: 'regular', fill: ACCENT, letterSpacing: 4 }),
        );
        y += m.deptBlock;
      }
      for (const line of entry.title) {
        parts.push(svgText(line, { x, y: Math.round(y + m.style.size * 0.85), size: m.style.size, face: 'bold', fill: INK, lang: entry.lang }));
        y += m.lead;
      }
      if (entry.byline) {
        const face = uprightScript(entry.lang) ? 'regular' : 'italic';
        parts.push(svgText(entry.byline, { x, y: Math.round(y + m.bylineSize * 0.8), size: m.bylineSize, face, fill: '#5a544b', lang: entry.lang }));
        y += m.bylineBlock;
      }
      y += m.style.gap;
    });
  });
  const shown = columns.reduce((n, column) => n + column.length, 0);
  if (shown < total) {
    const y = top + Math.max(...columns.map((column) => columnHeight(column, m))) + m.style.gap;
    const more = fitOneLine(fillLabel(labels.andMore, { n: total - shown }), 'italic', 40, MEASURE);
    const face = uprightScript(labels.lang) ? 'regular' : 'italic';
    parts.push(svgText(more, { x: MARGIN, y: Math.round(y + 32), size: 40, face, fill: '#5a544b', lang: labels.lang }));
  }
  return parts;
}

/** The SVG source of the cover (exported for tests and for looking at it). */
export function coverSvg(issue: Issue, labels: EpubLabels): string {
  const parts: Child[] = [h('rect', { width: COVER_WIDTH, height: COVER_HEIGHT, fill: PAPER })];

  // Masthead: as large as fits, on at most three lines.
  let size = 210;
  let masthead = wrap(issue.publication, 'bold', size, MEASURE);
  while (size > 90 && masthead.length > 2) {
    size -= 10;
    masthead = wrap(issue.publication, 'bold', size, MEASURE);
  }
  masthead = clampLines(masthead, 3, 'bold', size, MEASURE);
  const lead = Math.round(size * 1.1);
  let y = 130 + lead * 0.8;
  const mastheadLines = masthead.map((line, i) =>
    svgText(line, { x: COVER_WIDTH / 2, y: Math.round(y + i * lead), size, face: 'bold', fill: PAPER, anchor: 'middle' }),
  );
  y += (masthead.length - 1) * lead + 130;
  const issueLine = [issue.issue, issue.dateline].filter((s) => s.trim()).join('  \u00b7  ');
  const issueSize = 54;
  const [issueText] = clampLines(wrap(issueLine, 'regular', issueSize, MEASURE), 1, 'regular', issueSize, MEASURE);
  const bandHeight = Math.round(y + 90);
  parts.push(h('rect', { width: COVER_WIDTH, height: bandHeight, fill: BAND }), ...mastheadLines);
  parts.push(h('rect', { x: MARGIN, y: Math.round(y - 95), width: MEASURE, height: 3, fill: GOLD }));
  if (issueText) {
    parts.push(svgText(issueText, { x: COVER_WIDTH / 2, y: Math.round(y), size: issueSize, face: 'regular', fill: GOLD, anchor: 'middle' }));
  }

  // Every article, set as large as lets all of them fit above the footer.
  if (issue.articles.length > 0) {
    const top = bandHeight + 110;
    parts.push(svgText(labels.inThisIssue.toUpperCase(), { x: MARGIN, y: top + 32, size: 40, face: 'bold', fill: ACCENT, letterSpacing: 6 }));
    parts.push(h('rect', { x: MARGIN, y: top + 62, width: MEASURE, height: 4, fill: ACCENT }));
    parts.push(...articleList(issue, labels, top + 130, COVER_HEIGHT - 230));
  }

  // Footer: the publisher, under a rule.
  parts.push(h('rect', { x: MARGIN, y: COVER_HEIGHT - 190, width: MEASURE, height: 3, fill: INK }));
  if (issue.publisher) {
    const pub = clampLines(wrap(issue.publisher, 'regular', 40, MEASURE), 1, 'regular', 40, MEASURE);
    parts.push(svgText(pub[0] ?? '', { x: COVER_WIDTH / 2, y: COVER_HEIGHT - 110, size: 40, face: 'regular', fill: INK, anchor: 'middle' }));
  }

  const svg = h('svg', { xmlns: 'http://www.w3.org/2000/svg', width: COVER_WIDTH, height: COVER_HEIGHT, viewBox: `0 0 ${COVER_WIDTH} ${COVER_HEIGHT}` }, parts);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${serialize(svg, { vocabulary: 'xml' })}\n`;
}

// Drawn once per process for each cover (a preview's rebuilds), and kept in the build cache.
const drawn = memo<string, Promise<Buffer>>('epub/cover');

/**
 * The cover as a PNG of COVER_WIDTH × COVER_HEIGHT pixels. Drawing it takes a fifth of a
 * second and most of the EPUB's time after an edit, for the same picture: it is drawn again
 * only when its text changes.
 */
export function renderCoverImage(issue: Issue, labels: EpubLabels, store: BuildCache = NO_CACHE): Promise<Buffer> {
  const svg = coverSvg(issue, labels);
  return pending(drawn, svg, () =>
    store.through('cover', cacheKey(codeVersion(), 'cover', svg), () =>
      sharp(Buffer.from(svg), { density: 72 }).png({ compressionLevel: 9, adaptiveFiltering: false, palette: false }).toBuffer(),
    ),
  );
}
