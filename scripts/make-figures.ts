// Builds the figures of the bundled sample edition (editions/sample/images/*.png).
//
//   npx tsx scripts/make-figures.ts
//
// Every figure is an SVG drawn in code and rendered with sharp at 300 ppi. The SVG is sized
// in unitless user units, which sharp reads as points (1/72 in) and scales by density/72, so
// a figure drawn 245 units wide sits in one column (3.4 in, ~1020 px) and one drawn 504
// units wide spans the page (7 in, 2100 px). (Giving the size in "pt" would scale twice.)
// The output is deterministic: the "data" come from fixed formulas and a seeded generator,
// and nothing depends on the clock.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ACCENT, ACCENT_SOFT, GREY, INK, line, n, rect, RULE, seeded, svgDoc, text, writeFigures } from './svg-kit.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT_DIR = path.join(ROOT, 'editions', 'sample', 'images');

// Rendered a little above 300 ppi: the magazine layout places figures at 248.4 pt (one
// column) and 514.8 pt (spanning), slightly wider than drawn, and print needs ≥ 300 ppi there.
const PPI = 310;
const COLUMN_PT = 245; // 3.4 in
const SPAN_PT = 504; // 7 in

const SEA = '#cfe0e8';
const SEA_DEEP = '#9fc1d1';
const LAND = '#ece6d6';

// ---------------------------------------------------------------------------------------
// 1. Tide chart: mean high water at Carrow Quay, month by month (column width).

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export function tideLevels(): number[] {
  const rnd = seeded(1911);
  return MONTHS.map((_, i) => {
    // Equinoctial peaks in March and September, a winter surge bonus, a little noise.
    const equinox = 0.32 * Math.cos((4 * Math.PI * (i - 2.4)) / 12);
    const winter = 0.18 * Math.cos((2 * Math.PI * (i - 0.5)) / 12);
    const noise = (rnd() - 0.5) * 0.08;
    return Math.round((4.35 + equinox + winter + noise) * 100) / 100;
  });
}

function tideChart(): string {
  const W = COLUMN_PT;
  const H = 175;
  const left = 30;
  const right = 8;
  const top = 24;
  const bottom = 26;
  const plotW = W - left - right;
  const plotH = H - top - bottom;
  const lo = 3.6;
  const hi = 5.0;
  const y = (v: number) => top + plotH - ((v - lo) / (hi - lo)) * plotH;
  const data = tideLevels();
  const body: string[] = [];

  body.push(text(left - 22, 11, 'Mean high water at Carrow Quay, 2025', { size: 7.5, weight: 'bold' }));
  body.push(text(left - 22, 19, 'metres above chart datum', { size: 6, fill: GREY, italic: true }));

  for (let v = lo; v <= hi + 1e-9; v += 0.2) {
    const yy = y(v);
    body.push(line(left, yy, W - right, yy, RULE, 0.4));
    body.push(text(left - 3, yy + 2, v.toFixed(1), { size: 5.5, anchor: 'end', fill: GREY }));
  }

  const slot = plotW / data.length;
  const barW = slot * 0.62;
  const max = Math.max(...data);
  data.forEach((v, i) => {
    const x = left + i * slot + (slot - barW) / 2;
    const fill = v === max ? ACCENT : SEA_DEEP;
    body.push(rect(x, y(v), barW, y(lo) - y(v), fill));
    body.push(text(x + barW / 2, y(v) - 2, v.toFixed(2), { size: 4.6, anchor: 'middle', fill: GREY }));
    body.push(text(x + barW / 2, H - bottom + 9, MONTHS[i], { size: 5.5, anchor: 'middle' }));
  });

  // The clock's "red line": the level at which the old tide clock rang its bell.
  const bell = 4.6;
  body.push(line(left, y(bell), W - right, y(bell), ACCENT, 0.7, '3 2'));
  body.push(line(W - right - 62, 17, W - right - 50, 17, ACCENT, 0.7, '3 2'));
  body.push(text(W - right, 19, 'bell line, 4.60 m', { size: 5.5, anchor: 'end', fill: ACCENT }));

  body.push(line(left, y(lo), W - right, y(lo), INK, 0.6));
  body.push(text(left - 22, H - 5, 'Readings from the harbour office gauge; figures rounded.', { size: 5, fill: GREY }));
  return svgDoc(W, H, body);
}

// ---------------------------------------------------------------------------------------
// 2. Ferry ridership, Carrow–Skerrow, 1996–2025 (column width).

