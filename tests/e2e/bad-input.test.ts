// Every kind of bad input gets `file:line:col: error: …`, exit code 1, no stack trace, and
// nothing written to the output folder.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { pressroom } from '../support/cli.js';
import { MINIMAL_ARTICLE, MINIMAL_MANIFEST, png, writeEdition, type Files } from '../support/edition.js';

interface Case {
  name: string;
  files: () => Promise<Files> | Files;
  /** The first line of stderr, relative to the edition folder. */
  expect: RegExp;
}

const article = (body: string) => `---\ntitle: An Article\n---\n\n${body}\n`;

const CASES: Case[] = [
  {
    name: 'a YAML syntax error',
    files: () => ({ 'edition.yaml': 'publication: "The Gazette\nissue: No. 1\n' }),
    expect: /^edition\.yaml:\d+:\d+: error: missing closing "quote \[manifest\/yaml-syntax\]$/,
  },
  {
    name: 'an unknown key',
    files: () => ({ 'edition.yaml': `${MINIMAL_MANIFEST}editor: Someone\n` }),
    expect: /^edition\.yaml:6:1: error: unknown key `editor` of the manifest \[manifest\/unknown-key\]$/,
  },
  {
    name: 'a missing required field',
    files: () => ({ 'edition.yaml': MINIMAL_MANIFEST.replace('publication: The Test Gazette\n', '') }),
    expect: /^edition\.yaml:1:1: error: missing required field `publication` in the manifest \[manifest\/missing-field\]$/,
  },
  {
    name: 'a mistyped field',
    files: () => ({ 'edition.yaml': `${MINIMAL_MANIFEST}layout:\n  columns: 9\n` }),
    expect: /^edition\.yaml:7:12: error: `layout\.columns`: .* \[manifest\/invalid-value\]$/,
  },
  {
    name: 'a missing article file',
    files: () => ({ 'edition.yaml': `${MINIMAL_MANIFEST}  - articles/missing.md\n` }),
    expect: /^edition\.yaml:6:5: error: article `articles\/missing\.md` does not exist \[path\/not-found\]$/,
  },
  {
    name: 'an article listed twice',
    files: () => ({ 'edition.yaml': `${MINIMAL_MANIFEST}  - articles/one.md\n` }),
    expect: /^edition\.yaml:6:5: error: article `articles\/one\.md` is listed twice \[manifest\/duplicate-article\]$/,
  },
  {
    name: 'an article path with ..',
    files: () => ({ 'edition.yaml': `${MINIMAL_MANIFEST}  - ../secret.md\n` }),
    expect: /^edition\.yaml:6:5: error: article `\.\.\/secret\.md` leads out of the edition folder \[path\/outside-edition\]$/,
  },
  {
    name: 'an absolute article path',
    files: () => ({ 'edition.yaml': `${MINIMAL_MANIFEST}  - /etc/hostname\n` }),
    expect: /^edition\.yaml:6:5: error: article `\/etc\/hostname` is an absolute path \[path\/outside-edition\]$/,
  },
  {
    name: 'an article symlink leading out',
    files: () => ({ 'edition.yaml': `${MINIMAL_MANIFEST}  - articles/link.md\n`, 'articles/link.md': { symlink: '/etc/hostname' } }),
    expect: /^edition\.yaml:6:5: error: article `articles\/link\.md` is a symlink leading out of the edition folder \[path\/outside-edition\]$/,
  },
  {
    name: 'an image path leading out',
    files: () => ({ 'articles/one.md': article('![x](../../outside.png)') }),
    expect: /^articles\/one\.md:5:1: error: image `\.\.\/\.\.\/outside\.png` leads out of the edition folder \[path\/outside-edition\]$/,
  },
  {
    name: 'broken front matter',
    files: () => ({ 'articles/one.md': '---\ntitle: [unclosed\n---\n\nText.\n' }),
    expect: /^articles\/one\.md:\d+:\d+: error: .* \[article\/front-matter\]$/,
  },
  {
    name: 'an unknown front matter key',
    files: () => ({ 'articles/one.md': '---\ntitle: T\nsubtitle: S\n---\n\nText.\n' }),
    expect: /^articles\/one\.md:3:1: error: unknown key `subtitle` of the front matter \[article\/front-matter\]$/,
  },
  {
    name: 'an article without a title',
    files: () => ({ 'articles/one.md': 'Just a paragraph.\n' }),
    expect: /^articles\/one\.md:1:1: error: the article has no title \[article\/no-title\]$/,
  },
  {
    name: 'a missing image',
    files: () => ({ 'articles/one.md': article('Text.\n\n![A chart](chart.png)') }),
    expect: /^articles\/one\.md:7:1: error: image `chart\.png` does not exist \[image\/not-found\]$/,
  },
  {
    name: 'a file that is not an image',
    files: () => ({ 'articles/one.md': article('![A chart](chart.png)'), 'articles/chart.png': 'plain text, not a PNG' }),
    expect: /^articles\/one\.md:5:1: error: `articles\/chart\.png` is not an image sharp can read \[image\/not-an-image\]$/,
  },
  {
    name: 'an image over the pixel limit',
    files: async () => ({ 'articles/one.md': article('![A chart](big.png)'), 'articles/big.png': await png(10000, 6100) }),
    expect: /^articles\/one\.md:5:1: error: `articles\/big\.png` is 10000 × 6100 px \(61\.0 Mpx\), over the limit of 60 Mpx \[image\/too-large\]$/,
  },
  {
    name: 'a folder without edition.yaml',
    files: () => ({ 'edition.yaml': { symlink: 'nowhere.yaml' } }),
    expect: /^edition\.yaml: error: no edition\.yaml in .* \[manifest\/missing\]$/,
  },
];

describe('bad input', { concurrency: 4 }, () => {
  for (const c of CASES) {
    it(`reports ${c.name} with its place, exit code 1 and no output`, async () => {
      const root = mkdtempSync(path.join(os.tmpdir(), 'pressroom-bad-'));
      const dir = writeEdition({ 'edition.yaml': MINIMAL_MANIFEST, 'articles/one.md': MINIMAL_ARTICLE, ...(await c.files()) }, root);
      const out = path.join(root, 'out');
      const r = await pressroom(['build', 'edition', '--out', 'out'], root);
      assert.equal(r.code, 1, `exit code\n${r.stderr}`);
      const first = r.stderr.split('\n')[0].replace(/^edition\//, '');
      assert.match(first, c.expect);
      assert.doesNotMatch(r.stderr, /^\s+at /m, 'no stack trace');
      assert.match(r.stderr, /nothing was written/);
      assert.equal(existsSync(out), false, 'nothing written to the output folder');
      assert.ok(dir);
    });
  }

  it('shows the usage and exits with 2 on a bad command line', async () => {
    const r = await pressroom(['publish']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^usage: pressroom build/);
  });
});
