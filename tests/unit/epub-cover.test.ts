// The typographic cover drawn when an issue has no cover image.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { openCache } from '../../src/cache/disk-cache.js';
import { clearMemos } from '../../src/cache/memos.js';
import { coverSvg, renderCoverImage, textWidth, wrap } from '../../src/backends/epub/cover-image.js';
import { ENGLISH_LABELS, epubLabels } from '../../src/backends/epub/labels.js';
import type { Issue } from '../../src/model/types.js';

const pos = { file: 'a.md', line: 1, column: 1 };

function issue(publication: string, titles: string[]): Issue {
  return {
    publication,
    issue: 'No. 7',
    date: '2026-01-01',
    dateline: 'Spring 2026',
    language: 'en',
    identifier: 'urn:x-test:7',
    departments: [],
    articles: titles.map((titleText, i) => ({
      index: i + 1,
      id: `0${i + 1}-a`,
      slug: 'a',
      file: 'a.md',
      title: [{ kind: 'text', text: titleText, pos }],
      titleText,
      authors: [],
      lang: 'en',
      blocks: [],
      footnotes: [],
      pos,
    })),
  };
}

describe('the typographic cover', () => {
  it('wraps at spaces, within the measure', () => {
    const title = 'The harbour at dawn, with its cranes and ferries';
    const lines = wrap(title, 'bold', 64, 700);
    assert.ok(lines.length > 1);
    assert.equal(lines.join(' '), title);
    for (const line of lines) assert.ok(textWidth(line, 'bold') * 64 <= 700, line);
    assert.deepEqual(wrap(title, 'bold', 64, 10_000), [title]);
  });

  it('wraps text without spaces between characters', () => {
    assert.deepEqual(wrap('港の朝のフェリー', 'regular', 100, 400), ['港の朝の', 'フェリー']);
  });

  it('escapes the publication name in the SVG', () => {
    const svg = coverSvg(issue('A & <B>', ['"Quoted" & <tagged>']), ENGLISH_LABELS);
    assert.match(svg, />A &amp; &lt;B&gt;</);
    assert.match(svg, />"Quoted" &amp; &lt;tagged&gt;</);
  });

  it('lists every article, in smaller type and two columns when there are many', () => {
    for (const n of [3, 10, 30]) {
      const svg = coverSvg(
        issue(
          'Review',
          Array.from({ length: n }, (_, i) => `Article ${i + 1}`),
        ),
        ENGLISH_LABELS,
      );
      for (let i = 1; i <= n; i++) assert.match(svg, new RegExp(`>Article ${i}<`), `article ${i} of ${n}`);
      assert.doesNotMatch(svg, / more</);
    }
  });

  it('says how many more there are, in the issue’s language, when not even the smallest type holds them all', () => {
    const titles = Array.from({ length: 200 }, (_, i) => `Article ${i + 1}`);
    const svg = coverSvg(issue('Review', titles), ENGLISH_LABELS);
    const shown = titles.filter((title) => svg.includes(`>${title}<`)).length;
    assert.ok(shown > 30 && shown < 200, `${shown} shown`);
    assert.match(svg, new RegExp(`>and ${200 - shown} more<`));
    const ja = coverSvg({ ...issue('Review', titles), language: 'ja' }, epubLabels('ja'));
    assert.match(ja, new RegExp(`xml:lang="ja">ほか${200 - shown}本<`));
    assert.doesNotMatch(ja, /font-style="italic"[^>]*>ほか/, 'Japanese is never slanted');
  });

  it('is a 1600 × 2400 PNG, the same bytes every time', async () => {
    const a = await renderCoverImage(issue('Review', ['One', 'Two']), ENGLISH_LABELS);
    const b = await renderCoverImage(issue('Review', ['One', 'Two']), ENGLISH_LABELS);
    assert.ok(a.equals(b));
    const meta = await sharp(a).metadata();
    assert.deepEqual([meta.format, meta.width, meta.height], ['png', 1600, 2400]);
  });

  it('is kept in the build cache, and a new process takes it from there', async () => {
    const store = openCache({ dir: mkdtempSync(path.join(os.tmpdir(), 'pressroom-cover-')), version: 'test' });
    const drawn = await renderCoverImage(issue('Kept', ['One']), ENGLISH_LABELS, store);
    clearMemos();
    const before = store.stats().hits;
    const again = await renderCoverImage(issue('Kept', ['One']), ENGLISH_LABELS, store);
    assert.ok(again.equals(drawn));
    assert.equal(store.stats().hits, before + 1, 'taken from the cache');
  });
});
