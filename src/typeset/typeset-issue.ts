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
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { Trial, type DiagnosticSink } from '../diagnostics/trial.js';
import type { Article, Inline, Issue } from '../model/types.js';
import { layoutArticle, type ArticlePages } from './article.js';
import type { LineBreaker } from './text/break-lines.js';
import { contentsPages } from './front/contents.js';
import type { TypesetContext } from './text/context.js';
import { coverItems } from './front/cover.js';
import { frontPage } from './front/front-page.js';
import { linkResolver } from './page/dests.js';
import { checkPages } from './page/does-not-fit.js';
import { LinkIndex } from '../model/links.js';
import { Fonts } from './text/fonts.js';
import { leftMargin, textBlock, type Layout } from '../settings/layout.js';
import { label } from '../i18n/labels.js';
import type { FlowPage } from './page/paginate.js';
import type { TextBlock } from '../settings/layout.js';
import { append, translateItems, type Item, type Page, type StructElement } from '../pages/page.js';
import { setParagraph } from './text/paragraph.js';
import { excerpt } from './text/break-items.js';
import type { TextStyle } from './text/paragraph-spec.js';
import { PAGINATION, Structure, tagItems } from '../pages/structure.js';
import { typeScale } from '../settings/type-scale.js';
import { totalFit } from './text/total-fit.js';

export interface TypesetResult {
  pages: Page[];
  /** What was reported (to `TypesetOptions.report` too), for the preflight report. */
  warnings: Diagnostic[];
}

export interface TypesetOptions {
  /** The line breaker: Knuth–Plass total fit by default (`firstFit` for comparison). */
  breaker?: LineBreaker;
  /** Where warnings go as the layout that is kept is settled (the build's Reporter). */
  report?: DiagnosticSink;
}

const MAX_ROUNDS = 5;

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
  issue.articles.forEach((a, i) => {
    const marks: Item[] = [];
    if (a.department && a.department !== prevDept) marks.push({ kind: 'bookmark', level: 1, title: a.department });
    marks.push({ kind: 'bookmark', level: a.department ? 2 : 1, title: a.titleText });
    prevDept = a.department;
    const body = bodies[i];
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
      add(p.items, [...(j === 0 ? marks : []), ...furniture(ctx, layout, n, a.lang, j === 0 ? undefined : [runningLeft, a.titleText])], p.log);
    });
  });
  checkPages(ctx, pages);
  ctx.diagnostics.keep();
  return { pages, warnings };
}

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

function makeContext(layout: Layout, options: TypesetOptions): { ctx: TypesetContext; warnings: Diagnostic[] } {
  const warnings: Diagnostic[] = [];
  const sink: DiagnosticSink = {
    report: (d) => {
      warnings.push(d);
      options.report?.report(d);
    },
  };
  const ctx = {
    fonts: new Fonts(layout),
    scale: typeScale(layout),
    breaker: options.breaker ?? totalFit,
    diagnostics: new Trial(sink),
    linkTarget: () => undefined,
  };
  return { ctx, warnings };
}

interface Body extends ArticlePages {
  /** Where its first page's items start below the text block's top (run-on articles). */
  offset: number;
  /** Space between it and the article above, with a rule in the middle. */
  gap: number;
}

/** A page before the articles; `head`: its folio, and the running head when given one. */
interface FrontPageOut {
  items: Item[];
  head?: true | [string, string];
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

/**
 * A newspaper (run-on layouts) opens with its front page: the masthead and an index, with
 * the first story under them. The index gives page numbers, its height moves the stories:
 * laid out again until both are stable.
 */
function newspaperFront(
  ctx: TypesetContext,
  issue: Issue,
  layout: Layout,
  geom: TextBlock,
  structure: Structure,
  coverSect: StructElement,
  contentsSect: StructElement,
) {
  let numbers = issue.articles.map(() => 1);
  // Each layout of the front page gathers its own warnings; the last one's are reported.
  const front = () => {
    const fctx: TypesetContext = { ...ctx, diagnostics: ctx.diagnostics.trial() };
    return { fctx, page: frontPage(fctx, issue, geom, numbers, structure, coverSect, contentsSect) };
  };
  let set = front();
  let page = set.page;
  // Each layout of the stories gathers its own warnings; the last one's are reported.
  const stories = (top: number) => {
    const actx: TypesetContext = { ...ctx, diagnostics: ctx.diagnostics.trial() };
    return { actx, bodies: layoutArticles(actx, issue, layout, geom, structure, top) };
  };
  let laid = stories(page.height);
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const starts = startPages(2, laid.bodies);
    if (starts.every((p, i) => p === numbers[i])) break;
    numbers = starts;
    const height = page.height;
    set = front();
    page = set.page;
    if (page.height !== height) laid = stories(page.height);
  }
  set.fctx.diagnostics.keep();
  laid.actx.diagnostics.keep();
  return { front: [{ items: page.items }] as FrontPageOut[], bodies: laid.bodies };
}

