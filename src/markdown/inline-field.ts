// A field of front matter or of the manifest (a deck, a title, a credit) read as inline
// Markdown, every node and every diagnostic placed at the field itself: what the articles'
// and the fillers' readers share.
import type { Reporter } from '../diagnostics/diagnostic.js';
import type { QuoteSettings } from '../i18n/quotes.js';
import { checkFieldText } from '../limits/limits.js';
import type { Inline, Position } from '../model/types.js';
import type { LowerContext } from './lower/context.js';
import { lowerInlines } from './lower/inlines.js';
import { parseMarkdown } from './parse.js';

/**
 * Front matter strings get the same inline Markdown and smart punctuation as the body, and
 * the same bounds before they are parsed: past them, the error is at the field and the text
 * is kept as written.
 */
export function inlineFromString(text: string, lang: string, quotes: QuoteSettings, pos: Position, ctx: LowerContext): Inline[] {
  const refused = checkFieldText(text, { file: pos.file, line: pos.line, column: pos.column }, ctx.nesting);
  if (refused) {
    ctx.reporter.report(refused);
    return [{ kind: 'text', text, pos }];
  }
  const tree = parseMarkdown(text, lang, quotes);
  const para = tree.children.find((c) => c.type === 'paragraph');
  const nodes = para && para.type === 'paragraph' ? lowerInlines(para.children, { ...ctx, reporter: reportingAt(ctx.reporter, pos) }) : [];
  return relocate(nodes, pos);
}

/**
 * The reporter, with every diagnostic moved to `pos`: places inside a field's own parse
 * (its line 1) mean nothing in the file; the field's place does.
 */
export function reportingAt(reporter: Reporter, pos: Position): Reporter {
  const at = Object.create(reporter) as Reporter;
  at.report = (d) => reporter.report({ ...d, file: pos.file, line: pos.line, column: pos.column });
  return at;
}

export function relocate(nodes: Inline[], pos: Position): Inline[] {
  return nodes.map((n) => {
    switch (n.kind) {
      case 'emphasis':
      case 'strong':
      case 'strike':
      case 'link':
        return { ...n, children: relocate(n.children, pos), pos };
      default:
        return { ...n, pos };
    }
  });
}
