// A filler's box (issue 10): the page builder stacks it by its height alone, so the height
// must be exactly the extent of what it draws; the title is there, the credit ranged right
// after an em dash, and every line carries the filler's place in the sources.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Filler, Position } from '../../src/model/types.js';
import { itemBounds, type Item, type TextItem } from '../../src/pages/page.js';
import { Structure, structureTree } from '../../src/pages/structure.js';
import { fillerBox } from '../../src/typeset/page/filler-box.js';
import { context, textAt } from '../support/paragraph.js';

const pos: Position = { file: 'fillers/quote-1.md', line: 5, column: 1 };
const text = textAt(pos);
const WIDTH = 220;

const quote: Filler = {
  id: 'filler-1',
  title: text('Quote of the issue'),
  blocks: [
    {
      kind: 'paragraph',
      content: text('It is not down on any map; true places never are. The sea was angry that day, and the harbour bells rang all night across the fog.'),
      pos,
    },
  ],
  credit: text('Herman Melville'),
  lang: 'en',
  pos,
};

const texts = (items: Item[]) => items.filter((i): i is TextItem => i.kind === 'text');
const extent = (items: Item[]) => {
  const b = items.map(itemBounds).filter((x) => x !== undefined);
  return {
    top: Math.min(...b.map((x) => x.y0)),
    bottom: Math.max(...b.map((x) => x.y1)),
    left: Math.min(...b.map((x) => x.x0)),
    right: Math.max(...b.map((x) => x.x1)),
  };
};

describe('fillerBox', () => {
  it('is exactly as tall as the extent of its items, from 0, and no wider than asked', () => {
    for (const f of [quote, { ...quote, title: undefined, credit: undefined }]) {
      const box = fillerBox(context(), f, WIDTH);
      const e = extent(box.items);
      assert.ok(Math.abs(e.top) < 1e-9, `top ${e.top}`);
      assert.ok(Math.abs(e.bottom - box.height) < 1e-9, `bottom ${e.bottom} vs height ${box.height}`);
      assert.ok(e.left >= 0 && e.right <= WIDTH + 1e-6, `${e.left}…${e.right}`);
    }
  });

  it('sets the title above the text, and the credit last, ranged right after an em dash', () => {
    const box = fillerBox(context(), quote, WIDTH);
    const runs = texts(box.items);
    const lines = new Map<number, TextItem[]>();
    for (const r of runs) lines.set(r.y, [...(lines.get(r.y) ?? []), r]);
    const ordered = [...lines.entries()].sort((a, b) => a[0] - b[0]).map(([, rs]) => rs);
    const first = ordered[0].map((r) => r.text).join('');
    assert.equal(first, 'QUOTE OF THE ISSUE');
    const last = ordered[ordered.length - 1];
    // The space after the dash is a no-break one, drawn as a space.
    assert.equal(last.map((r) => r.text).join(''), '— Herman Melville');
    const right = Math.max(...last.map((r) => r.x + r.width));
    assert.ok(Math.abs(right - WIDTH) < 0.01, `credit ends at ${right}, not ${WIDTH}`);
    // The text is larger than the title and the credit, and in italic.
    const body = ordered[1][0];
    assert.ok(body.size > ordered[0][0].size && body.size > last[0].size);
    assert.match(body.font, /italic/i);
    assert.ok(ordered.length >= 4, 'title, at least two lines of text, credit');
  });

  it('never leaves the dash of a credit alone at a line end', () => {
    const long = { ...quote, credit: text('Robert Louis Stevenson, The Silverado Squatters, chapter one') };
    const runs = texts(fillerBox(context(), long, 90).items);
    const dashLine = runs.filter((r) => r.text.includes('—')).map((r) => r.y)[0];
    const onIt = runs
      .filter((r) => r.y === dashLine)
      .map((r) => r.text)
      .join('');
    assert.match(onIt, /^— \S/);
  });

  it('grows with its text, and without a title is shorter', () => {
    const withTitle = fillerBox(context(), quote, WIDTH).height;
    const without = fillerBox(context(), { ...quote, title: undefined }, WIDTH).height;
    const twice = fillerBox(context(), { ...quote, blocks: [...quote.blocks, ...quote.blocks] }, WIDTH).height;
    assert.ok(without < withTitle);
    assert.ok(twice > withTitle);
  });

  it('carries the place of the filler on every line', () => {
    for (const r of texts(fillerBox(context(), quote, WIDTH).items)) assert.deepEqual(r.place, pos);
  });

  it('tags its text as a section of paragraphs under the given parent, and its rules as decoration', () => {
    const structure = new Structure();
    const art = structure.add('Art', structure.root);
    const box = fillerBox(context(), quote, WIDTH, { structure, parent: art });
    for (const it of box.items) {
      if (it.kind === 'rule') assert.equal(it.tag, undefined);
      if (it.kind === 'text') assert.ok(it.tag && 'el' in it.tag && it.tag.el.role === 'P' && it.tag.el.parent?.role === 'Sect');
    }
    const tree = structureTree([{ width: 300, height: 300, items: box.items }]);
    assert.deepEqual(
      tree.roots.map((r) => r.role),
      ['Document'],
    );
    const sect = tree.kids.get(art)!;
    assert.deepEqual(
      sect.map((e) => [e.role, e.title, e.lang]),
      [['Sect', 'Quote of the issue', 'en']],
    );
    assert.equal(tree.kids.get(sect[0])!.length, 3, 'title, one paragraph, credit');
  });
});
