// An SVG file made safe to print and to put in an EPUB: read as strict XML (read-svg.ts),
// then rebuilt from what is known to be only drawing. What could run code or reach outside
// the file is removed, each kind with one warning: <script>, event handlers, <foreignObject>,
// embedded content, <image> (embedded or linked), animation, references to anything but an
// element of the same file (href, url() in attributes and CSS), @import, style-sheet
// instructions. What cannot be made safe by removal is refused: a DOCTYPE with an internal
// subset (entities), a file over the limits (bytes, elements, depth, elements drawn once its
// <use> references are followed, style rules, extent), a file that is not well-formed XML.
//
// Two serialisations of the result: `screen` for the EPUB (the SVG as its author drew it,
// less what was removed) and `print` for the PDF writer (svg-to-pdfkit): the same drawing
// with rectangular clip paths turned into nested viewports, which pdfkit clips with a plain
// path where it would otherwise use a soft mask, a group's opacity pushed down into what it
// holds (svg-to-pdfkit would make a transparency group: neither is allowed in the press PDF),
// a viewBox always, repeating gradients padded (a degenerate one would repeat without end).
import { SVG_LIMITS } from '../../limits/limits.js';
import type { ImageNote } from '../../model/types.js';
import { readXml, XmlDoctypeRefused, XmlLimitError, XmlSyntaxError, type XmlDocument, type XmlElement, type XmlNode } from './read-svg.js';

export const SVG_NS = 'http://www.w3.org/2000/svg';
const XLINK_NS = 'http://www.w3.org/1999/xlink';
const XML_NS = 'http://www.w3.org/XML/1998/namespace';

export type SvgProblemCode = 'image/not-an-image' | 'image/too-large' | 'image/svg-refused';

/** Why an SVG is refused. */
export class SvgProblem extends Error {
  constructor(
    readonly code: SvgProblemCode,
    message: string,
    readonly hint: string,
  ) {
    super(message);
  }
}

/** A warning about a figure, reported at each place that shows it. */
export type SvgNote = ImageNote;

export interface SanitizedSvg {
  /** The SVG for the EPUB: UTF-8 text. */
  screen: string;
  /** The SVG for the PDF writer. */
  print: string;
  /** Natural size in CSS pixels (from width and height, else the viewBox). */
  width: number;
  height: number;
  notes: SvgNote[];
}

/** An element of the cleaned drawing: local names, attributes in order. */
interface El {
  name: string;
  attrs: Map<string, string>;
  children: Node[];
  line: number;
}
type Node = El | string;

type Removed = 'script' | 'handler' | 'foreignObject' | 'embedded' | 'image' | 'external' | 'link' | 'animation' | 'css' | 'stylesheet';

const REMOVED_WHAT: Record<Removed, string> = {
  script: '<script>',
  handler: 'event handler attributes (onload, onclick…)',
  foreignObject: '<foreignObject> (HTML inside the SVG)',
  embedded: 'embedded content (<iframe>, <object>, <embed>, media)',
  image: '<image> (a picture inside the SVG, embedded or linked)',
  external: 'references to other files or addresses (http:, file:, another file)',
  link: 'links that run script or carry data (javascript:, data:)',
  animation: 'animation (<animate>, <set>…)',
  css: 'url() to other files, @import and escapes in its style',
  stylesheet: 'the <?xml-stylesheet?> instruction',
};

const SAFE_HINT = 'an SVG figure is drawn as it stands: nothing in it is run or fetched';
const REMOVED_HINT: Partial<Record<Removed, string>> = {
  image: 'make the picture a figure of its own, or draw it in the SVG as shapes',
  animation: 'the figure prints as it stands before any animation',
  foreignObject: 'draw the text with <text> (draw.io: turn off "formatted text" before exporting)',
};

/** Elements removed with a warning, by local name (in any namespace). */
const DANGEROUS: Record<string, Removed> = {
  script: 'script',
  foreignObject: 'foreignObject',
  iframe: 'embedded',
  object: 'embedded',
  embed: 'embedded',
  audio: 'embedded',
  video: 'embedded',
  canvas: 'embedded',
  handler: 'script',
  listener: 'script',
  'font-face-uri': 'external',
  tref: 'external',
  image: 'image',
  feImage: 'image',
  animate: 'animation',
  animateMotion: 'animation',
  animateTransform: 'animation',
  animateColor: 'animation',
  set: 'animation',
  discard: 'animation',
};

