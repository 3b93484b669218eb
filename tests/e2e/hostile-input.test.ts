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
        'articles/one.md:5:27 [markdown/raw-html]',
        'articles/one.md:5:41 [markdown/raw-html]',
        'articles/one.md:7:1 [markdown/raw-html]',
        'articles/one.md:9:1 [markdown/unsupported]',
        'articles/one.md:11:1 [image/remote]',
      ],
    );
    const zip = await JSZip.loadAsync(readFileSync(path.join(root, 'out/edition.epub')));
    const texts = await Promise.all(Object.values(zip.files).filter((f) => /\.(x?html|opf|ncx)$/.test(f.name)).map((f) => f.async('string')));
    const all = texts.join('\n');
    assert.doesNotMatch(all, /<script|<iframe|javascript:|onerror|onclick|example\.com/i);
    assert.match(all, /href="https:\/\/example\.org\/page"/);
    assert.match(all, /The last paragraph survives/);
    assert.deepEqual(epubcheck(path.join(root, 'out/edition.epub')).messages, []);
    assert.match(pdfText(path.join(root, 'out/edition.pdf')), /The last paragraph survives/);
  });
});
