// The contents: every article with its department, title, deck, byline and the page it
// starts on (after dot leaders), each entry a link to the article's opener. One column,
// so text extraction reads entry by entry. Page numbers come from the caller, who lays
// out again until they are stable.
import type { Inline, Issue } from '../../model/types.js';
import type { TypesetContext } from '../text/context.js';
import { articleDest } from '../page/dests.js';
import type { Element } from '../page/flow.js';
import { label as labelText } from '../../i18n/labels.js';
import { paginateFlow, type FlowPage } from '../page/paginate.js';
import { reportOverflows } from '../page/does-not-fit.js';
import type { TextBlock } from '../../settings/layout.js';
import { append, translateItems, type Item, type ItemTag, type StructElement, type TextItem } from '../../pages/page.js';
import { setParagraph } from '../text/paragraph.js';
import type { TextStyle } from '../text/paragraph-spec.js';
import { tagOf, type Structure } from '../../pages/structure.js';

/**
 * `sect`: the contents' element in the document's structure. In it, the heading (H1), the
 * dateline (P) and a TOC with a TOCI per entry: department (P), title with its page number
 * (Reference), deck and byline (P). Dot leaders and rules are decoration.
 */
export function contentsPages(
  ctx: TypesetContext,
  issue: Issue,
  geom: TextBlock,
  numbers: readonly number[],
  structure: Structure,
  sect: StructElement,
): FlowPage[] {
  const s = ctx.scale;
  const c = s.contents;
  const W = geom.width;
  const numWidth = 3 * s.size;
  const base = baseStyle(ctx);
  const setInto = setter(ctx);

  // Heading across the top of the first page.
  const label = labelText('contents', issue.language);
  const head: Item[] = [{ kind: 'bookmark', level: 1, title: label }];
  let hy = setInto(head, 0, text(label), { ...base, family: 'heading', bold: true, ...c.heading }, W, issue.language, tagOf(structure.add('H1', sect)));
  const dateline = `${issue.publication} · ${issue.issue} · ${issue.dateline}`;
  hy = setInto(
    head,
    hy,
    text(dateline),
    { ...base, family: 'body', size: 0.85 * s.size, leading: 1.4 * s.size, uppercase: true, letterSpacing: s.capsSpacing, color: s.colors.muted },
    W,
    issue.language,
    tagOf(structure.add('P', sect)),
  );
  hy += 0.4 * s.leading;
  head.push({ kind: 'rule', x1: 0, y1: hy, x2: W, y2: hy, thickness: 0.6, color: s.colors.rule });
  hy += 1.2 * s.leading;

  // Page numbers right-aligned; the leaders end just before the widest of them.
  const numKey = 'heading:bold' as const;
  const widest = numbers.reduce((w, n) => Math.max(w, ctx.fonts.width(numKey, String(n)) * c.title.size), 0);
  const leadersEnd = W - widest - 0.35 * c.title.size;
  // A contents a little too long for one page is set again with less space between entries.
  const toc = structure.add('TOC', sect);
  const pages = paginateContents(ctx, issue, geom, numbers, head, hy, W, numWidth, leadersEnd, 1, structure, toc);
  if (pages.length <= 1) return pages;
  // The same text again: its warnings are already given, so this try's are never kept.
  const tight = paginateContents(
    { ...ctx, diagnostics: ctx.diagnostics.trial() },
    issue,
    geom,
    numbers,
    head,
    hy,
    W,
    numWidth,
    leadersEnd,
    0.35,
    structure,
    toc,
  );
  return tight.length < pages.length ? tight : pages;
}

