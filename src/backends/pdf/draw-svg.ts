// An SVG figure drawn as vectors (src/images/svg/render-svg.ts) in the box the typesetter
// gave it. For the press PDF, pdfkit's colour setters are taken over for the length of the
// drawing: each colour becomes device gray or CMYK (press-color.ts: text solid, the rest a
// tint or its CMYK), opacity is flattened on white paper, gradients get gray or CMYK stops,
// and what svg-to-pdfkit would make transparent is drawn without the transparency PDF/X-1a
// forbids: a group's own opacity is pushed into its shapes already (sanitize-svg.ts), a
// clip path or a mask (a soft mask of a group of shapes) becomes a clip to their outline.
import { type Matrix, multiply } from './matrix.js';
import type { PrintImage, ImageAsset } from '../../model/types.js';
import { renderSvg, svgText, type Gradient, type HookedDoc, type BaseMethods } from '../../images/svg/render-svg.js';
import { SVG_LIMITS } from '../../limits/limits.js';
import type { PressSettings } from '../../settings/press.js';
import type { Doc } from '../../vendor/pdfkit.js';
import { colorOperator, figureColor } from './press-color.js';

/** Whether an image is an SVG, drawn as vectors. */
export function isSvgAsset(asset: Pick<ImageAsset, 'vector'>): boolean {
  return asset.vector;
}

/** Draws an SVG asset's print variant into `x, y, w, h`; `press` gives the press PDF's colour. */
export function drawSvg(doc: Doc, asset: PrintImage, x: number, y: number, w: number, h: number, press?: PressSettings['color']): void {
  renderSvg(doc, svgText(asset.print.data), x, y, w, h, {
    // The trial drawing when the SVG was loaded kept within the limit: this is a backstop.
    contentBudget: 2 * SVG_LIMITS.contentBytes,
    ...(press ? { hooks: (d: HookedDoc, base: BaseMethods) => pressHooks(d, base, press) } : {}),
  });
}

function pressHooks(d: HookedDoc, base: BaseMethods, mode: PressSettings['color']): void {
  const rgb = (c: unknown): number[] | undefined => (Array.isArray(c) && c.length === 3 && c.every((v) => typeof v === 'number') ? c : undefined);
  let lastFill: number[] = [0, 0, 0];
  let lastStroke: number[] = [0, 0, 0];
  const counted = d.addContent;
  d.addContent = (s: string) => {
    // Text is line art on the press: solid, whatever tint the SVG gave it.
    if (s === 'BT') {
      counted(colorOperator(figureColor(lastFill, 'text', mode)));
      counted(colorOperator(figureColor(lastStroke, 'text', mode), true));
    }
    return counted(s);
  };
  const paint =
    (stroke: boolean) =>
    (color: unknown, opacity = 1) => {
      const c = rgb(color);
      if (!c) return base(stroke ? 'strokeColor' : 'fillColor', color); // a gradient (gray or CMYK stops) or a pattern, opaque
      const a = Math.max(0, Math.min(1, opacity));
      const flat = c.map((v) => 255 - (255 - v) * a);
      if (stroke) lastStroke = flat;
      else lastFill = flat;
      d.addContent(colorOperator(figureColor(flat, 'art', mode), stroke));
      return d;
    };
  d.fillColor = paint(false);
  d.strokeColor = paint(true);
  d.fillOpacity = d.strokeOpacity = d.opacity = () => d;
  for (const kind of ['linearGradient', 'radialGradient'] as const) {
    const counting = d[kind];
    d[kind] = (...args: number[]) => {
      const grad = counting(...args);
      const stop = grad.stop;
      grad.stop = (pos, color, opacity = 1): Gradient => {
        const c = rgb(color);
        if (!c) return stop.call(grad, pos, color, 1);
        const dc = figureColor(c, 'art', mode, opacity);
        return stop.call(grad, pos, dc.space === 'gray' ? [dc.gray] : [dc.c * 100, dc.m * 100, dc.y * 100, dc.k * 100], 1);
      };
      return grad;
    };
  }
  // No transparency group, no soft mask, no constant alpha, no blend mode. A clip path or a
  // mask (svg-to-pdfkit's soft mask of a group holding its shapes) becomes a clip to the
  // outline of those shapes, set where the soft mask would have been.
  const forms = new WeakMap<object, string[]>();
  let clip: string | undefined;
  d.ref = (data: unknown) => {
    let mask: string[] | undefined;
    let form = false;
    if (data && typeof data === 'object') {
      const o = data as Record<string, unknown>;
      if (o.Type === 'XObject' && o.Subtype === 'Form') {
        delete o.Group;
        form = true;
      }
      if (o.Type === 'ExtGState') {
        const smask = o.SMask as { G?: object } | undefined;
        if (smask?.G) mask = forms.get(smask.G);
        delete o.SMask;
        if ('CA' in o) o.CA = 1;
        if ('ca' in o) o.ca = 1;
        if ('BM' in o) o.BM = 'Normal';
      }
    }
    const ref = base('ref', data) as { write(chunk: unknown): void };
    if (form) {
      const chunks: string[] = [];
      forms.set(ref, chunks);
      const write = ref.write;
      ref.write = (chunk: unknown) => {
        if (typeof chunk === 'string') chunks.push(chunk);
        write.call(ref, chunk);
      };
    }
    if (mask) clip = clipPath(mask.join('\n'));
    return ref;
  };
  const counting = d.addContent;
  d.addContent = (s: string) => {
    if (clip !== undefined && /^\/M\d+ gs$/.test(s)) {
      const path = clip;
      clip = undefined;
      return counting(path);
    }
    return counting(s);
  };
}

