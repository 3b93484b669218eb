// One line's items → positioned text runs: consecutive items in one style make one run,
// its natural width measured word by word as the writer draws it, then justified by
// widening (or narrowing) the spaces, which stay real characters.
import type { TypesetContext } from './context.js';
import type { PItem } from './break-items.js';
import { adjustmentRatio, INFINITY } from './break-lines.js';
import type { Item, LinkTarget, TextItem } from '../../pages/page.js';
import { baselineOf, type ParagraphSpec, type SetLine } from './paragraph-spec.js';
import { letterGive, linkSig, measure, spaceGive, spaceWidth, type Seg } from './segments.js';
import { tagItems } from '../../pages/structure.js';
import { inlineImageTop } from './inline-image.js';

interface Run {
  seg: Seg;
  text: string;
  spaces: number;
  /** Stretchable gaps between CJK characters in it (drawn as letter spacing). */
  gaps: number;
  gapStretch: number;
}

/** The line of items start … end-1 (and the break at end), set `width` wide after `indent`. */
export function composeLine(
  ctx: TypesetContext,
  spec: ParagraphSpec,
  items: PItem[],
  start: number,
  end: number,
  indent: number,
  width: number,
  lastLine: boolean,
): SetLine | null {
  const runs: Run[] = [];
  const add = (seg: Seg, text: string, space: boolean) => {
    const last = runs[runs.length - 1];
    if (last && last.seg.sig === seg.sig) {
      last.text += text;
      if (space) last.spaces++;
    } else runs.push({ seg, text, spaces: space ? 1 : 0, gaps: 0, gapStretch: 0 });
  };
  for (let i = start; i < end; i++) {
    const it = items[i];
    if (it.type === 'box') add(it.seg, it.text, false);
    else if (it.type === 'glue' && it.seg && it.cjk) {
      const last = runs[runs.length - 1];
      if (last) {
        last.gaps++;
        last.gapStretch += it.stretch;
      }
    } else if (it.type === 'glue' && it.seg) add(it.seg, ' ', true);
  }
  // A break at a penalty draws its text (the hyphen); at glue or before a box, nothing.
  const b = items[end];
  if (b && b.type === 'penalty' && b.text && b.seg) add(b.seg, b.text, false);
  // No trailing spaces.
  while (runs.length) {
    const r = runs[runs.length - 1];
    const t = r.text.replace(/ +$/, '');
    r.spaces -= r.text.length - t.length;
    r.text = t;
    if (t || r.seg.image) break;
    runs.pop();
  }
  if (!runs.length) return null;

  // Natural widths measured as the writer draws: word by word, spaces apart.
  const align = spec.style.align;
  let natural = 0;
  let stretch = 0;
  let shrink = 0;
  // Letter spacing takes its share of the adjustment: `flex` in width, over `glyphs`.
  let flex = 0;
  let glyphs = 0;
  const nat = runs.map((r) => {
    if (r.seg.image) {
      // An image neither stretches nor shrinks.
      natural += r.seg.image.w;
      return { w: r.seg.image.w, st: 0, sh: 0, g: 0, all: 0 };
    }
    let w = 0;
    let g = 0;
    let all = r.spaces;
    const give = letterGive(r.seg, align === 'justify');
    for (const tok of r.text.split(' ')) {
      if (!tok) continue;
      w += measure(ctx, r.seg, tok);
      const n = give || r.gaps ? ctx.fonts.glyphCount(r.seg.key, tok) : 0;
      all += n;
      if (give) g += n;
    }
    flex += give * w;
    const sw = spaceWidth(ctx, r.seg);
    w += r.spaces * sw;
    if (give) g += r.spaces;
    glyphs += g;
    natural += w;
    const [st, sh] = spaceGive(r.seg, sw);
    stretch += r.spaces * st + r.gapStretch;
    shrink += r.spaces * sh;
    return { w, st, sh, g, all };
  });
  const d = width - natural;
  let ratio = 0;
  if (d < 0 || (align === 'justify' && !lastLine)) ratio = adjustmentRatio(natural, stretch, shrink, width, flex);
  if (!Number.isFinite(ratio)) ratio = 0;
  ratio = Math.max(ratio, -2);
  // Letters give up to their limit, the spaces the rest.
  const letters = Math.max(-1, Math.min(1, ratio));
  const track = glyphs ? (letters * flex) / glyphs : 0;
  const leading = spec.style.leading;
  const baseline = baselineOf(spec.style.size, leading);
  const out: Item[] = [];
  let total = 0;
  const widths = runs.map((r, i) => {
    const ws = r.spaces ? ratio * (ratio > 0 ? nat[i].st : nat[i].sh) : 0;
    // CJK gaps widen by letter spacing over the run's glyphs (the last run's last glyph's is past the line's end).
    const gap = r.gaps && ratio > 0 ? ratio * r.gapStretch : 0;
    const over = i === runs.length - 1 ? nat[i].all - 1 : nat[i].all;
    const gapLs = gap && over > 0 ? gap / over : 0;
    const w = nat[i].w + r.spaces * ws + nat[i].g * track + (gapLs ? gap : 0);
    total += w;
    return { ws, w, ls: (nat[i].g ? track : 0) + gapLs };
  });
  let x = indent + (align === 'right' ? width - total : align === 'center' ? (width - total) / 2 : 0);
  if (align !== 'justify' && x < indent) x = indent;
  const notes: string[] = [];
  let lastLink: { target: LinkTarget; item: { x: number; w: number } } | null = null;
  runs.forEach((r, i) => {
    const { ws, w, ls } = widths[i];
    const s = r.seg;
    if (s.image) {
      const top = inlineImageTop(s.image, baseline);
      out.push({ kind: 'image', imageId: s.image.imageId, place: s.pos, x, y: top, w, h: s.image.h });
      if (s.link) out.push({ kind: 'link', x, y: top, w, h: s.image.h, target: s.link });
      lastLink = null;
      x += w;
      return;
    }
    const t: TextItem = {
      kind: 'text',
      x,
      y: baseline - s.rise,
      font: s.key,
      file: ctx.fonts.file(s.key),
      size: s.size,
      place: spec.pos,
      text: r.text,
      color: s.color,
      width: w,
    };
    if (Math.abs(ws) > 1e-4) t.wordSpacing = ws;
    if (s.ls || Math.abs(ls) > 1e-4) t.letterSpacing = s.ls + ls;
    out.push(t);
    if (s.strike) {
      const m = ctx.fonts.metrics(s.key);
      const yy = baseline - s.rise - m.xHeight * s.size * 0.55;
      out.push({ kind: 'rule', x1: x, y1: yy, x2: x + w, y2: yy, thickness: Math.max(0.4, s.size * 0.06), color: s.color });
    }
    if (s.link) {
      if (lastLink && linkSig(lastLink.target) === linkSig(s.link) && Math.abs(lastLink.item.x + lastLink.item.w - x) < 0.01) {
        lastLink.item.w += w;
      } else {
        const link = { kind: 'link' as const, x, y: baseline - 0.85 * spec.style.size, w, h: spec.style.size * 1.1, target: s.link };
        out.push(link);
        lastLink = { target: s.link, item: link };
      }
    } else lastLink = null;
    if (s.noteId && !notes.includes(s.noteId)) notes.push(s.noteId);
    x += w;
  });
  // Broken at a space (not between CJK characters, not at a hyphen) or by a forced line
  // break inside the paragraph: say so on the last run.
  const atSpace = b?.type === 'glue' && b.seg !== undefined && !b.cjk;
  const hardBreak = b?.type === 'penalty' && b.penalty <= -INFINITY && end < items.length - 1;
  if (atSpace || hardBreak) {
    for (let i = out.length - 1; i >= 0; i--) {
      const it = out[i];
      if (it.kind !== 'text') continue;
      it.spaceAfter = true;
      break;
    }
  }
  const first = out.find((it): it is TextItem => it.kind === 'text');
  if (first && align === 'justify' && !lastLine) first.ratio = Math.round(ratio * 1000) / 1000;
  const hyphenated = b?.type === 'penalty' && b.flagged;
  tagItems(out, spec.tag);
  return { width: spec.width, height: leading, baseline, items: out, notes, hyphenated, ratio };
}
