// The download site's validators (tests/support/site-validators.ts), held to small documents
// written here: each passes what is sound and fails what is not, saying where. A validator
// that passed everything would pass the site's end-to-end tests too, so every one is seen to
// fail at least once.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it, type TestContext } from 'node:test';
import { pathToFileURL } from 'node:url';
import { type Browser, launchBrowser } from '../support/browser.js';
import { axeViolations, serveFolder, validateAtom, validateCss, validateHtml, validateOpds } from '../support/site-validators.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'pressroom-site-validators-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Write a file in the test's folder; its path. */
function write(name: string, text: string): string {
  const file = path.join(dir, name);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  return file;
}

/** How long a validator call took, as a diagnostic line of the test's report (JVM starts cost seconds). */
async function timed<T>(t: TestContext, label: string, run: () => Promise<T>): Promise<T> {
  const start = performance.now();
  const result = await run();
  t.diagnostic(`${label}: ${((performance.now() - start) / 1000).toFixed(2)} s`);
  return result;
}

const ATOM = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>The Carrow Lantern</title>
  <link href="https://example.org/"/>
  <updated>2026-10-15T09:00:00Z</updated>
  <author><name>Saltgate Press</name></author>
  <id>urn:uuid:60a76c80-d399-11d9-b93c-0003939e0af6</id>
  <entry>
    <title>No. 12</title>
    <link href="https://example.org/12/"/>
    <id>urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a</id>
    <updated>2026-10-15T09:00:00Z</updated>
    <summary>Autumn 2026.</summary>
  </entry>
</feed>
`;

const OPDS = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/terms/" xmlns:opds="http://opds-spec.org/2010/catalog">
  <id>urn:uuid:433a5d6a-0b8c-4933-af65-4ca4f02763eb</id>
  <link rel="self" href="catalog.xml" type="application/atom+xml;profile=opds-catalog;kind=acquisition"/>
  <link rel="start" href="catalog.xml" type="application/atom+xml;profile=opds-catalog;kind=acquisition"/>
  <title>The Carrow Lantern</title>
  <updated>2026-10-15T09:00:00Z</updated>
  <author><name>Saltgate Press</name><uri>https://example.org/</uri></author>
  <entry>
    <title>No. 12</title>
    <id>urn:uuid:6409a00b-7bf2-405e-826c-3fdff0fd0734</id>
    <updated>2026-10-15T09:00:00Z</updated>
    <dc:language>en</dc:language>
    <dc:issued>2026-10-15</dc:issued>
    <author><name>Saltgate Press</name></author>
    <summary>Autumn 2026.</summary>
    <link rel="http://opds-spec.org/image" type="image/png" href="covers/12.png"/>
    <link rel="http://opds-spec.org/acquisition" type="application/epub+zip" href="x.epub"/>
    <link rel="http://opds-spec.org/acquisition" type="application/pdf" href="x.pdf"/>
  </entry>
</feed>
`;

