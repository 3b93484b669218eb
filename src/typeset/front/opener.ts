// An article's opener, across the columns of its first page: department in letterspaced
// capitals, title large in the heading face, deck, byline, note in italic, then a rule.
import { formatLongDate } from '../../i18n/dates.js';
import type { Article, Inline } from '../../model/types.js';
import type { TypesetContext } from '../text/context.js';
import { append, translateItems, type Item, type ItemTag, type StructElement } from '../../pages/page.js';
import { setParagraph } from '../text/paragraph.js';
import type { TextStyle } from '../text/paragraph-spec.js';
import { tagOf, type Structure } from '../../pages/structure.js';

/** What each part of the opener is in the article's structure: the title its H1. */
export interface OpenerTags {
  department: ItemTag;
  title: ItemTag;
  deck: ItemTag;
  byline: ItemTag;
  note: ItemTag;
}

/** The opener's elements, made before the body's so that they are read first. */
export function openerTags(structure: Structure, art: StructElement): OpenerTags {
  const p = () => tagOf(structure.add('P', art));
  return { department: p(), title: tagOf(structure.add('H1', art)), deck: p(), byline: p(), note: p() };
}

export function openerBlock(ctx: TypesetContext, article: Article, width: number, dest: string, tags: OpenerTags): { items: Item[]; height: number } {
  const s = ctx.scale;
  const o = s.opener;
  const items: Item[] = [{ kind: 'anchor', name: dest, x: 0, y: 0 }];
  let y = 0;
  const set = (content: Inline[], style: TextStyle, spaceBefore: number, tag: ItemTag) => {
    if (!content.length) return;
    if (y > 0) y += spaceBefore;
    for (const line of setParagraph(ctx, { content, style, width, lang: article.lang, pos: article.pos, tag })) {
      append(items, translateItems(line.items, 0, y));
      y += line.height;
    }
  };
  const text = (t: string): Inline[] => [{ kind: 'text', text: t, pos: article.pos }];
  const base = { color: s.colors.text, align: 'left' as const, hyphenate: false };
  if (article.department) {
    set(
      text(article.department),
      {
        ...base,
        family: 'body',
        bold: true,
        size: o.department.size,
        leading: o.department.size * 1.4,
        color: s.colors.accent,
        uppercase: true,
        letterSpacing: o.department.letterSpacing,
      },
      0,
      tags.department,
    );
    y += 0.35 * s.leading;
  }
  // A short title is set larger, so that it spans most of the measure rather than leaving
  // the columns beside it blank over the opener's height (at most TITLE_GROWTH times).
  const titleStyle: TextStyle = { ...base, family: 'heading', size: o.title.size, leading: o.title.leading, balance: true };
  const widest = Math.max(
    0,
    ...setParagraph(ctx, { content: article.title, style: titleStyle, width, lang: article.lang, pos: article.pos }).map((l) =>
      l.items.reduce((m, it) => (it.kind === 'text' ? Math.max(m, it.x + it.width) : m), 0),
    ),
  );
  const grow = widest > 0 ? Math.min(TITLE_GROWTH, Math.max(1, (TITLE_SPAN * width) / widest)) : 1;
  set(article.title, { ...titleStyle, size: o.title.size * grow, leading: o.title.leading * grow }, 0, tags.title);
  // The deck fills its lines (not balanced): its first line runs across the measure.
  if (article.deck?.length)
    set(article.deck, { ...base, family: 'body', italic: true, size: o.deck.size, leading: o.deck.leading }, 0.45 * s.leading, tags.deck);
  // The byline, and the date the article was first published after it ("By Ana Reyes · 3 March 2024").
  const date = article.date ? formatLongDate(article.date, article.lang) : undefined;
  const byline = article.bylineInlines ?? (article.byline ? text(article.byline) : []);
  const dated = date ? [...byline, ...text(byline.length ? ` · ${date}` : date)] : byline;
  if (dated.length) {
    set(
      dated,
      { ...base, family: 'body', size: o.byline.size, leading: o.byline.size * 1.5, uppercase: true, letterSpacing: o.byline.letterSpacing },
      0.6 * s.leading,
      tags.byline,
    );
  }
  if (article.note?.length)
    set(article.note, { ...base, family: 'body', italic: true, size: o.note.size, leading: o.note.leading, color: s.colors.muted }, 0.4 * s.leading, tags.note);
  y += 0.6 * s.leading;
  items.push({ kind: 'rule', x1: 0, y1: y, x2: width, y2: y, thickness: 0.6, color: s.colors.rule });
  y += o.gap;
  return { items, height: y };
}

/** Share of the measure a title's longest line should reach. */
const TITLE_SPAN = 0.62;
/** The most a short title is enlarged. */
const TITLE_GROWTH = 1.5;
