// The download site of the bundled editions, read by real validators and real readers: its
// feeds against the Atom and OPDS 1.2 RELAX NG schemas (jing), its pages and stylesheet by the
// W3C's Nu HTML checker, every page by axe-core in Chromium while the browser follows every
// link, and its catalogue by an OPDS client down to each issue's EPUB.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { launchBrowser, type Browser } from '../support/browser.js';
import { pressroom } from '../support/cli.js';
import { browseOpds, crawl, filesUnder, mirrorManifest, sha256 } from '../support/site-reader.js';
import { serveFolder, type StaticServer, validateAtom, validateHtml, validateOpds } from '../support/site-validators.js';

const EDITIONS = path.resolve(import.meta.dirname, '../../editions');
const ISSUES = ['gazette', 'sample', 'vestnik'];

describe('pressroom site over the bundled editions', () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'pressroom-site-'));
  const site = path.join(root, 'site');
  let server: StaticServer;
  let browser: Browser;
  let first: Awaited<ReturnType<typeof pressroom>>;

  before(async () => {
    first = await pressroom(['site', EDITIONS, '--out', site]);
    server = await serveFolder(site);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('builds every edition, then writes the site around them', () => {
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /^3 of 3 editions built/m);
    assert.match(first.stdout, /^site: 3 issues: \d+ files written, 0 unchanged, 0 removed/m);
    for (const name of ['index.html', 'site.css', 'feed.xml', 'manifest.json', 'opds/index.xml', 'opds/new.xml', 'opds/opensearch.xml']) {
      assert.ok(existsSync(path.join(site, name)), name);
    }
    for (const e of ISSUES)
      for (const f of ['index.html', 'cover.jpg', 'cover-thumb.jpg', `${e}.epub`, `${e}.pdf`, `${e}.press.pdf`])
        assert.ok(existsSync(path.join(site, e, f)), `${e}/${f}`);
  });

  it('has feeds that are valid Atom and OPDS 1.2 by their RELAX NG schemas', async () => {
    const feeds = filesUnder(site)
      .filter((f) => f.endsWith('.xml') && f !== 'opds/opensearch.xml')
      .map((f) => path.join(site, f));
    assert.ok(feeds.length > 10, `${feeds.length} feeds`);
    const atom = await validateAtom(feeds);
    assert.ok(atom.ok, atom.messages.join('\n'));
    const opds = await validateOpds(feeds.filter((f) => f.includes(`${path.sep}opds${path.sep}`)));
    assert.ok(opds.ok, opds.messages.join('\n'));
  });

  it('has pages and a stylesheet the Nu HTML checker finds no error or warning in', async () => {
    const files = filesUnder(site)
      .filter((f) => f.endsWith('.html') || f === 'site.css')
      .map((f) => path.join(site, f));
    // The home page, a page per language (English, Russian), a page per issue, the stylesheet.
    assert.equal(files.length, 7, files.join(', '));
    const r = await validateHtml(files);
    assert.ok(r.ok, r.messages.join('\n'));
  });

  it('is read whole by a browser following every link, with no accessibility violation on any page', async () => {
    browser = await launchBrowser();
    const c = await crawl(browser.context, `${server.url}index.html`);
    const broken = [...c.status].filter(([, s]) => s !== 200);
    assert.deepEqual(broken, []);
    for (const [url, v] of c.violations) assert.deepEqual(v, [], `${url}: ${v.map((x) => `${x.id} (${x.targets.join(', ')})`).join('; ')}`);
    assert.equal(c.violations.size, 6, [...c.violations.keys()].join(', '));
    // Every issue's downloads are reached from its page: each article's printable PDF too.
    const reached = new Set([...c.status.keys()].map((u) => decodeURIComponent(new URL(u).pathname.slice(1))));
    for (const f of mirrorManifest(site).map((m) => m.path)) {
      if (/\.(pdf|epub|jpg|html)$/.test(f)) assert.ok(reached.has(f), `${f} is linked from no page`);
    }
  });

  it('is browsed by an OPDS client down to every issue’s EPUB, by date, by language and by publication', async () => {
    const get = async (url: string) => {
      const r = await fetch(url);
      assert.equal(r.status, 200, url);
      assert.match(r.headers.get('content-type') ?? '', /^application\/atom\+xml/);
      return r.text();
    };
    const all = await browseOpds(get, `${server.url}opds/index.xml`, () => true);
    // Newest first, as a reader's app lists them.
    const titles = [...all.values()].map((i) => i.title);
    assert.equal(titles.length, 3, titles.join(', '));
    assert.match(titles[0], /^The Dunmarrow Gazette Vol\. 3, No\. 41$/);
    assert.match(titles[1], /^Северный вестник №\s7$/u);
    assert.match(titles[2], /^The Carrow Lantern No\. 12$/);
    for (const i of all.values()) {
      assert.deepEqual(i.feeds.map((f) => f.split(' → ')[1]).sort(), ['By language', 'By publication', 'Newest issues'], i.title);
      const epub = Buffer.from(await (await fetch(i.epub)).arrayBuffer());
      const listed = mirrorManifest(site).find((m) => i.epub.endsWith(`/${m.path}`));
      assert.ok(listed, i.epub);
      assert.equal(sha256(epub), listed.sha256);
      assert.equal(epub.subarray(30, 58).toString(), 'mimetypeapplication/epub+zip');
    }
    const ru = [...all.values()].find((i) => i.title.startsWith('Северный'))!;
    assert.equal(ru.language, 'ru');
    // A one-word search of titles and authors, through the OpenSearch template.
    const description = await (await fetch(`${server.url}opds/opensearch.xml`)).text();
    const template = /template="([^"]+)"/.exec(description)![1];
    const search = new URL(template.replace('{searchTerms}', encodeURIComponent('наличников')), `${server.url}opds/opensearch.xml`).href;
    const hits = await browseOpds(get, search, () => false);
    assert.deepEqual(
      [...hits.values()].map((i) => i.language),
      ['ru'],
    );
  });

  it('lists every file of the site in manifest.json with its size and SHA-256', () => {
    const listed = mirrorManifest(site);
    const own = new Set(['manifest.json', '.pressroom-site.json']);
    const present = filesUnder(site).filter((f) => !own.has(f) && !f.endsWith('/.pressroom-outputs.json'));
    assert.deepEqual(
      listed.map((m) => m.path),
      present,
    );
    for (const m of listed) {
      const data = readFileSync(path.join(site, m.path));
      assert.equal(data.length, m.size, m.path);
      assert.equal(sha256(data), m.sha256, m.path);
    }
  });

  it('writes nothing again when nothing changed, and gives the same bytes in another folder', async () => {
    const stamps = new Map(filesUnder(site).map((f) => [f, statSync(path.join(site, f)).mtimeMs]));
    const again = await pressroom(['site', EDITIONS, '--out', site]);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /^site: 3 issues: 0 files written, \d+ unchanged, 0 removed/m);
    const touched = filesUnder(site).filter((f) => statSync(path.join(site, f)).mtimeMs !== stamps.get(f));
    assert.deepEqual(touched, []);
    const elsewhere = path.join(root, 'elsewhere');
    const other = await pressroom(['site', EDITIONS, '--out', elsewhere, '--no-cache']);
    assert.equal(other.code, 0, other.stderr);
    assert.equal(readFileSync(path.join(elsewhere, 'manifest.json'), 'utf8'), readFileSync(path.join(site, 'manifest.json'), 'utf8'));
  });

  it('never overwrites a file of the user’s where the site would write one', async () => {
    const mine = path.join(root, 'mine');
    mkdirSync(mine);
    writeFileSync(path.join(mine, 'index.html'), 'my own page');
    const r = await pressroom(['site', EDITIONS, '--out', mine]);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /index\.html: error: `index\.html` in the site folder was not written by Pressroom/);
    assert.doesNotMatch(r.stderr, /\n\s+at /);
    assert.equal(readFileSync(path.join(mine, 'index.html'), 'utf8'), 'my own page');
  });
});
