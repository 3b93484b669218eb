// Hyphenation by the article's language, from TeX patterns: what the patterns give,
// with at least 2 letters before a hyphen, 3 after, and words of 5 letters or more.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hyphenate, hyphenationPoints, patternsFor } from '../../src/typeset/text/hyphenate.js';

describe('hyphenate', () => {
  it('splits English words where the en-us patterns allow', () => {
    assert.equal(hyphenate('typography', 'en'), 'ty-pog-ra-phy');
    assert.equal(hyphenate('hyphenation', 'en'), 'hy-phen-ation');
    assert.equal(hyphenate('hyphenation', 'en-US'), 'hy-phen-ation');
  });

  it('uses British patterns for en-GB', () => {
    assert.equal(hyphenate('typography', 'en-GB'), 'ty-po-graphy');
  });

  it('splits a German compound at its syllables', () => {
    assert.equal(hyphenate('Donaudampfschifffahrtsgesellschaft', 'de'), 'Do-nau-dampf-schiff-fahrts-ge-sell-schaft');
    assert.equal(hyphenate('Silbentrennung', 'de-AT'), 'Sil-ben-tren-nung');
  });

  it('splits a Russian word', () => {
    assert.equal(hyphenate('достопримечательность', 'ru'), 'до-сто-при-ме-ча-тель-ность');
  });

  it('keeps two letters before and three after every hyphen', () => {
    for (const [word, lang] of [
      ['typography', 'en'],
      ['computer', 'en'],
      ['типографика', 'ru'],
      ['connaissance', 'fr'],
    ]) {
      for (const p of hyphenationPoints(word, lang)) {
        assert.ok(p >= 2 && word.length - p >= 3, `${word} at ${p}`);
      }
    }
    assert.equal(hyphenate('computer', 'en'), 'com-puter');
  });

  it('leaves words shorter than five letters alone', () => {
    assert.equal(hyphenate('type', 'en'), 'type');
    assert.equal(hyphenate('Satz', 'de'), 'Satz');
    assert.equal(hyphenate('table', 'en'), 'ta-ble');
  });

  it('ignores punctuation around a word', () => {
    assert.equal(hyphenate('“typography,”', 'en'), '“ty-pog-ra-phy,”');
  });

  it('never hyphenates URLs, e-mail addresses, paths or words with digits', () => {
    assert.equal(hyphenate('https://example.org/typography', 'en'), 'https://example.org/typography');
    assert.equal(hyphenate('compositor@example.org', 'en'), 'compositor@example.org');
    assert.equal(hyphenate('src/typeset/hyphenate.ts', 'en'), 'src/typeset/hyphenate.ts');
    assert.equal(hyphenate('typography2026', 'en'), 'typography2026');
  });

  it('leaves a word with a hard hyphen to break only at that hyphen', () => {
    assert.equal(hyphenate('self-determination', 'en'), 'self-determination');
    assert.equal(hyphenate('Leninist-Trotskyist', 'en'), 'Leninist-Trotskyist');
    assert.equal(hyphenate('exports—including', 'en'), 'ex-ports—in-clud-ing');
  });

  it('has no patterns for Tagalog, Japanese or Chinese: no hyphens', () => {
    assert.equal(patternsFor('tl'), null);
    assert.equal(patternsFor('ja'), null);
    assert.equal(patternsFor('zh-Hans'), null);
    assert.equal(hyphenate('tipograpiya', 'tl'), 'tipograpiya');
    assert.equal(hyphenate('typography', 'ja'), 'typography');
  });

  it('finds pattern sets by language tag, most specific first', () => {
    assert.equal(patternsFor('en'), 'en-us');
    assert.equal(patternsFor('en-GB'), 'en-gb');
    assert.equal(patternsFor('de-CH'), 'de-ch-1901');
    assert.equal(patternsFor('pt-BR'), 'pt');
    assert.equal(patternsFor('sr'), 'sr-cyrl');
  });
});