export function ferryRidership(): { year: number; riders: number }[] {
  const rnd = seeded(44);
  const out: { year: number; riders: number }[] = [];
  for (let year = 1996; year <= 2025; year++) {
    const t = year - 1996;
    let riders = 182 * Math.exp(-t / 26) + (rnd() - 0.5) * 8;
    if (year >= 2009 && year <= 2011) riders += 14; // the bridge closure years
    if (year === 2020) riders *= 0.45;
    if (year === 2021) riders *= 0.7;
    out.push({ year, riders: Math.round(riders * 10) / 10 });
  }
  return out;
}

function ferryChart(): string {
  const W = COLUMN_PT;
  const H = 170;
  const left = 30;
  const right = 10;
  const top = 24;
  const bottom = 24;
  const plotW = W - left - right;
  const plotH = H - top - bottom;
  const data = ferryRidership();
  const x0 = 1996;
  const x1 = 2025;
  const x = (yr: number) => left + ((yr - x0) / (x1 - x0)) * plotW;
  const y = (v: number) => top + plotH - (v / 200) * plotH;
  const body: string[] = [];

  body.push(text(left - 22, 11, 'Passengers on the Skerrow ferry', { size: 7.5, weight: 'bold' }));
  body.push(text(left - 22, 19, 'thousands per year, 1996–2025', { size: 6, fill: GREY, italic: true }));

  for (let v = 0; v <= 200; v += 50) {
    body.push(line(left, y(v), W - right, y(v), RULE, 0.4));
    body.push(text(left - 3, y(v) + 2, String(v), { size: 5.5, anchor: 'end', fill: GREY }));
  }
  for (let yr = 2000; yr <= 2025; yr += 5) {
    body.push(line(x(yr), y(0), x(yr), y(0) + 2.5, INK, 0.5));
    body.push(text(x(yr), y(0) + 9, String(yr), { size: 5.5, anchor: 'middle' }));
  }

  // Shade the bridge-closure years.
  body.push(rect(x(2009), top, x(2011) - x(2009), plotH, '#f3ece4'));
  body.push(text((x(2009) + x(2011)) / 2, top + 7, 'bridge shut', { size: 4.8, anchor: 'middle', fill: GREY }));

  const pts = data.map((d) => `${n(x(d.year))},${n(y(d.riders))}`).join(' ');
  const area = `M ${n(x(x0))},${n(y(0))} L ${pts.split(' ').join(' L ')} L ${n(x(x1))},${n(y(0))} Z`;
  body.push(`<path d="${area}" fill="${SEA}" stroke="none"/>`);
  body.push(`<polyline points="${pts}" fill="none" stroke="${INK}" stroke-width="1" stroke-linejoin="round"/>`);
  body.push(line(left, y(0), W - right, y(0), INK, 0.6));

  const first = data[0];
  const last = data[data.length - 1];
  for (const d of [first, last]) {
    body.push(`<circle cx="${n(x(d.year))}" cy="${n(y(d.riders))}" r="1.6" fill="${ACCENT}"/>`);
  }
  body.push(text(x(first.year) + 4, y(first.riders) + 1, `${Math.round(first.riders)}k`, { size: 5.5, fill: ACCENT }));
  body.push(text(x(last.year) - 3, y(last.riders) - 5, `${Math.round(last.riders)}k`, { size: 5.5, anchor: 'end', fill: ACCENT }));
  const covid = data.find((d) => d.year === 2020)!;
  body.push(text(x(2020), y(covid.riders) + 9, '2020', { size: 4.8, anchor: 'middle', fill: GREY }));

  body.push(text(left - 22, H - 4, 'Source: ticket office ledgers, Carrow Ferry Company.', { size: 5, fill: GREY }));
  return svgDoc(W, H, body);
}

// ---------------------------------------------------------------------------------------
// 3. Harbour map: the estuary, the quay, the channel and the ferry route (spanning).

