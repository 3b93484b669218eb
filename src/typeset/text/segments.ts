// Inline content → segments: stretches of text in one style and one font, after font
// fallback (a character no font has is reported with its position, never a silent box).
import type { Inline, Position } from '../../model/types.js';
import { warning } from '../../diagnostics/diagnostic.js';
import type { TypesetContext } from './context.js';
import { fontKey } from './fonts.js';
import { attaches } from './clusters.js';
import type { FontKey, LinkTarget } from '../../pages/page.js';
import type { ParagraphSpec } from './paragraph-spec.js';
import { inlineImageBox, type InlineBox } from './inline-image.js';

/** One stretch of text in one style and one font (after fallback). */
export interface Seg {
  key: FontKey;
  size: number;
  color: string;
  rise: number;
  /** Letter spacing in points. */
  ls: number;
  link?: LinkTarget;
  strike: boolean;
  noteId?: string;
  hyphenate: boolean;
  url: boolean;
  /** An image set on the line (an icon): one box of its width, drawn, not shaped; `text` is empty. */
  image?: InlineBox;
  /** Equal signatures draw as one run. */
  sig: string;
  text: string;
  pos: Position;
}

interface InlineState {
  italic: boolean;
  bold: boolean;
  mono: boolean;
  strike: boolean;
  link?: LinkTarget;
  url: boolean;
}

export const SOFT_HYPHEN = '\u00AD';
export const ZWSP = '\u200B';

/** The paragraph's segments in order; a forced line break comes as 'break'. */
export function segments(ctx: TypesetContext, spec: ParagraphSpec): (Seg | 'break')[] {
  const out: (Seg | 'break')[] = [];
  const st = spec.style;
  const { colors, noteCall } = ctx.scale;
  const push = (text: string, s: InlineState, pos: Position, extra: Partial<Seg> = {}) => {
    if (!text) return;
    if (st.uppercase) text = text.toLocaleUpperCase(spec.lang);
    const family = s.mono ? 'mono' : st.family;
    const italic = s.italic;
    const bold = s.bold;
    const key = fontKey(family, bold && italic ? 'boldItalic' : bold ? 'bold' : italic ? 'italic' : 'regular');
    const size = extra.size ?? (s.mono && family !== st.family ? st.size * 0.9 : st.size);
    const base: Omit<Seg, 'key' | 'text' | 'sig'> = {
      size,
      color: s.link ? colors.link : st.color,
      rise: extra.rise ?? 0,
      ls: (st.letterSpacing ?? 0) * size,
      link: s.link,
      strike: s.strike,
      noteId: extra.noteId,
      hyphenate: st.hyphenate && !s.mono && !s.url && extra.noteId === undefined,
      url: s.url || s.mono,
      pos,
    };
    for (const [k, t] of fallbackRuns(ctx, key, text, pos, spec.lang)) {
      const sig = `${k}|${base.size}|${base.color}|${base.rise}|${base.ls}|${base.strike}|${linkSig(base.link)}|${base.noteId ?? ''}`;
      out.push({ ...base, key: k, text: t, sig });
    }
  };
  const walk = (nodes: readonly Inline[], s: InlineState) => {
    for (const node of nodes) {
      switch (node.kind) {
        case 'text':
          push(node.text, s, node.pos);
          break;
        case 'emphasis':
          walk(node.children, { ...s, italic: !s.italic });
          break;
        case 'strong':
          walk(node.children, { ...s, bold: true });
          break;
        case 'strike':
          walk(node.children, { ...s, strike: true });
          break;
        case 'code':
          push(node.text, { ...s, mono: true }, node.pos);
          break;
        case 'link': {
          const target = ctx.linkTarget(node.url);
          const url = target?.kind === 'uri' && node.children.length === 1 && node.children[0].kind === 'text' && node.children[0].text.includes('/');
          walk(node.children, { ...s, link: target, url: s.url || url });
          break;
        }
        case 'footnote-ref':
          push(String(node.number), { ...s, italic: false, bold: false, mono: false, link: undefined }, node.pos, {
            size: st.size * noteCall.scale,
            rise: st.size * noteCall.rise,
            noteId: node.noteId,
          });
          break;
        case 'line-break':
          out.push('break');
          break;
        case 'image': {
          const image = inlineImageBox(node.image, st.size, st.leading, spec.width - (spec.indent ?? 0));
          const key = fontKey(st.family, 'regular');
          // A run of its own (its signature is its place), linked when it stands in a link.
          out.push({
            key,
            size: st.size,
            color: st.color,
            rise: 0,
            ls: 0,
            link: s.link,
            strike: false,
            hyphenate: false,
            url: false,
            pos: node.pos,
            text: '',
            image,
            sig: `image|${out.length}|${linkSig(s.link)}`,
          });
          break;
        }
        default:
          throw new Error(`unknown inline node ${(node as { kind: string }).kind}`);
      }
    }
  };
  walk(spec.content, { italic: !!st.italic, bold: !!st.bold, mono: st.family === 'mono', strike: false, url: false });
  return out;
}

