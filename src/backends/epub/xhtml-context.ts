// What the block and inline handlers share while rendering one article, and the loud error
// they raise for a node they do not know.
import { internalError, type InternalError } from '../../diagnostics/crash.js';
import { formatDiagnostic } from '../../diagnostics/diagnostic.js';
import type { Footnote, Position } from '../../model/types.js';
import { ENGLISH_LABELS, type EpubLabels } from './labels.js';
import { safeHref } from './safe-href.js';

export interface XhtmlContext {
  labels: EpubLabels;
  /** Language of the document being written (the article's). */
  lang: string;
  /** The article's footnotes by id: a call to anything else is a bug upstream. */
  notes: ReadonlyMap<string, Footnote>;
  /** Calls rendered so far, per note id. The first call is where the note links back to. */
  calls: Map<string, number>;
  /** The `href` of a link, or undefined to print its text alone. */
  href(url: string): string | undefined;
}

export function createXhtmlContext(
  footnotes: readonly Footnote[] = [],
  labels: EpubLabels = ENGLISH_LABELS,
  lang: string = labels.lang,
  href: (url: string) => string | undefined = safeHref,
): XhtmlContext {
  return { labels, lang, notes: new Map(footnotes.map((n) => [n.id, n])), calls: new Map(), href };
}

/** Id of the footnote's `<aside>`. */
export function noteId(id: string): string {
  return `fn-${id}`;
}

/** Id of the `n`th call (1-based) to a footnote; the first is the one the note links back to. */
export function noteCallId(id: string, n = 1): string {
  return n === 1 ? `fnref-${id}` : `fnref-${id}-${n}`;
}

/**
 * A bug in Pressroom: a node the EPUB backend cannot render. Says where it came from, and is
 * an internal error (exit code 3), not the input's fault.
 */
export function renderFailure(message: string, pos: Position): InternalError {
  const e = internalError(`epub: ${message}`, { file: pos.file, line: pos.line, column: pos.column });
  e.message = formatDiagnostic(e.diagnostic).split('\n')[0];
  return e;
}