function harbourMap(): string {
  const W = SPAN_PT;
  const H = 250;
  const body: string[] = [];

  // Sea fills the frame; land masses sit on top.
  body.push(rect(0, 0, W, H, SEA));
  // Deep-water channel, a soft band curving out to the east.
  body.push(`<path d="M 74,${H} C 86,195 110,160 160,148 C 230,132 280,118 340,112 S 450,104 ${W},96" fill="none" stroke="${SEA_DEEP}" stroke-width="26"/>`);
  // Mainland: the town of Carrow along the north and west shore.
  body.push(
    `<path d="M 0,0 L ${W},0 L ${W},38 C 450,44 400,58 350,62 C 300,66 260,60 230,74 C 200,88 170,96 140,104 C 110,112 90,130 70,160 C 55,185 40,215 30,${H} L 0,${H} Z" fill="${LAND}" stroke="${GREY}" stroke-width="0.6"/>`,
  );
  // The south shore, low marsh.
  body.push(
    `<path d="M 110,${H} C 150,220 210,205 270,200 C 330,195 380,205 420,212 C 460,218 490,214 ${W},206 L ${W},${H} Z" fill="${LAND}" stroke="${GREY}" stroke-width="0.6"/>`,
  );
  // Marsh hatching on the south shore.
  for (let i = 0; i < 18; i++) {
    const mx = 150 + i * 19;
    const my = 226 + ((i * 7) % 5) * 3;
    body.push(line(mx, my, mx + 5, my, '#a9b08a', 0.6));
    body.push(line(mx + 1.5, my + 3, mx + 6.5, my + 3, '#a9b08a', 0.6));
  }
  // Skerrow island, out in the firth.
  body.push(
    `<path d="M 420,118 C 432,104 462,100 478,108 C 492,116 490,134 474,142 C 456,150 430,146 420,136 C 414,130 414,124 420,118 Z" fill="${LAND}" stroke="${GREY}" stroke-width="0.6"/>`,
  );

  // Quay, breakwater and the old harbour office.
  body.push(rect(150, 96, 46, 7, '#8d8779'));
  body.push(`<path d="M 196,100 L 240,118 L 244,114 L 200,96 Z" fill="#8d8779"/>`);
  body.push(rect(163, 84, 8, 8, ACCENT));
  body.push(`<path d="M 262,152 C 280,144 300,146 312,152" fill="none" stroke="#8d8779" stroke-width="4" stroke-linecap="round"/>`);

  // Ferry route, dashed, from the quay to Skerrow pier.
  body.push(`<path d="M 198,108 C 260,128 340,140 418,128" fill="none" stroke="${ACCENT}" stroke-width="1.2" stroke-dasharray="4 2.5"/>`);
  body.push(`<circle cx="198" cy="108" r="2.2" fill="${ACCENT}"/>`);
  body.push(`<circle cx="419" cy="128" r="2.2" fill="${ACCENT}"/>`);

  // Soundings, scattered deterministically across the water.
  const rnd = seeded(7);
  const placed: [number, number][] = [];
  for (let i = 0; i < 40 && placed.length < 18; i++) {
    const sx = 225 + rnd() * 180;
    const sy = 168 + rnd() * 26;
    const depth = 2 + Math.round(rnd() * 9);
    if (placed.some(([px, py]) => Math.abs(px - sx) < 12 && Math.abs(py - sy) < 8)) continue;
    placed.push([sx, sy]);
    body.push(text(sx, sy, String(depth), { size: 5, fill: '#5d7f90', italic: true, anchor: 'middle' }));
  }

  // Labels.
  body.push(text(70, 40, 'CARROW', { size: 11, weight: 'bold', fill: '#6e6553' }));
  body.push(text(70, 52, 'town', { size: 6.5, fill: '#6e6553', italic: true }));
  body.push(text(174, 80, 'harbour office', { size: 5.8, anchor: 'middle' }));
  body.push(text(158, 116, 'Town Quay', { size: 5.8, anchor: 'middle' }));
  body.push(text(236, 126, 'breakwater', { size: 5.2, anchor: 'middle', fill: GREY, rotate: 22 }));
  body.push(text(287, 161, 'Gull Spit', { size: 5.2, anchor: 'middle', fill: GREY }));
  body.push(text(455, 126, 'SKERROW', { size: 7.5, weight: 'bold', anchor: 'middle', fill: '#6e6553' }));
  body.push(text(455, 100, 'Skerrow pier', { size: 5.2, anchor: 'middle' }));
  body.push(text(365, 149, 'ferry route (closed 2026)', { size: 5.6, anchor: 'middle', fill: ACCENT, italic: true }));
  body.push(text(360, 88, 'THE  FIRTH', { size: 9, anchor: 'middle', fill: '#5d7f90', weight: 'bold' }));
  body.push(text(300, 236, 'Carrow Marsh', { size: 6.5, anchor: 'middle', fill: '#6e6553', italic: true }));
  body.push(text(78, 205, 'River Carr', { size: 6, anchor: 'middle', fill: '#5d7f90', italic: true, rotate: -62 }));

  // Compass and scale bar.
  const cx = 475;
  const cy = 184;
  body.push(`<path d="M ${cx},${cy - 14} L ${cx + 4},${cy} L ${cx},${cy - 3} L ${cx - 4},${cy} Z" fill="${INK}"/>`);
  body.push(text(cx, cy - 17, 'N', { size: 6.5, anchor: 'middle', weight: 'bold' }));
  const sx = 20;
  const sy = H - 12;
  body.push(rect(sx - 4, sy - 12, 92, 20, '#ffffff', 'fill-opacity="0.8"'));
  for (let i = 0; i < 4; i++) {
    body.push(rect(sx + i * 20, sy - 2, 20, 3, i % 2 === 0 ? INK : '#ffffff', `stroke="${INK}" stroke-width="0.4"`));
  }
  body.push(text(sx, sy - 5, '0', { size: 5, anchor: 'middle' }));
  body.push(text(sx + 80, sy - 5, '2 km', { size: 5, anchor: 'middle' }));

  // Frame.
  body.push(rect(0.5, 0.5, W - 1, H - 1, 'none', `stroke="${INK}" stroke-width="0.8"`));
  return svgDoc(W, H, body);
}

