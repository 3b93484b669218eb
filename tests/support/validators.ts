// Real validators for end-to-end tests. When one is missing, install it with apt-get
// (as root) or fail saying exactly what to install: never a silent skip.
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

const EPUBCHECK_JAR = '/usr/share/java/epubcheck.jar';

interface Tool {
  ok: () => boolean;
  debian: string;
}

const TOOLS: Record<string, Tool> = {
  epubcheck: { ok: () => existsSync(EPUBCHECK_JAR) && has('java'), debian: 'epubcheck' },
  qpdf: { ok: () => has('qpdf'), debian: 'qpdf' },
  poppler: { ok: () => has('pdffonts') && has('pdftotext') && has('pdfinfo'), debian: 'poppler-utils' },
};

function has(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

let checked = false;

/** Make sure epubcheck, qpdf and poppler-utils are here; install them if we can. */
export function requireValidators(): void {
  if (checked) return;
  const missing = Object.values(TOOLS).filter((t) => !t.ok());
  if (missing.length) {
    const pkgs = missing.map((t) => t.debian);
    const isRoot = process.getuid?.() === 0;
    if (isRoot && has('apt-get')) {
      const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
      spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
      const r = spawnSync('apt-get', ['install', '-y', '-qq', ...pkgs], { stdio: 'inherit', env });
      if (r.status !== 0) throw new Error(`could not install ${pkgs.join(' ')} with apt-get; install them by hand`);
    }
    const still = Object.values(TOOLS).filter((t) => !t.ok());
    if (still.length) {
      throw new Error(
        `the end-to-end tests need ${still.map((t) => t.debian).join(', ')}: ` + `run \`sudo apt-get install ${still.map((t) => t.debian).join(' ')}\``,
      );
    }
  }
  checked = true;
}

export interface EpubcheckResult {
  errors: number;
  warnings: number;
  /** The report's message lines (ERROR/WARNING/FATAL), for assertion messages. */
  messages: string[];
}

/**
 * Run epubcheck on one EPUB: what `java -jar epubcheck.jar --quiet FILE` reports, from one
 * JVM per test process (EpubcheckServer.java) that checks the files one after another. A JVM
 * start and EPUBCheck's schemas cost seconds; every check after the first takes a fraction of
 * one.
 */
export function epubcheck(file: string): Promise<EpubcheckResult> {
  requireValidators();
  const run = (server ??= startServer()).run(path.resolve(file));
  return run.then(({ status, out }) => {
    const messages = out.split('\n').filter((l) => /^(ERROR|WARNING|FATAL|USAGE)/.test(l));
    return {
      errors: messages.filter((l) => /^(ERROR|FATAL)/.test(l)).length + (status !== 0 && messages.length === 0 ? 1 : 0),
      warnings: messages.filter((l) => l.startsWith('WARNING')).length,
      messages: status !== 0 && messages.length === 0 ? [out.trim()] : messages,
    };
  });
}

interface EpubcheckServer {
  run: (file: string) => Promise<{ status: number; out: string }>;
}

let server: EpubcheckServer | undefined;

const END = /^@@EPUBCHECK-END (-?\d+)$/m;

/** The JVM that checks one file per line of its stdin; it ends when this process does (its stdin closes). */
function startServer(): EpubcheckServer {
  // The quick JIT tier and the serial collector halve a run (a check is short-lived work).
  const child = spawn('java', ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC', '-cp', `${EPUBCHECK_JAR}:${import.meta.dirname}`, 'EpubcheckServer'], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const waiting: { resolve: (r: { status: number; out: string }) => void }[] = [];
  let buffer = '';
  let stderr = '';
  // Referenced only while a check is under way, so that an idle JVM never keeps the tests running.
  const ref = (on: boolean) => {
    for (const h of [child, child.stdin, child.stdout, child.stderr] as { ref(): void; unref(): void }[]) on ? h.ref() : h.unref();
  };
  ref(false);
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    buffer += chunk;
    for (let m = END.exec(buffer); m; m = END.exec(buffer)) {
      const out = buffer.slice(0, m.index);
      buffer = buffer.slice(m.index + m[0].length).replace(/^\n/, '');
      waiting.shift()?.resolve({ status: Number(m[1]), out });
      if (!waiting.length) ref(false);
    }
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const fail = (why: string) => {
    server = undefined;
    for (const w of waiting.splice(0)) w.resolve({ status: 3, out: `epubcheck server: ${why}\n${buffer}\n${stderr}` });
    ref(false);
  };
  child.on('error', (e) => fail(e.message));
  child.on('exit', (code, signal) => fail(`exited (${signal ?? code})`));
  return {
    run: (file) =>
      new Promise((resolve) => {
        waiting.push({ resolve });
        ref(true);
        child.stdin.write(`${file}\n`);
      }),
  };
}

/** `qpdf --check`; returns qpdf's output and whether it passed. */
export function qpdfCheck(file: string): { ok: boolean; output: string } {
  requireValidators();
  const r = spawnSync('qpdf', ['--check', file], { encoding: 'utf8' });
  return { ok: r.status === 0, output: r.stdout + r.stderr };
}

export interface PdfFont {
  name: string;
  type: string;
  embedded: boolean;
}

/** The fonts `pdffonts` lists. */
export function pdfFonts(file: string): PdfFont[] {
  requireValidators();
  const out = execFileSync('pdffonts', [file], { encoding: 'utf8' });
  const lines = out
    .split('\n')
    .slice(2)
    .filter((l) => l.trim());
  // Columns: name type encoding emb sub uni object ID; the name has no spaces.
  return lines.map((l) => {
    const parts = l.trim().split(/\s+/);
    const n = parts.length;
    return { name: parts[0], type: parts.slice(1, n - 6).join(' '), embedded: parts[n - 5] === 'yes' };
  });
}

/** The quality bar every PDF meets: `qpdf --check` passes, and `pdffonts` lists fonts, all embedded. */
export function assertSoundPdf(file: string): void {
  const q = qpdfCheck(file);
  assert.ok(q.ok, `${path.basename(file)}: ${q.output}`);
  const fonts = pdfFonts(file);
  assert.ok(fonts.length > 0, `${path.basename(file)} has fonts`);
  assert.deepEqual(
    fonts.filter((f) => !f.embedded).map((f) => f.name),
    [],
    `${path.basename(file)}: fonts not embedded`,
  );
}

/** The text of a PDF (or of a page range) in reading order. */
export function pdfText(file: string, opts: { first?: number; last?: number; layout?: boolean } = {}): string {
  requireValidators();
  const args: string[] = [];
  if (opts.first) args.push('-f', String(opts.first));
  if (opts.last) args.push('-l', String(opts.last));
  if (opts.layout) args.push('-layout');
  return execFileSync('pdftotext', [...args, file, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 });
}

/** Page count and metadata from `pdfinfo`. */
export function pdfInfo(file: string): Record<string, string> {
  requireValidators();
  const out = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const info: Record<string, string> = {};
  for (const line of out.split('\n')) {
    const m = /^([^:]+):\s*(.*)$/.exec(line);
    if (m) info[m[1].trim()] = m[2].trim();
  }
  return info;
}

/** A page box from `pdfinfo -box`: [x0, y0, x1, y1] in points. */
export type PdfBox = [number, number, number, number];

export interface PdfPageBoxes {
  page: number;
  MediaBox: PdfBox;
  CropBox: PdfBox;
  BleedBox: PdfBox;
  TrimBox: PdfBox;
  ArtBox: PdfBox;
}

/** Every page's boxes, from `pdfinfo -box -f 1 -l N`. */
export function pdfBoxes(file: string): PdfPageBoxes[] {
  requireValidators();
  const pages = Number(pdfInfo(file).Pages);
  const out = execFileSync('pdfinfo', ['-box', '-f', '1', '-l', String(pages), file], { encoding: 'utf8' });
  const byPage = new Map<number, PdfPageBoxes>();
  for (const line of out.split('\n')) {
    const m = /^Page\s+(\d+)\s+(MediaBox|CropBox|BleedBox|TrimBox|ArtBox):\s+([\d.\s-]+)$/.exec(line.trim());
    if (!m) continue;
    const n = Number(m[1]);
    const entry = byPage.get(n) ?? ({ page: n } as PdfPageBoxes);
    entry[m[2] as 'MediaBox'] = m[3].trim().split(/\s+/).map(Number) as PdfBox;
    byPage.set(n, entry);
  }
  return [...byPage.values()].sort((a, b) => a.page - b.page);
}

export interface PdfImageRow {
  page: number;
  width: number;
  height: number;
  /** `gray`, `rgb`, `cmyk`, `icc`, `index`, … */
  color: string;
  components: number;
  bpc: number;
  /** `jpeg`, `image`, … */
  encoding: string;
  xppi: number;
  yppi: number;
}

/** The images `pdfimages -list` reports, one row per placement. */
export function pdfImages(file: string): PdfImageRow[] {
  requireValidators();
  const out = execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' });
  return out
    .split('\n')
    .slice(2)
    .filter((l) => l.trim())
    .map((l) => {
      // page num type width height color comp bpc enc interp object ID x-ppi y-ppi size ratio
      const p = l.trim().split(/\s+/);
      return { page: +p[0], width: +p[3], height: +p[4], color: p[5], components: +p[6], bpc: +p[7], encoding: p[8], xppi: +p[12], yppi: +p[13] };
    });
}
