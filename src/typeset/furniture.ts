// What a page carries besides its text: the folio and the running head, and the one-line
// setter they share (shortened with an ellipsis to the room they have).
import { Trial } from '../diagnostics/trial.js';
import type { Inline } from '../model/types.js';
import type { Layout } from '../settings/layout.js';
import { leftMargin } from '../settings/layout.js';
import { translateItems, type Item } from '../pages/page.js';
import { PAGINATION, tagItems } from '../pages/structure.js';
import { excerpt } from './text/break-items.js';
import type { TypesetContext } from './text/context.js';
import { setParagraph } from './text/paragraph.js';
import type { TextStyle } from './text/paragraph-spec.js';

/** Folio on the outside corner (unless `folio: false`); running head (left and right texts) above the text block. */
export function furniture(ctx: TypesetContext, layout: Layout, page: number, lang: string, head?: [string, string], options: { folio?: boolean } = {}): Item[] {
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
  // A newspaper's page number is in its folio line (the head), not at the foot.
  if (options.folio !== false) items.push(...translateItems(folio.items, page % 2 === 1 ? x0 + width - folio.width : x0, fy));
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
export function oneLine(ctx: TypesetContext, text: string, style: TextStyle, lang: string, max: number): { items: Item[]; width: number } {
  let byScale = oneLines.get(ctx.fonts.layout);
  if (!byScale) oneLines.set(ctx.fonts.layout, (byScale = new Map()));
  const key = `${scaleKey(ctx)}\u0000${text}\u0000${lang}\u0000${max}\u0000${JSON.stringify(style)}`;
  const hit = byScale.get(key);
  if (hit) return { items: hit.items.map((it) => ({ ...it })), width: hit.width };
  // Set first as if nothing had been reported yet: kept only when it would report nothing
  // anywhere (a setting taken from here reports nothing). Else set again, to report as it does.
  const alone = new Trial(ctx.diagnostics);
  const set = setOneLine({ ...ctx, diagnostics: alone }, text, style, lang, max);
  if (alone.held.length || alone.given.size) return setOneLine(ctx, text, style, lang, max);
  byScale.set(key, { items: set.items.map((it) => ({ ...it })), width: set.width });
  return set;
}

/**
 * One-line settings by layout: the running heads are the same on every page, and the folios
 * and heads again in each article's own PDF. Weak, not a registered memo: what a build's
 * layout keeps goes with it.
 */
const oneLines = new WeakMap<Layout, Map<string, { items: Item[]; width: number }>>();
/** A type scale's and line breaker's part of the key, made once per scale. */
const scaleKeys = new WeakMap<TypesetContext['scale'], string>();

function scaleKey(ctx: TypesetContext): string {
  let k = scaleKeys.get(ctx.scale);
  if (k === undefined) scaleKeys.set(ctx.scale, (k = JSON.stringify(ctx.scale)));
  return `${ctx.breaker.name}\u0000${k}`;
}

function setOneLine(ctx: TypesetContext, text: string, style: TextStyle, lang: string, max: number): { items: Item[]; width: number } {
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
