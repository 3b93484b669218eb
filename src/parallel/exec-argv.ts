// Node options for a worker thread that runs compiled JavaScript.

/**
 * The parent's node options without the modules it preloads: a compiled worker needs no
 * TypeScript loader, and a worker cannot load one the way its parent did (the tests run
 * under tsx and build with the compiled worker).
 */
export function withoutLoaders(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (/^--(import|require|loader|experimental-loader)$/.test(argv[i]) || argv[i] === '-r') i++;
    else if (!/^--(import|require|loader|experimental-loader)=/.test(argv[i])) out.push(argv[i]);
  }
  return out;
}
