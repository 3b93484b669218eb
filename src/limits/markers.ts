// What the Markdown parser (micromark) will have to pair or scan, counted before it runs,
// on the runs of inline content it reads one by one: each paragraph, heading and table cell.
// The parser pairs emphasis and link markers in time that grows with the square of their
// number in one run, scans to the end of a run from every code span or HTML comment opened
// and never closed, and merges a run's text in time that grows with its lines times its
// length. Each of these is bounded here, per run and over the article, so that whatever the
// text, parsing it takes at most seconds.
//
// Where each run starts and ends comes from micromark itself, in a first pass that stops at
// the block structure: paragraphs, headings and cells, with the source of each of their
// lines, and never tokenizes their text (where all the costly pairing and scanning happens).
// That pass is linear; it runs only when a cheap count over blank-line-separated chunks of
// the raw text (which no run crosses) says some bound might be broken, so an ordinary
// article never pays for it.
import { frontmatter } from 'micromark-extension-frontmatter';
import { gfm } from 'micromark-extension-gfm';
import { parse, preprocess } from 'micromark';
import { subtokenize } from 'micromark-util-subtokenize';
import type { Event } from 'micromark-util-types';

/** Emphasis and link markers in one run (a fixed guard: beyond it parsing may take minutes). */
export const MAX_MARKERS = 1000;
/** Σ markers² over an article's runs: 64 runs at the limit (the pairing work of them all: seconds). */
export const MAX_MARKER_WORK = 64 * MAX_MARKERS * MAX_MARKERS;
/** Characters the parser would read again from openers that never close, in one run and in an article. */
export const MAX_RESCAN = 32 * 1024 * 1024;
/** Lines × characters of one run, and summed over an article: the cost of merging a run's text. */
export const MAX_LINE_WORK = 10_000_000_000;

export type RunKind = 'paragraph' | 'heading' | 'table cell';

/** One run of inline content, with what its parsing will cost. */
export interface InlineRun {
  kind: RunKind;
  /** Where its text starts (1-based). */
  line: number;
  column: number;
  /** Emphasis and link markers (`*` `_` `~` `[` `]`) not escaped with a backslash. */
  markers: number;
  /**
   * Characters the parser would read again looking for the end of a code span or an HTML
   * comment (`<!--`, `<?`, `<![CDATA[`, `<!X`), from each backtick run and opener that
   * nothing after it closes (the closing run of the last code span of each length is one:
   * more, never less), and how many of those there are.
   */
  rescan: number;
  unclosed: number;
  /** Lines and characters of its text. */
  lines: number;
  chars: number;
}

/** What is over a bound, with the run where it is. */
export interface MarkerProblem {
  reason: 'markers' | 'marker-work' | 'rescan' | 'lines';
  run: InlineRun;
  /** For the article-wide bounds: the total up to and including this run. */
  total?: number;
}

/**
 * The first run (or the run where an article-wide total is passed) whose parsing would
 * cost more than the bounds allow, or undefined when the whole text is safe to parse.
 */
export function markerProblem(text: string): MarkerProblem | undefined {
  if (chunksAreSafe(text)) return undefined;
  let work = 0;
  let rescan = 0;
  let lineWork = 0;
  for (const run of inlineRuns(text)) {
    if (run.markers > MAX_MARKERS) return { reason: 'markers', run };
    if (run.rescan > MAX_RESCAN) return { reason: 'rescan', run };
    if (run.lines * run.chars > MAX_LINE_WORK) return { reason: 'lines', run };
    work += run.markers * run.markers;
    rescan += run.rescan;
    lineWork += run.lines * run.chars;
    if (work > MAX_MARKER_WORK) return { reason: 'marker-work', run, total: work };
    if (rescan > MAX_RESCAN * 2) return { reason: 'rescan', run, total: rescan };
    if (lineWork > MAX_LINE_WORK * 2) return { reason: 'lines', run, total: lineWork };
  }
  return undefined;
}

// ---- the cheap count ------------------------------------------------------------------------

/**
 * True when no bound can be broken, read from the raw text alone: a blank line ends every
 * paragraph (and headings and cells are inside one line), so each run lies inside one chunk
 * of lines between blank lines, and a chunk's counts bound those of every run inside it.
 * (Markers counted over the chunk include its code, its quote and list markers: more, never
 * fewer. Openers times the chunk's length bound what they can make the parser read again.)
 */
