#!/usr/bin/env node
// Runs the TypeScript sources directly through tsx, so `npx pressroom` needs no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exit(await main(process.argv.slice(2)));
