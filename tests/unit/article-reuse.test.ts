// An article's own PDF is not set a second time: when it ran whole on pages of its own in
// the issue, its PDF draws the issue's pages under its own furniture, and what it draws is
// what setting it alone gives (the same lines, the same page breaks). A link to another
// article leads nowhere in a PDF of one article, so it is dropped there, its words kept.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from '../../src/pages/page.js';
import { MAGAZINE } from '../../src/settings/layout.js';
import { typesetArticle, typesetIssue } from '../../src/typeset/typeset-issue.js';
import { article, issueWith } from '../golden/sample-issue.js';

const PARAGRAPH =
  'The ferry left Town Quay for the last time on a Tuesday afternoon, as it had on most weekday afternoons since 1988, with a handful of passengers, two dogs and a crate of hens bound for the north shore.';

const first = article(1, 'the-tide-clock', { title: 'The Tide Clock' }, (b) => ({
  blocks: [b.p('See [the crossing](02-the-last-crossing.md) and [our notes](#notes).'), ...Array.from({ length: 30 }, () => b.p(PARAGRAPH))],
}));
const second = article(2, 'the-last-crossing', { title: 'The Last Crossing' }, (b) => ({ blocks: Array.from({ length: 50 }, () => b.p(PARAGRAPH)) }));

const issue = issueWith([first, second]);

/** Each page's words as drawn, in drawing order (a link's words are a run of their own in the issue: spacing aside). */
const words = (pages: Page[]) =>
  pages.map((p) =>
    p.items
      .flatMap((it) => (it.kind === 'text' ? [it.text] : []))
      .join(' ')
      .replace(/\s+/g, ' '),
  );
const links = (pages: Page[]) => pages.flatMap((p) => p.items.flatMap((it) => (it.kind === 'link' ? [it.target] : [])));

describe('an article’s own PDF', () => {
  const whole = typesetIssue(issue, MAGAZINE);

  it('takes the pages the issue set for every article that ran on pages of its own', () => {
    assert.deepEqual([...(whole.laid?.keys() ?? [])], [first.id, second.id]);
  });

  it('draws what setting the article alone draws', () => {
    for (const a of [first, second]) {
      const ran = whole.articles?.find((r) => r.id === a.id);
      const alone = typesetArticle(issue, a, MAGAZINE, { ran });
      const reused = typesetArticle(issue, a, MAGAZINE, { ran, laid: whole.laid?.get(a.id) });
      assert.equal(reused.pages.length, alone.pages.length);
      assert.deepEqual(words(reused.pages), words(alone.pages));
    }
  });

  it('keeps no link to another article of the issue', () => {
    const inIssue = links(whole.pages).filter((t) => t.kind === 'dest' && t.name.startsWith(second.id));
    assert.ok(inIssue.length > 0, 'the issue links the first article to the second');
    const own = typesetArticle(issue, first, MAGAZINE, { laid: whole.laid?.get(first.id) });
    assert.deepEqual(
      links(own.pages).filter((t) => t.kind === 'dest' && !t.name.startsWith(`${first.id}`)),
      [],
    );
  });
});
