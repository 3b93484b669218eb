// The shared multilingual corpus (one long real document in eleven languages, CC BY-SA 4.0)
// made into an edition: each file as an article, with front matter giving its title (its
// level-1 heading) and language (from its name). The text itself is left as it is.
import { copyFileSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeEdition } from './edition.js';

/** `../shared/corpus/multilingual` beside the repository, or the folder PRESSROOM_CORPUS names. */
export const CORPUS = process.env.PRESSROOM_CORPUS ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../shared/corpus/multilingual');

export const corpusPresent = (): boolean => existsSync(path.join(CORPUS, 'order.txt'));

export interface CorpusArticle {
  file: string;
  lang: string;
  title: string;
}

/** Writes the edition into a new temp folder; returns its folder and the articles in order. */
export function multilingualEdition(root = mkdtempSync(path.join(os.tmpdir(), 'pressroom-corpus-'))): { dir: string; articles: CorpusArticle[] } {
  const order = readFileSync(path.join(CORPUS, 'order.txt'), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const files: Record<string, string> = {};
  const articles: CorpusArticle[] = [];
  for (const name of order) {
    const lang = /-([a-z]{2})\.md$/.exec(name)?.[1];
    if (!lang) throw new Error(`corpus file ${name} has no language in its name`);
    const text = readFileSync(path.join(CORPUS, name), 'utf8');
    const title = /^# (.+)$/m.exec(text)?.[1].trim();
    if (!title) throw new Error(`corpus file ${name} has no level-1 heading`);
    files[`articles/${name}`] = `---\ntitle: ${JSON.stringify(title)}\nlang: ${lang}\n---\n\n${text}`;
    articles.push({ file: `articles/${name}`, lang, title });
  }
  files['edition.yaml'] = [
    'publication: The Art of Command Line',
    'issue: Eleven languages',
    'date: 2026-11-29',
    'language: en',
    'description: One long document in eleven translations, from the shared corpus (CC BY-SA 4.0).',
    'articles:',
    ...articles.map((a) => `  - ${a.file}`),
    '',
  ].join('\n');
  const dir = writeEdition(files, root);
  copyFileSync(path.join(CORPUS, 'cowsay.png'), path.join(dir, 'articles', 'cowsay.png'));
  return { dir, articles };
}
