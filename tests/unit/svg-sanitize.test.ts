// SVG figures made safe (src/images/svg): what is kept, what is removed with a warning, what
// is refused; the limits; the print variant's changes for the PDF writer; fonts; the press
// colours and clip paths; an SVG asset through the disk cache and a worker's postMessage.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { deserialize, serialize } from 'node:v8';
import PDFDocument from 'pdfkit';
import { clipPath, drawSvg, isSvgAsset } from '../../src/backends/pdf/draw-svg.js';
import { figureColor } from '../../src/backends/pdf/press-color.js';
import { loadImage, variantOf } from '../../src/images/load-image.js';
import { loadSvg } from '../../src/images/svg/load-svg.js';
import { sanitizeSvg, SvgProblem } from '../../src/images/svg/sanitize-svg.js';
import { chooseSvgFont, familyList } from '../../src/images/svg/svg-fonts.js';
import { SVG_LIMITS } from '../../src/limits/limits.js';
import type { ConvertedImage } from '../../src/model/types.js';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/svg');
const fixture = (name: string) => readFileSync(path.join(FIXTURES, name));
const svg = (body: string, attrs = 'viewBox="0 0 100 100"') =>
  Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" ${attrs}>${body}</svg>`);

function refused(data: Buffer, code: SvgProblem['code'], message: RegExp): void {
  assert.throws(
    () => sanitizeSvg(data, 'fig.svg'),
    (e: unknown) => e instanceof SvgProblem && e.code === code && message.test(e.message) && e.hint.length > 0,
  );
}

