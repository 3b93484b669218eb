// Tables: column widths from content (longest word ≤ width ≤ whole cell on one line),
// cells hyphenated only where a word is wider than its column, header in bold between
// rules, one element per row so a table splits between rows and its header is repeated
// at the head of the next column. A table whose words do not fit its column spans the
// columns instead, in one piece. A table too wide to give each cell one character's width
// is refused (`typeset/does-not-fit`), and its cells' words too wide for them make one
// warning for the table, not one a cell.
import { error, warning, type Diagnostic } from '../../diagnostics/diagnostic.js';
import type { Block, Inline } from '../../model/types.js';
import { inlineText } from '../../model/inline-text.js';
import { structEl, type BlockContext } from './block-context.js';
import type { Element } from './flow.js';
import { fontKey } from '../text/fonts.js';
import { append, translateItems, type Item } from '../../pages/page.js';
import { setParagraph } from '../text/paragraph.js';
import type { ParagraphSpec, SetLine, TextStyle } from '../text/paragraph-spec.js';
import { asPagination, tagOf } from '../../pages/structure.js';

type Table = Extract<Block, { kind: 'table' }>;

export function tableElements(bc: BlockContext, b: Table, space: number): Element[] {
  // The cells' warnings are held, to be summed up for the table.
  const cells = bc.ctx.diagnostics.trial();
  const out = setTable({ ...bc, ctx: { ...bc.ctx, diagnostics: cells } }, b, space);
  reportCells(bc, b, cells.held);
  for (const k of cells.given) bc.ctx.diagnostics.given.add(k);
  return out;
}

/** The cells' warnings: each that is not about words too wide as it is, those summed up in one. */
function reportCells(bc: BlockContext, b: Table, held: readonly Diagnostic[]): void {
  const overfull = held.filter((d) => d.code === 'typeset/overfull-line');
  for (const d of held) if (d.code !== 'typeset/overfull-line') bc.ctx.diagnostics.report(d);
  if (overfull.length === 1) bc.ctx.diagnostics.report(overfull[0]);
  else if (overfull.length > 1) {
    bc.ctx.diagnostics.report(
      warning(
        'typeset/overfull-line',
        `${overfull.length} cells of the table are narrower than their words, broken where they stopped fitting; the first: ${overfull[0].message}`,
        b.pos,
        ['give the table fewer columns, or shorter words'],
      ),
    );
  }
}

