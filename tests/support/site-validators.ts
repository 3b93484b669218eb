// Real validators for the download site's end-to-end tests: jing with the Atom and OPDS 1.2
// RELAX NG schemas, the W3C Nu Html Checker (vnu.jar, from npm) for HTML and CSS, axe-core in
// the browser, and a small static server for the site's folder. When jing is missing, install
// it with apt-get (as root) or fail saying exactly what to install: never a silent skip.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Frame, Page } from 'playwright-core';

const require = createRequire(import.meta.url);

/** tests/fixtures/schemas: RFC 4287's atom.rnc, the OPDS community's opds.rnc and our wrapper of it (README.md there). */
export const SCHEMAS = path.join(import.meta.dirname, '..', 'fixtures', 'schemas');
const ATOM_SCHEMA = path.join(SCHEMAS, 'atom.rnc');
const OPDS_SCHEMA = path.join(SCHEMAS, 'opds-catalog.rnc');

/** What a validator found: `ok` only when it reported no error and no warning. */
export interface ValidationResult {
  ok: boolean;
  /** One line a finding: `file:line:col: error|warning: text`. */
  messages: string[];
}

function has(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

let jingChecked = false;

/** Make sure jing (Debian's package) is here; install it if we can. */
export function requireJing(): void {
  if (jingChecked) return;
  if (!has('jing') && process.getuid?.() === 0 && has('apt-get')) {
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    const r = spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'jing'], { stdio: 'inherit', env });
    if (r.status !== 0) throw new Error('could not install jing with apt-get; install it by hand');
  }
  if (!has('jing')) throw new Error('the site tests need jing (RELAX NG): run `sudo apt-get install jing`');
  jingChecked = true;
}

/** Every file against RFC 4287's Atom schema, in one jing process. */
export function validateAtom(files: string[]): Promise<ValidationResult> {
  return jing(ATOM_SCHEMA, files);
}

/** Every file against the OPDS 1.2 catalogue schema (which extends the Atom one), in one jing process. */
export function validateOpds(files: string[]): Promise<ValidationResult> {
  return jing(OPDS_SCHEMA, files);
}

// Debian's jing script says on stderr which optional jars it did not find, on every run.
const JING_WRAPPER_NOISE = /^\[warning\] \/usr\/bin\/jing: /;

async function jing(schema: string, files: string[]): Promise<ValidationResult> {
  if (!files.length) throw new Error('no files to validate');
  requireJing();
  const messages = missing(files);
  // jing is given absolute paths, so that its messages name each file unmistakably, and they
  // are named here as the caller named them.
  const given = new Map(files.map((f) => [path.resolve(f), f]));
  let rest = [...given.keys()].filter((f) => existsSync(f));
  let ok = messages.length === 0;
  while (rest.length) {
    const { status, stdout, stderr } = await run('jing', ['-c', schema, ...rest]);
    const lines = (stdout + stderr).split('\n').filter((l) => l.trim() && !JING_WRAPPER_NOISE.test(l));
    // Each finding is `file:line:col: error: …`, or `fatal: …` for a document that does not parse.
    const found = lines.filter((l) => /: (error|warning|fatal): /.test(l) || l.startsWith('fatal:'));
    if (status !== 0 && !found.length) found.push(`jing exited with ${status}: ${lines.join('\n') || '(no output)'}`);
    messages.push(...found.map((l) => l.replace(/^(.*?):(\d+):(\d+): /, (_m, f: string, line, col) => `${given.get(f) ?? f}:${line}:${col}: `)));
    ok &&= status === 0 && !found.length;
    // jing stops at a document that does not parse: go on with the files after it.
    const fatal = found.find((l) => / fatal: /.test(l));
    const at = fatal ? rest.findIndex((f) => fatal.startsWith(`${f}:`)) : -1;
    rest = at >= 0 ? rest.slice(at + 1) : [];
  }
  return { ok, messages };
}

