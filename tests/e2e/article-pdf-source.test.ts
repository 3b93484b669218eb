// The bundled sample (twelve articles in five languages), built as the command line builds
// it: each article's own PDF says on its first page where in the issue it ran, and the
// cover lists every article.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { buildEdition, type BuildResult } from '../../src/build.js';
import { pdfText, requireValidators } from '../support/validators.js';

const EDITION = path.resolve(import.meta.dirname, '../../editions/sample');
const flat = (s: string) => s.replace(/\s+/g, ' ');
const SOURCE = /^From The Carrow Lantern No\. 12, Autumn 2026, (?:p\. (\d+)|pp\. (\d+)–(\d+))$/;

describe('the sample edition’s article PDFs and cover', () => {
  let out: string;
  let result: BuildResult;

  before(async () => {
    requireValidators();
    out = mkdtempSync(path.join(os.tmpdir(), 'pressroom-source-'));
    result = await buildEdition({ editionDir: EDITION, outDir: out });
  });

  it('gives every article PDF a source line with the pages the article has in the issue', () => {
    const forms = new Set<string>();
    assert.equal(result.issue.articles.length, 12);
    for (const a of result.issue.articles) {
      const own = path.join(out, 'articles', `${a.id}.pdf`);
      const firstLine = pdfText(own, { first: 1, last: 1 })
        .replace(/\u00a0/g, ' ')
        .split('\n')[0]
        .trim();
      const m = SOURCE.exec(firstLine);
      assert.ok(m, `${a.id}: “${firstLine}”`);
      forms.add(m[1] ? 'p.' : 'pp.');
      const [first, last] = m[1] ? [Number(m[1]), Number(m[1])] : [Number(m[2]), Number(m[3])];
      assert.ok(first >= 3 && (m[1] ? last === first : last > first), `${a.id}: pages ${first}–${last}`);
      // The page it names is where the article opens in the issue's own PDF.
      const opening = flat(pdfText(path.join(out, 'sample.pdf'), { first, last: first }));
      assert.ok(opening.includes(a.titleText), `${a.id} opens on page ${first} of the issue`);
    }
    assert.deepEqual([...forms].sort(), ['p.', 'pp.'], 'both a one-page and a longer article');
  });

  it('lists all twelve titles on the cover, in every language', () => {
    const cover = flat(pdfText(path.join(out, 'sample.pdf'), { first: 1, last: 1 }));
    const missing = result.issue.articles.filter((a) => !cover.includes(a.titleText)).map((a) => a.titleText);
    assert.deepEqual(missing, []);
    assert.deepEqual(
      result.warnings.filter((w) => /cover/.test(w.message)),
      [],
    );
  });
});
