// A paragraph's end: the last line is not the tail of a word hyphenated on the line before
// (no "In or-" over "der:"), and it is at least two ems long, when the paragraph can be set
// so; when it cannot, it is still set (the rules then only cost).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { INFINITY, type BreakItem } from '../../src/typeset/text/break-lines.js';
import { breakParagraph } from '../../src/typeset/text/paragraph.js';
import { totalFit } from '../../src/typeset/text/total-fit.js';
import { body, context, lineText, rightEdge, textAt } from '../support/paragraph.js';

const pos = { file: 'articles/03-the-market-moves-uphill.md', line: 19, column: 1 };
const text = textAt(pos);

const PARAGRAPHS = [
  // The sample's, which ended "In or-" / "der:" in its column.
  'The stallholders have agreed a plan among themselves, which they were kind enough to share. In order:',
  'Electronic typesetting inherited these constraints as conventions. Knuth and Plass showed that breaking a whole paragraph at once gives markedly more uniform spacing.',
  'Magazines add their own problems to the book typographer’s list: narrow columns, many headings, and footnotes that belong at the foot of the column in which they are called.',
  'The harbour master, who has kept the tide tables for thirty years, says the new quay will open in October, weather permitting, and not a day sooner.',
];

describe('the end of a paragraph', () => {
  it('never leaves a hyphenated word’s stub on the last line, nor a last line under two ems', () => {
    const ctx = context();
    const bad: string[] = [];
    for (let width = 150; width <= 260; width += 2) {
      for (const p of PARAGRAPHS) {
        const { lines } = breakParagraph(ctx, { content: text(p), style: body, width, lang: 'en', pos });
        if (lines.length < 2) continue;
        const last = lines[lines.length - 1];
        if (lines[lines.length - 2].hyphenated && !lineText(last).includes(' '))
          bad.push(`${width} pt, hyphen: …${lineText(lines[lines.length - 2]).slice(-20)} / ${lineText(last)}`);
        if (rightEdge(last) < 2 * body.size) bad.push(`${width} pt, short: …${lineText(lines[lines.length - 2]).slice(-20)} / ${lineText(last)}`);
      }
    }
    assert.deepEqual(bad, []);
  });

  it('sets "In order:" whole, on the last line or split at its space', () => {
    const ctx = context();
    for (let width = 150; width <= 260; width += 2) {
      const { lines } = breakParagraph(ctx, { content: text(PARAGRAPHS[0]), style: body, width, lang: 'en', pos });
      assert.ok(!lines.some((l) => /or-$/.test(lineText(l))), `${width} pt: ${lines.map(lineText).join(' | ')}`);
    }
  });

  // Items by hand: words (boxes), spaces (glue), a hyphenation point.
  const box = (width: number): BreakItem => ({ type: 'box', width });
  const glue = (stretch: number): BreakItem => ({ type: 'glue', width: 3, stretch, shrink: 1 });
  const hyphen: BreakItem = { type: 'penalty', width: 4, penalty: 150, flagged: true };
  const end: BreakItem[] = [
    { type: 'glue', width: 0, stretch: 1e5, shrink: 0 },
    { type: 'penalty', width: 0, penalty: -INFINITY, flagged: false },
  ];

  it('takes a looser line over a hyphenated word’s tail alone on the last line', () => {
    // At 100 pt, breaking at the hyphen fills the first line; breaking at the space before
    // the hyphenated word leaves it loose (twice its stretch), but within the tolerance.
    const items = [box(45), glue(6), box(40), glue(6), box(6), hyphen, box(10), ...end];
    const r = totalFit(items, () => 100);
    assert.deepEqual(r?.breaks, [3, items.length - 1]);
  });

  it('keeps a short last line, or the hyphen, when nothing else can be set', () => {
    const only = [box(90), glue(2), box(10), ...end];
    assert.deepEqual(
      totalFit(only, () => 100, { minLastLine: 20 }),
      { breaks: [1, only.length - 1], pass: 'stretched' },
    );
    const word = [box(90), hyphen, box(20), ...end];
    assert.deepEqual(
      totalFit(word, () => 100),
      { breaks: [1, word.length - 1], pass: 'stretched' },
    );
  });

  it('gives the last line at least its minimum when a line can take the slack', () => {
    // Words of 30, 30, 33 and 10 pt at 100 pt: "30 30 33" / "10" is the tighter, "30 30" / "33 10" keeps the end.
    const items = [box(30), glue(20), box(30), glue(20), box(33), glue(20), box(10), ...end];
    assert.deepEqual(totalFit(items, () => 100)?.breaks, [5, items.length - 1]);
    assert.deepEqual(totalFit(items, () => 100, { minLastLine: 20 })?.breaks, [3, items.length - 1]);
  });
});
