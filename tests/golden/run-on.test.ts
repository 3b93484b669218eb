// A newspaper's stories follow each other down the page: in a run-on layout (the tabloid
// preset) the issue opens with a front page, masthead and index, the first story under
// them; an article starts under the one before, after a rule, when the page has room for
// its headline and a few lines, otherwise on a new page; the index gives the page each one
// starts on. The magazine preset keeps a cover, a contents page and one article per opening page.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Article, Issue } from '../../src/model/types.js';
import { MAGAZINE, TABLOID } from '../../src/settings/layout.js';
import type { Page, TextItem } from '../../src/pages/page.js';
import { structureTree } from '../../src/pages/structure.js';
import { typesetIssue } from '../../src/typeset/typeset-issue.js';
import { article } from './sample-issue.js';
import { compareGolden } from './golden.js';
import path from 'node:path';

/** Paragraph counts of the first story: room left under it on its last page, and not. */
const ROOM = 102;
const TIGHT = 108;

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
/** Page number (1-based) and baseline of the headline `title`: its largest setting (the index repeats it small). */
function where(pages: Page[], title: string): { page: number; y: number } {
  let best: { page: number; y: number; size: number } | undefined;
  for (const [i, p] of pages.entries()) {
    for (const t of texts(p)) if (t.text.includes(title) && (!best || t.size > best.size)) best = { page: i + 1, y: t.y, size: t.size };
  }
  if (!best) throw new Error(`"${title}" is on no page`);
  return { page: best.page, y: best.y };
}
/** The front page's index entry for the article `id`: the page number inside its link. */
function listedPage(pages: Page[], id: string): number {
  const link = pages[0].items.find((i) => i.kind === 'link' && i.target.kind === 'dest' && i.target.name === id);
  assert.ok(link && link.kind === 'link', `an index entry links to ${id}`);
  const inside = texts(pages[0]).filter(
    (t) => t.y > link.y && t.y <= link.y + link.h + 0.5 && t.x >= link.x - 0.5 && t.x <= link.x + link.w && /^\d+$/.test(t.text),
  );
  assert.equal(inside.length, 1, `one page number in the entry for ${id}`);
  return Number(inside[0].text);
}

