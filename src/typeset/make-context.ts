// The typesetter's context for one run: fonts, type scale, line breaker, and the sink that
// gathers the warnings of the layout that is kept.
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { Trial, type DiagnosticSink } from '../diagnostics/trial.js';
import type { Layout } from '../settings/layout.js';
import { typeScale } from '../settings/type-scale.js';
import type { LineBreaker } from './text/break-lines.js';
import type { TypesetContext } from './text/context.js';
import { Fonts } from './text/fonts.js';
import type { Item, Page, StructElement } from '../pages/page.js';
import { totalFit } from './text/total-fit.js';

export interface TypesetResult {
  pages: Page[];
  /** What was reported (to `TypesetOptions.report` too), for the preflight report. */
  warnings: Diagnostic[];
  /** Where each article ran in the issue: its first and last page (1-based), for its own PDF's source line. */
  articles?: { id: string; first: number; last: number }[];
  /** Where each filler went: after which article, on which page (1-based). */
  fillers?: { id: string; after: string; page: number }[];
  /** typesetIssue: the laid-out pages of each article that ran whole on pages of its own, by id, for its own PDF. */
  laid?: Map<string, LaidArticle>;
}

/**
 * An article's pages as the issue laid them out (items relative to the text block), and the
 * issue's structure root its elements hang from: set once, drawn in both PDFs.
 */
export interface LaidArticle {
  pages: Item[][];
  root: StructElement;
}

export interface TypesetOptions {
  /** The line breaker: Knuth–Plass total fit by default (`firstFit` for comparison). */
  breaker?: LineBreaker;
  /** Where warnings go as the layout that is kept is settled (the build's Reporter). */
  report?: DiagnosticSink;
  /** typesetArticle only: the pages the article ran on (`TypesetResult.articles`), named on its first page. */
  ran?: { first: number; last: number };
  /** typesetArticle only: the article's pages from the issue (`TypesetResult.laid`), reused rather than set again. */
  laid?: LaidArticle;
}

export function makeContext(layout: Layout, options: TypesetOptions): { ctx: TypesetContext; warnings: Diagnostic[] } {
  const warnings: Diagnostic[] = [];
  const sink: DiagnosticSink = {
    report: (d) => {
      warnings.push(d);
      options.report?.report(d);
    },
  };
  const ctx = {
    fonts: new Fonts(layout),
    scale: typeScale(layout),
    breaker: options.breaker ?? totalFit,
    diagnostics: new Trial(sink),
    linkTarget: () => undefined,
  };
  return { ctx, warnings };
}
