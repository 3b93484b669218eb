// A code block's long lines (issue 10): the block is first set smaller (one size for all of
// it, never below 85 % of the code size); a line still too long breaks at a space or after
// punctuation, never inside an identifier unless the identifier alone is longer than the
// line, and each broken line ends with a drawn continuation mark at the right edge.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RuleItem, TextItem } from '../../src/pages/page.js';
import type { BlockContext } from '../../src/typeset/page/block-context.js';
import { codeElements, MIN_CODE_SCALE } from '../../src/typeset/page/code.js';
import type { Element } from '../../src/typeset/page/flow.js';
import { fontKey } from '../../src/typeset/text/fonts.js';
import { charWidth } from '../../src/typeset/text/paragraph.js';
import { codeColumn, context } from '../support/paragraph.js';

const pos = { file: 'articles/07-code.md', line: 12, column: 1 };
const ctx = context();
const CODE_SIZE = ctx.scale.code.size;
const PAD = ctx.scale.code.pad;
/** Width of one character of the mono font at the code size. */
const CHAR = charWidth(ctx, fontKey('mono', 'regular'), 'x', CODE_SIZE);

/** A block context for a column `chars` characters of code wide (at the code size), at x = 30. */
const column = (chars: number): BlockContext => codeColumn(ctx, chars);

const texts = (el: Element) => el.items.filter((i): i is TextItem => i.kind === 'text');
const marks = (el: Element) => el.items.filter((i): i is RuleItem => i.kind === 'rule');
const lineOf = (el: Element) =>
  texts(el)
    .map((t) => t.text)
    .join('');
const sizes = (els: Element[]) => new Set(els.flatMap((e) => texts(e).map((t) => t.size)));
/** The source line again: pieces joined, a space where one was left out at the break. */
const joined = (els: Element[]) => els.map((e) => lineOf(e) + (texts(e).at(-1)?.spaceAfter ? ' ' : '')).join('');

const JS = 'const totalWeight = shipments.filter((s) => s.arrived).reduce((sum, shipment) => sum + shipment.weightInKilograms, initialWeight);';

describe('a code block’s long lines', () => {
  it('sets a block that fits at the code size, unbroken and unmarked', () => {
    const els = codeElements(column(60), 'let x = 1;\nlet y = 2;\n', pos, 4);
    assert.deepEqual(els.map(lineOf), ['let x = 1;', 'let y = 2;']);
    assert.deepEqual([...sizes(els)], [CODE_SIZE]);
    assert.equal(els.flatMap(marks).length, 0);
  });

  it('sets the whole block smaller when that lets its longest line fit', () => {
    // 66 characters in a 60-character column: 91 % of the size.
    const long = 'x'.repeat(30) + ' = ' + 'y'.repeat(33);
    const els = codeElements(column(60), `short();\n${long}\n`, pos, 4);
    assert.deepEqual(els.map(lineOf), ['short();', long]);
    const [size] = sizes(els);
    assert.equal(sizes(els).size, 1, 'one size for the whole block');
    assert.ok(size < CODE_SIZE && size >= MIN_CODE_SCALE * CODE_SIZE, `size ${size}`);
    const right = Math.max(...texts(els[1]).map((t) => t.x + t.width));
    assert.ok(right <= 30 + 60 * CHAR + PAD + 1e-3, 'the longest line fits');
    assert.equal(els.flatMap(marks).length, 0);
  });

  it('breaks a long JavaScript line at spaces and punctuation, never inside an identifier', () => {
    const bc = column(40);
    const els = codeElements(bc, `${JS}\n`, pos, 4);
    assert.ok(els.length >= 3, `${els.length} lines`);
    assert.equal(joined(els), JS, 'nothing lost, nothing added');
    const [size] = sizes(els);
    assert.equal(sizes(els).size, 1);
    assert.ok(Math.abs(size - MIN_CODE_SCALE * CODE_SIZE) < 1e-9, `set at 85 %, not below: ${size} pt`);
    const textRight = bc.left + bc.width - PAD;
    els.forEach((el, i) => {
      const line = lineOf(el);
      const last = i === els.length - 1;
      if (!last) {
        const next = lineOf(els[i + 1]);
        const before = line.at(-1) ?? '';
        assert.ok(texts(el).at(-1)?.spaceAfter || /[,;.([{=+\-*/%&|^!?:<>~]/.test(before), `break after “${before}”`);
        assert.ok(!(/[\w$]/.test(before) && /^[\w$]/.test(next)), `“${line}” | “${next}” splits an identifier`);
        // The mark: drawn at the right edge of the text, within the line.
        const m = marks(el);
        assert.ok(m.length > 0, `line ${i + 1} has its continuation mark`);
        const mx = Math.max(...m.flatMap((r) => [r.x1, r.x2]));
        assert.ok(mx <= textRight + 1e-6 && mx > textRight - CHAR, `mark at ${mx}, text ends at ${textRight}`);
        assert.ok(Math.max(...texts(el).map((t) => t.x + t.width)) <= Math.min(...m.flatMap((r) => [r.x1, r.x2])) + 1e-6, 'text clear of the mark');
        assert.equal(el.breakAfter, false, 'a column does not end inside a broken line');
      } else {
        assert.equal(marks(el).length, 0, 'the last piece has no mark');
      }
      for (const t of texts(el)) assert.ok(t.x + t.width <= textRight + 1e-6, `“${line}” fits`);
      // The mark is a drawing, not a character in the code.
      assert.doesNotMatch(line, /[↩↪⏎]/);
      if (i > 0) assert.ok(texts(el)[0].x >= bc.left + PAD + 2 * MIN_CODE_SCALE * CHAR - 1e-6, 'continuations are indented');
    });
  });

  it('continues an indented line further in than its own indent', () => {
    const bc = column(40);
    const line = `        return ${'argument, '.repeat(6)}last;`;
    const els = codeElements(bc, line, pos, 0);
    assert.ok(els.length >= 2);
    assert.ok(texts(els[1])[0].x > texts(els[0])[0].x + 8 * MIN_CODE_SCALE * CHAR - 1e-6);
  });

  it('cuts a word longer than the line where the line is full, as a last resort', () => {
    const bc = column(30);
    const word = 'a'.repeat(80);
    const els = codeElements(bc, `x = ${word};`, pos, 0);
    assert.equal(lineOf(els[0]), 'x =', 'the space before the long word first');
    assert.equal(joined(els), `x = ${word};`);
    const textRight = bc.left + bc.width - PAD;
    for (const el of els.slice(1, -1)) {
      assert.ok(marks(el).length > 0);
      const right = Math.max(...texts(el).map((t) => t.x + t.width));
      assert.ok(right > textRight - 3 * CHAR, 'a cut line is full');
    }
  });
});
