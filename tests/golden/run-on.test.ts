// A newspaper's stories follow each other down the page: in a run-on layout (the tabloid
// preset) an article starts under the one before, after a rule, when the page has room
// for its headline and a few lines; otherwise on a new page. The contents gives the page
// each one starts on. The magazine preset keeps one article per opening page.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Article, Issue } from '../../src/model/types.js';
import { MAGAZINE, TABLOID } from '../../src/typeset/layout.js';
import type { Page, TextItem } from '../../src/typeset/pages.js';
import { typesetIssue } from '../../src/typeset/typeset-issue.js';
import { article } from './sample-issue.js';

const PARA =
  'The council met on Tuesday evening in the upstairs room of the library, where the heating had failed again, and the members kept their coats on while the clerk read the minutes of the last meeting aloud.';

function story(index: number, slug: string, title: string, paragraphs: number): Article {
  return article(index, slug, { title, byline: 'By A. Reporter', department: 'News' }, (b) => ({
    blocks: Array.from({ length: paragraphs }, (_, i) => b.p(`${i + 1}. ${PARA}`)),
  }));
}

function issue(articles: Article[]): Issue {
  return {
    publication: 'The Run-On Gazette',
    issue: 'No. 7',
    date: '2026-02-01',
    dateline: 'February 2026',
    language: 'en',
    identifier: 'urn:uuid:00000000-0000-4000-8000-000000000007',
    articles,
    departments: ['News'],
  };
}

const texts = (p: Page) => p.items.filter((i): i is TextItem => i.kind === 'text');
/** Page number (1-based) and top of the line holding `title`, after the cover and contents. */
function where(pages: Page[], title: string): { page: number; y: number } {
  for (const [i, p] of pages.entries()) {
    if (i < 2) continue;
    const t = texts(p).find((r) => r.text.includes(title));
    if (t) return { page: i + 1, y: t.y };
  }
  throw new Error(`"${title}" is on no page`);
}
/** The contents entry for `title`: the page number set at the end of its line. */
function listedPage(pages: Page[], title: string): number {
  const runs = texts(pages[1]);
  const t = runs.find((r) => r.text.includes(title))!;
  const num = runs.filter((r) => Math.abs(r.y - t.y) < 0.5 && /^\d+$/.test(r.text.trim()));
  return Number(num[num.length - 1].text);
}

describe('run-on layouts', () => {
  const three = [story(1, 'bridge', 'Bridge Repairs Approved', 3), story(2, 'library', 'Library Hours Extended', 2), story(3, 'market', 'Market Moves to Saturday', 2)];

  it('sets short stories one under another on the same page, each after a rule', () => {
    const { pages } = typesetIssue(issue(three), TABLOID);
    const a = where(pages, 'Bridge Repairs');
    const b = where(pages, 'Library Hours');
    const c = where(pages, 'Market Moves');
    assert.equal(a.page, 3);
    assert.deepEqual([b.page, c.page], [3, 3]);
    assert.ok(a.y < b.y && b.y < c.y, 'in reading order down the page');
    // Story rules are 0.5 pt across the text block; the openers' own rules are heavier.
    const rules = pages[2].items.filter((i) => i.kind === 'rule' && i.thickness === 0.5 && i.x2 - i.x1 > 700).map((i) => (i.kind === 'rule' ? i.y1 : 0));
    assert.equal(rules.length, 2, 'a rule across the text block above each story that runs on');
    assert.ok(a.y < rules[0] && rules[0] < b.y && b.y < rules[1] && rules[1] < c.y, 'each rule between two stories');
    assert.equal(pages.length, 3);
    assert.deepEqual([listedPage(pages, 'Bridge'), listedPage(pages, 'Library'), listedPage(pages, 'Market')], [3, 3, 3]);
  });

  it('starts a story on a new page when the one before leaves too little room', () => {
    // 110 paragraphs end the first story low on its second page, with room for a headline
    // and five lines; 114 leave less, and the next story opens the page after.
    const room = typesetIssue(issue([story(1, 'budget', 'Budget Passes After Long Debate', 110), three[1]]), TABLOID).pages;
    const tight = typesetIssue(issue([story(1, 'budget', 'Budget Passes After Long Debate', 114), three[1]]), TABLOID).pages;
    // Where its paragraphs 100 and on are (the other story numbers its two paragraphs too).
    const lastOfBudget = (pages: Page[]) => Math.max(...pages.map((p, i) => (texts(p).some((r) => /^1\d\d\. The council/.test(r.text)) ? i + 1 : 0)));
    assert.equal(lastOfBudget(room), 4);
    assert.equal(where(room, 'Library Hours').page, 4);
    assert.ok(where(room, 'Library Hours').y > 900, 'low on the page, under the first story');
    assert.equal(listedPage(room, 'Library'), 4);
    assert.equal(lastOfBudget(tight), 4);
    assert.equal(where(tight, 'Library Hours').page, 5);
    assert.ok(where(tight, 'Library Hours').y < 150, 'at the head of the next page');
    assert.equal(listedPage(tight, 'Library'), 5);
  });

  it('keeps one article per opening page in the magazine preset', () => {
    const { pages } = typesetIssue(issue(three), MAGAZINE);
    assert.deepEqual([where(pages, 'Bridge').page, where(pages, 'Library').page, where(pages, 'Market').page], [3, 4, 5]);
  });
});
