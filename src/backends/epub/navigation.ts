// The issue's table of contents as a tree — departments holding their articles, articles
// holding their level-2 headings — written out as the nav document's `<ol>` and the NCX's
// `<navPoint>`s, which therefore always agree.
import type { Element } from 'xast';
import type { Article } from '../../model/types.js';
import { inlineText } from '../../model/inline-text.js';
import { articleFileName } from './file-names.js';
import { h, langAttrs, serialize, xmlSafe } from './xml.js';

export interface TocNode {
  label: string;
  /** `null` for a department: it has no page of its own. */
  href: string | null;
  /** The entry's language when it differs from the issue's, else `null`. */
  lang: string | null;
  children: TocNode[];
}

/** Runs of consecutive articles of one department, so the contents keep reading order. */
export function departmentRuns(articles: readonly Article[]): { department: string | null; articles: Article[] }[] {
  const runs: { department: string | null; articles: Article[] }[] = [];
  for (const article of articles) {
    const department = article.department ?? null;
    const last = runs[runs.length - 1];
    if (last && last.department === department) last.articles.push(article);
    else runs.push({ department, articles: [article] });
  }
  return runs;
}

/** `issueLang` is the language of the documents the tree is written into. */
export function tocTree(articles: readonly Article[], issueLang: string): TocNode[] {
  const out: TocNode[] = [];
  for (const run of departmentRuns(articles)) {
    const nodes = run.articles.map((a) => articleNode(a, issueLang));
    if (run.department === null) out.push(...nodes);
    else out.push({ label: run.department, href: null, lang: null, children: nodes });
  }
  return out;
}

function articleNode(article: Article, issueLang: string): TocNode {
  const file = articleFileName(article);
  const headings: TocNode[] = [];
  for (const block of article.blocks) {
    // A heading without words (`##` alone) has nothing to show in the contents.
    const label = block.kind === 'heading' && block.level === 2 ? xmlSafe(inlineText(block.content)).replace(/\s+/g, ' ').trim() : '';
    if (block.kind === 'heading' && label) {
      // Headings sit inside the article's entry and take its language from there.
      headings.push({ label, href: `${file}#${block.id}`, lang: null, children: [] });
    }
  }
  return { label: article.titleText, href: file, lang: otherLanguage(article.lang, issueLang), children: headings };
}

/** `lang` when it is not the surrounding language (compared as BCP 47 tags: case-blind). */
export function otherLanguage(lang: string, surrounding: string): string | null {
  return lang.toLowerCase() === surrounding.toLowerCase() ? null : lang;
}

export function tocDepth(nodes: readonly TocNode[]): number {
  return nodes.reduce((max, n) => Math.max(max, 1 + tocDepth(n.children)), 0);
}

/** The `<ol>` inside `<nav epub:type="toc">`; a department is a `<span>` heading its list. */
export function navList(nodes: readonly TocNode[]): string {
  return serialize(navOl(nodes));
}

function navOl(nodes: readonly TocNode[]): Element {
  return h(
    'ol',
    {},
    nodes.map((n) =>
      h('li', langAttrs(n.lang), n.href === null ? h('span', {}, n.label) : h('a', { href: n.href }, n.label), n.children.length > 0 && navOl(n.children)),
    ),
  );
}

/**
 * The NCX `<navPoint>`s. Every navPoint needs a target, so a department points at its first
 * article; navPoints with the same target share a `playOrder`, as the NCX rules require.
 */
export function ncxNavPoints(nodes: readonly TocNode[]): string {
  const order = new Map<string, number>();
  let count = 0;
  const point = (n: TocNode): Element => {
    const src = targetOf(n);
    let playOrder = order.get(src);
    if (playOrder === undefined) order.set(src, (playOrder = order.size + 1));
    count += 1;
    return h(
      'navPoint',
      { id: `navpoint-${count}`, playOrder },
      h('navLabel', { 'xml:lang': n.lang }, h('text', {}, n.label)),
      h('content', { src }),
      n.children.map(point),
    );
  };
  return serialize(nodes.map(point), { vocabulary: 'xml' });
}

function targetOf(n: TocNode): string {
  if (n.href !== null) return n.href;
  const first = n.children[0];
  if (!first) throw new Error(`toc entry "${n.label}" has neither a target nor children`);
  return targetOf(first);
}
