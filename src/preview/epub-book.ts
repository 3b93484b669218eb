// The chapters of a built EPUB as a reader shows them: the package's spine in order, each
// with its title, and the files of the archive the chapters may load (their stylesheets,
// images, fonts). The preview serves only entries this reader lists, never a file on disk.
import path from 'node:path';
import { Parser } from 'htmlparser2';
import { ZipReader } from './zip-reader.js';

export interface Chapter {
  /** The chapter's entry in the archive, such as `OEBPS/ch01.xhtml`. */
  entry: string;
  title: string;
}

export class EpubBook {
  readonly chapters: Chapter[];
  private readonly zip: ZipReader;

  constructor(data: Buffer) {
    this.zip = new ZipReader(data);
    this.chapters = this.readSpine();
  }

  /** An entry's bytes, for the chapter view; undefined for a name the archive does not hold. */
  entry(name: string): Buffer | undefined {
    // The mimetype and META-INF are packaging, not content a chapter loads.
    if (name === 'mimetype' || name.startsWith('META-INF/')) return undefined;
    return this.zip.has(name) ? this.zip.read(name) : undefined;
  }

  private readSpine(): Chapter[] {
    const container = this.zip.text('META-INF/container.xml');
    if (!container) return [];
    let opfPath: string | undefined;
    walk(container, (name, a) => {
      if (name === 'rootfile' && opfPath === undefined && a['full-path']) opfPath = a['full-path'];
    });
    const opf = opfPath && this.zip.text(opfPath);
    if (!opfPath || !opf) return [];
    const base = path.posix.dirname(opfPath);
    const hrefs = new Map<string, string>();
    const spine: string[] = [];
    walk(opf, (name, a) => {
      if (name === 'item' && a.id && a.href) hrefs.set(a.id, a.href);
      else if (name === 'itemref' && a.idref && a.linear !== 'no') spine.push(a.idref);
    });
    const chapters: Chapter[] = [];
    for (const idref of spine) {
      const href = hrefs.get(idref);
      if (!href) continue;
      const entry = path.posix.normalize(path.posix.join(base, decodeURIComponent(href.split('#')[0])));
      if (!this.zip.has(entry)) continue;
      chapters.push({ entry, title: titleOf(this.zip.text(entry) ?? '') || idref });
    }
    return chapters;
  }
}

/** Calls `open` with each element's local name and attributes (namespace prefixes dropped). */
function walk(xml: string, open: (name: string, attributes: Record<string, string>) => void): void {
  const parser = new Parser({ onopentag: (name, attributes) => open(name.replace(/^.*:/, ''), attributes) }, { xmlMode: true });
  parser.write(xml);
  parser.end();
}

/** The first h1 of a chapter, else its <title>: what a reader's table of contents would show. */
function titleOf(xhtml: string): string {
  let depth = 0;
  let inside: 'h1' | 'title' | undefined;
  let h1 = '';
  let title = '';
  const parser = new Parser(
    {
      onopentag: (name) => {
        if (inside) depth++;
        else if ((name === 'h1' && !h1) || (name === 'title' && !title)) inside = name;
      },
      ontext: (text) => {
        if (inside === 'h1') h1 += text;
        else if (inside === 'title') title += text;
      },
      onclosetag: () => {
        if (depth > 0) depth--;
        else inside = undefined;
      },
    },
    { xmlMode: true, decodeEntities: true },
  );
  parser.write(xhtml);
  parser.end();
  return (h1 || title).replace(/\s+/g, ' ').trim();
}
