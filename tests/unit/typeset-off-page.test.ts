// Nothing printed off the page (issue 15): what cannot fit a page is a `typeset/does-not-fit`
// error at its source and is taken off the page: elements taller than their column (the
// page builder notes and cuts them), tables too wide for one character a cell (refused),
// and, whatever made them, drawn items of the finished pages past the page's edge (the last
// check). Tables and long paragraphs never spread input-sized arrays into a call.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { Trial } from '../../src/diagnostics/trial.js';
import type { Issue } from '../../src/model/types.js';
import { append, itemBounds, type Item, type Page } from '../../src/pages/page.js';
import { MAGAZINE } from '../../src/settings/layout.js';
import { typeScale } from '../../src/settings/type-scale.js';
import { checkPages, reportOverflows } from '../../src/typeset/page/does-not-fit.js';
import type { Element } from '../../src/typeset/page/flow.js';
import { paginateFlow } from '../../src/typeset/page/paginate.js';
import type { TypesetContext } from '../../src/typeset/text/context.js';
import { Fonts } from '../../src/typeset/text/fonts.js';
import { totalFit } from '../../src/typeset/text/total-fit.js';
import { typesetArticle, typesetIssue } from '../../src/typeset/typeset-issue.js';
import { article } from '../golden/sample-issue.js';

const place = (line: number) => ({ file: 'articles/01-x.md', line, column: 1 });

function ctxWith(): { ctx: TypesetContext; held: () => readonly Diagnostic[] } {
  const diagnostics = new Trial({ report: () => {} });
  return {
    ctx: { fonts: new Fonts(MAGAZINE), scale: typeScale(MAGAZINE), breaker: totalFit, diagnostics, linkTarget: () => undefined },
    held: () => diagnostics.held,
  };
}

const text = (x: number, y: number, width: number, line: number, t = 'words'): Item => ({
  kind: 'text',
  x,
  y,
  width,
  size: 10,
  font: 'body:regular',
  file: 'f.ttf',
  text: t,
  color: '#000',
  place: place(line),
});

const issueOf = (a: ReturnType<typeof article>): Issue => ({
  publication: 'The Test Gazette',
  issue: 'No. 1',
  date: '2026-03-01',
  dateline: 'March 2026',
  language: 'en',
  identifier: 'urn:uuid:00000000-0000-4000-8000-000000000015',
  articles: [a],
  departments: [],
});

