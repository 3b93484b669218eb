// Hostile paths (issue 15, "never lose a file, never hang, never crash"): the output folder
// belongs to the user, and reading is contained and bounded. Each case runs the command line
// under a budget and expects its exact exit code and diagnostic code; a refused build writes
// nothing, and nothing of the user's is ever removed or changed.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { buildEdition } from '../../src/build.js';
import { BuildError } from '../../src/diagnostics/diagnostic.js';
import { nodeWorld, type World } from '../../src/world.js';
import { MINIMAL_ARTICLE, MINIMAL_MANIFEST, png, writeEdition, type Files } from '../support/edition.js';
import { assertRefused, runHostile, type HostileRun } from '../support/hostile.js';

/** A FIFO must be refused within seconds: reading one would wait for a writer forever. */
const QUICK = { ms: 20_000 };
const SECRET = 'SECRET-7f3a9c-do-not-print';

/** An edition in a new temporary folder; returns the folder holding it (`root/edition`). */
function setup(files: Files = {}): { root: string; dir: string } {
  const dir = writeEdition({ 'edition.yaml': MINIMAL_MANIFEST, 'articles/one.md': MINIMAL_ARTICLE, ...files });
  return { root: path.dirname(dir), dir };
}

function mkfifo(p: string): void {
  mkdirSync(path.dirname(p), { recursive: true });
  execFileSync('mkfifo', [p]);
}

/** A sparse file of `bytes`: large on paper, nothing on the disk. */
function sparse(p: string, bytes: number): void {
  mkdirSync(path.dirname(p), { recursive: true });
  writeFileSync(p, '');
  truncateSync(p, bytes);
}

/** Every entry under `dir` by path: a folder, a symlink and its target, or a file's hash. FIFOs are never opened. */
function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = path.join(d, name);
      const rel = path.relative(dir, p);
      const st = lstatSync(p);
      if (st.isSymbolicLink()) out.set(rel, `-> ${readlinkSync(p)}`);
      else if (st.isDirectory()) {
        out.set(rel, 'folder');
        walk(p);
      } else if (st.isFile()) out.set(rel, createHash('sha256').update(readFileSync(p)).digest('hex'));
      else out.set(rel, 'special');
    }
  };
  if (existsSync(dir)) walk(dir);
  return out;
}

const build = (root: string, out = 'out', ...more: string[]) => runHostile(['build', 'edition', '--out', out, '--quiet', ...more], root);

function assertBuilt(run: HostileRun): void {
  assert.equal(run.code, 0, `exit ${run.code}\n${run.stderr.slice(0, 3000)}`);
}

/** Refused with `diagnostic`, exit 1, and the output folder `out` of `root` not made. */
function assertRefusedUnwritten(run: HostileRun, root: string, diagnostic: string, budget = {}): void {
  assertRefused(run, { code: 1, diagnostic }, budget);
  assert.match(run.stderr, /nothing was written/);
  assert.ok(!existsSync(path.join(root, 'out')), 'the output folder was not made');
}

const TWO_ARTICLES = `${MINIMAL_MANIFEST}  - articles/two.md\n`;
const SECOND = '---\ntitle: The Second One\n---\n\nAnother paragraph of text.\n';

