// Reads a built PDF back for the preflight, with pdf-lib and our content-stream reader:
// document identification (version, info, XMP, output intents, ID, encryption), and per
// page the boxes, annotations, fonts, images with their placed size, colour spaces used,
// text colours, glyphs drawn as .notdef and anything transparent. Nothing outside npm.
import {
  decodePDFRawStream,
  PDFArray,
  PDFBool,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFNumber,
  type PDFObject,
  PDFRawStream,
  PDFRef,
  PDFStream,
  PDFString,
} from 'pdf-lib';
import { Bytes, IDENTITY, multiply, Name, operations, unitBox, type Matrix, type Operand } from './content-stream.js';
import type { Box } from '../backends/pdf/press-geometry.js';

export interface PdfFont {
  /** BaseFont, subset prefix included. */
  name: string;
  /** Type0/CIDFontType2, TrueType, Type1, Type3, … */
  type: string;
  embedded: boolean;
  subset: boolean;
  pages: number[];
}

export interface PdfImage {
  page: number;
  /** Object number of the image XObject. */
  object: number;
  width: number;
  height: number;
  /** The colour space as written (`DeviceGray`, `ICCBased(3)`, `Indexed(DeviceRGB)`, …). */
  colorSpace: string;
  family: ColorFamily;
  bitsPerComponent: number;
  filter: string;
  /** Placed box in PDF user space. */
  box: Box;
  /** Effective resolution where placed. */
  ppi: [number, number];
  softMask: boolean;
  imageMask: boolean;
}

export type ColorFamily = 'gray' | 'cmyk' | 'rgb' | 'separation' | 'devicen' | 'lab' | 'icc-gray' | 'icc-cmyk' | 'pattern' | 'unknown';

export interface PdfPage {
  number: number;
  mediaBox: Box;
  trimBox?: Box;
  bleedBox?: Box;
  annotations: string[];
  /** Colour spaces met in the content and images, as written, with their family. */
  colorSpaces: Map<string, ColorFamily>;
  /** Fill colours text was shown in, such as `gray 0` or `cmyk 0 0 0 1`. */
  textColors: Set<string>;
  /** Glyphs shown with code 0 (.notdef) of a composite font, by font name. */
  notdef: Map<string, number>;
  transparency: string[];
  /** PostScript XObjects, transfer functions, halftones, OPI: what PDF/X-1a excludes. */
  excluded: string[];
}

export interface PdfDocumentFacts {
  version: string;
  info: Record<string, string>;
  xmp?: string;
  outputIntents: { subtype: string; identifier?: string; registry?: string; condition?: string; profile: boolean }[];
  hasId: boolean;
  encrypted: boolean;
  actions: string[];
  pages: PdfPage[];
  fonts: PdfFont[];
  images: PdfImage[];
}

