// A small English edition with a Japanese and a Chinese article (original texts written for
// this project), built end to end: the PDF reads back in both scripts, every font is
// embedded (subsets: the file stays small), no line starts with closing punctuation, and
// nothing is reported missing.
import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { before, describe, it } from 'node:test';
import { buildEdition, type BuildResult } from '../../src/build.js';
import { writeEdition } from '../support/edition.js';
import { pdfFonts, pdfText, requireValidators } from '../support/validators.js';

const here = path.dirname(fileURLToPath(import.meta.url));
/** The sample edition's Japanese and Chinese articles. */
const fixture = (name: string) => readFileSync(path.join(here, '../../editions/sample/articles', name), 'utf8');

const MANIFEST = `publication: The Test Gazette
issue: No. 2
date: 2026-10-15
language: en
articles:
  - articles/01-english.md
  - articles/11-shio-no-kane.md
  - articles/12-sigua-zhongzi.md
`;

const ENGLISH = `---
title: A Plain Article
byline: By Ada Test
---

Some text for the article, long enough to be a paragraph of its own, with Łódź and Ærøskøbing.
`;

/** Punctuation that must never begin a line of Japanese or Chinese. */
const CLOSING = /^\s*[、。，．」』）！？；：”・ー]/u;

describe('an edition with Japanese and Chinese articles', () => {
  let result: BuildResult;
  let pdf: string;
  let ms = 0;
  before(async () => {
    requireValidators();
    const dir = writeEdition({
      'edition.yaml': MANIFEST,
      'articles/01-english.md': ENGLISH,
      'articles/11-shio-no-kane.md': fixture('11-shio-no-kane.md'),
      'articles/12-sigua-zhongzi.md': fixture('12-sigua-zhongzi.md'),
    });
    const t = performance.now();
    result = await buildEdition({ editionDir: dir, outDir: path.join(path.dirname(dir), 'out') });
    ms = performance.now() - t;
    pdf = result.outputs.find((f) => f.endsWith('.pdf') && !/press|imposed/.test(path.basename(f)))!;
    assert.ok(pdf, `no PDF among ${result.outputs.join(', ')}`);
  });

  it('reports no missing glyph', () => {
    const missing = result.warnings.filter((w) => w.code === 'font/missing-glyph');
    assert.deepEqual(missing, []);
  });

  it('reads back a Japanese and a Chinese sentence', () => {
    const text = pdfText(pdf).replace(/\s+/g, '');
    assert.ok(text.includes('井戸と浮きと鐘'), 'the Japanese title');
    assert.ok(text.includes('仕組みとしては、ほとんどそれだけである。'), 'a Japanese sentence');
    assert.ok(text.includes('借来的丝瓜'), 'the Chinese title');
    assert.ok(text.includes('我们家的抽屉里，常年躺着好几个这样的信封。'), 'a Chinese sentence');
  });

  it('embeds every font, as subsets, and stays small', () => {
    const fonts = pdfFonts(pdf);
    for (const f of fonts) assert.ok(f.embedded, `${f.name} is not embedded`);
    assert.ok(
      fonts.some((f) => /NotoSerifJP/.test(f.name)),
      'Noto Serif JP',
    );
    assert.ok(
      fonts.some((f) => /NotoSerifSC/.test(f.name)),
      'Noto Serif SC',
    );
    const size = statSync(pdf).size;
    assert.ok(size < 1_500_000, `the PDF is ${size} bytes`);
    console.log(`# cjk edition: ${(size / 1024).toFixed(0)} KiB PDF, built in ${ms.toFixed(0)} ms`);
  });

  it('starts no line with closing punctuation', () => {
    const lines = pdfText(pdf, { layout: true }).split('\n');
    // Two columns side by side: each column's line starts at the left edge or after a wide gap.
    const starts = lines.flatMap((l) => l.split(/ {3,}/)).filter((s) => s.trim());
    const bad = starts.filter((s) => CLOSING.test(s));
    assert.deepEqual(bad, []);
  });
});
