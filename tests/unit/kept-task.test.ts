// A drawn PDF is taken from the cache exactly when what it is drawn from is the same: the
// same pages (whatever numbers the issue gave their structure elements), the same metadata,
// the same image bytes. Anything else is drawn again.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { keptTask, taskKey } from '../../src/parallel/kept-task.js';
import { openCache } from '../../src/cache/disk-cache.js';
import type { ConvertedImage } from '../../src/model/types.js';
import type { Page, StructElement } from '../../src/pages/page.js';
import type { Task } from '../../src/parallel/tasks.js';

const meta = { title: 'An article', lang: 'en', date: '2026-12-05' };

/** One page: a heading and a paragraph under an article element numbered from `first`, and a figure. */
function page(first: number, text = 'A line of the article.'): Page {
  const root: StructElement = { id: 0, role: 'Document' };
  const art: StructElement = { id: first, role: 'Art', parent: root, lang: 'en', title: 'An article' };
  const h: StructElement = { id: first + 1, role: 'H1', parent: art };
  const p: StructElement = { id: first + 2, role: 'P', parent: art };
  const text1 = {
    kind: 'text' as const,
    x: 72,
    y: 90,
    text: 'A title',
    size: 18,
    font: 'heading:bold' as const,
    file: '/nonexistent/font.otf',
    color: '#000000',
  };
  return {
    width: 612,
    height: 792,
    items: [
      { ...text1, tag: { el: h } },
      { ...text1, y: 120, text, size: 10, font: 'body:regular' as const, tag: { el: p } },
      { kind: 'image', x: 72, y: 200, w: 200, h: 100, imageId: 'img-1', tag: { el: p } },
    ],
    log: [`built with elements from ${first}`],
  } as Page;
}

function image(byte: number): ConvertedImage {
  const data = { data: Buffer.from([byte, 1, 2, 3]), mediaType: 'image/png' as const, width: 2, height: 2 };
  return { id: 'img-1', source: 'images/a.png', key: 'a', width: 2, height: 2, vector: false, screenType: 'image/png', screen: data, print: data };
}

const pdfTask = (pages: Page[], m = meta): Task => ({ kind: 'pdf', pages, meta: m });
const images = (byte = 9) => new Map([['img-1', image(byte)]]);

describe('a PDF kept between builds', () => {
  it('has one key for the same pages whatever their elements are numbered from, and whatever the page builder logged', () => {
    assert.equal(taskKey(pdfTask([page(5)]), images()), taskKey(pdfTask([page(4005)]), images()));
  });

  it('has another key when a line, the metadata or the bytes of an image differ', () => {
    const key = taskKey(pdfTask([page(5)]), images());
    assert.notEqual(taskKey(pdfTask([page(5, 'A line of the article, edited.')]), images()), key);
    assert.notEqual(taskKey(pdfTask([page(5)], { ...meta, title: 'Another title' }), images()), key);
    assert.notEqual(taskKey(pdfTask([page(5)]), images(10)), key);
    assert.notEqual(taskKey(pdfTask([page(5), page(9)]), images()), key);
  });

  it('is drawn once, then taken from the cache, the same bytes', async () => {
    const cache = openCache({ dir: mkdtempSync(path.join(os.tmpdir(), 'pressroom-kept-')), version: 'test' });
    let drawn = 0;
    const draw = async () => {
      drawn++;
      return { kind: 'pdf' as const, data: Buffer.from(`%PDF drawn ${drawn}`) };
    };
    const first = await keptTask(cache, pdfTask([page(5)]), images(), draw);
    const again = await keptTask(cache, pdfTask([page(77)]), images(), draw);
    assert.equal(drawn, 1);
    assert.ok(Buffer.isBuffer(again.kind === 'pdf' && again.data));
    assert.deepEqual(again, first);
    await keptTask(cache, pdfTask([page(5)]), images(10), draw);
    assert.equal(drawn, 2, 'a new image is drawn');
  });
});