/** A finding for each file that is not there (jing would stop at it; vnu passes it in silence). */
function missing(files: string[]): string[] {
  return files.filter((f) => !existsSync(f)).map((f) => `${f}:0:0: error: no such file`);
}

function run(cmd: string, args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ status: code ?? (signal ? 128 : 1), stdout, stderr }));
  });
}

/** vnu.jar from the vnu-jar package: the Nu Html Checker, the one behind validator.w3.org/nu. */
export const VNU_JAR = path.join(path.dirname(require.resolve('vnu-jar/package.json')), 'build', 'dist', 'vnu.jar');

interface VnuMessage {
  type: 'error' | 'info' | 'non-document-error';
  subType?: string;
  url?: string;
  firstLine?: number;
  firstColumn?: number;
  lastLine?: number;
  lastColumn?: number;
  message: string;
}

/**
 * The Nu Html Checker over every file: `.html`/`.htm` as HTML, `.xhtml` as XHTML, `.svg` as
 * SVG, `.css` as CSS. `ok` only with no error and no warning (vnu's `info` messages of subtype
 * `warning`); plain `info` lines are not findings and are left out. One JVM for the documents
 * and, when there are stylesheets, one more beside it for them: vnu 26.9's `--also-check-css`
 * numbers every other document's lines from 0, so the two never share a run.
 */
export async function validateHtml(files: string[]): Promise<ValidationResult> {
  if (!files.length) throw new Error('no files to validate');
  requireJava();
  const here = files.filter((f) => existsSync(f));
  const css = here.filter((f) => path.extname(f).toLowerCase() === '.css');
  const docs = here.filter((f) => !css.includes(f));
  const runs = await Promise.all([docs.length ? vnu(docs, ['--also-check-svg']) : [], css.length ? vnu(css, ['--also-check-css']) : []]);
  const messages = [...missing(files), ...runs.flat()];
  return { ok: messages.length === 0, messages };
}

async function vnu(files: string[], flags: string[]): Promise<string[]> {
  const given = new Map(files.map((f) => [path.resolve(f), f]));
  // The checker needs a deep stack (it says so, and overflows the default on some inputs);
  // the quick JIT tier and the serial collector suit a run of a few seconds.
  const args = ['-Xss16m', '-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC', '-jar', VNU_JAR, '--format', 'json', '--stdout', ...flags, ...given.keys()];
  const { status, stdout, stderr } = await run('java', args);
  let report: { messages: VnuMessage[] };
  try {
    report = JSON.parse(stdout);
  } catch {
    return [`(vnu):0:0: error: exited with ${status} and no report: ${(stdout + stderr).trim()}`];
  }
  const messages: string[] = [];
  for (const m of report.messages) {
    const level = m.type === 'info' ? (m.subType === 'warning' ? 'warning' : undefined) : 'error';
    if (!level) continue;
    const abs = m.url?.startsWith('file:') ? fileURLToPath(m.url) : m.url;
    const file = (abs && given.get(abs)) ?? abs ?? '(vnu)';
    // vnu leaves firstLine out when it is lastLine.
    const line = m.firstLine ?? m.lastLine ?? 0;
    const col = m.firstColumn ?? m.lastColumn ?? 0;
    messages.push(`${file}:${line}:${col}: ${level}: ${m.message}`);
  }
  if (status !== 0 && !messages.some((m) => / error: /.test(m))) messages.push(`(vnu):0:0: error: exited with ${status}: ${stderr.trim()}`);
  return messages;
}

/** CSS files through the same checker (validateHtml takes `.css` files too). */
export function validateCss(files: string[]): Promise<ValidationResult> {
  return validateHtml(files);
}

function requireJava(): void {
  if (!has('java')) throw new Error('the site tests need Java for vnu.jar: run `sudo apt-get install default-jre-headless`');
}

export interface AxeViolation {
  /** axe's rule id, e.g. `label`, `html-has-lang`. */
  id: string;
  /** `minor`, `moderate`, `serious` or `critical`. */
  impact: string;
  help: string;
  /** A CSS selector for each element at fault (` >>> ` between frames, ` >> ` into a shadow root). */
  targets: string[];
}

