// Hyphens seen across a page, which a paragraph alone cannot see: the run of hyphenated
// line ends in reading order goes on past a column's last line (read as the end of a
// block, it does not end a run), and the page's last line must not end with a hyphen
// when its paragraph goes on overleaf. Both are fixed by setting the paragraph's lines
// on this page again, as many as before, so nothing else on the page moves.
import { MAX_HYPHENS_IN_A_ROW } from '../text/break-lines.js';
import type { ColumnFill } from './columns.js';
import { describe, type Element, type ParagraphLines } from './flow.js';

export interface HyphenCheck {
  /** The run at the page's end. */
  run: number;
  /** The page's last line, still hyphenated though its paragraph goes on (null: none). */
  stuck: Element | null;
}

interface Fault {
  el: Element;
  of: ParagraphLines;
  line: number;
  pageEnd: boolean;
}

/** Check (and fix, through the paragraphs) the hyphens of a page's columns. */
export function fixHyphens(cols: readonly ColumnFill[], runBefore: number, continues: boolean, log: string[]): HyphenCheck {
  const accepted = new Set<Element>();
  for (let guard = 0; guard < 12; guard++) {
    const { run, fault } = scan(cols, runBefore, continues, accepted);
    if (!fault) return { run, stuck: null };
    const why = fault.pageEnd ? 'the page does not end with a hyphen' : `no ${MAX_HYPHENS_IN_A_ROW + 1} hyphens in a row`;
    if (fault.of.reset(firstLineHere(cols, fault.of), fault.line)) {
      log.push(`paragraph set again so that ${why}: ${describe(fault.el)}`);
      continue;
    }
    if (fault.pageEnd) return { run, stuck: fault.el };
    log.push(`could not avoid ${MAX_HYPHENS_IN_A_ROW + 1} hyphens in a row at ${describe(fault.el)}`);
    accepted.add(fault.el);
  }
  return { run: scan(cols, runBefore, continues, accepted).run, stuck: null };
}

function scan(cols: readonly ColumnFill[], run: number, continues: boolean, accepted: ReadonlySet<Element>): { run: number; fault?: Fault } {
  for (const [c, col] of cols.entries()) {
    const lines = col.body.map((p) => p.el).filter((e) => e.para);
    for (const [i, el] of lines.entries()) {
      const { of, line } = el.para!;
      const columnLast = i === lines.length - 1;
      const paragraphLast = line === of.elements.length - 1;
      const hyphen = of.hyphenated(line);
      const pageEnd = continues && columnLast && c === cols.length - 1 && !paragraphLast;
      if (hyphen && !accepted.has(el) && (pageEnd || run + 1 > MAX_HYPHENS_IN_A_ROW)) return { run, fault: { el, of, line, pageEnd } };
      // Lines read as the end of a block (a column's last, a paragraph's last) leave the run as it is.
      run = hyphen ? run + 1 : columnLast || paragraphLast ? run : 0;
    }
  }
  return { run };
}

/** The paragraph's first line on this page: lines before it are already on earlier pages. */
function firstLineHere(cols: readonly ColumnFill[], of: ParagraphLines): number {
  let first = Infinity;
  for (const col of cols) for (const p of col.body) if (p.el.para?.of === of) first = Math.min(first, p.el.para.line);
  return first;
}
