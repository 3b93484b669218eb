// The cover without a cover image lists the issue's articles: every one of them, set
// smaller step by step until they fit, and never one left out in silence.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { writePdf } from '../../src/backends/pdf/write-pdf.js';
import type { Article, Issue } from '../../src/model/types.js';
import type { Page, TextItem } from '../../src/pages/page.js';
import { MAGAZINE } from '../../src/settings/layout.js';
import { typeScale } from '../../src/settings/type-scale.js';
import { coverListSizes } from '../../src/typeset/front/cover.js';
import { typesetIssue } from '../../src/typeset/typeset-issue.js';
import { article } from '../golden/sample-issue.js';
import { pdfFonts, pdfText } from '../support/validators.js';

const size = typeScale(MAGAZINE).size;

/** Titles in five languages, Japanese and Chinese among them. */
const TITLES: [string, string][] = [
  ['en', 'The Clock That Rang for the Tide'],
  ['en', 'The Last Crossing'],
  ['de', 'Post aus Kranshagen'],
  ['ru', 'Куйпога на отмели'],
  ['en', 'What the Seed Library Lent'],
  ['ja', '井戸と浮きと鐘'],
  ['zh', '借来的丝瓜'],
  ['de', 'Die Fähre am Morgen'],
  ['en', 'In Praise of Fog'],
  ['ru', 'Письма читателей'],
  ['ja', '潮の鐘が鳴る町'],
  ['zh', '港口的早市'],
];

function articles(n: number, deck?: string): Article[] {
  return Array.from({ length: n }, (_, i) => {
    const [lang, title] = TITLES[i % TITLES.length];
    return article(
      i + 1,
      `piece-${i + 1}`,
      { title: i < TITLES.length ? title : `${title} ${i + 1}`, lang, deck, department: i % 3 ? undefined : 'Features' },
      (b) => ({
        blocks: [b.p('A short paragraph of text.')],
      }),
    );
  });
}

function issueOf(list: Article[]): Issue {
  return {
    publication: 'The Carrow Lantern',
    issue: 'No. 12',
    date: '2026-10-15',
    dateline: 'Autumn 2026',
    language: 'en',
    publisher: 'Saltgate Press',
    identifier: 'urn:uuid:00000000-0000-4000-8000-000000000012',
    articles: list,
    departments: ['Features'],
  };
}

/** The text runs of an article's title drawn on a page (its department and deck are in the body face). */
const runsOf = (page: Page, a: Article): TextItem[] =>
  page.items.filter((it): it is TextItem => it.kind === 'text' && it.place?.file === a.file && !it.font.startsWith('body'));

/** The cover (page 1) as a PDF of its own, read back as text; and the PDF's path. */
async function coverText(issue: Issue, pages: Page[]): Promise<{ text: string; file: string }> {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'pressroom-cover-')), 'issue.pdf');
  writeFileSync(file, await writePdf(pages, { title: issue.publication, author: '', subject: '', lang: issue.language, date: issue.date }, new Map()));
  return { text: pdfText(file, { first: 1, last: 1 }).replace(/\s+/g, ' '), file };
}

