// The zip container, written by epub-gen-memory: it lays out the OCF (the stored `mimetype`
// first, `META-INF/container.xml`, the `OEBPS/` folder), writes the stylesheet and the cover
// image, and places every package part through its template hooks. What it gets wrong is
// kept away from it:
// - its chapter pipeline rewrites HTML (drops `start` from `<ol>`, turns every non-ASCII
//   character into `&#x…;`), so each chapter's `content` is empty and its chapter template
//   only places the XHTML we rendered;
// - it names images with random UUIDs and fetches them, so it never sees an `<img>`: the
//   images go into the zip from memory, under names made from their ids;
// - it stamps entries with the current time, so every entry gets the date.
import { EPub, type Chapter, type Options } from 'epub-gen-memory';
import { CONTENT_FOLDER, NAV_DOCUMENT, NCX_DOCUMENT, PACKAGE_DOCUMENT, STYLESHEET } from './file-names.js';

export interface XhtmlDocument {
  /** File name in the content folder. */
  file: string;
  title: string;
  xhtml: string;
}

export interface ContainerInput {
  title: string;
  lang: string;
  /** The spine documents, in reading order. */
  documents: XhtmlDocument[];
  packageXml: string;
  navXhtml: string;
  ncxXml: string;
  css: string;
  /** The cover image; its bytes may still be being made (the zip waits for them when it reaches the cover). */
  cover: { file: string; mediaType: string; data: Promise<Buffer> };
  /** Further files (images), by path in the content folder. */
  files: { path: string; data: Buffer }[];
  /** Written as the date of every zip entry. */
  date: Date;
}

// EJS templates for epub-gen-memory that place what we rendered, untouched.
const PLACE_PACKAGE = '<%- pressroom.packageXml %>';
const PLACE_NAV = '<%- pressroom.navXhtml %>';
const PLACE_NCX = '<%- pressroom.ncxXml %>';
const PLACE_CHAPTER = '<%- xhtml %>';

/** epub-gen-memory's zip, which it keeps protected. */
class PressroomEPub extends EPub {
  get archive() {
    return this.zip;
  }
}

/**
 * The cover as epub-gen-memory takes it, a File, made before its bytes are: epub-gen-memory
 * adds what `arrayBuffer()` returns to the zip as a promise, and the zip waits for it only when
 * it reaches that entry, so the chapters are deflated while the cover is still being drawn.
 */
class PendingFile extends File {
  readonly #data: Promise<Buffer>;
  constructor(data: Promise<Buffer>, name: string, type: string) {
    super([], name, { type });
    this.#data = data;
  }
  override arrayBuffer(): Promise<ArrayBuffer> {
    return this.#data.then((data) => new Uint8Array(data).buffer);
  }
}

/** Entries stored as they are. */
const COMPRESSED = /\.(png|jpe?g|gif|webp)$/i;

export async function writeContainer(input: ContainerInput): Promise<Buffer> {
  const chapters: (Chapter & { xhtml: string })[] = input.documents.map((d) => ({
    title: d.title,
    filename: d.file,
    content: '',
    xhtml: d.xhtml,
  }));
  const options: Options & { pressroom: Pick<ContainerInput, 'packageXml' | 'navXhtml' | 'ncxXml'> } = {
    title: input.title,
    lang: input.lang,
    version: 3,
    verbose: false,
    prependChapterTitles: false,
    css: input.css,
    cover: new PendingFile(input.cover.data, input.cover.file, input.cover.mediaType),
    contentOPF: PLACE_PACKAGE,
    tocXHTML: PLACE_NAV,
    tocNCX: PLACE_NCX,
    chapterXHTML: PLACE_CHAPTER,
    pressroom: { packageXml: input.packageXml, navXhtml: input.navXhtml, ncxXml: input.ncxXml },
  };
  const epub = new PressroomEPub(options, chapters);
  await epub.render();
  const zip = epub.archive;

  // It must have written each part where the manifest says it is.
  const expected = [
    'mimetype',
    'META-INF/container.xml',
    ...[PACKAGE_DOCUMENT, NAV_DOCUMENT, NCX_DOCUMENT, STYLESHEET, input.cover.file, ...input.documents.map((d) => d.file)].map((f) => `${CONTENT_FOLDER}/${f}`),
  ];
  const missing = expected.filter((p) => zip.file(p) === null);
  if (missing.length > 0) throw new Error(`epub-gen-memory did not write ${missing.join(', ')}`);

  for (const f of input.files) zip.file(`${CONTENT_FOLDER}/${f.path}`, f.data);
  for (const entry of Object.values(zip.files)) {
    entry.date = input.date;
    // PNG, JPEG, GIF and WebP are compressed already: deflating them again (in JavaScript)
    // took most of the time the EPUB took, to save nothing.
    if (COMPRESSED.test(entry.name)) entry.options.compression = 'STORE';
  }

  return epub.generateAsync({
    type: 'nodebuffer',
    mimeType: 'application/epub+zip',
    compression: 'DEFLATE',
    compressionOptions: { level: 6 },
  });
}