function setTable(bc: BlockContext, b: Table, space: number): Element[] {
  const s = bc.ctx.scale;
  const size = s.table.size * bc.scale;
  const leading = s.table.leading * bc.scale;
  const padX = s.table.padX * bc.scale;
  const padY = s.table.padY * bc.scale;
  let ncols = Math.max(b.header.length, 1);
  for (const r of b.rows) ncols = Math.max(ncols, r.length);
  const hasHeader = b.header.some((c) => c.length > 0);
  const style = (c: number, bold: boolean, hyphenate: boolean): TextStyle => ({
    family: 'body',
    bold,
    size,
    leading,
    color: s.colors.text,
    align: b.align[c] ?? 'left',
    hyphenate,
  });

  const W = bc.width;
  // Across the columns only in one piece, so only when short enough (every row is a line at least).
  const narrowest = ncols * (2 * padX + size);
  const shortest = (b.rows.length + (hasHeader ? 1 : 0)) * (leading + 2 * padY);
  const spannable = bc.spanWidth > W + 1 && bc.listDepth === 0 && bc.scale === 1 && narrowest <= bc.spanWidth + 0.5 && shortest <= 0.8 * bc.columnHeight;
  // Columns narrower than one character of the table's text hold nothing legible.
  const refuse = () => {
    const most = Math.max(1, Math.floor((W + 0.5) / (2 * padX + size)));
    bc.ctx.diagnostics.report(
      error(
        'typeset/does-not-fit',
        `a table of ${ncols} columns does not fit its column: ${ncols} cells of one character need ${Math.round(narrowest)} pt, the column is ${Math.round(W)} pt wide` +
          (spannable ? ', and the table is too long to set across the columns in one piece' : ''),
        b.pos,
        [`at most ${most} columns fit here: split the table, or use fewer, wider text columns (\`layout.columns\`, \`layout.page\`)`],
      ),
    );
    return [];
  };
  if (narrowest > W + 0.5 && !spannable) return refuse();

  // Column widths from content.
  const minW = new Array<number>(ncols).fill(0);
  const maxW = new Array<number>(ncols).fill(0);
  const measureCell = (cell: Inline[] | undefined, c: number, bold: boolean) => {
    if (!cell?.length) return;
    const key = fontKey('body', bold ? 'bold' : 'regular');
    const text = inlineText(cell);
    let longest = 0;
    for (const w of text.split(/\s+/)) if (w) longest = Math.max(longest, bc.ctx.fonts.width(key, w) * size);
    const whole = bc.ctx.fonts.width(key, text.replace(/\s+/g, ' ').trim()) * size;
    minW[c] = Math.max(minW[c], longest + 2 * padX);
    maxW[c] = Math.max(maxW[c], whole * 1.02 + 2 * padX);
  };
  if (hasHeader) b.header.forEach((cell, c) => measureCell(cell, c, true));
  for (const row of b.rows) row.forEach((cell, c) => measureCell(cell, c, false));
  for (let c = 0; c < ncols; c++) {
    minW[c] = Math.max(minW[c], 2 * padX + size);
    maxW[c] = Math.max(maxW[c], minW[c]);
  }
  // Too wide for its column (a tabloid's narrow one): across the columns, in one piece.
  const minTotal = minW.reduce((a, w) => a + w, 0);
  if (minTotal > W + 0.5 && spannable) {
    // Tried: its warnings count only if it is kept.
    const attempt = bc.ctx.diagnostics.trial();
    const whole = spanning(setTable({ ...bc, ctx: { ...bc.ctx, diagnostics: attempt }, left: 0, width: bc.spanWidth }, b, space));
    if (whole.height <= 0.8 * bc.columnHeight) {
      attempt.keep();
      return [whole];
    }
  }
  if (narrowest > W + 0.5) return refuse();
  // Table → TR per row → TH (header) or TD per cell; rules are decoration.
  const table = structEl(bc, 'Table');
  const widths = columnWidths(minW, maxW, W);
  const xs: number[] = [];
  widths.reduce((x, w, c) => ((xs[c] = x), x + w), bc.left);

  // A cell is set without hyphens, and again with them only when a word of it does not fit
  // its column (and was cut): a column with room for its words keeps them whole.
  const setCell = (spec: ParagraphSpec): SetLine[] => {
    const plain = bc.ctx.diagnostics.trial();
    const lines = setParagraph({ ...bc.ctx, diagnostics: plain }, spec);
    if (!plain.held.some((d) => d.code === 'typeset/overfull-line')) {
      plain.keep();
      return lines;
    }
    return setParagraph(bc.ctx, { ...spec, style: { ...spec.style, hyphenate: true } });
  };
  const row = (cells: Inline[][], bold: boolean): { height: number; items: Item[]; notes: string[] } => {
    const tr = bc.structure.add('TR', table);
    const sets: SetLine[][] = [];
    for (let c = 0; c < ncols; c++) {
      const cell = cells[c] ?? [];
      const tag = tagOf(bc.structure.add(bold ? 'TH' : 'TD', tr));
      sets.push(
        cell.length ? setCell({ content: cell, style: style(c, bold, false), width: Math.max(1, widths[c] - 2 * padX), lang: bc.lang, pos: b.pos, tag }) : [],
      );
    }
    const height = sets.reduce((n, ls) => Math.max(n, ls.length), 1) * leading + 2 * padY;
    const items: Item[] = [];
    const notes: string[] = [];
    sets.forEach((lines, c) => {
      let y = padY;
      for (const l of lines) {
        append(items, translateItems(l.items, xs[c] + padX, y));
        append(notes, l.notes);
        y += l.height;
      }
    });
    return { height, items, notes };
  };
  const rule = (y: number, t: number): Item => ({ kind: 'rule', x1: bc.left, y1: y, x2: bc.left + W, y2: y, thickness: t, color: s.colors.rule });

  const out: Element[] = [];
  let header: Element | undefined;
  if (hasHeader) {
    const h = row(b.header, true);
    header = {
      height: h.height + 0.8,
      spaceBefore: space,
      breakAfter: false,
      keep: 'table header',
      items: append(append([rule(0.4, 0.8)], translateItems(h.items, 0, 0.8)), [rule(h.height + 0.8, 0.5)]),
      notes: h.notes.length ? h.notes : undefined,
      source: { what: 'the header of the table', place: b.pos, hint: 'shorten its cells' },
    };
    out.push(header);
  }
  // The header repeated at a column's head is page furniture: read once, where it first is.
  const repeated = header ? asPagination(header.items) : [];
  b.rows.forEach((cells, i) => {
    const r = row(cells, false);
    const last = i === b.rows.length - 1;
    const first = i === 0 && !header;
    const top = first ? 0.8 : 0;
    const items = append(translateItems(r.items, 0, top), [last ? rule(top + r.height, 0.8) : rule(top + r.height, 0.25)]);
    if (first) items.unshift(rule(0.4, 0.8));
    // Like a paragraph's lines: no row alone at a column's foot or head.
    const n = b.rows.length;
    const keep = n >= 3 && (i === 0 || i === n - 2) ? (i === 0 ? 'orphan' : 'widow') : undefined;
    out.push({
      height: r.height + top + (last ? 0.4 : 0),
      spaceBefore: first ? space : 0,
      breakAfter: !keep,
      ...(keep ? { keep } : {}),
      items,
      notes: r.notes.length ? r.notes : undefined,
      repeatHeader: header ? { ...header, spaceBefore: 0, notes: undefined, items: repeated } : undefined,
      source: { what: `row ${i + 1} of the table`, place: b.pos, hint: 'shorten its cells, or split the row in two' },
    });
  });
  return out;
}

