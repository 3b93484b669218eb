// A readable dump of positioned pages, for golden tests: the page builder's decisions
// (`# …`), then one line per item with rounded numbers; a justified line's first run
// shows its adjustment ratio (`r=`). Same input as the PDF writer: what it shows is drawn.
import type { Item, Page } from './pages.js';

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
