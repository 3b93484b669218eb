// A filler's box: a quotation or a notice set as a pull quote between two rules, the
// heavier one above: an optional title in letterspaced capitals, the text larger and in
// italic, ragged, and the credit ranged right after an em dash. Measured exactly, so the
// page builder can stack it under balanced columns or at a column's foot.
import { inlineText } from '../../model/inline-text.js';
import type { Filler, Inline } from '../../model/types.js';
import { append, translateItems, type Item, type ItemTag, type StructElement } from '../../pages/page.js';
import { tagOf, type Structure } from '../../pages/structure.js';
import type { TypesetContext } from '../text/context.js';
import type { TextStyle } from '../text/paragraph-spec.js';
import { setParagraph } from '../text/paragraph.js';

/** Where the box's text goes in the document's structure: a `Sect` under `parent`. */
export interface FillerTags {
  structure: Structure;
  parent: StructElement;
}

/** The box's proportions, in body sizes (`s`) and leadings (`l`) of the type scale. */
const BOX = {
  /** The rule above (heavier, in the accent colour) and the rule below. */
  topRule: 1.2,
  bottomRule: 0.5,
  /** Space between a rule and the text, in leadings. */
  pad: 0.55,
  /** Title: size in body sizes, and the space under it in leadings. */
  titleSize: 0.78,
  titleGap: 0.3,
  /** Text: size in body sizes, leading in body leadings; space between paragraphs in leadings. */
  textSize: 1.15,
  textLeading: 1.12,
  paragraphGap: 0.35,
  /** Credit: size in body sizes, and the space above it in leadings. */
  creditSize: 0.85,
  creditGap: 0.3,
} as const;

/**
 * The filler's box `width` wide: items relative to its top-left corner, and its height, which
 * is exactly the extent of its marks (the rules' ink included). With `tags`, its text is a
 * `Sect` of the document (title, paragraphs and credit a `P` each); without, the text is
 * untagged, for the caller to tag as one (`tagItems`). The rules are decoration.
 */
export function fillerBox(ctx: TypesetContext, filler: Filler, width: number, tags?: FillerTags): { items: Item[]; height: number } {
  const s = ctx.scale;
  const sect = tags?.structure.add('Sect', tags.parent, { lang: filler.lang, title: filler.title ? inlineText(filler.title) : undefined });
  const tagP = (): ItemTag | undefined => (tags && sect ? tagOf(tags.structure.add('P', sect)) : undefined);
  const items: Item[] = [];
  let y = 0;

  const rule = (thickness: number, color: string) => {
    // Measured (pages/page.ts itemBounds) as its line and half its thickness all round: the
    // line sits half its thickness in on every side, so the box's marks stay inside it.
    const t = thickness / 2;
    items.push({ kind: 'rule', x1: t, y1: y + t, x2: width - t, y2: y + t, thickness, color });
    y += thickness;
  };
  const set = (content: readonly Inline[], style: TextStyle, pos: Filler['pos'], tag: ItemTag | undefined) => {
    for (const line of setParagraph(ctx, { content, style, width, lang: filler.lang, pos, tag })) {
      append(items, translateItems(line.items, 0, y));
      y += line.height;
    }
  };

  rule(BOX.topRule, s.colors.accent);
  y += BOX.pad * s.leading;
  if (filler.title?.length) {
    set(
      filler.title,
      {
        family: 'body',
        bold: true,
        size: BOX.titleSize * s.size,
        leading: BOX.titleSize * s.size * 1.4,
        color: s.colors.accent,
        align: 'left',
        hyphenate: false,
        uppercase: true,
        letterSpacing: s.capsSpacing,
      },
      filler.pos,
      tagP(),
    );
    y += BOX.titleGap * s.leading;
  }
  const text: TextStyle = {
    family: 'body',
    italic: true,
    size: BOX.textSize * s.size,
    leading: BOX.textLeading * BOX.textSize * s.leading,
    color: s.colors.text,
    // Ragged, as a pull quote is; hyphenated, since a column holds few of its larger words.
    align: 'left',
    hyphenate: true,
  };
  filler.blocks.forEach((b, i) => {
    // The manifest lets only paragraphs into a filler (markdown/read-filler.ts).
    if (b.kind !== 'paragraph') throw new Error(`${b.pos.file}:${b.pos.line}:${b.pos.column}: a filler's box sets paragraphs only, not a ${b.kind}`);
    if (i > 0) y += BOX.paragraphGap * s.leading;
    set(b.content, text, b.pos, tagP());
  });
  if (filler.credit?.length) {
    y += BOX.creditGap * s.leading;
    // A no-break space: the dash never ends a line of its own.
    const credit: Inline[] = [{ kind: 'text', text: '—\u00a0', pos: filler.pos }, ...filler.credit];
    set(
      credit,
      { family: 'body', size: BOX.creditSize * s.size, leading: BOX.creditSize * s.leading, color: s.colors.text, align: 'right', hyphenate: false },
      filler.pos,
      tagP(),
    );
  }
  y += BOX.pad * s.leading;
  rule(BOX.bottomRule, s.colors.rule);
  return { items, height: y };
}
