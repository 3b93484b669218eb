// Filling one column from the vertical list: elements until the next does not fit,
// then back to the last place a column may end (widows, orphans, kept headings);
// footnotes at the column's foot, split into the next column when they do not fit;
// figures at the head of the column, or at its foot when met lower down, else at the
// head of the next column (spanning figures: of the next page). Every choice is logged.
import { describe, placeOf, type Element } from './flow.js';
import { append } from '../../pages/page.js';

export interface FlowState {
  /** Next element of the list to place. */
  next: number;
  /** Footnote elements still to set (a note that did not fit its column). */
  carried: Element[];
  /** Column figures waiting for the head of a column. */
  floats: Element[];
  /** Spanning figures waiting for the head of a page. */
  spans: Element[];
  /** Hyphenated lines in a row at the end of what is set so far, in reading order. */
  hyphens: number;
}

export const startState = (hyphens: number): FlowState => ({ next: 0, carried: [], floats: [], spans: [], hyphens });

export function isDone(st: FlowState, count: number): boolean {
  return st.next >= count && !st.carried.length && !st.floats.length && !st.spans.length;
}

export interface Placed {
  el: Element;
  y: number;
}

export interface ColumnFill {
  /** Figures and lines from the top down, figures at the foot last. */
  body: Placed[];
  /** Footnote elements, y measured from the top of the note area (below its rule). */
  notes: Placed[];
  noteHeight: number;
  state: FlowState;
  progress: boolean;
  /** What was decided, for the debug dump: worded once the page is final (lines may be set again). */
  log: (() => string)[];
}

export interface FillLimits {
  /** Height the body may take (lower than the column when balancing). */
  body: number;
  /** Height of the column: body, footnote rule and notes together. */
  total: number;
  /** Ignore keep rules (and overfill) rather than leave the column empty. */
  force: boolean;
  /** Space the rule above the footnotes takes. */
  noteSep: number;
  /** Spanning figures already set on this page (met again in the list: skipped). */
  placedSpans?: ReadonlySet<Element>;
  /** Index of the first spanning figure set across this page's foot: column figures after it wait. */
  footFrom?: number;
  /** The baseline grid's step (the body's leading): body lines sit on its multiples from the column's top. */
  grid?: number;
  /** Height the notes take at least, once a column has any: the page's columns then rule them at one height. */
  noteFloor?: number;
}

/** The height a column's notes of height `h` take: at least the page's floor, once there are any. */
export const noteArea = (h: number, lim: { noteFloor?: number }) => (h > EPS ? Math.max(h, lim.noteFloor ?? 0) : 0);

/** A line of body text: one leading tall, with a baseline (headings, quotes, code and tables are not). */
const onGrid = (e: Element, grid: number) => !e.float && e.baseline !== undefined && Math.abs(e.height - grid) < EPS;

interface Snap {
  k: number;
  body: number;
  y: number;
  flow: number;
  notes: number;
  noteH: number;
  floats: number;
  spans: number;
  feet: number;
  feetH: number;
  log: number;
  breakable: boolean;
}

const EPS = 0.01;
const sum = (els: readonly Element[]) => els.reduce((a, n) => a + n.height, 0);

