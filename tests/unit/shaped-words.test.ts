// The words the PDF writer shaped go to the next process (build.ts keeps them in the cache):
// a rebuild from the command line draws the issue without shaping its words again. They are
// taken only for a font file not changed since, and only by a process that has shaped none.
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, utimesSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { deserialize } from 'node:v8';
import { writePdf } from '../../src/backends/pdf/write-pdf.js';
import { clearMemos, memoSizes } from '../../src/cache/memos.js';
import type { Page } from '../../src/pages/page.js';
import { BUNDLED_FONTS } from '../../src/settings/fonts.js';
import { adoptShapedWords, shapedWordsKept } from '../../src/vendor/pdfkit.js';

const meta = { title: 'Words', lang: 'en', date: '2026-12-05' };

function page(file: string, text = 'Shaped once, drawn often: office affairs.'): Page {
  return {
    width: 300,
    height: 200,
    items: [{ kind: 'text', x: 20, y: 40, text, size: 11, font: 'body:regular', file, color: '#000000', width: 200 }],
  };
}

describe('shaped words handed to the next process', () => {
  it('draw the same PDF, shaped by no one', async () => {
    clearMemos();
    const first = await writePdf([page(BUNDLED_FONTS.body.regular)], meta, new Map());
    const kept = shapedWordsKept();
    assert.ok(kept);
    clearMemos();
    adoptShapedWords(kept);
    assert.ok((memoSizes()['pdfkit/words-earlier'] ?? 0) > 0);
    assert.ok((await writePdf([page(BUNDLED_FONTS.body.regular)], meta, new Map())).equals(first));
  });

  it('are not taken for a font file changed since, nor by a process that has shaped words', async () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'pressroom-words-')), 'body.otf');
    copyFileSync(BUNDLED_FONTS.body.regular, file);
    clearMemos();
    await writePdf([page(file)], meta, new Map());
    const kept = shapedWordsKept()!;
    clearMemos();
    utimesSync(file, new Date(), new Date(Date.now() + 60_000));
    adoptShapedWords(kept);
    assert.equal(memoSizes()['pdfkit/words-earlier'], 0, 'the font file changed');
    // Words of another font file, kept by a process of its own, offered to one that has shaped words.
    const other = path.join(path.dirname(file), 'other.otf');
    copyFileSync(BUNDLED_FONTS.body.regular, other);
    clearMemos();
    await writePdf([page(other)], meta, new Map());
    const keptOther = shapedWordsKept()!;
    clearMemos();
    await writePdf([page(BUNDLED_FONTS.body.regular)], meta, new Map());
    adoptShapedWords(keptOther);
    assert.equal(memoSizes()['pdfkit/words-earlier'], 0, 'this process has shaped words of its own');
  });

  it('are those drawn since they were last handed on: a page replayed, not drawn, adds none', async () => {
    clearMemos();
    await writePdf([page(BUNDLED_FONTS.body.regular)], meta, new Map(), undefined, true);
    assert.ok(shapedWordsKept());
    // The same page again: replayed from the page drawn above (drawn-pages.ts), no word encoded.
    await writePdf([page(BUNDLED_FONTS.body.regular)], meta, new Map(), undefined, true);
    assert.equal(shapedWordsKept(), undefined);
    await writePdf([page(BUNDLED_FONTS.body.regular, 'Quinces at proof.')], meta, new Map(), undefined, true);
    const kept = deserialize(shapedWordsKept()!) as { files: { words: Map<string, unknown> }[] };
    assert.deepEqual(
      kept.files.map((f) => [...f.words.keys()]),
      [['Quinces', ' ', 'at', 'proof.']],
    );
  });
});
