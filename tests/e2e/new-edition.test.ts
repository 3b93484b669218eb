// `pressroom new` as an editor meets it: the starter edition it writes builds with no warning
// and prints both articles; it never writes into a folder that holds anything. And the
// terminal's progress line: present under a pseudo-terminal, absent from piped output.
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { pressroom } from '../support/cli.js';
import { pdfText } from '../support/validators.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const STARTER = path.join(ROOT, 'assets/new-edition');
const BIN = path.join(ROOT, 'bin/pressroom.js');

/** Every file under `dir`, relative to it, sorted. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}

describe('pressroom new', () => {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'pressroom-new-'));

  it('writes the starter edition into a new folder (parents created), and it builds with no warning', async () => {
    const dir = path.join(tmp, 'issues', 'x');
    const made = await pressroom(['new', dir]);
    assert.equal(made.code, 0, made.stderr);
    assert.equal(made.stderr, '');
    const files = filesUnder(STARTER);
    assert.deepEqual(filesUnder(dir), files, 'the files of assets/new-edition, copied');
    for (const f of files) assert.ok(readFileSync(path.join(dir, f)).equals(readFileSync(path.join(STARTER, f))), f);
    for (const f of files) assert.ok(made.stdout.includes(path.join(dir, f)), `lists ${f}`);
    assert.match(made.stdout, /npx pressroom build \S+/);
    assert.match(made.stdout, /npx pressroom watch \S+/);

    const out = path.join(tmp, 'out');
    const built = await pressroom(['build', dir, '--out', out]);
    assert.equal(built.code, 0, built.stderr);
    assert.equal(built.stderr, '', 'no warning at all');
    assert.match(built.stdout, /^built \S+ in \d+\.\d\d s: 2 articles, \d+ pages\n/);
    const text = pdfText(path.join(out, 'x.pdf')).replace(/\s+/g, ' ');
    for (const s of ['Welcome to Your First Issue', 'What the folder holds', 'Writing an Article', 'A page of this issue in outline'])
      assert.ok(text.includes(s), s);
  });

  it('lists each output of the build with its size, the sizes in one column', async () => {
    const dir = path.join(tmp, 'sizes');
    assert.equal((await pressroom(['new', dir])).code, 0);
    const built = await pressroom(['build', dir, '--out', path.join(tmp, 'sizes-out')]);
    const listed = built.stdout.split('\n').filter((l) => /^ {2}\S+\.(pdf|epub|json) +\d/.test(l));
    assert.equal(listed.length, 6, built.stdout);
    for (const l of listed) assert.match(l, /^ {2}\S+ +\d+(\.\d)? (B|KB|MB)$/);
    assert.equal(new Set(listed.map((l) => l.length)).size, 1, `aligned:\n${listed.join('\n')}`);
  });

  it('refuses a folder that is not empty (exit 1, one line with a hint) and leaves it as it was', async () => {
    const dir = path.join(tmp, 'taken');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'notes.txt'), 'mine');
    const run = await pressroom(['new', dir]);
    assert.equal(run.code, 1);
    assert.equal(run.stdout, '');
    assert.match(run.stderr, /^pressroom: \S+taken is not empty: nothing was written \(give the path of a new or empty folder, such as \S+taken-2\)\n$/);
    assert.deepEqual(readdirSync(dir), ['notes.txt']);
    assert.equal(readFileSync(path.join(dir, 'notes.txt'), 'utf8'), 'mine');
  });

  it('refuses a path that is a file', async () => {
    const file = path.join(tmp, 'a-file');
    writeFileSync(file, 'mine');
    const run = await pressroom(['new', file]);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /is not a folder: nothing was written/);
    assert.equal(readFileSync(file, 'utf8'), 'mine');
  });

  it('writes into a folder that exists but is empty', async () => {
    const dir = path.join(tmp, 'empty');
    mkdirSync(dir);
    assert.equal((await pressroom(['new', dir])).code, 0);
    assert.ok(existsSync(path.join(dir, 'edition.yaml')));
  });
});

describe('progress on the terminal', () => {
  it('writes no \\r and no escape sequence when the output is piped', async () => {
    const out = mkdtempSync(path.join(os.tmpdir(), 'pressroom-piped-'));
    const run = await pressroom(['build', path.join(ROOT, 'editions/sample'), '--out', out]);
    assert.equal(run.code, 0, run.stderr);
    for (const [name, text] of [
      ['stdout', run.stdout],
      ['stderr', run.stderr],
    ])
      assert.ok(!text.includes('\r') && !text.includes('\x1b'), `${name} holds a \\r or an escape sequence`);
  });

  it('shows a progress line rewritten with \\r under a pseudo-terminal', async () => {
    const script = hasScript();
    assert.ok(script, '`script` is missing: install util-linux (Debian: apt-get install bsdutils) to run this test');
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'pressroom-tty-'));
    const dir = path.join(tmp, 'tty');
    assert.equal((await pressroom(['new', dir])).code, 0);
    const command = [process.execPath, BIN, 'build', dir, '--out', path.join(tmp, 'out')].map(shellWord).join(' ');
    // `script` gives the command a terminal and copies what it shows (stdout and stderr) to ours.
    const shown = await new Promise<string>((resolve, reject) =>
      execFile('script', ['-qfec', command, '/dev/null'], { encoding: 'utf8', env: { ...process.env, TERM: 'xterm-256color' } }, (err, stdout) =>
        err ? reject(err) : resolve(stdout),
      ),
    );
    const seen = shown.replaceAll('\x1b[K', '<ESC[K>');
    assert.match(seen, /\r\S tty: [^\r\n]+ · \d+\.\d s<ESC\[K>/, 'a progress line');
    assert.match(seen, /\r<ESC\[K>/, 'erased before the report');
    assert.match(shown, /built \S+ in/);
  });
});

function hasScript(): boolean {
  try {
    execFileSync('script', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function shellWord(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}