export async function readPdf(bytes: Uint8Array): Promise<PdfDocumentFacts> {
  const head = Buffer.from(bytes.subarray(0, 16)).toString('latin1');
  const version = /%PDF-(\d\.\d)/.exec(head)?.[1] ?? '?';
  const encrypted = Buffer.from(bytes.subarray(Math.max(0, bytes.length - 4096)))
    .toString('latin1')
    .includes('/Encrypt');
  const doc = await PDFDocument.load(bytes, { updateMetadata: false, ignoreEncryption: true });
  const ctx = doc.context;
  const lookup = (o: PDFObject | undefined): PDFObject | undefined => (o instanceof PDFRef ? ctx.lookup(o) : o);

  const info: Record<string, string> = {};
  const infoDict = lookup(ctx.trailerInfo.Info);
  if (infoDict instanceof PDFDict) for (const [k, v] of infoDict.entries()) info[k.decodeText()] = text(lookup(v));

  const catalog = doc.catalog;
  let xmp: string | undefined;
  const md = catalog.lookup(PDFName.of('Metadata'));
  if (md instanceof PDFRawStream) xmp = Buffer.from(decodePDFRawStream(md).decode()).toString('utf8');

  const outputIntents: PdfDocumentFacts['outputIntents'] = [];
  const oi = catalog.lookup(PDFName.of('OutputIntents'));
  if (oi instanceof PDFArray)
    for (let k = 0; k < oi.size(); k++) {
      const d = lookup(oi.get(k));
      if (!(d instanceof PDFDict)) continue;
      const get = (key: string) => {
        const v = lookup(d.get(PDFName.of(key)));
        return v === undefined ? undefined : text(v);
      };
      outputIntents.push({
        subtype: get('S') ?? '',
        identifier: get('OutputConditionIdentifier'),
        registry: get('RegistryName'),
        condition: get('OutputCondition') ?? get('Info'),
        profile: d.get(PDFName.of('DestOutputProfile')) !== undefined,
      });
    }

  const actions: string[] = [];
  if (catalog.get(PDFName.of('OpenAction'))) actions.push('OpenAction');
  if (catalog.get(PDFName.of('AA'))) actions.push('AA');
  const names = catalog.lookup(PDFName.of('Names'));
  if (names instanceof PDFDict && names.get(PDFName.of('JavaScript'))) actions.push('JavaScript');
  if (catalog.get(PDFName.of('AcroForm'))) actions.push('AcroForm');

  const fonts = new Map<string, PdfFont>();
  const images: PdfImage[] = [];
  const pages: PdfPage[] = [];
  const ref = (o: PDFObject | undefined) => (o instanceof PDFRef ? o.objectNumber : 0);

  doc.getPages().forEach((p, idx) => {
    const number = idx + 1;
    const node = p.node;
    const boxOf = (key: string): Box | undefined => {
      const a = lookup(node.get(PDFName.of(key)));
      if (!(a instanceof PDFArray)) return undefined;
      const v = a.asArray().map((x) => num(lookup(x)));
      return [Math.min(v[0], v[2]), Math.min(v[1], v[3]), Math.max(v[0], v[2]), Math.max(v[1], v[3])];
    };
    const m = p.getMediaBox();
    const page: PdfPage = {
      number,
      mediaBox: [m.x, m.y, m.x + m.width, m.y + m.height],
      trimBox: boxOf('TrimBox'),
      bleedBox: boxOf('BleedBox'),
      annotations: [],
      colorSpaces: new Map(),
      textColors: new Set(),
      notdef: new Map(),
      transparency: [],
      excluded: [],
    };
    const annots = lookup(node.get(PDFName.of('Annots')));
    if (annots instanceof PDFArray)
      for (const a of annots.asArray()) {
        const d = lookup(a);
        page.annotations.push(d instanceof PDFDict ? text(lookup(d.get(PDFName.of('Subtype')))) : '?');
      }
    const group = lookup(node.get(PDFName.of('Group')));
    if (group instanceof PDFDict && text(lookup(group.get(PDFName.of('S')))) === 'Transparency') page.transparency.push('page transparency group');

    const resources = lookup(node.get(PDFName.of('Resources'))) ?? p.node.Resources();
    const contents = node.Contents();
    const streams: Uint8Array[] = [];
    const push = (o: PDFObject | undefined) => {
      const s = lookup(o);
      if (s instanceof PDFRawStream) streams.push(decodePDFRawStream(s).decode());
      else if (s instanceof PDFStream) streams.push(s.getContents());
    };
    if (contents instanceof PDFArray) contents.asArray().forEach(push);
    else push(contents);
    const joined = Buffer.concat(streams.map((s) => Buffer.concat([Buffer.from(s), Buffer.from('\n')])));
    interpret(joined, resources instanceof PDFDict ? resources : undefined, IDENTITY, 0);

    function interpret(data: Uint8Array, res: PDFDict | undefined, base: Matrix, depth: number): void {
      if (depth > 8) return;
      const resource = (kind: string, name: string): PDFObject | undefined => {
        const d = res ? lookup(res.get(PDFName.of(kind))) : undefined;
        return d instanceof PDFDict ? d.get(PDFName.of(name)) : undefined;
      };
      for (const [, f] of res ? dictEntries(lookup(res.get(PDFName.of('Font')))) : []) noteFont(f);

      interface State {
        ctm: Matrix;
        fill: { space: string; values: number[] };
        stroke: { space: string; values: number[] };
      }
      let gs: State = { ctm: base, fill: { space: 'DeviceGray', values: [0] }, stroke: { space: 'DeviceGray', values: [0] } };
      const saved: State[] = [];
      let font: { name: string; composite: boolean } | undefined;
      const use = (space: string, family: ColorFamily) => page.colorSpaces.set(space, family);
      const setSpace = (which: 'fill' | 'stroke', operand: Operand) => {
        const name = operand instanceof Name ? operand.name : '';
        const obj = ['DeviceGray', 'DeviceRGB', 'DeviceCMYK', 'Pattern'].includes(name) ? undefined : resource('ColorSpace', name);
        const cs = obj ? describeSpace(obj) : { label: name, family: deviceFamily(name) };
        use(cs.label, cs.family);
        gs = { ...gs, [which]: { space: cs.label, values: [] } };
      };
      const device = (which: 'fill' | 'stroke', space: string, args: Operand[]) => {
        use(space, deviceFamily(space));
        gs = { ...gs, [which]: { space, values: args.filter((a): a is number => typeof a === 'number') } };
      };
      const show = (strings: Bytes[]) => {
        page.textColors.add(colorLabel(gs.fill));
        if (!font?.composite) return;
        let zero = 0;
        for (const b of strings) for (let k = 0; k + 1 < b.bytes.length; k += 2) if (b.bytes.charCodeAt(k) === 0 && b.bytes.charCodeAt(k + 1) === 0) zero++;
        if (zero) page.notdef.set(font.name, (page.notdef.get(font.name) ?? 0) + zero);
      };

      for (const { op, args } of operations(data)) {
        switch (op) {
          case 'q':
            saved.push(gs);
            break;
          case 'Q':
            gs = saved.pop() ?? gs;
            break;
          case 'cm':
            if (args.length === 6 && args.every((a) => typeof a === 'number')) gs = { ...gs, ctm: multiply(args as Matrix, gs.ctm) };
            break;
          case 'g':
            device('fill', 'DeviceGray', args);
            break;
          case 'G':
            device('stroke', 'DeviceGray', args);
            break;
          case 'rg':
            device('fill', 'DeviceRGB', args);
            break;
          case 'RG':
            device('stroke', 'DeviceRGB', args);
            break;
          case 'k':
            device('fill', 'DeviceCMYK', args);
            break;
          case 'K':
            device('stroke', 'DeviceCMYK', args);
            break;
          case 'cs':
            setSpace('fill', args[0]);
            break;
          case 'CS':
            setSpace('stroke', args[0]);
            break;
          case 'sc':
          case 'scn':
            gs = { ...gs, fill: { ...gs.fill, values: args.filter((a): a is number => typeof a === 'number') } };
            break;
          case 'SC':
          case 'SCN':
            gs = { ...gs, stroke: { ...gs.stroke, values: args.filter((a): a is number => typeof a === 'number') } };
            break;
          case 'Tf': {
            const name = args[0] instanceof Name ? args[0].name : '';
            const f = lookup(resource('Font', name));
            font =
              f instanceof PDFDict
                ? { name: text(lookup(f.get(PDFName.of('BaseFont')))), composite: text(lookup(f.get(PDFName.of('Subtype')))) === 'Type0' }
                : undefined;
            break;
          }
          case 'Tj':
          case "'":
            show(args.filter((a): a is Bytes => a instanceof Bytes));
            break;
          case '"':
            show(args.filter((a): a is Bytes => a instanceof Bytes));
            break;
          case 'TJ':
            show((Array.isArray(args[0]) ? args[0] : []).filter((a): a is Bytes => a instanceof Bytes));
            break;
          case 'gs': {
            const d = lookup(resource('ExtGState', args[0] instanceof Name ? args[0].name : ''));
            if (d instanceof PDFDict) checkExtGState(d);
            break;
          }
          case 'sh': {
            const d = lookup(resource('Shading', args[0] instanceof Name ? args[0].name : ''));
            const sd = d instanceof PDFStream ? d.dict : d;
            if (sd instanceof PDFDict) {
              const cs = describeSpace(sd.get(PDFName.of('ColorSpace')));
              use(cs.label, cs.family);
            }
            break;
          }
          case 'BI': {
            const d = args[0] instanceof Map ? args[0] : new Map<string, Operand>();
            const cs = d.get('CS') ?? d.get('ColorSpace');
            const name =
              cs instanceof Name ? (({ G: 'DeviceGray', RGB: 'DeviceRGB', CMYK: 'DeviceCMYK' } as Record<string, string>)[cs.name] ?? cs.name) : 'DeviceGray';
            const obj = ['DeviceGray', 'DeviceRGB', 'DeviceCMYK'].includes(name) ? undefined : resource('ColorSpace', name);
            const described = obj ? describeSpace(obj) : { label: name, family: deviceFamily(name) };
            use(`${described.label} (inline image)`, described.family);
            break;
          }
          case 'Do': {
            const xref = resource('XObject', args[0] instanceof Name ? args[0].name : '');
            const x = lookup(xref);
            if (!(x instanceof PDFStream)) break;
            const d = x.dict;
            const subtype = text(lookup(d.get(PDFName.of('Subtype'))));
            if (subtype === 'Image') image(d, ref(xref), gs.ctm);
            else if (subtype === 'Form') {
              const g = lookup(d.get(PDFName.of('Group')));
              if (g instanceof PDFDict && text(lookup(g.get(PDFName.of('S')))) === 'Transparency') page.transparency.push('transparency group');
              if (d.get(PDFName.of('OPI'))) page.excluded.push('OPI');
              const matrix = lookup(d.get(PDFName.of('Matrix')));
              const mm = matrix instanceof PDFArray ? (matrix.asArray().map((v) => num(lookup(v))) as Matrix) : IDENTITY;
              const inner = x instanceof PDFRawStream ? decodePDFRawStream(x).decode() : x.getContents();
              const r = lookup(d.get(PDFName.of('Resources')));
              interpret(inner, r instanceof PDFDict ? r : res, multiply(mm, gs.ctm), depth + 1);
            } else if (subtype === 'PS') page.excluded.push('PostScript XObject');
            break;
          }
          case 'PS':
            page.excluded.push('PostScript operator');
            break;
          default:
            break;
        }
      }
    }

    function image(d: PDFDict, object: number, ctm: Matrix): void {
      const width = num(lookup(d.get(PDFName.of('Width'))));
      const height = num(lookup(d.get(PDFName.of('Height'))));
      const imageMask = lookup(d.get(PDFName.of('ImageMask'))) === PDFBool.True;
      const cs = imageMask ? { label: 'stencil mask', family: 'gray' as ColorFamily } : describeSpace(d.get(PDFName.of('ColorSpace')));
      if (!imageMask) page.colorSpaces.set(cs.label, cs.family);
      const filters = lookup(d.get(PDFName.of('Filter')));
      const filter =
        filters instanceof PDFArray
          ? filters
              .asArray()
              .map((f) => text(lookup(f)))
              .join(' ')
          : text(filters);
      const softMask = d.get(PDFName.of('SMask')) !== undefined || num(lookup(d.get(PDFName.of('SMaskInData')))) > 0;
      if (softMask) page.transparency.push(`soft mask on image ${object}`);
      if (d.get(PDFName.of('OPI'))) page.excluded.push('OPI');
      const box = unitBox(ctm);
      const w = box[2] - box[0];
      const h = box[3] - box[1];
      images.push({
        page: number,
        object,
        width,
        height,
        colorSpace: cs.label,
        family: cs.family,
        bitsPerComponent: num(lookup(d.get(PDFName.of('BitsPerComponent')))),
        filter,
        box,
        ppi: [w > 0 ? (width * 72) / w : 0, h > 0 ? (height * 72) / h : 0],
        softMask,
        imageMask,
      });
    }

    function checkExtGState(d: PDFDict): void {
      const smask = lookup(d.get(PDFName.of('SMask')));
      if (smask && !(smask instanceof PDFName && smask.decodeText() === 'None')) page.transparency.push('soft mask in graphics state');
      for (const key of ['CA', 'ca']) {
        const v = lookup(d.get(PDFName.of(key)));
        if (v instanceof PDFNumber && v.asNumber() < 1) page.transparency.push(`${key} ${v.asNumber()}`);
      }
      const bm = lookup(d.get(PDFName.of('BM')));
      const mode = bm instanceof PDFArray ? text(lookup(bm.get(0))) : bm ? text(bm) : 'Normal';
      if (mode !== 'Normal' && mode !== 'Compatible') page.transparency.push(`blend mode ${mode}`);
      for (const key of ['TR', 'TR2']) {
        const v = lookup(d.get(PDFName.of(key)));
        if (v && !(v instanceof PDFName && v.decodeText() === 'Identity') && !(v instanceof PDFName && v.decodeText() === 'Default'))
          page.excluded.push(`transfer function (${key})`);
      }
      if (d.get(PDFName.of('HTP'))) page.excluded.push('halftone phase');
    }

    function noteFont(f: PDFObject | undefined): void {
      const d = lookup(f);
      if (!(d instanceof PDFDict)) return;
      const key = f instanceof PDFRef ? `ref ${f.objectNumber}` : `inline ${text(lookup(d.get(PDFName.of('BaseFont'))))}`;
      let entry = fonts.get(key);
      if (!entry) {
        const subtype = text(lookup(d.get(PDFName.of('Subtype'))));
        const name = text(lookup(d.get(PDFName.of('BaseFont')))) || `(${subtype} font)`;
        let descriptorOwner = d;
        let type = subtype;
        if (subtype === 'Type0') {
          const kids = lookup(d.get(PDFName.of('DescendantFonts')));
          const kid = kids instanceof PDFArray ? lookup(kids.get(0)) : undefined;
          if (kid instanceof PDFDict) {
            descriptorOwner = kid;
            type = `Type0/${text(lookup(kid.get(PDFName.of('Subtype'))))}`;
          }
        }
        const fd = lookup(descriptorOwner.get(PDFName.of('FontDescriptor')));
        const embedded =
          subtype === 'Type3' || (fd instanceof PDFDict && ['FontFile', 'FontFile2', 'FontFile3'].some((k) => fd.get(PDFName.of(k)) !== undefined));
        entry = { name, type, embedded, subset: /^[A-Z]{6}\+/.test(name), pages: [] };
        fonts.set(key, entry);
      }
      if (!entry.pages.includes(number)) entry.pages.push(number);
    }

    pages.push(page);
  });

  return {
    version,
    info,
    xmp,
    outputIntents,
    hasId: ctx.trailerInfo.ID !== undefined,
    encrypted: encrypted && ctx.trailerInfo.Encrypt !== undefined,
    actions,
    pages,
    fonts: [...fonts.values()].sort((a, b) => a.name.localeCompare(b.name)),
    images,
  };

  function describeSpace(o: PDFObject | undefined): { label: string; family: ColorFamily } {
    const v = lookup(o);
    if (v instanceof PDFName) {
      const name = v.decodeText();
      // A name may also refer to a resource; only device names are meaningful here.
      return { label: name, family: deviceFamily(name) };
    }
    if (v instanceof PDFArray && v.size() > 0) {
      const kind = text(lookup(v.get(0)));
      switch (kind) {
        case 'ICCBased': {
          const s = lookup(v.get(1));
          const n = s instanceof PDFStream ? num(lookup(s.dict.get(PDFName.of('N')))) : 0;
          return { label: `ICCBased(${n})`, family: n === 1 ? 'icc-gray' : n === 4 ? 'icc-cmyk' : 'rgb' };
        }
        case 'Separation':
          return { label: `Separation(${text(lookup(v.get(1)))})`, family: 'separation' };
        case 'DeviceN':
          return { label: 'DeviceN', family: 'devicen' };
        case 'Indexed':
        case 'I': {
          const base = describeSpace(v.get(1));
          return { label: `Indexed(${base.label})`, family: base.family };
        }
        case 'Pattern':
          return { label: 'Pattern', family: 'pattern' };
        case 'CalRGB':
          return { label: 'CalRGB', family: 'rgb' };
        case 'CalGray':
          return { label: 'CalGray', family: 'icc-gray' };
        case 'Lab':
          return { label: 'Lab', family: 'lab' };
        default:
          return { label: kind, family: deviceFamily(kind) };
      }
    }
    return { label: 'none', family: 'unknown' };
  }
}

