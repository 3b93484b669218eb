// The pages an edit changed, against those a preview last showed: the preview is sent those
// alone. A page is the same when it draws the same, whatever the issue numbered its elements.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { changesSinceShown } from '../../src/pages/page-changes.js';
import type { Page, StructElement } from '../../src/pages/page.js';

const root: StructElement = { id: 0, role: 'Document' };

/** A page of one paragraph, its element numbered `id`. */
function page(text: string, id = 1): Page {
  const p: StructElement = { id, role: 'P', parent: root };
  return {
    width: 400,
    height: 600,
    items: [{ kind: 'text', x: 40, y: 60, text, size: 10, font: 'body:regular', file: '/fonts/body.otf', color: '#000000', width: 100, tag: { el: p } }],
  };
}

describe('the pages an edit changed', () => {
  it('are all of them the first time, then only those that draw differently', () => {
    const place = `/out/${Math.random()}`;
    const first = changesSinceShown(place, [page('one'), page('two'), page('three')]);
    assert.equal(first.base, undefined);
    assert.deepEqual(first.changed, [0, 1, 2]);
    const second = changesSinceShown(place, [page('one', 5), page('two, edited', 6), page('three', 7)]);
    assert.equal(second.base, first.key, 'over the pages shown before');
    assert.deepEqual(second.changed, [1], 'renumbered elements draw the same page');
    assert.equal(second.total, 3);
  });

  it('counts a page added at the end as changed, and a page taken away changes the key', () => {
    const place = `/out/${Math.random()}`;
    const first = changesSinceShown(place, [page('one'), page('two')]);
    const longer = changesSinceShown(place, [page('one'), page('two'), page('three')]);
    assert.deepEqual(longer.changed, [2]);
    const shorter = changesSinceShown(place, [page('one'), page('two')]);
    assert.deepEqual(shorter.changed, []);
    assert.equal(shorter.key, first.key);
    assert.notEqual(shorter.key, longer.key);
  });
});
