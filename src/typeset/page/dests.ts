// Named destinations: one per article (its opener), one per heading and figure id; and
// where a link leads in a PDF that prints `articles` (the issue, or one article alone).
import type { LinkIndex } from '../../model/links.js';
import type { Article } from '../../model/types.js';
import type { LinkTarget } from '../../pages/page.js';

export const articleDest = (a: Article): string => a.id;
export const anchorDest = (a: Article, id: string): string => `${a.id}/${id}`;

/**
 * Resolve link URLs met in `current` against `index`: the articles printed in the same PDF
 * (one index per PDF, built once: it walks every article's blocks).
 */
export function linkResolver(index: LinkIndex, current: Article): (url: string) => LinkTarget | undefined {
  return (url) => {
    const d = index.resolve(url, current);
    if (!d) return undefined;
    if (d.kind === 'external') return { kind: 'uri', uri: d.url };
    return { kind: 'dest', name: d.id ? anchorDest(d.article, d.id) : articleDest(d.article) };
  };
}
