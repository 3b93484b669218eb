// A running head or folio set once for a layout is taken again on the next page (and in each
// article's own PDF): the same items as a fresh setting, never the same objects, and a line
// that reported something is set, and reports, again.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MAGAZINE } from '../../src/settings/layout.js';
import { oneLine } from '../../src/typeset/furniture.js';
import { makeContext } from '../../src/typeset/make-context.js';
import type { TextStyle } from '../../src/typeset/text/paragraph-spec.js';

const STYLE: TextStyle = { family: 'body', italic: true, size: 8, leading: 11, color: '#555555', align: 'left', hyphenate: false };

describe('one-line settings', () => {
  it('are those of a fresh setting, as copies', () => {
    const { ctx } = makeContext(MAGAZINE, {});
    const first = oneLine(ctx, 'The Tide Clock and the Last Crossing', STYLE, 'en', 120);
    const kept = structuredClone(first);
    first.items[0] = { ...first.items[0], kind: 'rule', x1: 0, y1: 0, x2: 1, y2: 1, thickness: 1, color: '#000000' };
    const again = oneLine(ctx, 'The Tide Clock and the Last Crossing', STYLE, 'en', 120);
    assert.deepEqual(again, kept);
    // Another layout object: set afresh.
    const fresh = oneLine(makeContext(structuredClone(MAGAZINE), {}).ctx, 'The Tide Clock and the Last Crossing', STYLE, 'en', 120);
    assert.deepEqual(fresh, kept);
  });

  it('are set again when they reported something', () => {
    const missing = 'Tide \u{10FFFD} Clock';
    const warnings = (n: number) => {
      const { ctx, warnings } = makeContext(MAGAZINE, {});
      for (let i = 0; i < n; i++) oneLine(ctx, missing, STYLE, 'en', 120);
      ctx.diagnostics.keep();
      return warnings.length;
    };
    assert.ok(warnings(1) > 0);
    assert.equal(warnings(2), warnings(1));
  });
});
