// Links inside the edition: `#heading`, `02-de.md`, `../news/03-tide.md#the-bell`. One
// index over the articles answers where such a link leads, for the check after reading
// (a warning at the link's position when it leads nowhere) and for both backends (a named
// destination in the PDF, `file.xhtml#id` in the EPUB). Web and mail links pass through.
import { articleBlocks } from './walk.js';
import { inlineText } from './inline-text.js';
import type { Article, Inline, Position } from './types.js';

export type LinkDestination =
  | { kind: 'external'; url: string }
  /** An article, at its top or (given `id`) at one of its headings or figures. */
  | { kind: 'internal'; article: Article; id?: string };

/** A URL with a scheme (`https:`, `mailto:`, `javascript:`…) leaves the edition. */
const hasScheme = (url: string): boolean => /^[a-z][a-z0-9+.-]*:/i.test(url.trim());

/**
 * Links that stay links: web and mail addresses, and links inside the edition (no scheme:
 * `#heading`, `02-de.md`), which are checked against the articles once all are read.
 */
export function keepsLink(url: string): boolean {
  const u = url.trim();
  if (!u || u.startsWith('//')) return false;
  return !hasScheme(u) || /^(https?|mailto):/i.test(u);
}

interface Targets {
  /** Block ids (headings and figures) of the article. */
  ids: Set<string>;
  /** Other names a heading answers to, lower-cased: GitHub-style anchors, the id without the article prefix. */
  aliases: Map<string, string>;
}

/**
 * The first article (in issue order) under each key, so that a link finds what a search of
 * the articles in order would find, in one look-up: an issue may hold thousands of articles
 * and an article thousands of links.
 */
class FirstOf<K> {
  private map = new Map<K, number>();
  add(key: K, index: number): void {
    if (!this.map.has(key)) this.map.set(key, index);
  }
  get(key: K): number {
    return this.map.get(key) ?? Number.POSITIVE_INFINITY;
  }
}

export class LinkIndex {
  private targets = new Map<Article, Targets>();
  /** Articles by id or slug (`03-tide`, `tide`). */
  private byName = new FirstOf<string>();
  /** Articles by file, and by file without its extension. */
  private byFile = new FirstOf<string>();
  private byStem = new FirstOf<string>();
  /** Articles by the ids of their headings and figures, and by the aliases of their headings. */
  private byId = new FirstOf<string>();
  private byAlias = new FirstOf<string>();

  constructor(readonly articles: readonly Article[]) {
    articles.forEach((a, i) => {
      const t = targetsOf(a);
      this.targets.set(a, t);
      this.byName.add(a.id, i);
      this.byName.add(a.slug, i);
      this.byFile.add(a.file, i);
      this.byStem.add(stripExt(a.file), i);
      for (const id of t.ids) this.byId.add(id, i);
      for (const alias of t.aliases.keys()) this.byAlias.add(alias, i);
    });
  }

  /** Where `url`, met in article `from`, leads; undefined when nowhere in these articles. */
  resolve(url: string, from: Article): LinkDestination | undefined {
    const u = url.trim();
    if (hasScheme(u)) return { kind: 'external', url: u };
    // `//host/path` names another site without saying how to reach it.
    if (u.startsWith('//')) return undefined;
    const hash = u.indexOf('#');
    const pathPart = hash < 0 ? u : u.slice(0, hash);
    const frag = hash < 0 ? '' : safeDecode(u.slice(hash + 1));
    const article = pathPart ? this.byPath(stripQuery(pathPart), from) : from;
    // A page of the article's website (`/doc/install`), when the edition names the site.
    if (!article) return from.site && /^\/(?!\/)/.test(u) ? { kind: 'external', url: `${from.site}${u}` } : undefined;
    if (!frag || frag === article.id) return { kind: 'internal', article };
    const id = this.anchor(article, frag);
    if (id) return { kind: 'internal', article, id };
    // `#03-tide` or `#the-bell` alone may name another article or a heading elsewhere.
    if (!pathPart) {
      const other = this.articles[this.byName.get(frag)];
      if (other) return { kind: 'internal', article: other };
      const first = this.articles[Math.min(this.byId.get(frag), this.byAlias.get(frag.toLowerCase()))];
      if (first) return { kind: 'internal', article: first, id: this.anchor(first, frag) };
    }
    return undefined;
  }