describe('run-on layouts: a newspaper', () => {
  const three = [
    story(1, 'bridge', 'Bridge Repairs Approved', 3),
    story(2, 'library', 'Library Hours Extended', 2),
    story(3, 'market', 'Market Moves to Saturday', 2),
  ];

  it('opens with the masthead and an index, the first story under them, no cover or contents page', () => {
    const { pages } = typesetIssue(issue(three), TABLOID);
    const front = texts(pages[0])
      .map((t) => t.text)
      .join(' ');
    assert.match(front, /The Run-On Gazette/);
    assert.match(front, /IN THIS ISSUE/i);
    assert.doesNotMatch(
      pages
        .map((p) =>
          texts(p)
            .map((t) => t.text)
            .join(' '),
        )
        .join(' '),
      /Contents/,
    );
    const name = texts(pages[0]).find((t) => t.text.includes('The Run-On Gazette'))!;
    const a = where(pages, 'Bridge Repairs');
    assert.equal(a.page, 1);
    assert.ok(a.y > name.y, 'under the masthead');
  });

  it('reads, in the tagged structure, as the front page, its index, then one Art per story', () => {
    const { pages } = typesetIssue(issue(three), TABLOID);
    const tree = structureTree(pages);
    const top = tree.kids.get(tree.roots[0])!.map((el) => `${el.role} ${el.title ?? ''}`);
    assert.deepEqual(top, [
      'Sect Front page',
      'Sect In this issue',
      'Art Bridge Repairs Approved',
      'Art Library Hours Extended',
      'Art Market Moves to Saturday',
    ]);
  });

  it('sets short stories one under another on the same page, each after a rule, and the index says so', () => {
    const { pages } = typesetIssue(issue(three), TABLOID);
    const a = where(pages, 'Bridge Repairs');
    const b = where(pages, 'Library Hours');
    const c = where(pages, 'Market Moves');
    assert.deepEqual([a.page, b.page, c.page], [1, 1, 1]);
    assert.ok(a.y < b.y && b.y < c.y, 'in reading order down the page');
    // Story rules are 0.5 pt across the text block; the openers' own rules are heavier.
    const rules = pages[0].items.filter((i) => i.kind === 'rule' && i.thickness === 0.5 && i.x2 - i.x1 > 700).map((i) => (i.kind === 'rule' ? i.y1 : 0));
    assert.equal(rules.length, 3, 'a rule above each story: under the index, and between stories');
    assert.ok(rules[0] < a.y && a.y < rules[1] && rules[1] < b.y && b.y < rules[2] && rules[2] < c.y, 'each rule above its story');
    assert.equal(pages.length, 1);
    assert.deepEqual([listedPage(pages, '01-bridge'), listedPage(pages, '02-library'), listedPage(pages, '03-market')], [1, 1, 1]);
  });

  it('starts a story on a new page when the one before leaves too little room', () => {
    // ROOM paragraphs end the first story low on page 2, with room for a headline and five
    // lines; TIGHT leave less, and the next story opens page 3.
    // Without the front page's jump, the first story simply runs on to page 2.
    const plain = { ...TABLOID, jumps: false };
    const room = typesetIssue(issue([story(1, 'budget', 'Budget Passes After Long Debate', ROOM), three[1]]), plain).pages;
    const tight = typesetIssue(issue([story(1, 'budget', 'Budget Passes After Long Debate', TIGHT), three[1]]), plain).pages;
    // Where its paragraphs from 10 on are (the other story numbers its two paragraphs too).
    const lastOfBudget = (pages: Page[]) => Math.max(...pages.map((p, i) => (texts(p).some((r) => /^\d\d+\. The council/.test(r.text)) ? i + 1 : 0)));
    assert.equal(lastOfBudget(room), 2);
    assert.equal(where(room, 'Library Hours').page, 2);
    assert.ok(where(room, 'Library Hours').y > 900, 'low on the page, under the first story');
    assert.equal(listedPage(room, '02-library'), 2);
    assert.equal(lastOfBudget(tight), 2);
    assert.equal(where(tight, 'Library Hours').page, 3);
    assert.ok(where(tight, 'Library Hours').y < 200, 'at the head of the next page');
    assert.equal(listedPage(tight, '02-library'), 3);
  });

  it('keeps the cover, the contents and one article per opening page in the magazine preset', () => {
    const { pages } = typesetIssue(issue(three), MAGAZINE);
    assert.deepEqual([where(pages, 'Bridge').page, where(pages, 'Library').page, where(pages, 'Market').page], [3, 4, 5]);
  });

  it('jumps a lead story that would fill the front page, so that other stories go under it', () => {
    const lead = story(1, 'budget', 'Budget Passes After Long Debate', ROOM);
    const { pages, articles } = typesetIssue(issue([lead, three[1], three[2]]), TABLOID);
    const all = (p: Page) =>
      texts(p)
        .map((t) => t.text)
        .join(' ');
    // The front page: the lead's part, then the two short stories whole under it.
    assert.equal(where(pages, 'Budget Passes').page, 1);
    assert.equal(where(pages, 'Library Hours').page, 1);
    assert.equal(where(pages, 'Market Moves').page, 1);
    assert.ok(where(pages, 'Library Hours').y > where(pages, 'Budget Passes').y);
    assert.match(all(pages[0]), /Continued on page 2/);
    // Page 2 opens with the lead's jump head, its folio line naming paper, date and page.
    const head = texts(pages[1]).filter((t) => /Continued from page 1/.test(t.text));
    assert.equal(head.length, 1);
    assert.ok(head[0].y < 200, 'at the head of page 2');
    assert.match(all(pages[1]), /The Run-On Gazette · February 2026 · 2/i);
    assert.deepEqual(
      articles?.map((a) => [a.id, a.first, a.last]),
      [
        ['01-budget', 1, 3],
        ['02-library', 1, 1],
        ['03-market', 1, 1],
      ],
    );
    // The index lists them all on page 1.
    assert.equal(listedPage(pages, '02-library'), 1);
    // What the page builder decided, page by page.
    compareGolden(
      path.join(import.meta.dirname, 'page-builder', 'jump.txt'),
      `${pages.map((p, i) => `page ${i + 1}\n${(p.log ?? []).map((l) => `  ${l}`).join('\n')}`).join('\n')}\n`,
    );
  });
});