function deviceFamily(name: string): ColorFamily {
  switch (name) {
    case 'DeviceGray':
    case 'G':
      return 'gray';
    case 'DeviceCMYK':
    case 'CMYK':
      return 'cmyk';
    case 'DeviceRGB':
    case 'RGB':
      return 'rgb';
    case 'Pattern':
      return 'pattern';
    default:
      return 'unknown';
  }
}

function colorLabel(c: { space: string; values: number[] }): string {
  const short = c.space === 'DeviceGray' ? 'gray' : c.space === 'DeviceCMYK' ? 'cmyk' : c.space === 'DeviceRGB' ? 'rgb' : c.space;
  return [short, ...c.values.map((v) => String(Math.round(v * 1000) / 1000))].join(' ');
}

function dictEntries(o: PDFObject | undefined): [PDFName, PDFObject][] {
  return o instanceof PDFDict ? o.entries() : [];
}

function text(o: PDFObject | undefined): string {
  if (o === undefined) return '';
  if (o instanceof PDFName) return o.decodeText();
  if (o instanceof PDFString || o instanceof PDFHexString) return decodeString(o);
  if (o instanceof PDFNumber) return String(o.asNumber());
  if (o instanceof PDFBool) return String(o.asBoolean());
  return o.toString();
}

function num(o: PDFObject | undefined): number {
  return o instanceof PDFNumber ? o.asNumber() : 0;
}

/**
 * A PDF text string's text. pdf-lib's decodeText spreads every code unit into one call of
 * String.fromCharCode, which overflows the stack on a long string (an issue whose
 * description runs to hundreds of KB fills the Subject); long strings are decoded here.
 */
function decodeString(o: PDFString | PDFHexString): string {
  const bytes = o.asBytes();
  if (bytes.length < 8192) return o.decodeText();
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder('utf-8').decode(bytes.subarray(3));
  // PDFDocEncoding: Latin-1 but for a few punctuation marks in 0x18–0x1F and 0x80–0x9F, which
  // the checks made on this text (lengths, equality with the XMP) do not depend on.
  return Buffer.from(bytes).toString('latin1');
}
