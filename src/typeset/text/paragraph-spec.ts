// The shared shapes of paragraph setting: what a paragraph is asked to be (its style and
// measure) and what comes back (composed lines). Their own file, so the steps of setting
// (segments, break items, line composition) and the page builder all read them without
// importing the orchestrator in paragraph.ts.
import type { Inline, Position } from '../../model/types.js';
import type { FontFamily, Item, ItemTag } from '../../pages/page.js';

export type Align = 'justify' | 'left' | 'right' | 'center';

export interface TextStyle {
  family: Extract<FontFamily, 'body' | 'heading' | 'mono'>;
  italic?: boolean;
  bold?: boolean;
  size: number;
  leading: number;
  color: string;
  align: Align;
  hyphenate: boolean;
  /** Set the text in capitals (departments, bylines). */
  uppercase?: boolean;
  /** Extra space after each glyph, in ems. */
  letterSpacing?: number;
  /** Display text (titles, headings): ragged lines of even length rather than a full first line. */
  balance?: boolean;
}

export interface ParagraphSpec {
  content: readonly Inline[];
  style: TextStyle;
  /** Width of every line. */
  width: number;
  /** First-line indent. */
  indent?: number;
  lang: string;
  pos: Position;
  /** Hyphenated lines in a row just before this paragraph, in reading order. */
  hyphensBefore?: number;
  /** Most hyphenated lines in a row it may end with (before its last line). */
  hyphensAfterMax?: number;
  /** What the drawn text belongs to (every line, also when the page builder sets it again). */
  tag?: ItemTag;
}

/** A composed line: items relative to the line's top-left corner. */
export interface SetLine {
  width: number;
  height: number;
  /** Distance from the line's top to its baseline. */
  baseline: number;
  items: Item[];
  /** Footnotes called on this line, in order. */
  notes: string[];
  /** Ends with a hyphen (inserted or the word's own). */
  hyphenated: boolean;
  /** How far its spaces were stretched (> 0) or shrunk (< 0), in units of their give. */
  ratio: number;
}

export interface SetParagraph {
  lines: SetLine[];
  /** Hyphenated lines in a row it ends with (its last line, never hyphenated, aside). */
  hyphensAfter: number;
  /**
   * Lines `from` … end set again, as many as before, so that line `avoid` does not end
   * with a hyphen (the page builder's last line on a page); null when that cannot be done.
   * Nothing changes until the result is committed.
   */
  reset(from: number, avoid: number): { lines: SetLine[]; commit(): void } | null;
  /**
   * The paragraph set `delta` lines longer or shorter (TeX's looseness), its spaces within
   * the limits of the tight and hyphenated passes; null when no such setting exists.
   */
  variant(delta: number): SetParagraph | null;
}

export function baselineOf(size: number, leading: number): number {
  return (leading - size) / 2 + 0.8 * size;
}
