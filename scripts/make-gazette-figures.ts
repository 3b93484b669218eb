// Builds the figures of the bundled tabloid sample edition (editions/gazette/images/*.png).
//
//   npx tsx scripts/make-gazette-figures.ts          (add --data to print the numbers)
//
// Like scripts/make-figures.ts, every figure is an SVG drawn in code and rendered with sharp
// at 300 ppi. The SVG is sized in unitless user units, which sharp reads as points (1/72 in)
// and scales by density/72. The tabloid preset sets four columns of about 2.3 in on an
// 11 in page, so a figure drawn 168 units wide sits in one column (2.33 in, 700 px) and one
// drawn 720 units wide spans the page (10 in, 3000 px; wide enough for its aspect to make
// it span). Nothing here depends on the clock or on an unseeded generator: the output is
// the same on every run.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ACCENT, ACCENT_SOFT, GREY, INK, line, n, rect, RULE, seeded, svgDoc, text, writeFigures } from './svg-kit.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT_DIR = path.join(ROOT, 'editions', 'gazette', 'images');

const PPI = 300;
const COLUMN_PT = 168; // 2.33 in: one tabloid column
const SPAN_PT = 720; // 10 in: across the page

const WATER = '#cfe0e8';
const WATER_DEEP = '#7fa9bf';
const FLOOD = '#9cc3d8';
const LAND = '#f1ede2';
const ROAD = '#ffffff';
const BUILDING = '#d9d2c0';

/** "£26,350" */
function pounds(v: number): string {
  return '£' + v.toLocaleString('en-GB');
}

// ---------------------------------------------------------------------------------------
// The storm: hourly rain and the River Carr at the Carr Bridge gauge, Sat 14 to Tue 17 Nov.
// Hour 0 is 00:00 on Saturday 14 November 2026; the chart runs for four days.

const HOURS = 96;
const RAIN_TOTAL_MM = 62;
const PEAK_LEVEL = 3.41;
const WARNING_LEVEL = 2.9;
const RECORD_LEVEL = 3.27; // January 1993
/** High water at Dunmarrow on the Sunday night spring tide: 22:48. */
const HIGH_WATER_H = 24 + 22.8;
/** The lade wall gave way at 23:25 on Sunday. */
const BREACH_H = 24 + 23 + 25 / 60;
const TIDE_PERIOD_H = 12.42;

/** Hourly rainfall in mm, hours 0..95: thirty hours of rain from 16:00 on Saturday. */
export function rainfall(): number[] {
  const rnd = seeded(1114);
  const raw = Array.from({ length: HOURS }, (_, h) => {
    if (h < 16 || h >= 46) return 0;
    const t = (h - 16) / 30; // 0..1 through the storm
    // Two bursts: a steady band on Saturday evening, a heavier one on Sunday morning.
    const a = Math.exp(-(((t - 0.3) / 0.16) ** 2));
    const b = 1.5 * Math.exp(-(((t - 0.72) / 0.12) ** 2));
    return 0.25 + a + b + rnd() * 0.35;
  });
  const sum = raw.reduce((s, v) => s + v, 0);
  const tenths = raw.map((v) => Math.round((v / sum) * RAIN_TOTAL_MM * 10));
  // Put the rounding remainder on the wettest hour, so the total is exactly 62.0 mm.
  const diff = RAIN_TOTAL_MM * 10 - tenths.reduce((s, v) => s + v, 0);
  const wettest = tenths.indexOf(Math.max(...tenths));
  tenths[wettest] += diff;
  return tenths.map((v) => v / 10);
}

