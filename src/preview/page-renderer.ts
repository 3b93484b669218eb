// The pages of one build's issue PDF as PNG images, rendered with MuPDF (WASM) only when the
// browser asks for one and kept for the life of that build: scrolling through a 140-page
// issue renders each page once, and a rebuild renders only the pages looked at again.
import type * as Mupdf from 'mupdf';

/** 1.5 × 72 dpi: a Letter page is 918 px wide, sharp at the sizes the preview shows it. */
const SCALE = 1.5;

// Loading the WASM takes a moment: once per process, on the first build that is shown.
let mupdf: Promise<typeof Mupdf> | undefined;

export class PageRenderer {
  private readonly images = new Map<number, Buffer>();
  private readonly texts = new Map<number, string>();

  private constructor(
    private readonly lib: typeof Mupdf,
    private readonly doc: Mupdf.Document,
  ) {}

  /** Opens the PDF's bytes (held in memory, so a rebuild writing the file meanwhile changes nothing here). */
  static async open(pdf: Buffer): Promise<PageRenderer> {
    const lib = await (mupdf ??= import('mupdf'));
    return new PageRenderer(lib, lib.Document.openDocument(pdf, 'application/pdf'));
  }

  get pages(): number {
    return this.doc.countPages();
  }

  /** Page n's size in points, [width, height], so the page can lay out its images before they load. */
  pageSize(n: number): [number, number] | undefined {
    if (!this.valid(n)) return undefined;
    const page = this.doc.loadPage(n - 1);
    const [x0, y0, x1, y1] = page.getBounds();
    page.destroy();
    return [x1 - x0, y1 - y0];
  }

  /** Page n (from 1) as a PNG, or undefined past the last page. */
  png(n: number): Buffer | undefined {
    if (!this.valid(n)) return undefined;
    let image = this.images.get(n);
    if (!image) {
      const page = this.doc.loadPage(n - 1);
      const pixmap = page.toPixmap(this.lib.Matrix.scale(SCALE, SCALE), this.lib.ColorSpace.DeviceRGB, false);
      image = Buffer.from(pixmap.asPNG());
      pixmap.destroy();
      page.destroy();
      this.images.set(n, image);
    }
    return image;
  }

  /** Page n's text as MuPDF extracts it: what the tests (and a curious reader) can search. */
  text(n: number): string | undefined {
    if (!this.valid(n)) return undefined;
    let text = this.texts.get(n);
    if (text === undefined) {
      const page = this.doc.loadPage(n - 1);
      const structured = page.toStructuredText('preserve-whitespace');
      text = structured.asText();
      structured.destroy();
      page.destroy();
      this.texts.set(n, text);
    }
    return text;
  }

  /** Frees the WASM memory of the document; the renders go with this object. */
  close(): void {
    this.doc.destroy();
    this.images.clear();
    this.texts.clear();
  }

  private valid(n: number): boolean {
    return Number.isInteger(n) && n >= 1 && n <= this.pages;
  }
}
