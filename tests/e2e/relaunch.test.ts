// A building command starts itself once more with glibc's malloc tuned (src/cli/relaunch.ts).
// The test setup sets those variables for every other test, so here they are cleared to see
// the second start itself: what the user sees and the exit code pass through it unchanged.
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { MALLOC_ENV, relaunchEnv } from '../../src/cli/relaunch.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const BIN = path.join(ROOT, 'bin/pressroom.js');

/** The environment a user has: none of the malloc variables. */
function userEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const k of Object.keys(MALLOC_ENV)) delete env[k];
  return env;
}

describe('when a command starts itself again', () => {
  it('builds, builds all and watches in a second process; help, new and other systems run in the first', () => {
    const env = userEnv();
    assert.equal(relaunchEnv(['build', 'editions/sample'], env, 'linux')?.MALLOC_ARENA_MAX, '2');
    assert.equal(relaunchEnv(['--quiet', 'build-all', 'editions'], env, 'linux')?.MALLOC_MMAP_THRESHOLD_, '131072');
    assert.ok(relaunchEnv(['watch', 'editions/sample'], env, 'linux'));
    assert.equal(relaunchEnv(['--help'], env, 'linux'), undefined);
    assert.equal(relaunchEnv(['new', '/tmp/x'], env, 'linux'), undefined);
    assert.equal(relaunchEnv(['build', 'editions/sample'], env, 'darwin'), undefined);
  });

  it('starts only once, and leaves a variable the user set as it is', () => {
    assert.equal(relaunchEnv(['build', 'x'], { ...userEnv(), ...MALLOC_ENV }, 'linux'), undefined);
    assert.equal(relaunchEnv(['build', 'x'], { ...userEnv(), MALLOC_ARENA_MAX: '8' }, 'linux'), undefined);
  });

  it('passes the exit code and the message of bad input through, once', async () => {
    const { code, stderr } = await new Promise<{ code: number; stderr: string }>((resolve) =>
      execFile(process.execPath, [BIN, 'build', '/nonexistent-edition'], { env: userEnv(), encoding: 'utf8' }, (err, _out, stderr) =>
        resolve({ code: err ? Number(err.code) : 0, stderr }),
      ),
    );
    assert.equal(code, 1);
    assert.equal(stderr.match(/edition folder `\/nonexistent-edition` does not exist/g)?.length, 1, stderr);
  });

  it('stops the build it started when it is itself stopped, and leaves nothing running', async () => {
    const out = mkdtempSync(path.join(os.tmpdir(), 'pressroom-relaunch-'));
    const parent = spawn(process.execPath, [BIN, 'build', path.join(ROOT, 'editions/sample'), '--out', out, '--no-cache'], {
      env: userEnv(),
      stdio: 'ignore',
    });
    await new Promise((r) => setTimeout(r, 700));
    const children = await childrenOf(parent.pid!);
    assert.equal(children.length, 1, 'the build runs in one child process');
    parent.kill('SIGTERM');
    const code = await new Promise<number | null>((r) => parent.on('exit', (c) => r(c)));
    assert.equal(code, 128 + os.constants.signals.SIGTERM);
    assert.equal(alive(children[0]), false, 'the child was stopped too');
  });
});

async function childrenOf(pid: number): Promise<number[]> {
  const { readFile } = await import('node:fs/promises');
  const text = await readFile(`/proc/${pid}/task/${pid}/children`, 'utf8').catch(() => '');
  return text.trim().split(/\s+/).filter(Boolean).map(Number);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