/** A table's rows as one spanning element. */
function spanning(rows: readonly Element[]): Element {
  const items: Item[] = [];
  const notes: string[] = [];
  let y = 0;
  rows.forEach((r, i) => {
    if (i > 0) y += r.spaceBefore;
    append(items, translateItems(r.items, 0, y));
    append(notes, r.notes ?? []);
    y += r.height;
  });
  const source = { what: 'the table', place: rows[0]?.source?.place, hint: 'shorten its cells' };
  return { height: y, spaceBefore: rows[0]?.spaceBefore ?? 0, breakAfter: true, items, notes: notes.length ? notes : undefined, float: 'span', source };
}

/**
 * Widths from content: all columns at their natural width when that fits (spread to
 * the full width); else narrow columns keep their natural width and the wide ones
 * share the rest, each at least its longest word; else longest words, scaled down.
 */
export function columnWidths(minW: readonly number[], maxW: readonly number[], W: number): number[] {
  const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
  const sumMax = sum(maxW);
  if (sumMax <= W) return maxW.map((m) => m + ((W - sumMax) * m) / sumMax);
  const fixed = new Set<number>();
  for (;;) {
    const rest = maxW.map((_, c) => c).filter((c) => !fixed.has(c));
    const room = W - sum([...fixed].map((c) => maxW[c]));
    const share = room / Math.max(1, rest.length);
    const narrow = rest.filter((c) => maxW[c] <= share);
    if (!narrow.length || narrow.length === rest.length) break;
    narrow.forEach((c) => fixed.add(c));
  }
  const free = maxW.map((_, c) => c).filter((c) => !fixed.has(c));
  const room = W - sum([...fixed].map((c) => maxW[c]));
  const minFree = sum(free.map((c) => minW[c]));
  const maxFree = sum(free.map((c) => maxW[c]));
  if (minFree <= room) {
    const f = maxFree > minFree ? (room - minFree) / (maxFree - minFree) : 0;
    return maxW.map((m, c) => (fixed.has(c) ? m : minW[c] + (maxW[c] - minW[c]) * f));
  }
  const sumMin = sum(minW);
  if (sumMin <= W) return minW.map((m, c) => m + ((maxW[c] - m) * (W - sumMin)) / (sumMax - sumMin));
  return minW.map((m) => (m * W) / sumMin);
}
