// Faults: a full disk and an unwritable output folder are clear errors that leave the previous
// outputs as they were; a crash inside a library is reported with the article and the place
// being processed and exit code 3; a build killed at any moment (SIGKILL) leaves every output
// either the old file or the new one, whole, and the next build clears its temporary files.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, cpSync, watch, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import sharp from 'sharp';
import { describe, it } from 'node:test';
import PDFDocument from 'pdfkit';
import { EPub } from 'epub-gen-memory';
import { buildEdition } from '../../src/build.js';
import { InternalError } from '../../src/diagnostics/crash.js';
import { BuildError, formatDiagnostic } from '../../src/diagnostics/diagnostic.js';
import { nodeWorld, type World } from '../../src/world.js';
import { pressroom } from '../support/cli.js';
import { MINIMAL_MANIFEST, png, writeEdition } from '../support/edition.js';

const BIN = path.resolve(import.meta.dirname, '../../bin/pressroom.js');
const DIST_BUILD = path.resolve(import.meta.dirname, '../../dist/build.js');
const FONT = path.resolve(import.meta.dirname, '../../node_modules/dejavu-fonts-ttf/ttf/DejaVuSans.ttf');

/** The prototype of pdfkit's embedded (TrueType) fonts, whose `layoutRun` shapes text with fontkit (the text drawer calls it once per word). */
function embeddedFontPrototype(): { layoutRun: (...a: unknown[]) => unknown } {
  const doc = new PDFDocument();
  doc.font(FONT);
  return Object.getPrototypeOf((doc as unknown as { _font: object })._font);
}

/** Node running `args` in `root` with `inject` preloaded into every thread of the run. */
function nodeWith(inject: string, args: string[], root: string): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', inject, ...args], { cwd: root });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code: code ?? -1, stderr }));
  });
}

/** Every file under `dir`, relative, with the sha256 of its bytes. */
function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.set(path.relative(dir, p), createHash('sha256').update(readFileSync(p)).digest('hex'));
    }
  };
  if (existsSync(dir)) walk(dir);
  return out;
}

const TEMP = /(^|\/)\.[^/]+\.\d+\.\d+\.tmp$/;

/** Article `n`; its words change with `version`, its title (and so its file names) do not. */
function article(n: number, version: number): string {
  const words = 120 + version;
  const para = Array.from({ length: words }, (_, i) => ['harbour', 'tide', 'quay', 'ferry', 'lantern', 'ledger'][(i * 7 + n + version) % 6]).join(' ');
  return `---\ntitle: Article ${n}\n---\n\n${para}.\n\n## More\n\n${para}, again.\n`;
}

/** An edition of `count` articles; `version` changes every article's words. */
function edition(root: string, count: number, version: number): string {
  const files: Record<string, string> = {
    'edition.yaml': `publication: The Fault Line\nissue: No. ${version}\ndate: 2026-03-01\narticles:\n${Array.from({ length: count }, (_, i) => `  - articles/${i + 1}.md\n`).join('')}`,
  };
  for (let i = 1; i <= count; i++) files[`articles/${i}.md`] = article(i, version);
  rmSync(path.join(root, 'edition'), { recursive: true, force: true });
  return writeEdition(files, root);
}

