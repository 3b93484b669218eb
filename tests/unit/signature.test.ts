// A letter's closing signature (issue 10): a short paragraph that opens with strong text (or
// a dash and a name), follows a paragraph and ends its section (before a heading or a rule)
// or the article. The EPUB writes it as `<p class="signature">`; print sets it ranged right,
// not indented, and never at the head of a column away from the letter it signs.
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { formatDiagnostic, Reporter } from '../../src/diagnostics/diagnostic.js';
import { loadManifest } from '../../src/manifest/load-manifest.js';
import { readArticle } from '../../src/markdown/read-article.js';
import { inlineText } from '../../src/model/inline-text.js';
import type { Article, Block, Issue } from '../../src/model/types.js';
import type { Page, TextItem } from '../../src/pages/page.js';
import { MAGAZINE, type Layout } from '../../src/settings/layout.js';
import { typesetArticle } from '../../src/typeset/typeset-issue.js';
import { nodeWorld } from '../../src/world.js';
import { MINIMAL_MANIFEST, writeEdition } from '../support/edition.js';
import { renderBlocks } from '../../src/backends/epub/render-blocks.js';
import { serialize } from '../../src/backends/epub/xml.js';
import { createXhtmlContext } from '../../src/backends/epub/xhtml-context.js';

const SAMPLE = path.join(import.meta.dirname, '../../editions/sample');

async function read(dir: string, file: string): Promise<Article> {
  const reporter = new Reporter();
  const manifest = await loadManifest(nodeWorld, dir, reporter);
  assert.ok(manifest, reporter.all.map(formatDiagnostic).join('\n'));
  const entry = manifest.articles.find((a) => a.file === file);
  assert.ok(entry, file);
  const a = await readArticle({ world: nodeWorld, manifest, entry, index: 10, reporter });
  assert.ok(a, reporter.all.map(formatDiagnostic).join('\n'));
  return a;
}

async function lower(markdown: string): Promise<Article> {
  return read(writeEdition({ 'edition.yaml': MINIMAL_MANIFEST, 'articles/one.md': markdown }), 'articles/one.md');
}

/** Every block, nested ones too, in reading order. */
function allBlocks(blocks: readonly Block[]): Block[] {
  return blocks.flatMap((b) => [b, ...(b.kind === 'blockquote' ? allBlocks(b.blocks) : b.kind === 'list' ? b.items.flatMap(allBlocks) : [])]);
}

const signatures = (a: Article) =>
  [...allBlocks(a.blocks), ...a.footnotes.flatMap((n) => allBlocks(n.blocks))].filter((b) => b.kind === 'paragraph' && b.signature);
const text = (b: Block) => (b.kind === 'paragraph' ? inlineText(b.content) : '');

const LETTERS = ['Isobel Rennie, Kirk Wynd', 'Harold Fenwick, Upper Brae', 'M. J. Tulloch, by email', 'The Editors'];

describe('a signature in the Markdown', () => {
  it('is found at the end of each of the four letters of the sample, and nowhere else there', async () => {
    const a = await read(SAMPLE, 'articles/10-letters.md');
    assert.deepEqual(signatures(a).map(text), LETTERS);
  });

  it('ends an essay’s part too (before a heading, a rule or the end), in strong text or after a dash', async () => {
    const a = await lower(`---
title: Fog
---

The haar came in at four and did not lift for three days.

**Ailsa Rae**

***

It lifted on the Wednesday, for an hour.

**A. Rae**

## A second part

It lifted on the Thursday, as it always does.

— Jane Doe, Harbour Row
`);
    assert.deepEqual(signatures(a).map(text), ['Ailsa Rae', 'A. Rae', '— Jane Doe, Harbour Row']);
  });

  it('is not an ordinary short paragraph', async () => {
    const a = await lower(`---
title: Notes
---

**Not a signature**, because a paragraph follows it.

Some text.

## After a heading

**Not a signature either**, nothing above it but the heading.

## Run-in heads

The council met on Tuesday.

**Update:** the vote was carried.

## Long

The council met on Tuesday.

**Minutes**, which ran to forty pages, were read aloud in full by the clerk, who did not stop once.

## Plain

The council met on Tuesday.

Just a short line.

## A question

The council met on Tuesday.

— Who will tell them?

## Nested

> The quote's text.
>
> **In a quote**

- The item's text.

  **In a list item**

A last paragraph.[^1]

**The end of the article, but a footnote follows in the source**

[^1]: The note's text.

    **In a note**
`);
    assert.deepEqual(signatures(a).map(text), ['The end of the article, but a footnote follows in the source']);
  });

  it('is written to the EPUB as a paragraph of class signature', async () => {
    const a = await read(SAMPLE, 'articles/10-letters.md');
    const xml = serialize(renderBlocks(a.blocks, createXhtmlContext(a.footnotes)));
    assert.equal(xml.match(/<p class="signature">/g)?.length, 4);
    assert.match(xml, /<p class="signature"><strong>Isobel Rennie<\/strong>, Kirk Wynd<\/p>/);
  });
});