/** River level at the gauge in metres, sampled every quarter hour (index = hour × 4). */
export function riverLevels(): number[] {
  const rain = rainfall();
  const steps = HOURS * 4;
  // Runoff: the rain routed through a simple unit hydrograph with a lag of about nine hours.
  const unit = (lag: number) => (lag <= 0 ? 0 : (lag / 9) ** 2 * Math.exp(2 - (2 * lag) / 9));
  const flood: number[] = [];
  for (let i = 0; i < steps; i++) {
    const t = i / 4;
    let q = 0;
    for (let h = 0; h < HOURS; h++) q += rain[h] * unit(t - (h + 0.5));
    flood.push(q);
  }
  // The gauge is inside the tidal reach: the tide lifts the river twice a day around a
  // base level of 1.10 m. The storm runoff is scaled so the highest reading before the
  // breach is the measured peak.
  const maxFlood = Math.max(...flood);
  const shape = flood.map((q) => q / maxFlood);
  const tide = shape.map((_, i) => 0.35 * Math.cos((2 * Math.PI * (i / 4 - HIGH_WATER_H)) / TIDE_PERIOD_H));
  const breachI = Math.floor(BREACH_H * 4);
  const peakWith = (f: number) => Math.max(...shape.slice(0, breachI + 1).map((s, i) => 1.1 + tide[i] + f * s));
  let fLo = 0;
  let fHi = 5;
  for (let k = 0; k < 60; k++) {
    const mid = (fLo + fHi) / 2;
    if (peakWith(mid) < PEAK_LEVEL) fLo = mid;
    else fHi = mid;
  }
  let levels = shape.map((s, i) => 1.1 + tide[i] + fLo * s);
  // After the breach, water escaping into Millhaugh drops the river by up to 0.3 m.
  levels = levels.map((v, i) => {
    const t = i / 4;
    if (t < BREACH_H) return v;
    const drop = 0.35 * (1 - Math.exp(-(t - BREACH_H) / 0.3)) * Math.exp(-(t - BREACH_H) / 16);
    return v - drop;
  });
  return levels.map((v) => Math.round(v * 100) / 100);
}

