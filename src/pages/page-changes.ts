// Which pages of an issue an edit changed, against the pages a preview last showed: the
// preview is sent those pages alone (a small PDF, drawn in a fraction of the time)
// and keeps showing the others as they were.
import { createHash } from 'node:crypto';
import { memo } from '../cache/memos.js';
import { digestOfPage } from './page-digest.js';
import type { Page } from './page.js';

/** The pages last shown, by output folder (one preview per edition): each page's digest. */
const lastShown = memo<string, string[]>('preview/shown-pages');

export interface PageChanges {
  /** Names the pages shown before (undefined: none were), so the preview can tell it has them. */
  base: string | undefined;
  /** Names these pages, for the next build's `base`. */
  key: string;
  /** How many pages the issue has now. */
  total: number;
  /** Indexes (from 0) of the pages that differ from those shown before, in order: all of them when none were shown. */
  changed: number[];
}

/** The pages that differ from those last shown for `place`, which these now are. */
export function changesSinceShown(place: string, pages: readonly Page[]): PageChanges {
  const before = lastShown.get(place);
  const after = pages.map((p) => digestOfPage(p).digest);
  lastShown.set(place, after);
  const changed: number[] = [];
  for (const [i, d] of after.entries()) if (before?.[i] !== d) changed.push(i);
  return { base: before && nameOf(before), key: nameOf(after), total: pages.length, changed };
}

/** Forgets what was shown for `place`: the next build sends the preview all its pages. */
export function forgetShown(place: string): void {
  lastShown.delete(place);
}

const nameOf = (digests: readonly string[]) => createHash('sha256').update(digests.join('\n')).digest('hex').slice(0, 32);