export function linkSig(t?: LinkTarget): string {
  return !t ? '' : t.kind === 'uri' ? 'u:' + t.uri : 'd:' + t.name;
}

/** Split text into runs each drawable by one font; a character no font has is reported. */
export function fallbackRuns(ctx: TypesetContext, key: FontKey, text: string, pos: Position, lang = ''): [FontKey, string][] {
  const runs: [FontKey, string][] = [];
  let cur: FontKey = key;
  let buf = '';
  for (const ch of text.replace(/[\t\n\r\f\v]/g, ' ')) {
    const cp = ch.codePointAt(0)!;
    let k: FontKey | null;
    let c = ch;
    if (cp === 0x20 || ch === SOFT_HYPHEN || ch === ZWSP) k = cur;
    // A mark, joiner or modifier stays in its base character's font when that font has it
    // (shaped apart, an emoji sequence falls to pieces and an accent loses its place).
    else if (buf && attaches(cp, ch) && ctx.fonts.has(cur, cp)) k = cur;
    else if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) continue;
    else {
      k = ctx.fonts.resolve(key, cp, lang);
      if (!k) {
        reportMissing(ctx, ch, cp, pos);
        k = key;
        // A missing ideograph still allows a line break after it, as the ideograph would.
        c = CJK_CHAR.test(ch) ? '?' + ZWSP : '?';
      }
    }
    if (k !== cur && buf) {
      runs.push([cur, buf]);
      buf = '';
    }
    cur = k;
    buf += c;
  }
  if (buf) runs.push([cur, buf]);
  return runs;
}

const CJK_CHAR = /[\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]|[\u{20000}-\u{3ffff}]/u;
/** Distinct missing characters reported one by one in a file before they are summed up. */
const MISSING_REPORTED = 5;

function reportMissing(ctx: TypesetContext, ch: string, cp: number, pos: Position): void {
  const count = `glyphs|${pos.file}`;
  // Summed up already: nothing more to tell of this file (and no more keys to count, so
  // that a text of a hundred thousand different missing characters stays linear).
  if (ctx.diagnostics.given.has(count)) return;
  const id = `glyph|${pos.file}|${cp}`;
  if (ctx.diagnostics.given.has(id)) return;
  ctx.diagnostics.given.add(id);
  // How many different ones this file has had, counted up to the summing up (marks, not a scan of every key).
  let n = 1;
  while (n <= MISSING_REPORTED && ctx.diagnostics.given.has(`glyphs|${pos.file}|${n}`)) n++;
  ctx.diagnostics.given.add(`glyphs|${pos.file}|${n}`);
  const hint = ['use a layout font that covers this script'];
  const code = `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  if (n <= MISSING_REPORTED) {
    ctx.diagnostics.report(warning('font/missing-glyph', `no font has a glyph for "${ch}" (${code}); set as "?"`, pos, hint));
  } else if (!ctx.diagnostics.given.has(count)) {
    ctx.diagnostics.given.add(count);
    ctx.diagnostics.report(warning('font/missing-glyph', `more characters without a glyph in any font, from "${ch}" (${code}) on; all set as "?"`, pos, hint));
  }
}

export function measure(ctx: TypesetContext, seg: Seg, text: string): number {
  let w = ctx.fonts.width(seg.key, text) * seg.size;
  if (seg.ls) w += seg.ls * ctx.fonts.glyphCount(seg.key, text);
  return w;
}

/**
 * Share of its width by which letter spacing may widen or narrow a word in a justified
 * line (microtypography, within ±2 %): none in code, or in text already letterspaced.
 */
export const LETTER_GIVE = 0.02;

export function letterGive(seg: Seg, justified: boolean): number {
  return justified && !seg.ls && !seg.key.startsWith('mono:') ? LETTER_GIVE : 0;
}

/** Stretch and shrink of a space: none inside code, where spaces are characters. */
export function spaceGive(seg: Seg, w: number): [number, number] {
  return seg.key.startsWith('mono:') ? [0, 0] : [w * 0.6, w * 0.3];
}

export function spaceWidth(ctx: TypesetContext, seg: Seg): number {
  return ctx.fonts.width(seg.key, ' ') * seg.size + seg.ls;
}
