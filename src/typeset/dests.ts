// Named destinations: one per article (its opener), one per heading and figure id; and
// how a link URL resolves to one of them (`#id`, `other-article.md#id`, `#article-id`).
import type { Article, Block } from '../model/types.js';
import type { LinkTarget } from './pages.js';

export const articleDest = (a: Article): string => a.id;
export const anchorDest = (a: Article, id: string): string => `${a.id}/${id}`;

function ids(blocks: readonly Block[], out: Set<string>): Set<string> {
  for (const b of blocks) {
    if (b.kind === 'heading' || b.kind === 'figure') out.add(b.id);
    else if (b.kind === 'blockquote') ids(b.blocks, out);
    else if (b.kind === 'list') for (const item of b.items) ids(item, out);
  }
  return out;
}

/** Resolve link URLs met in `current` against the articles printed in the same PDF. */
export function linkResolver(articles: readonly Article[], current: Article): (url: string) => LinkTarget | undefined {
  const anchors = new Map(articles.map((a) => [a, ids(a.blocks, new Set())]));
  const byName = (name: string) =>
    articles.find((a) => a.id === name || a.slug === name || baseName(a.file) === name);
  return (url) => {
    if (/^[a-z][a-z0-9+.-]*:/i.test(url)) return { kind: 'uri', uri: url };
    const hash = url.indexOf('#');
    const path = hash < 0 ? url : url.slice(0, hash);
    const frag = hash < 0 ? '' : decodeURIComponent(url.slice(hash + 1));
    const target = path ? byName(baseName(path)) : current;
    if (target && (!frag || frag === target.id)) return { kind: 'dest', name: articleDest(target) };
    if (target && anchors.get(target)!.has(frag)) return { kind: 'dest', name: anchorDest(target, frag) };
    if (!path && frag) {
      const a = byName(frag);
      if (a) return { kind: 'dest', name: articleDest(a) };
      for (const [art, set] of anchors) if (set.has(frag)) return { kind: 'dest', name: anchorDest(art, frag) };
    }
    return undefined;
  };
}

function baseName(p: string): string {
  const b = p.split('/').pop() ?? p;
  return b.replace(/\.(md|markdown|x?html?)$/i, '');
}
