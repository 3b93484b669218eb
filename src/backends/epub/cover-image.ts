// A typographic cover for an issue that has no cover image: the masthead, the issue and its
// dateline, and the articles in it, drawn as SVG and rasterized by sharp. Text is measured
// with the metrics of the DejaVu Serif files that ship with the tool, the same family the
// SVG asks for, so lines are wrapped before drawing. Same issue, same machine: same bytes.
import { openFont } from '../../vendor/fontkit.js';
import { createRequire } from 'node:module';
import sharp from 'sharp';
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
    },
    content,
  );
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

  // The articles, as many as fit above the footer.
  // `top` is the top of the next line; a line's baseline sits at top + 0.8 × its size.
  const bottom = COVER_HEIGHT - 230;
  let top = bandHeight + 110;
  parts.push(svgText(labels.inThisIssue.toUpperCase(), { x: MARGIN, y: top + 32, size: 40, face: 'bold', fill: ACCENT, letterSpacing: 6 }));
  parts.push(h('rect', { x: MARGIN, y: top + 62, width: MEASURE, height: 4, fill: ACCENT }));
  top += 130;
  // Few articles: large titles with bylines. Many: smaller titles, no bylines.
  const roomy = issue.articles.length <= 5;
  const titleSize = roomy ? 76 : 58;
  const titleLead = Math.round(titleSize * 1.2);
  const gap = roomy ? 56 : 34;
  const deptSize = 30;
  const bylineSize = 38;
  let shown = 0;
  let lastDept: string | null = null;
  for (const article of issue.articles) {
    // A department is named once, above the first of its run of articles.
    const deptName = article.department ?? null;
    const dept = deptName && deptName !== lastDept ? fitOneLine(deptName.toUpperCase(), 'regular', deptSize, MEASURE, 4) : null;
    const title = clampLines(wrap(article.titleText, 'bold', titleSize, MEASURE), 2, 'bold', titleSize, MEASURE);
    const byline = roomy && article.byline ? fitOneLine(article.byline, 'italic', bylineSize, MEASURE) : undefined;
    const height = (dept ? 52 : 0) + title.length * titleLead + (byline ? 60 : 0) + gap;
    const more = issue.articles.length - shown > 1;
    if (top + height > bottom - (more ? 70 : 0)) break;
    if (dept) {
      if (shown > 0) top += gap / 2;
      parts.push(svgText(dept, { x: MARGIN, y: top + deptSize * 0.8, size: deptSize, face: 'regular', fill: ACCENT, letterSpacing: 4 }));
      top += 52;
    }
    for (const line of title) {
      parts.push(svgText(line, { x: MARGIN, y: Math.round(top + titleSize * 0.85), size: titleSize, face: 'bold', fill: INK }));
      top += titleLead;
    }
    if (byline) {
      parts.push(svgText(byline, { x: MARGIN, y: Math.round(top + bylineSize * 0.8), size: bylineSize, face: 'italic', fill: '#5a544b' }));
      top += 60;
    }
    top += gap;
    lastDept = deptName;
    shown += 1;
  }
  if (shown < issue.articles.length) {
    const more = fillLabel(labels.andMore, { n: issue.articles.length - shown });
    parts.push(svgText(more, { x: MARGIN, y: top + 32, size: 40, face: 'italic', fill: '#5a544b' }));
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

/** The cover as a PNG of COVER_WIDTH × COVER_HEIGHT pixels. */
export async function renderCoverImage(issue: Issue, labels: EpubLabels): Promise<Buffer> {
  return sharp(Buffer.from(coverSvg(issue, labels)), { density: 72 })
    .png({ compressionLevel: 9, adaptiveFiltering: false, palette: false })
    .toBuffer();
}
