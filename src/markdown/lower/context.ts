import type { Definition, FootnoteDefinition, Image, ImageReference, Node } from 'mdast';
import { warning, type Code, type Reporter } from '../../diagnostics/diagnostic.js';
import type { QuoteSettings } from '../../i18n/quotes.js';
import { DEFAULT_LIMITS } from '../../limits/limits.js';
import type { ImageAsset, Position } from '../../model/types.js';

/** What the handlers share while lowering one article. */
export interface LowerContext {
  /** Path of the article relative to the edition folder. */
  file: string;
  /** Id prefix of the article (`03-harbour`), so ids are unique within the issue. */
  articleId: string;
  /** BCP 47 language of the article: spacing around punctuation, quotation marks for `<q>`. */
  lang: string;
  /** The edition's quotation marks per language (`quotes:` in edition.yaml), for `<q>`. */
  quotes: QuoteSettings;
  /** Inside raw-HTML `<code>`, `<kbd>`, `<samp>`: text is taken as written, without the language's spacing. */
  verbatim?: boolean;
  reporter: Reporter;
  definitions: Map<string, Definition>;
  footnoteDefinitions: Map<string, FootnoteDefinition>;
  /** Footnote labels in order of first call; the index + 1 is the note's number. */
  footnoteOrder: string[];
  /** The index of each label in `footnoteOrder`, so a call finds its note at once. */
  footnoteIndex: Map<string, number>;
  /** Images already read and converted, by the URL written in the Markdown. */
  images: Map<string, ImageAsset>;
  figureCount: number;
  headingIds: Set<string>;
  /** Raw-HTML elements kept so far (their ids). */
  wrapCount: number;
  /** How deep raw HTML may nest (`limits.nesting`): past it, the tags go and the text stays. */
  nesting: number;
}

/** A fresh context for lowering one article: nothing collected, counted or named yet. */
export function newLowerContext(o: Pick<LowerContext, 'file' | 'articleId' | 'lang' | 'quotes' | 'reporter'> & { nesting?: number }): LowerContext {
  return {
    ...o,
    nesting: o.nesting ?? DEFAULT_LIMITS.nesting,
    definitions: new Map(),
    footnoteDefinitions: new Map(),
    footnoteOrder: [],
    footnoteIndex: new Map(),
    images: new Map(),
    figureCount: 0,
    headingIds: new Set(),
    wrapCount: 0,
  };
}

export function posOf(ctx: LowerContext, node: Node | undefined): Position {
  const start = node?.position?.start;
  return { file: ctx.file, line: start?.line ?? 1, column: start?.column ?? 1 };
}

export function warn(ctx: LowerContext, code: Code, message: string, node: Node | undefined, hint?: string): void {
  const p = posOf(ctx, node);
  ctx.reporter.report(warning(code, message, { file: p.file, line: p.line, column: p.column }, hint ? [hint] : undefined));
}

/** Normalise a reference label as CommonMark does (case-folded, whitespace collapsed). */
export function normalizeLabel(label: string): string {
  return label
    .replace(/[\t\n\r ]+/g, ' ')
    .trim()
    .toLowerCase()
    .toUpperCase();
}

/** The address an image names: its own, or its reference's definition's (undefined when there is none). */
export function imageUrl(node: Image | ImageReference, ctx: Pick<LowerContext, 'definitions'>): string | undefined {
  if (node.type === 'image') return node.url;
  return ctx.definitions.get(normalizeLabel(node.identifier))?.url;
}
