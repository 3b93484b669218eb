// What the download site needs to know of one built edition, as plain data: the issue's facts,
// its articles with their own PDFs, and the page counts of its PDFs. Made by the build's worker
// from the build's result (its outputs kept by the cache too), so the site reads no Markdown.
import path from 'node:path';
import type { BuildResult } from '../build.js';
import { inlineText } from '../model/inline-text.js';
import type { Issue } from '../model/types.js';

export interface EntryArticle {
  id: string;
  title: string;
  deck?: string;
  byline?: string;
  authors: string[];
  department?: string;
  lang: string;
  /** Its own PDF: path inside the edition's output folder, with `/`. */
  pdf: string;
  pages: number;
}

/** The issue's own facts, as the document model has them. */
type IssueFacts = Pick<Issue, 'publication' | 'issue' | 'date' | 'dateline' | 'language' | 'publisher' | 'identifier' | 'description' | 'departments'>;

export interface IssueEntry extends IssueFacts {
  /** The edition's folder name: its output folder in the site, and its files' names. */
  edition: string;
  /** Real path of the edition folder (translations name each other by it). */
  editionDir: string;
  articles: EntryArticle[];
  /** Paths inside the edition's output folder, with `/`. */
  pdf: { path: string; pages: number };
  press: { path: string; pages: number };
  epub: { path: string };
  /** The folders `translations:` names, resolved, with where edition.yaml names them. */
  translations: { folder: string; line: number; column: number }[];
}

/** The entry of a build's result; `outDir` is the edition's output folder. */
export function issueEntry(r: Pick<BuildResult, 'issue' | 'pageCounts' | 'editionDir'>, outDir: string): IssueEntry {
  const { editionDir } = r;
  const edition = path.basename(outDir);
  // The outputs are named for the edition folder (build.ts), the site's folder for the output one.
  const name = path.basename(editionDir);
  const pages = (file: string) => r.pageCounts[path.join(outDir, file)] ?? 0;
  const { issue } = r;
  return {
    edition,
    editionDir,
    publication: issue.publication,
    issue: issue.issue,
    date: issue.date,
    dateline: issue.dateline,
    language: issue.language,
    ...(issue.publisher ? { publisher: issue.publisher } : {}),
    identifier: issue.identifier,
    ...(issue.description ? { description: issue.description } : {}),
    departments: issue.departments,
    articles: issue.articles.map((a) => {
      const pdf = `articles/${a.id}.pdf`;
      return {
        id: a.id,
        title: a.titleText,
        ...(a.deck ? { deck: inlineText(a.deck) } : {}),
        ...(a.byline ? { byline: a.byline } : {}),
        authors: a.authors,
        ...(a.department ? { department: a.department } : {}),
        lang: a.lang,
        pdf,
        pages: pages(pdf),
      };
    }),
    pdf: { path: `${name}.pdf`, pages: pages(`${name}.pdf`) },
    press: { path: `${name}.press.pdf`, pages: pages(`${name}.press.pdf`) },
    epub: { path: `${name}.epub` },
    translations: issue.translations ?? [],
  };
}
