// Drawing helpers shared by the scripts that make the sample editions' figures: SVG built
// as text with rounded coordinates, rendered to PNG by sharp, the same bytes every run.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';

export const FONT = 'DejaVu Sans, sans-serif';
export const INK = '#1d1d1b';
export const GREY = '#6b6b66';
export const RULE = '#c9c7c0';
export const ACCENT = '#b5442c';
export const ACCENT_SOFT = '#e3a58f';

/** mulberry32: a small seeded generator, so the "measured" noise is the same every run. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Rounds coordinates so the SVG text (and so the PNG) never depends on float noise. */
export function n(x: number): string {
  return (Math.round(x * 100) / 100).toString();
}

export interface TextOpts {
  size?: number;
  anchor?: 'start' | 'middle' | 'end';
  weight?: 'normal' | 'bold';
  fill?: string;
  italic?: boolean;
  rotate?: number;
}

export function text(x: number, y: number, s: string, o: TextOpts = {}): string {
  const attrs = [
    `x="${n(x)}"`,
    `y="${n(y)}"`,
    `font-family="${FONT}"`,
    `font-size="${o.size ?? 7}"`,
    `text-anchor="${o.anchor ?? 'start'}"`,
    `fill="${o.fill ?? INK}"`,
  ];
  if (o.weight === 'bold') attrs.push('font-weight="bold"');
  if (o.italic) attrs.push('font-style="italic"');
  if (o.rotate) attrs.push(`transform="rotate(${o.rotate} ${n(x)} ${n(y)})"`);
  return `<text ${attrs.join(' ')}>${esc(s)}</text>`;
}

export function line(x1: number, y1: number, x2: number, y2: number, stroke = INK, width = 0.5, dash?: string): string {
  const d = dash ? ` stroke-dasharray="${dash}"` : '';
  return `<line x1="${n(x1)}" y1="${n(y1)}" x2="${n(x2)}" y2="${n(y2)}" stroke="${stroke}" stroke-width="${width}"${d}/>`;
}

export function rect(x: number, y: number, w: number, h: number, fill: string, extra = ''): string {
  return `<rect x="${n(x)}" y="${n(y)}" width="${n(w)}" height="${n(h)}" fill="${fill}"${extra ? ' ' + extra : ''}/>`;
}

/** An SVG page sized in unitless user units, which sharp reads as points. */
export function svgDoc(widthPt: number, heightPt: number, body: string[], defs = ''): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${widthPt}" height="${heightPt}" viewBox="0 0 ${widthPt} ${heightPt}">`,
    ...(defs ? [`<defs>${defs}</defs>`] : []),
    rect(0, 0, widthPt, heightPt, '#ffffff'),
    ...body,
    '</svg>',
  ].join('\n');
}

/** Render each figure at `ppi` onto white and write `<name>.png` into `outDir`. */
export async function writeFigures(figures: { name: string; svg: () => string }[], outDir: string, ppi: number, root: string): Promise<void> {
  await mkdir(outDir, { recursive: true });
  for (const fig of figures) {
    const png = await sharp(Buffer.from(fig.svg()), { density: ppi })
      .flatten({ background: '#ffffff' })
      .png({ compressionLevel: 9, adaptiveFiltering: false, palette: false })
      .withDensity(ppi)
      .toBuffer({ resolveWithObject: true });
    const file = path.join(outDir, `${fig.name}.png`);
    await writeFile(file, png.data);
    console.log(`${path.relative(root, file)}  ${png.info.width}×${png.info.height} px`);
  }
}
