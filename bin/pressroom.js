#!/usr/bin/env node
// Runs the TypeScript sources directly through tsx, so `npx pressroom` needs no build step.
import { register } from 'tsx/esm/api';

register();
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