  private anchor(article: Article, frag: string): string | undefined {
    const t = this.targets.get(article)!;
    if (t.ids.has(frag)) return frag;
    return t.aliases.get(frag.toLowerCase());
  }

  private byPath(p: string, from: Article): Article | undefined {
    const target = joinPosix(dirOf(from.file), safeDecode(p));
    return (
      this.articles[Math.min(this.byFile.get(target), this.byStem.get(stripExt(target)))] ??
      // A bare name: the article's id or slug (`03-tide`, `tide`).
      (p.includes('/') ? undefined : this.articles[this.byName.get(stripExt(p))])
    );
  }
}

/**
 * The anchor GitHub and most Markdown sites give a heading: lower case, punctuation and
 * symbols dropped (letters of every script kept), spaces as hyphens.
 */
export function siteAnchor(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-');
}

function targetsOf(a: Article): Targets {
  const ids = new Set<string>();
  const aliases = new Map<string, string>();
  const seen = new Map<string, number>();
  const prefix = `${a.id}-`;
  for (const b of articleBlocks(a)) {
    if (b.kind === 'heading') {
      ids.add(b.id);
      // Repeated headings get -1, -2… in the order they come, as on the sites these links were written for.
      const base = siteAnchor(inlineText(b.content));
      const n = seen.get(base) ?? 0;
      seen.set(base, n + 1);
      const names = [n === 0 ? base : `${base}-${n}`, b.id.startsWith(prefix) ? b.id.slice(prefix.length) : ''];
      for (const name of names) if (name && !aliases.has(name)) aliases.set(name, b.id);
    } else if (b.kind === 'figure') ids.add(b.id);
  }
  return { ids, aliases };
}

/** Every link of an article, with where it is written (title, text, notes, captions). */
export function linksOf(a: Article): { url: string; pos: Position }[] {
  const out: { url: string; pos: Position }[] = [];
  const inl = (content: readonly Inline[] | undefined) => {
    for (const n of content ?? []) {
      if (n.kind === 'link') out.push({ url: n.url, pos: n.pos });
      if (n.kind === 'link' || n.kind === 'emphasis' || n.kind === 'strong' || n.kind === 'strike') inl(n.children);
    }
  };
  inl(a.title);
  inl(a.deck);
  inl(a.note);
  for (const b of articleBlocks(a)) {
    switch (b.kind) {
      case 'paragraph':
      case 'heading':
        inl(b.content);
        break;
      case 'blockquote':
        inl(b.attribution); // its blocks come next in the walk
        break;
      case 'table':
        b.header.forEach(inl);
        b.rows.forEach((r) => r.forEach(inl));
        break;
      case 'figure':
        inl(b.caption);
        break;
      case 'figure-group': // its figures come next in the walk
      case 'note': // its blocks come next in the walk
      case 'list':
      case 'code-block':
      case 'rule':
        break;
      default:
        throw new Error(`unknown block node ${(b as { kind: string }).kind}`);
    }
  }
  return out;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

const stripQuery = (p: string) => p.replace(/\?.*$/, '');
const stripExt = (p: string) => p.replace(/\.(md|markdown|x?html?)$/i, '');
const dirOf = (file: string) => (file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : '');

/** `dir/../x/./y.md` → `x/y.md`; a path climbing out of the edition stays climbing (and matches nothing). */
function joinPosix(dir: string, p: string): string {
  const parts = p.startsWith('/') ? [] : dir.split('/').filter(Boolean);
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (parts.length && parts[parts.length - 1] !== '..') parts.pop();
      else parts.push('..');
    } else parts.push(seg);
  }
  return parts.join('/');
}
