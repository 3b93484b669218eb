// The site as an archive changes under it: an issue that fails to build stays on the site as
// last built (with a warning), an issue taken out of the editions leaves the site with its
// files (a file of the user's in its folder stays), a translation that names no edition is a
// located warning, and build-all writes the same site with --site (not with --shard).
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { archiveFolder, writeArchive } from '../support/archive.js';
import { pressroom } from '../support/cli.js';
import { mirrorManifest } from '../support/site-reader.js';

describe('a site whose editions change', () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'pressroom-site-changes-'));
  const editions = path.join(root, 'editions');
  const site = path.join(root, 'site');
  writeArchive(editions, 6);
  const [en1, de2] = [archiveFolder('en', 1), archiveFolder('de', 2)];
  const listed = () => [...readFileSync(path.join(site, 'index.html'), 'utf8').matchAll(/<h2><a href="([^"]+)\/index\.html">/g)].map((m) => m[1]).sort();

  it('build-all --site writes the site; with --shard it is refused, naming the way to do it', async () => {
    const r = await pressroom(['build-all', editions, '--out', site, '--site', '--quiet']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(listed().length, 6);
    const sharded = await pressroom(['build-all', editions, '--out', site, '--site', '--shard', '0/2']);
    assert.equal(sharded.code, 2);
    assert.match(sharded.stderr, /build the shards with build-all, then run `pressroom site`/);
  });

  it('keeps an issue that fails to build as it was last built, and says so', async () => {
    const yaml = path.join(editions, de2, 'edition.yaml');
    const good = readFileSync(yaml, 'utf8');
    writeFileSync(yaml, good.replace(/^date: .*$/m, 'date: 2024-13-45'));
    const r = await pressroom(['site', editions, '--out', site]);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, new RegExp(`${de2}/edition\\.yaml:3:7: error: `));
    assert.match(r.stderr, new RegExp(`${de2}/edition\\.yaml: warning: ${de2} did not build: the site shows its last build`));
    assert.match(r.stdout, /^site: 6 issues \(1 not built: 1 shown as last built\)/m);
    assert.deepEqual(listed().length, 6);
    assert.ok(existsSync(path.join(site, de2, `${de2}.epub`)));
    writeFileSync(yaml, good);
  });

  it('takes an issue out of the site with its files, leaving what the user put in its folder', async () => {
    writeFileSync(path.join(site, en1, 'notes.txt'), 'the editor’s own notes');
    renameSync(path.join(editions, en1), path.join(root, 'set-aside'));
    const r = await pressroom(['site', editions, '--out', site]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, new RegExp(`1 taken out \\(${en1}\\)`));
    assert.equal(listed().length, 5);
    assert.ok(!listed().includes(en1));
    for (const f of [`${en1}.pdf`, `${en1}.epub`, `${en1}.press.pdf`, `${en1}.preflight.json`, 'index.html', 'cover.jpg', '.pressroom-outputs.json']) {
      assert.ok(!existsSync(path.join(site, en1, f)), f);
    }
    assert.deepEqual(readdirSync(path.join(site, en1, 'articles')), []);
    assert.equal(readFileSync(path.join(site, en1, 'notes.txt'), 'utf8'), 'the editor’s own notes');
    assert.ok(!mirrorManifest(site).some((m) => m.path.startsWith(`${en1}/`)));
    // Its translations no longer link to it.
    assert.doesNotMatch(readFileSync(path.join(site, archiveFolder('de', 1), 'index.html'), 'utf8'), new RegExp(en1));
  });

  it('warns at the line of a translation that names no edition of the site', async () => {
    const yaml = path.join(editions, de2, 'edition.yaml');
    writeFileSync(yaml, readFileSync(yaml, 'utf8').replace('translations:\n', 'translations:\n  - ../review-fr-002\n'));
    const r = await pressroom(['site', editions, '--out', site]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, new RegExp(`${de2}/edition\\.yaml:7:5: warning: translation \`\\.\\./review-fr-002\` is not an edition of this site`));
    // Under --strict it is an error, and the site is left as it was (though the issue changed).
    const before = readFileSync(path.join(site, 'manifest.json'));
    const article = path.join(editions, de2, 'articles', '1.md');
    writeFileSync(article, `${readFileSync(article, 'utf8')}\nNoch ein Absatz.\n`);
    const strict = await pressroom(['site', editions, '--out', site, '--strict']);
    assert.equal(strict.code, 1, strict.stderr);
    assert.match(strict.stderr, new RegExp(`${de2}/edition\\.yaml:7:5: error: translation`));
    assert.ok(readFileSync(path.join(site, 'manifest.json')).equals(before));
  });

  it('takes the stylesheet and templates of <editions>/templates over its own, and names a broken one', async () => {
    const templates = path.join(editions, 'templates');
    mkdirSync(templates);
    writeFileSync(path.join(templates, 'site.css'), 'body { font-family: serif; }\n');
    const styled = await pressroom(['site', editions, '--out', site]);
    assert.equal(styled.code, 0, styled.stderr);
    assert.equal(readFileSync(path.join(site, 'site.css'), 'utf8'), 'body { font-family: serif; }\n');
    writeFileSync(path.join(templates, 'site-issue.html.hbs'), '<!DOCTYPE html>\n<html lang="{{lang}}">\n{{#each sections}}\n<p>{{heading}}</p>\n');
    const broken = await pressroom(['site', editions, '--out', site]);
    assert.equal(broken.code, 1, broken.stderr);
    assert.match(broken.stderr, /templates\/site-issue\.html\.hbs(:\d+:\d+)?: error: template Parse error on line 5/);
    assert.doesNotMatch(broken.stderr, /\n\s+at /);
    writeFileSync(path.join(templates, 'site-issue.html.hbs'), '<!DOCTYPE html>\n<html lang="{{lang}}">\n<p>{{editor}}</p>\n');
    const unknown = await pressroom(['site', editions, '--out', site]);
    assert.equal(unknown.code, 1, unknown.stderr);
    assert.match(unknown.stderr, /site-issue\.html\.hbs: error: template line 3: the view of this template has no field `editor`/);
    assert.match(unknown.stderr, /hint: a template receives the fields of its view in src\/site\/html-pages\.ts/);
  });
});