describe('hostile paths: the output folder belongs to the user', { concurrency: 2 }, () => {
  it('refuses the edition folder itself as the output folder, and leaves the editor’s files alone', async () => {
    const { root, dir } = setup({ 'articles/scan.pdf': 'the editor’s own scan' });
    const before = snapshot(dir);
    const run = await build(root, 'edition');
    assertRefused(run, { code: 1, diagnostic: 'output/unsafe-folder' });
    assert.match(run.stderr, /the output folder `edition` is the edition folder/);
    assert.deepEqual(snapshot(dir), before);
  });

  it('refuses a folder inside the edition (articles/)', async () => {
    const { root, dir } = setup({ 'articles/scan.pdf': 'the editor’s own scan' });
    const before = snapshot(dir);
    assertRefused(await build(root, 'edition/articles'), { code: 1, diagnostic: 'output/unsafe-folder' });
    assert.deepEqual(snapshot(dir), before);
  });

  it('refuses a deeper folder inside the edition that does not exist yet, and does not make it', async () => {
    const { root, dir } = setup();
    const before = snapshot(dir);
    assertRefused(await build(root, 'edition/print/final'), { code: 1, diagnostic: 'output/unsafe-folder' });
    assert.deepEqual(snapshot(dir), before);
  });

  it('refuses a symlink that leads into the edition folder', async () => {
    const { root, dir } = setup({ 'print/keep.txt': 'kept' });
    symlinkSync(path.join(dir, 'print'), path.join(root, 'link'));
    const before = snapshot(dir);
    assertRefused(await build(root, 'link'), { code: 1, diagnostic: 'output/unsafe-folder' });
    assertRefused(await build(root, 'link/sub'), { code: 1, diagnostic: 'output/unsafe-folder' });
    assert.deepEqual(snapshot(dir), before);
  });

  it('refuses the default output folder when the edition is the current folder (output/<edition> would be inside it)', async () => {
    const { dir } = setup();
    const before = snapshot(dir);
    assertRefused(await runHostile(['build', '.', '--quiet'], dir), { code: 1, diagnostic: 'output/unsafe-folder' });
    assert.deepEqual(snapshot(dir), before);
  });

  it('refuses an empty output path, which would be the current folder, and writes nothing there', async () => {
    const { root } = setup();
    const before = snapshot(root);
    const run = await build(root, '');
    assertRefused(run, { code: 1, diagnostic: 'output/unsafe-folder' });
    assert.match(run.stderr, /empty path/);
    assert.deepEqual(snapshot(root), before);
  });

  it('refuses a path that is a file, and leaves the file as it was', async () => {
    const { root } = setup();
    writeFileSync(path.join(root, 'out.txt'), 'a file of the user');
    assertRefused(await build(root, 'out.txt'), { code: 1, diagnostic: 'output/unsafe-folder' });
    assertRefused(await build(root, 'out.txt/sub'), { code: 1, diagnostic: 'output/unsafe-folder' });
    assert.equal(readFileSync(path.join(root, 'out.txt'), 'utf8'), 'a file of the user');
  });

  it('refuses a broken symlink as the output folder', async () => {
    const { root } = setup();
    symlinkSync(path.join(root, 'nowhere'), path.join(root, 'out'));
    assertRefused(await build(root, 'out'), { code: 1, diagnostic: 'output/unsafe-folder' });
    assert.ok(!existsSync(path.join(root, 'nowhere')));
  });

  it('refuses /proc/self and a folder under /proc within seconds (writing there hangs)', async () => {
    const { root } = setup();
    for (const out of ['/proc/self', '/proc/self/pressroom-out']) {
      const run = await build(root, out);
      assertRefused(run, { code: 1, diagnostic: 'output/unsafe-folder' }, QUICK);
      assert.match(run.stderr, /a folder of the system/);
    }
  });

  it('refuses folders under /dev (even the writable /dev/shm) and /sys', async () => {
    const { root } = setup();
    const shm = `/dev/shm/pressroom-test-${process.pid}`;
    for (const out of [shm, '/dev', '/sys/pressroom-out']) assertRefused(await build(root, out), { code: 1, diagnostic: 'output/unsafe-folder' }, QUICK);
    assert.ok(!existsSync(shm), 'nothing made under /dev/shm');
  });

  it('refuses a folder that is not writable, before reading the edition (through the API)', async () => {
    // The tests run as root, and root passes every permission check (access W_OK), so an
    // unwritable folder cannot be made here: the World says so instead. A read-only mount
    // would be refused the same way; /proc, /sys and /dev are refused above by their place.
    const { root, dir } = setup();
    mkdirSync(path.join(root, 'locked'));
    let reads = 0;
    const world: World = {
      ...nodeWorld,
      canWrite: async () => false,
      readInside: (...a) => (reads++, nodeWorld.readInside(...a)),
    };
    for (const outDir of [path.join(root, 'locked'), path.join(root, 'locked', 'new')]) {
      await assert.rejects(buildEdition({ editionDir: dir, outDir, world }), (e: unknown) => {
        assert.ok(e instanceof BuildError);
        assert.equal(e.diagnostics[0].code, 'output/unsafe-folder');
        assert.match(e.diagnostics[0].message, /not writable/);
        return true;
      });
    }
    assert.equal(reads, 0, 'the edition was not read');
    assert.deepEqual(readdirSync(path.join(root, 'locked')), []);
  });

  it('refuses an empty output path through the API too, before reading the edition', async () => {
    const { root, dir } = setup();
    let reads = 0;
    const world: World = { ...nodeWorld, readInside: (...a) => (reads++, nodeWorld.readInside(...a)) };
    const before = snapshot(root);
    await assert.rejects(
      buildEdition({ editionDir: dir, outDir: '', world }),
      (e: unknown) => e instanceof BuildError && e.diagnostics[0].code === 'output/unsafe-folder',
    );
    assert.equal(reads, 0);
    assert.deepEqual(snapshot(root), before);
  });

  it('refuses an output folder whose articles/ is a symlink leading out of it, and writes nothing through it', async () => {
    const { root } = setup();
    mkdirSync(path.join(root, 'elsewhere'));
    writeFileSync(path.join(root, 'elsewhere', 'thesis.pdf'), 'the thesis');
    mkdirSync(path.join(root, 'out'));
    symlinkSync(path.join(root, 'elsewhere'), path.join(root, 'out', 'articles'));
    const before = snapshot(path.join(root, 'elsewhere'));
    const run = await build(root);
    assertRefused(run, { code: 1, diagnostic: 'output/unsafe-folder' });
    assert.match(run.stderr, /`articles` in the output folder .* is a symlink leading out of it/);
    assert.deepEqual(snapshot(path.join(root, 'elsewhere')), before);
    assert.deepEqual(readdirSync(path.join(root, 'out')), ['articles']);
  });

  it('writes through an articles/ symlink that stays inside the output folder', async () => {
    const { root } = setup();
    mkdirSync(path.join(root, 'out', 'pdfs'), { recursive: true });
    symlinkSync('pdfs', path.join(root, 'out', 'articles'));
    assertBuilt(await build(root));
    assert.deepEqual(readdirSync(path.join(root, 'out', 'pdfs')), ['01-a-plain-article.pdf']);
  });

  it('keeps a user’s articles/thesis.pdf and notes.txt in the output folder, byte for byte, build after build', async () => {
    const { root, dir } = setup();
    const out = path.join(root, 'out');
    mkdirSync(path.join(out, 'articles'), { recursive: true });
    writeFileSync(path.join(out, 'articles', 'thesis.pdf'), '%PDF-1.4 the user’s thesis');
    writeFileSync(path.join(out, 'notes.txt'), 'notes of the user');
    assertBuilt(await build(root));
    writeFileSync(path.join(dir, 'edition.yaml'), TWO_ARTICLES);
    writeFileSync(path.join(dir, 'articles', 'two.md'), SECOND);
    assertBuilt(await build(root));
    writeFileSync(path.join(dir, 'edition.yaml'), MINIMAL_MANIFEST);
    assertBuilt(await build(root));
    assert.equal(readFileSync(path.join(out, 'articles', 'thesis.pdf'), 'utf8'), '%PDF-1.4 the user’s thesis');
    assert.equal(readFileSync(path.join(out, 'notes.txt'), 'utf8'), 'notes of the user');
  });

  it('removes the PDF of an article taken out of the issue (it made and recorded it)', async () => {
    const { root, dir } = setup({ 'edition.yaml': TWO_ARTICLES, 'articles/two.md': SECOND });
    const out = path.join(root, 'out');
    assertBuilt(await build(root));
    assert.deepEqual(readdirSync(path.join(out, 'articles')).sort(), ['01-a-plain-article.pdf', '02-the-second-one.pdf']);
    writeFileSync(path.join(dir, 'edition.yaml'), MINIMAL_MANIFEST);
    assertBuilt(await build(root));
    assert.deepEqual(readdirSync(path.join(out, 'articles')), ['01-a-plain-article.pdf']);
    const record = JSON.parse(readFileSync(path.join(out, '.pressroom-outputs.json'), 'utf8')) as { files: { path: string }[] };
    assert.deepEqual(record.files.map((f) => f.path).sort(), [
      'articles/01-a-plain-article.pdf',
      'edition.epub',
      'edition.pdf',
      'edition.preflight.json',
      'edition.press.pdf',
    ]);
  });

  it('keeps a recorded output the user has changed since, when its article leaves the issue', async () => {
    const { root, dir } = setup({ 'edition.yaml': TWO_ARTICLES, 'articles/two.md': SECOND });
    const out = path.join(root, 'out');
    assertBuilt(await build(root));
    writeFileSync(path.join(out, 'articles', '02-the-second-one.pdf'), 'the user’s annotated copy');
    writeFileSync(path.join(dir, 'edition.yaml'), MINIMAL_MANIFEST);
    assertBuilt(await build(root));
    assert.equal(readFileSync(path.join(out, 'articles', '02-the-second-one.pdf'), 'utf8'), 'the user’s annotated copy');
  });

  it('keeps a recorded output the user replaced by a symlink (even to the very bytes recorded), and its target', async () => {
    const { root, dir } = setup({ 'edition.yaml': TWO_ARTICLES, 'articles/two.md': SECOND });
    const out = path.join(root, 'out');
    assertBuilt(await build(root));
    const pdf = path.join(out, 'articles', '02-the-second-one.pdf');
    const kept = path.join(root, 'kept.pdf');
    writeFileSync(kept, readFileSync(pdf));
    rmSync(pdf);
    symlinkSync(kept, pdf);
    writeFileSync(path.join(dir, 'edition.yaml'), MINIMAL_MANIFEST);
    assertBuilt(await build(root));
    assert.ok(lstatSync(pdf).isSymbolicLink(), 'the symlink stays');
    assert.ok(existsSync(kept), 'its target stays');
  });

  it('never removes a file outside the folder that a tampered record lists, however it names it', async () => {
    const { root } = setup();
    const out = path.join(root, 'out');
    assertBuilt(await build(root));
    const victim = path.join(root, 'victim.txt');
    writeFileSync(victim, 'a file of the user outside the output folder');
    const data = readFileSync(victim);
    const entry = (p: string) => ({ path: p, size: data.length, sha256: createHash('sha256').update(data).digest('hex') });
    mkdirSync(path.join(out, 'sub'));
    symlinkSync(root, path.join(out, 'up'));
    writeFileSync(
      path.join(out, '.pressroom-outputs.json'),
      JSON.stringify({
        pressroom: 1,
        files: [entry('../victim.txt'), entry(victim), entry('sub/../../victim.txt'), entry('up/victim.txt'), entry('./../victim.txt')],
      }),
    );
    assertBuilt(await build(root));
    assert.equal(readFileSync(victim, 'utf8'), 'a file of the user outside the output folder');
  });

  it('does not follow a record that is a symlink, and replaces the link rather than writing through it', async () => {
    const { root } = setup();
    const out = path.join(root, 'out');
    mkdirSync(out);
    const precious = path.join(root, 'precious.json');
    writeFileSync(precious, '{"files":[]}');
    symlinkSync(precious, path.join(out, '.pressroom-outputs.json'));
    assertBuilt(await build(root));
    assert.equal(readFileSync(precious, 'utf8'), '{"files":[]}');
    assert.ok(lstatSync(path.join(out, '.pressroom-outputs.json')).isFile());
  });

  it('replaces an output name that is a symlink instead of writing through it', async () => {
    const { root } = setup();
    const out = path.join(root, 'out');
    mkdirSync(path.join(out, 'articles'), { recursive: true });
    const precious = path.join(root, 'precious.pdf');
    writeFileSync(precious, 'the user’s precious file');
    symlinkSync(precious, path.join(out, 'edition.pdf'));
    symlinkSync(precious, path.join(out, 'articles', '01-a-plain-article.pdf'));
    assertBuilt(await build(root));
    assert.equal(readFileSync(precious, 'utf8'), 'the user’s precious file');
    assert.ok(lstatSync(path.join(out, 'edition.pdf')).isFile());
    assert.ok(lstatSync(path.join(out, 'articles', '01-a-plain-article.pdf')).isFile());
  });

  it('is idempotent: a second build into the same folder leaves the same files, byte for byte', async () => {
    const { root } = setup();
    const out = path.join(root, 'out');
    assertBuilt(await build(root));
    const first = snapshot(out);
    assertBuilt(await build(root));
    assert.deepEqual(snapshot(out), first);
    assert.ok(first.has('.pressroom-outputs.json'));
  });

  it('builds into a folder that holds the edition (`--out .`), touching neither the edition nor the user’s files', async () => {
    const { root, dir } = setup({ 'edition.yaml': TWO_ARTICLES, 'articles/two.md': SECOND });
    writeFileSync(path.join(root, 'notes.txt'), 'notes');
    mkdirSync(path.join(root, 'articles'));
    writeFileSync(path.join(root, 'articles', 'thesis.pdf'), 'the thesis');
    const edition = snapshot(dir);
    assertBuilt(await build(root, '.'));
    assert.ok(existsSync(path.join(root, 'edition.pdf')));
    writeFileSync(path.join(dir, 'edition.yaml'), MINIMAL_MANIFEST);
    assertBuilt(await build(root, '.'));
    assert.deepEqual(readdirSync(path.join(root, 'articles')).sort(), ['01-a-plain-article.pdf', 'thesis.pdf']);
    assert.equal(readFileSync(path.join(root, 'notes.txt'), 'utf8'), 'notes');
    edition.set('edition.yaml', snapshot(dir).get('edition.yaml')!); // the one file the test changed
    assert.deepEqual(snapshot(dir), edition);
  });
});

