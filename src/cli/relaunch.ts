// A build's peak memory is mostly native, not JavaScript: libvips decodes large figures on
// several threads, and glibc keeps what they freed in one arena per thread and grows its
// mmap threshold after each large free, so freed pixels stay counted in the process. glibc
// reads its tunables only when a process starts, so a build command starts itself once
// more with them set. Measured on the book corpus (139 pages, 69 figures), `build
// --no-cache`: 651 MB peak as it was, 448 MB with these two.
import { spawn } from 'node:child_process';
import os from 'node:os';

/** glibc's malloc settings for a build: two arenas, and large blocks always mapped (so freed at once). */
export const MALLOC_ENV: Readonly<Record<string, string>> = {
  MALLOC_ARENA_MAX: '2',
  MALLOC_MMAP_THRESHOLD_: '131072',
};

/** Commands that decode images and typeset; `--help` and `new` stay one quick process. */
const BUILDING = new Set(['build', 'build-all', 'watch']);

/**
 * The environment to start the command again with, or undefined when it should run here:
 * on glibc systems only, for building commands only, and once (a variable already set, by
 * the user or by the first start, is left as it is).
 */
export function relaunchEnv(args: readonly string[], env: NodeJS.ProcessEnv, platform: NodeJS.Platform): NodeJS.ProcessEnv | undefined {
  if (platform !== 'linux') return undefined;
  const command = args.find((a) => !a.startsWith('-'));
  if (!command || !BUILDING.has(command)) return undefined;
  if (Object.keys(MALLOC_ENV).some((k) => env[k] !== undefined)) return undefined;
  return { ...env, ...MALLOC_ENV };
}

/**
 * Runs this same command in a child process with `env`, its terminal and streams shared, and
 * resolves to the exit code to leave with. Ctrl-C reaches both processes (one process group):
 * this one waits for the child to finish its own clean-up; a `kill` of this one is passed on.
 */
export function relaunch(env: NodeJS.ProcessEnv): Promise<number> {
  const child = spawn(process.execPath, [...process.execArgv, ...process.argv.slice(1)], { env, stdio: 'inherit' });
  const pass = (signal: NodeJS.Signals) => () => {
    child.kill(signal);
  };
  const onTerm = pass('SIGTERM');
  const onHup = pass('SIGHUP');
  const onInt = () => {}; // the child got it too, from the terminal
  process.on('SIGTERM', onTerm);
  process.on('SIGHUP', onHup);
  process.on('SIGINT', onInt);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      process.off('SIGTERM', onTerm);
      process.off('SIGHUP', onHup);
      process.off('SIGINT', onInt);
      // Killed by a signal: the shell's convention, 128 + its number.
      resolve(code ?? 128 + (signal ? os.constants.signals[signal] : 0));
    });
  });
}
