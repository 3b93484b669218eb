import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatDiagnostic, Reporter } from '../../src/diagnostics/diagnostic.js';
import { deriveIdentifier, loadManifest } from '../../src/manifest/load-manifest.js';
import { layoutSchema } from '../../src/manifest/schema.js';
import { nodeWorld } from '../../src/world.js';
import { MINIMAL_ARTICLE, MINIMAL_MANIFEST, writeEdition, type Files } from '../support/edition.js';

async function load(files: Files) {
  const dir = writeEdition({ 'articles/one.md': MINIMAL_ARTICLE, ...files });
  const reporter = new Reporter();
  const manifest = await loadManifest(nodeWorld, dir, reporter);
  return { manifest, messages: reporter.all.map(formatDiagnostic), dir };
}

describe('manifest', () => {
  it('fills in defaults for a minimal manifest', async () => {
    const { manifest, messages } = await load({ 'edition.yaml': MINIMAL_MANIFEST });
    assert.deepEqual(messages, []);
    assert.equal(manifest?.language, 'en');
    assert.equal(manifest?.dateline, 'March 1, 2026');
    assert.equal(manifest?.identifier, deriveIdentifier('The Test Gazette', 'No. 1'));
    assert.equal(manifest?.layout.columns, 2);
    assert.deepEqual(
      manifest?.articles.map((a) => a.file),
      ['articles/one.md'],
    );
  });

  it('derives the same identifier every time, and a different one per issue', () => {
    assert.equal(deriveIdentifier('Gazette', 'No. 1'), deriveIdentifier('Gazette', 'No. 1'));
    assert.notEqual(deriveIdentifier('Gazette', 'No. 1'), deriveIdentifier('Gazette', 'No. 2'));
    assert.match(deriveIdentifier('Gazette', 'No. 1'), /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('reads lengths in pt, in and mm, converted to points by the schema', () => {
    const gutter = (g: string | number) => layoutSchema.parse({ gutter: g }).gutter;
    assert.equal(gutter('10pt'), 10);
    assert.equal(gutter('0.5in'), 36);
    assert.equal(gutter('25.4mm'), 72);
    assert.equal(gutter(12), 12);
    assert.equal(layoutSchema.safeParse({ gutter: '10px' }).success, false);
  });

  it('resolves a layout with per-side margins and leading from the size', async () => {
    const { manifest, messages } = await load({
      'edition.yaml': `${MINIMAL_MANIFEST}layout:\n  page: a4\n  margins: {top: 1in, bottom: 1in, inside: 20mm, outside: 15mm}\n  columns: 3\n  size: 9pt\n`,
    });
    assert.deepEqual(messages, []);
    assert.equal(manifest?.layout.pageWidth, 595.28);
    assert.equal(manifest?.layout.margins.top, 72);
    assert.equal(manifest?.layout.columns, 3);
    assert.equal(manifest?.layout.leading, 11.25);
  });

  it('reads a newspaper that keeps its lead story whole (`jumps: false`), and an article entry that runs on', async () => {
    const { manifest, messages } = await load({
      'articles/two.md': MINIMAL_ARTICLE,
      'edition.yaml': `${MINIMAL_MANIFEST.replace('  - articles/one.md', '  - articles/one.md\n  - file: articles/two.md\n    run-on: true')}layout:\n  preset: tabloid\n  jumps: false\n`,
    });
    assert.deepEqual(messages, []);
    assert.equal(manifest?.layout.runOn, true);
    assert.equal(manifest?.layout.jumps, false);
    assert.deepEqual(
      manifest?.articles.map((a) => a.runOn ?? false),
      [false, true],
    );
    const plain = await load({ 'edition.yaml': `${MINIMAL_MANIFEST}layout:\n  preset: tabloid\n` });
    assert.equal(plain.manifest?.layout.jumps, undefined, 'jumps unless told otherwise');
  });

  it('points at an unknown key', async () => {
    const { messages } = await load({ 'edition.yaml': `${MINIMAL_MANIFEST}colour: blue\n` });
    assert.deepEqual(
      messages.map((m) => m.split('\n')[0]),
      ['edition.yaml:6:1: error: unknown key `colour` of the manifest [manifest/unknown-key]'],
    );
  });

  it('points at an unknown key inside layout', async () => {
    const { messages } = await load({ 'edition.yaml': `${MINIMAL_MANIFEST}layout:\n  colums: 3\n` });
    assert.equal(messages[0].split('\n')[0], 'edition.yaml:7:3: error: unknown key `colums` in `layout` of the manifest [manifest/unknown-key]');
  });

  it('names a missing required field', async () => {
    const { messages } = await load({ 'edition.yaml': 'issue: No. 1\ndate: 2026-03-01\narticles: [articles/one.md]\n' });
    assert.equal(messages[0].split('\n')[0], 'edition.yaml:1:1: error: missing required field `publication` in the manifest [manifest/missing-field]');
  });

  it('explains a display date given as the date', async () => {
    const { messages } = await load({ 'edition.yaml': MINIMAL_MANIFEST.replace('2026-03-01', 'Fall 2011') });
    assert.match(messages[0], /^edition\.yaml:3:7: error: `date`: an ISO date such as 2011-09-15 \(got "Fall 2011"\)/);
    assert.match(messages[0], /hint: .*dateline/);
  });

  it('rejects a mistyped field', async () => {
    const { messages } = await load({ 'edition.yaml': `${MINIMAL_MANIFEST}layout:\n  columns: two\n` });
    assert.match(messages[0], /^edition\.yaml:7:12: error: `layout\.columns`: expected a number, got "two"/);
  });

  it('reports YAML syntax errors at their line', async () => {
    const { messages } = await load({ 'edition.yaml': 'publication: "The Gazette\nissue: No. 1\n' });
    assert.match(messages[0], /^edition\.yaml:\d+:\d+: error: .* \[manifest\/yaml-syntax\]/);
  });

  it('refuses an article listed twice', async () => {
    const { messages } = await load({ 'edition.yaml': `${MINIMAL_MANIFEST}  - ./articles/one.md\n` });
    assert.match(messages[0], /^edition\.yaml:6:5: error: article `\.\/articles\/one\.md` is listed twice \[manifest\/duplicate-article\]/);
  });

  it('refuses paths that leave the edition', async () => {
    const { messages } = await load({
      'edition.yaml': `${MINIMAL_MANIFEST}  - ../outside.md\n  - /etc/passwd\n  - articles/link.md\n`,
      'articles/link.md': { symlink: '/etc/hostname' },
    });
    assert.deepEqual(
      messages.map((m) => m.split('\n')[0]),
      [
        'edition.yaml:6:5: error: article `../outside.md` leads out of the edition folder [path/outside-edition]',
        'edition.yaml:7:5: error: article `/etc/passwd` is an absolute path [path/outside-edition]',
        'edition.yaml:8:5: error: article `articles/link.md` is a symlink leading out of the edition folder [path/outside-edition]',
      ],
    );
  });

  it('names a missing article file', async () => {
    const { messages } = await load({ 'edition.yaml': `${MINIMAL_MANIFEST}  - articles/two.md\n` });
    assert.match(messages[0], /^edition\.yaml:6:5: error: article `articles\/two\.md` does not exist \[path\/not-found\]/);
  });
});
