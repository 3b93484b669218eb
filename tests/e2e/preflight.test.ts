// The preflight on small editions: a figure sized for print passes, a low-resolution one
// and an RGB colour one become warnings at their place in the Markdown, a tiny one is an
// error that `pressroom build --strict` refuses; two builds give the same bytes.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import sharp from 'sharp';
import { buildEdition, type BuildResult } from '../../src/build.js';
import type { PreflightReport } from '../../src/press/preflight.js';
import { pressroom, type CliRun } from '../support/cli.js';
import { writeEdition } from '../support/edition.js';
import { pdfImages, requireValidators } from '../support/validators.js';

const MANIFEST = `publication: The Proof Sheet
issue: No. 3
date: 2026-05-01
articles:
  - articles/one.md
`;

/** A chart-like picture: colourful, or in grays only. */
async function picture(width: number, height: number, colour: boolean): Promise<Buffer> {
  const [a, b, c] = colour ? ['#c0392b', '#2e86c1', '#27ae60'] : ['#333333', '#888888', '#cccccc'];
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="#ffffff"/>
    <rect x="${width * 0.1}" y="${height * 0.3}" width="${width * 0.2}" height="${height * 0.6}" fill="${a}"/>
    <rect x="${width * 0.4}" y="${height * 0.1}" width="${width * 0.2}" height="${height * 0.8}" fill="${b}"/>
    <rect x="${width * 0.7}" y="${height * 0.5}" width="${width * 0.2}" height="${height * 0.4}" fill="${c}"/></svg>`;
  const img = sharp(Buffer.from(svg));
  return colour ? img.png().toBuffer() : img.toColourspace('b-w').png().toBuffer();
}

const article = (figures: [string, string][]) =>
  `---\ntitle: Pictures for Print\nbyline: By Ada Test\n---\n\nA paragraph before the pictures, long enough to set a line or two of text in the column.\n\n` +
  figures.map(([file, caption]) => `![${caption}](../images/${file} "${caption}")\n\nA paragraph after the picture.\n`).join('\n');

describe('preflight of a small edition', () => {
  let dir: string;
  let result: BuildResult;
  let report: PreflightReport;
  let cli: CliRun;

  before(async () => {
    requireValidators();
    // The magazine column is 248.4 pt (3.45 in): 1035 px make 300 ppi, 700 px about 203 ppi.
    dir = writeEdition({
      'edition.yaml': MANIFEST,
      'articles/one.md': article([
        ['gray.png', 'A gray chart at print resolution'],
        ['colour.png', 'A colour chart at print resolution'],
        ['low.png', 'A gray chart at screen resolution'],
      ]),
      'images/gray.png': await picture(1100, 700, false),
      'images/colour.png': await picture(1100, 700, true),
      'images/low.png': await picture(700, 445, false),
    });
    result = await buildEdition({ editionDir: dir, outDir: path.join(dir, '..', 'out'), impose: 'saddle' });
    report = JSON.parse(readFileSync(path.join(dir, '..', 'out', 'edition.preflight.json'), 'utf8')) as PreflightReport;
    // The same edition again, by the command line, in another process.
    cli = await pressroom(['build', 'edition', '--out', 'cli', '--impose', 'saddle'], path.dirname(dir));
  });

  it('lists every image with its pixels, effective ppi and colour space', () => {
    assert.deepEqual(
      report.images.map((i) => [i.source, i.colorSpace, i.status, i.converted]),
      [
        ['images/gray.png', 'DeviceGray', 'ok', false],
        ['images/colour.png', 'DeviceGray', 'ok', true],
        ['images/low.png', 'DeviceGray', 'warning', false],
      ],
    );
    const [gray, colour, low] = report.images;
    assert.ok(gray.ppi >= 300 && colour.ppi >= 300, `${gray.ppi}, ${colour.ppi}`);
    assert.ok(gray.pixels[0] < 1100, 'downsampled to 300 ppi at the placed size');
    assert.deepEqual(low.pixels, [700, 445], 'never enlarged');
    assert.ok(low.ppi >= 150 && low.ppi < 250, `${low.ppi}`);
    // The print variant of a gray PNG comes out of sharp as sRGB: neutral, so not "converted".
    assert.equal(colour.sourceColorSpace, 'srgb');
  });

  it('agrees with pdfimages: gray JPEGs, 300 ppi where the source allows', () => {
    const rows = pdfImages(path.join(dir, '..', 'out', 'edition.press.pdf'));
    assert.deepEqual(
      rows.map((r) => [r.color, r.encoding, Math.min(r.xppi, r.yppi)]),
      report.images.map((i) => ['gray', 'jpeg', i.ppi]),
    );
  });

  it('turns the low-resolution figure and the RGB figure into warnings at their place in the Markdown', () => {
    const low = report.diagnostics.find((d) => d.code === 'preflight/low-resolution');
    const rgb = report.diagnostics.find((d) => d.code === 'preflight/rgb');
    assert.equal(low?.severity, 'warning');
    assert.match(low!.message, /`images\/low\.png` prints at \d+ ppi on page \d/);
    assert.match(low!.hints![0], /at least 1035 × \d+ px/);
    assert.equal(rgb?.severity, 'warning');
    assert.match(rgb!.message, /`images\/colour\.png` is an RGB colour image: converted to gray/);
    const text = readFileSync(path.join(dir, 'articles/one.md'), 'utf8').split('\n');
    assert.equal(low!.file, 'articles/one.md');
    assert.match(text[low!.line! - 1], /low\.png/);
    assert.match(text[rgb!.line! - 1], /colour\.png/);
    assert.equal(report.errors, 0);
    assert.equal(
      report.diagnostics.filter((d) => d.code === 'preflight/rgb' || d.code === 'preflight/low-resolution').length,
      2,
      'the gray figure at print resolution is fine',
    );
  });

  it('lists every font, embedded, and reports no overset text or missing glyphs', () => {
    assert.ok(report.fonts.length >= 2);
    assert.ok(report.fonts.every((f) => f.embedded && f.subset));
    assert.deepEqual(report.overset, []);
    assert.deepEqual(report.missingGlyphs, []);
  });

  it('prints a short summary and the warnings on the terminal', () => {
    assert.equal(cli.code, 0, cli.stderr);
    assert.match(cli.stdout, /preflight of cli\/edition\.press\.pdf \(PDF\/X-1a:2003, CGATS TR 001, gray\)/);
    assert.match(cli.stdout, /trim 8\.5 × 11 in, bleed 0\.125 in, crop marks/);
    assert.match(cli.stdout, /images: 3, DeviceGray/);
    assert.match(cli.stdout, /fonts: \d+, all embedded/);
    assert.match(cli.stderr, /edition\/articles\/one\.md:\d+:1: warning: `images\/low\.png` prints at/);
    assert.match(cli.stderr, /\[preflight\/rgb\]/);
  });

  it('gives byte-identical press PDF, report and proof from two builds in two processes', () => {
    for (const f of ['edition.press.pdf', 'edition.preflight.json', 'edition.imposed.pdf']) {
      const a = readFileSync(path.join(dir, '..', 'out', f));
      const b = readFileSync(path.join(dir, '..', 'cli', f));
      assert.ok(a.equals(b), `${f} differs between builds`);
    }
    assert.ok(result.outputs.some((p) => p.endsWith('edition.imposed.pdf')));
  });
});

describe('a preflight error', () => {
  let dir: string;
  before(async () => {
    // Figures are never enlarged below 150 ppi; a cover fills the page whatever its size.
    dir = writeEdition({
      'edition.yaml': `${MANIFEST}cover: images/tiny.png\n`,
      'articles/one.md': article([]),
      'images/tiny.png': await picture(120, 160, false),
    });
  });

  it('is reported, but does not fail a build without --strict', async () => {
    const r = await buildEdition({ editionDir: dir, outDir: path.join(dir, '..', 'lenient') });
    assert.equal(r.preflight.errors, 1);
    const [d] = r.preflight.diagnostics.filter((x) => x.severity === 'error');
    assert.equal(d.code, 'preflight/low-resolution');
    assert.equal(r.preflight.images[0].status, 'error');
  });

  it('fails `pressroom build --strict` with exit 1, and nothing is written', async () => {
    const r = await pressroom(['build', 'edition', '--out', 'strict', '--strict'], path.dirname(dir));
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /error: `images\/tiny\.png` prints at \d+ ppi .*\[preflight\/low-resolution\]/);
    const out = path.join(dir, '..', 'strict');
    assert.ok(!existsSync(out) || readdirSync(out).length === 0, 'nothing written');
  });

  it('fails --strict on a preflight warning alone: a page padded, an RGB image converted', async () => {
    const root = path.dirname(
      writeEdition({
        'edition.yaml': MANIFEST,
        'articles/one.md': article([['colour.png', 'A colour picture at full resolution']]),
        'images/colour.png': await picture(1200, 800, true),
      }),
    );
    const lenient = await pressroom(['build', 'edition', '--out', 'lenient'], root);
    assert.equal(lenient.code, 0, lenient.stderr);
    assert.match(lenient.stderr, /warning: .*\[preflight\/rgb\]/);
    assert.doesNotMatch(lenient.stderr, /error:/);
    const strict = await pressroom(['build', 'edition', '--out', 'strict', '--strict'], root);
    assert.equal(strict.code, 1, strict.stderr);
    assert.match(strict.stderr, /error: `images\/colour\.png` is an RGB colour image: converted to gray .*\[preflight\/rgb\]/);
    assert.ok(!existsSync(path.join(root, 'strict')), 'nothing written');
  });
});
