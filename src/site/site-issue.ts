// One issue as the site shows it: what its build said of it, the facts of its files, and the
// address of each from the site's root. Every link the site writes is relative, so the site
// works from any folder of any server.
import type { Element } from 'xast';
import { serialize } from '../backends/epub/xml.js';
import type { IssueEntry } from './issue-entry.js';

export interface FileFacts {
  size: number;
  sha256: string;
}

export interface SiteIssue {
  entry: IssueEntry;
  /** The edition's files by their path inside its folder (`/`), from the build's record. */
  files: ReadonlyMap<string, FileFacts>;
  /** The issue's first page as images, paths inside its folder (none when it could not be rendered). */
  cover?: { image: string; thumbnail: string; width: number; height: number; thumbWidth: number; thumbHeight: number };
  /** The other languages of the same issue in this site (their editions' folders). */
  translations: string[];
}

/** `path` (segments joined by `/`) with each segment escaped for a URL. */
export function href(...segments: string[]): string {
  return segments
    .flatMap((s) => s.split('/'))
    .map((s) => (s === '..' || s === '.' ? s : encodeURIComponent(s)))
    .join('/');
}

/** Newest first; the same day by publication, then by folder, so the order never depends on the build. */
export function newestFirst(a: SiteIssue, b: SiteIssue): number {
  return (
    b.entry.date.localeCompare(a.entry.date) ||
    a.entry.publication.localeCompare(b.entry.publication, 'en') ||
    (a.entry.edition < b.entry.edition ? -1 : a.entry.edition > b.entry.edition ? 1 : 0)
  );
}

/** An issue's ISO date as Atom writes a time: its midnight, UTC (the same issue always gives the same time). */
export const atomDate = (iso: string) => `${iso}T00:00:00Z`;

/** The latest date of the issues, as Atom writes it. */
export function latestDate(issues: readonly SiteIssue[]): string {
  const dates = issues.map((i) => i.entry.date).sort();
  return atomDate(dates[dates.length - 1] ?? '1970-01-01');
}

/** A feed (or any XML document) built as a tree, as the file's bytes. */
export function xmlFile(root: Element): Buffer {
  return Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>\n${serialize(root, { vocabulary: 'xml' })}\n`);
}

/** A title for an issue in lists and feeds: its publication and issue. */
export function issueTitle(e: IssueEntry): string {
  return `${e.publication} ${e.issue}`;
}

/** A language's own name (`Deutsch` for de), as Intl knows it; the tag when it knows none. */
export function languageName(tag: string): string {
  try {
    const name = new Intl.DisplayNames([tag], { type: 'language' }).of(tag);
    return name && name !== tag ? name.charAt(0).toLocaleUpperCase(tag) + name.slice(1) : tag;
  } catch {
    return tag;
  }
}

/** `1.2 MB`, `340 KB` (`1,2 MB` in German): a file's size for a reader, in decimal units as download pages give them, the number kept with its unit. */
export function sizeText(bytes: number, lang: string): string {
  const number = (n: number, digits: number) => new Intl.NumberFormat(lang, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(n);
  if (bytes >= 1e6) return `${number(bytes / 1e6, 1)}\u00a0MB`;
  return `${number(Math.max(1, Math.round(bytes / 1e3)), 0)}\u00a0KB`;
}
