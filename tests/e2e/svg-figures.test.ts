// SVG figures end to end, built by the CLI as a user would: drawn as vectors in the reading
// and press PDFs (no raster, text that reads back, every font embedded, no RGB and no
// transparency for the press), kept as sanitised SVG in an EPUB that epubcheck passes;
// hostile SVGs neutralised with a warning or refused with a located error, and nothing they
// name fetched (a loopback server of the test's own stands in for every address they use).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import JSZip from 'jszip';
import { pressroom } from '../support/cli.js';
import { writeEdition } from '../support/edition.js';
import { assertSoundPdf, epubcheck, pdfFonts, pdfImages, pdfText, qpdfCheck, requireValidators } from '../support/validators.js';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/svg');

const manifest = (color: 'gray' | 'cmyk') => `publication: The Test Gazette
issue: No. 1
date: 2026-03-01
press:
  color: ${color}
articles:
  - articles/one.md
`;

/** The file uncompressed, objects one by one, as text. */
const qdf = (file: string) => execFileSync('qpdf', ['--qdf', '--object-streams=disable', file, '-'], { maxBuffer: 64 << 20 }).toString('latin1');

/** `file:line:col [code]` of each line of stderr with `severity:` in it. */
function located(stderr: string, severity: 'warning' | 'error'): string[] {
  return stderr
    .split('\n')
    .filter((l) => l.includes(`${severity}:`))
    .map((l) => l.replace(/^edition\//, '').replace(new RegExp(`: ${severity}: .*\\[`), ' ['));
}

async function epubFiles(file: string): Promise<Map<string, string>> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  const out = new Map<string, string>();
  for (const f of Object.values(zip.files)) if (/\.(x?html|opf|svg)$/.test(f.name)) out.set(f.name, await f.async('string'));
  return out;
}

describe('SVG figures', () => {
  let server: Server;
  let port = 0;
  const requests: string[] = [];
  const hostile = (name: string) => readFileSync(path.join(FIXTURES, 'hostile', name), 'utf8').replaceAll('PORT', String(port));

  before(async () => {
    requireValidators();
    server = createServer((req, res) => {
      requests.push(req.url ?? '');
      res.end('<svg xmlns="http://www.w3.org/2000/svg"/>');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('are drawn as vectors in both PDFs, with their text and fonts, and kept as SVG in the EPUB', async () => {
    const dir = writeEdition({
      'edition.yaml': manifest('gray'),
      'articles/one.md': `---
title: Charts
---

The weather of a year, month by month, before the tide.

![Weather by month](../images/weather.svg "Seattle weather.")

![The tide at the quay](../images/tide.svg "High water at the quay, 1911.")
`,
      'images/weather.svg': readFileSync(path.join(FIXTURES, 'vega-lite-stacked_bar_weather.svg')),
      'images/tide.svg': readFileSync(path.join(FIXTURES, 'tide-diagram.svg')),
    });
    const root = path.dirname(dir);
    const r = await pressroom(['build', 'edition', '--out', 'out'], root);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(
      located(r.stderr, 'warning').filter((w) => !w.includes('preflight/padded')),
      [],
      'no warning for a chart in the fonts the build has',
    );
    const pdf = path.join(root, 'out/edition.pdf');
    const press = path.join(root, 'out/edition.press.pdf');
    for (const file of [pdf, press, path.join(root, 'out/articles/01-charts.pdf')]) {
      assertSoundPdf(file);
      // Vectors: no raster image at all, and no font pdfkit would have taken from the standard 14.
      assert.deepEqual(pdfImages(file), [], `${path.basename(file)} has no raster image`);
      assert.deepEqual(
        pdfFonts(file).filter((f) => !/\+(SourceSerif4|DejaVu)/.test(f.name)),
        [],
        `${path.basename(file)}: only the build's fonts, embedded as subsets`,
      );
    }
    const text = pdfText(pdf).replace(/\s+/g, ' ');
    for (const s of ['Weather type', 'Month of the year', 'drizzle', 'Tide at the quay, 1911', 'Harbour Board records', 'Height (m)'])
      assert.ok(text.includes(s), `the PDF reads back "${s}"`);
    assert.match(pdfText(press).replace(/\s+/g, ' '), /Tide at the quay, 1911/);

    // The press PDF: no RGB, no transparency, and a preflight with nothing to say (it reads
    // every content stream: CMYK in a gray press PDF, or text not solid black, is an error).
    const raw = qdf(press);
    for (const s of ['/DeviceRGB', '/SMask', '/Transparency', '/ICCBased', '/Annots']) assert.ok(!raw.includes(s), `${s} in the press PDF`);
    const report = JSON.parse(readFileSync(path.join(root, 'out/edition.preflight.json'), 'utf8'));
    assert.deepEqual(report.rgb, []);
    assert.equal(report.errors, 0);
    assert.deepEqual(
      report.pdfx.rules.filter((rule: { ok: boolean }) => !rule.ok),
      [],
    );

    // The EPUB: each figure as its sanitised SVG, an <img> naming it, the manifest's media type.
    const epub = path.join(root, 'out/edition.epub');
    const files = await epubFiles(epub);
    const svgs = [...files].filter(([name]) => /^OEBPS\/images\/img-[0-9a-f]{12}\.svg$/.test(name));
    assert.equal(svgs.length, 2);
    for (const [name, body] of svgs) {
      assert.match(body, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
      assert.doesNotMatch(body, /DOCTYPE|inkscape/);
      const base = path.posix.basename(name);
      assert.match(files.get('OEBPS/content.opf') ?? '', new RegExp(`href="images/${base}" media-type="image/svg\\+xml"`));
      assert.ok(
        [...files.values()].some((x) => x.includes(`src="images/${base}"`)),
        `an <img> shows ${base}`,
      );
    }
    assert.deepEqual((await epubcheck(epub)).messages, []);
    assert.deepEqual(requests, []);
  });

  it('lose what could run or fetch, with a warning at the figure, and still print (CMYK press)', async () => {
    const dir = writeEdition({
      'edition.yaml': manifest('cmyk'),
      'articles/one.md': `---
title: Hostile Figures
---

A paragraph before the figures.

![Scripted](../images/script.svg "Scripted.")

![Linked](../images/external.svg "Linked.")

![Repeating](../images/repeat.svg "A gradient that repeats.")
`,
      'images/script.svg': hostile('script.svg'),
      'images/external.svg': hostile('external.svg'),
      'images/repeat.svg': hostile('repeat-gradient.svg'),
    });
    const root = path.dirname(dir);
    const r = await pressroom(['build', 'edition', '--out', 'out', '--all-warnings'], root);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(
      located(r.stderr, 'warning').filter((w) => !w.includes('preflight/padded')),
      [...Array(4).fill('articles/one.md:7:1 [image/svg-removed]'), ...Array(5).fill('articles/one.md:9:1 [image/svg-removed]')],
    );
    assert.match(r.stderr, /<script> removed from `images\/script\.svg` \(line 2\)/);
    assert.match(r.stderr, /hint: an SVG figure is drawn as it stands: nothing in it is run or fetched/);
    for (const f of ['edition.pdf', 'edition.press.pdf']) assert.ok(qpdfCheck(path.join(root, 'out', f)).ok);
    const raw = qdf(path.join(root, 'out/edition.press.pdf'));
    for (const s of ['/DeviceRGB', '/SMask', '/Transparency']) assert.ok(!raw.includes(s), `${s} in the press PDF`);
    const files = await epubFiles(path.join(root, 'out/edition.epub'));
    const all = [...files.values()].join('\n');
    assert.doesNotMatch(all, /<script|onload|onclick|javascript:|127\.0\.0\.1|file:\/\/|@import|foreignObject|<iframe/i);
    assert.deepEqual((await epubcheck(path.join(root, 'out/edition.epub'))).messages, []);
    assert.deepEqual(requests, [], 'nothing fetched');
  });

  it('are refused when they cannot be made safe: a located error with a hint, nothing written, nothing fetched', async () => {
    const names = ['xxe.svg', 'billion-laughs.svg', 'use-bomb.svg', 'deep.svg', 'huge-viewbox.svg', 'not-well-formed.svg'];
    const dir = writeEdition({
      'edition.yaml': manifest('gray'),
      'articles/one.md': `---\ntitle: Refused Figures\n---\n\n${names.map((n) => `![${n}](../images/${n})`).join('\n\n')}\n`,
      ...Object.fromEntries(names.map((n) => [`images/${n}`, hostile(n)])),
    });
    const root = path.dirname(dir);
    const r = await pressroom(['build', 'edition', '--out', 'out'], root);
    assert.equal(r.code, 1, r.stderr);
    assert.deepEqual(located(r.stderr, 'error'), [
      'articles/one.md:5:1 [image/svg-refused]',
      'articles/one.md:7:1 [image/svg-refused]',
      'articles/one.md:9:1 [image/too-large]',
      'articles/one.md:11:1 [image/too-large]',
      'articles/one.md:13:1 [image/too-large]',
      'articles/one.md:15:1 [image/not-an-image]',
    ]);
    assert.match(r.stderr, /`images\/xxe\.svg` declares entities in its DOCTYPE \(an internal subset, line 2\): refused/);
    assert.match(r.stderr, /hint: entities can expand without end \(billion laughs\) or read other files/);
    assert.match(r.stderr, /`images\/not-well-formed\.svg` is not well-formed XML: <\/g> closes <rect> \(opened at line 3\) \(line 4, column 3\)/);
    assert.ok(!existsSync(path.join(root, 'out/edition.pdf')), 'nothing written');
    assert.deepEqual(requests, [], 'nothing fetched');
  });
});