/** SVG elements kept; any other is left out without a word (editor data, SVG fonts, flowed text). */
const KEPT = new Set([
  'svg', 'g', 'defs', 'symbol', 'use', 'title', 'desc', 'switch', 'style', 'a',
  'path', 'rect', 'circle', 'ellipse', 'line', 'polyline', 'polygon',
  'text', 'tspan', 'textPath',
  'clipPath', 'mask', 'marker', 'pattern', 'linearGradient', 'radialGradient', 'stop',
  'filter', 'feBlend', 'feColorMatrix', 'feComponentTransfer', 'feComposite', 'feConvolveMatrix', 'feDiffuseLighting',
  'feDisplacementMap', 'feDistantLight', 'feDropShadow', 'feFlood', 'feFuncA', 'feFuncB', 'feFuncG', 'feFuncR',
  'feGaussianBlur', 'feMerge', 'feMergeNode', 'feMorphology', 'feOffset', 'fePointLight', 'feSpecularLighting',
  'feSpotLight', 'feTile', 'feTurbulence',
]); // biome-ignore format: a list

/** CSS properties kept in `style` attributes and style sheets: SVG's presentation properties. */
const PROPERTIES = new Set([
  'fill', 'fill-opacity', 'fill-rule', 'stroke', 'stroke-width', 'stroke-opacity', 'stroke-dasharray', 'stroke-dashoffset',
  'stroke-linecap', 'stroke-linejoin', 'stroke-miterlimit', 'opacity', 'color', 'display', 'visibility', 'overflow',
  'clip', 'clip-path', 'clip-rule', 'mask', 'marker', 'marker-start', 'marker-mid', 'marker-end', 'font', 'font-family',
  'font-size', 'font-size-adjust', 'font-style', 'font-weight', 'font-variant', 'font-stretch', 'font-kerning',
  'text-anchor', 'dominant-baseline', 'alignment-baseline', 'baseline-shift', 'text-decoration', 'letter-spacing',
  'word-spacing', 'white-space', 'direction', 'writing-mode', 'unicode-bidi', 'stop-color', 'stop-opacity',
  'shape-rendering', 'text-rendering', 'image-rendering', 'color-interpolation', 'color-interpolation-filters',
  'color-rendering', 'vector-effect', 'paint-order', 'filter', 'flood-color', 'flood-opacity', 'lighting-color',
  'transform', 'transform-origin', 'transform-box', 'isolation', 'mix-blend-mode', 'line-height', 'text-transform',
]); // biome-ignore format: a list

/** Elements whose href may name an element of the same file. */
const LOCAL_HREF = new Set(['use', 'textPath', 'linearGradient', 'radialGradient', 'pattern', 'filter']);

