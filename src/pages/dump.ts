// A readable dump of positioned pages, for golden tests: the page builder's decisions
// (`# …`), then one line per item with rounded numbers; a justified line's first run
// shows its adjustment ratio (`r=`). Same input as the PDF writer: what it shows is drawn.
// `dumpStructure` shows the logical structure the items point at, as the tagged PDF has it.
import { isDrawn, type Item, type Page, type StructElement } from './page.js';
import { structureTree } from './structure.js';

const r = (n: number) => (Math.round(n * 10) / 10).toFixed(1);

export function dumpItem(it: Item): string {
  switch (it.kind) {
    case 'text': {
      let s = `text ${r(it.x)},${r(it.y)} w=${r(it.width)} ${it.font} ${r(it.size)} ${JSON.stringify(it.text)}`;
      if (it.wordSpacing) s += ` ws=${(Math.round(it.wordSpacing * 100) / 100).toFixed(2)}`;
      if (it.letterSpacing) s += ` ls=${(Math.round(it.letterSpacing * 100) / 100).toFixed(2)}`;
      if (it.ratio !== undefined) s += ` r=${it.ratio.toFixed(2)}`;
      if (it.color !== '#1a1a1a') s += ` ${it.color}`;
      return s;
    }
    case 'rule':
      return `rule ${r(it.x1)},${r(it.y1)} → ${r(it.x2)},${r(it.y2)} t=${r(it.thickness)}`;
    case 'rect':
      return `rect ${r(it.x)},${r(it.y)} ${r(it.w)}x${r(it.h)} ${it.fill}`;
    case 'image':
      return `image ${it.imageId} ${r(it.x)},${r(it.y)} ${r(it.w)}x${r(it.h)}`;
    case 'link':
      return `link ${r(it.x)},${r(it.y)} ${r(it.w)}x${r(it.h)} → ${it.target.kind === 'uri' ? it.target.uri : '#' + it.target.name}`;
    case 'anchor':
      return `anchor ${it.name} ${r(it.x)},${r(it.y)}`;
    case 'bookmark':
      return `bookmark ${it.level} ${JSON.stringify(it.title)}`;
    default:
      throw new Error(`unknown page item ${(it as { kind: string }).kind}`);
  }
}

export function dumpPages(pages: readonly Page[]): string {
  const out: string[] = [];
  pages.forEach((p, i) => {
    out.push(`page ${i + 1} ${r(p.width)}x${r(p.height)}`);
    for (const l of p.log ?? []) out.push(`  # ${l}`);
    for (const it of p.items) out.push('  ' + dumpItem(it));
  });
  return out.join('\n') + '\n';
}

/**
 * The structure tree of the pages, one element a line indented by depth: its role, language,
 * title or alt text, the pages its own content is on and that content (text shortened;
 * `image`) — what a reader of the tagged PDF is given, in reading order.
 */
export function dumpStructure(pages: readonly Page[]): string {
  const own = new Map<StructElement, { text: string; pages: number[]; image: boolean }>();
  pages.forEach((p, i) => {
    for (const it of p.items) {
      if (!isDrawn(it) || !it.tag || !('el' in it.tag)) continue;
      let o = own.get(it.tag.el);
      if (!o) own.set(it.tag.el, (o = { text: '', pages: [], image: false }));
      if (!o.pages.includes(i + 1)) o.pages.push(i + 1);
      if (it.kind === 'text') o.text += it.text + (it.spaceAfter ? ' ' : '');
      else if (it.kind === 'image') o.image = true;
    }
  });
  const tree = structureTree(pages);
  const out: string[] = [];
  const line = (el: StructElement, depth: number) => {
    let s = '  '.repeat(depth) + el.role;
    if (el.lang) s += ` lang=${el.lang}`;
    if (el.title) s += ` title=${JSON.stringify(el.title)}`;
    if (el.alt) s += ` alt=${JSON.stringify(el.alt)}`;
    const o = own.get(el);
    if (o) {
      s += ` p${o.pages.join(',')}`;
      if (o.image) s += ' image';
      const text = o.text.replace(/\s+/g, ' ').trim();
      if (text) s += ` ${JSON.stringify(text.length > 48 ? text.slice(0, 47).trimEnd() + '…' : text)}`;
    }
    out.push(s);
    for (const k of tree.kids.get(el) ?? []) line(k, depth + 1);
  };
  for (const r of tree.roots) line(r, 0);
  return out.join('\n') + '\n';
}
