// Words and paragraphs of any length set in time linear in their length (issue 15): a word
// that fits no line is cut where it must be, between the characters a reader sees (never
// inside a surrogate pair, before a combining mark, inside an emoji sequence or a flag),
// with one warning for the paragraph. The work is counted, not timed: characters handed to
// the fonts for measuring, calls of the line breaker, lines set.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Trial } from '../../src/diagnostics/trial.js';
import type { FontKey } from '../../src/pages/page.js';
import { MAGAZINE } from '../../src/settings/layout.js';
import { typeScale } from '../../src/settings/type-scale.js';
import type { LineBreaker } from '../../src/typeset/text/break-lines.js';
import { cutToFit, excerpt } from '../../src/typeset/text/break-items.js';
import { clusterBounds, MAX_MARKS } from '../../src/typeset/text/clusters.js';
import type { TypesetContext } from '../../src/typeset/text/context.js';
import { Fonts } from '../../src/typeset/text/fonts.js';
import { hyphenate, hyphenationPoints, MAX_WORD } from '../../src/typeset/text/hyphenate.js';
import type { SetLine } from '../../src/typeset/text/paragraph-spec.js';
import { breakParagraph, setParagraph } from '../../src/typeset/text/paragraph.js';
import { segments } from '../../src/typeset/text/segments.js';
import { totalFit } from '../../src/typeset/text/total-fit.js';
import { body, lineText, rightEdge, textAt } from '../support/paragraph.js';

const pos = { file: 'articles/15-long.md', line: 3, column: 1 };
const text = textAt(pos);
const WIDTH = 200;

/** Fonts that count the characters they are asked to measure (cached or not: the work asked for). */
class CountingFonts extends Fonts {
  measured = 0;
  override width(key: FontKey, t: string): number {
    this.measured += t.length;
    return super.width(key, t);
  }
  override pieceWidths(key: FontKey, t: string, cuts: readonly number[]): number[] {
    this.measured += t.length;
    return super.pieceWidths(key, t, cuts);
  }
}

/** A context whose fonts and line breaker count their work. */
function counting() {
  const fonts = new CountingFonts(MAGAZINE);
  const calls = { breaker: 0, items: 0 };
  const breaker: LineBreaker = (items, widths, options) => {
    calls.breaker++;
    calls.items += items.length;
    return totalFit(items, widths, options);
  };
  const diagnostics = new Trial({ report: () => {} });
  const ctx: TypesetContext = { fonts, scale: typeScale(MAGAZINE), breaker, diagnostics, linkTarget: (uri) => ({ kind: 'uri', uri }) };
  return { ctx, fonts, calls, warnings: () => diagnostics.held };
}

const COMBINING = /^\p{M}/u;
const LONE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** What every setting of a word must show, whatever its length and script. */
function checkLines(lines: SetLine[], word: string, width: number) {
  assert.equal(lines.map(lineText).join(''), word, 'every character set, in order, none added');
  for (const [i, l] of lines.entries()) {
    const t = lineText(l);
    assert.doesNotMatch(t, LONE, `line ${i + 1} holds half a surrogate pair`);
    assert.doesNotMatch(t, COMBINING, `line ${i + 1} starts with a combining mark`);
    assert.ok(!t.startsWith('\u200d') && !t.endsWith('\u200d'), `line ${i + 1} is cut at a zero-width joiner`);
    assert.ok(rightEdge(l) <= width + 0.01, `line ${i + 1} is ${rightEdge(l)} pt wide`);
  }
}

const WORDS: [string, (n: number) => string][] = [
  ['Latin', (n) => 'abcdefghij'.repeat(n / 10)],
  ['emoji', (n) => '😀👍🏽'.repeat(n / 6)],
  ['emoji with joiners and flags', (n) => '👩‍👩‍👧🇫🇷'.repeat(n / 12)],
  ['combining marks', (n) => 'e\u0301a\u0300o\u0302'.repeat(n / 6)],
];