// ---------------------------------------------------------------------------------------
// 4. Seed library loans by kind, 2026 season (column width, horizontal bars).

export function seedLoans(): { kind: string; packets: number; returned: number }[] {
  const kinds = ['Beans', 'Kale & greens', 'Tomatoes', 'Peas', 'Squash', 'Herbs', 'Flowers'];
  const rnd = seeded(2026);
  return kinds.map((kind, i) => {
    const packets = Math.round(40 + 190 * Math.exp(-i / 2.6) + rnd() * 18);
    const returned = Math.round(packets * (0.28 + 0.3 * rnd()));
    return { kind, packets, returned };
  });
}

function seedChart(): string {
  const W = COLUMN_PT;
  const H = 160;
  const left = 62;
  const right = 14;
  const top = 30;
  const bottom = 20;
  const data = seedLoans();
  const plotW = W - left - right;
  const rowH = (H - top - bottom) / data.length;
  const max = 250;
  const x = (v: number) => left + (v / max) * plotW;
  const body: string[] = [];

  body.push(text(8, 11, 'Seed packets lent, spring 2026', { size: 7.5, weight: 'bold' }));
  body.push(rect(8, 17, 6, 5, SEA_DEEP));
  body.push(text(17, 21.5, 'lent', { size: 5.5, fill: GREY }));
  body.push(rect(40, 17, 6, 5, ACCENT_SOFT));
  body.push(text(49, 21.5, 'returned as seed by October', { size: 5.5, fill: GREY }));

  for (let v = 0; v <= max; v += 50) {
    body.push(line(x(v), top - 2, x(v), H - bottom, RULE, 0.4));
    body.push(text(x(v), H - bottom + 8, String(v), { size: 5.2, anchor: 'middle', fill: GREY }));
  }
  data.forEach((d, i) => {
    const yy = top + i * rowH;
    const bh = rowH * 0.62;
    body.push(text(left - 4, yy + bh * 0.75, d.kind, { size: 5.8, anchor: 'end' }));
    body.push(rect(left, yy, x(d.packets) - left, bh, SEA_DEEP));
    body.push(rect(left, yy + bh * 0.3, x(d.returned) - left, bh * 0.4, ACCENT_SOFT));
    body.push(text(x(d.packets) + 2, yy + bh * 0.75, String(d.packets), { size: 5, fill: GREY }));
  });
  body.push(line(left, top - 2, left, H - bottom, INK, 0.6));
  return svgDoc(W, H, body);
}

// ---------------------------------------------------------------------------------------

const FIGURES: { name: string; svg: () => string }[] = [
  { name: 'tide-chart', svg: tideChart },
  { name: 'ferry-ridership', svg: ferryChart },
  { name: 'harbour-map', svg: harbourMap },
  { name: 'seed-loans', svg: seedChart },
];

async function main(): Promise<void> {
  await writeFigures(FIGURES, OUT_DIR, PPI, ROOT);
  if (process.argv.includes('--data')) {
    console.log('tide levels', tideLevels().join(' '));
    console.log(
      'ferry',
      ferryRidership()
        .map((d) => `${d.year}:${d.riders}`)
        .join(' '),
    );
    console.log('seeds', JSON.stringify(seedLoans()));
  }
}

await main();
