// A newspaper's front page (run-on layouts): the masthead, then an index of the issue, each
// entry a title and the page it starts on, in the layout's columns; the first story runs on
// under it. It takes the place of the cover and the contents page. Page numbers come from
// the caller, who lays out again until they are stable.
import type { Inline, Issue } from '../../model/types.js';
import type { TypesetContext } from '../text/context.js';
import { MASTHEAD, mastheadItems } from './cover.js';
import { reportOverflow } from '../page/does-not-fit.js';
import { articleDest } from '../page/dests.js';
import { label as labelText } from '../../i18n/labels.js';
import type { TextBlock } from '../../settings/layout.js';
import { columnWidth } from '../../settings/layout.js';
import { append, translateItems, type Item, type StructElement, type TextItem } from '../../pages/page.js';
import { setParagraph } from '../text/paragraph.js';
import type { TextStyle } from '../text/paragraph-spec.js';
import { tagOf, type Structure } from '../../pages/structure.js';

export interface FrontPage {
  items: Item[];
  /** Down to the rule under the index: the first story starts below. */
  height: number;
}

/**
 * `cover`: the masthead's element in the structure; `contents`: the index's (a TOC with a
 * TOCI per entry, its title and page number a Reference).
 */
export function frontPage(
  ctx: TypesetContext,
  issue: Issue,
  geom: TextBlock,
  numbers: readonly number[],
  structure: Structure,
  cover: StructElement,
  contents: StructElement,
): FrontPage {
  const s = ctx.scale;
  const masthead = mastheadItems(ctx, issue, geom.width, structure, cover);
  const items = masthead.items;
  let y = masthead.height + 0.5 * s.leading;
  const base = { color: s.colors.text, hyphenate: false };

  const label: TextStyle = {
    ...base,
    align: 'left',
    family: 'body',
    bold: true,
    size: 0.85 * s.size,
    leading: 1.4 * s.size,
    color: s.colors.accent,
    uppercase: true,
    letterSpacing: s.capsSpacing,
  };
  y = setAt(ctx, items, y, text(labelText('inThisIssue', issue.language)), label, geom.width, issue.language, tagOf(structure.add('H1', contents)));
  y += 0.2 * s.leading;

  // The entries down the columns, as many rows as it takes.
  const toc = structure.add('TOC', contents);
  const colWidth = columnWidth(geom);
  const numKey = 'heading:bold' as const;
  const style: TextStyle = { ...base, align: 'left', family: 'heading', size: 1.05 * s.size, leading: 1.3 * s.size };
  const cells = issue.articles.map((a, i) => {
    const cell: Item[] = [];
    const own = a.lang === issue.language ? {} : { lang: a.lang };
    const reference = tagOf(structure.add('Reference', structure.add('TOCI', toc), own));
    const num = String(numbers[i] ?? '');
    const nw = ctx.fonts.width(numKey, num) * style.size;
    const h = setAt(ctx, cell, 0, a.title, style, colWidth - nw - s.size, a.lang, reference);
    const lines = cell.filter((it): it is TextItem => it.kind === 'text');
    const baseY = lines.length ? lines.reduce((y, t) => Math.max(y, t.y), -Infinity) : style.size;
    for (const t of lines.filter((t) => t.y === baseY).slice(-1)) t.spaceAfter = true;
    cell.push({
      kind: 'text',
      x: colWidth - nw,
      y: baseY,
      font: numKey,
      file: ctx.fonts.file(numKey),
      size: style.size,
      place: a.pos,
      text: num,
      color: s.colors.text,
      width: nw,
      tag: reference,
    });
    cell.push({ kind: 'link', x: 0, y: 0, w: colWidth, h, target: { kind: 'dest', name: articleDest(a) } });
    return { items: cell, height: h };
  });
  const perColumn = Math.ceil(cells.length / geom.columns);
  let bottom = y;
  // Height of the entries above in the column, summed as they come (not again for each entry;
  // in the same order of additions, so the positions are the same to the last bit).
  let above = 0;
  cells.forEach((c, i) => {
    const col = Math.floor(i / perColumn);
    if (i === col * perColumn) above = 0;
    const x = col * (colWidth + geom.gutter);
    const rowTop = y + above;
    append(items, translateItems(c.items, x, rowTop));
    bottom = Math.max(bottom, rowTop + c.height);
    above = above + c.height + 0.35 * s.leading;
  });
  const height = bottom + 0.4 * s.leading;
  // The index does not go on overleaf: taller than the page, it is an error.
  const source = masthead.height > geom.height ? MASTHEAD : INDEX;
  return { items: reportOverflow(ctx, { source, height, room: geom.height }, items), height };
}

const pos = { file: 'edition.yaml', line: 1, column: 1 };
const INDEX = {
  what: 'the front page’s index of the issue',
  place: pos,
  hint: 'the index holds the titles of every article: shorten them, or have fewer articles in the issue',
};
const text = (t: string): Inline[] => [{ kind: 'text', text: t, pos }];

function setAt(
  ctx: TypesetContext,
  items: Item[],
  y: number,
  content: readonly Inline[],
  style: TextStyle,
  width: number,
  lang: string,
  tag: ReturnType<typeof tagOf>,
): number {
  for (const line of setParagraph(ctx, { content, style, width, lang, pos, tag })) {
    append(items, translateItems(line.items, 0, y));
    y += line.height;
  }
  return y;
}
