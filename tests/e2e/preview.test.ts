// `pressroom watch` end to end: the CLI as a child process on a small edition in a temp
// folder, its preview page in Debian's Chromium. A saved change shows on the page, a broken
// edition.yaml shows as an overlay with its place, and the server serves nothing but its
// own parts, on the loopback interface only, whatever a client sends or drops.
import assert from 'node:assert/strict';
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { promises as fs, readFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { type Browser, launchBrowser } from '../support/browser.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SAMPLE = path.join(ROOT, 'editions/sample');
const FOG = 'articles/07-in-praise-of-fog.md';
const ARITHMETIC = 'articles/08-the-arithmetic-of-a-small-town.md';
/** A first build on a busy 2-core machine; the sample's two articles take about 5 s alone. */
const BUILD_MS = 90_000;

const MANIFEST = `publication: The Carrow Lantern
issue: No. 12
date: 2026-10-15
dateline: Autumn 2026
language: en
publisher: Saltgate Press
articles:
  - ${FOG}
  - ${ARITHMETIC}
`;

/** The watch process and what it printed, line by line. */
class Watch {
  readonly lines: string[] = [];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private waiters: (() => void)[] = [];
  constructor(readonly child: ChildProcess) {
    // stdout has the build lines, stderr the warnings and errors: one list, in the order they came.
    for (const stream of [child.stdout!, child.stderr!]) {
      let partial = '';
      stream.setEncoding('utf8').on('data', (chunk: string) => {
        const parts = (partial + chunk).split('\n');
        partial = parts.pop()!;
        this.lines.push(...parts);
        for (const w of this.waiters.splice(0)) w();
      });
    }
    this.exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  }

  /** The first line from index `from` on matching `re`, and when it came. */
  async line(re: RegExp, from: number, ms = BUILD_MS): Promise<{ text: string; index: number; at: number }> {
    const deadline = Date.now() + ms;
    for (;;) {
      const index = this.lines.findIndex((l, k) => k >= from && re.test(l));
      if (index >= 0) return { text: this.lines[index], index, at: performance.now() };
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no line matching ${re} in time; printed:\n${this.lines.join('\n')}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }
}

/** A raw HTTP request, path sent exactly as given (no normalising of `..`, as browsers and fetch do). */
function rawGet(port: number, requestPath: string, headers: Record<string, string> = {}, method = 'GET'): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: requestPath, method, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** The build the preview shows now, as its event stream tells a page that connects. */
function currentBuild(port: number): Promise<{ buildId: string; pages: number }> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/events' }, (res) => {
      let seen = '';
      res.setEncoding('utf8').on('data', (c: string) => {
        seen += c;
        const m = /^event: built\ndata: (.*)$/m.exec(seen);
        if (m) {
          req.destroy();
          resolve(JSON.parse(m[1]) as { buildId: string; pages: number });
        }
      });
    });
    req.on('error', reject);
  });
}

/** A page's words, whatever order, line breaks and hyphens at line ends the extractor gave (PDF.js reads in drawing order, pdftotext by columns). */
const words = (text: string) =>
  text
    .replace(/-\s*\n\s*|-\s+(?=[a-z])/g, '')
    .split(/\s+/)
    .filter(Boolean)
    .sort()
    .join(' ');

/** The server-sent events of one connection, as they come. */
function listen(port: number): { events: string[]; close: () => void } {
  const events: string[] = [];
  const req = http.get({ host: '127.0.0.1', port, path: '/events' }, (res) => {
    res.setEncoding('utf8').on('data', (c: string) => {
      for (const m of c.matchAll(/^event: (\w+)$/gm)) events.push(m[1]);
    });
    res.on('error', () => {});
  });
  req.on('error', () => {});
  return { events, close: () => req.destroy() };
}

