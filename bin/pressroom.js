#!/usr/bin/env node
// Runs the TypeScript sources directly through tsx, so `npx pressroom` needs no build step.
import { register } from 'tsx/esm/api';

register();
// An error thrown outside the build's promise chain (a library's callback) is our bug too:
// exit 3 with one line, never Node's stack dump (exit code 1 would read as "bad input").
const internal = (e) => {
  if (e && e.code === 'EPIPE') process.exit(process.exitCode ?? 0); // the reader went away (`| head`)
  process.stderr.write(`pressroom: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
  if (process.argv.includes('--debug') && e instanceof Error) process.stderr.write(`${e.stack}\n`);
  else process.stderr.write('run again with --debug to see the stack trace; please report this\n');
  process.exit(3);
};
process.on('uncaughtException', internal);
process.on('unhandledRejection', internal);
try {
  const { main } = await import('../src/cli/main.ts');
  process.exitCode = await main(process.argv.slice(2));
} catch (e) {
  // Anything reaching here is our bug, not the user's input: exit 3, stack only on request.
  process.stderr.write(`pressroom: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
  if (process.argv.includes('--debug') && e instanceof Error) process.stderr.write(`${e.stack}\n`);
  else process.stderr.write('run again with --debug to see the stack trace; please report this\n');
  process.exitCode = 3;
}
