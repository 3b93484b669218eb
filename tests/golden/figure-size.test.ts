// How wide a figure prints: the column's width, or across the columns when the picture is
// wide; but never enlarged so far that it prints under 150 ppi. A small picture stays
// small and sharp, centred in its column, instead of filling it blurred.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Issue } from '../../src/model/types.js';
import { MIN_FIGURE_PPI } from '../../src/typeset/page/figures.js';
import { MAGAZINE, textBlock } from '../../src/settings/layout.js';
import type { ImageItem } from '../../src/pages/page.js';
import { columnWidth } from '../../src/settings/layout.js';
import { typesetIssue } from '../../src/typeset/typeset-issue.js';
import { article, sizedImage } from './sample-issue.js';

const picture = (width: number, height: number) => sizedImage(`img-${width}x${height}`, width, height);

function placed(width: number, height: number): ImageItem {
  const a = article(1, 'pictures', { title: 'Pictures' }, (b) => ({
    blocks: [b.p('A paragraph before the figure.'), b.figure(picture(width, height), 'A caption.', 1, 'fig-1'), b.p('A paragraph after it.')],
  }));
  const issue: Issue = {
    publication: 'P',
    issue: '1',
    date: '2026-01-01',
    dateline: 'x',
    language: 'en',
    identifier: 'urn:uuid:3',
    articles: [a],
    departments: [],
  };
  return typesetIssue(issue, MAGAZINE)
    .pages.flatMap((p) => p.items)
    .find((i): i is ImageItem => i.kind === 'image')!;
}

const geom = textBlock(MAGAZINE);
const column = columnWidth(geom);
const ppi = (img: ImageItem, pixels: number) => pixels / (img.w / 72);

describe('figure sizes', () => {
  it('fills the column with a picture that has the pixels for it', () => {
    const img = placed(1600, 1200);
    assert.ok(Math.abs(img.w - column) < 0.5, `${img.w} of ${column}`);
  });

  it(`enlarges a small picture no further than ${MIN_FIGURE_PPI} ppi, centred in its column`, () => {
    const img = placed(400, 300);
    assert.ok(Math.abs(ppi(img, 400) - MIN_FIGURE_PPI) < 0.5, `${ppi(img, 400).toFixed(1)} ppi`);
    assert.ok(img.w < column);
  });

  it('spans the columns with a wide picture that has the pixels, and not with one that has not', () => {
    assert.ok(Math.abs(placed(3000, 1000).w - geom.width) < 0.5, 'across the text block');
    const small = placed(480, 160);
    assert.ok(small.w <= column, `a 480 px wide picture stays in a column (${small.w.toFixed(1)} pt)`);
    assert.ok(Math.abs(ppi(small, 480) - MIN_FIGURE_PPI) < 0.5);
  });
});
