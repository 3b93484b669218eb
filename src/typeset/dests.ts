// Named destinations: one per article (its opener), one per heading and figure id; and
// where a link leads in a PDF that prints `articles` (the issue, or one article alone).
import { LinkIndex } from '../model/links.js';
import type { Article } from '../model/types.js';
import type { LinkTarget } from './pages.js';

export const articleDest = (a: Article): string => a.id;
export const anchorDest = (a: Article, id: string): string => `${a.id}/${id}`;

/** Resolve link URLs met in `current` against the articles printed in the same PDF. */
export function linkResolver(articles: readonly Article[], current: Article): (url: string) => LinkTarget | undefined {
  const index = new LinkIndex(articles);
  return (url) => {
    const d = index.resolve(url, current);
    if (!d) return undefined;
    if (d.kind === 'external') return { kind: 'uri', uri: d.url };
    return { kind: 'dest', name: d.id ? anchorDest(d.article, d.id) : articleDest(d.article) };
  };
}