describe('hostile paths: reading is contained and bounded', { concurrency: 2 }, () => {
  const secretFile = (root: string) => {
    const p = path.join(root, 'secret.txt');
    writeFileSync(p, `root:x:0:0:root:/root:/bin/bash\n${SECRET}: hunter2\n`);
    return p;
  };
  const assertNoSecret = (run: HostileRun) => {
    assert.ok(!run.stderr.includes(SECRET) && !run.stdout.includes(SECRET), `the secret was printed:\n${run.stderr.slice(0, 2000)}`);
    assert.doesNotMatch(run.stderr, /hunter2|root:x:0/);
  };

  it('refuses a manifest that is a symlink to a file outside the edition, without printing a line of it', async () => {
    const { root, dir } = setup();
    rmSync(path.join(dir, 'edition.yaml'));
    symlinkSync(secretFile(root), path.join(dir, 'edition.yaml'));
    const run = await build(root);
    assertRefusedUnwritten(run, root, 'path/outside-edition');
    assertNoSecret(run);
  });

  it('refuses a manifest that is a FIFO within seconds', async () => {
    const { root, dir } = setup();
    rmSync(path.join(dir, 'edition.yaml'));
    mkfifo(path.join(dir, 'edition.yaml'));
    assertRefusedUnwritten(await build(root), root, 'path/not-a-file', QUICK);
  });

  it('refuses a manifest that is a symlink to a FIFO inside the edition', async () => {
    const { root, dir } = setup();
    rmSync(path.join(dir, 'edition.yaml'));
    mkfifo(path.join(dir, 'pipe'));
    symlinkSync('pipe', path.join(dir, 'edition.yaml'));
    assertRefusedUnwritten(await build(root), root, 'path/not-a-file', QUICK);
  });

  it('refuses a manifest that is a symlink to /dev/zero, without reading it', async () => {
    const { root, dir } = setup();
    rmSync(path.join(dir, 'edition.yaml'));
    symlinkSync('/dev/zero', path.join(dir, 'edition.yaml'));
    const run = await build(root);
    assertRefusedUnwritten(run, root, 'path/outside-edition', QUICK);
    assert.ok(run.peakMb < 400, `peak ${run.peakMb} MB`);
  });

  it('refuses a 5 MB manifest', async () => {
    const { root } = setup({ 'edition.yaml': MINIMAL_MANIFEST + `# ${'x'.repeat(1000)}\n`.repeat(5 * 1024) });
    const run = await build(root);
    assertRefusedUnwritten(run, root, 'limit/file-size');
    assert.match(run.stderr, /over the 1 MB/);
  });

  it('refuses a sparse manifest of 5 GB unread', async () => {
    const { root, dir } = setup();
    sparse(path.join(dir, 'edition.yaml'), 5 * 1024 ** 3);
    const run = await build(root);
    assertRefusedUnwritten(run, root, 'limit/file-size', QUICK);
    assert.ok(run.peakMb < 400, `peak ${run.peakMb} MB`);
  });

  it('refuses a folder named edition.yaml', async () => {
    const { root, dir } = setup();
    rmSync(path.join(dir, 'edition.yaml'));
    mkdirSync(path.join(dir, 'edition.yaml'));
    assertRefusedUnwritten(await build(root), root, 'path/not-a-file');
  });

  it('prints only a short excerpt of a manifest that is not YAML of the right shape', async () => {
    // A plain scalar over two lines: the whole file is one value, shown cut after 80 characters.
    const { root } = setup({ 'edition.yaml': `root:x:0:0:root:/root:/bin/bash ${'word '.repeat(40)}\n${SECRET} hunter2\n` });
    const run = await build(root);
    assertRefusedUnwritten(run, root, 'manifest/invalid-value');
    assert.ok(!run.stderr.includes(SECRET) && !run.stderr.includes('hunter2'), run.stderr);
    for (const line of run.stderr.split('\n')) assert.ok(line.length < 300, line);
  });

  it('refuses an article that is a FIFO within seconds', async () => {
    const { root, dir } = setup();
    rmSync(path.join(dir, 'articles/one.md'));
    mkfifo(path.join(dir, 'articles/one.md'));
    assertRefusedUnwritten(await build(root), root, 'path/not-a-file', QUICK);
  });

  it('refuses an article that is a symlink to /dev/urandom', async () => {
    const { root } = setup({ 'articles/one.md': { symlink: '/dev/urandom' } });
    assertRefusedUnwritten(await build(root), root, 'path/outside-edition', QUICK);
  });

  it('refuses an article that is a folder', async () => {
    const { root, dir } = setup();
    rmSync(path.join(dir, 'articles/one.md'));
    mkdirSync(path.join(dir, 'articles/one.md'));
    assertRefusedUnwritten(await build(root), root, 'path/not-a-file');
  });

  it('refuses an article that is a symlink to a file outside, without printing it', async () => {
    const { root, dir } = setup();
    rmSync(path.join(dir, 'articles/one.md'));
    symlinkSync(secretFile(root), path.join(dir, 'articles/one.md'));
    const run = await build(root);
    assertRefusedUnwritten(run, root, 'path/outside-edition');
    assertNoSecret(run);
  });

  it('refuses a sparse article of 3 GB unread', async () => {
    const { root, dir } = setup();
    sparse(path.join(dir, 'articles/one.md'), 3 * 1024 ** 3);
    const run = await build(root);
    assertRefusedUnwritten(run, root, 'limit/article-size', QUICK);
    assert.ok(run.peakMb < 400, `peak ${run.peakMb} MB`);
  });

  it('prints only a short excerpt of a bad front matter value', async () => {
    const { root } = setup({ 'articles/one.md': `---\ntitle: T\nlang: "${'x'.repeat(200)} ${SECRET}"\n---\n\nText.\n` });
    const run = await build(root);
    assertRefusedUnwritten(run, root, 'article/front-matter');
    assertNoSecret(run);
  });

  const withImage = (image: Files[string] | undefined): Files => ({
    'articles/one.md': `${MINIMAL_ARTICLE}\n![A picture](../images/pic.png "A caption.")\n`,
    ...(image === undefined ? {} : { 'images/pic.png': image }),
  });

  it('refuses an image that is a FIFO within seconds', async () => {
    const { root, dir } = setup(withImage(undefined));
    mkfifo(path.join(dir, 'images/pic.png'));
    assertRefusedUnwritten(await build(root), root, 'path/not-a-file', QUICK);
  });

  it('refuses an image that is a symlink to /dev/zero', async () => {
    const { root } = setup(withImage({ symlink: '/dev/zero' }));
    assertRefusedUnwritten(await build(root), root, 'path/outside-edition', QUICK);
  });

  it('refuses an image that is a folder', async () => {
    const { root, dir } = setup(withImage(undefined));
    mkdirSync(path.join(dir, 'images/pic.png'), { recursive: true });
    assertRefusedUnwritten(await build(root), root, 'path/not-a-file');
  });

  it('refuses a cover image that is a FIFO within seconds, while a good image next to it is fine', async () => {
    const { root, dir } = setup({ ...withImage(await png(40, 30)), 'edition.yaml': `${MINIMAL_MANIFEST}cover: images/cover.png\n` });
    mkfifo(path.join(dir, 'images/cover.png'));
    assertRefusedUnwritten(await build(root), root, 'path/not-a-file', QUICK);
  });

  const withFont = (font: Files[string] | undefined): Files => ({
    'edition.yaml': `${MINIMAL_MANIFEST}layout:\n  fonts:\n    body:\n      regular: fonts/body.ttf\n`,
    ...(font === undefined ? {} : { 'fonts/body.ttf': font }),
  });

  it('refuses a font that is a symlink to a file outside the edition', async () => {
    const { root } = setup();
    const { root: other } = setup(withFont({ symlink: path.join(root, 'elsewhere.ttf') }));
    writeFileSync(path.join(root, 'elsewhere.ttf'), 'not read');
    const run = await build(other);
    assertRefusedUnwritten(run, other, 'path/outside-edition');
  });

  it('refuses a font that is a FIFO within seconds', async () => {
    const { root, dir } = setup(withFont(undefined));
    mkfifo(path.join(dir, 'fonts/body.ttf'));
    assertRefusedUnwritten(await build(root), root, 'path/not-a-file', QUICK);
  });

  it('refuses a sparse font of 200 MB unread', async () => {
    const { root, dir } = setup(withFont(undefined));
    sparse(path.join(dir, 'fonts/body.ttf'), 200 * 1024 ** 2);
    assertRefusedUnwritten(await build(root), root, 'limit/file-size', QUICK);
  });

  it('never waits on a template override that is a FIFO: passed over for the built-in one, or refused', async () => {
    // The template engine (src/templates/engine.ts, not this test's to settle) takes an override
    // only when it is a regular file, so a FIFO is never opened: today it is passed over and the
    // built-in template used; refusing it as not a file would be as good.
    const { root, dir } = setup();
    mkfifo(path.join(dir, 'templates/style.css'));
    const run = await build(root);
    if (run.code === 0) assertRefused(run, { code: 0 }, QUICK);
    else assertRefusedUnwritten(run, root, 'path/not-a-file', QUICK);
  });

  it('refuses a sparse template override of 20 MB unread', async () => {
    // World.readFile reads at most 16 MB unless told otherwise (template/invalid); the engine
    // may refuse it earlier with a cap of its own (limit/file-size).
    const { root, dir } = setup();
    sparse(path.join(dir, 'templates/style.css'), 20 * 1024 ** 2);
    const run = await build(root);
    assertRefusedUnwritten(run, root, run.codes.includes('limit/file-size') ? 'limit/file-size' : 'template/invalid', QUICK);
    assert.ok(run.peakMb < 400, `peak ${run.peakMb} MB`);
  });

  it('refuses a template override that is a symlink to a file outside, without printing it', async () => {
    const { root } = setup();
    const { root: other, dir } = setup();
    mkdirSync(path.join(dir, 'templates'));
    symlinkSync(secretFile(root), path.join(dir, 'templates/style.css'));
    const run = await build(other);
    assertRefusedUnwritten(run, other, 'path/outside-edition');
    assertNoSecret(run);
  });
});
