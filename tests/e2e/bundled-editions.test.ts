// The other bundled editions `npm start` builds: the tabloid newspaper and the Russian bulletin.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { buildEdition } from '../../src/build.js';
import { epubcheck, pdfFonts, pdfInfo, pdfText, qpdfCheck } from '../support/validators.js';

const EDITIONS = path.resolve(import.meta.dirname, '../../editions');

async function build(name: string) {
  const out = mkdtempSync(path.join(os.tmpdir(), `pressroom-${name}-`));
  const result = await buildEdition({ editionDir: path.join(EDITIONS, name), outDir: out });
  return { out, result, pdf: path.join(out, `${name}.pdf`), epub: path.join(out, `${name}.epub`) };
}

describe('bundled editions', () => {
  it('builds the tabloid gazette on 11 × 17 in pages in four columns, valid and without warnings', async () => {
    const { result, pdf, epub } = await build('gazette');
    assert.deepEqual(
      result.warnings.map((w) => w.message),
      [],
    );
    assert.match(pdfInfo(pdf)['Page size'], /^792 x 1224 pts/);
    assert.ok(qpdfCheck(pdf).ok);
    assert.deepEqual(
      pdfFonts(pdf).filter((f) => !f.embedded),
      [],
    );
    assert.deepEqual((await epubcheck(epub)).messages, []);
    // Four columns: a body page's lines start at four distinct left edges.
    const text = pdfText(pdf, { first: 3, last: 3, layout: true });
    assert.ok(
      text.split('\n').some((l) => l.trim().split(/\s{3,}/).length >= 4),
      'four columns side by side',
    );
  });

  it('builds the Russian bulletin with its labels and text in Russian', async () => {
    const { result, pdf, epub } = await build('vestnik');
    assert.deepEqual(
      result.warnings.map((w) => w.message),
      [],
    );
    assert.ok(qpdfCheck(pdf).ok);
    assert.deepEqual(
      pdfFonts(pdf).filter((f) => !f.embedded),
      [],
    );
    assert.deepEqual((await epubcheck(epub)).messages, []);
    const text = pdfText(pdf).replace(/\s+/g, ' ');
    assert.match(text, /Содержание/);
    assert.match(text, /«[^»]+»/);
  });
});
