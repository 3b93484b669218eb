// Raw HTML and hostile links never reach the outputs; remote images are never fetched.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import JSZip from 'jszip';
import { pressroom } from '../support/cli.js';
import { MINIMAL_MANIFEST, writeEdition } from '../support/edition.js';
import { epubcheck, pdfText } from '../support/validators.js';

const HOSTILE = `---
title: Hostile Input
---

Text with <script>alert(1)</script> and <img src=x onerror="alert(2)"> inside.

<div onclick="steal()"><iframe src="https://example.com/frame"></iframe></div>

[a harmless-looking link](javascript:alert(3)) and [a real one](https://example.org/page).

![remote](https://example.com/tracker.png)

The last paragraph survives.

Safe HTML: E = mc<sup>2</sup>, H<sub>2</sub>O, <kbd>Ctrl</kbd>, <abbr title="World Health Organization">WHO</abbr>, <mark>marked</mark>,
<small>small</small>, <cite>Ulysses</cite>, <q>quoted</q>,<br>a <span lang="fr" onmouseover="x()">phrase</span>.
`;

describe('hostile input', () => {
  it('builds, warns at each place, and keeps script, handlers, javascript: and remote files out', async () => {
    const dir = writeEdition({ 'edition.yaml': MINIMAL_MANIFEST, 'articles/one.md': HOSTILE });
    const root = path.dirname(dir);
    const r = await pressroom(['build', 'edition', '--out', 'out'], root);
    assert.equal(r.code, 0, r.stderr);
    const warnings = r.stderr.split('\n').filter((l) => l.includes('warning:'));
    assert.deepEqual(
      warnings.map((l) => l.replace(/^edition\//, '').replace(/: warning: .*\[/, ' [')),
      [
        'articles/one.md:5:11 [markdown/raw-html]',
        'articles/one.md:5:41 [markdown/raw-html]',
        'articles/one.md:7:1 [markdown/raw-html]',
        'articles/one.md:7:24 [markdown/raw-html]',
        'articles/one.md:9:1 [markdown/unsupported]',
        'articles/one.md:11:1 [image/remote]',
        'articles/one.md:16:65 [markdown/raw-html]',
        'edition.yaml [preflight/padded]',
      ],
    );
    const zip = await JSZip.loadAsync(readFileSync(path.join(root, 'out/edition.epub')));
    const texts = await Promise.all(
      Object.values(zip.files)
        .filter((f) => /\.(x?html|opf|ncx)$/.test(f.name))
        .map((f) => f.async('string')),
    );
    const all = texts.join('\n');
    assert.doesNotMatch(all, /<script|<iframe|javascript:|onerror|onclick|onmouseover|alert\(|example\.com/i);
    // The safe list reaches the EPUB as XHTML; <q> becomes the language's quotation marks.
    for (const kept of [
      'mc<sup>2</sup>',
      'H<sub>2</sub>O',
      '<kbd>Ctrl</kbd>',
      '<abbr title="World Health Organization">WHO</abbr>',
      '<mark>marked</mark>',
      '<small>small</small>',
      '<cite>Ulysses</cite>',
      '“quoted”',
      '<br/>a <span lang="fr" xml:lang="fr">phrase</span>',
    ]) {
      assert.ok(all.includes(kept), `the EPUB keeps ${kept}`);
    }
    assert.match(all, /href="https:\/\/example\.org\/page"/);
    assert.match(all, /The last paragraph survives/);
    assert.deepEqual((await epubcheck(path.join(root, 'out/edition.epub'))).messages, []);
    const printed = pdfText(path.join(root, 'out/edition.pdf'));
    assert.match(printed, /The last paragraph survives/);
    // Print sets the text of the safe elements (the model has no superscript).
    assert.match(printed, /E = mc2, H2O, Ctrl, WHO, marked,\s+small, Ulysses, “quoted”,/);
    assert.doesNotMatch(printed, /alert|steal/);
  });

  it('escapes values from the manifest and the front matter in every template', async () => {
    const evil = '<script>alert(1)</script> & "Co" <b>bold</b>';
    const dir = writeEdition({
      'edition.yaml': `publication: '${evil}'\nissue: '<i>No. 1</i>'\ndate: 2026-03-01\ndescription: '${evil}'\nidentifier: 'urn:x:<a>'\narticles:\n  - file: articles/one.md\n    department: '${evil}'\n`,
      'articles/one.md': `---\ntitle: 'Title <em>raw</em> & *md*'\nbyline: '${evil}'\ndeck: 'Deck <script>x()</script>'\nnote: '<img src=x onerror=y>'\n---\n\nBody.\n`,
    });
    const root = path.dirname(dir);
    const r = await pressroom(['build', 'edition', '--out', 'out'], root);
    assert.equal(r.code, 0, r.stderr);
    const zip = await JSZip.loadAsync(readFileSync(path.join(root, 'out/edition.epub')));
    const all = (
      await Promise.all(
        Object.values(zip.files)
          .filter((f) => /\.(x?html|opf|ncx)$/.test(f.name))
          .map((f) => f.async('string')),
      )
    ).join('\n');
    assert.doesNotMatch(all, /<script|<b>bold|<i>No|<a>|<img src="x"|onerror=/);
    assert.match(all, /&lt;script&gt;alert\(1\)&lt;\/script&gt; &amp; (&quot;|")Co(&quot;|") &lt;b&gt;bold&lt;\/b&gt;/);
    // Raw HTML in a title is the raw-HTML policy's: <em> is on the safe list.
    assert.match(all, /Title <em>raw<\/em> &amp; <em>md<\/em>/);
    assert.deepEqual((await epubcheck(path.join(root, 'out/edition.epub'))).messages, []);
  });
});