describe('the cover’s list of articles', () => {
  it('lists every article of a twelve-article issue in five languages, the CJK titles in the CJK fonts', async () => {
    const issue = issueOf(articles(12));
    const { pages, warnings } = typesetIssue(issue, MAGAZINE);
    // Nothing about the cover (its short articles leave their pages mostly blank: other warnings).
    assert.deepEqual(
      warnings.filter((w) => w.code !== 'typeset/runt-page').map((w) => w.message),
      [],
    );
    const { text, file } = await coverText(issue, pages);
    for (const a of issue.articles) assert.ok(text.includes(a.titleText), `“${a.titleText}” is on the cover`);
    const cjk = issue.articles.filter((a) => a.lang === 'ja' || a.lang === 'zh');
    for (const a of cjk) {
      const want = a.lang === 'ja' ? 'NotoSerifJP' : 'NotoSerifSC';
      assert.ok(runsOf(pages[0], a).length > 0 && runsOf(pages[0], a).every((r) => r.file.includes(want)), `${a.lang} title set in ${want}`);
    }
    const fonts = pdfFonts(file).map((f) => f.name);
    assert.ok(fonts.some((f) => f.includes('NotoSerifJP')) && fonts.some((f) => f.includes('NotoSerifSC')), fonts.join(', '));
  });

  it('sets a short list at full size with its decks, and a long one smaller, never below the titles’ least size', () => {
    const deck = 'What an island of three hundred people does next';
    const short = typesetIssue(issueOf(articles(3, deck)), MAGAZINE).pages[0];
    const long = typesetIssue(issueOf(articles(12, deck)), MAGAZINE).pages[0];
    const shortList = issueOf(articles(3, deck)).articles;
    const titleSize = (page: Page, a: Article) => Math.max(...runsOf(page, a).map((r) => r.size));
    assert.equal(titleSize(short, shortList[0]), 2.1 * size);
    const decks = (page: Page) => page.items.filter((it) => it.kind === 'text' && it.font === 'body:italic').length;
    assert.ok(decks(short) >= 3, 'each of three articles has its deck');
    const longList = issueOf(articles(12, deck)).articles;
    const sizes = longList.map((a) => titleSize(long, a));
    assert.ok(
      sizes.every((s) => s < 2.1 * size && s >= 1.2 * size - 1e-9),
      `twelve titles between the least size and the full size: ${sizes.join(', ')}`,
    );
  });

  it('shrinks step by step, drops the decks before the titles go below their least size, and never grows', () => {
    const sizes = coverListSizes();
    const scales = sizes.map((s) => s.scale);
    assert.deepEqual(
      scales,
      [...scales].sort((a, b) => b - a),
      'each try is no larger than the one before',
    );
    const firstWithout = sizes.findIndex((s) => !s.decks);
    assert.ok(firstWithout > 0 && sizes.slice(firstWithout).every((s) => !s.decks), 'the decks go once, and stay gone');
    assert.ok(sizes[firstWithout - 1].scale > sizes[sizes.length - 1].scale, 'decks are dropped while the titles are still above their least size');
    assert.ok(Math.abs(sizes[sizes.length - 1].scale * 2.1 - 1.2) < 1e-9, 'the last try sets the titles at their least size');
  });

  it('says how many articles were left out when even the least size cannot hold them all', async () => {
    const issue = issueOf(articles(60));
    const { pages, warnings } = typesetIssue(issue, MAGAZINE);
    const told = warnings.filter((w) => w.code === 'typeset/does-not-fit' && /cover/.test(w.message));
    assert.equal(told.length, 1, warnings.map((w) => w.message).join('\n'));
    assert.equal(told[0].severity, 'warning');
    const m = /lists (\d+) of the 60 articles: (\d+) more/.exec(told[0].message);
    assert.ok(m, told[0].message);
    const [listed, left] = [Number(m[1]), Number(m[2])];
    assert.equal(listed + left, 60);
    assert.ok(listed >= 12 && left > 0, `${listed} listed, ${left} left out`);
    // The ones listed are the first, in order, each at the least size; the rest are not there.
    const onCover = issue.articles.filter((a) => runsOf(pages[0], a).length > 0);
    assert.deepEqual(
      onCover.map((a) => a.id),
      issue.articles.slice(0, listed).map((a) => a.id),
    );
    for (const a of onCover) for (const r of runsOf(pages[0], a)) assert.ok(Math.abs(r.size - 1.2 * size) < 1e-6, `${a.id} at ${r.size}`);
    const { text } = await coverText(issue, pages);
    assert.ok(text.includes(issue.articles[listed - 1].titleText) && !text.includes(issue.articles[listed].titleText));
  });
});
