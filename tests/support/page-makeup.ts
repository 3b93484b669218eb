// Page makeup measured from the rendered PDF alone, as ../shared/tools/page-makeup does it
// (same definitions, same thresholds), so a test can hold the page builder to
// 0 runt pages, 0 holes and 0 figure-order faults.
//
// Every page is rendered in gray at 36 dpi (pdftoppm); a pixel darker than 170 is ink (text,
// rules and figures alike). The live area is the extent of ink on the content pages with the
// running heads and folios set apart (bands that recur at the same height on most pages); it
// is split into the layout's columns, and in the middle 70 % of each column the largest band
// of rows with no ink is measured, as a share of the live area's height. Then:
//
//   runt page   every column blank over at least half the live area (the issue's last page
//               counts; a contents page does not)
//   hole        on a page inside an article, a column blank over 15 % or more; on an
//               article's last page, columns whose blank shares differ by 15 % or more
//   figure      "Figure N" captions (in the publisher's twelve languages) read in reading
//   order       order (pdftotext) must go 1, 2, 3…, starting again at 1 when an article has
//               started (the leaves of the PDF outline, read with qpdf, mark where)
//
// The first page (a cover or front page) is left out unless `firstPageToo`; blank pages
// (padding) are left out.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { requireValidators } from './validators.js';

export interface MakeupOptions {
  /** Text columns of the layout. */
  columns: number;
  /** Rendering resolution; 36 unless told. */
  dpi?: number;
  /** Measure the first page as well (normally a cover or a front page, left out). */
  firstPageToo?: boolean;
}

export interface PageMeasure {
  /** 1-based page number. */
  page: number;
  /** Per column, the largest blank band as a share of the live area's height (3 decimals). */
  blankByColumn: number[];
  /** The page is an article's last (the next page starts an article, or it is the last content page). */
  endsArticle: boolean;
  /** A contents page or other front matter, never a runt. */
  frontMatter?: boolean;
  runt?: boolean;
}

export interface Hole {
  page: number;
  /** 1-based column. */
  column: number;
  /** Its blank share of the live area. */
  blank: number;
  why: 'column stops short' | 'columns not balanced';
}

export interface Makeup {
  pages: number;
  contentPages: number;
  /** Live area, in pixels at `dpi`. */
  liveArea: { top: number; bottom: number; dpi: number };
  runtPages: number[];
  holes: Hole[];
  /** Every caption number in reading order. */
  figureSequence: number[];
  /** `p<page>: <previous>→<number>` for each caption out of order. */
  figureOrderFaults: string[];
  byPage: PageMeasure[];
}

/** A gray page as ink: `ink[y * width + x]` is 1 where the pixel is darker than 170. */
export interface InkPage {
  width: number;
  height: number;
  ink: Uint8Array;
}

/** Parse a binary PGM (P5, 8 bits) into ink. */
export function readPgm(data: Buffer): InkPage {
  const fields: string[] = [];
  let i = 0;
  const space = (b: number) => b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d || b === 0x0b || b === 0x0c;
  while (fields.length < 4) {
    while (i < data.length && space(data[i])) i++;
    if (data[i] === 0x23) {
      // a comment runs to the end of its line
      while (i < data.length && data[i] !== 0x0a) i++;
      continue;
    }
    const start = i;
    while (i < data.length && !space(data[i])) i++;
    fields.push(data.subarray(start, i).toString('latin1'));
  }
  i++; // the single whitespace after maxval
  if (fields[0] !== 'P5') throw new Error(`not a binary PGM (magic ${fields[0]})`);
  const width = Number(fields[1]);
  const height = Number(fields[2]);
  if (Number(fields[3]) > 255) throw new Error('16-bit PGM not supported');
  if (data.length < i + width * height) throw new Error(`PGM truncated: ${data.length - i} bytes for ${width} × ${height}`);
  const ink = new Uint8Array(width * height);
  for (let k = 0; k < width * height; k++) ink[k] = data[i + k] < 170 ? 1 : 0;
  return { width, height, ink };
}

