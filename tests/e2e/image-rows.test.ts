// A small edition with a paragraph of three charts (written as blogs write them, each in a
// link to itself) and a paragraph with two icons in its text, built as the command line
// builds it: every image is in the PDF and the EPUB, none is replaced by its alt text, the
// pages are made up cleanly and both files pass their validators.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import JSZip from 'jszip';
import { buildEdition, type BuildResult } from '../../src/build.js';
import { formatDiagnostic } from '../../src/diagnostics/diagnostic.js';
import { png, writeEdition } from '../support/edition.js';
import { formatMakeup, measurePageMakeup } from '../support/page-makeup.js';
import { assertSoundPdf, epubcheck, pdfImages, pdfText, requireValidators } from '../support/validators.js';

const TEXT = 'The harbour office has counted every ship that came in and went out for three years, and the counts tell a story of their own about the town. ';

const ARTICLE = `---
title: Counting Ships
byline: By Ada Test
---

${TEXT.repeat(4)}

[![Arrivals](img/arrivals.png)](img/arrivals.png) [![Departures](img/departures.png)](img/departures.png)
[![Tonnage](img/tonnage.png "Tonnage by month")](img/tonnage.png)

A green light ![lamp-green](img/green.png) means the berth is free and a red one ![lamp-red](img/red.png) that it is taken. ${TEXT.repeat(3)}

${TEXT.repeat(6)}
`;

const MANIFEST = `publication: The Row Gazette
issue: No. 1
date: 2026-03-01
articles:
  - articles/ships.md
`;

describe('a row of images and icons in the text, built', () => {
  let root: string;
  let result: BuildResult;
  const out = () => path.join(root, 'out');
  const file = (ext: string) => result.outputs.find((f) => f.endsWith(`edition.${ext}`))!;

  before(async () => {
    requireValidators();
    root = mkdtempSync(path.join(os.tmpdir(), 'pressroom-rows-'));
    const dir = writeEdition(
      {
        'edition.yaml': MANIFEST,
        'articles/ships.md': ARTICLE,
        'articles/img/arrivals.png': await png(900, 600, '#4a7ab0'),
        'articles/img/departures.png': await png(900, 600, '#b04a4a'),
        'articles/img/tonnage.png': await png(600, 600, '#4ab07a'),
        'articles/img/green.png': await png(12, 12, '#22aa22'),
        'articles/img/red.png': await png(12, 12, '#cc2222'),
      },
      root,
    );
    result = await buildEdition({ editionDir: dir, outDir: out() });
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('builds without a warning', () => {
    assert.deepEqual(
      result.warnings.map((d) => formatDiagnostic(d).split('\n')[0]),
      [],
    );
  });

  it('draws every image in the issue PDF, and prints no alt text in their place', () => {
    const pdf = file('pdf');
    assertSoundPdf(pdf);
    const sizes = pdfImages(pdf).map((i) => `${i.width}x${i.height}`);
    assert.deepEqual([...sizes].sort(), ['12x12', '12x12', '600x600', '900x600', '900x600']);
    const text = pdfText(pdf);
    for (const caption of ['Figure 1. Arrivals', 'Figure 2. Departures', 'Figure 3. Tonnage by month']) assert.ok(text.includes(caption), caption);
    assert.doesNotMatch(text, /lamp-green|lamp-red/);
    assert.match(text.replace(/\s+/g, ' '), /A green light +means the berth is free and a red one +that it is taken/);
  });

  it('prints no image of the press PDF blocky (icons at 150 px to the inch at the least)', () => {
    const low = result.preflight.diagnostics.filter((d) => d.code === 'preflight/low-resolution' && d.severity === 'error');
    assert.deepEqual(
      low.map((d) => d.message),
      [],
    );
    assertSoundPdf(file('press.pdf'));
  });

  it('makes up its pages cleanly: no runt page, no hole, the figures in order', () => {
    const m = measurePageMakeup(file('pdf'), { columns: 2 });
    assert.deepEqual(
      { runtPages: m.runtPages, holes: m.holes.length, faults: m.figureOrderFaults, sequence: m.figureSequence },
      { runtPages: [], holes: 0, faults: [], sequence: [1, 2, 3] },
      formatMakeup(m),
    );
  });

  it('writes every image into the EPUB, the row as figures side by side and the icons in their line, and passes epubcheck', async () => {
    const epub = file('epub');
    const zip = await JSZip.loadAsync(readFileSync(epub));
    const xhtml = (
      await Promise.all(
        Object.values(zip.files)
          .filter((f) => f.name.endsWith('.xhtml'))
          .map((f) => f.async('string')),
      )
    ).join('\n');
    const row = /<div class="figure-row">([\s\S]*?)<\/div>/.exec(xhtml);
    assert.ok(row, 'a figure row');
    assert.equal(row[1].match(/<figure /g)?.length, 3);
    assert.match(xhtml, /A green light <img class="inline" src="[^"]+" alt="lamp-green"\/> means/);
    assert.match(xhtml, /<img class="inline" src="[^"]+" alt="lamp-red"\/>/);
    const images = Object.keys(zip.files).filter((n) => /\.(png|jpe?g)$/.test(n) && !/cover/.test(n));
    assert.equal(images.length, 5, images.join(', '));
    for (const src of xhtml.matchAll(/<img [^>]*src="([^"]+)"/g))
      if (!/cover/.test(src[1]))
        assert.ok(
          images.some((n) => n.endsWith(src[1].replace(/^(\.\.\/)+/, ''))),
          src[1],
        );
    const check = await epubcheck(epub);
    assert.deepEqual({ errors: check.errors, warnings: check.warnings }, { errors: 0, warnings: 0 }, check.messages.join('\n'));
  });
});