function stormChart(): string {
  const W = SPAN_PT;
  const H = 236;
  const left = 40;
  const right = 98;
  const rainTop = 34;
  const rainH = 38;
  const top = rainTop + rainH + 14;
  const bottom = 34;
  const plotW = W - left - right;
  const plotH = H - top - bottom;
  const lo = 0;
  const hi = 3.6;
  const x = (h: number) => left + (h / HOURS) * plotW;
  const y = (v: number) => top + plotH - ((v - lo) / (hi - lo)) * plotH;
  const rain = rainfall();
  const levels = riverLevels();
  const body: string[] = [];

  body.push(text(left - 30, 13, 'The River Carr at the Carr Bridge gauge, Saturday 14 to Tuesday 17 November', { size: 10, weight: 'bold' }));
  body.push(
    text(left - 30, 25, 'Hourly rainfall at Dunmarrow (top) and river level every quarter hour, metres above gauge zero', {
      size: 7.5,
      fill: GREY,
      italic: true,
    }),
  );

  // Day bands and hour ticks.
  const days = ['Saturday 14', 'Sunday 15', 'Monday 16', 'Tuesday 17'];
  days.forEach((d, i) => {
    if (i % 2 === 1) {
      body.push(rect(x(i * 24), rainTop, x(24) - x(0), rainH, '#f6f4ee'));
      body.push(rect(x(i * 24), top, x(24) - x(0), plotH, '#f6f4ee'));
    }
    body.push(text(x(i * 24 + 12), H - bottom + 22, d, { size: 7.5, anchor: 'middle', weight: 'bold' }));
  });
  for (let h = 0; h <= HOURS; h += 6) {
    const major = h % 24 === 0;
    body.push(line(x(h), y(lo), x(h), y(lo) + (major ? 5 : 2.5), INK, major ? 0.7 : 0.5));
    if (!major || h === 0 || h === HOURS) {
      const label = String(h % 24).padStart(2, '0') + ':00';
      body.push(text(x(h), y(lo) + 11, label, { size: 6, anchor: 'middle', fill: GREY }));
    } else {
      body.push(text(x(h), y(lo) + 11, 'midnight', { size: 6, anchor: 'middle', fill: GREY }));
    }
    if (major) {
      body.push(line(x(h), rainTop, x(h), rainTop + rainH, RULE, 0.5));
      body.push(line(x(h), top, x(h), y(lo), RULE, 0.5));
    }
  }

  // Rain band.
  const rainMax = 5;
  const ry = (v: number) => rainTop + rainH - (v / rainMax) * rainH;
  for (let v = 0; v <= rainMax; v += 2.5) {
    body.push(line(left, ry(v), W - right, ry(v), RULE, 0.35));
    body.push(text(left - 4, ry(v) + 2.2, v.toFixed(1), { size: 6, anchor: 'end', fill: GREY }));
  }
  rain.forEach((r, h) => {
    if (r <= 0) return;
    const bw = (x(1) - x(0)) * 0.8;
    body.push(rect(x(h) + (x(1) - x(0) - bw) / 2, ry(r), bw, ry(0) - ry(r), WATER_DEEP));
  });
  body.push(line(left, ry(0), W - right, ry(0), INK, 0.5));
  body.push(text(W - right + 6, rainTop + 12, 'rain,', { size: 7, fill: GREY }));
  body.push(text(W - right + 6, rainTop + 21, 'mm per hour', { size: 7, fill: GREY }));
  body.push(text(W - right + 6, rainTop + 33, `${RAIN_TOTAL_MM} mm in 30 h`, { size: 7, weight: 'bold', fill: WATER_DEEP }));

  // River level grid.
  for (let v = lo; v <= hi + 1e-9; v += 0.5) {
    body.push(line(left, y(v), W - right, y(v), RULE, 0.35));
    body.push(text(left - 4, y(v) + 2.2, v.toFixed(1), { size: 6, anchor: 'end', fill: GREY }));
  }

  // Reference lines.
  body.push(line(left, y(WARNING_LEVEL), W - right, y(WARNING_LEVEL), ACCENT, 0.8, '4 2.5'));
  body.push(text(W - right + 6, y(WARNING_LEVEL) + 2.5, `flood warning ${WARNING_LEVEL.toFixed(2)} m`, { size: 6.5, fill: ACCENT }));
  body.push(line(left, y(RECORD_LEVEL), W - right, y(RECORD_LEVEL), GREY, 0.6, '1.2 1.8'));
  body.push(text(W - right + 6, y(RECORD_LEVEL) + 1, `record ${RECORD_LEVEL.toFixed(2)} m (1993)`, { size: 6.5, fill: GREY }));

  // The river.
  const pts = levels.map((v, i) => `${n(x(i / 4))},${n(y(v))}`);
  const area = `M ${n(x(0))},${n(y(lo))} L ${pts.join(' L ')} L ${n(x(HOURS - 0.25))},${n(y(lo))} Z`;
  body.push(`<path d="${area}" fill="${WATER}" stroke="none"/>`);
  body.push(`<polyline points="${pts.join(' ')}" fill="none" stroke="${INK}" stroke-width="1.1" stroke-linejoin="round"/>`);
  body.push(line(left, y(lo), W - right, y(lo), INK, 0.7));

  // Peak and breach annotations.
  const peakI = levels.indexOf(Math.max(...levels));
  const peakH = peakI / 4;
  const peak = levels[peakI];
  body.push(`<circle cx="${n(x(peakH))}" cy="${n(y(peak))}" r="2.2" fill="${ACCENT}"/>`);
  body.push(line(x(peakH), y(peak), x(peakH) - 26, y(peak) - 4, INK, 0.5));
  body.push(text(x(peakH) - 28, y(peak) - 6.5, `peak ${peak.toFixed(2)} m, ${clock(peakH)} Sunday`, { size: 7, anchor: 'end', weight: 'bold' }));
  body.push(line(x(BREACH_H), top - 4, x(BREACH_H), y(lo), ACCENT, 0.8));
  body.push(rect(x(BREACH_H) + 1.5, top - 3, 118, 27, '#ffffff', 'fill-opacity="0.92"'));
  body.push(text(x(BREACH_H) + 4, top + 4, `${clock(BREACH_H)}: lade wall gives way`, { size: 7, fill: ACCENT, weight: 'bold' }));
  body.push(text(x(BREACH_H) + 4, top + 13, 'water spills into Millhaugh and', { size: 6.5, fill: ACCENT }));
  body.push(text(x(BREACH_H) + 4, top + 21, 'the gauge reading falls', { size: 6.5, fill: ACCENT }));
  // High tides: small marks along the foot of the plot.
  for (let k = -4; k <= 4; k++) {
    const hw = HIGH_WATER_H + k * TIDE_PERIOD_H;
    if (hw < 1 || hw > HOURS - 1) continue;
    body.push(`<path d="M ${n(x(hw) - 2.5)},${n(y(lo) - 0.5)} L ${n(x(hw))},${n(y(lo) - 4.5)} L ${n(x(hw) + 2.5)},${n(y(lo) - 0.5)} Z" fill="${WATER_DEEP}"/>`);
  }
  body.push(
    `<path d="M ${n(W - right + 6)},${n(y(lo) - 1)} L ${n(W - right + 8.5)},${n(y(lo) - 5)} L ${n(W - right + 11)},${n(y(lo) - 1)} Z" fill="${WATER_DEEP}"/>`,
  );
  body.push(text(W - right + 14, y(lo) - 1, 'high tide', { size: 6.5, fill: GREY }));

  body.push(
    text(
      left - 30,
      H - 3,
      'Source: river gauge readings published by the environment agency; rainfall from the Dunmarrow Academy weather station. Times are local.',
      {
        size: 6,
        fill: GREY,
      },
    ),
  );
  return svgDoc(W, H, body);
}