describe('the last check of the pages', () => {
  it('reports text past an edge at its place, once a place and once a page, and takes it off', () => {
    const { ctx, held } = ctxWith();
    const page: Page = {
      width: 600,
      height: 800,
      items: [
        text(50, 100, 100, 3, 'kept'),
        text(50, 805, 100, 4, 'below the foot'),
        text(50, 900, 100, 4, 'below the foot again'),
        { kind: 'rule', x1: 0, y1: 900, x2: 100, y2: 900, thickness: 1, color: '#000' },
        { kind: 'rect', x: -10, y: -10, w: 620, h: 100, fill: '#ccc', bleed: true },
        { kind: 'link', x: 0, y: 2000, w: 10, h: 10, target: { kind: 'uri', uri: 'https://example.org/' } },
      ],
    };
    const second: Page = { width: 600, height: 800, items: [text(590, 100, 100, 9, 'past the right edge'), text(-20, 200, 10, 10, 'past the left')] };
    checkPages(ctx, [page, second]);
    assert.deepEqual(
      held().map((d) => [d.severity, d.code, d.line, d.message.replace(/ [\d.]+ pt/, ' N pt')]),
      [
        ['error', 'typeset/does-not-fit', 4, 'text "below the foot" reaches N pt past the foot of page 1: it would be cut off'],
        ['error', 'typeset/does-not-fit', 9, 'text "past the right edge" reaches N pt past the right edge of page 2: it would be cut off'],
      ],
    );
    assert.deepEqual(
      page.items.map((i) => i.kind),
      ['text', 'rect', 'link'],
      'what is off the page is taken off; what bleeds, and what is not drawn, stays',
    );
    assert.equal(second.items.length, 0);
  });

  it('tells of an item without a place, and of an image not marked to bleed, by its page', () => {
    const { ctx, held } = ctxWith();
    const pages: Page[] = [
      { width: 600, height: 800, items: [{ kind: 'rule', x1: 0, y1: 810, x2: 100, y2: 810, thickness: 1, color: '#000' }] },
      { width: 600, height: 800, items: [{ kind: 'image', imageId: 'img-1', x: -5, y: 0, w: 100, h: 100, place: place(20) }] },
      { width: 600, height: 800, items: [{ kind: 'image', imageId: 'img-2', x: -5, y: 0, w: 100, h: 100, place: place(21), bleed: true }] },
    ];
    checkPages(ctx, pages);
    assert.deepEqual(
      held().map((d) => [d.file, d.line, d.message.replace(/ [\d.]+ pt/, ' N pt')]),
      [
        [undefined, undefined, 'a rule reaches N pt past the foot of page 1: it would be cut off'],
        ['articles/01-x.md', 20, 'an image reaches N pt past the left edge of page 2: it would be cut off'],
      ],
    );
    assert.equal(pages[2].items.length, 1);
  });

  it('leaves pages set as usual untouched, to the item', async () => {
    const a = article(1, 'plain', { title: 'A plain article', byline: 'By A. Writer' }, (b) => ({
      blocks: [b.p('Some words. '.repeat(400)), b.table(['a', 'b'], [['1', '2']]), b.h(2, 'A heading', 'h'), b.p('More words. '.repeat(300))],
    }));
    const { pages, warnings } = typesetIssue(issueOf(a), MAGAZINE);
    assert.deepEqual(warnings, []);
    for (const p of pages)
      for (const it of p.items) {
        const b = itemBounds(it);
        if (b) assert.ok(b.x0 >= 0 && b.y0 >= 0 && b.x1 <= p.width && b.y1 <= p.height, JSON.stringify(it).slice(0, 200));
      }
  });
});

describe('the page builder and what is taller than its room', () => {
  const line = (i: number, height = 12): Element => ({ height, spaceBefore: 0, breakAfter: true, items: [text(0, 9, 50, i)] });
  const geom = { width: 300, height: 100, columns: 1, gutter: 0 };
  const opts = { balance: false, noteSep: 6, gap: 6, ruleColor: '#000' };

  it('notes an element taller than the column, cuts it to the column, and goes on', () => {
    const tall: Element = {
      height: 250,
      spaceBefore: 0,
      breakAfter: true,
      items: Array.from({ length: 20 }, (_, i) => text(0, 9 + 12 * i, 50, 7)),
      source: { what: 'row 2 of the table', place: place(7), hint: 'shorten its cells' },
    };
    const pages = paginateFlow([line(1), tall, line(3)], () => undefined, geom, opts);
    const over = pages.flatMap((p) => p.overflow ?? []);
    assert.equal(over.length, 1);
    assert.deepEqual([over[0].source.what, over[0].height, over[0].room], ['row 2 of the table', 250, 100]);
    for (const p of pages) for (const it of p.items) assert.ok((itemBounds(it)?.y1 ?? 0) <= geom.height + 0.01);
    const { ctx, held } = ctxWith();
    reportOverflows(ctx, pages);
    reportOverflows(ctx, pages);
    assert.deepEqual(
      held().map((d) => [d.code, d.line, d.message, d.hints]),
      [
        [
          'typeset/does-not-fit',
          7,
          'row 2 of the table is 250 pt tall, more than the 100 pt it has on the page: it would run off the page',
          ['shorten its cells'],
        ],
      ],
    );
  });

  it('notes a block at the head of the page taller than the page (an opener)', () => {
    const top = { items: [text(0, 9, 50, 1), text(0, 200, 50, 1)], height: 210, source: { what: 'the opener', place: place(1), hint: 'shorter' } };
    const pages = paginateFlow([line(2)], () => undefined, geom, { ...opts, top });
    assert.equal(pages[0].overflow?.[0].source.what, 'the opener');
    assert.equal(pages[0].items.filter((i) => i.kind === 'text').length, 1, 'what runs off is cut');
    assert.ok(
      pages.some((p) => p.items.some((i) => i.kind === 'text' && i.place?.line === 2)),
      'the text goes on overleaf',
    );
  });

  it('notes nothing on pages that fit', () => {
    const pages = paginateFlow(
      Array.from({ length: 40 }, (_, i) => line(i)),
      () => undefined,
      geom,
      opts,
    );
    assert.ok(pages.length > 3);
    assert.ok(pages.every((p) => !p.overflow));
  });
});

