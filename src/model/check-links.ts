// After every article is read: a link inside the edition that leads to no article, heading
// or figure is a warning at the link, and prints as its text. (Web and mail links were
// checked when lowered; nothing is fetched.)
import { warning, type Diagnostic } from '../diagnostics/diagnostic.js';
import { LinkIndex, linksOf } from './links.js';
import type { Issue } from './types.js';

export function checkLinks(issue: Issue): Diagnostic[] {
  const index = new LinkIndex(issue.articles);
  const out: Diagnostic[] = [];
  for (const a of issue.articles) {
    for (const l of linksOf(a)) {
      if (index.resolve(l.url, a)) continue;
      const hash = l.url.indexOf('#');
      const page = hash < 0 ? l.url : l.url.slice(0, hash);
      const article = page ? index.resolve(page, a) : { kind: 'internal' as const };
      const hint = article
        ? 'a heading answers to its text in lower case, spaces as hyphens, punctuation dropped (`## The Bell Rings` is `#the-bell-rings`)'
        : `name another article by its file (${issue.articles
            .slice(0, 3)
            .map((x) => `\`${x.file.split('/').pop()}\``)
            .join(', ')}${issue.articles.length > 3 ? ', …' : ''}), or write the full https: address${
            /^\/(?!\/)/.test(l.url) ? ', or name the website it comes from with `site:` (in edition.yaml or the front matter)' : ''
          }`;
      const what = article ? `no heading or figure \`#${l.url.slice(hash + 1)}\`` : `no article \`${page}\``;
      out.push(warning('link/unresolved', `link to \`${clip(l.url)}\`: this edition has ${what}; printed as plain text`, l.pos, [hint]));
    }
  }
  return out;
}

const clip = (s: string) => (s.length > 60 ? `${s.slice(0, 59)}…` : s);
