// One article's own printable PDF (the "printable version" a website links to).
import type { Article, Issue } from '../model/types.js';
import { LinkIndex } from '../model/links.js';
import { textBlock, leftMargin, type Layout } from '../settings/layout.js';
import { translateItems, type Page } from '../pages/page.js';
import { Structure } from '../pages/structure.js';
import { layoutArticle } from './article.js';
import { furniture } from './furniture.js';
import { makeContext, type TypesetOptions, type TypesetResult } from './make-context.js';
import { checkPages } from './page/does-not-fit.js';
import { linkResolver } from './page/dests.js';

/** One article's own printable PDF: its pages numbered from 1, no cover or contents. */
export function typesetArticle(issue: Issue, article: Article, layout: Layout, options: TypesetOptions = {}): TypesetResult {
  const { ctx, warnings } = makeContext(layout, options);
  const structure = new Structure();
  const { pages: body } = layoutArticle(
    { ...ctx, linkTarget: linkResolver(new LinkIndex([article]), article) },
    article,
    textBlock(layout),
    structure,
    structure.root,
  );
  const runningLeft = `${issue.publication} · ${issue.issue}`;
  const pages = body.map((p, j): Page => {
    const n = j + 1;
    return {
      width: layout.pageWidth,
      height: layout.pageHeight,
      items: [
        ...translateItems(p.items, leftMargin(layout, n), layout.margins.top),
        ...(j === 0 ? [{ kind: 'bookmark' as const, level: 1, title: article.titleText }] : []),
        ...furniture(ctx, layout, n, article.lang, j === 0 ? undefined : [runningLeft, article.titleText]),
      ],
      ...(p.log.length ? { log: p.log } : {}),
    };
  });
  checkPages(ctx, pages);
  ctx.diagnostics.keep();
  return { pages, warnings };
}