describe('a word wider than any line', () => {
  for (const [script, make] of WORDS) {
    it(`${script}: cut between clusters, one warning, work linear in its length`, () => {
      const work: number[] = [];
      const items: number[] = [];
      for (const n of [10_000, 100_000]) {
        const word = make(n);
        const { ctx, fonts, calls, warnings } = counting();
        const lines = setParagraph(ctx, { content: text(word), style: body, width: WIDTH, lang: 'en', pos });
        checkLines(lines, word, WIDTH);
        const over = warnings().filter((w) => w.code === 'typeset/overfull-line');
        assert.equal(over.length, 1, 'one warning for the paragraph');
        assert.deepEqual([over[0].file, over[0].line], [pos.file, pos.line]);
        assert.ok(calls.breaker <= 2, `the line breaker called ${calls.breaker} times`);
        items.push(calls.items);
        // Each cut is found by a few shapings of one line's text.
        assert.ok(fonts.measured <= 12 * word.length, `${fonts.measured} characters measured for a word of ${word.length}`);
        work.push(fonts.measured);
      }
      assert.ok(work[1] <= 12 * work[0], `ten times the word, ${work[1] / work[0]} times the measuring`);
      assert.ok(items[1] <= 12 * items[0], `ten times the word, ${items[1] / items[0]} times the items to break`);
    });
  }

  it('CJK: a million-character run breaks between ideographs, without a warning, every line full', () => {
    const word = '漢字かなカナ'.repeat(20_000);
    const { ctx, fonts, calls, warnings } = counting();
    const lines = setParagraph(ctx, { content: text(word), style: body, width: WIDTH, lang: 'ja', pos });
    checkLines(lines, word, WIDTH);
    assert.deepEqual(warnings(), []);
    assert.ok(calls.breaker <= 2);
    assert.ok(fonts.measured <= 4 * word.length, `${fonts.measured} characters measured for ${word.length}`);
  });

  it('a word of a million characters in one paragraph of words: one warning, the rest set as usual', () => {
    const word = 'x'.repeat(1_000_000);
    const { ctx, fonts, warnings } = counting();
    const lines = setParagraph(ctx, { content: text(`Before the word ${word} and after it.`), style: body, width: WIDTH, lang: 'en', pos });
    assert.equal(lines.map(lineText).join('').replace(/ /g, ''), `Beforetheword${word}andafterit.`);
    assert.equal(warnings().length, 1);
    assert.match(warnings()[0].message, /^"x{39}…" is wider than its line \(\d+\.\d pt > 200\.0 pt\); broken where it stopped fitting$/);
    assert.ok(fonts.measured <= 12 * word.length);
  });

  it('several long words of one paragraph make one warning that counts them', () => {
    const { ctx, warnings } = counting();
    const w = 'y'.repeat(500);
    setParagraph(ctx, { content: text(`${w} and ${w} and ${w}`), style: body, width: WIDTH, lang: 'en', pos });
    assert.equal(warnings().length, 1);
    assert.match(warnings()[0].message, /and 2 more words of the paragraph; broken where it stopped fitting$/);
  });

  it('a long URL breaks after its separators first, and inside its parts only where it must', () => {
    const url = `https://example.org/${'segment/'.repeat(2000)}${'z'.repeat(5000)}`;
    const { ctx, warnings } = counting();
    const lines = setParagraph(ctx, { content: [{ kind: 'code', text: url, pos }], style: body, width: WIDTH, lang: 'en', pos });
    assert.equal(lines.map(lineText).join(''), url);
    assert.equal(warnings().length, 1, 'the run of z, not the segments');
    assert.ok(
      lines.slice(1, 50).every((l) => lineText(l).endsWith('/')),
      'the segments break after their slashes',
    );
  });
});

describe('a long paragraph', () => {
  it('of a million characters of short words: total fit over it, linear in its length', () => {
    const words = ['lorem', 'ipsum', 'dolor', 'sit', 'amet', 'consectetur', 'adipiscing', 'elit'];
    const make = (n: number) => {
      const out: string[] = [];
      for (let len = 0; len < n; len += out[out.length - 1].length + 1) out.push(words[out.length % words.length]);
      return out.join(' ');
    };
    const lines: number[] = [];
    for (const n of [100_000, 1_000_000]) {
      const { ctx, calls } = counting();
      const set = setParagraph(ctx, { content: text(make(n)), style: body, width: WIDTH, lang: 'en', pos });
      assert.ok(calls.breaker <= 2);
      lines.push(set.length);
    }
    assert.ok(lines[1] <= 11 * lines[0], `${lines[0]} → ${lines[1]} lines`);
  });

  it('of a million spaces between two words sets at once: what lies past a run of spaces is looked up once', () => {
    const { ctx } = counting();
    const lines = setParagraph(ctx, { content: text(`a${' '.repeat(1_000_000)}b`), style: body, width: WIDTH, lang: 'en', pos });
    assert.equal(lines.map(lineText).join(' '), 'a b');
  });

  it('is not set again in place past a few hundred lines (the cost grows with the square of the lines)', () => {
    const { ctx } = counting();
    const long = Array.from({ length: 3000 }, (_, i) => `word${i % 7} internationalization`).join(' ');
    const para = breakParagraph(ctx, { content: text(long), style: body, width: 120, lang: 'en', pos });
    assert.ok(para.lines.length > 500);
    assert.equal(para.reset(0, 1), null);
  });
});

