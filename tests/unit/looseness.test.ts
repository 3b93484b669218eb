// A paragraph set a line shorter or longer (TeX's looseness): the page builder's first way to
// take a few lines back from a runt last page. A variant keeps every word, keeps its spaces
// within the limits of the tight and hyphenated passes, and does not exist when those cannot
// be met (in a column ten words wide, a paragraph can seldom lose a line: its last line must
// be short enough for the spaces of the lines above to take in).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { breakParagraph } from '../../src/typeset/text/paragraph.js';
import type { SetLine } from '../../src/typeset/text/paragraph-spec.js';
import { body, context, lineText, textAt } from '../support/paragraph.js';

const pos = { file: 'articles/looseness.md', line: 3, column: 1 };
const text = textAt(pos);
const WORDS =
  'the harbour master who has kept the tide tables for thirty years says the new quay will open in October weather permitting and not a day sooner than that for all of us in town'.split(
    ' ',
  );
/** The first `n` words of a long sentence, ended with a full stop. */
const paragraph = (n: number) => `${Array.from({ length: n }, (_, i) => WORDS[i % WORDS.length]).join(' ')}.`;
const words = (lines: readonly SetLine[]) =>
  lines
    .map(lineText)
    .join(' ')
    .replace(/-\s+/g, '')
    .replace(/\u00ad/g, '')
    .split(/\s+/)
    .filter(Boolean);

describe('paragraph variants (looseness)', () => {
  it('sets a paragraph whose last line is short a line shorter, every word kept, the spaces within their limits', () => {
    const p = breakParagraph(context(), { content: text(paragraph(78)), style: body, width: 230, lang: 'en', pos });
    assert.equal(lineText(p.lines[p.lines.length - 1]), 'the tide.');
    const v = p.variant(-1);
    assert.ok(v, 'a setting a line shorter exists');
    assert.equal(v.lines.length, p.lines.length - 1);
    assert.deepEqual(words(v.lines), words(p.lines));
    for (const l of v.lines.slice(0, -1)) assert.ok(l.ratio >= -1 - 1e-9 && l.ratio <= 2 + 1e-9, `ratio ${l.ratio.toFixed(2)}: within the hyphenated pass`);
  });

  it('has no shorter setting when the last line is too long for the spaces above to take in', () => {
    const p = breakParagraph(context(), { content: text(paragraph(72)), style: body, width: 230, lang: 'en', pos });
    assert.ok(lineText(p.lines[p.lines.length - 1]).length > 20, lineText(p.lines[p.lines.length - 1]));
    assert.equal(p.variant(-1), null);
    assert.equal(p.variant(0), null);
  });

  it('sets a paragraph a line longer where its spaces can stretch that far', () => {
    const p = breakParagraph(context(), { content: text(paragraph(74)), style: body, width: 230, lang: 'en', pos });
    const v = p.variant(1);
    assert.ok(v);
    assert.equal(v.lines.length, p.lines.length + 1);
    assert.deepEqual(words(v.lines), words(p.lines));
  });
});
