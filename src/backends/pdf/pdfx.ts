// PDF/X-1a identification: the version claimed, the registered printing conditions an
// output intent may name, and the XMP packet that repeats the document information.
import type { PressSettings } from '../../settings/press.js';

export const PDFX_VERSION = 'PDF/X-1a:2003';
/** PDF/X-1a:2003 is based on PDF 1.4. */
export const PDFX_PDF_VERSION = '1.4';
export const ICC_REGISTRY = 'http://www.color.org';

/** Characterizations registered with the ICC, by the name the manifest uses. */
export const OUTPUT_CONDITIONS: Record<PressSettings['outputIntent'], { identifier: string; condition: string }> = {
  'CGATS TR 001': { identifier: 'CGATS TR 001', condition: 'SWOP (publication) printing in the United States, coated paper (CGATS TR 001)' },
  FOGRA39: { identifier: 'FOGRA39', condition: 'Offset commercial printing, coated paper, ISO 12647-2:2004/Amd 1 (FOGRA39)' },
  FOGRA51: { identifier: 'FOGRA51', condition: 'Offset commercial printing, premium coated paper, ISO 12647-2:2013 (FOGRA51)' },
  GRACoL2013: { identifier: 'CGATS21_CRPC6', condition: 'GRACoL 2013, coated #1 paper (CGATS 21-2 CRPC6)' },
};

export interface XmpInfo {
  title: string;
  author?: string;
  subject?: string;
  keywords?: string;
  creator: string;
  producer: string;
  /** The same instant as CreationDate and ModDate of the document information. */
  date: Date;
  trapped: 'True' | 'False';
  pdfxVersion: string;
}

/** The XMP packet of the press PDF, consistent with its document information dictionary. */
export function xmpPacket(info: XmpInfo): string {
  const date = info.date.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const alt = (v: string) => `<rdf:Alt><rdf:li xml:lang="x-default">${xml(v)}</rdf:li></rdf:Alt>`;
  return [
    '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>',
    '<x:xmpmeta xmlns:x="adobe:ns:meta/">',
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
    '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/"' +
      ' xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:pdfxid="http://www.npes.org/pdfx/ns/id/">',
    '<dc:format>application/pdf</dc:format>',
    `<dc:title>${alt(info.title)}</dc:title>`,
    ...(info.author ? [`<dc:creator><rdf:Seq><rdf:li>${xml(info.author)}</rdf:li></rdf:Seq></dc:creator>`] : []),
    ...(info.subject ? [`<dc:description>${alt(info.subject)}</dc:description>`] : []),
    `<xmp:CreateDate>${date}</xmp:CreateDate>`,
    `<xmp:ModifyDate>${date}</xmp:ModifyDate>`,
    `<xmp:MetadataDate>${date}</xmp:MetadataDate>`,
    `<xmp:CreatorTool>${xml(info.creator)}</xmp:CreatorTool>`,
    `<pdf:Producer>${xml(info.producer)}</pdf:Producer>`,
    ...(info.keywords ? [`<pdf:Keywords>${xml(info.keywords)}</pdf:Keywords>`] : []),
    `<pdf:Trapped>${info.trapped}</pdf:Trapped>`,
    `<pdfxid:GTS_PDFXVersion>${xml(info.pdfxVersion)}</pdfxid:GTS_PDFXVersion>`,
    '</rdf:Description>',
    '</rdf:RDF>',
    '</x:xmpmeta>',
    '<?xpacket end="r"?>',
  ].join('\n');
}

export function xml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