export function chunksAreSafe(text: string): boolean {
  let work = 0;
  let rescan = 0;
  let lineWork = 0;
  for (const { start, end, lines } of rawChunks(text)) {
    const c = scan(text, [[start, end]], false);
    const chars = end - start;
    const runRescan = c.openers * chars;
    if (c.markers > MAX_MARKERS || runRescan > MAX_RESCAN || lines * chars > MAX_LINE_WORK) return false;
    work += c.markers * c.markers;
    rescan += runRescan;
    lineWork += lines * chars;
    if (work > MAX_MARKER_WORK || rescan > MAX_RESCAN * 2 || lineWork > MAX_LINE_WORK * 2) return false;
  }
  return true;
}

/** Spans of lines between blank lines (only spaces and tabs; CommonMark's line endings), with their number of lines. */
function rawChunks(text: string): { start: number; end: number; lines: number }[] {
  const out: { start: number; end: number; lines: number }[] = [];
  const line = /[^\n\r]*(?:\r\n|\r|\n|$)/g;
  let chunk: { start: number; end: number; lines: number } | undefined;
  for (let m = line.exec(text); m && m.index < text.length; m = line.exec(text)) {
    if (/^[ \t]*(?:\r\n|\r|\n)?$/.test(m[0])) chunk = undefined;
    else {
      if (!chunk) out.push((chunk = { start: m.index, end: m.index, lines: 0 }));
      chunk.end = m.index + m[0].length;
      chunk.lines++;
    }
  }
  return out;
}

// ---- the first pass -------------------------------------------------------------------------

/**
 * The same syntax extensions as markdown/parse.ts gives the parser (remark-frontmatter with
 * `yaml`, remark-gfm with its defaults), so the block structure is the one it will build.
 */
const EXTENSIONS = [frontmatter('yaml'), gfm()];

/** Event types that hold one run of inline content, and what an editor calls it. */
const RUNS: Record<string, RunKind> = {
  paragraph: 'paragraph',
  atxHeadingText: 'heading',
  setextHeadingText: 'heading',
  tableHeader: 'table cell',
  tableData: 'table cell',
};

/**
 * The runs of inline content of a Markdown text, in order, each counted. micromark builds
 * the document's blocks (containers, code, HTML, tables, definitions…) and leaves the text
 * of each run as chunks of source, one a line, for a later pass that is never made here.
 */
export function inlineRuns(text: string): InlineRun[] {
  const events: Event[] = parse({ extensions: EXTENSIONS })
    .document()
    .write(preprocess()(text, undefined, true));
  // One pass of subtokenizing turns flow into paragraphs, headings and cells; their text
  // stays in `chunkText` tokens (its own content type), which a second pass would tokenize.
  subtokenize(events);
  const out: InlineRun[] = [];
  let open: { kind: RunKind; type: string; slices: [number, number][]; line: number; column: number } | undefined;
  for (const [kind, token] of events) {
    const runKind = RUNS[token.type];
    if (runKind && kind === 'enter' && !open) open = { kind: runKind, type: token.type, slices: [], line: token.start.line, column: token.start.column };
    else if (open && kind === 'enter' && token.type === 'chunkText') {
      if (open.slices.length === 0) [open.line, open.column] = [token.start.line, token.start.column];
      open.slices.push([token.start.offset, token.end.offset]);
    } else if (open && kind === 'exit' && token.type === open.type) {
      if (open.slices.length) {
        const c = scan(text, open.slices, true);
        const { markers, rescan, unclosed, lines, chars } = c;
        out.push({ kind: open.kind, line: open.line, column: open.column, markers, rescan, unclosed, lines, chars });
      }
      open = undefined;
    }
  }
  return out;
}

// ---- counting a run -------------------------------------------------------------------------

interface Counts {
  markers: number;
  /** Backtick runs and `<!`, `<?` openers (for the cheap count). */
  openers: number;
  rescan: number;
  unclosed: number;
  lines: number;
  chars: number;
}

