// The print path's entry points: a whole issue (cover, contents with true page numbers,
// every article) or one article, as positioned pages plus the warnings met on the way.
//
//   articles ─► layoutArticle (opener, columns, footnotes) ─► pages relative to the text block
//   contents ─► laid out again until its page numbers are stable (at most 5 rounds)
//   assembly ─► margins by page side, running heads, folios, bookmarks
//
// Every drawn item says what it belongs to in the document's logical structure (the
// tagged PDF's tree): Document → cover (Sect), contents (Sect with a TOC), one Art per
// article in its own language; running heads and folios are pagination artifacts.
import type { Issue } from '../model/types.js';
import { contentsPages } from './front/contents.js';
import type { TypesetContext } from './text/context.js';
import { coverItems } from './front/cover.js';
import { checkPages } from './page/does-not-fit.js';
import { leftMargin, textBlock, type Layout } from '../settings/layout.js';
import { label } from '../i18n/labels.js';
import type { FlowPage } from './page/paginate.js';
import type { TextBlock } from '../settings/layout.js';
import { append, translateItems, type Item, type Page, type StructElement } from '../pages/page.js';
import { Structure } from '../pages/structure.js';
import { furniture } from './furniture.js';
import { makeContext, type TypesetOptions, type TypesetResult } from './make-context.js';
import { layoutArticles, MAX_ROUNDS, startPages, type FrontPageOut } from './issue-articles.js';
import { newspaperFront } from './newspaper.js';

export { typesetArticle } from './article-pdf.js';
export type { TypesetOptions, TypesetResult } from './make-context.js';

export function typesetIssue(issue: Issue, layout: Layout, options: TypesetOptions = {}): TypesetResult {
  const { ctx, warnings } = makeContext(layout, options);
  const geom = textBlock(layout);
  // Cover and contents are read first: their elements are made before the articles'.
  const structure = new Structure();
  // A newspaper's front page: its masthead and its index ("In this issue").
  const [coverTitle, contentsTitle] = layout.runOn
    ? [label('frontPage', issue.language), label('inThisIssue', issue.language)]
    : [label('cover', issue.language), label('contents', issue.language)];
  const coverSect = structure.add('Sect', structure.root, { lang: issue.language, title: coverTitle });
  const contentsSect = structure.add('Sect', structure.root, { lang: issue.language, title: contentsTitle });
  const { front, bodies } = layout.runOn
    ? newspaperFront(ctx, issue, layout, geom, structure, coverSect, contentsSect)
    : magazineFront(ctx, issue, layout, geom, structure, coverSect, contentsSect);

  const pages: Page[] = [];
  const add = (items: Item[], extra: Item[] = [], log?: string[]) => {
    const n = pages.length + 1;
    const page: Page = {
      width: layout.pageWidth,
      height: layout.pageHeight,
      items: [...translateItems(items, leftMargin(layout, n), layout.margins.top), ...extra],
    };
    if (log?.length) page.log = log;
    pages.push(page);
  };
  const runningLeft = `${issue.publication} · ${issue.issue}`;
  for (const p of front) add(p.items, p.head ? furniture(ctx, layout, pages.length + 1, issue.language, p.head === true ? undefined : p.head) : []);
  let prevDept: string | undefined;
  const ran: NonNullable<TypesetResult['articles']> = [];
  const laid: NonNullable<TypesetResult['laid']> = new Map();
  const placedFillers: NonNullable<TypesetResult['fillers']> = [];
  for (const body of bodies) {
    const a = issue.articles[body.article];
    const marks: Item[] = [];
    if (!body.continued) {
      if (a.department && a.department !== prevDept) marks.push({ kind: 'bookmark', level: 1, title: a.department });
      marks.push({ kind: 'bookmark', level: a.department ? 2 : 1, title: a.titleText });
      prevDept = a.department;
    }
    const first = body.runOn ? pages.length : pages.length + 1;
    const last = first + body.pages.length - 1;
    const known = ran.find((r) => r.id === a.id);
    if (body.continued && known) known.last = last;
    else ran.push({ id: a.id, first, last });
    for (const id of body.fillers) placedFillers.push({ id, after: a.id, page: last });
    if (body.own) laid.set(a.id, { pages: body.own, root: structure.root });
    body.pages.forEach((p, j) => {
      if (j === 0 && body.runOn) {
        // Under the article before, on its last page, after a rule across the text block.
        const page = pages[pages.length - 1];
        const x = leftMargin(layout, pages.length);
        const y = layout.margins.top + body.offset;
        const ry = y - body.gap / 2;
        page.items.push({ kind: 'rule', x1: x, y1: ry, x2: x + geom.width, y2: ry, thickness: 0.5, color: ctx.scale.colors.rule });
        append(append(page.items, translateItems(p.items, x, y)), marks);
        if (p.log.length) page.log = [...(page.log ?? []), `${a.id}: run on under the article before, ${Math.round(body.offset)} pt down`, ...p.log];
        return;
      }
      const n = pages.length + 1;
      // A magazine article's first page has its opener and no running head; a newspaper's
      // inside pages all carry the folio line (paper · date · page) over the section.
      const head: [string, string] | undefined = layout.runOn
        ? [`${issue.publication} · ${issue.dateline} · ${n}`, a.department ?? '']
        : j === 0 && !body.continued
          ? undefined
          : [runningLeft, a.titleText];
      add(p.items, [...(j === 0 ? marks : []), ...furniture(ctx, layout, n, a.lang, head, { folio: !layout.runOn })], p.log);
    });
  }
  checkPages(ctx, pages);
  ctx.diagnostics.keep();
  return { pages, warnings, articles: ran, fillers: placedFillers, laid };
}

/**
 * A magazine opens with a cover and a contents page. The contents is laid out again until
 * the page numbers it gives are where the articles start (at most MAX_ROUNDS times).
 */
function magazineFront(
  ctx: TypesetContext,
  issue: Issue,
  layout: Layout,
  geom: TextBlock,
  structure: Structure,
  coverSect: StructElement,
  contentsSect: StructElement,
) {
  const bodies = layoutArticles(ctx, issue, layout, geom, structure);
  const cover = coverItems(ctx, issue, geom.width, geom.height, structure, coverSect);
  let numbers = issue.articles.map(() => 0);
  let contents: FlowPage[] = [];
  // Each round's warnings are held: only the contents kept report theirs, once.
  let kept = ctx.diagnostics.trial();
  for (let round = 0; round < MAX_ROUNDS; round++) {
    kept = ctx.diagnostics.trial();
    contents = contentsPages({ ...ctx, diagnostics: kept }, issue, geom, numbers, structure, contentsSect);
    const starts = startPages(2 + contents.length, bodies);
    const stable = starts.every((p, i) => p === numbers[i]);
    numbers = starts;
    if (stable) break;
  }
  kept.keep();
  const runningLeft = `${issue.publication} · ${issue.issue}`;
  const front: FrontPageOut[] = [
    { items: cover },
    ...contents.map((p, i): FrontPageOut => ({ items: p.items, head: i === 0 ? true : [runningLeft, label('contents', issue.language)] })),
  ];
  return { front, bodies };
}