export function fillColumn(els: readonly Element[], notesOf: (el: Element) => Element[] | undefined, st: FlowState, lim: FillLimits): ColumnFill {
  const body: Placed[] = [];
  const notes: Element[] = [];
  const log: (() => string)[] = [];
  /** Figures for the foot of the column, and the height they take with their gaps. */
  const feet: Element[] = [];
  let feetH = 0;
  let noteH = 0;
  let y = 0;
  let flow = 0;
  let carried = st.carried.slice();
  const floats = st.floats.slice();
  const spans = st.spans.slice();
  let progress = false;
  const addNotes = (own: Element[]) => {
    append(notes, own);
    log.push(() => `note ${describe(own[0])} at the foot of the column`);
  };
  const fits = (bottom: number, extraNotes: number) =>
    bottom + feetH <= lim.body + EPS && bottom + feetH + noteArea(noteH + extraNotes, lim) <= lim.total + EPS;

  // Notes carried from the previous column come first.
  if (carried.length) {
    let h = lim.noteSep;
    let k = 0;
    while (k < carried.length && h + carried[k].height <= lim.total + EPS) h += carried[k++].height;
    if (k === 0 && lim.force) h += carried[k++].height;
    if (k > 0) {
      append(notes, carried.slice(0, k));
      noteH = h;
      carried = carried.slice(k);
      progress = true;
      log.push(() => `note ${describe(notes[0])} continued from the column before`);
    }
  }
  const notesClosed = carried.length > 0;
  // Figures waiting for a column head.
  while (floats.length) {
    const f = floats[0];
    if (lim.footFrom !== undefined && placeOf(els, f) > lim.footFrom) break;
    const sb = body.length ? f.spaceBefore : 0;
    const own = notesOf(f);
    if (own && notesClosed) break;
    const nh = own ? sum(own) : 0;
    const sep = nh > 0 && notes.length === 0 ? lim.noteSep : 0;
    if (!fits(y + sb + f.height, sep + nh) && !(lim.force && body.length === 0)) break;
    body.push({ el: f, y: y + sb });
    log.push(() => `${describe(f)} at the head of the column`);
    y += sb + f.height + f.spaceBefore;
    if (own) addNotes(own);
    noteH += sep + nh;
    floats.shift();
    progress = true;
  }

  const snaps: Snap[] = [];
  const snap = (k: number, breakable: boolean) =>
    snaps.push({
      k,
      body: body.length,
      y,
      flow,
      notes: notes.length,
      noteH,
      floats: floats.length,
      spans: spans.length,
      feet: feet.length,
      feetH,
      log: log.length,
      breakable,
    });
  snap(st.next, true);
  let ended: 'all' | 'split' | 'full' = 'all';
  let lastBreakable = true;
  let k = st.next;
  for (; k < els.length; k++) {
    const e = els[k];
    if (e.float === 'span') {
      if (!lim.placedSpans?.has(e)) {
        spans.push(e);
        log.push(() => `${describe(e)} waits for the head of the next page`);
      }
      snap(k + 1, lastBreakable);
      continue;
    }
    let sb = body.length ? e.spaceBefore : 0;
    // After a heading, a quote, a table or a figure, the text goes back to the grid.
    if (lim.grid && onGrid(e, lim.grid)) {
      // The nearest grid line to where the space would put it, never above the next one free.
      const g = lim.grid;
      sb = Math.max(Math.ceil((y - EPS) / g), Math.round((y + sb) / g - 0.01)) * g - y;
    }
    const own = notesClosed ? undefined : notesOf(e);
    const nh = own ? sum(own) : 0;
    const sep = nh > 0 && notes.length === 0 ? lim.noteSep : 0;
    if (e.float === 'column') {
      // Never ahead of a figure met before it (one waiting for a column or a page head).
      const free = !floats.length && !spans.length && !(lim.footFrom !== undefined && k > lim.footFrom) && !(notesClosed && notesOf(e));
      if (free && y === 0 && fits(e.height, sep + nh)) {
        body.push({ el: e, y });
        log.push(() => `${describe(e)} at the head of the column`);
        y = e.height + e.spaceBefore;
      } else if (free && fits(y + e.spaceBefore + e.height, sep + nh)) {
        // Met lower down: at the foot, the text that follows fills the room above it.
        feet.push(e);
        feetH += e.spaceBefore + e.height;
        log.push(() => `${describe(e)} at the foot of the column`);
      } else {
        floats.push(e);
        log.push(() => `${describe(e)} waits for the next column`);
        snap(k + 1, lastBreakable);
        continue;
      }
      if (own) addNotes(own);
      noteH += sep + nh;
      snap(k + 1, lastBreakable);
      continue;
    }
    if (notesClosed && notesOf(e)) {
      ended = 'full';
      break;
    }
    const header = flow === 0 && e.repeatHeader ? e.repeatHeader : undefined;
    const hh = header ? header.height : 0;
    const end = y + sb + hh + e.height;
    const place = () => {
      if (header) {
        body.push({ el: header, y: y + sb });
        log.push(() => 'table header repeated');
      }
      body.push({ el: e, y: y + sb + hh });
      y = end;
      flow++;
    };
    if (fits(end, sep + nh)) {
      place();
      if (own) addNotes(own);
      noteH += sep + nh;
      lastBreakable = e.breakAfter;
      snap(k + 1, e.breakAfter);
      continue;
    }
    // The line fits but its notes do not: set what fits and carry the rest.
    if (own && e.breakAfter && fits(end, 0)) {
      let h = noteH + sep;
      let n = 0;
      while (n < own.length && end + feetH + h + own[n].height <= lim.total + EPS) h += own[n++].height;
      if (n > 0) {
        place();
        append(notes, own.slice(0, n));
        noteH = h;
        carried = own.slice(n).concat(carried);
        log.push(() => `note ${describe(own[0])} continues in the next column`);
        lastBreakable = true;
        snap(k + 1, true);
        ended = 'split';
        k++;
        break;
      }
    }
    ended = 'full';
    break;
  }

  let chosen = snaps[snaps.length - 1];
  let early: (() => string) | undefined;
  if (ended === 'full') {
    let i = snaps.length - 1;
    while (i > 0 && !snaps[i].breakable) i--;
    chosen = snaps[i];
    if (chosen.k === st.next && chosen.body === 0 && lim.force) {
      // Nothing could end the column properly: take all that fits, or one element regardless.
      chosen = snaps[snaps.length - 1];
      if (chosen.k === st.next && k < els.length) {
        const e = els[k];
        body.push({ el: e, y });
        y += e.height;
        const own = notesOf(e);
        if (own) carried = carried.concat(own);
        log.push(() => `${describe(e)} forced into a column too short for it`);
        snap(k + 1, true);
        chosen = snaps[snaps.length - 1];
      }
    } else if (i < snaps.length - 1) {
      const held = els.slice(chosen.k, snaps[snaps.length - 1].k).filter((e) => !e.float);
      const why = [...new Set(held.map((e) => e.keep).filter((x) => x))];
      if (held.length) early = () => `column ends early: ${describe(held[0])} goes on with what follows${why.length ? ` (${why.join(', ')})` : ''}`;
    }
  }
  body.length = chosen.body;
  notes.length = chosen.notes;
  floats.length = chosen.floats;
  spans.length = chosen.spans;
  feet.length = chosen.feet;
  log.length = chosen.log;
  if (early) log.push(early);
  if (chosen.k > st.next || chosen.body > 0) progress = true;

  // Figures at the foot sit just above the notes (or the balanced column's end).
  let fy = Math.min(lim.body, lim.total - noteArea(chosen.noteH, lim)) - chosen.feetH;
  for (const f of feet) {
    fy += f.spaceBefore;
    body.push({ el: f, y: fy });
    fy += f.height;
  }

  const placedNotes: Placed[] = [];
  let ny = 0;
  for (const n of notes) {
    placedNotes.push({ el: n, y: ny });
    ny += n.height;
  }
  return {
    body,
    notes: placedNotes,
    noteHeight: chosen.noteH,
    state: { next: chosen.k, carried, floats, spans, hyphens: st.hyphens },
    progress,
    log,
  };
}