describe('characters no font has', () => {
  it('65 000 different ones: five warnings and one that sums up the rest, counted without a scan', () => {
    const { ctx, warnings } = counting();
    // Plane 16's private use area: no bundled font draws any of it.
    const word = Array.from({ length: 65_000 }, (_, i) => String.fromCodePoint(0x100000 + i)).join('');
    const lines = setParagraph(ctx, { content: text(word), style: body, width: WIDTH, lang: 'en', pos });
    assert.equal(lines.map(lineText).join(''), '?'.repeat(65_000));
    const missing = warnings().filter((w) => w.code === 'font/missing-glyph');
    assert.equal(missing.length, 6);
    assert.match(missing[5].message, /^more characters without a glyph in any font, from "\u{100005}" \(U\+100005\) on/u);
  });
});

describe('hyphenation of long words', () => {
  it('looks up no word longer than MAX_WORD (the pattern search is quadratic)', () => {
    assert.deepEqual(hyphenationPoints('internationalization'.repeat(5000), 'en'), []);
    const longest = 'typography'.repeat(MAX_WORD / 10).slice(0, MAX_WORD);
    assert.ok(hyphenationPoints(longest, 'en').length > 10, 'a word of MAX_WORD characters is still hyphenated');
    assert.equal(hyphenate('typography', 'en'), 'ty-pog-ra-phy');
  });
});

describe('clusters', () => {
  const clusters = (t: string) => {
    const b = clusterBounds(t);
    return b.slice(0, -1).map((s, k) => t.slice(s, b[k + 1]));
  };

  it('keep marks, joiners, modifiers, tags, Hangul jamo and flags with what they belong to', () => {
    assert.deepEqual(clusters('ae\u0301b'), ['a', 'e\u0301', 'b']);
    assert.deepEqual(clusters('👩‍👩‍👧x'), ['👩‍👩‍👧', 'x']);
    assert.deepEqual(clusters('👍🏽👍'), ['👍🏽', '👍']);
    assert.deepEqual(clusters('🇫🇷🇩🇪🇮'), ['🇫🇷', '🇩🇪', '🇮']);
    assert.deepEqual(clusters('🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}a'), ['🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}', 'a']);
    assert.deepEqual(clusters('\u1100\u1161\u11A8\u1100'), ['\u1100\u1161\u11A8', '\u1100']);
    assert.deepEqual(clusters('😀'), ['😀'], 'a surrogate pair is one character');
    assert.deepEqual(clusterBounds(''), [0]);
  });

  it('let a run of marks be cut after MAX_MARKS of them (stream-safe text), so no cluster is unbounded', () => {
    const t = `e${'\u0301'.repeat(100)}`;
    const c = clusters(t);
    assert.equal(c[0], `e${'\u0301'.repeat(MAX_MARKS)}`);
    assert.ok(c.every((x) => x.length <= MAX_MARKS + 1));
    assert.equal(c.join(''), t);
  });

  it('are walked in linear time: a million of them at once', () => {
    assert.equal(clusterBounds('e\u0301'.repeat(500_000)).length, 500_001);
  });
});

describe('cutToFit', () => {
  it('gives the longest pieces that fit, each measured as shaped', () => {
    const { ctx } = counting();
    const seg = segments(ctx, { content: text('x'), style: body, width: WIDTH, lang: 'en', pos })[0];
    assert.ok(seg !== 'break');
    const word = 'Typographically'.repeat(40);
    const pieces = cutToFit(ctx, seg, word, 100);
    assert.equal(pieces.map((p) => p.text).join(''), word);
    for (const [i, p] of pieces.entries()) {
      assert.ok(p.width <= 100, `piece ${i} is ${p.width} pt`);
      const next = pieces[i + 1]?.text;
      if (next) assert.ok(ctx.fonts.width(seg.key, p.text + [...next][0]) * seg.size > 100, `piece ${i} could hold one more character`);
    }
  });

  it('sets a cluster wider than the line alone rather than splitting it', () => {
    const { ctx } = counting();
    const seg = segments(ctx, { content: text('x'), style: body, width: WIDTH, lang: 'en', pos })[0];
    assert.ok(seg !== 'break');
    assert.deepEqual(
      cutToFit(ctx, seg, 'e\u0301e\u0301', 1).map((p) => p.text),
      ['e\u0301', 'e\u0301'],
    );
  });
});

describe('excerpt', () => {
  it('never cuts a surrogate pair', () => {
    assert.equal(excerpt('😀😀😀', 4), '😀…');
    assert.equal(excerpt('abcdef', 4), 'abc…');
    assert.equal(excerpt('abc', 4), 'abc');
  });
});