const AXE_JS = require.resolve('axe-core/axe.min.js');

/**
 * axe-core's violations on the page as it stands: axe is put into every frame (as a script
 * tag, or through the DevTools protocol where the page's Content-Security-Policy forbids
 * inline scripts), then `axe.run(document, { resultTypes: ['violations'] })`. Works on a
 * page from http://, file:// or page.setContent.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  for (const frame of page.frames()) await injectAxe(frame);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: typeof import('axe-core') }).axe;
    const results = await axe.run(document, { resultTypes: ['violations'] });
    return results.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? 'unknown',
      help: v.help,
      targets: v.nodes.map((n) => n.target.map((t) => (Array.isArray(t) ? t.join(' >> ') : t)).join(' >>> ')),
    }));
  });
  return violations;
}

async function injectAxe(frame: Frame): Promise<void> {
  const present = () => frame.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe === 'object').catch(() => false);
  if (await present()) return;
  await frame.addScriptTag({ path: AXE_JS }).catch(() => {});
  if (await present()) return;
  // A Content-Security-Policy without 'unsafe-inline' drops the tag; evaluate is not bound by it.
  await frame.evaluate(readFileSync(AXE_JS, 'utf8'));
  if (!(await present())) throw new Error(`could not load axe-core into ${frame.url()}`);
}

/** Content-Type by extension; `.xml` is the site's OPDS feeds. */
export const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.xml': 'application/atom+xml; charset=utf-8',
  '.atom': 'application/atom+xml; charset=utf-8',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
  '.pdf': 'application/pdf',
  '.epub': 'application/epub+zip',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

export interface StaticServer {
  /** `http://127.0.0.1:PORT/`, ending in a slash. */
  url: string;
  close(): Promise<void>;
}

/**
 * A static HTTP server on 127.0.0.1 (a free port) for the files under `dir` and nothing else:
 * GET and HEAD; a folder serves its index.html (a folder's URL without its slash is redirected
 * to it); a path with a `..` segment, a NUL, a link out of `dir` or no such file is a 404.
 */
export async function serveFolder(dir: string): Promise<StaticServer> {
  const root = realpathSync(dir);
  const server = http.createServer((req, res) => {
    const send = (status: number, body: string, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'content-length': String(Buffer.byteLength(body)), ...headers });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'method not allowed\n', { allow: 'GET, HEAD' });
    const file = resolveUnder(root, req.url ?? '/');
    if (!file) return send(404, 'not found\n');
    let stat = statSync(file, { throwIfNoEntry: false });
    let served = file;
    if (stat?.isDirectory()) {
      const pathname = (req.url ?? '/').split(/[?#]/)[0];
      if (!pathname.endsWith('/')) return send(301, 'moved\n', { location: `${pathname}/` });
      served = path.join(file, 'index.html');
      stat = statSync(served, { throwIfNoEntry: false });
    }
    if (!stat?.isFile() || !within(root, served)) return send(404, 'not found\n');
    const body = readFileSync(served);
    const type = CONTENT_TYPES[path.extname(served).toLowerCase()] ?? 'application/octet-stream';
    res.writeHead(200, { 'content-type': type, 'content-length': String(body.length), 'cache-control': 'no-store' });
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** The file a request's path names under root, or undefined for a path that would leave it. */
function resolveUnder(root: string, url: string): string | undefined {
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.split(/[?#]/)[0]);
  } catch {
    return undefined;
  }
  if (!pathname.startsWith('/') || pathname.includes('\0') || pathname.includes('\\')) return undefined;
  const segments = pathname.split('/');
  if (segments.some((s) => s === '..' || s === '.')) return undefined;
  const file = path.join(root, ...segments);
  return within(root, file) ? file : undefined;
}

/** Whether file (once its links are followed) is root or under it. */
function within(root: string, file: string): boolean {
  let real: string;
  try {
    real = realpathSync(file);
  } catch {
    real = path.resolve(file);
  }
  return real === root || real.startsWith(root + path.sep);
}
