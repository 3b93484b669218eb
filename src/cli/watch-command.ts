// `pressroom watch <edition>`: placeholder until the preview is written.
export interface WatchOptions {
  editionDir: string;
  outDir?: string;
  port?: string;
  cache: boolean;
  debug: boolean;
}
export async function watchEdition(_o: WatchOptions): Promise<number> {
  process.stderr.write('pressroom: `watch` is not built yet\n');
  return 3;
}
