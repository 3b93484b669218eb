// One article's own printable PDF (the "printable version" a website links to). Printed
// or passed on alone, it must say where it is from: its first page carries a source line
// in the running head's place ("From The Carrow Lantern No. 12, Autumn 2026, pp. 6–7").
import type { Article, Inline, Issue } from '../model/types.js';
import { LinkIndex } from '../model/links.js';
import { textBlock, leftMargin, type Layout } from '../settings/layout.js';
import { append, translateItems, type Item, type Page, type StructElement } from '../pages/page.js';
import { Structure, tagOf } from '../pages/structure.js';
import { italicTitles, label, labelParts } from '../i18n/labels.js';
import { layoutArticle } from './article.js';
import { furniture } from './furniture.js';
import { type LaidArticle, makeContext, type TypesetOptions, type TypesetResult } from './make-context.js';
import { checkPages } from './page/does-not-fit.js';
import { linkResolver } from './page/dests.js';
import type { TypesetContext } from './text/context.js';
import { setParagraph } from './text/paragraph.js';

/**
 * One article's own printable PDF: no cover or contents; a source line on its first page.
 * Its pages are numbered from 1, or as in the issue when `issue.articleFolios` is 'issue'
 * and `options.ran` says where it ran.
 */
export function typesetArticle(issue: Issue, article: Article, layout: Layout, options: TypesetOptions = {}): TypesetResult {
  const { ctx, warnings } = makeContext(layout, options);
  const { body, sourceEl } = options.laid ? reuse(options.laid, article, issue) : layOut(ctx, article, issue, layout);
  const ran = options.ran;
  const firstFolio = issue.articleFolios === 'issue' && ran ? ran.first : 1;
  const runningLeft = `${issue.publication} · ${issue.issue}`;
  const pages = body.map((p, j): Page => {
    const n = firstFolio + j;
    return {
      width: layout.pageWidth,
      height: layout.pageHeight,
      items: [
        ...translateItems(p.items, leftMargin(layout, n), layout.margins.top),
        ...(j === 0 ? [{ kind: 'bookmark' as const, level: 1, title: article.titleText }, ...sourceLine(ctx, issue, layout, n, sourceEl, ran)] : []),
        ...furniture(ctx, layout, n, article.lang, j === 0 ? undefined : [runningLeft, article.titleText]),
      ],
      ...(p.log.length ? { log: p.log } : {}),
    };
  });
  checkPages(ctx, pages);
  ctx.diagnostics.keep();
  return { pages, warnings };
}

/** The article set afresh, alone: its own structure, links only within it. */
function layOut(ctx: TypesetContext, article: Article, issue: Issue, layout: Layout): { body: { items: Item[]; log: string[] }[]; sourceEl: StructElement } {
  const structure = new Structure();
  // Made first: the source line is read before the article.
  const sourceEl = structure.add('P', structure.root, issue.language === article.lang ? {} : { lang: issue.language });
  const { pages } = layoutArticle(
    { ...ctx, linkTarget: linkResolver(new LinkIndex([article]), article) },
    article,
    textBlock(layout),
    structure,
    structure.root,
  );
  return { body: pages, sourceEl };
}

/**
 * The article's pages as the issue set them. Its elements hang from the issue's root; the
 * source line's element goes under that root too, numbered before every element the issue
 * made (so it is read first). A link to another article of the issue leads nowhere in this
 * PDF and is dropped (its words stay), as when the article is set alone.
 */
function reuse(laid: LaidArticle, article: Article, issue: Issue): { body: { items: Item[]; log: string[] }[]; sourceEl: StructElement } {
  const sourceEl: StructElement = { id: -1, role: 'P', parent: laid.root, ...(issue.language === article.lang ? {} : { lang: issue.language }) };
  const inside = (name: string) => name === article.id || name.startsWith(`${article.id}/`);
  const body = laid.pages.map((items) => ({
    items: items.filter((it) => it.kind !== 'link' || it.target.kind !== 'dest' || inside(it.target.name)),
    log: [],
  }));
  return { body, sourceEl };
}

/**
 * The source line's words in the edition's language: the publication's name in italics
 * (or in the brackets the language marks titles with), the pages when they are known.
 */
export function sourceLineContent(issue: Issue, ran?: { first: number; last: number }): Inline[] {
  const lang = issue.language;
  const pos = { file: 'edition.yaml', line: 1, column: 1 };
  const pages = !ran ? '' : ran.first === ran.last ? label('pageOne', lang, { n: ran.first }) : label('pageRange', lang, { a: ran.first, b: ran.last });
  const values: Record<string, string> = { publication: issue.publication, issue: issue.issue, dateline: issue.dateline, pages };
  const out: Inline[] = [];
  for (const part of labelParts(ran ? 'articleSource' : 'articleSourceUnpaged', lang)) {
    if ('text' in part) out.push({ kind: 'text', text: part.text, pos });
    else if (part.name === 'publication' && italicTitles(lang))
      out.push({ kind: 'emphasis', children: [{ kind: 'text', text: values.publication, pos }], pos });
    else out.push({ kind: 'text', text: values[part.name] ?? '', pos });
  }
  return out;
}

/**
 * The source line where later pages have their running head: ranged left on the head's
 * baseline over the same hairline, in the head's muted colour but in upper and lower case
 * (it is a sentence, with a name in italics). A line too long for the measure wraps
 * upwards into the margin, so the rule and the text block stay where they are.
 */
function sourceLine(ctx: TypesetContext, issue: Issue, layout: Layout, page: number, el: StructElement, ran?: { first: number; last: number }): Item[] {
  const s = ctx.scale;
  const rh = s.runningHead;
  const x0 = leftMargin(layout, page);
  const width = layout.pageWidth - layout.margins.inside - layout.margins.outside;
  const size = rh.size * 1.1;
  const lines = setParagraph(ctx, {
    content: sourceLineContent(issue, ran),
    style: { family: 'body', size, leading: 1.3 * size, color: s.colors.muted, align: 'left', hyphenate: false },
    width,
    lang: issue.language,
    pos: { file: 'edition.yaml', line: 1, column: 1 },
    tag: tagOf(el),
  });
  const baseline = layout.margins.top - rh.raise;
  const last = lines[lines.length - 1];
  let y = baseline - (last?.baseline ?? 0) - lines.slice(0, -1).reduce((h, l) => h + l.height, 0);
  const items: Item[] = [];
  for (const line of lines) {
    append(items, translateItems(line.items, x0, y));
    y += line.height;
  }
  const ry = baseline + 0.45 * s.leading;
  items.push({ kind: 'rule', x1: x0, y1: ry, x2: x0 + width, y2: ry, thickness: 0.3, color: s.colors.rule });
  return items;
}