const HTML = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>The Carrow Lantern</title>
<link rel="stylesheet" href="site.css">
</head>
<body>
<main>
<h1>The Carrow Lantern</h1>
<p><a href="12.epub">No. 12 (EPUB)</a></p>
<img src="12.png" alt="The cover of No. 12" width="10" height="10">
</main>
</body>
</html>
`;

/** Line and column of `needle` in `text`, 1-based. */
function lineOf(text: string, needle: string): number {
  const at = text.indexOf(needle);
  assert.ok(at >= 0, `${needle} in the document`);
  return text.slice(0, at).split('\n').length;
}

describe('validateAtom (jing, RFC 4287 Appendix B)', () => {
  it('passes ten sound feeds in one call', async (t) => {
    const files = Array.from({ length: 10 }, (_, i) => write(`atom/ok-${i}.xml`, ATOM));
    const r = await timed(t, 'validateAtom, 10 feeds', () => validateAtom(files));
    assert.deepEqual(r, { ok: true, messages: [] });
  });

  it('fails an entry without an <id>, naming its file and line', async () => {
    const text = ATOM.replace(/ {4}<id>urn:uuid:1225c695[^\n]*\n/, '');
    const ok = write('atom/ok.xml', ATOM);
    // Named as the caller named it, here relative to the working folder.
    const bad = path.relative(process.cwd(), write('atom/no-id.xml', text));
    const r = await validateAtom([ok, bad]);
    assert.equal(r.ok, false);
    assert.equal(r.messages.length, 1, r.messages.join('\n'));
    // jing points at the entry's end tag, where it knows the id will not come.
    assert.match(r.messages[0], new RegExp(`^${escapeRe(bad)}:${lineOf(text, '</entry>')}:\\d+: error: .*missing required element "id"`));
  });

  it('fails XML that does not parse and a file that is not there, and goes on to the files after them', async () => {
    const broken = write('atom/broken.xml', '<feed xmlns="http://www.w3.org/2005/Atom"><title>x</title>');
    const missing = path.join(dir, 'atom/missing.xml');
    const noId = write('atom/no-id-after.xml', ATOM.replace(/ {4}<id>urn:uuid:1225c695[^\n]*\n/, ''));
    const r = await validateAtom([broken, missing, write('atom/ok-after.xml', ATOM), noId]);
    assert.equal(r.ok, false);
    assert.equal(r.messages.length, 3, r.messages.join('\n'));
    assert.ok(
      r.messages.some((m) => m.startsWith(`${broken}:1:`) && / fatal: /.test(m)),
      r.messages.join('\n'),
    );
    assert.ok(r.messages.includes(`${missing}:0:0: error: no such file`), r.messages.join('\n'));
    assert.ok(
      r.messages.some((m) => m.startsWith(`${noId}:`) && m.includes('"id"')),
      r.messages.join('\n'),
    );
  });
});

describe('validateOpds (jing, OPDS 1.2 over Atom)', () => {
  it('passes ten sound acquisition feeds in one call, and the plain Atom feed', async (t) => {
    const files = Array.from({ length: 10 }, (_, i) => write(`opds/ok-${i}.xml`, OPDS));
    const r = await timed(t, 'validateOpds, 10 feeds', () => validateOpds([...files, write('opds/atom.xml', ATOM)]));
    assert.deepEqual(r, { ok: true, messages: [] });
  });

  it('fails what OPDS forbids and Atom allows: an XHTML summary', async () => {
    const text = OPDS.replace(
      '<summary>Autumn 2026.</summary>',
      '<summary type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">Autumn 2026.</div></summary>',
    );
    const file = write('opds/xhtml-summary.xml', text);
    assert.deepEqual(await validateAtom([file]), { ok: true, messages: [] }, 'sound Atom');
    const r = await validateOpds([file]);
    assert.equal(r.ok, false);
    const line = lineOf(text, '<summary');
    assert.ok(r.messages.length > 0 && r.messages.every((m) => m.startsWith(`${file}:${line}:`) && m.includes(': error: ')), r.messages.join('\n'));
  });

  it('fails a buy link without a price, and an href that is no URI', async () => {
    const buy = write(
      'opds/buy.xml',
      OPDS.replace('"http://opds-spec.org/acquisition" type="application/epub+zip"', '"http://opds-spec.org/acquisition/buy" type="application/epub+zip"'),
    );
    const href = write('opds/href.xml', OPDS.replace('href="x.pdf"', 'href="x y.pdf"'));
    const r = await validateOpds([buy, href]);
    assert.equal(r.ok, false);
    assert.ok(
      r.messages.some((m) => m.startsWith(`${buy}:`) && m.includes('opds:price')),
      r.messages.join('\n'),
    );
    assert.ok(
      r.messages.some((m) => m.startsWith(`${href}:${lineOf(OPDS, 'href="x.pdf"')}:`) && m.includes('"href"')),
      r.messages.join('\n'),
    );
  });

  it('fails an entry without an <id>, as Atom does', async () => {
    const r = await validateOpds([write('opds/no-id.xml', OPDS.replace(/ {4}<id>urn:uuid:6409a00b[^\n]*\n/, ''))]);
    assert.equal(r.ok, false);
    assert.match(r.messages.join('\n'), /missing required element "id"/);
  });
});

describe('validateHtml (the Nu Html Checker, vnu.jar)', () => {
  it('passes ten sound pages and a stylesheet in one call', async (t) => {
    const files = Array.from({ length: 10 }, (_, i) => write(`html/ok-${i}.html`, HTML));
    const r = await timed(t, 'validateHtml, 10 pages + 1 css', () =>
      validateHtml([...files, write('html/site.css', 'body { color: #222; margin: 0 auto; }\n')]),
    );
    assert.deepEqual(r, { ok: true, messages: [] });
  });

  it('fails an <img> without alt, a duplicate id and a bad stylesheet, naming file, line and column', async () => {
    const noAlt = HTML.replace(' alt="The cover of No. 12"', '');
    const dupId = HTML.replace('<h1>The Carrow Lantern</h1>', '<h1 id="top">The Carrow Lantern</h1>\n<p id="top">Autumn</p>');
    const a = write('html/no-alt.html', noAlt);
    const b = write('html/dup-id.html', dupId);
    const css = write('html/bad.css', 'body {\n  margin: 0;\n  colour: red;\n}\n');
    const r = await validateHtml([write('html/ok.html', HTML), a, b, css]);
    assert.equal(r.ok, false);
    const text = r.messages.join('\n');
    // Lines as an editor numbers them (vnu's --also-check-css would make these one less).
    assert.match(text, new RegExp(`^${escapeRe(a)}:${lineOf(noAlt, '<img')}:1: error: .*“img” element must have an “alt” attribute`, 'm'));
    assert.match(text, new RegExp(`^${escapeRe(b)}:${lineOf(dupId, '<p id="top">')}:1: error: Duplicate ID “top”`, 'm'));
    assert.match(text, new RegExp(`^${escapeRe(b)}:${lineOf(dupId, '<h1 id="top">')}:1: warning: The first occurrence of ID “top”`, 'm'));
    assert.match(text, new RegExp(`^${escapeRe(css)}:3:\\d+: error: CSS: .*colour`, 'm'));
    assert.ok(!text.includes('ok.html'), text);
  });

  it('fails on a warning alone: no lang on <html>', async () => {
    const file = write('html/no-lang.html', HTML.replace('<html lang="en">', '<html>'));
    const r = await validateHtml([file]);
    assert.equal(r.ok, false);
    assert.equal(r.messages.length, 1, r.messages.join('\n'));
    assert.match(r.messages[0], new RegExp(`^${escapeRe(file)}:\\d+:\\d+: warning: .*“lang” attribute`));
  });

  it('checks CSS: an unknown property fails', async () => {
    const css = write('html/bad.css', 'body {\n  colour: red;\n}\n');
    const r = await validateCss([css]);
    assert.equal(r.ok, false);
    assert.match(r.messages.join('\n'), new RegExp(`^${escapeRe(css)}:2:\\d+: error: CSS: .*colour`, 'm'));
  });

  it('fails a file that is not there (vnu itself passes it)', async () => {
    const missing = path.join(dir, 'html/missing.html');
    assert.deepEqual(await validateHtml([missing]), { ok: false, messages: [`${missing}:0:0: error: no such file`] });
  });
});

describe('axeViolations (axe-core in Chromium)', () => {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(() => browser?.close());

  const CLEAN = HTML.replace('<link rel="stylesheet" href="site.css">\n', '').replace(
    '<img src="12.png"',
    '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="',
  );
  const FAULTY = CLEAN.replace('<html lang="en">', '<html>').replace('</main>', '<form><input type="text" name="q"></form>\n</main>');

  it('finds an unlabelled input and a missing lang, and nothing on a clean page (page.setContent)', async (t) => {
    const page = await browser.context.newPage();
    try {
      await page.setContent(FAULTY);
      const found = await timed(t, 'axeViolations, one page', () => axeViolations(page));
      const ids = found.map((v) => v.id).sort();
      assert.ok(ids.includes('html-has-lang'), ids.join(' '));
      assert.ok(ids.includes('label'), ids.join(' '));
      const label = found.find((v) => v.id === 'label')!;
      assert.deepEqual(label.targets, ['input']);
      assert.equal(label.impact, 'critical');
      assert.ok(label.help.length > 0);

      await page.setContent(CLEAN);
      assert.deepEqual(await axeViolations(page), []);
    } finally {
      await page.close();
    }
  });

  it('works on a page served over http, with a CSP that forbids inline scripts, and from file://', async () => {
    const site = path.join(dir, 'axe-site');
    const csp = '<meta http-equiv="Content-Security-Policy" content="default-src \'self\'; img-src data:">';
    write('axe-site/faulty.html', FAULTY.replace('<meta charset="utf-8">', `<meta charset="utf-8">\n${csp}`));
    write('axe-site/clean.html', CLEAN);
    const server = await serveFolder(site);
    const page = await browser.context.newPage();
    try {
      await page.goto(`${server.url}faulty.html`);
      assert.ok((await axeViolations(page)).some((v) => v.id === 'label'));
      await page.goto(pathToFileURL(path.join(site, 'faulty.html')).href);
      assert.ok((await axeViolations(page)).some((v) => v.id === 'html-has-lang'));
      await page.goto(pathToFileURL(path.join(site, 'clean.html')).href);
      assert.deepEqual(await axeViolations(page), []);
    } finally {
      await page.close();
      await server.close();
    }
  });
});

describe('serveFolder', () => {
  let server: { url: string; close(): Promise<void> };
  const root = path.join(dir, 'site');
  before(async () => {
    write('secret.txt', 'not for the site\n');
    write('site/index.html', HTML);
    write('site/12/index.html', HTML);
    write('site/opds/catalog.xml', OPDS);
    for (const [name, text] of Object.entries({
      'site.css': 'body{}',
      'a.json': '{}',
      'x.pdf': '%PDF-1.7',
      'x.epub': 'PK',
      'c.png': 'png',
      'c.jpg': 'jpg',
      'c.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>',
    }))
      write(`site/${name}`, text);
    symlinkSync(path.join(dir, 'secret.txt'), path.join(root, 'link.txt'));
    server = await serveFolder(root);
  });
  after(() => server?.close());

  /** A request sent as written: no client normalises its path first. */
  function get(rawPath: string, method = 'GET'): Promise<{ status: number; type?: string; location?: string; body: string }> {
    const { hostname, port } = new URL(server.url);
    return new Promise((resolve, reject) => {
      const req = http.request({ host: hostname, port, path: rawPath, method }, (res) => {
        let body = '';
        res.setEncoding('utf8').on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode!, type: res.headers['content-type'], location: res.headers.location, body }));
      });
      req.on('error', reject);
      req.end();
    });
  }

  it('listens on 127.0.0.1', () => {
    assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  it('serves files with their Content-Type, a folder by its index.html', async () => {
    const expect: Record<string, string> = {
      '/': 'text/html; charset=utf-8',
      '/12/': 'text/html; charset=utf-8',
      '/site.css': 'text/css; charset=utf-8',
      '/opds/catalog.xml': 'application/atom+xml; charset=utf-8',
      '/a.json': 'application/json',
      '/x.pdf': 'application/pdf',
      '/x.epub': 'application/epub+zip',
      '/c.png': 'image/png',
      '/c.jpg': 'image/jpeg',
      '/c.svg': 'image/svg+xml',
    };
    for (const [p, type] of Object.entries(expect)) {
      const r = await get(p);
      assert.equal(r.status, 200, p);
      assert.equal(r.type, type, p);
    }
    assert.equal((await get('/opds/catalog.xml')).body, OPDS);
    const moved = await get('/12?x=1');
    assert.equal(moved.status, 301);
    assert.equal(moved.location, '/12/');
    assert.equal((await get('/x.epub', 'HEAD')).status, 200);
    assert.equal((await get('/x.epub', 'POST')).status, 405);
  });

  it('serves nothing outside its folder', async () => {
    for (const p of [
      '/../secret.txt',
      '/12/../../secret.txt',
      '/%2e%2e/secret.txt',
      '/%2E%2E%2Fsecret.txt',
      '/..%2fsecret.txt',
      '/12/..%5c..%5csecret.txt',
      '/link.txt',
      '/nothing.html',
      '/index.html%00.txt',
      '/%E0%A4%A',
    ]) {
      const r = await get(p);
      assert.equal(r.status, 404, p);
      assert.ok(!r.body.includes('not for the site'), p);
    }
  });

  it('stops listening on close', async () => {
    const other = await serveFolder(root);
    assert.equal((await fetch(`${other.url}site.css`)).status, 200);
    await other.close();
    await assert.rejects(fetch(`${other.url}site.css`));
  });
});

function escapeRe(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
