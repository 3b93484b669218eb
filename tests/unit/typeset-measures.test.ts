// What a build measured (shaped widths, hyphenation points) goes to the next process with
// the kept layouts, so that the edited article is not shaped afresh there: the pages are
// those of a fresh layout all the same, a font file changed since is measured again, and
// an article is known again by its digest whether read afresh or back from the disk cache.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deserialize, serialize } from 'node:v8';
import { clearMemos, memoSizes } from '../../src/cache/memos.js';
import type { Issue } from '../../src/model/types.js';
import { dumpPages, dumpStructure } from '../../src/pages/dump.js';
import { MAGAZINE } from '../../src/settings/layout.js';
import { adoptLayouts, countUses, layoutsUsed } from '../../src/typeset/layout-memo.js';
import { adoptWidths, widthsKept } from '../../src/typeset/text/fonts.js';
import { adoptMeasures, measuresKept } from '../../src/typeset/text/measures.js';
import { pointsKept } from '../../src/typeset/text/hyphenate.js';
import { typesetIssue } from '../../src/typeset/typeset-issue.js';
import { article, imageAsset, issueWith } from '../golden/sample-issue.js';

const PARAGRAPH =
  'The ferry left Town Quay for the last time on a Tuesday afternoon, as it had on most weekday afternoons since 1988, with a handful of passengers, two dogs and a crate of hens bound for the north shore.';

const ARTICLES = [1, 2].map((n) =>
  article(n, `article-${n}`, { title: `Article ${n}` }, (b) => ({
    blocks: [...(n === 1 ? [b.p('Bathymetric soundings.')] : []), ...Array.from({ length: 12 }, () => b.p(PARAGRAPH))],
  })),
);

/** The issue, its second article with one paragraph more (of words measured nowhere else). */
function issueOf(edited: boolean): Issue {
  if (!edited) return issueWith(ARTICLES);
  const second = structuredClone(ARTICLES[1]);
  const extra = structuredClone(second.blocks[0]);
  if (extra.kind === 'paragraph' && extra.content[0]?.kind === 'text')
    extra.content[0].text = 'Unheard-of quinquennial marshwardens rowed zigzagging coracles.';
  second.blocks.splice(6, 0, extra);
  return issueWith([ARTICLES[0], second]);
}

const dump = (issue: Issue) => {
  const { pages } = typesetIssue(issue, MAGAZINE);
  return `${dumpPages(pages)}\n${dumpStructure(pages)}`;
};

/** What a build keeps for the next process, the layouts and the measures, as it reads them back from the disk cache. */
interface HandedOn {
  layouts: Map<string, Buffer>;
  measures: Buffer | undefined;
}

function keptNow(): HandedOn {
  const m = measuresKept();
  return { layouts: deserialize(serialize(layoutsUsed())) as Map<string, Buffer>, measures: m && Buffer.from(m) };
}

function handedOn(issue: Issue): HandedOn {
  clearMemos();
  countUses();
  dump(issue);
  return keptNow();
}

/** What the build does with them in a new process. */
function adopt(h: HandedOn): void {
  if (h.measures) adoptMeasures(h.measures);
  adoptLayouts(h.layouts);
}

describe('measures handed to the next process', () => {
  it('come with the kept layouts, and the edited issue is set as afresh', () => {
    const kept = handedOn(issueOf(false));
    clearMemos();
    adopt(kept);
    const sizes = memoSizes();
    assert.ok((sizes['fonts/widths'] ?? 0) > 0 && (sizes['hyphenate/points'] ?? 0) > 0, JSON.stringify(sizes));
    const again = dump(issueOf(true));
    clearMemos();
    assert.equal(again, dump(issueOf(true)));
  });

  it('are kept beside the layouts used: the map holds one entry a layout', () => {
    assert.equal(handedOn(issueOf(false)).layouts.size, 2);
  });

  it('are not taken by a process that has measured already', () => {
    const kept = handedOn(issueOf(true));
    clearMemos();
    dump(issueWith([ARTICLES[0]]));
    const before = memoSizes()['hyphenate/points'];
    adopt(kept);
    assert.equal(memoSizes()['hyphenate/points'], before);
  });

  it('go on from process to process, those of the articles not set again included', () => {
    const word = (points: ReadonlyMap<string, number[]>) => [...points.keys()].some((k) => k.endsWith('\u0000Bathymetric'));
    const first = handedOn(issueOf(false));
    clearMemos();
    adopt(first);
    countUses();
    dump(issueOf(true));
    const second = keptNow();
    clearMemos();
    adopt(second);
    assert.equal(word(pointsKept()), true);
  });

  it('are not taken for a font file changed since', () => {
    clearMemos();
    dump(issueOf(false));
    const kept = widthsKept();
    assert.ok(kept.length > 0);
    clearMemos();
    adoptWidths(kept.map((k) => ({ ...k, stamp: `${k.stamp}0` })));
    assert.equal(memoSizes()['fonts/widths'], 0);
    adoptWidths(kept);
    assert.equal(memoSizes()['fonts/widths'], kept.length);
  });
});

describe('an article’s layout', () => {
  it('is found again for the same article read back from the disk cache, images and all, and not for another picture', async () => {
    const image = await imageAsset('img-press', 800, 600);
    const withFigure = article(1, 'figures', { title: 'Figures' }, (b) => ({
      blocks: [b.p(PARAGRAPH), b.figure(image, 'A composing stick.', 1, 'fig-stick'), b.p(PARAGRAPH)],
    }));
    clearMemos();
    const fresh = dump(issueWith([withFigure]));
    const layouts = () => memoSizes()['typeset/article-layouts'];
    assert.equal(layouts(), 1);
    assert.equal(dump(issueWith([deserialize(serialize(withFigure))])), fresh);
    assert.equal(layouts(), 1);
    const other = structuredClone(withFigure);
    const figure = other.blocks[1];
    if (figure.kind !== 'figure') throw new Error('the second block is the figure');
    // Another file of the same size: its key (the file's SHA-256) differs.
    figure.image.key = `${figure.image.key}0`;
    dump(issueWith([other]));
    assert.equal(layouts(), 2);
  });
});