function paginateContents(
  ctx: TypesetContext,
  issue: Issue,
  geom: TextBlock,
  numbers: readonly number[],
  head: Item[],
  hy: number,
  W: number,
  numWidth: number,
  leadersEnd: number,
  spacing: number,
  structure: Structure,
  toc: StructElement,
): FlowPage[] {
  const s = ctx.scale;
  const c = s.contents;
  const numKey = 'heading:bold' as const;
  const base = baseStyle(ctx);
  const setInto = setter(ctx);
  const els: Element[] = [];
  let prevDept: string | undefined;
  issue.articles.forEach((a, i) => {
    const items: Item[] = [];
    let y = 0;
    const entry = structure.add('TOCI', toc);
    const own = a.lang === issue.language ? {} : { lang: a.lang };
    let space = i === 0 ? 0 : c.entrySpace * spacing;
    if (a.department && a.department !== prevDept) {
      y = setInto(
        items,
        y,
        text(a.department),
        { ...base, family: 'body', bold: true, ...c.department, color: s.colors.accent, uppercase: true, letterSpacing: s.capsSpacing },
        W - numWidth,
        a.lang,
        tagOf(structure.add('P', entry)),
      );
      y += 0.1 * s.leading;
      if (i > 0) space = c.groupSpace * spacing;
    }
    prevDept = a.department;
    const titleTop = y;
    const titleStyle: TextStyle = { ...base, family: 'heading', ...c.title, balance: true };
    const titleItems: Item[] = [];
    const reference = tagOf(structure.add('Reference', entry, own));
    y = setInto(titleItems, y, a.title, titleStyle, W - numWidth, a.lang, reference);
    append(items, titleItems);
    // Dot leaders from the title's last line to the page number, on its baseline.
    const texts = titleItems.filter((it): it is TextItem => it.kind === 'text');
    const baseY = texts.length ? texts.reduce((y, t) => Math.max(y, t.y), -Infinity) : titleTop + titleStyle.size;
    const lineEnd = texts.reduce((x, t) => (t.y === baseY ? Math.max(x, t.x + t.width) : x), 0);
    // The title and its page number read as two words (the leaders between are decoration).
    const last = texts.filter((t) => t.y === baseY && t.x + t.width === lineEnd).pop();
    if (last) last.spaceAfter = true;
    items.push(...leaders(ctx, lineEnd + 0.5 * s.size, leadersEnd, baseY, titleStyle.size, s.colors.muted));
    const num = String(numbers[i] ?? '');
    const nw = ctx.fonts.width(numKey, num) * titleStyle.size;
    items.push({
      kind: 'text',
      x: W - nw,
      y: baseY,
      font: numKey,
      file: ctx.fonts.file(numKey),
      size: titleStyle.size,
      place: a.pos,
      text: num,
      color: s.colors.text,
      width: nw,
      tag: reference,
    });
    // Deck in italic, then the byline in roman, in one paragraph.
    const by: Inline[] = a.byline ? [{ kind: 'emphasis', children: text(a.byline), pos }] : [];
    const deck: Inline[] = [...(a.deck ?? []), ...(a.deck?.length && by.length ? text(' — ') : []), ...by];
    if (deck.length)
      y = setInto(
        items,
        y + 0.1 * s.leading,
        deck,
        { ...base, family: 'body', italic: true, ...c.deck },
        W - numWidth,
        a.lang,
        tagOf(structure.add('P', entry, own)),
      );
    items.push({ kind: 'link', x: 0, y: titleTop, w: W, h: y - titleTop, target: { kind: 'dest', name: articleDest(a) } });
    const source = { what: `the contents entry of article ${i + 1}`, place: a.pos, hint: 'shorten the title, deck or byline' };
    els.push({ height: y, spaceBefore: space, breakAfter: true, items, source });
  });
  const pages = paginateFlow(
    els,
    () => undefined,
    { ...geom, columns: 1, gutter: 0 },
    {
      top: { items: head, height: hy, source: { what: 'the head of the contents', place: pos, hint: 'shorten the publication’s name or issue' } },
      balance: false,
      noteSep: 0,
      gap: 0,
      ruleColor: s.colors.rule,
    },
  );
  reportOverflows(ctx, pages);
  return pages;
}

/** Dots between x0 and x1 on one baseline, ending at x1 (so they line up entry under entry). */
function leaders(ctx: TypesetContext, x0: number, x1: number, y: number, size: number, color: string): TextItem[] {
  const key = 'body:regular' as const;
  const dot = ctx.fonts.width(key, '.') * size;
  const space = ctx.fonts.width(key, ' ') * size;
  const step = size * 0.55;
  const n = Math.floor((x1 - x0 + step - dot) / step);
  if (n < 2) return [];
  const width = n * dot + (n - 1) * (step - dot);
  const text = Array.from({ length: n }, () => '.').join(' ');
  return [{ kind: 'text', x: x1 - width, y, font: key, file: ctx.fonts.file(key), size, text, color, width, wordSpacing: step - dot - space }];
}

/** The contents page is written by the tool: its text is placed at the manifest. */
const pos = { file: 'edition.yaml', line: 1, column: 1 };
const text = (t: string): Inline[] => [{ kind: 'text', text: t, pos }];

function baseStyle(ctx: TypesetContext) {
  return { color: ctx.scale.colors.text, align: 'left' as const, hyphenate: false };
}

/** Sets `content` as lines into `items` from `y` down; returns the y under the last line. */
function setter(ctx: TypesetContext) {
  return (items: Item[], y: number, content: Inline[], style: TextStyle, width: number, lang: string, tag: ItemTag): number => {
    for (const line of setParagraph(ctx, { content, style, width, lang, pos, tag })) {
      append(items, translateItems(line.items, 0, y));
      y += line.height;
    }
    return y;
  };
}