/** A value that fetches or runs something when it is not a url(#fragment). */
const ACTIVE = /expression\s*\(|javascript:|vbscript:|-moz-binding|behavior\s*:|image-set\s*\(|cross-fade\s*\(|element\s*\(|(?:^|[^-\w])image\s*\(|src\s*\(/i;
const URL_CALL = /url\s*\(\s*(?:"([^"]*)"|'([^']*)'|([^)]*?))\s*\)/gi;

const LENGTH_UNITS: Record<string, number> = { '': 1, px: 1, pt: 96 / 72, pc: 16, mm: 96 / 25.4, cm: 96 / 2.54, in: 96, em: 16, ex: 8 };

class Sanitizer {
  private removed = new Map<Removed, { count: number; line: number }>();
  private rules = 0;

  constructor(readonly source: string) {}

  note(kind: Removed, line: number): void {
    const r = this.removed.get(kind);
    if (r) r.count++;
    else this.removed.set(kind, { count: 1, line });
  }

  notes(): SvgNote[] {
    return [...this.removed].map(([kind, { count, line }]) => ({
      code: 'image/svg-removed' as const,
      message: `${REMOVED_WHAT[kind]} removed from \`${this.source}\` (line ${line}${count > 1 ? `; ${count} in all` : ''})`,
      hint: REMOVED_HINT[kind] ?? SAFE_HINT,
    }));
  }

  /** The element rebuilt, or undefined when it is left out. `scope` maps prefixes to namespaces. */
  element(x: XmlElement, scope: Map<string, string>, inText = false): El | undefined {
    // Namespace declarations first: they apply to the element's own name.
    let own = scope;
    for (const a of x.attrs) {
      if (a.name === 'xmlns' || a.name.startsWith('xmlns:')) {
        if (own === scope) own = new Map(scope);
        own.set(a.name === 'xmlns' ? '' : a.name.slice(6), a.value);
      }
    }
    const [prefix, local] = split(x.name);
    const ns = prefix ? own.get(prefix) : (own.get('') ?? '');
    const svg = ns === SVG_NS || ns === '';
    const danger = DANGEROUS[local];
    // In another namespace (XHTML's <script>, <iframe>) only what could run is worth a word.
    if (danger && (svg || danger === 'script' || danger === 'embedded')) {
      this.note(danger, x.line);
      return undefined;
    }
    if (!svg || !KEPT.has(local)) return undefined;
    const el: El = { name: local, attrs: new Map(), children: [], line: x.line };
    for (const a of x.attrs) this.attribute(el, a.name, a.value, own);
    if (local === 'use') {
      const href = el.attrs.get('href') ?? el.attrs.get('xlink:href');
      // A use of nothing in this file draws nothing.
      if (href === undefined) return undefined;
    }
    if (local === 'style') {
      const type = el.attrs.get('type');
      if (type !== undefined && type.trim().toLowerCase() !== 'text/css') return undefined;
      const css = this.stylesheet(textOf(x), x.line);
      return css ? { name: 'style', attrs: new Map(), children: [css], line: x.line } : undefined;
    }
    const text = inText || local === 'text';
    for (const c of x.children) {
      if (c.type === 'text') el.children.push(c.text);
      else {
        const k = this.element(c, own, text);
        if (k) el.children.push(k);
      }
    }
    if (local === 'switch') return chooseSwitch(el);
    // A link without its address is a group (a span in text): what it holds stays.
    if (local === 'a') el.name = inText ? 'tspan' : 'g';
    return el;
  }

  private attribute(el: El, name: string, value: string, scope: Map<string, string>): void {
    if (name === 'xmlns' || name.startsWith('xmlns:')) return;
    const [prefix, local] = split(name);
    if (/^on/i.test(local)) {
      this.note('handler', el.line);
      return;
    }
    let key: string;
    if (!prefix) key = local;
    else if (prefix === 'xml') {
      if (local !== 'space' && local !== 'lang') return;
      key = name;
    } else {
      const ns = scope.get(prefix) ?? (prefix === 'xlink' ? XLINK_NS : undefined);
      if (ns === XML_NS && (local === 'space' || local === 'lang')) key = `xml:${local}`;
      else if (ns === XLINK_NS && local === 'href') key = 'xlink:href';
      else return; // editor data (inkscape:, sodipodi:), xlink:title…
    }
    // Attributes SVG does not have that validators refuse; nothing draws with them. A link's target goes with its address.
    if (/^data-/i.test(key) || (el.name === 'a' && key === 'target')) return;
    if (key === 'href' || key === 'xlink:href') {
      const v = value.trim();
      if (el.name === 'a') {
        if (!/^(https?:|mailto:|#|$)/i.test(v)) this.note(/^[a-z][a-z0-9+.-]*:/i.test(v) && !/^(ftp|tel|news):/i.test(v) ? 'link' : 'external', el.line);
        return; // a figure's links cannot be followed in print nor from an EPUB's <img>
      }
      if (!LOCAL_HREF.has(el.name) || !/^#[^\s#]+$/.test(v)) {
        this.note('external', el.line);
        return;
      }
      el.attrs.set(key, v);
      return;
    }
    if (key === 'style') {
      const css = this.declarations(value, el.line);
      if (css) el.attrs.set('style', css);
      return;
    }
    if (!localUrls(value) || ACTIVE.test(value)) {
      this.note('external', el.line);
      return;
    }
    el.attrs.set(key, value);
  }

  /** `prop: value; …` kept for SVG's presentation properties, without anything that fetches. */
  private declarations(css: string, line: number): string {
    css = css.replace(/\/\*[\s\S]*?(\*\/|$)/g, ' ');
    if (css.includes('\\')) {
      this.note('css', line);
      return '';
    }
    const kept: string[] = [];
    for (const d of splitOutside(css, ';')) {
      const i = d.indexOf(':');
      if (i === -1) continue;
      const prop = d.slice(0, i).trim().toLowerCase();
      const value = d.slice(i + 1).trim();
      if (!value) continue;
      if (!localUrls(value) || ACTIVE.test(value) || /@import/i.test(value)) {
        this.note('css', line);
        continue;
      }
      if (!PROPERTIES.has(prop) || /[<>{}]/.test(value)) continue;
      kept.push(`${prop}:${value}`);
    }
    return kept.join(';');
  }

  /** A style sheet rule by rule: selectors kept, declarations cleaned, at-rules left out. */
  private stylesheet(css: string, line: number): string {
    css = css.replace(/\/\*[\s\S]*?(\*\/|$)/g, ' ');
    if (css.includes('\\')) {
      this.note('css', line);
      return '';
    }
    const out: string[] = [];
    let i = 0;
    while (i < css.length) {
      while (i < css.length && /\s/.test(css[i])) i++;
      if (i >= css.length) break;
      if (css[i] === '@') {
        const semi = css.indexOf(';', i);
        const brace = css.indexOf('{', i);
        const name = /^@([-\w]*)/.exec(css.slice(i))?.[1].toLowerCase() ?? '';
        if (brace === -1 || (semi !== -1 && semi < brace)) {
          if (name === 'import' || /url\s*\(/i.test(css.slice(i, semi === -1 ? css.length : semi))) this.note('css', line);
          i = semi === -1 ? css.length : semi + 1;
          continue;
        }
        const end = matchingBrace(css, brace);
        if (/url\s*\(|@import/i.test(css.slice(brace, end))) this.note('css', line);
        i = end + 1;
        continue;
      }
      const open = css.indexOf('{', i);
      if (open === -1) break;
      const selector = css.slice(i, open).trim();
      const end = matchingBrace(css, open);
      const body = css.slice(open + 1, end);
      i = end + 1;
      if (body.includes('{')) continue; // nested rules: not SVG's CSS
      if (++this.rules > SVG_LIMITS.styleRules)
        throw new SvgProblem(
          'image/too-large',
          `\`${this.source}\` has more than ${SVG_LIMITS.styleRules} style rules, over the limit for an SVG figure`,
          'simplify its style sheet (presentation attributes need no rules), or export it as a PNG',
        );
      const decls = this.declarations(body, line);
      if (selector && decls && !/[<@]/.test(selector)) out.push(`${selector.replace(/\s+/g, ' ')}{${decls}}`);
    }
    return out.join('\n');
  }
}

function split(name: string): [string, string] {
  const i = name.indexOf(':');
  return i === -1 ? ['', name] : [name.slice(0, i), name.slice(i + 1)];
}

function textOf(x: XmlElement): string {
  let s = '';
  for (const c of x.children) s += c.type === 'text' ? c.text : textOf(c);
  return s;
}

/** Whether every url() in `value` names an element of this file (`url(#id)`). */
function localUrls(value: string): boolean {
  if (!/url\s*\(/i.test(value)) return true;
  for (const m of value.matchAll(URL_CALL)) {
    const target = (m[1] ?? m[2] ?? m[3] ?? '').trim();
    if (!/^#[^\s#'"()]+$/.test(target)) return false;
  }
  // A url( the pattern could not close is not trusted.
  return (value.match(/url\s*\(/gi) ?? []).length === [...value.matchAll(URL_CALL)].length;
}

/** `text` split at `sep` outside quotes and parentheses. */
function splitOutside(text: string, sep: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quote = '';
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '(') depth++;
    else if (c === ')') depth = Math.max(0, depth - 1);
    else if (c === sep && depth === 0) {
      out.push(text.slice(start, i));
      start = i + 1;
    }
  }
  out.push(text.slice(start));
  return out;
}

function matchingBrace(css: string, open: number): number {
  let depth = 0;
  for (let i = open; i < css.length; i++) {
    if (css[i] === '{') depth++;
    else if (css[i] === '}' && --depth === 0) return i;
  }
  return css.length;
}

/** Whether an element draws anything (a group only through what it holds). */
function draws(n: Node): boolean {
  if (typeof n === 'string') return false;
  if (['g', 'a', 'switch', 'svg'].includes(n.name)) return n.children.some(draws);
  return !['title', 'desc', 'defs', 'style'].includes(n.name);
}

/**
 * A <switch> as the group of the one child it shows: the first that still draws something
 * (its foreignObject removed, draw.io's rich-text branch is empty and its <text> fallback
 * shows), its conditions dropped so that every reader shows the same.
 */
function chooseSwitch(el: El): El {
  const chosen = el.children.find((c): c is El => typeof c !== 'string' && draws(c));
  if (chosen) for (const a of ['requiredFeatures', 'requiredExtensions', 'systemLanguage']) chosen.attrs.delete(a);
  const attrs = new Map([...el.attrs].filter(([k]) => !['requiredFeatures', 'requiredExtensions', 'systemLanguage'].includes(k)));
  return { name: 'g', attrs, children: chosen ? [chosen] : [], line: el.line };
}

/** A length in CSS pixels; undefined for a percentage, `auto` or nonsense. */
export function absoluteLength(v: string | undefined): number | undefined {
  const m = /^\s*([-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?)\s*(px|pt|pc|mm|cm|in|em|ex|)\s*$/i.exec(v ?? '');
  if (!m) return undefined;
  const n = Number(m[1]) * LENGTH_UNITS[m[2].toLowerCase()];
  return Number.isFinite(n) ? n : undefined;
}

function parseViewBox(v: string | undefined): number[] | undefined {
  if (v === undefined) return undefined;
  const parts = v
    .trim()
    .split(/[\s,]+/)
    .map(Number);
  return parts.length === 4 && parts.every(Number.isFinite) ? parts : undefined;
}

/** Elements drawn once every <use> is followed (a cycle counts once: the renderer stops it). */
function drawnCount(root: El): number {
  const ids = new Map<string, El>();
  const walk = (e: El) => {
    const id = e.attrs.get('id');
    if (id !== undefined && !ids.has(id)) ids.set(id, e);
    for (const c of e.children) if (typeof c !== 'string') walk(c);
  };
  walk(root);
  const memo = new Map<El, number>();
  const visiting = new Set<El>();
  const count = (e: El): number => {
    const known = memo.get(e);
    if (known !== undefined) return known;
    if (visiting.has(e)) return 0;
    visiting.add(e);
    let n = 1;
    for (const c of e.children) if (typeof c !== 'string') n += count(c);
    if (e.name === 'use') {
      const target = ids.get((e.attrs.get('href') ?? e.attrs.get('xlink:href') ?? '').slice(1));
      if (target) n += count(target);
    }
    // Saturate: a file of nested uses reaches astronomical counts in a few dozen lines.
    n = Math.min(n, Number.MAX_SAFE_INTEGER);
    visiting.delete(e);
    memo.set(e, n);
    return n;
  };
  return count(root);
}

/** Reads, checks and cleans an SVG file. Throws SvgProblem when it is refused. */
export function sanitizeSvg(data: Uint8Array, source: string): SanitizedSvg {
  const name = `\`${source}\``;
  if (data[0] === 0x1f && data[1] === 0x8b)
    throw new SvgProblem('image/not-an-image', `${name} is a compressed SVG (.svgz)`, 'unzip it (gunzip) and name the .svg file');
  if ((data[0] === 0xff && data[1] === 0xfe) || (data[0] === 0xfe && data[1] === 0xff))
    throw new SvgProblem('image/not-an-image', `${name} is UTF-16 text; SVG figures are read as UTF-8`, 'save it again as UTF-8');
  if (data.length > SVG_LIMITS.bytes)
    throw new SvgProblem(
      'image/too-large',
      `${name} is ${(data.length / 1048576).toFixed(1)} MB, over the limit of ${SVG_LIMITS.bytes / 1048576} MB for an SVG figure`,
      'simplify it (fewer points or shapes, text not converted to outlines), or export it as a PNG',
    );
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(data).replace(/^\uFEFF/, '');
  } catch {
    throw new SvgProblem('image/not-an-image', `${name} is not UTF-8 text, so not an SVG file`, 'use a PNG, JPEG or SVG file');
  }
  let doc: XmlDocument;
  try {
    doc = readXml(text, { elements: SVG_LIMITS.elements, depth: SVG_LIMITS.depth });
  } catch (e) {
    if (e instanceof XmlSyntaxError)
      throw new SvgProblem(
        'image/not-an-image',
        `${name} is not well-formed XML: ${e.message} (line ${e.line}, column ${e.column})`,
        'an SVG file must be well-formed XML: export it again, or check it in an editor that validates XML',
      );
    if (e instanceof XmlDoctypeRefused)
      throw new SvgProblem(
        'image/svg-refused',
        `${name} declares entities in its DOCTYPE (an internal subset, line ${e.line}): refused`,
        'entities can expand without end (billion laughs) or read other files (external entities): export the SVG without a DOCTYPE',
      );
    if (e instanceof XmlLimitError)
      throw new SvgProblem(
        'image/too-large',
        e.limit === 'elements'
          ? `${name} has more than ${e.max} elements, over the limit for an SVG figure`
          : `${name} nests elements more than ${e.max} deep (line ${e.line}), over the limit for an SVG figure`,
        e.limit === 'elements' ? 'simplify it (fewer points or shapes), or export it as a PNG' : 'flatten its groups, or export it as a PNG',
      );
    throw e;
  }
  const s = new Sanitizer(source);
  for (const pi of doc.instructions) if (pi.target === 'xml-stylesheet') s.note('stylesheet', pi.line);
  const [prefix, local] = split(doc.root.name);
  const rootNs = doc.root.attrs.find((a) => a.name === (prefix ? `xmlns:${prefix}` : 'xmlns'))?.value ?? '';
  if (local !== 'svg' || (rootNs !== SVG_NS && rootNs !== ''))
    throw new SvgProblem('image/not-an-image', `${name} is XML but not an SVG (its root element is <${doc.root.name}>)`, 'use a PNG, JPEG or SVG file');
  const root = s.element(doc.root, new Map([['xml', XML_NS]]));
  if (!root) throw new SvgProblem('image/not-an-image', `${name} is not an SVG`, 'use a PNG, JPEG or SVG file');

  const { width, height, viewBox } = naturalSize(root, name);
  const drawn = drawnCount(root);
  if (drawn > SVG_LIMITS.drawn)
    throw new SvgProblem(
      'image/too-large',
      `${name} draws ${drawn >= 1e15 ? 'more than 10^15' : drawn} elements once its <use> references are followed, over the limit of ${SVG_LIMITS.drawn}`,
      'uses of uses multiply what is drawn: simplify it, or export it as a PNG',
    );
  const screen = serializeSvg(root);
  const print = serializeSvg(forPrint(root, viewBox ?? [0, 0, width, height]));
  return { screen, print, width, height, notes: s.notes() };
}

/** The natural size in CSS pixels, and the viewBox; refuses a size that is unknown, empty or huge. */
function naturalSize(root: El, name: string): { width: number; height: number; viewBox?: number[] } {
  const vbText = root.attrs.get('viewBox');
  const viewBox = parseViewBox(vbText);
  if (vbText !== undefined && !viewBox) root.attrs.delete('viewBox');
  const w = absoluteLength(root.attrs.get('width'));
  const h = absoluteLength(root.attrs.get('height'));
  const extent = SVG_LIMITS.extent;
  if (viewBox?.some((v) => Math.abs(v) > extent))
    throw new SvgProblem(
      'image/too-large',
      `${name} has a viewBox of ${vbText?.trim()}, beyond ±${extent} units`,
      'export it at a sensible size (a figure needs no more than a few thousand units)',
    );
  if (viewBox && (viewBox[2] <= 0 || viewBox[3] <= 0))
    throw new SvgProblem('image/not-an-image', `${name} has a viewBox with no area (${vbText?.trim()})`, 'give it a viewBox with a positive width and height');
  let width: number;
  let height: number;
  if (w !== undefined && h !== undefined) [width, height] = [w, h];
  else if (viewBox) {
    const aspect = viewBox[2] / viewBox[3];
    [width, height] = w !== undefined ? [w, w / aspect] : h !== undefined ? [h * aspect, h] : [viewBox[2], viewBox[3]];
  } else
    throw new SvgProblem(
      'image/not-an-image',
      `${name} has no size: neither a viewBox nor a width and a height in absolute units`,
      'add a viewBox (viewBox="0 0 width height") to its <svg> element',
    );
  if (!(width > 0 && height > 0) || !Number.isFinite(width) || !Number.isFinite(height))
    throw new SvgProblem('image/not-an-image', `${name} has no area (${width} × ${height})`, 'give its <svg> element a positive width and height');
  if (width > extent || height > extent)
    throw new SvgProblem(
      'image/too-large',
      `${name} is ${Math.round(width)} × ${Math.round(height)} px, beyond ${extent} px`,
      'export it at a sensible size: a figure is scaled to its column anyway',
    );
  return { width, height, viewBox };
}

/** A deep copy with the changes the PDF writer needs (see the head of this file). */
function forPrint(root: El, viewBox: number[]): El {
  const clips = new Map<string, number[]>();
  const collect = (e: El) => {
    if (e.name === 'clipPath') {
      const id = e.attrs.get('id');
      const shapes = e.children.filter((c): c is El => typeof c !== 'string' && c.name !== 'title' && c.name !== 'desc');
      const r = shapes.length === 1 ? shapes[0] : undefined;
      const plain = (x: El) => !x.attrs.has('transform') && !x.attrs.has('clip-path') && !(x.attrs.get('style') ?? '').includes('transform');
      if (
        id &&
        r &&
        r.name === 'rect' &&
        plain(e) &&
        plain(r) &&
        (e.attrs.get('clipPathUnits') ?? 'userSpaceOnUse') === 'userSpaceOnUse' &&
        !r.attrs.has('rx') &&
        !r.attrs.has('ry')
      ) {
        const box = ['x', 'y', 'width', 'height'].map((k) => (r.attrs.has(k) ? absoluteLength(r.attrs.get(k)) : 0));
        if (box.every((v) => v !== undefined && Number.isFinite(v)) && box[2]! > 0 && box[3]! > 0) clips.set(id, box as number[]);
      }
    }
    for (const c of e.children) if (typeof c !== 'string') collect(c);
  };
  collect(root);

  const copy = (e: El, isRoot: boolean, inherited: Opacities): El => {
    const attrs = new Map(e.attrs);
    if (e.name === 'linearGradient' || e.name === 'radialGradient') attrs.delete('spreadMethod');
    const own = pushOpacity(e.name, attrs, inherited);
    const out: El = { ...e, attrs, children: e.children.map((c) => (typeof c === 'string' ? c : copy(c, false, own))) };
    if (isRoot) {
      attrs.set('viewBox', viewBox.join(' '));
      return out;
    }
    const box = clipBox(out, clips);
    if (!box) return out;
    // clip-path="url(#c)" with c a plain rectangle: the element inside a viewport of that rectangle.
    attrs.delete('clip-path');
    const style = attrs.get('style');
    if (style !== undefined) attrs.set('style', style.replace(/(^|;)\s*clip-path\s*:[^;]*/gi, '$1'));
    const transform = attrs.get('transform');
    attrs.delete('transform');
    const viewport: El = {
      name: 'svg',
      attrs: new Map([
        ['x', String(box[0])],
        ['y', String(box[1])],
        ['width', String(box[2])],
        ['height', String(box[3])],
        ['viewBox', box.join(' ')],
        ['preserveAspectRatio', 'none'],
        ['overflow', 'hidden'],
      ]),
      children: [out],
      line: e.line,
    };
    return transform === undefined ? viewport : { name: 'g', attrs: new Map([['transform', transform]]), children: [viewport], line: e.line };
  };
  return copy(root, true, { fill: 1, stroke: 1, factor: 1 });
}

/** Fill and stroke opacity as inherited (before any group's opacity), and the groups' opacity multiplied. */
interface Opacities {
  fill: number;
  stroke: number;
  factor: number;
}

/** Elements drawn where they are referenced, not in place: a group's opacity does not reach into them. */
const REFERENCED = new Set(['defs', 'clipPath', 'mask', 'marker', 'pattern', 'linearGradient', 'radialGradient', 'symbol', 'filter']);
const GROUPS = new Set(['svg', 'g', 'a', 'use', 'switch']);

/**
 * A group's opacity pushed down into the fill and stroke opacity of what it holds (one
 * shape over another in a translucent group then shows through, where a renderer would
 * composite the group first): svg-to-pdfkit draws a translucent group as a transparency
 * group, which the press PDF cannot have, but a shape's opacity it folds into its colour.
 * Returns what the element's children inherit.
 */
function pushOpacity(name: string, attrs: Map<string, string>, inherited: Opacities): Opacities {
  if (REFERENCED.has(name)) return { ...inherited, factor: 1 };
  let factor = inherited.factor;
  const op = opacityValue(property(attrs, 'opacity'));
  if (GROUPS.has(name) && op !== undefined && op < 1) {
    factor *= op;
    removeProperty(attrs, 'opacity');
  }
  const fill = opacityValue(property(attrs, 'fill-opacity')) ?? inherited.fill;
  const stroke = opacityValue(property(attrs, 'stroke-opacity')) ?? inherited.stroke;
  if (factor !== 1) {
    removeProperty(attrs, 'fill-opacity');
    removeProperty(attrs, 'stroke-opacity');
    attrs.set('fill-opacity', String(Math.round(fill * factor * 1e4) / 1e4));
    attrs.set('stroke-opacity', String(Math.round(stroke * factor * 1e4) / 1e4));
  }
  return { fill, stroke, factor };
}

/** A presentation property as svg-to-pdfkit reads it: the style attribute's, else the attribute. */
function property(attrs: Map<string, string>, name: string): string | undefined {
  const style = attrs.get('style');
  if (style !== undefined) {
    for (const d of splitOutside(style, ';')) {
      const i = d.indexOf(':');
      if (i !== -1 && d.slice(0, i).trim().toLowerCase() === name) return d.slice(i + 1).trim();
    }
  }
  return attrs.get(name);
}

function removeProperty(attrs: Map<string, string>, name: string): void {
  attrs.delete(name);
  const style = attrs.get('style');
  if (style === undefined) return;
  const kept = splitOutside(style, ';').filter((d) => {
    const i = d.indexOf(':');
    return d.trim() && !(i !== -1 && d.slice(0, i).trim().toLowerCase() === name);
  });
  if (kept.length) attrs.set('style', kept.join(';'));
  else attrs.delete('style');
}

function opacityValue(v: string | undefined): number | undefined {
  const m = /^\s*([-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?)(%?)\s*$/i.exec(v ?? '');
  if (!m) return undefined;
  const n = Number(m[1]) / (m[2] ? 100 : 1);
  return Number.isFinite(n) ? Math.max(0, Math.min(1, n)) : undefined;
}

/** The rectangle an element is clipped to, when its clip path is a plain rectangle (and it can be moved into a viewport). */
function clipBox(e: El, clips: Map<string, number[]>): number[] | undefined {
  if (e.name === 'use' && (e.attrs.has('x') || e.attrs.has('y'))) return undefined;
  if (e.name === 'svg' || e.name === 'symbol' || e.name === 'tspan' || e.name === 'textPath' || e.name === 'stop') return undefined;
  const fromStyle = /(?:^|;)\s*clip-path\s*:\s*([^;]*)/i.exec(e.attrs.get('style') ?? '')?.[1];
  const value = fromStyle ?? e.attrs.get('clip-path');
  const id = /^\s*url\(\s*["']?#([^"')\s]+)["']?\s*\)\s*$/.exec(value ?? '')?.[1];
  return id === undefined ? undefined : clips.get(id);
}

/** The cleaned SVG as a standalone XML document. */
function serializeSvg(root: El): string {
  const usesXlink = (e: El): boolean => e.attrs.has('xlink:href') || e.children.some((c) => typeof c !== 'string' && usesXlink(c));
  const parts: string[] = ['<?xml version="1.0" encoding="UTF-8"?>\n'];
  const write = (e: El, isRoot: boolean) => {
    parts.push(`<${e.name}`);
    if (isRoot) {
      parts.push(` xmlns="${SVG_NS}"`);
      if (usesXlink(root)) parts.push(` xmlns:xlink="${XLINK_NS}"`);
    }
    for (const [k, v] of e.attrs) parts.push(` ${k}="${escapeAttr(v)}"`);
    if (!e.children.length) {
      parts.push('/>');
      return;
    }
    parts.push('>');
    for (const c of e.children) {
      if (typeof c === 'string') parts.push(escapeText(c));
      else write(c, false);
    }
    parts.push(`</${e.name}>`);
  };
  write(root, true);
  parts.push('\n');
  return parts.join('');
}

function escapeText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttr(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
}

/** Whether the bytes look like an SVG (or other XML) file rather than a raster image. */
export function looksLikeSvg(data: Uint8Array, source: string): boolean {
  if (/\.svgz?$/i.test(source)) return true;
  let i = data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf ? 3 : 0;
  while (i < data.length && i < 1024 && (data[i] === 0x20 || data[i] === 0x09 || data[i] === 0x0a || data[i] === 0x0d)) i++;
  return data[i] === 0x3c; // '<'
}

export type { XmlNode };