describe('pressroom watch: the live preview', { timeout: 240_000 }, () => {
  let tmp: string;
  let edition: string;
  let watch: Watch;
  let port: number;
  let browser: Browser;
  let page: Page;

  before(async () => {
    tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'pressroom-preview-'));
    edition = path.join(tmp, 'edition');
    await fs.mkdir(path.join(edition, 'articles'), { recursive: true });
    for (const f of [FOG, ARITHMETIC]) await fs.copyFile(path.join(SAMPLE, f), path.join(edition, f));
    await fs.writeFile(path.join(edition, 'edition.yaml'), MANIFEST);
    const child = spawn(process.execPath, [path.join(ROOT, 'bin/pressroom.js'), 'watch', edition, '--port', '0', '--out', path.join(tmp, 'out')], {
      cwd: tmp,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    watch = new Watch(child);
    port = Number(/http:\/\/127\.0\.0\.1:(\d+)\//.exec((await watch.line(/http:\/\//, 0, 30_000)).text)![1]);
    browser = await launchBrowser();
    page = await browser.context.newPage();
  });

  after(async () => {
    if (watch?.child.exitCode === null) watch.child.kill('SIGKILL');
    await browser?.close();
    if (tmp) await fs.rm(tmp, { recursive: true, force: true });
  });

  it('listens on 127.0.0.1 only', async () => {
    // The kernel's table of listening TCP sockets: the port is bound to 127.0.0.1, not to 0.0.0.0.
    const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
    const listening = readFileSync('/proc/net/tcp', 'utf8')
      .split('\n')
      .map((l) => l.trim().split(/\s+/))
      .filter((f) => f[1]?.endsWith(`:${hexPort}`) && f[3] === '0A')
      .map((f) => f[1]);
    assert.deepEqual(listening, [`0100007F:${hexPort}`]);
    assert.ok(!readFileSync('/proc/net/tcp6', 'utf8').includes(`:${hexPort} 00000000000000000000000000000000:0000 0A`), 'not on IPv6');
    const outside = Object.values(os.networkInterfaces())
      .flat()
      .find((a) => a && a.family === 'IPv4' && !a.internal);
    if (outside) {
      const refused = await new Promise<boolean>((resolve) => {
        const s = net.connect({ host: outside.address, port }, () => {
          s.destroy();
          resolve(false);
        });
        s.on('error', () => resolve(true));
      });
      assert.ok(refused, `port ${port} answers on ${outside.address}`);
    }
  });

  it('shows the pages as images and the EPUB chapters', async () => {
    await watch.line(/^built in [\d.]+ s \(pages shown after [\d.]+ s\): \d+ pages, \d+ warnings?$/, 0);
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.waitForSelector('body[data-state="built"]');
    const pages = await page.locator('#pages img').count();
    assert.ok(pages >= 3, `${pages} pages`);
    await page.waitForFunction(() => {
      const img = document.querySelector<HTMLImageElement>('#page-1 img');
      return !!img && img.complete && img.naturalWidth > 500;
    });
    const chapters = await page.locator('#chapter option').allTextContents();
    assert.ok(chapters.includes('In Praise of Fog') && chapters.includes('The Arithmetic of a Small Town'), chapters.join(' | '));
    await page.selectOption('#chapter', { label: 'In Praise of Fog' });
    await page.waitForFunction(() => document.querySelector<HTMLIFrameElement>('#chapter-frame')?.contentDocument?.body?.textContent?.includes('haar'));
    // The chapter keeps its stylesheet: the frame's document has styles from the EPUB.
    const sheets = await page.evaluate(() => document.querySelector<HTMLIFrameElement>('#chapter-frame')!.contentDocument!.styleSheets.length);
    assert.ok(sheets > 0, 'the chapter has its CSS');
    // Spreads: page 1 alone, then pairs; and the page jump.
    await page.click('#layout');
    assert.equal(await page.locator('.spread').count(), 1 + Math.ceil((pages - 1) / 2));
    assert.equal(await page.locator('.spread.first .page').count(), 1);
    await page.fill('#jump-to', String(pages));
    await page.press('#jump-to', 'Enter');
    await page.waitForFunction((n) => {
      const r = document.getElementById(`page-${n}`)!.getBoundingClientRect();
      return r.top < innerHeight && r.bottom > 0;
    }, pages);
    await page.click('#layout');
    const warnings = await page.locator('#warning-list li').allTextContents();
    assert.ok(
      warnings.some((w) => /^articles\/07-in-praise-of-fog\.md:\d+:\d+/.test(w)),
      `warnings with their places: ${warnings.join(' | ')}`,
    );
  });

  it('ignores editor temp files', async () => {
    const sse = listen(port);
    await new Promise((r) => setTimeout(r, 200));
    await fs.writeFile(path.join(edition, 'articles/.07-in-praise-of-fog.md.swp'), 'x');
    await fs.writeFile(path.join(edition, 'articles/07-in-praise-of-fog.md~'), 'x');
    await fs.writeFile(path.join(edition, '.#edition.yaml'), 'x');
    await new Promise((r) => setTimeout(r, 800));
    sse.close();
    assert.deepEqual(
      sse.events.filter((e) => e === 'building'),
      [],
    );
  });

  it('shows a saved change within 2 s of the build, in the EPUB chapter and in new page images', async (t) => {
    const oldId = await page.evaluate(() => document.body.dataset.buildId!);
    const oldSrc = await page.getAttribute('#page-1 img', 'src');
    const word = `Zq${Date.now() % 1_000_000}`;
    const from = watch.lines.length;
    await fs.appendFile(path.join(edition, FOG), `\nThe fog keeps one word for the preview: ${word}.\n`);
    const rebuilt = await watch.line(/^rebuilt in [\d.]+ s \(pages shown after [\d.]+ s(, \d+ of \d+ new)?\): \d+ pages/, from);
    await page.waitForFunction((w) => document.querySelector<HTMLIFrameElement>('#chapter-frame')?.contentDocument?.body?.textContent?.includes(w), word, {
      timeout: 10_000,
    });
    const seenMs = performance.now() - rebuilt.at;
    t.diagnostic(`the change showed ${Math.round(seenMs)} ms after the build`);
    assert.ok(seenMs < 2000, `the change showed ${Math.round(seenMs)} ms after the build`);
    const newId = await page.evaluate(() => document.body.dataset.buildId!);
    assert.notEqual(newId, oldId);
    const newSrc = await page.getAttribute('#page-1 img', 'src');
    assert.notEqual(newSrc, oldSrc);
    assert.ok(newSrc?.includes(newId));
    await page.waitForFunction(() => {
      const img = document.querySelector<HTMLImageElement>('#page-1 img');
      return !!img && img.complete && img.naturalWidth > 500;
    });
    // The word is on a page of the new PDF too (set in type, perhaps hyphenated).
    const count = await page.locator('#pages img').count();
    let found = false;
    for (let n = 1; n <= count && !found; n++) {
      const { body } = await rawGet(port, `/text/${newId}/${n}`);
      found = body.replace(/-\s*\n/g, '').includes(word);
    }
    assert.ok(found, `${word} is on a page of the PDF`);
  });

  it('sends only the pages an edit changed, and shows every page as the PDF written reads', async () => {
    const from = watch.lines.length;
    const text = await fs.readFile(path.join(edition, ARITHMETIC), 'utf8');
    // A word of the last article's first paragraph, another of the same length: its page alone changes.
    await fs.writeFile(path.join(edition, ARITHMETIC), text.replace("The town's population", "The burg's population"));
    const rebuilt = await watch.line(/^rebuilt in [\d.]+ s \(pages shown after [\d.]+ s, (\d+) of (\d+) new\): (\d+) pages/, from);
    const [, fresh, of, pages] = /, (\d+) of (\d+) new\): (\d+) pages/.exec(rebuilt.text)!.map(Number);
    assert.equal(of, pages);
    assert.ok(fresh >= 1 && fresh < pages, rebuilt.text);
    const shownBuild = await currentBuild(port);
    assert.equal(shownBuild.pages, pages);
    const id = shownBuild.buildId;
    const written = path.join(tmp, 'out', 'edition.pdf');
    for (let n = 1; n <= pages; n++) {
      const shown = (await rawGet(port, `/text/${id}/${n}`)).body;
      const pdf = execFileSync('pdftotext', ['-f', String(n), '-l', String(n), written, '-'], { encoding: 'utf8' });
      assert.equal(words(shown), words(pdf), `page ${n}`);
    }
  });

  it('builds again when a change is saved during a build', async () => {
    const sse = listen(port);
    const [first, second] = [`Zf${Date.now() % 1_000_000}`, `Zs${(Date.now() + 1) % 1_000_000}`];
    const from = watch.lines.length;
    await fs.appendFile(path.join(edition, FOG), `\nA first word: ${first}.\n`);
    for (let k = 0; k < 200 && !sse.events.includes('building'); k++) await new Promise((r) => setTimeout(r, 25));
    assert.ok(sse.events.includes('building'), 'a build started');
    await new Promise((r) => setTimeout(r, 300));
    await fs.appendFile(path.join(edition, FOG), `\nA second word: ${second}.\n`);
    await page.waitForFunction((w) => document.querySelector<HTMLIFrameElement>('#chapter-frame')?.contentDocument?.body?.textContent?.includes(w), second, {
      timeout: BUILD_MS,
    });
    // The build under way may have read the second change already (its worker reads the
    // articles a moment after it starts); the build after it comes all the same.
    const once = await watch.line(/^rebuilt in/, from);
    await watch.line(/^rebuilt in/, once.index + 1);
    sse.close();
  });

  it('shows a broken edition.yaml as an overlay with its place, and clears it when fixed', async () => {
    const goodSrc = await page.getAttribute('#page-1 img', 'src');
    let from = watch.lines.length;
    await fs.writeFile(path.join(edition, 'edition.yaml'), `${MANIFEST}articles: [unclosed\n`);
    await watch.line(/: error: /, from);
    await page.waitForSelector('#overlay:not([hidden])', { timeout: 5000 });
    const errors = await page.locator('#error-list li').allTextContents();
    assert.ok(
      errors.some((e) => /^edition\.yaml:\d+:\d+: error: .+\[manifest\//.test(e)),
      errors.join(' | '),
    );
    // The last good pages stay under the overlay.
    assert.equal(await page.getAttribute('#page-1 img', 'src'), goodSrc);
    assert.equal(await page.evaluate(() => document.querySelector<HTMLImageElement>('#page-1 img')!.naturalWidth > 500), true);
    from = watch.lines.length;
    await fs.writeFile(path.join(edition, 'edition.yaml'), MANIFEST);
    await watch.line(/^rebuilt in/, from);
    await page.waitForSelector('#overlay[hidden]', { state: 'attached', timeout: 2000 });
    assert.notEqual(await page.getAttribute('#page-1 img', 'src'), goodSrc);
  });

  it('serves nothing outside its own parts', async () => {
    const id = await page.evaluate(() => document.body.dataset.buildId!);
    for (const p of [
      '/../package.json',
      '/%2e%2e/%2e%2e/etc/passwd',
      '/%2E%2E/package.json',
      '/pages/..%2f..%2fx',
      `/pages/${id}/..%2f..%2fpackage.json`,
      `/epub/${id}/../../package.json`,
      `/epub/${id}/OEBPS%2f..%2f..%2fpackage.json`,
      `/epub/${id}/META-INF/container.xml`,
      '/etc/passwd',
      '//etc/passwd',
      '/index.html%00.png',
      '/preview.js%5c..%5c..%5cpackage.json',
      '/src/preview/server.ts',
      '/assets/preview/index.html',
      '/pages/old-build/1.png',
      `/pages/${id}/0.png`,
      `/pages/${id}/9999.png`,
    ]) {
      const r = await rawGet(port, p);
      assert.ok(r.status === 400 || r.status === 404, `${p}: ${r.status}`);
      assert.ok(!/root:|"name": "pressroom"|<container/.test(r.body), `${p} leaked a file`);
    }
    assert.equal((await rawGet(port, '/', {}, 'POST')).status, 405);
    assert.equal((await rawGet(port, '/', {}, 'DELETE')).status, 405);
    assert.equal((await rawGet(port, '/', { host: 'attacker.example' })).status, 403);
    assert.equal((await rawGet(port, `/pages/${id}/1.png`, {}, 'HEAD')).status, 200);
  });

  it('survives clients that drop the event stream or a request midway', async () => {
    for (let k = 0; k < 5; k++) {
      await new Promise<void>((resolve) => {
        const s = net.connect({ host: '127.0.0.1', port }, () => s.write(`GET /events HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`));
        s.once('data', () => {
          // A reset, not a polite close: what a killed browser leaves.
          s.resetAndDestroy();
          resolve();
        });
        s.on('error', () => resolve());
      });
    }
    // A page request dropped before its answer, and a request cut off in its headers.
    await new Promise<void>((resolve) => {
      const req = http.get({ host: '127.0.0.1', port, path: '/pages/none/1.png' });
      req.on('error', () => resolve());
      req.on('socket', (s) => s.on('connect', () => req.destroy()));
      setTimeout(resolve, 300);
    });
    await new Promise<void>((resolve) => {
      const s = net.connect({ host: '127.0.0.1', port }, () => {
        s.write('GET / HTTP/1.1\r\nHo');
        s.destroy();
        resolve();
      });
    });
    // And the browser page closed while its stream is open.
    const other = await browser.context.newPage();
    await other.goto(`http://127.0.0.1:${port}/`);
    await other.waitForSelector('body[data-state="built"]');
    await other.close();
    await new Promise((r) => setTimeout(r, 200));
    assert.equal((await rawGet(port, '/')).status, 200);
    assert.equal(watch.child.exitCode, null, 'the server is still running');
  });

  it('stops on SIGINT with exit code 0 within 2 s', async () => {
    const started = performance.now();
    watch.child.kill('SIGINT');
    const exit = await Promise.race([watch.exited, new Promise<undefined>((r) => setTimeout(r, 2000))]);
    assert.deepEqual(exit, { code: 0, signal: null }, `exited in ${Math.round(performance.now() - started)} ms`);
  });
});

describe('pressroom watch: stopping during a build', { timeout: 60_000 }, () => {
  it('stops on SIGTERM with exit code 0 within 2 s while its first build runs', async () => {
    const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'pressroom-preview-'));
    try {
      const edition = path.join(tmp, 'edition');
      await fs.mkdir(path.join(edition, 'articles'), { recursive: true });
      for (const f of [FOG, ARITHMETIC]) await fs.copyFile(path.join(SAMPLE, f), path.join(edition, f));
      await fs.writeFile(path.join(edition, 'edition.yaml'), MANIFEST);
      const child = spawn(process.execPath, [path.join(ROOT, 'bin/pressroom.js'), 'watch', edition, '--port', '0', '--out', path.join(tmp, 'out')], {
        cwd: tmp,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const watch = new Watch(child);
      await watch.line(/http:\/\//, 0, 30_000);
      const started = performance.now();
      child.kill('SIGTERM');
      const exit = await Promise.race([watch.exited, new Promise<undefined>((r) => setTimeout(r, 2000))]);
      if (!exit) child.kill('SIGKILL');
      assert.deepEqual(exit, { code: 0, signal: null }, `exited in ${Math.round(performance.now() - started)} ms`);
      assert.ok(!watch.lines.some((l) => /built in/.test(l)), 'stopped before the build ended');
    } finally {
      await fs.rm(tmp, { recursive: true, force: true });
    }
  });
});