const fmt = (n: number) => String(Math.round(n * 1e4) / 1e4);

/**
 * The shapes a clip group fills (svg-to-pdfkit writes each clip shape as a path and `f`), as
 * one clip path in the coordinates the group is used in: `… W n`. Text, nested groups and
 * colours in it are left out; an empty clip clips everything.
 */
export function clipPath(content: string): string {
  let ctm: Matrix = [1, 0, 0, 1, 0, 0];
  const stack: Matrix[] = [];
  const out: string[] = [];
  let operands: number[] = [];
  let inText = false;
  let evenOdd = false;
  let fills = 0;
  const pt = (x: number, y: number) => `${fmt(ctm[0] * x + ctm[2] * y + ctm[4])} ${fmt(ctm[1] * x + ctm[3] * y + ctm[5])}`;
  let path: string[] = [];
  for (const tok of content.split(/\s+/)) {
    if (!tok) continue;
    if (/^[-+]?(\d+\.?\d*|\.\d+)$/.test(tok)) {
      operands.push(Number(tok));
      continue;
    }
    const a = operands;
    operands = [];
    if (inText) {
      if (tok === 'ET') inText = false;
      continue;
    }
    switch (tok) {
      case 'BT':
        inText = true;
        break;
      case 'q':
        stack.push(ctm);
        break;
      case 'Q':
        ctm = stack.pop() ?? ctm;
        break;
      case 'cm':
        if (a.length === 6) ctm = multiply(a as Matrix, ctm);
        break;
      case 'm':
      case 'l':
        if (a.length === 2) path.push(`${pt(a[0], a[1])} ${tok}`);
        break;
      case 'c':
        if (a.length === 6) path.push(`${pt(a[0], a[1])} ${pt(a[2], a[3])} ${pt(a[4], a[5])} c`);
        break;
      case 'v':
      case 'y':
        if (a.length === 4) path.push(`${pt(a[0], a[1])} ${pt(a[2], a[3])} ${tok}`);
        break;
      case 'h':
        path.push('h');
        break;
      case 're':
        if (a.length === 4) {
          const [x, y, w, h] = a;
          path.push(`${pt(x, y)} m`, `${pt(x + w, y)} l`, `${pt(x + w, y + h)} l`, `${pt(x, y + h)} l`, 'h');
        }
        break;
      case 'f':
      case 'F':
      case 'f*':
      case 'B':
      case 'B*':
      case 'b':
      case 'b*':
        fills++;
        if (tok.endsWith('*')) evenOdd = true;
        out.push(...path);
        path = [];
        break;
      case 'n':
      case 'S':
      case 's':
      case 'W':
      case 'W*':
        path = [];
        break;
      default:
        break;
    }
  }
  if (!fills || !out.length) return '0 0 m h W n';
  return `${out.join('\n')}\n${evenOdd && fills === 1 ? 'W*' : 'W'} n`;
}