/** 47.42 → "23:25" */
function clock(h: number): string {
  const mins = Math.round((h % 24) * 60);
  return `${String(Math.floor(mins / 60)).padStart(2, '0')}:${String(mins % 60).padStart(2, '0')}`;
}

// ---------------------------------------------------------------------------------------
// Where the water went: a sketch map of Millhaugh (one column).

function floodMap(): string {
  const W = COLUMN_PT;
  const H = 222;
  const mapTop = 26;
  const body: string[] = [];
  const defs = `<pattern id="hatch" width="3" height="3" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="3" height="3" fill="${FLOOD}"/><line x1="0" y1="0" x2="0" y2="3" stroke="${WATER_DEEP}" stroke-width="0.8"/></pattern>`;

  body.push(text(4, 10, 'Where the water went', { size: 8, weight: 'bold' }));
  body.push(text(4, 19, 'Millhaugh, early on Monday 16 November', { size: 5.8, fill: GREY, italic: true }));

  body.push(rect(0, mapTop, W, H - mapTop - 22, LAND));

  // The river, sweeping down the east side of the map, and the lade beside it.
  body.push(`<path d="M 120,${mapTop} C 128,70 150,100 146,140 C 143,165 132,178 128,${H - 22}" fill="none" stroke="${WATER}" stroke-width="26"/>`);
  body.push(
    `<path d="M 120,${mapTop} C 128,70 150,100 146,140 C 143,165 132,178 128,${H - 22}" fill="none" stroke="${WATER_DEEP}" stroke-width="0.6" stroke-dasharray="2 2"/>`,
  );
  // Flooded ground: between the lade and Tanner's Row.
  body.push(
    `<path d="M 62,74 C 80,70 100,78 112,92 C 122,104 126,124 122,146 C 110,152 92,150 76,146 C 62,142 50,132 46,118 C 42,102 48,80 62,74 Z" fill="url(#hatch)" stroke="${WATER_DEEP}" stroke-width="0.5"/>`,
  );
  // The mill lade: a narrow channel leaving the river above the weir.
  body.push(`<path d="M 124,46 C 114,64 112,80 116,100 C 120,120 126,150 140,170" fill="none" stroke="${WATER_DEEP}" stroke-width="3"/>`);
  // The weir.
  body.push(line(124, 52, 150, 56, INK, 1.4));
  body.push(text(150, 50, 'weir', { size: 5.2, anchor: 'end', fill: GREY }));

  // Roads.
  const road = (d: string, w = 5) =>
    body.push(`<path d="${d}" fill="none" stroke="${GREY}" stroke-width="${w + 1}"/><path d="${d}" fill="none" stroke="${ROAD}" stroke-width="${w}"/>`);
  road('M 0,60 C 40,58 80,56 108,58'); // Millhaugh Road (top)
  road(`M 30,${H - 22} L 30,${mapTop}`); // Bridge Street (west)
  road('M 30,120 C 54,124 80,126 104,128', 4); // Tanner's Row
  road('M 30,168 C 60,166 96,170 126,176', 4); // Lade Lane
  // The Carr Bridge across the river at the foot of the map.
  road(`M 30,184 L ${W - 0.4},184`, 5);

  // Buildings along Tanner's Row and Lade Lane.
  for (let i = 0; i < 6; i++) {
    body.push(rect(40 + i * 11, 107, 8, 8, BUILDING, `stroke="${GREY}" stroke-width="0.3"`));
    body.push(rect(40 + i * 11, 133, 8, 8, BUILDING, `stroke="${GREY}" stroke-width="0.3"`));
  }
  for (let i = 0; i < 5; i++) body.push(rect(42 + i * 13, 153, 9, 7, BUILDING, `stroke="${GREY}" stroke-width="0.3"`));
  // The Burgh Hall, where people were taken.
  body.push(rect(6, 66, 18, 14, ACCENT_SOFT, `stroke="${ACCENT}" stroke-width="0.5"`));
  body.push(text(15, 89, 'Burgh Hall', { size: 5, anchor: 'middle' }));
  body.push(text(15, 95, '(rest centre)', { size: 4.6, anchor: 'middle', fill: GREY }));

  // The breach.
  const bx = 116;
  const by = 99;
  body.push(line(bx - 4, by - 4, bx + 4, by + 4, ACCENT, 1.6));
  body.push(line(bx - 4, by + 4, bx + 4, by - 4, ACCENT, 1.6));
  body.push(text(bx - 7, by - 5, 'breach', { size: 5.6, anchor: 'end', fill: ACCENT, weight: 'bold' }));

  // The gauge at the bridge.
  body.push(`<circle cx="134" cy="184" r="2.3" fill="${INK}"/>`);
  body.push(text(134, 195, 'gauge', { size: 5, anchor: 'middle' }));

  // Labels.
  body.push(text(66, 54, 'Millhaugh Road', { size: 5.2, anchor: 'middle' }));
  body.push(text(58, 121.5, "Tanner's Row", { size: 4.8, anchor: 'middle', rotate: 3 }));
  body.push(text(70, 166, 'Lade Lane', { size: 4.8, anchor: 'middle' }));
  body.push(text(27, 146, 'Bridge Street', { size: 4.8, anchor: 'middle', rotate: -90 }));
  body.push(text(86, 195, 'Carr Bridge', { size: 5, anchor: 'middle', fill: GREY }));
  body.push(text(156, 118, 'River Carr', { size: 5.5, anchor: 'middle', italic: true, fill: '#44697c', rotate: 84 }));
  body.push(text(108, 74, 'mill lade', { size: 4.6, anchor: 'end', italic: true, fill: '#44697c' }));

  // North arrow.
  body.push(`<path d="M 12,${mapTop + 26} L 15,${mapTop + 34} L 12,${mapTop + 31.5} L 9,${mapTop + 34} Z" fill="${INK}"/>`);
  body.push(text(12, mapTop + 23, 'N', { size: 5.5, anchor: 'middle', weight: 'bold' }));

  // Frame and key.
  body.push(rect(0.4, mapTop, W - 0.8, H - mapTop - 22, 'none', `stroke="${INK}" stroke-width="0.6"`));
  body.push(rect(4, H - 16, 9, 6, 'url(#hatch)', `stroke="${WATER_DEEP}" stroke-width="0.4"`));
  body.push(text(16, H - 11.2, 'flooded', { size: 5.6 }));
  body.push(line(52, H - 16, 58, H - 10, ACCENT, 1.3));
  body.push(line(52, H - 10, 58, H - 16, ACCENT, 1.3));
  body.push(text(61, H - 11.2, 'wall breach', { size: 5.6 }));
  body.push(text(4, H - 2, 'Sketch, not to scale. 100 m from the Hall to the weir.', { size: 4.6, fill: GREY }));
  return svgDoc(W, H, body, defs);
}