type Band = [number, number];

/** Runs of true in a boolean vector, as [start, end) pairs. */
export function bands(rows: readonly boolean[]): Band[] {
  const out: Band[] = [];
  let start = -1;
  rows.forEach((v, k) => {
    if (v && start < 0) start = k;
    else if (!v && start >= 0) {
      out.push([start, k]);
      start = -1;
    }
  });
  if (start >= 0) out.push([start, rows.length]);
  return out;
}

/** Rows of `p` (between `top` and `bottom`, over columns `x0`..`x1`) that hold ink. */
function inkRows(p: InkPage, top = 0, bottom = p.height, x0 = 0, x1 = p.width): boolean[] {
  const out: boolean[] = [];
  for (let y = top; y < bottom; y++) {
    let any = false;
    const row = y * p.width;
    for (let x = x0; x < x1 && !any; x++) any = p.ink[row + x] === 1;
    out.push(any);
  }
  return out;
}

/** Columns of `p` (over rows `top`..`bottom`) that hold ink. */
function inkColumns(p: InkPage, top = 0, bottom = p.height): boolean[] {
  const out = new Array<boolean>(p.width).fill(false);
  for (let y = top; y < bottom; y++) {
    const row = y * p.width;
    for (let x = 0; x < p.width; x++) if (p.ink[row + x] === 1) out[x] = true;
  }
  return out;
}

const indicesOf = (v: readonly boolean[]) => v.flatMap((b, k) => (b ? [k] : []));

/** numpy's default (linear) percentile, truncated to an integer as the tool does. */
function pct(xs: readonly number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q / 100) * (s.length - 1);
  const lo = Math.floor(at);
  const hi = Math.min(lo + 1, s.length - 1);
  return Math.trunc(s[lo] + (s[hi] - s[lo]) * (at - lo));
}

/** An edge band that recurs within `tol` pixels on at least `share` of the pages that have one. */
function recurring(edges: readonly (Band | undefined)[], tol: number, share: number): Band | undefined {
  const known = edges.filter((e): e is Band => e !== undefined);
  let best: { n: number; e: Band } | undefined;
  for (const e of known) {
    const n = known.filter((f) => Math.abs(f[0] - e[0]) <= tol && Math.abs(f[1] - e[1]) <= tol).length;
    if (n >= share * known.length && (!best || n > best.n)) best = { n, e };
  }
  return best?.e;
}

