// Articles' layouts kept between builds of one process (the preview's rebuilds, and through
// the disk cache the next build): the pages are exactly those of a layout made afresh, before
// and after one article is edited, and only the edited article is set again.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { clearMemos, memoSizes } from '../../src/cache/memos.js';
import type { Issue } from '../../src/model/types.js';
import { dumpPages, dumpStructure } from '../../src/pages/dump.js';
import { MAGAZINE } from '../../src/settings/layout.js';
import { countUses, layoutsUsed } from '../../src/typeset/layout-memo.js';
import { typesetIssue } from '../../src/typeset/typeset-issue.js';
import { article, issueWith } from '../golden/sample-issue.js';

const PARAGRAPH =
  'The ferry left Town Quay for the last time on a Tuesday afternoon, as it had on most weekday afternoons since 1988, with a handful of passengers, two dogs and a crate of hens bound for the north shore.';

// Made once: the fixtures number their source places as they are made.
const ARTICLES = [1, 2, 3].map((n) =>
  article(n, `article-${n}`, { title: `Article ${n}` }, (b) => ({
    blocks: [b.p(n === 1 ? 'See [the third](03-article-3.md).' : 'A first line.'), ...Array.from({ length: 20 }, () => b.p(PARAGRAPH))],
  })),
);

/** The issue, its second article with `extra` paragraphs more (copies of its last). */
function issueOf(extra = 0): Issue {
  const articles = ARTICLES.map((a, i) => {
    if (i !== 1 || !extra) return a;
    const edited = structuredClone(a);
    for (let k = 0; k < extra; k++) edited.blocks.push(structuredClone(a.blocks[a.blocks.length - 1]));
    return edited;
  });
  return issueWith(articles);
}

const dump = (issue: Issue) => {
  const { pages } = typesetIssue(issue, MAGAZINE);
  return `${dumpPages(pages)}\n${dumpStructure(pages)}`;
};

describe('kept layouts', () => {
  it('give the pages and structure a fresh layout gives', () => {
    clearMemos();
    const fresh = dump(issueOf());
    assert.ok((memoSizes()['typeset/article-layouts'] ?? 0) >= 3, JSON.stringify(memoSizes()));
    assert.equal(dump(issueOf()), fresh);
  });

  it('set again only the article that changed, and give what a fresh layout of the edited issue gives', () => {
    clearMemos();
    dump(issueOf());
    countUses();
    const kept = dump(issueOf(4));
    // Three layouts used: two kept from before, and the edited article's, the one made anew.
    assert.equal(layoutsUsed().size, 3);
    assert.equal(memoSizes()['typeset/article-layouts'], 4);
    clearMemos();
    assert.equal(kept, dump(issueOf(4)));
  });
});
