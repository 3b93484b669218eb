// The corpora of ../shared made into editions for the bench, each copied into a new temp
// folder (an edition's files must live inside its folder). The bench imports src/ only,
// never tests/: this is its own copy of what tests/support/multilingual.ts does.
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Copies `src` into a new temp folder; returns the copy and the files `order.txt` lists. */
function copy(src: string, name: string): { dir: string; order: string[] } {
  const dir = path.join(mkdtempSync(path.join(os.tmpdir(), `pressroom-bench-${name}-`)), name);
  cpSync(src, dir, { recursive: true });
  const order = readFileSync(path.join(src, 'order.txt'), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  return { dir, order };
}

/** The book corpus as an edition, or undefined when ../shared is absent. */
export function bookEdition(shared: string): string | undefined {
  const src = path.join(shared, 'book-with-figures');
  if (!existsSync(src)) return undefined;
  const { dir, order } = copy(src, 'book');
  writeFileSync(
    path.join(dir, 'edition.yaml'),
    `publication: 500 Lines or Less\nissue: Selected chapters\ndate: 2016-07-12\narticles:\n${order.map((f) => `  - ${f}\n`).join('')}`,
  );
  return dir;
}

/**
 * The multilingual corpus (one long document in eleven languages, CC BY-SA 4.0) as an
 * edition, each file an article with its title (its level-1 heading) and language (from its
 * name) as front matter; with the languages in order. Undefined when the corpus is absent.
 */
export function multilingualEdition(shared: string): { dir: string; langs: string[] } | undefined {
  const src = process.env.PRESSROOM_CORPUS ?? path.join(shared, 'multilingual');
  if (!existsSync(path.join(src, 'order.txt'))) return undefined;
  const { dir, order } = copy(src, 'multilingual');
  const langs = order.map((name) => {
    const text = readFileSync(path.join(src, name), 'utf8');
    const lang = /-([a-z]{2})\.md$/.exec(name)?.[1];
    const title = /^# (.+)$/m.exec(text)?.[1].trim();
    if (!lang || !title) throw new Error(`corpus file ${name} has no language in its name or no level-1 heading`);
    writeFileSync(path.join(dir, name), `---\ntitle: ${JSON.stringify(title)}\nlang: ${lang}\n---\n\n${text}`);
    return lang;
  });
  writeFileSync(
    path.join(dir, 'edition.yaml'),
    'publication: The Art of Command Line\nissue: Eleven languages\ndate: 2026-11-29\nlanguage: en\n' +
      'description: One long document in eleven translations, from the shared corpus (CC BY-SA 4.0).\n' +
      `articles:\n${order.map((f) => `  - ${f}\n`).join('')}`,
  );
  return { dir, langs };
}
