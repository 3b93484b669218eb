// The Knuth–Plass breaker: whole paragraphs set for the fewest demerits, at most two
// hyphenated lines in a row (across paragraphs too), a last line that is not a stub,
// passes that stretch further before giving up, and lines set again in place for the
// page builder. Paragraph-level checks use the bundled fonts.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Inline } from '../../src/model/types.js';
import { INFINITY, lineSpans, measureLine, type BreakItem, type LineBreaker } from '../../src/typeset/text/break-lines.js';
import type { SetLine, TextStyle } from '../../src/typeset/text/paragraph-spec.js';
import { firstFit } from '../../src/typeset/text/first-fit.js';
import { breakParagraph } from '../../src/typeset/text/paragraph.js';
import { totalFit } from '../../src/typeset/text/total-fit.js';
import { body, context, lineText, rightEdge, runs } from '../support/paragraph.js';

const pos = { file: 'articles/02-test.md', line: 12, column: 1 };
const text = (t: string): Inline[] => [{ kind: 'text', text: t, pos }];

const PARAGRAPHS = [
  'Electronic typesetting inherited these constraints as conventions. Knuth and Plass showed that breaking a whole paragraph at once, rather than line by line, gives markedly more uniform spacing; their algorithm still sets the standard against which other line breakers are measured.',
  'Magazines add their own problems to the book typographer’s list: narrow columns, many headings, figures that must sit near the text that mentions them, and footnotes that belong at the foot of the column in which they are called.',
  'The compositor of the nineteenth century worked with a composing stick, setting each line by hand and spacing it out with thin slips of metal until it was tight. Justification was physical: a line that was too loose would fall apart when the forme was lifted.',
  'Printing is the art of arranging type so that the reader forgets it is there. A well-set column has an even colour: the spaces between words are neither gaping nor cramped, and hyphens appear rarely and never stack three or four deep down the right-hand edge.',
];

