// Rows of figures (a paragraph of images), set on a small page (two columns of 134 pt, a
// text block 280 pt wide): side by side at one height, across the columns when a column
// cannot hold them in a line, each with its caption under it; more than a line holds make
// a grid, its columns lined up; a grid taller than a figure may be is cut between its lines, and
// the parts stay in order. Debug dumps in figure-row/.
// After an intended change: UPDATE_GOLDEN=1 node --import tsx --test tests/golden/figure-row.test.ts
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { Block, FigureBlock, ImageAsset, Issue } from '../../src/model/types.js';
import { dumpPages } from '../../src/pages/dump.js';
import type { ImageItem, Page } from '../../src/pages/page.js';
import { MIN_ROW_IMAGE, rowCounts } from '../../src/typeset/page/figure-row.js';
import { typesetArticle } from '../../src/typeset/typeset-issue.js';
import { compareGolden } from './golden.js';
import { article, filler, SMALL, type Builder } from './sample-issue.js';

const dir = path.join(import.meta.dirname, 'figure-row');

/** An image without pixels: the page builder reads only its size. */
function picture(id: string, width: number, height: number): ImageAsset {
  return { id, source: `images/${id}.png`, key: id, width, height, vector: false, screenType: 'image/png' };
}

/** A row of figures numbered from `first`, pictures of the given pixel sizes. */
function row(b: Builder, first: number, sizes: [number, number][]): Block {
  const figures = sizes.map(([w, h], i) => b.figure(picture(`img-${first + i}`, w, h), `Chart ${first + i}.`, first + i, `fig-${first + i}`) as FigureBlock);
  return { kind: 'figure-group', figures, pos: figures[0].pos };
}

function golden(name: string, build: (b: Builder) => Block[]): Page[] {
  const a = article(1, name, { title: name.replace(/-/g, ' ') }, (b) => ({ blocks: build(b) }));
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

const images = (pages: Page[]) => pages.flatMap((p, i) => p.items.filter((it): it is ImageItem => it.kind === 'image').map((img) => ({ page: i + 1, img })));
const log = (pages: Page[]) => pages.flatMap((p) => p.log ?? []).join('\n');

describe('a row of figures', () => {
  it('puts as many in a line as stay readable: full lines of a grid, the rest in the last', () => {
    assert.deepEqual(rowCounts(3, 3), [3]);
    assert.deepEqual(rowCounts(3, 5), [3]);
    assert.deepEqual(rowCounts(3, 2), [2, 1]);
    assert.deepEqual(rowCounts(13, 4), [4, 4, 4, 1]);
    assert.deepEqual(rowCounts(2, 1), [1, 1]);
  });

  it('sets its images side by side at one height across the columns, each with its caption under it', () => {
    const pages = golden('row-of-two', (b) => [
      ...filler(b, 1, 3),
      row(b, 1, [
        [800, 500],
        [600, 600],
      ]),
      ...filler(b, 4, 20),
    ]);
    const set = images(pages);
    assert.equal(set.length, 2);
    const [a, c] = set.map((s) => s.img);
    assert.equal(set[0].page, set[1].page);
    assert.ok(Math.abs(a.h - c.h) < 0.01 && Math.abs(a.y - c.y) < 0.01, 'one height, one top');
    assert.ok(a.x + a.w < c.x, 'side by side, left to right, with a gap');
    assert.ok(c.x + c.w - a.x > 134, 'across the columns');
    assert.ok(Math.min(a.w, c.w) >= MIN_ROW_IMAGE * 0.5);
    assert.match(log(pages), /figure img-1 across the columns/);
  });

  it('keeps small images at their size, a line of them, each caption wider than its image rather than broken letter by letter', () => {
    const icons: [number, number][] = [
      [16, 16],
      [16, 16],
      [24, 16],
    ];
    const pages = golden('row-of-icons', (b) => [...filler(b, 1, 3), row(b, 1, icons), ...filler(b, 4, 6)]);
    const set = images(pages).map((s) => s.img);
    assert.equal(set.length, 3);
    assert.ok(set.every((img) => img.h < 12));
    assert.equal(new Set(set.map((img) => img.y)).size, 1, 'in one line');
  });

  it('makes a grid of more than a line holds, cut between its lines when taller than a figure may be, in order', () => {
    const sizes = Array.from({ length: 7 }, (): [number, number] => [800, 500]);
    const pages = golden('grid-that-splits', (b) => [...filler(b, 1, 3), row(b, 1, sizes), ...filler(b, 4, 90)]);
    const set = images(pages);
    assert.equal(set.length, 7);
    // Read page by page, top to bottom and left to right, the figures go 1 to 7.
    const order = [...set].sort((p, q) => p.page - q.page || p.img.y - q.img.y || p.img.x - q.img.x).map((s) => s.img.imageId);
    assert.deepEqual(order, ['img-1', 'img-2', 'img-3', 'img-4', 'img-5', 'img-6', 'img-7']);
    assert.ok(new Set(set.map((s) => s.page)).size > 1, 'the grid goes on overleaf');
    assert.ok(
      set.every((s) => Math.abs(s.img.h - set[0].img.h) < 0.01),
      'every image at one height',
    );
  });
});