describe('tables at the limits', () => {
  const grid = (cols: number, rows: number, cell = (r: number, c: number) => String(r * cols + c)) => ({
    header: Array.from({ length: cols }, (_, c) => `h${c}`),
    rows: Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => cell(r, c))),
  });

  it('refuses 40 columns × 2000 rows in a magazine column at the table, at once, with how many columns fit', () => {
    const { header, rows } = grid(40, 2000);
    const a = article(1, 'table', { title: 'A table' }, (b) => ({ blocks: [b.table(header, rows)] }));
    const { warnings } = typesetArticle(issueOf(a), a, MAGAZINE);
    assert.deepEqual(
      warnings.map((w) => [w.severity, w.code, w.file]),
      [['error', 'typeset/does-not-fit', 'articles/01-table.md']],
    );
    assert.match(warnings[0].message, /^a table of 40 columns does not fit its column: 40 cells of one character need \d+ pt, the column is 248 pt wide$/);
    assert.match(warnings[0].hints?.[0] ?? '', /^at most 16 columns fit here/);
  });

  it('sets 40 columns × 2000 rows on a page wide enough, without overflowing the stack', () => {
    const { header, rows } = grid(40, 2000);
    const wide = { ...MAGAZINE, pageWidth: 30 * 72, columns: 1 };
    const a = article(1, 'table', { title: 'A table' }, (b) => ({ blocks: [b.table(header, rows)] }));
    const { pages, warnings } = typesetArticle(issueOf(a), a, wide);
    assert.deepEqual(warnings, []);
    assert.ok(pages.length > 30);
    const cells = pages.flatMap((p) => p.items).filter((i) => i.kind === 'text' && /^\d+$/.test(i.text));
    assert.ok(cells.length >= 40 * 2000, `${cells.length} cells drawn`);
  });

  it('gives one warning for the table however many of its cells have words too wide for them', () => {
    const { header, rows } = grid(12, 30, () => '12345678901234567890');
    const a = article(1, 'table', { title: 'A table' }, (b) => ({ blocks: [b.table(header, rows)] }));
    const { warnings } = typesetArticle(issueOf(a), a, { ...MAGAZINE, columns: 1 });
    assert.equal(warnings.length, 1);
    assert.equal(warnings[0].code, 'typeset/overfull-line');
    assert.match(warnings[0].message, /^\d+ cells of the table are narrower than their words, broken where they stopped fitting; the first: /);
  });
});

describe('running heads', () => {
  it('shorten a title of ten thousand characters on every page in a few settings, and fit', () => {
    const title = 'Title'.repeat(2000);
    const a = article(1, 'long', { title: 'Short' }, (b) => ({ blocks: Array.from({ length: 60 }, () => b.p('Some words. '.repeat(60))) }));
    const { pages } = typesetArticle(issueOf({ ...a, titleText: title }), { ...a, titleText: title }, MAGAZINE);
    assert.ok(pages.length > 3);
    for (const p of pages.slice(1)) {
      const head = p.items.filter((i) => i.kind === 'text' && i.text.endsWith('…'));
      assert.equal(head.length, 1, 'the title, shortened');
      for (const it of p.items) {
        const b = itemBounds(it);
        if (b) assert.ok(b.x1 <= p.width, 'the running head stays on the page');
      }
    }
  });
});

describe('append', () => {
  it('appends more items than a call can take as arguments', () => {
    const many = Array.from({ length: 500_000 }, (_, i) => i);
    assert.throws(() => [].push(...(many as never[])), RangeError);
    assert.equal(append([1], many).length, 500_001);
  });
});
