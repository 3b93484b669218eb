// The cover: publication, issue and dateline set large; then the cover image (print
// variant) or, without one, every article of the issue, each a link to its opener: set
// smaller step by step until the list fits, and what still does not fit is reported.
import type { Inline, Issue, Position } from '../../model/types.js';
import type { TypesetContext } from '../text/context.js';
import { articleDest } from '../page/dests.js';
import { label } from '../../i18n/labels.js';
import { append, translateItems, type Item, type StructElement } from '../../pages/page.js';
import { setParagraph } from '../text/paragraph.js';
import type { TextStyle } from '../text/paragraph-spec.js';
import { tagOf, type Structure } from '../../pages/structure.js';
import { reportOverflow } from '../page/does-not-fit.js';
import { warning } from '../../diagnostics/diagnostic.js';

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
  return (y: number, content: Inline[], style: TextStyle, lang = issue.language, pos: Position = { file: 'edition.yaml', line: 1, column: 1 }): number => {
    const tag = tagOf(structure.add('P', sect, lang === issue.language ? {} : { lang }));
    for (const line of setParagraph(ctx, { content, style, width, lang, pos, tag })) {
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
    // Room down to a leading above the publisher's line.
    coverList(ctx, issue, width, y, bottom - s.leading, structure, sect, items);
  }
  if (issue.publisher) {
    put(height - s.leading, text(issue.publisher), {
      ...center,
      family: 'body',
      size: 0.9 * s.size,
      leading: s.leading,
      uppercase: true,
      letterSpacing: s.capsSpacing,
    });
  }
  return items;
}

/** The title's size at full scale and the least it is set at, in ems of the body size. */
const TITLE = { size: 2.1, leading: 2.35, min: 1.2 };
/** The deck's: it is dropped rather than set below its least size. */
const DECK = { size: 1.1, leading: 1.45, min: 0.85 };
/** The scales the list is tried at, largest first: a twentieth of the size each step, down to the titles' least. */
const STEPS = [...Array.from({ length: 9 }, (_, i) => 1 - i / 20), TITLE.min / TITLE.size];

/** One way of setting the list: the scale of titles and the space between, with or without decks. */
interface ListSize {
  scale: number;
  decks: boolean;
}

/**
 * The sizes tried, in order: with decks while the deck keeps its least size, then without,
 * from the scale reached down to the titles' least size. The size never grows from one
 * try to the next, so the cover with the most text that fits is the first found.
 */
export function coverListSizes(): ListSize[] {
  const withDecks = STEPS.filter((f) => DECK.size * f >= DECK.min - 1e-9);
  const last = withDecks[withDecks.length - 1];
  return [...withDecks.map((scale) => ({ scale, decks: true })), ...STEPS.filter((f) => f <= last).map((scale) => ({ scale, decks: false }))];
}

/**
 * Every article of the issue, listed between `top` and `bottom` at the largest size that
 * fits (see `coverListSizes`); at the least size, those that do not fit are left out and
 * a warning says how many. Appends to `items`; returns the y under the list.
 */
function coverList(
  ctx: TypesetContext,
  issue: Issue,
  width: number,
  top: number,
  bottom: number,
  structure: Structure,
  sect: StructElement,
  items: Item[],
): number {
  const sizes = coverListSizes();
  for (const [k, size] of sizes.entries()) {
    // Each try's warnings (a missing glyph) are held: only the list kept reports them.
    const trial = ctx.diagnostics.trial();
    const list = setList({ ...ctx, diagnostics: trial }, issue, width, top, bottom, structure, sect, size);
    const least = k === sizes.length - 1;
    if (list.count < issue.articles.length && !least) continue;
    trial.keep();
    const left = issue.articles.length - list.count;
    if (left > 0) {
      ctx.diagnostics.report(
        warning(
          'typeset/does-not-fit',
          `the cover lists ${list.count} of the ${issue.articles.length} articles: ${left} more would not fit on it, even with their titles at their least size and no decks`,
          { file: 'edition.yaml', line: 1, column: 1 },
          ['give the issue a cover image (`cover:`), shorten the titles, or set a larger page size'],
        ),
      );
    }
    append(items, list.items);
    return list.y;
  }
  return top; // not reached: the last size is always taken
}

/** The list at one size: as many articles, from the first, as fit above `bottom`. */
function setList(
  ctx: TypesetContext,
  issue: Issue,
  width: number,
  top: number,
  bottom: number,
  structure: Structure,
  sect: StructElement,
  { scale, decks }: ListSize,
): { items: Item[]; y: number; count: number } {
  const s = ctx.scale;
  const items: Item[] = [];
  const put = setterAt(ctx, issue, width, items, structure, sect);
  const center = { color: s.colors.text, align: 'center' as const, hyphenate: false };
  const gap = 1.8 * s.leading * scale;
  let y = top;
  let count = 0;
  let prevDept: string | undefined;
  // Each at its article's place: what goes wrong setting it (a missing glyph) is told there.
  for (const a of issue.articles) {
    const start = y;
    const before = items.length;
    let end = y;
    // A department heads the run of its articles, as in the contents.
    if (a.department && a.department !== prevDept) {
      // Small capitals already: they shrink less than the titles.
      const k = Math.max(scale, 0.85);
      end = put(
        end,
        text(a.department),
        {
          ...center,
          family: 'body',
          bold: true,
          size: 0.85 * s.size * k,
          leading: 1.5 * s.size * k,
          color: s.colors.accent,
          uppercase: true,
          letterSpacing: s.capsSpacing,
        },
        a.lang,
        a.pos,
      );
      end += 0.2 * s.leading * scale;
    }
    end = put(
      end,
      a.title,
      { ...center, family: 'heading', size: TITLE.size * s.size * scale, leading: TITLE.leading * s.size * scale, balance: true },
      a.lang,
      a.pos,
    );
    if (decks && a.deck?.length) {
      end += 0.3 * s.leading * scale;
      end = put(
        end,
        a.deck,
        { ...center, family: 'body', italic: true, size: DECK.size * s.size * scale, leading: DECK.leading * s.size * scale },
        a.lang,
        a.pos,
      );
    }
    if (end > bottom) {
      items.length = before;
      break;
    }
    items.push({ kind: 'link', x: 0, y: start, w: width, h: end - start, target: { kind: 'dest', name: articleDest(a) } });
    count++;
    prevDept = a.department;
    y = end + gap;
  }
  return { items, y, count };
}
