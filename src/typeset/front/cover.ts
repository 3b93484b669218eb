// The cover: publication, issue and dateline set large; then the cover image (print
// variant) or, without one, the lead articles of the issue, each a link to its opener.
import type { Inline, Issue } from '../../model/types.js';
import type { TypesetContext } from '../text/context.js';
import { articleDest } from '../page/dests.js';
import { label } from '../../i18n/labels.js';
import { append, translateItems, type Item, type StructElement } from '../../pages/page.js';
import { setParagraph } from '../text/paragraph.js';
import type { TextStyle } from '../text/paragraph-spec.js';
import { tagOf, type Structure } from '../../pages/structure.js';
import { reportOverflow } from '../page/does-not-fit.js';

/**
 * The masthead across the top of the cover (or a newspaper's front page): a rule, the name
 * as large as fits on one line, issue and dateline, a rule. Each line of text is a P in `sect`.
 */
export function mastheadItems(ctx: TypesetContext, issue: Issue, width: number, structure: Structure, sect: StructElement): { items: Item[]; height: number } {
  const s = ctx.scale;
  const items: Item[] = [];
  const set = setterAt(ctx, issue, width, items, structure, sect);
  const center = { color: s.colors.text, align: 'center' as const, hyphenate: false };
  let y = 0;
  items.push({ kind: 'rule', x1: 0, y1: 1.5, x2: width, y2: 1.5, thickness: 3, color: s.colors.accent });
  y += 0.9 * s.leading;
  // The name as large as fits on one line (down to half size, then wrapped).
  const nameKey = 'heading:bold' as const;
  const natural = ctx.fonts.width(nameKey, issue.publication);
  const size = Math.max(2.4 * s.size, Math.min(5.2 * s.size, (0.96 * width) / Math.max(natural, 0.01)));
  y = set(y, text(issue.publication), { ...center, family: 'heading', bold: true, size, leading: size * 1.05 });
  y += 0.4 * s.leading;
  y = set(y, text(`${issue.issue} · ${issue.dateline}`), {
    ...center,
    family: 'body',
    size: 1.05 * s.size,
    leading: 1.6 * s.size,
    uppercase: true,
    letterSpacing: s.capsSpacing,
  });
  y += 0.4 * s.leading;
  items.push({ kind: 'rule', x1: 0, y1: y, x2: width, y2: y, thickness: 0.6, color: s.colors.rule });
  return { items, height: y };
}

const text = (t: string): Inline[] => [{ kind: 'text', text: t, pos: { file: 'edition.yaml', line: 1, column: 1 } }];

/** The masthead, should it be taller than the page. */
export const MASTHEAD = {
  what: 'the masthead (the publication’s name, issue and dateline)',
  place: { file: 'edition.yaml', line: 1, column: 1 },
  hint: 'shorten the publication’s name or the issue',
};

/** Sets a paragraph at `y` into `items`, tagged as a P of `sect`; returns the y under it. */
function setterAt(ctx: TypesetContext, issue: Issue, width: number, items: Item[], structure: Structure, sect: StructElement) {
  return (y: number, content: Inline[], style: TextStyle, lang = issue.language): number => {
    const tag = tagOf(structure.add('P', sect, lang === issue.language ? {} : { lang }));
    for (const line of setParagraph(ctx, { content, style, width, lang, pos: { file: 'edition.yaml', line: 1, column: 1 }, tag })) {
      append(items, translateItems(line.items, 0, y));
      y += line.height;
    }
    return y;
  };
}

/** `sect`: the cover's element in the document's structure; each line of text is a P in it. */
export function coverItems(ctx: TypesetContext, issue: Issue, width: number, height: number, structure: Structure, sect: StructElement): Item[] {
  const s = ctx.scale;
  const masthead = mastheadItems(ctx, issue, width, structure, sect);
  const items: Item[] = reportOverflow(ctx, { source: MASTHEAD, height: masthead.height, room: height }, masthead.items);
  const put = setterAt(ctx, issue, width, items, structure, sect);
  let y = masthead.height;
  const set = (content: Inline[], style: TextStyle, lang = issue.language): number => {
    const top = y;
    y = put(y, content, style, lang);
    return y - top;
  };
  const center = { color: s.colors.text, align: 'center' as const, hyphenate: false };
  y += 1.6 * s.leading;

  const bottom = height - (issue.publisher ? 2 * s.leading : 0);
  if (issue.cover) {
    const img = issue.cover;
    const aspect = img.width / img.height;
    let w = width;
    let h = w / aspect;
    // None when the masthead took the page (reported above).
    const room = Math.max(0, bottom - y - s.leading);
    if (h > room) {
      h = room;
      w = h * aspect;
    }
    const alt = label('coverAlt', issue.language, {
      title: [issue.publication, issue.issue]
        .map((t) => t.trim())
        .filter(Boolean)
        .join(' '),
    });
    items.push({ kind: 'image', imageId: img.id, x: (width - w) / 2, y, w, h, tag: tagOf(structure.add('Figure', sect, { alt })) });
  } else {
    for (const a of issue.articles.slice(0, 4)) {
      const start = y;
      const before = items.length;
      if (a.department) {
        set(
          text(a.department),
          {
            ...center,
            family: 'body',
            bold: true,
            size: 0.85 * s.size,
            leading: 1.5 * s.size,
            color: s.colors.accent,
            uppercase: true,
            letterSpacing: s.capsSpacing,
          },
          a.lang,
        );
        y += 0.2 * s.leading;
      }
      set(a.title, { ...center, family: 'heading', size: 2.1 * s.size, leading: 2.35 * s.size, balance: true }, a.lang);
      if (a.deck?.length) {
        y += 0.3 * s.leading;
        set(a.deck, { ...center, family: 'body', italic: true, size: 1.1 * s.size, leading: 1.45 * s.size }, a.lang);
      }
      if (y > bottom - s.leading) {
        items.length = before;
        y = start;
        break;
      }
      items.push({ kind: 'link', x: 0, y: start, w: width, h: y - start, target: { kind: 'dest', name: articleDest(a) } });
      y += 1.8 * s.leading;
    }
  }
  if (issue.publisher) {
    y = height - s.leading;
    set(text(issue.publisher), { ...center, family: 'body', size: 0.9 * s.size, leading: s.leading, uppercase: true, letterSpacing: s.capsSpacing });
  }
  return items;
}
