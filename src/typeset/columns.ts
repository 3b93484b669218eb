// Filling one column from the vertical list: elements until the next does not fit,
// then back to the last place a column may end (widows, orphans, kept headings);
// footnotes at the column's foot, split into the next column when they do not fit;
// figures that do not fit float to the head of the next column (or page, spanning).
import type { Element } from './flow.js';

export interface FlowState {
  /** Next element of the list to place. */
  next: number;
  /** Footnote elements still to set (a note that did not fit its column). */
  carried: Element[];
  /** Column figures waiting for the head of a column. */
  floats: Element[];
  /** Spanning figures waiting for the head of a page. */
  spans: Element[];
}

export const startState = (): FlowState => ({ next: 0, carried: [], floats: [], spans: [] });

export function isDone(st: FlowState, count: number): boolean {
  return st.next >= count && !st.carried.length && !st.floats.length && !st.spans.length;
}

export interface Placed {
  el: Element;
  y: number;
}

export interface ColumnFill {
  body: Placed[];
  /** Footnote elements, y measured from the top of the note area (below its rule). */
  notes: Placed[];
  noteHeight: number;
  state: FlowState;
  progress: boolean;
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
}

interface Snap {
  k: number;
  body: number;
  y: number;
  flow: number;
  notes: number;
  noteH: number;
  floats: number;
  spans: number;
  breakable: boolean;
}

const EPS = 0.01;

export function fillColumn(
  els: readonly Element[],
  notesOf: (el: Element) => Element[] | undefined,
  st: FlowState,
  lim: FillLimits,
): ColumnFill {
  const body: Placed[] = [];
  const notes: Element[] = [];
  let noteH = 0;
  let y = 0;
  let flow = 0;
  let carried = st.carried.slice();
  const floats = st.floats.slice();
  const spans = st.spans.slice();
  let progress = false;

  // Notes carried from the previous column come first.
  if (carried.length) {
    let h = lim.noteSep;
    let k = 0;
    while (k < carried.length && h + carried[k].height <= lim.total + EPS) h += carried[k++].height;
    if (k === 0 && lim.force) h += carried[k++].height;
    if (k > 0) {
      notes.push(...carried.slice(0, k));
      noteH = h;
      carried = carried.slice(k);
      progress = true;
    }
  }
  const notesClosed = carried.length > 0;
  // Figures waiting for a column head.
  while (floats.length) {
    const f = floats[0];
    const sb = body.length ? f.spaceBefore : 0;
    const own = notesOf(f);
    if (own && notesClosed) break;
    const nh = own ? own.reduce((a, n) => a + n.height, 0) : 0;
    const sep = nh > 0 && notes.length === 0 ? lim.noteSep : 0;
    const fits = y + sb + f.height <= lim.body + EPS && y + sb + f.height + noteH + sep + nh <= lim.total + EPS;
    if (!fits && !(lim.force && body.length === 0)) break;
    body.push({ el: f, y: y + sb });
    y += sb + f.height + f.spaceBefore;
    if (own) notes.push(...own);
    noteH += sep + nh;
    floats.shift();
    progress = true;
  }

  const snaps: Snap[] = [];
  const snap = (k: number, breakable: boolean) =>
    snaps.push({ k, body: body.length, y, flow, notes: notes.length, noteH, floats: floats.length, spans: spans.length, breakable });
  snap(st.next, true);
  let ended: 'all' | 'split' | 'full' = 'all';
  let lastBreakable = true;
  let k = st.next;
  for (; k < els.length; k++) {
    const e = els[k];
    if (e.float === 'span') {
      if (!lim.placedSpans?.has(e)) spans.push(e);
      snap(k + 1, lastBreakable);
      continue;
    }
    const sb = body.length ? e.spaceBefore : 0;
    const own = notesClosed ? undefined : notesOf(e);
    const nh = own ? own.reduce((a, n) => a + n.height, 0) : 0;
    const sep = nh > 0 && notes.length === 0 ? lim.noteSep : 0;
    if (e.float === 'column') {
      const end = y + sb + e.height;
      if (!floats.length && !(notesClosed && notesOf(e)) && end <= lim.body + EPS && end + noteH + sep + nh <= lim.total + EPS) {
        body.push({ el: e, y: y + sb });
        y = end + e.spaceBefore;
        if (own) notes.push(...own);
        noteH += sep + nh;
      } else floats.push(e);
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
      if (header) body.push({ el: header, y: y + sb });
      body.push({ el: e, y: y + sb + hh });
      y = end;
      flow++;
    };
    if (end <= lim.body + EPS && end + noteH + sep + nh <= lim.total + EPS) {
      place();
      if (own) notes.push(...own);
      noteH += sep + nh;
      lastBreakable = e.breakAfter;
      snap(k + 1, e.breakAfter);
      continue;
    }
    // The line fits but its notes do not: set what fits and carry the rest.
    if (own && e.breakAfter && end <= lim.body + EPS) {
      let h = noteH + sep;
      let n = 0;
      while (n < own.length && end + h + own[n].height <= lim.total + EPS) h += own[n++].height;
      if (n > 0) {
        place();
        notes.push(...own.slice(0, n));
        noteH = h;
        carried = own.slice(n).concat(carried);
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
        snap(k + 1, true);
        chosen = snaps[snaps.length - 1];
      }
    }
  }
  body.length = chosen.body;
  notes.length = chosen.notes;
  floats.length = chosen.floats;
  spans.length = chosen.spans;
  if (chosen.k > st.next || chosen.body > 0) progress = true;

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
    state: { next: chosen.k, carried, floats, spans },
    progress,
  };
}
