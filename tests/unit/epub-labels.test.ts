import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { epubLabels } from '../../src/backends/epub/labels.js';
import { label } from '../../src/i18n/labels.js';

describe('labels in the edition language', () => {
  it('gives the EPUB its words in the edition language, placeholders kept for later', () => {
    const ru = epubLabels('ru');
    assert.equal(ru.lang, 'ru');
    assert.equal(ru.contents, 'Содержание');
    assert.equal(ru.coverAlt, 'Обложка: {title}');
    assert.equal(epubLabels('de-AT').notes, 'Anmerkungen');
    assert.equal(epubLabels('nl').lang, 'en');
  });

  it('gives print the same words', () => {
    assert.equal(label('contents', 'ja'), '目次');
    assert.equal(label('figure', 'pl', { n: 4 }), 'Rysunek 4.');
    assert.equal(label('figure', 'zh', { n: 4 }), '图4');
  });
});
