// Articles copied from websites build without hand edits (issue 11): GitHub alerts in two
// languages become labelled notes, a kramdown `markdown="1"` pull quote becomes a quote with
// its credit a link, and a Jekyll include is put in. The build exits 0, the PDF reads the
// labels and the text in order, the EPUB passes epubcheck, and neither output shows the
// site's markup (`[!NOTE]`, `markdown="1"`, `{%`).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import JSZip from 'jszip';
import { pressroom, type CliRun } from '../support/cli.js';
import { writeEdition } from '../support/edition.js';
import { epubcheck, requireValidators } from '../support/validators.js';

const MANIFEST = `publication: The Harbour Review
issue: No. 4
date: 2026-05-01
articles:
  - articles/01-harbour.md
  - articles/02-hafen.md
`;

const HARBOUR = `---
title: Notes from the Harbour
byline: By Ada Test
---

The harbour master keeps a log of every ship that comes in, and of the weather at noon.

> [!NOTE]
> The log is kept in the office by the *north* quay.

Most of the ships are fishing boats from the villages along the coast.

<blockquote class="pullquote" markdown="1">
The sea gives, and the sea takes back.

— [Captain Ahab](https://example.org/ahab)
</blockquote>

> [!WARNING]
> The outer wall is closed in a gale.

{% include tide.md when="at dawn" %}
`;

const HAFEN = `---
title: Hafennotizen
lang: de
---

Der Hafenmeister führt ein Logbuch über jedes Schiff.

> [!note]
> Das Logbuch liegt im Büro am Nordkai.

> [!CAUTION]
> Die Stufen sind rutschig.

Ende.
`;

const RAW = /\[!(NOTE|WARNING|CAUTION|note)\]|markdown="1"|\{%|%\}/;

describe('site syntax: notes, kramdown blocks and includes in a build', () => {
  let run: CliRun;
  let out: string;
  before(async () => {
    requireValidators();
    const dir = writeEdition({
      'edition.yaml': MANIFEST,
      'articles/01-harbour.md': HARBOUR,
      'articles/02-hafen.md': HAFEN,
      '_includes/tide.md': 'High water comes {{ include.when }}.\n',
    });
    out = path.join(path.dirname(dir), 'out');
    run = await pressroom(['build', dir, '--out', out, '--quiet']);
  });

  it('builds without an error or a warning', () => {
    assert.equal(run.code, 0, run.stderr);
    assert.doesNotMatch(run.stderr, /warning|error/);
  });

  it('prints the labels, in each article’s language, before their text, in order, and no site markup', () => {
    // In the order the page is drawn: balanced columns put lines of both side by side.
    const text = execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', path.join(out, 'edition.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    const order = [
      'NOTE The log is kept in the office by the north quay.',
      'Most of the ships',
      'The sea gives, and the sea takes back.',
      'Captain Ahab',
      'WARNING The outer wall is closed in a gale.',
      'High water comes at dawn.',
      'HINWEIS Das Logbuch liegt im Büro am Nordkai.',
      'ACHTUNG Die Stufen sind rutschig.',
      'Ende.',
    ];
    let at = 0;
    for (const s of order) {
      const i = text.indexOf(s, at);
      assert.ok(i >= 0, `"${s}" after position ${at} in: ${text}`);
      at = i + s.length;
    }
    assert.doesNotMatch(text, RAW);
  });

  it('writes notes and the quote to an EPUB that epubcheck passes, with the credit a link', async () => {
    const epub = path.join(out, 'edition.epub');
    const r = await epubcheck(epub);
    assert.deepEqual({ errors: r.errors, warnings: r.warnings }, { errors: 0, warnings: 0 }, r.messages.join('\n'));
    const zip = await JSZip.loadAsync(readFileSync(epub));
    const files = Object.keys(zip.files).filter((f) => f.endsWith('.xhtml'));
    const xhtml = (await Promise.all(files.map((f) => zip.file(f)!.async('string')))).join('\n');
    assert.match(xhtml, /<aside class="note note-note" role="note"><p class="note-label">Note<\/p>/);
    assert.match(xhtml, /<aside class="note note-warning" role="note"><p class="note-label">Warning<\/p>/);
    assert.match(xhtml, /<aside class="note note-note" role="note"><p class="note-label">Hinweis<\/p>/);
    assert.match(xhtml, /<aside class="note note-caution" role="note"><p class="note-label">Achtung<\/p>/);
    assert.match(
      xhtml,
      /<blockquote><p>The sea gives, and the sea takes back\.<\/p><footer class="attribution">—\u00a0<a href="https:\/\/example\.org\/ahab">Captain Ahab<\/a><\/footer><\/blockquote>/,
    );
    assert.match(xhtml, /High water comes at dawn\./);
    assert.doesNotMatch(xhtml, RAW);
    assert.match(await zip.file(files.find((f) => f.endsWith('style.css')) ?? 'OEBPS/style.css')!.async('string'), /aside\.note/);
  });
});
