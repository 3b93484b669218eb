// What the handlers of blocks share while setting one article's blocks: the measure, the
// article's structure element, the run of hyphenated lines. Its own file so that the
// handlers (blocks, figures, tables, footnotes) import it rather than each other.
import type { StructElement, StructRole } from '../../pages/page.js';
import type { Structure } from '../../pages/structure.js';
import { MAX_HYPHENS_IN_A_ROW } from '../text/break-lines.js';
import type { TypesetContext } from '../text/context.js';
import type { TextStyle } from '../text/paragraph-spec.js';

export interface BlockContext {
  ctx: TypesetContext;
  lang: string;
  /** Left edge and width of the text, relative to the column. */
  left: number;
  width: number;
  /** Text size relative to the body (quotes, footnotes). */
  scale: number;
  listDepth: number;
  /** Width figures span when they span the columns (the text block's width). */
  spanWidth: number;
  /** Height of a full column. */
  columnHeight: number;
  /** Figures are set at this fraction of their full width (below 1 to save a runt page). */
  figureScale?: number;
  /** The named destination of an id in this article. */
  anchor(id: string): string;
  /** Hyphenated lines in a row so far, in reading order (shared by the article's text). */
  hyphens: HyphenRun;
  /** The document's structure, and the element the blocks set here belong to. */
  structure: Structure;
  parent: StructElement;
}

/** A new structure element under the blocks' parent. */
export function structEl(bc: BlockContext, role: StructRole, props?: { alt?: string }): StructElement {
  return bc.structure.add(role, bc.parent, props);
}

/**
 * A run of hyphenated line ends, followed across paragraphs: only a justified line that
 * does not end with a hyphen ends it (headings and ragged lines leave it as it is).
 * `isolated` text (footnotes, read out of order) neither starts nor ends with a hyphen.
 */
export interface HyphenRun {
  run: number;
  isolated?: boolean;
}

/** The run an article starts with: as if full, so its first line is not hyphenated. */
export const articleHyphenRun = (): HyphenRun => ({ run: MAX_HYPHENS_IN_A_ROW });

export function bodyStyle(bc: BlockContext): TextStyle {
  const s = bc.ctx.scale;
  return {
    family: 'body',
    size: s.size * bc.scale,
    leading: s.leading * bc.scale,
    color: s.colors.text,
    align: 'justify',
    hyphenate: true,
  };
}
