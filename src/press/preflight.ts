// The preflight: what a print shop would check, found in the built press PDF (read back
// with pdf-lib) and in the laid-out pages, reported as data (`<edition>.preflight.json`),
// as diagnostics and as a short summary for the terminal.
//
//   document  PDF/X-1a identification, output intent, info and XMP, boxes, no annotations,
//             no transparency, colour spaces, fonts embedded (rules listed in PDFX_RULES)
//   pages     trim, bleed, page count and the blank pages added
//   images    every placement: pixels, effective ppi, colour space, and the source's
//   text      overset lines (typesetting warnings), .notdef glyphs, text colour, text in the
//             bleed or too near the trim
import { error, sortByPlace, warning, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { PressSettings } from '../settings/press.js';
import { type Item, itemBounds, type Page } from '../pages/page.js';
import { OUTPUT_CONDITIONS, PDFX_VERSION } from '../backends/pdf/pdfx.js';
import type { Placement, PressPages } from './press-pages.js';
import { readPdf, type PdfDocumentFacts, type PdfImage } from './read-pdf.js';

/** Below these an image is a warning, then an error. */
export const PPI_WARNING = 250;
export const PPI_ERROR = 150;
/** Text keeps at least this far inside the trim (0.125 in). */
export const SAFE_MARGIN = 9;
/** The smallest bleed a print shop accepts (0.118 in, 3 mm). */
export const MIN_BLEED = 0.118 * 72;

/** The PDF/X-1a:2003 rules the preflight checks, by id, as the README lists them. */
export const PDFX_RULES = {
  'pdf-version': 'PDF version 1.4 or lower',
  'pdfx-version': 'GTS_PDFXVersion in the document information and the XMP, the same',
  'output-intent': 'one GTS_PDFX output intent naming a registered printing condition (or carrying its profile)',
  trapped: 'Trapped is True or False, in the information and the XMP alike',
  'info-xmp': 'Title, CreationDate and ModDate present and the same in the XMP',
  'document-id': 'the trailer has a document ID',
  'no-encryption': 'not encrypted',
  boxes: 'every page has a TrimBox and a BleedBox, TrimBox ⊆ BleedBox ⊆ MediaBox',
  'no-annotations': 'no annotations (links, forms) on any page',
  'no-actions': 'no JavaScript, open action, additional actions or forms',
  colour: 'only DeviceGray, DeviceCMYK and Separation/DeviceN colour, in content and images',
  'no-transparency': 'no soft masks, constant alpha below 1, blend modes or transparency groups',
  'fonts-embedded': 'every font embedded',
  'no-excluded': 'no PostScript XObjects, transfer functions, halftone phase or OPI',
} as const;

export type PdfxRule = keyof typeof PDFX_RULES;

export interface PreflightImage {
  page: number;
  /** Path relative to the edition folder, when the image came from the edition. */
  source: string | null;
  pixels: [number, number];
  /** Placed size in points (bleed extension included). */
  placed: { width: number; height: number };
  /** Effective resolution where placed, the lower of the two directions. */
  ppi: number;
  colorSpace: string;
  bleeds: boolean;
  sourceColorSpace: string | null;
  sourcePixels: [number, number] | null;
  /** The source is RGB with colour in it: converted for the press. */
  converted: boolean;
  status: 'ok' | 'warning' | 'error';
}

export interface PreflightReport {
  file: string;
  pdfx: {
    claimed: string | null;
    outputIntent: string | null;
    outputCondition: string | null;
    trapped: string | null;
    pdfVersion: string;
    rules: { rule: PdfxRule; description: string; ok: boolean; problems: string[] }[];
  };
  color: PressSettings['color'];
  marks: boolean;
  /** Points, and in inches for people. */
  trim: { width: number; height: number; inches: string };
  bleed: { points: number; inches: string; pages: { left: number; right: number; top: number; bottom: number } };
  pages: { count: number; typeset: number; blank: number[]; multiple: number; backCover: boolean };
  fonts: { name: string; type: string; embedded: boolean; subset: boolean; pages: number[] }[];
  images: PreflightImage[];
  overset: Diagnostic[];
  missingGlyphs: { page?: number; font?: string; count?: number; message: string }[];
  rgb: string[];
  inBleed: { page: number; what: string; problem: 'crosses-trim' | 'near-trim' }[];
  diagnostics: Diagnostic[];
  errors: number;
  warnings: number;
}

export interface PreflightInput {
  pdf: Uint8Array;
  /** Name of the press PDF in the report (its file name). */
  file: string;
  press: PressSettings;
  /** The laid-out pages, as the typesetter gave them (trim coordinates, not padded). */
  laidOut: readonly Page[];
  prepared: PressPages;
  /** Warnings of the typesetter (overset lines, missing glyphs). */
  typesetWarnings: readonly Diagnostic[];
}

export async function preflight(input: PreflightInput): Promise<PreflightReport> {
  const facts = await readPdf(input.pdf);
  const { press, prepared } = input;
  const diagnostics: Diagnostic[] = [];
  const rules = new Map<PdfxRule, string[]>(Object.keys(PDFX_RULES).map((k) => [k as PdfxRule, []]));
  const fail = (rule: PdfxRule, problem: string) => rules.get(rule)!.push(problem);

  checkIdentification(facts, press, fail);

  // Pages: boxes, bleed, annotations, count.
  const bleeds = { left: Infinity, right: Infinity, top: Infinity, bottom: Infinity };
  for (const p of facts.pages) {
    const { trimBox: t, bleedBox: b, mediaBox: m } = p;
    if (!t || !b) fail('boxes', `page ${p.number} has no ${!t ? 'TrimBox' : 'BleedBox'}`);
    else {
      if (!inside(t, b) || !inside(b, m)) fail('boxes', `page ${p.number}: the boxes do not nest (TrimBox ⊆ BleedBox ⊆ MediaBox)`);
      bleeds.left = Math.min(bleeds.left, t[0] - b[0]);
      bleeds.bottom = Math.min(bleeds.bottom, t[1] - b[1]);
      bleeds.right = Math.min(bleeds.right, b[2] - t[2]);
      bleeds.top = Math.min(bleeds.top, b[3] - t[3]);
    }
    if (p.annotations.length) fail('no-annotations', `page ${p.number} has ${p.annotations.length} annotation(s): ${[...new Set(p.annotations)].join(', ')}`);
    for (const t of new Set(p.transparency)) fail('no-transparency', `page ${p.number}: ${t}`);
    for (const x of new Set(p.excluded)) fail('no-excluded', `page ${p.number}: ${x}`);
  }
  for (const k of Object.keys(bleeds) as (keyof typeof bleeds)[]) if (!Number.isFinite(bleeds[k])) bleeds[k] = 0;
  const minBleed = Math.min(bleeds.left, bleeds.right, bleeds.top, bleeds.bottom);
  if (minBleed < MIN_BLEED - 1e-6)
    diagnostics.push(
      warning('preflight/bleed', `the bleed is ${inches(minBleed)} in; print shops ask for at least 3 mm (0.118 in), usually 0.125 in`, {}, [
        'set `press.bleed: 0.125in` in edition.yaml',
      ]),
    );
  if (facts.actions.length) fail('no-actions', facts.actions.join(', '));
  if (facts.encrypted) fail('no-encryption', 'the file is encrypted');
  if (!facts.hasId) fail('document-id', 'the trailer has no /ID');

  const count = facts.pages.length;
  if (count % press.pageMultiple !== 0)
    diagnostics.push(error('preflight/page-count', `the press PDF has ${count} pages, not a multiple of ${press.pageMultiple}`));
  if (prepared.blank.length) {
    const n = prepared.blank.length;
    diagnostics.push(
      warning(
        'preflight/padded',
        `added ${n} blank page${n === 1 ? '' : 's'} to the press PDF (${prepared.typeset} → ${count} pages, a multiple of ${press.pageMultiple})` +
          `${prepared.backCover ? ', before the back cover' : ', at the end'}`,
        { file: 'edition.yaml' },
        [
          `the blank page${n === 1 ? ' is' : 's are'} page${n === 1 ? '' : 's'} ${prepared.blank.join(', ')}; cut or add ${n === 1 ? 'a page' : 'pages'} of copy to avoid ${n === 1 ? 'it' : 'them'}`,
        ],
      ),
    );
  }

  // Colour: nothing RGB; in a gray edition nothing but gray (and the registration colour).
  const rgb: string[] = [];
  for (const p of facts.pages) {
    for (const [cs, fam] of p.colorSpaces) {
      if (fam === 'rgb' || fam === 'lab') rgb.push(`page ${p.number}: ${cs}`);
      else if (fam === 'icc-gray' || fam === 'icc-cmyk' || fam === 'unknown') fail('colour', `page ${p.number}: ${cs}`);
      else if (press.color === 'gray' && (fam === 'cmyk' || fam === 'devicen'))
        diagnostics.push(error('preflight/colour', `page ${p.number} uses ${cs} in a gray press PDF`));
    }
    const off = [...p.textColors].filter((c) => !['gray 0', 'gray 1', 'cmyk 0 0 0 1', 'cmyk 0 0 0 0'].includes(c));
    if (off.length)
      diagnostics.push(
        error('preflight/colour', `text on page ${p.number} is not solid black: ${off.join(', ')}`, {}, ['text prints on the black plate only']),
      );
  }
  for (const r of rgb) fail('colour', `${r} is RGB`);
  if (rgb.length)
    diagnostics.push(
      error('preflight/rgb', `RGB colour in the press PDF: ${rgb.slice(0, 3).join('; ')}${rgb.length > 3 ? ` and ${rgb.length - 3} more` : ''}`),
    );

  // Fonts.
  for (const f of facts.fonts.filter((f) => !f.embedded)) {
    fail('fonts-embedded', f.name);
    diagnostics.push(
      error('preflight/font-not-embedded', `font ${f.name} is not embedded (pages ${f.pages.join(', ')})`, {}, [
        'use a TTF or OTF font file the licence allows to embed',
      ]),
    );
  }

  // Images.
  const images = facts.images.map((img) => describeImage(img, facts, prepared.placements, press));
  for (const img of images) imageDiagnostics(img, prepared.placements, diagnostics, press);

  // Glyphs and overset text.
  const missingGlyphs: PreflightReport['missingGlyphs'] = [];
  for (const d of input.typesetWarnings.filter((w) => w.code === 'font/missing-glyph')) missingGlyphs.push({ message: `${place(d)}${d.message}` });
  for (const p of facts.pages)
    for (const [font, n] of p.notdef) {
      missingGlyphs.push({ page: p.number, font, count: n, message: `${n} .notdef glyph${n === 1 ? '' : 's'} in ${font} on page ${p.number}` });
      diagnostics.push(
        error('preflight/missing-glyph', `page ${p.number} draws ${n} .notdef glyph${n === 1 ? '' : 's'} (boxes) in ${font}`, {}, [
          'add a font with these characters to `layout.fonts`',
        ]),
      );
    }
  const overset = input.typesetWarnings.filter((w) => w.code.startsWith('typeset/'));

  // What reaches past the trim, or comes too near it, on the laid-out pages.
  const inBleed = checkTrim(input.laidOut, prepared, diagnostics);

  const pdfxRules = [...rules].map(([rule, problems]) => ({ rule, description: PDFX_RULES[rule], ok: problems.length === 0, problems }));
  for (const r of pdfxRules)
    if (!r.ok && !['colour', 'fonts-embedded'].includes(r.rule))
      diagnostics.push(error('preflight/pdfx', `the press PDF claims ${PDFX_VERSION} but breaks "${r.description}": ${r.problems.slice(0, 3).join('; ')}`));

  const first = facts.pages[0];
  const trimW = first?.trimBox ? first.trimBox[2] - first.trimBox[0] : 0;
  const trimH = first?.trimBox ? first.trimBox[3] - first.trimBox[1] : 0;
  const intent = facts.outputIntents.find((o) => o.subtype === 'GTS_PDFX');
  return {
    file: input.file,
    pdfx: {
      claimed: facts.info.GTS_PDFXVersion ?? null,
      outputIntent: intent?.identifier ?? null,
      outputCondition: intent?.condition ?? null,
      trapped: facts.info.Trapped ?? null,
      pdfVersion: facts.version,
      rules: pdfxRules,
    },
    color: press.color,
    marks: press.marks,
    trim: { width: round(trimW), height: round(trimH), inches: `${inches(trimW)} × ${inches(trimH)}` },
    bleed: {
      points: round(minBleed),
      inches: inches(minBleed),
      pages: { left: round(bleeds.left), right: round(bleeds.right), top: round(bleeds.top), bottom: round(bleeds.bottom) },
    },
    pages: { count, typeset: prepared.typeset, blank: prepared.blank, multiple: press.pageMultiple, backCover: prepared.backCover },
    fonts: facts.fonts.map((f) => ({ name: f.name, type: f.type, embedded: f.embedded, subset: f.subset, pages: f.pages })),
    images,
    overset,
    missingGlyphs,
    rgb,
    inBleed,
    diagnostics: sortByPlace(diagnostics),
    errors: diagnostics.filter((d) => d.severity === 'error').length,
    warnings: diagnostics.filter((d) => d.severity === 'warning').length,
  };
}

function checkIdentification(facts: PdfDocumentFacts, press: PressSettings, fail: (rule: PdfxRule, problem: string) => void): void {
  if (!(Number(facts.version) <= 1.4)) fail('pdf-version', `PDF ${facts.version}`);
  const info = facts.info;
  const xmp = facts.xmp ?? '';
  const xmpValue = (tag: string) => {
    const m = new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`).exec(xmp);
    if (!m) return undefined;
    const li = /<rdf:li[^>]*>([\s\S]*?)<\/rdf:li>/.exec(m[1]);
    return unxml((li ? li[1] : m[1]).trim());
  };
  if (info.GTS_PDFXVersion !== PDFX_VERSION) fail('pdfx-version', `GTS_PDFXVersion is ${info.GTS_PDFXVersion ?? 'missing'}`);
  if (facts.xmp && xmpValue('pdfxid:GTS_PDFXVersion') !== info.GTS_PDFXVersion) fail('pdfx-version', 'the XMP gives another PDF/X version');
  const intents = facts.outputIntents.filter((o) => o.subtype === 'GTS_PDFX');
  if (intents.length !== 1) fail('output-intent', `${intents.length} GTS_PDFX output intents`);
  else {
    const o = intents[0];
    const expected = OUTPUT_CONDITIONS[press.outputIntent].identifier;
    if (!o.identifier) fail('output-intent', 'no OutputConditionIdentifier');
    else if (o.identifier !== expected) fail('output-intent', `the output intent is ${o.identifier}, not ${expected} as the manifest asks`);
    if (!o.profile && !(o.registry && Object.values(OUTPUT_CONDITIONS).some((c) => c.identifier === o.identifier)))
      fail('output-intent', 'neither a registered condition nor an output profile');
  }
  if (info.Trapped !== 'True' && info.Trapped !== 'False') fail('trapped', `Trapped is ${info.Trapped ?? 'missing'}`);
  if (facts.xmp && xmpValue('pdf:Trapped') !== info.Trapped) fail('trapped', 'the XMP says otherwise');
  for (const key of ['Title', 'CreationDate', 'ModDate']) if (!info[key]) fail('info-xmp', `no ${key}`);
  if (facts.xmp) {
    if (xmpValue('dc:title') !== info.Title) fail('info-xmp', 'dc:title differs from Title');
    if (xmpDate(xmpValue('xmp:CreateDate')) !== pdfDate(info.CreationDate)) fail('info-xmp', 'xmp:CreateDate differs from CreationDate');
    if (xmpDate(xmpValue('xmp:ModifyDate')) !== pdfDate(info.ModDate)) fail('info-xmp', 'xmp:ModifyDate differs from ModDate');
    if (info.Producer && xmpValue('pdf:Producer') !== info.Producer) fail('info-xmp', 'pdf:Producer differs from Producer');
  }
}

function describeImage(img: PdfImage, facts: PdfDocumentFacts, placements: readonly Placement[], press: PressSettings): PreflightImage {
  const page = facts.pages[img.page - 1];
  const t = page?.trimBox ?? page?.mediaBox ?? [0, 0, 0, 0];
  // Back to the layout's coordinates (top-left of the trim, y down) to find the placement.
  const x = img.box[0] - t[0];
  const y = t[3] - img.box[3];
  const w = img.box[2] - img.box[0];
  const h = img.box[3] - img.box[1];
  const placed = placements.find(
    (p) =>
      p.page === img.page &&
      Math.abs(p.x - p.extension.left - x) < 1 &&
      Math.abs(p.y - p.extension.top - y) < 1 &&
      Math.abs(p.w + p.extension.left + p.extension.right - w) < 1 &&
      Math.abs(p.h + p.extension.top + p.extension.bottom - h) < 1,
  );
  const ppi = Math.min(img.ppi[0], img.ppi[1]);
  const status = ppi < PPI_ERROR ? 'error' : ppi < PPI_WARNING ? 'warning' : 'ok';
  const e = placed?.extension;
  return {
    page: img.page,
    source: placed?.source ?? null,
    pixels: [img.width, img.height],
    placed: { width: round(w), height: round(h) },
    ppi: Math.round(ppi),
    colorSpace: img.colorSpace,
    bleeds: !!e && e.left + e.right + e.top + e.bottom > 0,
    sourceColorSpace: placed?.sourceInfo.space ?? null,
    sourcePixels: placed ? [placed.sourceInfo.width, placed.sourceInfo.height] : null,
    converted: !!placed?.sourceInfo.chromatic,
    status: img.family === 'rgb' || img.family === 'lab' || (press.color === 'gray' && img.family === 'cmyk') ? 'error' : status,
  };
}

function imageDiagnostics(img: PreflightImage, placements: readonly Placement[], out: Diagnostic[], press: PressSettings): void {
  const placement = placements.find((p) => p.page === img.page && p.source === img.source);
  const pos = placement?.place;
  const where = pos ? { file: pos.file, line: pos.line, column: pos.column } : img.source ? { file: img.source } : {};
  const name = img.source ? `\`${img.source}\`` : `an image`;
  if (img.ppi < PPI_WARNING) {
    const w = Math.ceil((img.placed.width / 72) * 300);
    const h = Math.ceil((img.placed.height / 72) * 300);
    const d = img.ppi < PPI_ERROR ? error : warning;
    out.push(
      d(
        'preflight/low-resolution',
        `${name} prints at ${img.ppi} ppi on page ${img.page} (${img.pixels[0]} × ${img.pixels[1]} px over ${inches(img.placed.width)} × ${inches(img.placed.height)} in)`,
        where,
        [`supply it at least ${w} × ${h} px (300 ppi at the placed size); under ${PPI_WARNING} ppi it looks soft, under ${PPI_ERROR} ppi blocky`],
      ),
    );
  }
  if (img.converted)
    out.push(
      warning(
        'preflight/rgb',
        `${name} is an RGB colour image: converted to ${press.color === 'gray' ? 'gray' : 'CMYK'} for the press PDF (page ${img.page})`,
        where,
        [
          press.color === 'gray'
            ? 'colours of the same lightness print as the same gray: check a proof, or supply a grayscale version drawn for one ink'
            : 'converted with a generic CMYK profile: check a proof, or supply a CMYK version made for the printing condition',
        ],
      ),
    );
}

/** Text or other items that reach past the trim without being meant to; text too near it. */
function checkTrim(laidOut: readonly Page[], prepared: PressPages, out: Diagnostic[]): PreflightReport['inBleed'] {
  const found: PreflightReport['inBleed'] = [];
  // Laid-out page n is press page n, or n + blanks when blank pages came before the back cover.
  const pressPage = (i: number) => (prepared.backCover && i === laidOut.length - 1 ? i + 1 + prepared.blank.length : i + 1);
  laidOut.forEach((page, i) => {
    const crossing: string[] = [];
    const near: string[] = [];
    for (const it of page.items) {
      const b = itemBounds(it);
      if (!b) continue;
      const over = b.x0 < -0.01 || b.y0 < -0.01 || b.x1 > page.width + 0.01 || b.y1 > page.height + 0.01;
      const what = describe(it);
      if (over && !('bleed' in it && it.bleed)) crossing.push(what);
      else if (it.kind === 'text' && (b.x0 < SAFE_MARGIN || b.y0 < SAFE_MARGIN || b.x1 > page.width - SAFE_MARGIN || b.y1 > page.height - SAFE_MARGIN))
        near.push(what);
    }
    const n = pressPage(i);
    for (const what of crossing) found.push({ page: n, what, problem: 'crosses-trim' });
    for (const what of near) found.push({ page: n, what, problem: 'near-trim' });
    if (crossing.length) {
      const text = crossing.filter((c) => c.startsWith('text'));
      const d = text.length ? error : warning;
      out.push(
        d(
          'preflight/in-bleed',
          `page ${n}: ${crossing.length} item${crossing.length === 1 ? '' : 's'} cross the trim and would be cut: ${crossing.slice(0, 3).join('; ')}`,
          {},
          ['text must stay inside the trim; a picture or background meant to reach the edge must be marked to bleed'],
        ),
      );
    }
    if (near.length)
      out.push(
        warning('preflight/near-trim', `page ${n}: text within 0.125 in of the trim: ${near.slice(0, 3).join('; ')}`, {}, [
          'the trim may wander by a millimetre or two: widen the margins',
        ]),
      );
  });
  return found;
}

function describe(it: Item): string {
  switch (it.kind) {
    case 'text':
      return `text "${it.text.length > 30 ? `${it.text.slice(0, 29)}…` : it.text}"`;
    case 'image':
      return 'an image';
    case 'rect':
      return 'a filled area';
    case 'rule':
      return 'a rule';
    default:
      return it.kind;
  }
}

function inside(a: number[], b: number[]): boolean {
  const e = 0.01;
  return a[0] >= b[0] - e && a[1] >= b[1] - e && a[2] <= b[2] + e && a[3] <= b[3] + e;
}

function place(d: Diagnostic): string {
  return d.file ? `${d.file}${d.line !== undefined ? `:${d.line}:${d.column ?? 1}` : ''}: ` : '';
}

/** `D:20261015000000Z` and `2026-10-15T00:00:00Z` both to `20261015000000`. */
function pdfDate(s: string | undefined): string {
  return (s ?? '')
    .replace(/^D:/, '')
    .replace(/[Z'+-].*$/, '')
    .padEnd(14, '0')
    .slice(0, 14);
}

function xmpDate(s: string | undefined): string {
  return (s ?? '')
    .replace(/[-:T]/g, '')
    .replace(/(\.\d+)?Z$|[+-]\d\d\d\d$/, '')
    .padEnd(14, '0')
    .slice(0, 14);
}

function unxml(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

export function inches(pt: number): string {
  return String(Math.round((pt / 72) * 1000) / 1000);
}
