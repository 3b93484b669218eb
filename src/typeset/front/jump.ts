// A story jumped from a newspaper's front page: the line under its part on page 1
// ("Continued on page 2"), and the head over its continuation inside (its title again,
// smaller, and "Continued from page 1"), both in the story's language. Both are page
// furniture for a reader of the tagged PDF, as running heads are: the story reads on.
import { label } from '../../i18n/labels.js';
import type { Article, Inline } from '../../model/types.js';
import { append, translateItems, type Item } from '../../pages/page.js';
import { PAGINATION } from '../../pages/structure.js';
import type { TypesetContext } from '../text/context.js';
import { setParagraph } from '../text/paragraph.js';
import type { TextStyle } from '../text/paragraph-spec.js';

export interface JumpBlock {
  items: Item[];
  height: number;
}

/** "Continued on page N", ranged right across `width`, a little space above it. */
export function jumpLine(ctx: TypesetContext, article: Article, page: number, width: number): JumpBlock {
  const s = ctx.scale;
  const text: Inline[] = [{ kind: 'text', text: label('continuedOn', article.lang, { n: page }), pos: article.pos }];
  const style: TextStyle = { family: 'body', italic: true, size: 0.9 * s.size, leading: s.leading, color: s.colors.text, align: 'right', hyphenate: false };
  const items: Item[] = [];
  let y = 0.5 * s.leading;
  for (const line of setParagraph(ctx, { content: text, style, width, lang: article.lang, pos: article.pos, tag: PAGINATION })) {
    append(items, translateItems(line.items, 0, y));
    y += line.height;
  }
  return { items, height: y };
}

/** The head of the continuation: the title in bold at a subhead's size, "Continued from page N" under it, a rule. */
export function jumpHead(ctx: TypesetContext, article: Article, from: number, width: number, dest: string): JumpBlock {
  const s = ctx.scale;
  const h = s.headings[2];
  const items: Item[] = [{ kind: 'anchor', name: dest, x: 0, y: 0 }];
  let y = 0;
  const set = (content: Inline[], style: TextStyle) => {
    for (const line of setParagraph(ctx, { content, style, width, lang: article.lang, pos: article.pos, tag: PAGINATION })) {
      append(items, translateItems(line.items, 0, y));
      y += line.height;
    }
  };
  set(article.title, { family: 'heading', size: h.size, leading: h.leading, color: s.colors.text, align: 'left', hyphenate: false, balance: true });
  set([{ kind: 'text', text: label('continuedFrom', article.lang, { n: from }), pos: article.pos }], {
    family: 'body',
    italic: true,
    size: 0.9 * s.size,
    leading: s.leading,
    color: s.colors.muted,
    align: 'left',
    hyphenate: false,
  });
  y += 0.4 * s.leading;
  items.push({ kind: 'rule', x1: 0, y1: y, x2: width, y2: y, thickness: 0.6, color: s.colors.rule });
  y += s.opener.gap * 0.6;
  return { items, height: y };
}