/** Two columns of 130 pt, 8 pt type on 10 pt, on pages `height` tall. */
const narrow = (height: number): Layout => ({
  ...MAGAZINE,
  pageWidth: 310,
  pageHeight: height,
  margins: { top: 30, bottom: 30, inside: 20, outside: 20 },
  columns: 2,
  gutter: 10,
  size: 8,
  leading: 10,
});

const issueOf = (a: Article): Issue => ({
  publication: 'The Test Gazette',
  issue: 'No. 1',
  date: '2026-03-01',
  dateline: 'March 2026',
  language: 'en',
  identifier: 'urn:uuid:00000000-0000-4000-8000-000000000010',
  articles: [a],
  departments: [],
});

/** The text items of a page by column, with the column's right edge. */
function columnsOf(page: Page, layout: Layout): { items: TextItem[]; right: number }[] {
  const inner = page.width - layout.margins.inside - layout.margins.outside;
  const colWidth = (inner - (layout.columns - 1) * layout.gutter) / layout.columns;
  // The narrow layout has the same margin inside and outside: every page's columns are the same.
  const left = layout.margins.inside;
  const cols = Array.from({ length: layout.columns }, (_, c) => ({ items: [] as TextItem[], right: left + c * (colWidth + layout.gutter) + colWidth }));
  for (const it of page.items) {
    if (it.kind !== 'text' || !('el' in (it.tag ?? {}))) continue;
    const c = Math.min(layout.columns - 1, Math.max(0, Math.floor((it.x - left + layout.gutter / 2) / (colWidth + layout.gutter))));
    cols[c].items.push(it);
  }
  return cols;
}

describe('a signature in print', () => {
  it('is ranged right and stays with the last line of its letter, whatever the page', async () => {
    const a = await read(SAMPLE, 'articles/10-letters.md');
    const sigLines = new Set(a.blocks.filter((b) => b.kind === 'paragraph' && b.signature).map((b) => b.pos.line));
    const before = new Map(a.blocks.flatMap((b, i) => (b.kind === 'paragraph' && b.signature ? [[b.pos.line, a.blocks[i - 1].pos.line]] : [])));
    let atColumnFoot = 0;
    // Page heights that put each signature near the foot of a column somewhere.
    for (let height = 180; height <= 400; height += 5) {
      const layout = narrow(height);
      const { pages } = typesetArticle(issueOf(a), a, layout);
      let seen = 0;
      for (const page of pages) {
        for (const { items: col, right } of columnsOf(page, layout)) {
          col.sort((p, q) => p.y - q.y || p.x - q.x);
          col.forEach((t, i) => {
            if (!sigLines.has(t.place?.line ?? 0)) return;
            seen++;
            const sig = col.filter((u) => u.place?.line === t.place?.line && u.y === t.y);
            assert.ok(Math.abs(Math.max(...sig.map((u) => u.x + u.width)) - right) < 0.01, `${height} pt: “${t.text}” ends at the column’s right edge`);
            const above = col.slice(0, i).filter((u) => u.y < t.y);
            assert.ok(above.length, `${height} pt: “${t.text}” heads a column`);
            assert.equal(above.at(-1)?.place?.line, before.get(t.place?.line ?? 0), `${height} pt: “${t.text}” under its letter`);
            if (!col.slice(i).some((u) => u.y > t.y)) atColumnFoot++;
          });
        }
      }
      assert.ok(seen >= 4, `${height} pt: the signatures are set`);
    }
    assert.ok(atColumnFoot > 10, `signatures at a column’s foot: ${atColumnFoot}`);
  });
});
