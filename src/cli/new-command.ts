// `pressroom new <dir>`: placeholder until the starter edition is written.
export async function newEdition(_dir: string): Promise<number> {
  process.stderr.write('pressroom: `new` is not built yet\n');
  return 3;
}