/** Render every page of `pdf` in gray at `dpi`. */
export function renderPages(pdf: string, dpi: number): InkPage[] {
  requireValidators();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pressroom-makeup-'));
  try {
    execFileSync('pdftoppm', ['-gray', '-r', String(dpi), pdf, path.join(dir, 'p')]);
    const lastNumber = (n: string) => Number(n.match(/\d+/g)?.at(-1) ?? 0);
    const names = readdirSync(dir).sort((a, b) => lastNumber(a) - lastNumber(b));
    return names.map((n) => readPgm(readFileSync(path.join(dir, n))));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

interface OutlineItem {
  title?: string;
  destpageposfrom1?: number;
  kids?: OutlineItem[];
}

const CONTENTS_TITLE =
  /^(contents|table of contents|in this issue|inhalt|inhaltsverzeichnis|sommaire|table des mati[eè]res|[íi]ndice|sumario|sommario|spis tre[śs]ci|daftar isi|isi|содержание|оглавление|目次|目录|nilalaman|talaan ng nilalaman)$/iu;

/**
 * Where articles start (the pages of the outline's leaves) and which of those are front
 * matter: a top-level leaf beside sections (departments holding the articles), or a leaf
 * titled as a contents page.
 */
export function outlineStarts(pdf: string): { starts: Set<number>; front: Set<number> } {
  requireValidators();
  const starts = new Set<number>();
  const front = new Set<number>();
  let top: OutlineItem[] = [];
  try {
    const json = JSON.parse(execFileSync('qpdf', ['--json', '--json-key=outlines', pdf], { encoding: 'utf8', maxBuffer: 64 << 20 })) as {
      outlines?: OutlineItem[];
    };
    top = json.outlines ?? [];
  } catch {
    return { starts, front };
  }
  const sections = top.some((it) => (it.kids?.length ?? 0) > 0);
  const walk = (items: readonly OutlineItem[], depth: number) => {
    for (const it of items) {
      if (it.kids?.length) walk(it.kids, depth + 1);
      else if (it.destpageposfrom1) {
        starts.add(it.destpageposfrom1);
        if ((depth === 0 && sections) || CONTENTS_TITLE.test((it.title ?? '').trim())) front.add(it.destpageposfrom1);
      }
    }
  };
  walk(top, 0);
  return { starts, front };
}

const CAPTION = /^\s*(?:Figure|Fig\.|Abbildung|Abb\.|Figura|Rycina|Ryc\.|Gambar|Рисунок|Рис\.|Larawan|図|图)\s*(\d+)[.:．。：\s]/gmu;

/** The text of each page (index 0 is page 1), by pdftotext in reading order. */
function pageTexts(pdf: string): string[] {
  requireValidators();
  return execFileSync('pdftotext', ['-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 }).split('\f');
}

/** Measure the page makeup of `pdf`. */
export function measurePageMakeup(pdf: string, opts: MakeupOptions): Makeup {
  const dpi = opts.dpi ?? 36;
  const columns = opts.columns;
  const pages = renderPages(pdf, dpi);
  const npages = pages.length;
  const blank = pages.map((p) => p.ink.reduce((s, v) => s + v, 0) / p.ink.length < 0.0005);
  const skip = (k: number) => blank[k] || (k === 0 && !opts.firstPageToo);

  // Running heads and folios: the first and last ink band of each page, where they recur.
  const line = Math.max(2, Math.round((dpi * 14) / 72)); // about one line of body text
  const rowsOf = pages.map((p) => inkRows(p));
  const tops: (Band | undefined)[] = [];
  const foots: (Band | undefined)[] = [];
  pages.forEach((_, k) => {
    if (skip(k)) {
      tops.push(undefined);
      foots.push(undefined);
      return;
    }
    const b = bands(rowsOf[k]);
    const first = b[0];
    const last = b.at(-1);
    tops.push(first && first[1] - first[0] <= 1.5 * line ? first : undefined);
    foots.push(last && last[1] - last[0] <= 1.5 * line ? last : undefined);
  });
  const head = recurring(tops, 2, 0.4);
  const foot = recurring(foots, 2, 0.4);

  // The live area: the extent of ink on the content pages, heads and folios aside.
  const top: number[] = [];
  const bottom: number[] = [];
  const left: number[] = [];
  const right: number[] = [];
  pages.forEach((p, k) => {
    if (blank[k] || k === 0) return;
    const rows = [...rowsOf[k]];
    const t = tops[k];
    const f = foots[k];
    if (head && t && Math.abs(t[0] - head[0]) <= 2) rows.fill(false, t[0], t[1]);
    if (foot && f && Math.abs(f[0] - foot[0]) <= 2) rows.fill(false, f[0], f[1]);
    const r = indicesOf(rows);
    const c = indicesOf(inkColumns(p));
    if (r.length && c.length) {
      top.push(r[0]);
      bottom.push((r.at(-1) as number) + 1);
      left.push(c[0]);
      right.push((c.at(-1) as number) + 1);
    }
  });
  if (!top.length) throw new Error(`${pdf}: no content pages`);
  const T = pct(top, 10);
  const B = pct(bottom, 90);
  const height = B - T;

  const { starts, front } = outlineStarts(pdf);
  const content = pages.flatMap((_, k) => (blank[k] ? [] : [k + 1]));
  const lastContent = content.at(-1) ?? npages;

  const byPage: PageMeasure[] = [];
  const runtPages: number[] = [];
  const holes: Hole[] = [];
  pages.forEach((p, k) => {
    if (skip(k)) return;
    // this page's own horizontal extent (recto and verso margins differ)
    const ink = indicesOf(inkColumns(p, T, B));
    const L = ink.length ? Math.min(ink[0], pct(left, 90)) : pct(left, 10);
    const R = ink.length ? Math.max((ink.at(-1) as number) + 1, pct(right, 10)) : pct(right, 90);
    const w = (R - L) / columns;
    const gaps: number[] = [];
    for (let c = 0; c < columns; c++) {
      const x0 = Math.trunc(L + c * w + 0.15 * w);
      const x1 = Math.trunc(L + (c + 1) * w - 0.15 * w);
      const runs = bands(inkRows(p, T, B, x0, x1).map((v) => !v));
      const g = Math.max(0, ...runs.map(([s, e]) => e - s));
      gaps.push(Math.round((g / height) * 1000) / 1000);
    }
    const page = k + 1;
    const endsArticle = starts.has(page + 1) || page === lastContent || starts.size === 0;
    const row: PageMeasure = { page, blankByColumn: gaps, endsArticle };
    const most = Math.max(...gaps);
    const least = Math.min(...gaps);
    if (front.has(page)) row.frontMatter = true;
    else if (least >= 0.5) {
      runtPages.push(page);
      row.runt = true;
    } else if (!endsArticle) {
      gaps.forEach((g, c) => {
        if (g >= 0.15) holes.push({ page, column: c + 1, blank: g, why: 'column stops short' });
      });
    } else if (most - least >= 0.15) {
      const c = gaps.indexOf(most);
      holes.push({ page, column: c + 1, blank: most, why: 'columns not balanced' });
    }
    byPage.push(row);
  });

  // Figure order within articles: a number goes up by one, or starts again at 1 after an
  // article has started.
  const texts = pageTexts(pdf);
  const figureSequence: number[] = [];
  const figureOrderFaults: string[] = [];
  let prev = 0;
  let prevPage = 0;
  for (const page of content) {
    for (const m of (texts[page - 1] ?? '').matchAll(CAPTION)) {
      const n = Number(m[1]);
      figureSequence.push(n);
      const startsHere = starts.size ? [...starts] : [page];
      const restarted = n === 1 && startsHere.some((s) => prevPage < s && s <= page);
      if (!(n === prev + 1 || restarted)) figureOrderFaults.push(`p${page}: ${prev}→${n}`);
      prev = n;
      prevPage = page;
    }
  }

  return { pages: npages, contentPages: byPage.length, liveArea: { top: T, bottom: B, dpi }, runtPages, holes, figureSequence, figureOrderFaults, byPage };
}

/** The measure page by page and its findings, as the shared tool prints them. */
export function formatMakeup(m: Makeup): string {
  const pct0 = (x: number) => `${Math.round(100 * x)}%`.padStart(4);
  const lines = m.byPage.map((r) => {
    const flag = r.runt ? ' RUNT' : r.frontMatter ? ' (front matter)' : '';
    const end = r.endsArticle ? ' (article ends)' : '';
    return `p${String(r.page).padStart(3)}: blank by column ${r.blankByColumn.map(pct0).join(' ')}${flag}${end}`;
  });
  const holes = m.holes.map((h) => `p${h.page}c${h.column} ${Math.round(100 * h.blank)}% ${h.why}`).join(', ');
  lines.push(`holes: ${holes || 'none'}`);
  lines.push(`figure order: ${m.figureSequence.join(' ') || 'no captions'}; faults: ${m.figureOrderFaults.join(', ') || 'none'}`);
  lines.push(
    `runt pages ${m.runtPages.length} [${m.runtPages.join(', ')}] · holes ${m.holes.length} · figure order faults ${m.figureOrderFaults.length} · content pages ${m.contentPages}`,
  );
  return lines.join('\n');
}
