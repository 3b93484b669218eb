// An article should not end with a few lines alone on a page. When it would, and it has
// figures, it is set again with its figures at 85 % (then 70 %) of their width, and kept so
// when that saves the page; the page log says so. Otherwise nothing changes.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Issue } from '../../src/model/types.js';
import { MAGAZINE, textBlock } from '../../src/settings/layout.js';
import type { ImageItem } from '../../src/pages/page.js';
import { columnWidth } from '../../src/settings/layout.js';
import { typesetIssue } from '../../src/typeset/typeset-issue.js';
import { article, sizedImage } from './sample-issue.js';

const PARA =
  'The council met on Tuesday evening in the upstairs room of the library, where the heating had failed again, and the members kept their coats on while the clerk read the minutes of the last meeting aloud.';
const picture = sizedImage('img-room', 1200, 1000);

/** An article with a column-wide figure after its first paragraph and `n` more paragraphs. */
function issue(n: number): Issue {
  const a = article(1, 'council', { title: 'Council Meets Upstairs', byline: 'By A. Reporter' }, (b) => ({
    blocks: [b.p(PARA), b.figure(picture, 'The upstairs room.', 1, 'fig-room'), ...Array.from({ length: n }, (_, i) => b.p(`${i + 1}. ${PARA}`))],
  }));
  return {
    publication: 'The Runt Gazette',
    issue: 'No. 2',
    date: '2026-02-01',
    dateline: 'February 2026',
    language: 'en',
    identifier: 'urn:uuid:2',
    articles: [a],
    departments: [],
  };
}

const column = columnWidth(textBlock(MAGAZINE));
const figureWidth = (i: Issue) => {
  const { pages } = typesetIssue(i, MAGAZINE);
  const img = pages.flatMap((p) => p.items).find((it): it is ImageItem => it.kind === 'image')!;
  return { articlePages: pages.length - 2, width: img.w, log: pages.flatMap((p) => p.log ?? []) };
};

describe('runt last pages', () => {
  it('sets the figures smaller when that takes the last lines back onto the page before', () => {
    // 46 paragraphs would leave a line or two per column on a third page.
    const r = figureWidth(issue(46));
    assert.equal(r.articlePages, 2);
    assert.ok(Math.abs(r.width - 0.85 * column) < 0.5, `figure ${r.width.toFixed(1)} pt wide, column ${column.toFixed(1)} pt`);
    assert.ok(
      r.log.some((l) => /figures set at 85 % so that the article does not end with \d+ pt alone on a page/.test(l)),
      r.log.join('\n'),
    );
  });

  it('leaves the figures at full width when the last page is not a runt', () => {
    const r = figureWidth(issue(44));
    assert.equal(r.articlePages, 2);
    assert.ok(Math.abs(r.width - column) < 0.5);
    assert.ok(!r.log.some((l) => l.includes('figures set')));
  });
});
