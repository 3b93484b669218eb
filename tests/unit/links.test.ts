// Where a link inside the edition leads: headings by the anchors Markdown sites give them
// (any script, any case), other articles by file, id or slug, relative paths, repeated
// headings numbered; anything else leads nowhere.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LinkIndex, siteAnchor } from '../../src/model/links.js';
import type { Article, Block, Position } from '../../src/model/types.js';

const pos: Position = { file: 'a.md', line: 1, column: 1 };
const heading = (id: string, text: string): Block => ({ kind: 'heading', level: 2, content: [{ kind: 'text', text, pos }], id, pos });

function article(index: number, slug: string, file: string, blocks: Block[]): Article {
  const id = `${String(index).padStart(2, '0')}-${slug}`;
  return { index, id, slug, file, title: [], titleText: slug, authors: [], lang: 'en', blocks, footnotes: [], pos };
}

const pl = article(1, 'sztuka', 'articles/07-pl.md', [
  heading('01-sztuka-codzienny-uzytek', 'Codzienny użytek'),
  heading('01-sztuka-meta', 'Meta'),
  heading('01-sztuka-meta-2', 'Meta'),
]);
const ja = article(2, 'ja', 'articles/06-ja.md', [heading('02-ja-section', '基本'), heading('02-ja-section-2', 'macOS だけ')]);
const news = article(3, 'tide', 'news/03-tide.md', [heading('03-tide-low-water', 'Low water!')]);
const index = new LinkIndex([pl, ja, news]);
const where = (url: string, from: Article) => {
  const d = index.resolve(url, from);
  return !d ? 'nowhere' : d.kind === 'external' ? `web ${d.url}` : `${d.article.id}${d.id ? ` ${d.id}` : ''}`;
};

describe('links inside the edition', () => {
  it('finds a heading by the anchor a Markdown site gives it, whatever the script or case', () => {
    assert.equal(siteAnchor('Codzienny użytek'), 'codzienny-użytek');
    assert.equal(siteAnchor('macOS だけ'), 'macos-だけ');
    assert.equal(siteAnchor('Low water!'), 'low-water');
    assert.equal(where('#Codzienny-u%C5%BCytek', pl), '01-sztuka 01-sztuka-codzienny-uzytek');
    assert.equal(where('#codzienny-użytek', pl), '01-sztuka 01-sztuka-codzienny-uzytek');
    assert.equal(where('#基本', ja), '02-ja 02-ja-section');
    assert.equal(where('#macos-だけ', ja), '02-ja 02-ja-section-2');
  });

  it('numbers repeated headings from 1, as those sites do, and knows our own ids', () => {
    assert.equal(where('#meta', pl), '01-sztuka 01-sztuka-meta');
    assert.equal(where('#meta-1', pl), '01-sztuka 01-sztuka-meta-2');
    assert.equal(where('#01-sztuka-meta-2', pl), '01-sztuka 01-sztuka-meta-2');
    assert.equal(where('#codzienny-uzytek', pl), '01-sztuka 01-sztuka-codzienny-uzytek');
  });

  it('finds another article by its path relative to the linking file, its id or its slug', () => {
    assert.equal(where('06-ja.md', pl), '02-ja');
    assert.equal(where('./06-ja.md#基本', pl), '02-ja 02-ja-section');
    assert.equal(where('../news/03-tide.md#low-water', pl), '03-tide 03-tide-low-water');
    assert.equal(where('../articles/07-pl.md', news), '01-sztuka');
    assert.equal(where('03-tide', pl), '03-tide');
    assert.equal(where('#tide', pl), '03-tide');
    assert.equal(where('#low-water', pl), '03-tide 03-tide-low-water', 'a heading of another article, named alone');
  });

  it('leads nowhere for files and headings the edition does not have', () => {
    assert.equal(where('README-cs.md', pl), 'nowhere');
    assert.equal(where('06-ja.md#missing', pl), 'nowhere');
    assert.equal(where('#osbcuro-pero-útil', pl), 'nowhere');
    assert.equal(where('//cdn.example/x.md', pl), 'nowhere');
    assert.equal(where('news/03-tide.md', pl), 'nowhere', 'relative to articles/, this is articles/news/');
  });

  it('passes web and mail addresses through', () => {
    assert.equal(where('https://example.org/a#b', pl), 'web https://example.org/a#b');
    assert.equal(where('mailto:ed@example.org', pl), 'web mailto:ed@example.org');
  });
});
