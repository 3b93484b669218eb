// A generated back catalogue for the download site's tests: `count` small issues of one
// review published in three languages (English, German, Russian), issue n in each language it
// exists in naming the others as its translations. The text is taken paragraph by paragraph
// from the bundled editions' articles in those languages, so it is real prose with its own
// punctuation and hyphenation, not lorem ipsum.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const EDITIONS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../editions');

interface Language {
  tag: string;
  publication: string;
  publisher: string;
  issue: (n: number) => string;
  byline: (name: string) => string;
  names: string[];
  departments: string[];
  /** Articles of the bundled editions whose paragraphs the issues take. */
  sources: string[];
}

export const ARCHIVE_LANGUAGES: Language[] = [
  {
    tag: 'en',
    publication: 'The Harbour Review',
    publisher: 'Saltgate Press',
    issue: (n) => `No. ${n}`,
    byline: (name) => `By ${name}`,
    names: ['Maren Holt', 'Ewan Dacre', 'Priya Lal', 'Agnes Morrow'],
    departments: ['Features', 'Dispatches'],
    sources: ['sample/articles/07-in-praise-of-fog.md', 'sample/articles/01-the-tide-clock.md'],
  },
  {
    tag: 'de',
    publication: 'Hafenrundschau',
    publisher: 'Saltgate Press',
    issue: (n) => `Nr. ${n}`,
    byline: (name) => `Von ${name}`,
    names: ['Henrike Albers', 'Jonas Feddersen', 'Wiebke Harms'],
    departments: ['Reportage', 'Briefe'],
    sources: ['sample/articles/05-post-aus-kranshagen.md'],
  },
  {
    tag: 'ru',
    publication: 'Гаванское обозрение',
    publisher: 'Солтгейт Пресс',
    issue: (n) => `№ ${n}`,
    byline: (name) => name,
    names: ['Марина Лесникова', 'Пётр Заозёрский', 'Ирина Кологривова'],
    departments: ['Очерк', 'Хроника'],
    sources: ['vestnik/articles/01-ulitsa-reznyh-nalichnikov.md', 'vestnik/articles/03-kogda-ozero-vstayot.md'],
  },
];

/** The paragraphs of an article (its front matter, headings, lists and quotes left out). */
function paragraphs(file: string): string[] {
  const text = readFileSync(path.join(EDITIONS, file), 'utf8').replace(/^---\n[\s\S]*?\n---\n/, '');
  return text
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter((p) => p.length > 200 && !/^[#>\-*|!\d[]/.test(p) && !p.includes('[^'));
}

/** The folder of issue `n` in `tag`. */
export const archiveFolder = (tag: string, n: number) => `review-${tag}-${String(n).padStart(3, '0')}`;

export interface ArchiveIssue {
  folder: string;
  tag: string;
  n: number;
}

/**
 * Writes `count` editions into `root` (issue 1 in each language, then issue 2…): returns them
 * in the order written. Issue n is dated n weeks after the first Monday of 2024.
 */
export function writeArchive(root: string, count: number): ArchiveIssue[] {
  const pools = ARCHIVE_LANGUAGES.map((l) => l.sources.flatMap(paragraphs));
  const issues: ArchiveIssue[] = [];
  for (let k = 0; k < count; k++) {
    const li = k % ARCHIVE_LANGUAGES.length;
    const n = Math.floor(k / ARCHIVE_LANGUAGES.length) + 1;
    issues.push({ folder: archiveFolder(ARCHIVE_LANGUAGES[li].tag, n), tag: ARCHIVE_LANGUAGES[li].tag, n });
  }
  for (const [k, issue] of issues.entries()) {
    const lang = ARCHIVE_LANGUAGES.find((l) => l.tag === issue.tag)!;
    const pool = pools[ARCHIVE_LANGUAGES.indexOf(lang)];
    const dir = path.join(root, issue.folder);
    mkdirSync(path.join(dir, 'articles'), { recursive: true });
    const date = new Date(Date.UTC(2024, 0, 1 + 7 * (issue.n - 1))).toISOString().slice(0, 10);
    const others = issues.filter((o) => o.n === issue.n && o !== issue).map((o) => `../${o.folder}`);
    const articles: string[] = [];
    for (let a = 0; a < 2; a++) {
      const pick = (m: number) => pool[(k * 3 + a * 2 + m) % pool.length];
      const first = pick(0);
      // The title: the first words of the article's first paragraph, up to its first full stop.
      const words = first.split(/\s+/).slice(0, 6);
      const end = words.findIndex((w) => /[.!?…]$/u.test(w));
      const title = words
        .slice(0, end === -1 ? 6 : end + 1)
        .join(' ')
        .replace(/[,.;:!?…–—«»„“"]+$/u, '');
      const name = lang.names[(k + a) % lang.names.length];
      const file = `articles/${a + 1}.md`;
      writeFileSync(
        path.join(dir, file),
        `---\ntitle: ${JSON.stringify(title)}\nbyline: ${JSON.stringify(lang.byline(name))}\n---\n\n${first}\n\n${pick(1)}\n`,
      );
      articles.push(`  - file: ${file}\n    department: ${JSON.stringify(lang.departments[a % lang.departments.length])}`);
    }
    writeFileSync(
      path.join(dir, 'edition.yaml'),
      [
        `publication: ${JSON.stringify(lang.publication)}`,
        `issue: ${JSON.stringify(lang.issue(issue.n))}`,
        `date: ${date}`,
        `language: ${lang.tag}`,
        `publisher: ${JSON.stringify(lang.publisher)}`,
        ...(others.length ? ['translations:', ...others.map((o) => `  - ${o}`)] : []),
        'articles:',
        ...articles,
        '',
      ].join('\n'),
    );
  }
  return issues;
}
