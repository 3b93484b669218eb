// A page drawn once is replayed in the next document that draws it (drawn-pages.ts): its kept
// content stream is taken when the document numbers its fonts, glyphs and images as the page
// was drawn with, else it is drawn. Either way the document is the one drawn from nothing,
// byte for byte: these tests edit a real issue's first article (a paragraph added, then one with
// glyphs no page had drawn) and compare the documents drawn after replaying with fresh ones.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { adoptDrawnPages, drawnPageCounts, drawnPagesKept, pageKey } from '../../src/backends/pdf/drawn-pages.js';
import { type PdfMeta, writePdf } from '../../src/backends/pdf/write-pdf.js';
import { clearMemos } from '../../src/cache/memos.js';
import type { Issue } from '../../src/model/types.js';
import type { Page, StructElement } from '../../src/pages/page.js';
import { PRESS_DEFAULTS, type PressSettings } from '../../src/settings/press.js';
import { MAGAZINE } from '../../src/settings/layout.js';
import { typesetIssue } from '../../src/typeset/typeset-issue.js';
import { blocksFor, sampleIssue } from '../golden/sample-issue.js';

const meta: PdfMeta = { title: 'The Compositor’s Quarterly No. 7', lang: 'en', date: '2026-03-01' };

/** The issue with `text` as a new first paragraph of its first article. */
function withParagraph(issue: Issue, text: string): Issue {
  const [first, ...rest] = issue.articles;
  const b = blocksFor(first.pos.file, first.id);
  return { ...issue, articles: [{ ...first, blocks: [b.p(text), ...first.blocks] }, ...rest] };
}

const { issue, images } = await sampleIssue();
const before = typesetIssue(issue, MAGAZINE).pages;

/** The PDF of `after` drawn once after `before` was (in this process, keeping its pages), and once from nothing; with the pages replayed. */
async function drawnBothWays(after: Page[], press?: PressSettings) {
  clearMemos();
  await writePdf(before, meta, images, press, true);
  const start = drawnPageCounts();
  const replayed = await writePdf(after, meta, images, press, true);
  const counts = drawnPageCounts();
  clearMemos();
  // As a build with no cache draws it: nothing kept, nothing replayed.
  const fresh = await writePdf(after, meta, images, press);
  assert.deepEqual(drawnPageCounts(), { replayed: 0, drawn: 0 });
  return { replayed, fresh, pages: counts.replayed - start.replayed, drawn: counts.drawn - start.drawn };
}

describe('pages replayed from an earlier document', () => {
  const added = typesetIssue(withParagraph(issue, 'A paragraph added at proof, in words the issue has drawn before.'), MAGAZINE).pages;

  it('give the reading PDF drawn from nothing, byte for byte, with the untouched pages replayed', async () => {
    const r = await drawnBothWays(added);
    assert.ok(r.replayed.equals(r.fresh), 'the same bytes');
    assert.ok(r.pages >= 2, `${r.pages} pages replayed`);
    assert.equal(r.pages + r.drawn, added.length, 'every page replayed or drawn and kept (the sample has no SVG)');
  });

  it('give the press PDF drawn from nothing (sheets, marks, gray), byte for byte', async () => {
    const r = await drawnBothWays(added, PRESS_DEFAULTS);
    assert.ok(r.replayed.equals(r.fresh));
    assert.ok(r.pages >= 2, `${r.pages} pages replayed`);
  });

  it('are drawn instead when an edit draws glyphs no page had drawn first: the subset numbers them earlier', async () => {
    const novel = typesetIssue(withParagraph(issue, 'Glyphs never drawn before here: § ¶ ‰ Ǆ and the letter Q.'), MAGAZINE).pages;
    const r = await drawnBothWays(novel);
    assert.ok(r.replayed.equals(r.fresh));
    const plain = await drawnBothWays(added);
    assert.ok(r.pages < plain.pages, `${r.pages} replayed with new glyphs, ${plain.pages} without`);
  });

  it('reach the next process through their bytes, and replay there', async () => {
    clearMemos();
    await writePdf(before, meta, images, undefined, true);
    const kept = drawnPagesKept();
    assert.ok(kept);
    clearMemos();
    adoptDrawnPages(kept);
    const replayed = await writePdf(added, meta, images, undefined, true);
    assert.ok(drawnPageCounts().replayed >= 2);
    clearMemos();
    assert.ok(replayed.equals(await writePdf(added, meta, images)));
  });

  it('are dropped when the next hand-on comes and no document used them', async () => {
    clearMemos();
    await writePdf(before, meta, images, undefined, true);
    drawnPagesKept();
    assert.equal(drawnPagesKept(), undefined, 'nothing drawn or replayed since');
    adoptDrawnPages(Buffer.from('not a map'));
    assert.equal(drawnPageCounts().replayed, 0);
  });
});

describe('the key of a drawn page', () => {
  const el = (id: number, role: StructElement['role'], parent?: StructElement): StructElement => ({ id, role, parent });
  const page = (first: number, text = 'A line.'): Page => {
    const art = el(first, 'Art');
    return {
      width: 300,
      height: 200,
      items: [
        {
          kind: 'text',
          x: 20,
          y: 40,
          text,
          size: 11,
          font: 'body:regular',
          file: '/fonts/body.otf',
          color: '#000000',
          width: 200,
          tag: { el: el(first + 1, 'P', art) },
        },
      ],
      log: [`from ${first}`],
    };
  };
  const stamp = () => '1:1';

  it('is the same whatever the issue numbered the page’s elements and the page builder logged', () => {
    assert.equal(pageKey(page(5), 'ctx', stamp), pageKey(page(4005), 'ctx', stamp));
  });

  it('differs with the text, the target and the font file’s stamp', () => {
    const key = pageKey(page(5), 'ctx', stamp);
    assert.notEqual(pageKey(page(5, 'A line, edited.'), 'ctx', stamp), key);
    assert.notEqual(pageKey(page(5), 'press', stamp), key);
    assert.notEqual(
      pageKey(page(5), 'ctx', () => '2:2'),
      key,
    );
  });
});