const BACKSLASH = 92;
const BACKTICK = 96;
const ASCII_PUNCTUATION = /[!-/:-@[-`{-~]/;

/**
 * Counts one run's text (its slices of `text`, one a line) in one pass, as the parser will
 * read it: a backslash before ASCII punctuation makes it literal; `*` `_` `~` `[` `]` are
 * markers. Code spans are not told apart (markers in them count: more, never fewer).
 * `rescan`: each backtick run that no later run of its length closes, and each `<!--`,
 * `<?`, `<![CDATA[` or `<!X` that nothing closes after it, makes the parser read to the end
 * of the run and back; the characters after each such opener are summed.
 */
function scan(text: string, slices: readonly [number, number][], rescan: boolean): Counts {
  let markers = 0;
  let openers = 0;
  let chars = 0;
  let lines = 0;
  /** Backtick runs: where, the length that closes it, the length it opens with (an escaped first backtick is literal). */
  const ticks: { at: number; length: number; opens: number }[] = [];
  const html: { at: number; kind: 'comment' | 'instruction' | 'cdata' | 'declaration' }[] = [];
  const lastClose = { comment: -1, instruction: -1, cdata: -1, declaration: -1 };
  for (const [start, end] of slices) {
    lines++;
    const base = chars - start; // run position = base + index in text
    for (let i = start; i < end; i++) {
      const c = text.charCodeAt(i);
      if (c === BACKSLASH && i + 1 < end && ASCII_PUNCTUATION.test(text[i + 1])) {
        if (text.charCodeAt(i + 1) === BACKTICK) {
          const n = tickRun(text, i + 1, end);
          ticks.push({ at: base + i + 1, length: n, opens: n - 1 });
          if (n > 1) openers++;
          i += n;
        } else i++;
        continue;
      }
      switch (c) {
        case 42: // *
        case 95: // _
        case 126: // ~
        case 91: // [
        case 93: // ]
          markers++;
          break;
        case BACKTICK: {
          const n = tickRun(text, i, end);
          ticks.push({ at: base + i, length: n, opens: n });
          openers++;
          i += n - 1;
          break;
        }
        case 60: {
          // <
          const kind = htmlOpener(text, i, end);
          if (kind) {
            html.push({ at: base + i, kind });
            openers++;
          }
          break;
        }
        case 62: {
          // >, which ends a declaration, and `?>`, `-->`, `]]>` (inside this line only)
          const b1 = i - 1 >= start ? text[i - 1] : '';
          const b2 = i - 2 >= start ? text[i - 2] : '';
          lastClose.declaration = base + i;
          if (b1 === '?') lastClose.instruction = base + i;
          if (b1 === '-' && b2 === '-') lastClose.comment = base + i;
          if (b1 === ']' && b2 === ']') lastClose.cdata = base + i;
          break;
        }
      }
    }
    chars += end - start;
  }
  if (!rescan) return { markers, openers, rescan: 0, unclosed: 0, lines, chars };
  let total = 0;
  let unclosed = 0;
  // A backtick run opens a code span that ends at the next run of the same length; with
  // none after it, the parser reads to the end of the run and gives up.
  const later = new Set<number>();
  for (let k = ticks.length - 1; k >= 0; k--) {
    const t = ticks[k];
    if (t.opens > 0 && !later.has(t.opens)) {
      total += chars - t.at;
      unclosed++;
    }
    later.add(t.length);
  }
  // An opener is closed by a `>` at least this far after its `<` (`<!-->` is a whole comment, `<?>` is not).
  for (const h of html) {
    if (lastClose[h.kind] >= h.at + CLOSES_FROM[h.kind]) continue;
    total += chars - h.at;
    unclosed++;
  }
  return { markers, openers, rescan: total, unclosed, lines, chars };
}

const CLOSES_FROM = { comment: 4, instruction: 3, cdata: 11, declaration: 3 } as const;

function tickRun(text: string, i: number, end: number): number {
  let n = 0;
  while (i + n < end && text.charCodeAt(i + n) === BACKTICK) n++;
  return n;
}

/** Raw HTML that the parser reads up to a closing sequence: comments, instructions, CDATA, declarations. */
function htmlOpener(text: string, i: number, end: number): 'comment' | 'instruction' | 'cdata' | 'declaration' | undefined {
  const next = i + 1 < end ? text[i + 1] : '';
  if (next === '?') return 'instruction';
  if (next !== '!') return undefined;
  if (text.startsWith('--', i + 2)) return 'comment';
  if (text.startsWith('[CDATA[', i + 2)) return 'cdata';
  return /[A-Za-z]/.test(i + 2 < end ? text[i + 2] : '') ? 'declaration' : undefined;
}
