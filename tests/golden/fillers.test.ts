// Fillers and runt pages. An article whose last page would hold a few lines alone takes
// fillers from the manifest's pool under its balanced columns: the smallest set that brings
// the page to half full, so the rest can save another page; other last pages take what fits
// their room. Each filler is set once; the page log says where each went, and the issue's
// result where each one is (for the build summary and the EPUB). An article marked `runOn`
// starts under the one before instead. A runt nothing could save is a warning at the article.
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { Article, Filler, Issue } from '../../src/model/types.js';
import { MAGAZINE, textBlock } from '../../src/settings/layout.js';
import { typesetIssue } from '../../src/typeset/typeset-issue.js';
import { compareGolden } from './golden.js';
import { article, blocksFor, inl } from './sample-issue.js';

const PARA =
  'The council met on Tuesday evening in the upstairs room of the library, where the heating had failed again, and the members kept their coats on while the clerk read the minutes of the last meeting aloud.';

/** 53 paragraphs end with two and a half lines a column on a third page: a runt. */
const RUNT = 53;

function story(index: number, slug: string, paragraphs: number, extra: Partial<Article> = {}): Article {
  const a = article(index, slug, { title: `Story ${index}`, byline: 'By A. Reporter' }, (b) => ({
    blocks: Array.from({ length: paragraphs }, (_, i) => b.p(`${i + 1}. ${PARA}`)),
  }));
  return { ...a, ...extra };
}

/** A filler of `sentences` sentences of a quotation. */
function filler(id: string, sentences: number): Filler {
  const b = blocksFor('fillers/pool.md', id);
  const text = Array.from({ length: sentences }, () => 'The sea is the same as it was since before men ever went on it in boats.').join(' ');
  return { id, blocks: [b.p(text)], credit: inl('A. Sailor', 'fillers/pool.md', id), lang: 'en', pos: { file: 'edition.yaml', line: 20, column: 5 } };
}

function issue(articles: Article[], fillers: Filler[]): Issue {
  return {
    publication: 'The Filler Gazette',
    issue: 'No. 3',
    date: '2026-03-01',
    dateline: 'March 2026',
    language: 'en',
    identifier: 'urn:uuid:00000000-0000-4000-8000-000000000003',
    articles,
    departments: [],
    fillers,
  };
}

const height = textBlock(MAGAZINE).height;
/** What the page builder decided about fillers and last pages, page by page. */
const decisions = (r: ReturnType<typeof typesetIssue>) =>
  r.pages
    .map((p, i) => ({ i, log: (p.log ?? []).filter((l) => /filler|balanced|run on/.test(l)) }))
    .filter((p) => p.log.length)
    .map((p) => `page ${p.i + 1}\n${p.log.map((l) => `  ${l}`).join('\n')}`)
    .join('\n');

describe('fillers and runt pages', () => {
  const pool = [filler('long', 12), filler('middle', 6), filler('short', 2)];

  it('fills a runt with the fewest fillers that bring it to half a page, and puts the rest where there is room', () => {
    const r = typesetIssue(issue([story(1, 'runt', RUNT), story(2, 'short', 10)], pool), MAGAZINE);
    compareGolden(path.join(import.meta.dirname, 'page-builder', 'fillers.txt'), `${decisions(r)}\n`);
    // Each filler once, and every one placed: the runt's page (5) and the short story's (6).
    assert.deepEqual(r.fillers?.map((f) => f.id).sort(), ['long', 'middle', 'short']);
    const onRunt = r.fillers!.filter((f) => f.after === '01-runt');
    assert.ok(onRunt.length >= 1 && onRunt.every((f) => f.page === 5), JSON.stringify(r.fillers));
    assert.ok(r.fillers!.filter((f) => f.after === '02-short').every((f) => f.page === 6));
    // No warning: the runt was saved.
    assert.deepEqual(
      r.warnings.filter((w) => w.code === 'typeset/runt-page'),
      [],
    );
  });

  it('sets the boxes below the columns, inside the text block, in the reading order after the article', () => {
    const r = typesetIssue(issue([story(1, 'runt', RUNT)], pool), MAGAZINE);
    const page = r.pages[4];
    const text = page.items.filter((it) => it.kind === 'text');
    const quote = text.filter((it) => it.kind === 'text' && it.text.includes('The sea is'));
    assert.ok(quote.length > 0, 'a filler is on the runt page');
    const lowestBody = Math.max(...text.filter((it) => it.kind === 'text' && /\d+\. The council|aloud/.test(it.text)).map((it) => it.y));
    assert.ok(
      quote.every((q) => q.y > lowestBody),
      'the box is under the last lines of the article',
    );
    assert.ok(Math.max(...quote.map((q) => q.y)) <= MAGAZINE.pageHeight - MAGAZINE.margins.bottom, 'the boxes stay inside the text block');
    // Down to the rule under the last box.
    const used = Math.max(...page.items.filter((it) => it.kind === 'rule').map((it) => (it.kind === 'rule' ? it.y1 : 0))) - MAGAZINE.margins.top;
    assert.ok(used >= 0.5 * height, `the page is used to ${used.toFixed(0)} pt of ${height.toFixed(0)}`);
  });

  it('lets an article marked run-on start under the one before rather than fill its last page', () => {
    const letters = story(2, 'letters', 6, { runOn: true, department: 'Letters' });
    const r = typesetIssue(issue([story(1, 'runt', RUNT), letters], pool), MAGAZINE);
    // Cover, contents, three pages of the first story; the letters start on its last page.
    assert.equal(r.pages.length, 5);
    assert.deepEqual(
      r.articles?.map((a) => [a.id, a.first, a.last]),
      [
        ['01-runt', 3, 5],
        ['02-letters', 5, 5],
      ],
    );
    assert.ok(!r.fillers?.some((f) => f.after === '01-runt'), 'the page the letters run on to takes no filler');
  });

  it('warns at the article when no filler is left to save its last page, saying what would', () => {
    const r = typesetIssue(issue([story(1, 'runt', RUNT)], []), MAGAZINE);
    const runts = r.warnings.filter((w) => w.code === 'typeset/runt-page');
    assert.equal(runts.length, 1);
    assert.equal(runts[0].file, 'articles/01-runt.md');
    assert.match(runts[0].message, /"Story 1" ends with about \d+ lines alone on its last page/);
    assert.match(runts[0].hints?.[0] ?? '', /fillers:.*run-on: true/);
  });

  it('never sets a filler twice, however many pages have room', () => {
    const many = [1, 2, 3, 4].map((i) => story(i, `s${i}`, RUNT));
    const r = typesetIssue(issue(many, [filler('only', 3)]), MAGAZINE);
    assert.deepEqual(
      r.fillers?.map((f) => f.id),
      ['only'],
    );
    const drawn = r.pages.filter((p) => p.items.some((it) => it.kind === 'text' && it.text.includes('The sea is')));
    assert.equal(drawn.length, 1);
  });
});