// ---------------------------------------------------------------------------------------
// The school roof appeal: a fund-raising thermometer (one column).

export const APPEAL_TARGET = 48_000;

export function appealSources(): { source: string; amount: number }[] {
  return [
    { source: 'Online donations', amount: 9_640 },
    { source: 'Local businesses', amount: 5_800 },
    { source: 'Ceilidh, Burgh Hall', amount: 4_120 },
    { source: 'Sponsored swim', amount: 3_480 },
    { source: 'Bake sales', amount: 2_310 },
    { source: 'Other', amount: 1_000 },
  ];
}

function appealChart(): string {
  const W = COLUMN_PT;
  const H = 206;
  const body: string[] = [];
  const sources = appealSources();
  const raised = sources.reduce((s, d) => s + d.amount, 0);

  body.push(text(4, 10, 'Mill Brae School roof appeal', { size: 8, weight: 'bold' }));
  body.push(text(4, 19, `Raised so far, against a target of ${pounds(APPEAL_TARGET)}`, { size: 5.8, fill: GREY, italic: true }));

  // Thermometer: a tube from y0 (zero) up to y1 (target), and a bulb.
  const cx = 30;
  const tubeW = 14;
  const y0 = 168;
  const y1 = 36;
  const yv = (v: number) => y0 - (v / APPEAL_TARGET) * (y0 - y1);
  body.push(rect(cx - tubeW / 2, y1 - 4, tubeW, y0 - y1 + 8, '#ffffff', `rx="7" stroke="${INK}" stroke-width="0.8"`));
  body.push(`<circle cx="${cx}" cy="${y0 + 9}" r="11" fill="${ACCENT}" stroke="${INK}" stroke-width="0.8"/>`);
  body.push(rect(cx - tubeW / 2 + 2.5, yv(raised), tubeW - 5, y0 + 4 - yv(raised), ACCENT));
  body.push(`<circle cx="${cx}" cy="${y0 + 9}" r="8.4" fill="${ACCENT}"/>`);
  for (let v = 0; v <= APPEAL_TARGET; v += 8_000) {
    body.push(line(cx + tubeW / 2, yv(v), cx + tubeW / 2 + 4, yv(v), INK, 0.5));
    body.push(text(cx - tubeW / 2 - 3, yv(v) + 2, v === 0 ? '£0' : `£${v / 1000}k`, { size: 5.2, anchor: 'end', fill: GREY }));
  }
  body.push(line(cx + tubeW / 2, yv(APPEAL_TARGET / 2), cx + tubeW / 2 + 8, yv(APPEAL_TARGET / 2), GREY, 0.5, '1.5 1'));
  // Marker: raised so far.
  body.push(line(cx + tubeW / 2 + 1, yv(raised), cx + tubeW / 2 + 12, yv(raised), ACCENT, 0.8));
  body.push(text(cx + tubeW / 2 + 14, yv(raised) + 3.2, pounds(raised), { size: 9, weight: 'bold', fill: ACCENT }));
  body.push(text(cx + tubeW / 2 + 14, yv(raised) + 11, `${Math.round((raised / APPEAL_TARGET) * 100)}% of the way`, { size: 5.8, fill: GREY }));
  body.push(text(cx + tubeW / 2 + 14, yv(APPEAL_TARGET) + 3, `target ${pounds(APPEAL_TARGET)}`, { size: 6, weight: 'bold' }));

  // Where it came from.
  const lx = 60;
  let ly = 134;
  body.push(text(lx, ly - 11, 'Where it came from', { size: 6, weight: 'bold' }));
  const maxA = Math.max(...sources.map((d) => d.amount));
  for (const d of sources) {
    body.push(text(lx, ly, d.source, { size: 5.3 }));
    body.push(text(W - 4, ly, pounds(d.amount), { size: 5.3, anchor: 'end' }));
    body.push(rect(lx, ly + 2, ((W - 4 - lx) * d.amount) / maxA, 2.6, ACCENT_SOFT));
    ly += 11.5;
  }
  body.push(text(4, H - 2, 'Figures to Wednesday 18 November.', { size: 4.8, fill: GREY }));
  return svgDoc(W, H, body);
}

