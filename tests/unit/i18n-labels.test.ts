import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { label, LABELS, LANGUAGES } from '../../src/i18n/labels.js';
import { formatLongDate } from '../../src/i18n/dates.js';

describe('labels', () => {
  it('has every label in all twelve languages, with the same placeholders', () => {
    for (const [key, row] of Object.entries(LABELS)) {
      const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      for (const lang of LANGUAGES) {
        const text = (row as Record<string, string>)[lang];
        assert.ok(text?.trim(), `${key} in ${lang}`);
        assert.deepEqual(placeholders(text), placeholders(row.en), `${key} in ${lang} keeps the placeholders of the English`);
      }
    }
  });

  it('fills placeholders and falls back to English for other languages', () => {
    assert.equal(label('figure', 'de', { n: 2 }), 'Abbildung 2.');
    assert.equal(label('figure', 'ja', { n: 2 }), '図2');
    assert.equal(label('contents', 'pt-BR'), 'Sumário');
    assert.equal(label('contents', 'nl'), 'Contents');
  });

  it('formats dates in the language of the edition', () => {
    assert.equal(formatLongDate('2026-10-15', 'en'), 'October 15, 2026');
    assert.equal(formatLongDate('2026-10-15', 'de'), '15. Oktober 2026');
    assert.equal(formatLongDate('2026-10-15', 'ja'), '2026年10月15日');
  });
});
