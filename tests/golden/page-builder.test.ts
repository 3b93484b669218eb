// The page builder's rules, each shown by a small hand-built article on a small page
// (two columns of 134 pt, 8 pt type on 10 pt): its debug dump against a golden file in
// page-builder/, and the decision the dump's `#` lines must record. One-line filler
// paragraphs ("Filler line 7.") put the case where it is wanted on the page.
// After an intended change: UPDATE_GOLDEN=1 node --import tsx --test tests/golden/page-builder.test.ts
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { Block, Footnote, ImageAsset, Issue } from '../../src/model/types.js';
import { dumpPages } from '../../src/pages/dump.js';
import type { Page } from '../../src/pages/page.js';
import { typesetArticle } from '../../src/typeset/typeset-issue.js';
import { compareGolden } from './golden.js';
import { article, filler, SMALL, type Builder } from './sample-issue.js';

const dir = path.join(import.meta.dirname, 'page-builder');

const STICK =
  'The compositor of the nineteenth century worked with a composing stick, setting each line by hand and spacing it out with thin slips of metal until it was tight.';
const FORME =
  'Justification was physical: a line that was too loose would fall apart when the forme was lifted, and a line too tight could not be locked up at all.';

/** An image without pixels: the page builder reads only its size. */
function picture(id: string, width: number, height: number): ImageAsset {
  return { id, source: `images/${id}.png`, key: id, width, height, vector: false, screenType: 'image/png' };
}

/** Typeset one article on the small page; the dump goes to page-builder/<name>.txt. */
function golden(name: string, build: (b: Builder) => { blocks: Block[]; footnotes?: Footnote[] }): Page[] {
  const a = article(1, name, { title: name.replace(/-/g, ' ') }, build);
  const issue: Issue = {
    publication: 'The Golden Gazette',
    issue: 'No. 2',
    date: '2026-02-01',
    dateline: 'February 2026',
    language: 'en',
    identifier: 'urn:uuid:00000000-0000-4000-8000-000000000002',
    articles: [a],
    departments: [],
  };
  const { pages, warnings } = typesetArticle(issue, a, SMALL);
  assert.deepEqual(warnings, []);
  compareGolden(path.join(dir, `${name}.txt`), dumpPages(pages));
  return pages;
}

const log = (pages: Page[], n: number) => (pages[n - 1].log ?? []).join('\n');

describe('the page builder', () => {
  it('never leaves a paragraph’s first line alone at a column’s foot, nor its last alone at a head', () => {
    const pages = golden('widows-and-orphans', (b) => ({
      blocks: [...filler(b, 1, 14), b.p(STICK), ...filler(b, 15, 6), b.p(FORME), ...filler(b, 21, 4)],
    }));
    assert.match(log(pages, 1), /column 1: column ends early: "The compositor of the…" goes on with what follows \(orphan\)/);
    assert.match(log(pages, 1), /column 2: column ends early: "line too tight could…" goes on with what follows \(widow\)/);
  });

  it('keeps a heading with the two lines after it, away from a column’s foot', () => {
    const pages = golden('heading-at-column-foot', (b) => ({
      blocks: [...filler(b, 1, 11), b.h(2, 'A heading at the foot', 'foot'), b.p(STICK), ...filler(b, 12, 12)],
    }));
    assert.match(log(pages, 1), /column 1: column ends early: "A heading at the…" goes on with what follows \(heading/);
  });

  it('puts figures at the foot or head of a column, and wide ones across the columns', () => {
    const pages = golden('figures', (b) => ({
      blocks: [
        ...filler(b, 1, 2),
        b.figure(picture('img-low', 400, 270), 'Met low in the column: set at its foot.', 1, 'fig-low'),
        ...filler(b, 3, 8),
        b.figure(picture('img-tall', 300, 400), 'No room left: at the head of the next column.', 2, 'fig-tall'),
        ...filler(b, 11, 16),
        b.figure(picture('img-wide', 900, 300), 'Wide: across both columns, at the head of the next page.', 3, 'fig-wide'),
        ...filler(b, 27, 24),
      ],
    }));
    const all = pages.map((_, i) => log(pages, i + 1)).join('\n');
    assert.match(all, /figure img-low at the foot of the column/);
    assert.match(all, /figure img-tall waits for the next column/);
    assert.match(all, /column 1: figure img-tall at the head of the column/);
    assert.match(all, /figure img-wide across the columns/);
  });

  it('splits a table between rows and repeats its header', () => {
    const rows = Array.from({ length: 22 }, (_, i) => [`${1900 + 5 * i}`, `${4100 - 37 * i}`, i % 3 === 0 ? 'census' : 'estimate']);
    const pages = golden('split-table', (b) => ({
      blocks: [...filler(b, 1, 6), b.table(['Year', 'People', 'Source'], rows, [null, 'right', null]), ...filler(b, 7, 3)],
    }));
    assert.match(log(pages, 1), /column 2: table header repeated/);
  });

  it('continues a footnote that does not fit in the next column', () => {
    const note =
      'A note long enough to need several lines at the foot of the column, more than the room left there, so that it goes on in the next column under the rule.';
    const pages = golden('footnote-continues', (b) => ({
      blocks: [...filler(b, 1, 10), b.p('A short paragraph that calls a long note.[^1]'), ...filler(b, 11, 14)],
      footnotes: [b.note(1, [note, note])],
    }));
    assert.match(log(pages, 1), /column 1: note "1. A note long…" continues in the next column/);
    assert.match(log(pages, 1), /column 2: note ".*" continued from the column before/);
  });

  it('balances the columns where an article ends', () => {
    const pages = golden('column-balancing', (b) => ({ blocks: [...filler(b, 1, 9), b.p(STICK), b.p(FORME)] }));
    assert.equal(pages.length, 1);
    assert.match(log(pages, 1), /columns balanced: \d+\.\d pt of 151\.5/);
    // Both columns end within a line of each other.
    const bottoms = [20, 172].map((x) =>
      Math.max(...pages[0].items.filter((i) => i.kind === 'text' && Math.abs(i.x - x) < 15 && i.y < 220).map((i) => (i.kind === 'text' ? i.y : 0))),
    );
    assert.ok(Math.abs(bottoms[0] - bottoms[1]) <= 10.01, `column feet at ${bottoms.join(' and ')}`);
  });
});
