// Setting one paragraph alone, for unit tests of line breaking.
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { Trial } from '../../src/diagnostics/trial.js';
import type { Inline, Position } from '../../src/model/types.js';
import type { LineBreaker } from '../../src/typeset/text/break-lines.js';
import type { TypesetContext } from '../../src/typeset/text/context.js';
import { Fonts, fontKey } from '../../src/typeset/text/fonts.js';
import { charWidth } from '../../src/typeset/text/paragraph.js';
import { Structure } from '../../src/pages/structure.js';
import { articleHyphenRun, type BlockContext } from '../../src/typeset/page/block-context.js';
import { MAGAZINE } from '../../src/settings/layout.js';
import type { TextItem } from '../../src/pages/page.js';
import type { SetLine, TextStyle } from '../../src/typeset/text/paragraph-spec.js';
import { typeScale } from '../../src/settings/type-scale.js';
import { totalFit } from '../../src/typeset/text/total-fit.js';

export const textAt =
  (pos: Position) =>
  (t: string): Inline[] => [{ kind: 'text', text: t, pos }];

/**
 * A typesetting context with the bundled fonts and a line breaker (total fit unless given);
 * `warnings` are what it has reported so far.
 */
export function context(breaker: LineBreaker = totalFit): TypesetContext & { readonly warnings: readonly Diagnostic[] } {
  const diagnostics = new Trial({ report: () => {} });
  return {
    fonts: new Fonts(MAGAZINE),
    scale: typeScale(MAGAZINE),
    breaker,
    diagnostics,
    linkTarget: (url) => ({ kind: 'uri', uri: url }),
    get warnings() {
      return diagnostics.held;
    },
  };
}

/** Justified, hyphenated body text at 10/12.5 pt. */
export const body: TextStyle = { family: 'body', size: 10, leading: 12.5, color: '#1a1a1a', align: 'justify', hyphenate: true };
export const runs = (line: SetLine) => line.items.filter((i): i is TextItem => i.kind === 'text');
export const lineText = (line: SetLine) =>
  runs(line)
    .map((r) => r.text)
    .join('');
export const rightEdge = (line: SetLine) => Math.max(...runs(line).map((r) => r.x + r.width));

/** A block context for a column of code `chars` characters of the mono font wide (at the code size, padding included), at x = 30. */
export function codeColumn(ctx: TypesetContext, chars: number): BlockContext {
  const structure = new Structure();
  return {
    ctx,
    lang: 'en',
    left: 30,
    width: chars * charWidth(ctx, fontKey('mono', 'regular'), 'x', ctx.scale.code.size) + 2 * ctx.scale.code.pad,
    scale: 1,
    listDepth: 0,
    spanWidth: 500,
    columnHeight: 600,
    anchor: (id) => id,
    hyphens: articleHyphenRun(),
    structure,
    parent: structure.root,
  };
}