describe('faults: the disk and the output folder', () => {
  it('a full disk is a clear error and the previous outputs stay as they were', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'pressroom-fault-'));
    const dir = edition(root, 3, 1);
    const out = path.join(root, 'out');
    await buildEdition({ editionDir: dir, outDir: out });
    const before = snapshot(out);
    edition(root, 3, 2);
    let written = 0;
    const full: World = {
      ...nodeWorld,
      async writeTemp(p, data) {
        // The third file no longer fits.
        if (++written === 3) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
        return nodeWorld.writeTemp(p, data);
      },
    };
    await assert.rejects(
      buildEdition({ editionDir: dir, outDir: out, world: full }),
      (e: unknown) =>
        e instanceof BuildError &&
        e.diagnostics[0].code === 'output/write-failed' &&
        /cannot write to .*out`: ENOSPC/.test(e.diagnostics[0].message) &&
        /the disk is full/.test(e.diagnostics[0].hints?.[0] ?? ''),
    );
    assert.deepEqual(snapshot(out), before, 'the previous outputs are untouched and no temporary file is left');
  });

  it('an output folder that is a file is refused before anything is read, exit code 1, with no stack trace', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'pressroom-fault-'));
    edition(root, 1, 1);
    writeFileSync(path.join(root, 'out'), 'a file where the output folder should be');
    const r = await pressroom(['build', 'edition', '--out', 'out'], root);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr.split('\n')[0], /^out: error: the output folder `out` is not a folder \[output\/unsafe-folder\]$/);
    assert.doesNotMatch(r.stderr, /^\s+at /m);
  });

  it('a refused write (EACCES) names the folder and keeps the previous outputs', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'pressroom-fault-'));
    const dir = edition(root, 2, 1);
    const out = path.join(root, 'out');
    await buildEdition({ editionDir: dir, outDir: out });
    const before = snapshot(out);
    const readOnly: World = {
      ...nodeWorld,
      writeTemp: async () => {
        throw Object.assign(new Error('EACCES: permission denied, open'), { code: 'EACCES' });
      },
    };
    await assert.rejects(buildEdition({ editionDir: edition(root, 2, 2), outDir: out, world: readOnly }), (e: unknown) => {
      assert.ok(e instanceof BuildError);
      assert.match(
        formatDiagnostic(e.diagnostics[0]),
        /error: cannot write to `.*out`: EACCES .*\[output\/write-failed\]\n {2}hint: check that the output folder is writable/,
      );
      return true;
    });
    assert.deepEqual(snapshot(out), before);
  });
});

describe('faults: a crash inside a library', () => {
  it('pdfkit failing on one article is reported at that article and block, as an internal error', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'pressroom-fault-'));
    const dir = writeEdition(
      {
        'edition.yaml': `${MINIMAL_MANIFEST}  - articles/two.md\n`,
        'articles/one.md': '---\ntitle: Calm\n---\n\nNothing happens here.\n',
        'articles/two.md': '---\ntitle: Stormy\n---\n\nA first paragraph.\n\nThe word KABOOM breaks the writer.\n',
      },
      root,
    );
    // pdfkit's font encoding throws on the word, as a bug inside it would.
    const proto = embeddedFontPrototype();
    const layoutRun = proto.layoutRun;
    proto.layoutRun = function (this: unknown, ...args: unknown[]) {
      if (typeof args[0] === 'string' && args[0].includes('KABOOM')) throw new TypeError("Cannot read properties of undefined (reading 'glyphs')");
      return layoutRun.apply(this, args);
    };
    try {
      await assert.rejects(buildEdition({ editionDir: dir, outDir: path.join(root, 'out') }), (e: unknown) => {
        assert.ok(e instanceof InternalError, String(e));
        assert.equal(
          formatDiagnostic(e.diagnostic).split('\n')[0],
          "articles/two.md:7:1: error: pdfkit failed while writing the PDF of the issue (article 2): Cannot read properties of undefined (reading 'glyphs') [internal/crash]",
        );
        return true;
      });
    } finally {
      proto.layoutRun = layoutRun;
    }
    assert.equal(existsSync(path.join(root, 'out')), false, 'nothing written');
  });

  it('sharp failing (not on a bad file) is reported at the image, as an internal error, from the converter thread', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'pressroom-fault-'));
    writeEdition(
      {
        'edition.yaml': MINIMAL_MANIFEST,
        'articles/one.md': '---\ntitle: T\n---\n\nText.\n\n![A chart](chart.png)\n',
        'articles/chart.png': await png(31, 17),
      },
      root,
    );
    // Preloaded in every thread of the run, the converter's included: sharp's resize throws
    // as a bug of sharp's would (a TypeError, not an error about the file).
    const inject = path.join(root, 'inject.mjs');
    writeFileSync(
      inject,
      `import sharp from ${JSON.stringify(import.meta.resolve('sharp'))};\n` +
        `sharp.prototype.resize = function () { throw new TypeError("Cannot read properties of null (reading 'width')"); };\n`,
    );
    const r = await nodeWith(inject, [BIN, 'build', 'edition', '--out', 'out'], root);
    assert.equal(r.code, 3, r.stderr);
    assert.match(
      r.stderr,
      /^edition\/articles\/one\.md:7:1: error: sharp failed while converting the image `articles\/chart\.png`: Cannot read properties of null \(reading 'width'\) \[internal\/crash\]$/m,
    );
    assert.doesNotMatch(r.stderr, /^\s+at /m);
    assert.equal(existsSync(path.join(root, 'out')), false, 'nothing written');
  });

  it("a converter thread that dies: the images are converted on the build's thread, to the same bytes", async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'pressroom-fault-'));
    // Translucent: its print file is made (flattened), not taken as it is.
    const photo = await sharp({ create: { width: 320, height: 200, channels: 4, background: { r: 200, g: 80, b: 40, alpha: 0.5 } } })
      .png()
      .toBuffer();
    const dir = writeEdition(
      {
        'edition.yaml': MINIMAL_MANIFEST,
        'articles/one.md': '---\ntitle: T\n---\n\nText.\n\n![A chart](chart.png)\n\n![A photo](photo.png)\n',
        'articles/chart.png': await png(31, 17),
        'articles/photo.png': photo,
      },
      root,
    );
    const alive = path.join(root, 'alive');
    await buildEdition({ editionDir: dir, outDir: alive });
    // The build on this process's main thread, every worker thread ending as it starts.
    const lost = path.join(root, 'lost');
    const script = path.join(root, 'build.mjs');
    writeFileSync(
      script,
      `import { buildEdition } from ${JSON.stringify(pathToFileURL(DIST_BUILD).href)};\n` +
        `await buildEdition({ editionDir: ${JSON.stringify(dir)}, outDir: ${JSON.stringify(lost)} });\n`,
    );
    const inject = path.join(root, 'inject.mjs');
    writeFileSync(inject, `import { isMainThread } from 'node:worker_threads';\nif (!isMainThread) process.exit(7);\n`);
    const r = await nodeWith(inject, [script], root);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(snapshot(lost), snapshot(alive));
  });

  it('epub-gen-memory failing is reported as an internal error of the EPUB stage', async () => {
    const dir = writeEdition({ 'edition.yaml': MINIMAL_MANIFEST, 'articles/one.md': '---\ntitle: T\n---\n\nText.\n' });
    const proto = EPub.prototype as unknown as { render: () => Promise<unknown> };
    const render = proto.render;
    proto.render = async () => {
      throw new RangeError('Invalid array length');
    };
    try {
      await assert.rejects(buildEdition({ editionDir: dir, outDir: path.join(path.dirname(dir), 'out') }), (e: unknown) => {
        assert.ok(e instanceof InternalError);
        assert.match(e.diagnostic.message, /^epub-gen-memory failed while packing the EPUB: Invalid array length$/);
        assert.match(e.diagnostic.hints?.[0] ?? '', /please report it/);
        return true;
      });
    } finally {
      proto.render = render;
    }
  });

  it('the command line exits with 3, names the place and says to report it, without a stack trace', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'pressroom-fault-'));
    writeEdition({ 'edition.yaml': MINIMAL_MANIFEST, 'articles/one.md': '---\ntitle: T\n---\n\nText.\n' }, root);
    // A corrupt font that fontkit opens but cannot lay out would do the same; a preloaded
    // module makes fontkit's layout throw for this run only.
    const inject = path.join(root, 'inject.mjs');
    writeFileSync(
      inject,
      `import PDFDocument from ${JSON.stringify(import.meta.resolve('pdfkit'))};\n` +
        `const doc = new PDFDocument();\ndoc.font(${JSON.stringify(FONT)});\n` +
        `const proto = Object.getPrototypeOf(doc._font);\nconst layoutRun = proto.layoutRun;\n` +
        `proto.layoutRun = function (...a) { if (String(a[0]).includes('Text')) throw new Error('unexpected end of glyph table'); return layoutRun.apply(this, a); };\n`,
    );
    const r = await nodeWith(inject, [BIN, 'build', 'edition', '--out', 'out'], root);
    assert.equal(r.code, 3, r.stderr);
    assert.match(
      r.stderr,
      /^edition\/articles\/one\.md:5:1: error: pdfkit failed while writing the PDF of the issue \(article 1\): unexpected end of glyph table \[internal\/crash\]$/m,
    );
    assert.match(r.stderr, /please report/);
    assert.doesNotMatch(r.stderr, /^\s+at /m);
  });
});

describe('faults: SIGKILL at any moment', () => {
  it('leaves each output the old file or the new one, whole, and the next build clears temporary files', async (t) => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'pressroom-kill-'));
    const ARTICLES = 12;
    // The old outputs, and (in another folder) the new ones a complete build makes.
    edition(root, ARTICLES, 1);
    const out = path.join(root, 'out');
    assert.equal((await pressroom(['build', 'edition', '--out', 'out', '--quiet'], root)).code, 0);
    const oldFiles = snapshot(out);
    edition(root, ARTICLES, 2);
    const started = performance.now();
    assert.equal((await pressroom(['build', 'edition', '--out', 'new', '--quiet'], root)).code, 0);
    const fullTime = performance.now() - started;
    const newFiles = snapshot(path.join(root, 'new'));
    assert.deepEqual([...oldFiles.keys()].sort(), [...newFiles.keys()].sort());
    const pristine = path.join(root, 'pristine');
    cpSync(out, pristine, { recursive: true });

    // Kill at moments spread over a whole build, and right as the first temporary files
    // appear (the write stage), and after the first renames.
    const moments: ({ ms: number } | { afterTemps: number } | { afterRenames: number })[] = [
      { ms: fullTime * 0.3 },
      { ms: fullTime * 0.7 },
      { afterTemps: 1 },
      { afterRenames: 1 },
      { afterRenames: 3 },
    ];
    const outcomes: string[] = [];
    for (const moment of moments) {
      rmSync(out, { recursive: true, force: true });
      cpSync(pristine, out, { recursive: true });
      const child = spawn(process.execPath, [BIN, 'build', 'edition', '--out', 'out', '--quiet'], { cwd: root, stdio: 'ignore' });
      const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
      let watcher: ReturnType<typeof watch> | undefined;
      if ('ms' in moment) setTimeout(() => child.kill('SIGKILL'), moment.ms);
      else {
        // A temporary file appearing, or an output renamed into place (an event on its final name).
        const [wanted, count] = 'afterTemps' in moment ? [/\.tmp$/, moment.afterTemps] : [/\.(pdf|epub|json)$/, moment.afterRenames];
        let seen = 0;
        const onEvent = (_: string, name: string | Buffer | null) => {
          if (name && wanted.test(String(name)) && ++seen >= count) child.kill('SIGKILL');
        };
        watcher = watch(out, { recursive: false }, onEvent);
        mkdirSync(path.join(out, 'articles'), { recursive: true });
        const inner = watch(path.join(out, 'articles'), onEvent);
        void exited.then(() => inner.close());
      }
      await exited;
      watcher?.close();
      const after = snapshot(out);
      let old = 0;
      let fresh = 0;
      for (const [file, hash] of after) {
        if (TEMP.test(file)) continue; // `.<name>.<pid>.<n>.tmp` may stay behind
        assert.ok(oldFiles.has(file) || newFiles.has(file), `no stray file under a final name: ${file}`);
        if (hash === oldFiles.get(file)) old++;
        else if (hash === newFiles.get(file)) fresh++;
        else assert.fail(`${file} is neither the old output nor the new one (a partial file?)`);
      }
      for (const file of oldFiles.keys()) assert.ok(after.has(file), `${file} is still there`);
      const when =
        'ms' in moment ? `${Math.round(moment.ms)} ms` : 'afterTemps' in moment ? `at temp file ${moment.afterTemps}` : `at rename ${moment.afterRenames}`;
      outcomes.push(`${when}: ${old} old, ${fresh} new`);
    }
    // The next build finishes the job and clears what killed builds left.
    assert.equal((await pressroom(['build', 'edition', '--out', 'out', '--quiet'], root)).code, 0);
    const final = snapshot(out);
    assert.deepEqual(
      [...final.keys()].filter((f) => TEMP.test(f)),
      [],
      'no temporary file left',
    );
    assert.deepEqual(final, newFiles);
    t.diagnostic(outcomes.join('; '));
    // The kills during the write stage caught it mid-way: some outputs new, others still old.
    assert.ok(
      outcomes.some((o) => /: [1-9]\d* old, [1-9]\d* new$/.test(o)),
      outcomes.join('\n'),
    );
  });
});