// ---------------------------------------------------------------------------------------

const FIGURES: { name: string; svg: () => string }[] = [
  { name: 'storm-river-level', svg: stormChart },
  { name: 'millhaugh-flood-map', svg: floodMap },
  { name: 'roof-appeal', svg: appealChart },
];

async function main(): Promise<void> {
  await writeFigures(FIGURES, OUT_DIR, PPI, ROOT);
  if (process.argv.includes('--data')) {
    const rain = rainfall();
    const levels = riverLevels();
    const peakI = levels.indexOf(Math.max(...levels));
    const firstOver = levels.findIndex((v) => v >= WARNING_LEVEL);
    const lastOver = levels.length - 1 - [...levels].reverse().findIndex((v) => v >= WARNING_LEVEL);
    console.log('rain total', rain.reduce((s, v) => s + v, 0).toFixed(1), 'wettest hour', Math.max(...rain), 'at', rain.indexOf(Math.max(...rain)));
    console.log('peak', levels[peakI], 'at hour', peakI / 4, clock(peakI / 4));
    console.log('over warning from', firstOver / 4, clock(firstOver / 4), 'to', lastOver / 4, clock(lastOver / 4));
    console.log('level at breach+1h', levels[Math.round((BREACH_H + 1) * 4)], 'Mon noon', levels[(24 + 36) * 4]);
    console.log(
      'appeal raised',
      appealSources().reduce((s, d) => s + d.amount, 0),
    );
  }
}

await main();
