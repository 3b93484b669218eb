// Links inside an edition: to a heading of the same article (`#the-bell-rings`, written as
// Markdown sites write them), to another article by its file (`02-tide.md`), to a heading
// there (`02-tide.md#low-water`). They become links in the EPUB (epubcheck checks every
// target exists) and GoTo links to named destinations in the issue PDF. A link to a file
// the edition does not have is a warning at the link, and prints as text.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import JSZip from 'jszip';
import { writeEdition } from '../support/edition.js';
import { pressroom, type CliRun } from '../support/cli.js';
import { epubcheck, pdfText, qpdfCheck, requireValidators } from '../support/validators.js';

const MANIFEST = `publication: The Link Gazette
issue: No. 3
date: 2026-10-15
articles:
  - articles/01-bell.md
  - articles/02-tide.md
`;

const BELL = `---
title: The Bell
---

The harbour bell rang at dawn; see [why it rang](#the-bell-rings) below, and the
[tide tables](02-tide.md) or [low water](02-tide.md#Low-Water) in the next article.
The [old page](README-cs.md) is not part of this issue, and [the archive](https://example.org/archive) is on the web.

## The Bell Rings

It rang because the water rose above the mark. Back to the [top](#).
`;

const TIDE = `---
title: Tide Tables
lang: pl
---

Tabele pływów dla portu, zob. [dzwon](01-bell.md#the-bell-rings).

## Low water

Najniższa woda o świcie.
`;

describe('links inside an edition', () => {
  let run: CliRun;
  let out: string;
  before(async () => {
    requireValidators();
    const dir = writeEdition({ 'edition.yaml': MANIFEST, 'articles/01-bell.md': BELL, 'articles/02-tide.md': TIDE });
    out = path.join(path.dirname(dir), 'out');
    run = await pressroom(['build', dir, '--out', out, '--quiet']);
  });

  it('warns at a link to a file the edition does not have, and only there', () => {
    assert.equal(run.code, 0, run.stderr);
    const warnings = run.stderr.split('\n').filter((l) => l.includes('warning:'));
    assert.equal(warnings.length, 1, run.stderr);
    assert.match(
      warnings[0],
      /articles\/01-bell\.md:7:5: warning: link to `README-cs\.md`: this edition has no article `README-cs\.md`; printed as plain text \[link\/unresolved\]/,
    );
  });

  it('links the EPUB chapters to each other and to headings, and epubcheck finds every target', async () => {
    const epub = path.join(out, 'edition.epub');
    const zip = await JSZip.loadAsync(readFileSync(epub));
    const bell = await zip.file('OEBPS/01-the-bell.xhtml')!.async('string');
    const tide = await zip.file('OEBPS/02-tide-tables.xhtml')!.async('string');
    assert.match(bell, /<a href="#01-the-bell-the-bell-rings">why it rang<\/a>/);
    assert.match(bell, /<a href="02-tide-tables\.xhtml">tide tables<\/a>/);
    assert.match(bell, /<a href="02-tide-tables\.xhtml#02-tide-tables-low-water">low water<\/a>/);
    assert.match(bell, /The old page is not part/, 'the unresolved link is its text alone');
    assert.match(bell, /<a href="https:\/\/example\.org\/archive">the archive<\/a>/);
    assert.match(tide, /<a href="01-the-bell\.xhtml#01-the-bell-the-bell-rings">dzwon<\/a>/);
    const check = await epubcheck(epub);
    assert.equal(check.errors, 0, check.messages.join('\n'));
    assert.equal(check.warnings, 0, check.messages.join('\n'));
  });

  it('makes GoTo links to named destinations in the issue PDF', () => {
    const pdf = path.join(out, 'edition.pdf');
    assert.ok(qpdfCheck(pdf).ok);
    const raw = readFileSync(pdf, 'latin1');
    for (const dest of ['01-the-bell/01-the-bell-the-bell-rings', '02-tide-tables', '02-tide-tables/02-tide-tables-low-water']) {
      assert.ok(raw.includes(`/D (${dest})`), `a GoTo link to ${dest}`);
    }
    assert.match(pdfText(pdf), /The old page is not part of this issue/);
  });
});
