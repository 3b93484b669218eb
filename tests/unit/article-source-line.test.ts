// An article's own PDF stands alone: its first page says where it is from, in the
// edition's language, and its folios are its own or those it had in the issue.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { writePdf } from '../../src/backends/pdf/write-pdf.js';
import { inlineText } from '../../src/model/inline-text.js';
import type { Issue } from '../../src/model/types.js';
import { MAGAZINE } from '../../src/settings/layout.js';
import { sourceLineContent, typesetArticle } from '../../src/typeset/article-pdf.js';
import { article } from '../golden/sample-issue.js';
import { pdfInfo, pdfText } from '../support/validators.js';

const PARAGRAPH =
  'The ferry left Town Quay for the last time on a Tuesday afternoon, as it had on most weekday afternoons since 1988, with a handful of passengers, two dogs and a crate of hens bound for the north shore of the island.';

// Long enough for two pages of the magazine layout.
const long = article(2, 'the-last-crossing', { title: 'The Last Crossing', deck: 'Seventy-four years of timetables' }, (b) => ({
  blocks: Array.from({ length: 40 }, () => b.p(PARAGRAPH)),
}));

function issueOf(over: Partial<Issue> = {}): Issue {
  return {
    publication: 'The Carrow Lantern',
    issue: 'No. 12',
    date: '2026-10-15',
    dateline: 'Autumn 2026',
    language: 'en',
    identifier: 'urn:uuid:00000000-0000-4000-8000-000000000012',
    articles: [long],
    departments: [],
    ...over,
  };
}

/** The article's own PDF, typeset and drawn, read back page by page. */
async function ownPdf(issue: Issue, ran?: { first: number; last: number }): Promise<string[]> {
  const { pages, warnings } = typesetArticle(issue, long, MAGAZINE, { ran });
  assert.deepEqual(warnings, []);
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'pressroom-article-')), 'article.pdf');
  writeFileSync(file, await writePdf(pages, { title: long.titleText, author: '', subject: '', lang: 'en', date: issue.date }, new Map()));
  const n = Number(pdfInfo(file).Pages);
  // pdftotext gives a no-break space as it is: compare with plain spaces.
  return Array.from({ length: n }, (_, i) => pdfText(file, { first: i + 1, last: i + 1 }).replace(/\u00a0/g, ' '));
}

const lines = (page: string) =>
  page
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
/** The page's number: the one line that is a number alone. */
const folio = (page: string) =>
  lines(page)
    .filter((l) => /^\d+$/.test(l))
    .join(' ');

describe('an article’s own PDF', () => {
  it('opens with a source line naming the publication, the issue, the dateline and the pages it ran on', async () => {
    const pages = await ownPdf(issueOf(), { first: 6, last: 7 });
    assert.ok(pages.length >= 2, `${pages.length} pages`);
    assert.equal(lines(pages[0])[0], 'From The Carrow Lantern No. 12, Autumn 2026, pp. 6–7');
    // Later pages keep their running head, not the source line.
    assert.ok(!pages[1].includes('From The Carrow Lantern'));
  });

  it('names one page as “p. 6”', async () => {
    const [first] = await ownPdf(issueOf(), { first: 6, last: 6 });
    assert.equal(lines(first)[0], 'From The Carrow Lantern No. 12, Autumn 2026, p. 6');
  });

  it('names publication, issue and dateline without pages when where it ran is not known', async () => {
    const [first] = await ownPdf(issueOf());
    assert.equal(lines(first)[0], 'From The Carrow Lantern No. 12, Autumn 2026');
  });

  it('numbers its pages from 1 by default, and as in the issue with article folios “issue”', async () => {
    const own = await ownPdf(issueOf(), { first: 6, last: 7 });
    assert.deepEqual(own.map(folio).slice(0, 2), ['1', '2']);
    const asInIssue = await ownPdf(issueOf({ articleFolios: 'issue' }), { first: 6, last: 7 });
    assert.deepEqual(asInIssue.map(folio).slice(0, 2), ['6', '7']);
    // Not knowing where it ran, it can only number its pages from 1.
    const unplaced = await ownPdf(issueOf({ articleFolios: 'issue' }));
    assert.equal(folio(unplaced[0]), '1');
  });

  it('sets the publication’s name in italics, and the page numbers after the conventions of each language', () => {
    const at = { first: 6, last: 7 };
    const line = (language: string, dateline: string) => {
      const content = sourceLineContent(issueOf({ language, dateline }), at);
      return { text: inlineText(content).replace(/\u00a0/g, ' '), italic: content.flatMap((i) => (i.kind === 'emphasis' ? [inlineText(i.children)] : [])) };
    };
    assert.deepEqual(line('en', 'Autumn 2026'), { text: 'From The Carrow Lantern No. 12, Autumn 2026, pp. 6–7', italic: ['The Carrow Lantern'] });
    assert.equal(line('de', 'Herbst 2026').text, 'Aus The Carrow Lantern No. 12, Herbst 2026, S. 6–7');
    assert.equal(line('fr', 'automne 2026').text, 'Extrait de The Carrow Lantern No. 12, automne 2026, p. 6-7');
    assert.equal(line('ru', 'осень 2026').text, 'Источник: The Carrow Lantern No. 12, осень 2026, с. 6–7');
    // Japanese and Chinese mark a title with brackets, not italics.
    assert.deepEqual(line('ja', '2026年秋'), { text: '初出：『The Carrow Lantern』No. 12（2026年秋）、6–7ページ', italic: [] });
    assert.deepEqual(line('zh', '2026年秋'), { text: '原载《The Carrow Lantern》No. 12（2026年秋），第6–7页', italic: [] });
    assert.equal(
      inlineText(sourceLineContent(issueOf({ language: 'de' }), { first: 3, last: 3 })).replace(/\u00a0/g, ' '),
      'Aus The Carrow Lantern No. 12, Autumn 2026, S. 3',
    );
  });
});
