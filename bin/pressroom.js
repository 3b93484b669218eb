#!/usr/bin/env node
// Runs the compiled JavaScript in dist/, which `npm install` builds (and `npm run build` rebuilds).
import { existsSync } from 'node:fs';

const entry = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('pressroom: not built (dist/ is missing): run `npm install` or `npm run build` first\n');
  process.exit(3);
}
// With --debug, stack traces name the TypeScript sources rather than dist/.
if (process.argv.includes('--debug')) process.setSourceMapsEnabled(true);

/** Anything reaching here is our bug, not the user's input: one line, the stack only on request. */
function internal(e) {
  process.stderr.write(`pressroom: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
  if (process.argv.includes('--debug') && e instanceof Error) process.stderr.write(`${e.stack}\n`);
  else process.stderr.write('run again with --debug to see the stack trace; please report this\n');
}
// An error thrown outside the build's promise chain (a library's callback) is our bug too:
// exit 3 with one line, never Node's stack dump (exit code 1 would read as "bad input").
const uncaught = (e) => {
  if (e && e.code === 'EPIPE') process.exit(process.exitCode ?? 0); // the reader went away (`| head`)
  internal(e);
  process.exit(3);
};
process.on('uncaughtException', uncaught);
process.on('unhandledRejection', uncaught);
try {
  // A building command starts itself again with glibc's malloc tuned (see relaunch.ts).
  const { relaunch, relaunchEnv } = await import('../dist/cli/relaunch.js');
  const env = relaunchEnv(process.argv.slice(2), process.env, process.platform);
  if (env) process.exitCode = await relaunch(env);
  else {
    const { main } = await import('../dist/cli/main.js');
    process.exitCode = await main(process.argv.slice(2));
  }
} catch (e) {
  internal(e);
  process.exitCode = 3;
}