describe('an SVG made safe', () => {
  it('keeps drawing, and removes script, handlers, links that run, animation and foreignObject with one warning each', () => {
    const s = sanitizeSvg(fixture('hostile/script.svg'), 'script.svg');
    for (const out of [s.screen, s.print]) {
      assert.doesNotMatch(out, /script|onload|onclick|onmouseover|javascript|alert|fetch|<set|<animate|PORT/i);
      assert.match(out, /<g><circle cx="100" cy="50" r="30" fill="#347"\/><\/g>/, 'the link a group');
    }
    assert.deepEqual(
      s.notes.map((n) => [n.code, n.message]),
      [
        ['image/svg-removed', 'event handler attributes (onload, onclick…) removed from `script.svg` (line 1; 3 in all)'],
        ['image/svg-removed', '<script> removed from `script.svg` (line 2)'],
        ['image/svg-removed', 'links that run script or carry data (javascript:, data:) removed from `script.svg` (line 4)'],
        ['image/svg-removed', 'animation (<animate>, <set>…) removed from `script.svg` (line 5; 2 in all)'],
      ],
    );
  });

  it('removes every reference outside the file: href, url() in attributes and CSS, @import, <image>, style-sheet instructions', () => {
    const s = sanitizeSvg(fixture('hostile/external.svg'), 'external.svg');
    for (const out of [s.screen, s.print]) {
      assert.doesNotMatch(out, /127\.0\.0\.1|PORT|file:|@import|<image|<use|foreignObject|iframe|other\.svg|xml-stylesheet/);
      assert.match(out, /\.bar\{fill:#456\}/);
    }
    assert.deepEqual(
      s.notes.map((n) => n.message.replace(/ removed from .*/, '')),
      [
        'the <?xml-stylesheet?> instruction',
        'url() to other files, @import and escapes in its style',
        '<image> (a picture inside the SVG, embedded or linked)',
        'references to other files or addresses (http:, file:, another file)',
        '<foreignObject> (HTML inside the SVG)',
      ],
    );
  });

  it('keeps references inside the file: url(#id), <use> of #id, gradients and clip paths', () => {
    const s = sanitizeSvg(
      svg(
        '<defs><linearGradient id="g"><stop offset="0" stop-color="red"/></linearGradient><rect id="r" width="5" height="5"/></defs>' +
          '<rect width="10" height="10" fill="url(#g)" style="stroke: url(\'#g\')"/><use xlink:href="#r" x="20"/><use href="#r"/>',
      ),
      'fig.svg',
    );
    assert.deepEqual(s.notes, []);
    assert.match(s.screen, /fill="url\(#g\)" style="stroke:url\('#g'\)"/);
    assert.match(s.screen, /<use xlink:href="#r" x="20"\/><use href="#r"\/>/);
    assert.match(s.screen, /xmlns:xlink="http:\/\/www\.w3\.org\/1999\/xlink"/);
  });

  it('cleans style sheets: presentation properties only, no escapes, no at-rules', () => {
    const s = sanitizeSvg(
      svg(
        '<style>@font-face { src: url(http://x/f.woff) } .a { fill: red; behavior: url(x.htc); background: url(http://x) } .b{fill:\\75 rl(http://x)}</style><rect class="a"/>',
      ),
      'fig.svg',
    );
    assert.doesNotMatch(s.screen, /<style>/, 'a sheet with an escape is dropped whole');
    const t = sanitizeSvg(
      svg('<style>.a { fill: red; cursor: pointer; -moz-binding: none } @media print { .a { fill: blue } }</style><rect class="a"/>'),
      'fig.svg',
    );
    assert.match(t.screen, /<style>\.a\{fill:red\}<\/style>/);
  });

  it('accepts an external DOCTYPE without reading it, and drops editor data and data- attributes silently', () => {
    const s = sanitizeSvg(fixture('tide-diagram.svg'), 'tide-diagram.svg');
    assert.deepEqual(s.notes, []);
    assert.doesNotMatch(s.screen, /DOCTYPE|inkscape|w3\.org\/Graphics/);
    assert.equal(s.width, 640);
    assert.equal(s.height, 320);
    const d = sanitizeSvg(svg('<rect data-name="x" width="1" height="1"/>'), 'fig.svg');
    assert.doesNotMatch(d.screen, /data-name/);
  });

  it('turns a <switch> into the group of the first child that still draws (draw.io text after its foreignObject)', () => {
    const s = sanitizeSvg(
      svg(
        '<switch><g requiredFeatures="http://www.w3.org/TR/SVG11/feature#Extensibility"><foreignObject><div xmlns="http://www.w3.org/1999/xhtml">Label</div></foreignObject></g><text x="1" y="9">Label</text></switch>',
      ),
      'fig.svg',
    );
    assert.match(s.screen, /<g><text x="1" y="9">Label<\/text><\/g>/);
  });

  it('refuses a DOCTYPE with entities (external entities, billion laughs) unread', () => {
    refused(fixture('hostile/xxe.svg'), 'image/svg-refused', /declares entities in its DOCTYPE \(an internal subset, line 2\): refused/);
    refused(fixture('hostile/billion-laughs.svg'), 'image/svg-refused', /declares entities/);
  });

  it('refuses what is not well-formed XML, naming the file and the place', () => {
    refused(
      fixture('hostile/not-well-formed.svg'),
      'image/not-an-image',
      /^`fig\.svg` is not well-formed XML: <\/g> closes <rect> \(opened at line 3\) \(line 4, column 3\)$/,
    );
    refused(fixture('hostile/undefined-entity.svg'), 'image/not-an-image', /the entity &nbsp; is not defined/);
    refused(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" a="1" a="2"/>'), 'image/not-an-image', /given twice/);
    refused(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><!-- a -- b --></svg>'), 'image/not-an-image', /`--` inside a comment/);
    refused(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"></svg><svg/>'), 'image/not-an-image', /content after the root/);
    refused(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg">&#0;</svg>'), 'image/not-an-image', /names no character/);
    refused(Buffer.from('<html xmlns="http://www.w3.org/1999/xhtml"/>'), 'image/not-an-image', /XML but not an SVG/);
    refused(Buffer.from([0x1f, 0x8b, 8, 0]), 'image/not-an-image', /compressed SVG/);
    refused(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>'), 'image/not-an-image', /has no size/);
  });

  it('refuses files over the limits: elements, depth, elements drawn through <use>, extent, style rules, bytes', () => {
    refused(svg('<g/>'.repeat(SVG_LIMITS.elements)), 'image/too-large', new RegExp(`more than ${SVG_LIMITS.elements} elements`));
    refused(fixture('hostile/deep.svg'), 'image/too-large', new RegExp(`nests elements more than ${SVG_LIMITS.depth} deep`));
    refused(fixture('hostile/use-bomb.svg'), 'image/too-large', /once its <use> references are followed, over the limit of 200000/);
    refused(fixture('hostile/huge-viewbox.svg'), 'image/too-large', /viewBox of 0 0 1e300 1e300/);
    refused(svg('', 'width="2000000" height="10"'), 'image/too-large', /beyond 1000000 px/);
    refused(svg(`<style>${'.a{fill:red}'.repeat(SVG_LIMITS.styleRules + 1)}</style>`), 'image/too-large', /style rules/);
    refused(Buffer.concat([svg(''), Buffer.alloc(SVG_LIMITS.bytes, 32)]), 'image/too-large', /MB, over the limit/);
  });

  it('refuses a drawing that would write too much (markers on every vertex), found by drawing it once', () => {
    const points = Array.from({ length: 2000 }, (_, i) => `${i % 100},${Math.floor(i / 100)}`).join(' ');
    const marker = `<marker id="m">${'<circle r="1"/>'.repeat(200)}</marker>`;
    const data = svg(`<defs>${marker}</defs><polyline points="${points}" marker-mid="url(#m)"/>`);
    assert.throws(
      () => loadSvg(data, 'markers.svg', 'f'.repeat(64)),
      (e: unknown) => e instanceof SvgProblem && e.code === 'image/too-large' && /too complex to draw/.test(e.message),
    );
  });

  it('pads a repeating gradient in the print variant (a degenerate one would repeat without end)', () => {
    const started = Date.now();
    const a = loadSvg(fixture('hostile/repeat-gradient.svg'), 'g.svg', 'e'.repeat(64));
    assert.ok(Date.now() - started < 10_000);
    assert.match(a.screen.data.toString(), /spreadMethod="repeat"/);
    assert.doesNotMatch(a.print.data.toString(), /spreadMethod/);
  });
});

describe("an SVG's print variant", () => {
  it('turns a clip to a plain rectangle into a viewport (a real clip path, no soft mask)', () => {
    const s = sanitizeSvg(
      svg('<clipPath id="c"><rect x="10" y="20" width="30" height="40"/></clipPath><g clip-path="url(#c)" transform="translate(5,5)"><circle r="50"/></g>'),
      'fig.svg',
    );
    assert.match(
      s.print,
      /<g transform="translate\(5,5\)"><svg x="10" y="20" width="30" height="40" viewBox="10 20 30 40" preserveAspectRatio="none" overflow="hidden"><g><circle r="50"\/><\/g><\/svg><\/g>/,
    );
    assert.match(s.screen, /<g clip-path="url\(#c\)" transform="translate\(5,5\)">/);
  });

  it("pushes a group's opacity into its shapes' fill and stroke opacity", () => {
    const s = sanitizeSvg(svg('<g opacity="0.5"><rect width="1" height="1"/><rect width="1" height="1" style="fill-opacity:0.5"/></g>'), 'fig.svg');
    assert.match(
      s.print,
      /<g fill-opacity="0\.5" stroke-opacity="0\.5"><rect width="1" height="1" fill-opacity="0\.5" stroke-opacity="0\.5"\/><rect width="1" height="1" fill-opacity="0\.25" stroke-opacity="0\.5"\/><\/g>/,
    );
  });

  it('has a viewBox always, sized from width and height', () => {
    const s = sanitizeSvg(svg('', 'width="2in" height="1in"'), 'fig.svg');
    assert.deepEqual([s.width, s.height], [192, 96]);
    assert.match(s.print, /viewBox="0 0 192 96"/);
  });
});

describe('fonts of SVG text', () => {
  it("takes the first family the build has, and names those it skipped; falls back to the build's sans or serif", () => {
    assert.deepEqual(familyList(`"Helvetica Neue", Arial ,sans-serif`), ['Helvetica Neue', 'Arial', 'sans-serif']);
    const a = chooseSvgFont('Helvetica, Arial, sans-serif');
    assert.deepEqual([a.name, a.missing], ['DejaVu Sans', ['Helvetica', 'Arial']]);
    const b = chooseSvgFont("'DejaVu Serif'");
    assert.deepEqual([b.name, b.missing], ['DejaVu Serif', []]);
    assert.equal(chooseSvgFont('Georgia').name, 'Source Serif 4');
    assert.equal(chooseSvgFont('Courier New').name, 'DejaVu Sans Mono');
    assert.equal(chooseSvgFont('Calibri').name, 'DejaVu Sans');
    assert.deepEqual(chooseSvgFont(undefined).missing, []);
  });

  it('warns at load time of families the build lacks and of characters set as "?"', () => {
    const a = loadSvg(svg('<text x="1" y="50" font-family="Calibri">Ok 中</text>'), 'f.svg', 'd'.repeat(64));
    assert.deepEqual(
      a.notes?.map((n) => [n.code, n.message]),
      [
        ['image/svg-font', '`f.svg` sets text in Calibri, which the build does not have: it prints in DejaVu Sans'],
        ['image/svg-font', 'text in `f.svg` has a character DejaVu Sans has no glyph for, set as "?": “中” (U+4E2D)'],
      ],
    );
    assert.equal(loadSvg(fixture('vega-lite-stacked_bar_weather.svg'), 'v.svg', 'c'.repeat(64)).notes, undefined);
  });
});

describe('press colours and clips of vector figures', () => {
  it('sets text solid, areas as a gray tint, colours in CMYK under the ink limit, opacity on white', () => {
    assert.deepEqual(figureColor([90, 90, 90], 'text', 'cmyk'), { space: 'cmyk', c: 0, m: 0, y: 0, k: 1 });
    assert.deepEqual(figureColor([250, 250, 250], 'text', 'gray'), { space: 'gray', gray: 1 });
    assert.deepEqual(figureColor([128, 128, 128], 'art', 'gray'), { space: 'gray', gray: 0.502 });
    assert.deepEqual(figureColor([0, 0, 0], 'art', 'gray', 0.5), { space: 'gray', gray: 0.5 });
    assert.deepEqual(figureColor([128, 128, 128], 'art', 'cmyk'), { space: 'cmyk', c: 0, m: 0, y: 0, k: 0.498 });
    const blue = figureColor([0, 0, 3], 'art', 'cmyk');
    assert.equal(blue.space, 'cmyk');
    if (blue.space === 'cmyk') assert.ok(blue.c + blue.m + blue.y + blue.k <= 2.8001, 'under the ink limit');
  });

  it("makes a clip group's filled shapes one clip path in the user space it is used in", () => {
    assert.equal(clipPath('q\n1 0 0 1 10 20 cm\n0 0 m\n5 0 l\n5 5 l\nh\n1 g\nf\nQ'), '10 20 m\n15 20 l\n15 25 l\nh\nW n');
    assert.equal(clipPath('0 0 10 10 re\nf*'), '0 0 m\n10 0 l\n10 10 l\n0 10 l\nh\nW* n');
    assert.equal(clipPath('BT /F1 12 Tf <0001> Tj ET'), '0 0 m h W n');
  });

  it('draws no RGB, no soft mask and no transparency group into a press page, and puts the document back as it was', async () => {
    const asset: ConvertedImage = { ...loadSvg(fixture('tide-diagram.svg'), 'tide.svg', 'b'.repeat(64)), source: 'tide.svg' };
    assert.ok(isSvgAsset(asset));
    const doc = new PDFDocument({ autoFirstPage: false, compress: false });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    const done = new Promise((r) => doc.on('end', r));
    doc.addPage({ size: [400, 300], margin: 0 });
    drawSvg(doc, asset, 10, 10, 380, 190, 'cmyk');
    for (const k of ['font', 'addContent', 'ref', 'fillColor', 'strokeColor', 'fillOpacity', 'strokeOpacity', 'opacity', 'linearGradient', 'radialGradient'])
      assert.ok(!Object.hasOwn(doc, k), `${k} is pdfkit's own again`);
    doc.end();
    await done;
    const pdf = Buffer.concat(chunks).toString('latin1');
    assert.doesNotMatch(pdf, /DeviceRGB|\/SMask|\/Transparency| rg\n| RG\n|Helvetica|Times-Roman/);
    assert.match(pdf, / k\n/);
    assert.match(pdf, /\nW n\n/, 'a clip path');
  });
});

describe('an SVG asset', () => {
  it('keeps its variants as SVG, survives the disk cache (v8) and a worker (structured clone), and names its own file in warnings', async () => {
    const data = fixture('hostile/script.svg');
    const asset = await loadImage(data, 'images/chart.svg');
    const reread = async () => data;
    const a = { ...asset, screen: await variantOf(asset, 'screen', reread), print: await variantOf(asset, 'print', reread) };
    assert.equal(a.screen.mediaType, 'image/svg+xml');
    assert.equal(a.print.mediaType, 'image/svg+xml');
    assert.match(a.notes?.[0].message ?? '', /`images\/chart\.svg`/);
    const b = await loadImage(fixture('hostile/script.svg'), 'other/name.svg');
    assert.match(b.notes?.[0].message ?? '', /`other\/name\.svg`/);
    const kept = deserialize(serialize(a)) as ConvertedImage;
    assert.ok(Buffer.isBuffer(kept.print.data));
    assert.equal(kept.print.data.toString(), a.print.data.toString());
    const sent = structuredClone(a);
    assert.equal(new TextDecoder().decode(sent.print.data), a.print.data.toString());
  });
});