/**
 * Every article's pages. In a run-on layout an article starts under the one before when
 * that one's last page has room for its headline and a few lines (see layoutArticle); the
 * first one under `top`, the height the front page takes (none: it starts a page).
 */
function layoutArticles(ctx: TypesetContext, issue: Issue, layout: Layout, geom: TextBlock, structure: Structure, top?: number): Body[] {
  const gap = 2 * ctx.scale.leading;
  const links = new LinkIndex(issue.articles);
  const out: Body[] = [];
  // How far down the last page the article before ends (the whole page: no room).
  let end = top ?? geom.height;
  for (const a of issue.articles) {
    const room = layout.runOn && (out.length || top !== undefined) ? geom.height - end - gap : undefined;
    const body = layoutArticle({ ...ctx, linkTarget: linkResolver(links, a) }, a, geom, structure, structure.root, room);
    const offset = body.runOn ? end + gap : 0;
    const last = body.pages[body.pages.length - 1];
    end = (body.pages.length === 1 ? offset : 0) + last.used;
    out.push({ ...body, offset, gap });
  }
  return out;
}

function startPages(first: number, bodies: readonly ArticlePages[]): number[] {
  const out: number[] = [];
  let p = first;
  for (const b of bodies) {
    // A run-on article starts on the last page of the one before.
    if (b.runOn) p--;
    out.push(p);
    p += b.pages.length;
  }
  return out;
}

/** Folio on the outside corner; running head (left and right texts) above the text block. */
function furniture(ctx: TypesetContext, layout: Layout, page: number, lang: string, head?: [string, string]): Item[] {
  const s = ctx.scale;
  const rh = s.runningHead;
  const m = layout.margins;
  const x0 = leftMargin(layout, page);
  const width = layout.pageWidth - m.inside - m.outside;
  const items: Item[] = [];
  const folio = oneLine(
    ctx,
    String(page),
    { family: 'body', size: 0.9 * s.size, leading: s.leading, color: s.colors.text, align: 'left', hyphenate: false },
    lang,
    width,
  );
  const fy = m.top + (layout.pageHeight - m.top - m.bottom) + rh.drop;
  items.push(...translateItems(folio.items, page % 2 === 1 ? x0 + width - folio.width : x0, fy));
  if (head) {
    const y = m.top - rh.raise;
    const half = width / 2 - s.size;
    const left = oneLine(
      ctx,
      head[0],
      {
        family: 'body',
        size: rh.size,
        leading: s.leading,
        color: s.colors.muted,
        align: 'left',
        hyphenate: false,
        uppercase: true,
        letterSpacing: s.capsSpacing,
      },
      lang,
      half,
    );
    const right = oneLine(
      ctx,
      head[1],
      { family: 'body', italic: true, size: rh.size * 1.1, leading: s.leading, color: s.colors.muted, align: 'left', hyphenate: false },
      lang,
      half,
    );
    items.push(...translateItems(left.items, x0, y), ...translateItems(right.items, x0 + width - right.width, y));
    items.push({ kind: 'rule', x1: x0, y1: y + 0.45 * s.leading, x2: x0 + width, y2: y + 0.45 * s.leading, thickness: 0.3, color: s.colors.rule });
  }
  return tagItems(items, PAGINATION);
}

/**
 * Text on one line with its baseline at y = 0, shortened with an ellipsis to fit: by whole
 * words while there are two, then by characters. The shorter versions are tried by
 * bisection (each is narrower than the one before), and a text far longer than could ever
 * fit is cut first (no glyph is narrower than a twentieth of an em), so that a title of
 * ten thousand characters on every page costs a few settings, not thousands.
 */
function oneLine(ctx: TypesetContext, text: string, style: TextStyle, lang: string, max: number): { items: Item[]; width: number } {
  const pos = { file: '', line: 1, column: 1 };
  const set = (t: string) => {
    const content: Inline[] = [{ kind: 'text', text: t, pos }];
    const [line] = setParagraph(ctx, { content, style, width: 1e5, lang, pos });
    const runs = (line?.items ?? []).filter((i) => i.kind === 'text');
    const width = runs.reduce((w, r) => Math.max(w, r.kind === 'text' ? r.x + r.width : 0), 0);
    return { items: translateItems(line?.items ?? [], 0, -(line?.baseline ?? 0)), width };
  };
  const first = set(text);
  if (first.width <= max || text.length <= 1) return first;
  const most = Math.ceil(max / (0.05 * style.size)) + 1;
  let t = text.length > most ? excerpt(text, most) : text;
  const tries: string[] = [];
  while (t.length > 1) {
    const words = t.replace(/…$/, '').split(' ');
    t = (words.length > 1 ? words.slice(0, -1).join(' ') : t.slice(0, -2)).replace(/[\uD800-\uDBFF]$/, '').replace(/[\s,;:·–—-]+$/, '') + '…';
    tries.push(t);
  }
  // The first that fits; the last is taken whatever its width.
  let lo = 0;
  let hi = tries.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (set(tries[mid]).width <= max) hi = mid;
    else lo = mid + 1;
  }
  return set(tries[lo]);
}
