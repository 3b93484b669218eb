// Node options for a worker thread that runs compiled JavaScript.

const PRELOAD = /^(--import|--require|-r|--loader|--experimental-loader)$/;
const PRELOAD_EQ = /^(--import|--require|--loader|--experimental-loader)=(.*)$/;
/** A TypeScript loader, or a TypeScript module only such a loader can run. */
const TYPESCRIPT = /^tsx(\/.*)?$|\.[cm]?tsx?$/;

/**
 * The parent's node options without its TypeScript loader and the TypeScript modules it
 * preloads: a compiled worker needs neither, and a worker thread cannot register the loader
 * in time to run them (the tests run under tsx and build with the compiled worker). Other
 * preloaded modules (a test's fault injection) are kept.
 */
export function withoutLoaders(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const eq = PRELOAD_EQ.exec(argv[i]);
    if (PRELOAD.test(argv[i]) && i + 1 < argv.length) {
      if (!TYPESCRIPT.test(argv[i + 1])) out.push(argv[i], argv[i + 1]);
      i++;
    } else if (!eq || !TYPESCRIPT.test(eq[2])) out.push(argv[i]);
  }
  return out;
}