describe('totalFit', () => {
  const box = (width: number): BreakItem => ({ type: 'box', width });
  const glue = (stretch = 2): BreakItem => ({ type: 'glue', width: 3, stretch, shrink: 1 });
  const end: BreakItem[] = [
    { type: 'glue', width: 0, stretch: 1e5, shrink: 0 },
    { type: 'penalty', width: 0, penalty: -INFINITY, flagged: false },
  ];

  it('looks at the whole paragraph: no line looser than first fit’s loosest', () => {
    for (const width of [150, 180, 220, 260]) {
      for (const p of PARAGRAPHS) {
        const worst = (breaker: LineBreaker) => {
          const lines = breakParagraph(context(breaker), { content: text(p), style: body, width, lang: 'en', pos }).lines;
          return Math.max(...lines.slice(0, -1).map((l) => l.ratio));
        };
        assert.ok(worst(totalFit) <= worst(firstFit) + 0.05, `${width}: ${worst(totalFit)} > ${worst(firstFit)} for "${p.slice(0, 30)}…"`);
      }
    }
  });

  it('never ends more than two lines in a row with a hyphen, from one paragraph to the next', () => {
    const ctx = context();
    for (const width of [120, 140, 160]) {
      let run = 0;
      for (const p of [...PARAGRAPHS, ...PARAGRAPHS]) {
        const para = breakParagraph(ctx, { content: text(p), style: body, width, lang: 'en', pos, hyphensBefore: run });
        for (const l of para.lines.slice(0, -1)) {
          run = l.hyphenated ? run + 1 : 0;
          assert.ok(run <= 2, `three hyphens in a row at ${width} pt: ${para.lines.map(lineText).join(' | ')}`);
        }
        assert.equal(para.hyphensAfter, para.lines.length > 1 ? run : para.hyphensAfter);
      }
    }
  });

  it('does not hyphenate a first line that would make a third hyphen in a row', () => {
    const ctx = context();
    for (const width of [110, 130, 150]) {
      for (const p of PARAGRAPHS) {
        const { lines } = breakParagraph(ctx, { content: text(p), style: body, width, lang: 'en', pos, hyphensBefore: 2 });
        assert.ok(!lines[0].hyphenated, `${width}: ${lineText(lines[0])}`);
      }
    }
  });

  it('ends with no hyphen on the line before the last when asked (footnotes, read out of order)', () => {
    const ctx = context();
    for (const width of [110, 130, 150]) {
      for (const p of PARAGRAPHS) {
        const { lines, hyphensAfter } = breakParagraph(ctx, { content: text(p), style: body, width, lang: 'en', pos, hyphensAfterMax: 0 });
        assert.equal(hyphensAfter, 0);
        assert.ok(!lines[lines.length - 2].hyphenated);
      }
    }
  });

  it('keeps the last line from being a stub when the paragraph can be set otherwise', () => {
    const stubs = (breaker: LineBreaker) => {
      let n = 0;
      for (let width = 120; width <= 260; width += 10) {
        for (const p of PARAGRAPHS) {
          const { lines } = breakParagraph(context(breaker), { content: text(p), style: body, width, lang: 'en', pos });
          if (rightEdge(lines[lines.length - 1]) < 0.15 * width) n++;
        }
      }
      return n;
    };
    assert.ok(stubs(totalFit) <= 1, `${stubs(totalFit)} last lines shorter than 15 % of the measure`);
    assert.ok(stubs(totalFit) < stubs(firstFit));
  });

  it('breaks a word with a hard hyphen only at its hyphen', () => {
    const ctx = context();
    const p = 'Self-determination and counter-revolutionary well-being: compound words with hard hyphens in them, again and again.';
    for (let width = 90; width <= 200; width += 5) {
      for (const l of breakParagraph(ctx, { content: text(p), style: body, width, lang: 'en', pos }).lines) {
        assert.match(lineText(l), /(^|[\s-])(\S+-)?$|[a-z,.:]$/);
        assert.doesNotMatch(lineText(l), /(de|deter|coun|rev|revo|revolu|revolution|be)-$/, `${width}: ${lineText(l)}`);
      }
    }
  });

  it('stretches further in a later pass rather than give up, and keeps every line inside', () => {
    // Long boxes, little stretch: nothing fits the first passes' tolerance.
    const items: BreakItem[] = [box(60), glue(0.5), box(60), glue(0.5), box(30), glue(0.5), box(60), ...end];
    const r = totalFit(items, () => 100);
    assert.ok(r);
    assert.equal(r.pass, 'stretched');
    for (const span of lineSpans(items, r.breaks)) {
      const m = measureLine(items, span);
      assert.ok(m.width - m.shrink <= 100 + 1e-6);
    }
  });

  it('warns with the paragraph’s position when no legal break keeps a line inside the column', () => {
    const ctx = context();
    const content: Inline[] = [
      { kind: 'strong', children: text('20260115'), pos },
      { kind: 'emphasis', children: text('20261231'), pos },
      { kind: 'text', text: ' and more.', pos },
    ];
    const { lines } = breakParagraph(ctx, { content, style: body, width: 60, lang: 'en', pos });
    for (const l of lines) assert.ok(rightEdge(l) <= 60.01, `${lineText(l)} sticks out`);
    const w = ctx.warnings.filter((d) => d.code === 'typeset/overfull-line');
    assert.equal(w.length, 1);
    assert.deepEqual([w[0].file, w[0].line], [pos.file, pos.line]);
  });

  it('sets a paragraph’s lines again in place: as many lines, no hyphen where asked', () => {
    const ctx = context();
    let checked = 0;
    for (const width of [120, 140, 160, 180]) {
      for (const p of PARAGRAPHS) {
        const para = breakParagraph(ctx, { content: text(p), style: body, width, lang: 'en', pos });
        const k = para.lines.findIndex((l, i) => l.hyphenated && i > 0 && i < para.lines.length - 1);
        if (k < 0) continue;
        const from = k > 1 ? 1 : 0;
        const again = para.reset(from, k)?.lines;
        if (!again) continue;
        checked++;
        assert.equal(again.length, para.lines.length - from);
        assert.ok(!again[k - from].hyphenated);
        const joined = (ls: SetLine[]) => ls.map((l) => (l.hyphenated ? lineText(l).slice(0, -1) : lineText(l) + ' ')).join('');
        assert.equal(joined(again), joined(para.lines.slice(from)));
      }
    }
    assert.ok(checked >= 2, `only ${checked} paragraphs could be set again`);
  });

  it('sets display lines ragged and of even length (a balanced headline)', () => {
    const ctx = context();
    const style: TextStyle = { family: 'heading', size: 26, leading: 28, color: '#1a1a1a', align: 'left', hyphenate: false, balance: true };
    const { lines } = breakParagraph(ctx, { content: text('Peruvian Elections and the Shadow of Fujimori'), style, width: 480, lang: 'en', pos });
    assert.equal(lines.length, 2);
    const [a, b] = lines.map(rightEdge);
    assert.ok(Math.abs(a - b) < 0.3 * Math.max(a, b), `lines of ${a.toFixed(0)} and ${b.toFixed(0)} pt`);
  });

  it('letterspaces a justified line by at most 2 % of its glyphs', () => {
    const ctx = context();
    for (const width of [120, 150, 200]) {
      for (const p of PARAGRAPHS) {
        for (const l of breakParagraph(ctx, { content: text(p), style: body, width, lang: 'en', pos }).lines) {
          for (const r of runs(l)) assert.ok(Math.abs(r.letterSpacing ?? 0) <= 0.02 * r.size, `${r.letterSpacing} in "${r.text}"`);
        }
      }
    }
  });
});
