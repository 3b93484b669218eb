// A back catalogue of 200 small issues in three languages made into one site: complete (every
// issue on the home page, in the catalogue and in manifest.json, its translations linked),
// valid (jing, the Nu checker, axe on each kind of page, every link followed), built with the
// cache on two threads, and rebuilt after one issue changed by rewriting only that issue's
// files and the lists and feeds that show it.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type Browser, launchBrowser } from '../support/browser.js';
import { archiveFolder, type ArchiveIssue, writeArchive } from '../support/archive.js';
import { pressroom } from '../support/cli.js';
import { browseOpds, crawl, filesUnder, mirrorManifest } from '../support/site-reader.js';
import { serveFolder, type StaticServer, validateAtom, validateHtml, validateOpds } from '../support/site-validators.js';

const COUNT = 200;

describe(`pressroom site over an archive of ${COUNT} issues in three languages`, () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'pressroom-site-archive-'));
  const editions = path.join(root, 'editions');
  const site = path.join(root, 'site');
  let issues: ArchiveIssue[];
  let first: Awaited<ReturnType<typeof pressroom>>;
  let server: StaticServer;
  let browser: Browser | undefined;

  before(async () => {
    issues = writeArchive(editions, COUNT);
    first = await pressroom(['site', editions, '--out', site, '--jobs', '2', '--quiet']);
    server = await serveFolder(site);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('lists every issue on the home page, newest first, and links each to its translations', () => {
    assert.equal(first.code, 0, first.stderr);
    const home = readFileSync(path.join(site, 'index.html'), 'utf8');
    const listed = [...home.matchAll(/<h2><a href="([^"]+)\/index\.html">/g)].map((m) => m[1]);
    assert.equal(listed.length, COUNT);
    assert.deepEqual(new Set(listed), new Set(issues.map((i) => i.folder)));
    // Issue 67 (the newest) leads; issue 1's three languages close the list.
    assert.match(listed[0], /^review-(en|de|ru)-067$/);
    assert.deepEqual(listed.slice(-3).sort(), ['review-de-001', 'review-en-001', 'review-ru-001']);
    const page = readFileSync(path.join(site, archiveFolder('de', 5), 'index.html'), 'utf8');
    assert.match(page, /<html lang="de">/);
    assert.match(page, /<a href="\.\.\/review-en-005\/index\.html" lang="en" hreflang="en">English<\/a>/);
    assert.match(page, /<a href="\.\.\/review-ru-005\/index\.html" lang="ru" hreflang="ru">Русский<\/a>/);
    assert.match(page, /Druckfassung|Druckversion|druck/i);
  });

  it('has feeds valid by the Atom and OPDS 1.2 schemas, paged for the long lists', async () => {
    const feeds = filesUnder(site).filter((f) => f.endsWith('.xml') && f !== 'opds/opensearch.xml');
    assert.ok(feeds.includes('opds/new-4.xml') && !feeds.includes('opds/new-5.xml'), 'the 200 newest in four pages of 50');
    const atom = await validateAtom(feeds.map((f) => path.join(site, f)));
    assert.ok(atom.ok, atom.messages.slice(0, 20).join('\n'));
    const opds = await validateOpds(feeds.filter((f) => f.startsWith('opds/')).map((f) => path.join(site, f)));
    assert.ok(opds.ok, opds.messages.slice(0, 20).join('\n'));
  });

  it('has pages the Nu HTML checker finds nothing wrong with', async () => {
    const pages = filesUnder(site).filter((f) => f.endsWith('.html'));
    assert.equal(pages.length, COUNT + 1 + 3);
    const r = await validateHtml(pages.map((f) => path.join(site, f)));
    assert.ok(r.ok, r.messages.slice(0, 20).join('\n'));
  });

  it('is found whole by a reading app: all issues by date, and each in its language', async () => {
    const get = async (url: string) => {
      const r = await fetch(url);
      assert.equal(r.status, 200, url);
      return r.text();
    };
    const newest = await browseOpds(get, `${server.url}opds/index.xml`, (t) => t === 'Newest issues');
    assert.equal(newest.size, COUNT);
    const byLanguage = await browseOpds(get, `${server.url}opds/index.xml`, (t) => t === 'By language' || /^(English|Deutsch|Русский)$/.test(t));
    assert.equal(byLanguage.size, COUNT);
    for (const i of byLanguage.values()) assert.match(i.feeds[0], new RegExp(`→ ${{ en: 'English', de: 'Deutsch', ru: 'Русский' }[i.language]}$`), i.title);
    const sample = [...newest.values()][COUNT - 1];
    assert.equal((await fetch(sample.epub)).status, 200);
  });

  it('is followed link by link in a browser to every file, with no accessibility violation on each kind of page', async () => {
    browser = await launchBrowser();
    const checked = (url: string) => /\/index\.html$|\/languages\/de\.html$|review-ru-001\/index\.html$/.test(url) && !/review-(?!ru-001)/.test(url);
    const c = await crawl(browser.context, `${server.url}index.html`, checked);
    assert.deepEqual(
      [...c.status].filter(([, s]) => s !== 200),
      [],
    );
    for (const [url, v] of c.violations) assert.deepEqual(v, [], url);
    assert.ok(c.violations.size >= 3, [...c.violations.keys()].join(', '));
    const reached = new Set([...c.status.keys()].map((u) => decodeURIComponent(new URL(u).pathname.slice(1))));
    const missed = mirrorManifest(site)
      .map((m) => m.path)
      .filter((f) => /\.(pdf|epub|jpg|html)$/.test(f) && !reached.has(f));
    assert.deepEqual(missed, []);
  });

  it('rebuilds one changed issue from the cache and rewrites only its files, the lists and the feeds', async () => {
    const stamps = new Map(filesUnder(site).map((f) => [f, statSync(path.join(site, f)).mtimeMs]));
    const changed = archiveFolder('de', 10);
    const article = path.join(editions, changed, 'articles', '2.md');
    writeFileSync(article, `${readFileSync(article, 'utf8')}\nEin Absatz, der in dieser Ausgabe neu hinzugekommen ist.\n`);
    const again = await pressroom(['site', editions, '--out', site, '--jobs', '2']);
    assert.equal(again.code, 0, again.stderr);
    assert.equal([...again.stdout.matchAll(/^up to date /gm)].length, COUNT - 1, 'every other issue comes from the cache');
    assert.match(again.stdout, new RegExp(`^built \\S*${changed} in `, 'm'));
    const touched = filesUnder(site).filter((f) => statSync(path.join(site, f)).mtimeMs !== stamps.get(f));
    const outside = touched.filter(
      (f) => !f.startsWith(`${changed}/`) && !/^(opds\/|feed\.xml$|manifest\.json$|\.pressroom-site\.json$|index\.html$|languages\/)/.test(f),
    );
    assert.deepEqual(outside, []);
    assert.ok(
      touched.includes(`${changed}/${changed}.pdf`) && touched.includes(`${changed}/${changed}.epub`) && touched.includes('manifest.json'),
      touched.join(', '),
    );
    // Its own page changes only when a size it shows (rounded to the KB) or a page count does;
    // no other issue's page changes at all.
    assert.ok(!touched.some((f) => /^review-.*\/index\.html$/.test(f) && !f.startsWith(`${changed}/`)));
  });
});
