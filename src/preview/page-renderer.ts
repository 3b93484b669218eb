// The pages of one build's issue PDF as PNG images, rendered with PDF.js (pdfjs-dist,
// Apache-2.0) onto a Skia canvas (@napi-rs/canvas, MIT) only when the browser asks for one
// and kept for the life of that build: scrolling through a 140-page issue renders each page
// once, and a rebuild renders only the pages looked at again.
//
// PDF.js only works asynchronously, while the server asks for a page's image or text in a
// plain function call; so PDF.js runs in a thread of its own (this same module, started
// once per process on the first build that is shown), and png() and text() wait for its
// answer on a shared flag, as MuPDF's WASM rendering used to hold the thread. Opening a
// PDF does not wait: the server goes on while it loads.
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';

/** 1.5 × 72 dpi: a Letter page is 918 px wide, sharp at the sizes the preview shows it. */
const SCALE = 1.5;

/** How long png() or text() waits for the rendering thread before giving up on it. */
const SYNC_TIMEOUT_MS = 60_000;

/** What the rendering thread is started with, so the module knows it is that thread. */
const ROLE = 'pressroom-page-renderer';

type SyncRequest = { kind: 'png' | 'text'; doc: number; page: number; scale?: number };
type SyncReply = { ok: true; png?: Uint8Array; text?: string } | { ok: false; error: string };
type AsyncRequest = { kind: 'open'; doc: number; pdf: Uint8Array } | { kind: 'close'; doc: number };
type AsyncReply = { doc: number; ok: true; sizes: [number, number][] } | { doc: number; ok: false; error: string };

/** The main thread's end of the rendering thread. */
class RenderThread {
  private readonly worker: Worker;
  private readonly port: MessagePort;
  private readonly flag = new Int32Array(new SharedArrayBuffer(4));
  private readonly waiting = new Map<number, (r: AsyncReply) => void>();
  private nextDoc = 1;
  private failure: Error | undefined;

  constructor() {
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    // eval'd so that under tsx too the module is loaded through the same loader as here.
    this.worker = new Worker(`import(${JSON.stringify(import.meta.url)})`, {
      eval: true,
      workerData: { role: ROLE, port: port2, flag: this.flag },
      transferList: [port2],
    });
    this.worker.unref();
    this.port.unref();
    this.worker.on('message', (r: AsyncReply) => {
      const resolve = this.waiting.get(r.doc);
      this.waiting.delete(r.doc);
      resolve?.(r);
    });
    const fail = (e: Error) => {
      this.failure = e;
      for (const [doc, resolve] of this.waiting) resolve({ doc, ok: false, error: e.message });
      this.waiting.clear();
      if (thread === this) thread = undefined;
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => fail(new Error(`the page renderer's thread exited (code ${code})`)));
  }

  async open(pdf: Buffer): Promise<{ doc: number; sizes: [number, number][] }> {
    if (this.failure) throw this.failure;
    const doc = this.nextDoc++;
    // A copy: the build's buffer stays the caller's, the copy moves to the thread.
    const bytes = new Uint8Array(pdf);
    const reply = await new Promise<AsyncReply>((resolve) => {
      this.waiting.set(doc, resolve);
      this.worker.ref(); // a PDF being opened keeps the process up until it is
      this.worker.postMessage({ kind: 'open', doc, pdf: bytes } satisfies AsyncRequest, [bytes.buffer]);
    });
    if (this.waiting.size === 0) this.worker.unref();
    if (!reply.ok) throw new Error(`cannot open the PDF for the preview: ${reply.error}`);
    return { doc, sizes: reply.sizes };
  }

  close(doc: number): void {
    if (!this.failure) this.worker.postMessage({ kind: 'close', doc } satisfies AsyncRequest);
  }

  /** Asks the thread and waits for its answer, holding this thread meanwhile. */
  call(request: SyncRequest): SyncReply & { ok: true } {
    if (this.failure) throw this.failure;
    Atomics.store(this.flag, 0, 0);
    this.port.postMessage(request);
    if (Atomics.wait(this.flag, 0, 0, SYNC_TIMEOUT_MS) === 'timed-out') {
      throw new Error(`the page renderer gave no ${request.kind} of page ${request.page} in ${SYNC_TIMEOUT_MS / 1000} s`);
    }
    const reply = receiveMessageOnPort(this.port)?.message as SyncReply | undefined;
    if (!reply) throw new Error('the page renderer answered nothing');
    if (!reply.ok) throw new Error(`cannot render page ${request.page} for the preview: ${reply.error}`);
    return reply;
  }
}

// Started on the first build that is shown, once per process.
let thread: RenderThread | undefined;

export class PageRenderer {
  private readonly images = new Map<number, Buffer>();
  private readonly texts = new Map<number, string>();
  private closed = false;

  private constructor(
    private readonly thread: RenderThread,
    private readonly doc: number,
    private readonly sizes: [number, number][],
  ) {}

  /** Opens the PDF's bytes (held in memory, so a rebuild writing the file meanwhile changes nothing here). */
  static async open(pdf: Buffer): Promise<PageRenderer> {
    const t = (thread ??= new RenderThread());
    const { doc, sizes } = await t.open(pdf);
    return new PageRenderer(t, doc, sizes);
  }

  get pages(): number {
    return this.sizes.length;
  }

  /** Page n's size in points, [width, height], so the page can lay out its images before they load. */
  pageSize(n: number): [number, number] | undefined {
    if (!this.valid(n)) return undefined;
    const [w, h] = this.sizes[n - 1];
    return [w, h];
  }

  /** Page n (from 1) as a PNG, or undefined past the last page; `scale` (pixels per point) other than the preview's is not kept. */
  png(n: number, scale?: number): Buffer | undefined {
    if (!this.valid(n) || this.closed) return undefined;
    let image = scale === undefined ? this.images.get(n) : undefined;
    if (!image) {
      const { png } = this.thread.call({ kind: 'png', doc: this.doc, page: n, ...(scale === undefined ? {} : { scale }) });
      image = Buffer.from(png!.buffer, png!.byteOffset, png!.byteLength);
      if (scale === undefined) this.images.set(n, image);
    }
    return image;
  }

  /** Page n's text as PDF.js extracts it, a line a line: what the tests (and a curious reader) can search. */
  text(n: number): string | undefined {
    if (!this.valid(n) || this.closed) return undefined;
    let text = this.texts.get(n);
    if (text === undefined) {
      text = this.thread.call({ kind: 'text', doc: this.doc, page: n }).text ?? '';
      this.texts.set(n, text);
    }
    return text;
  }

  /** Lets the rendering thread free the document; the renders go with this object. */
  close(): void {
    if (!this.closed) this.thread.close(this.doc);
    this.closed = true;
    this.images.clear();
    this.texts.clear();
  }

  private valid(n: number): boolean {
    return Number.isInteger(n) && n >= 1 && n <= this.pages;
  }
}

// ---- The rendering thread ----

if (!isMainThread && workerData?.role === ROLE) void serve(workerData.port as MessagePort, workerData.flag as Int32Array);

async function serve(port: MessagePort, flag: Int32Array): Promise<void> {
  // Loaded here only, so neither `pressroom build` nor the main thread of `watch` pays for it.
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const dir = path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
  const folder = (name: string) => path.join(dir, name) + path.sep;
  // PDF.js's own worker code, run in this thread (its "fake worker"): no thread more.
  pdfjs.GlobalWorkerOptions.workerSrc = pathToFileURL(path.join(dir, 'legacy/build/pdf.worker.mjs')).href;

  type Doc = Awaited<ReturnType<typeof pdfjs.getDocument>['promise']>;
  const docs = new Map<number, Doc>();

  async function open(bytes: Uint8Array): Promise<{ doc: Doc; sizes: [number, number][] }> {
    const doc = await pdfjs.getDocument({
      data: bytes,
      // The fonts embedded in the PDF, drawn as glyph outlines; no font of this machine.
      useSystemFonts: false,
      disableFontFace: true,
      isEvalSupported: false,
      // Anything PDF.js would fetch comes from its package's own folders, never the network.
      standardFontDataUrl: folder('standard_fonts'),
      cMapUrl: folder('cmaps'),
      cMapPacked: true,
      wasmUrl: folder('wasm'),
      iccUrl: folder('iccs'),
      verbosity: pdfjs.VerbosityLevel.ERRORS,
    }).promise;
    const sizes: [number, number][] = [];
    for (let i = 1; i <= doc.numPages; i++) {
      const page = await doc.getPage(i);
      const { width, height } = page.getViewport({ scale: 1 });
      sizes.push([width, height]);
    }
    return { doc, sizes };
  }

  async function png(doc: Doc, n: number, scale = SCALE): Promise<Uint8Array> {
    const page = await doc.getPage(n);
    const viewport = page.getViewport({ scale });
    const { createCanvas } = await import('@napi-rs/canvas');
    const canvas = createCanvas(Math.ceil(viewport.width), Math.ceil(viewport.height));
    const context = canvas.getContext('2d');
    context.fillStyle = '#fff';
    context.fillRect(0, 0, canvas.width, canvas.height);
    await page.render({ canvas: canvas as unknown as HTMLCanvasElement, canvasContext: context as unknown as CanvasRenderingContext2D, viewport }).promise;
    const out = await canvas.encode('png');
    page.cleanup();
    return out;
  }

  async function text(doc: Doc, n: number): Promise<string> {
    const page = await doc.getPage(n);
    const content = await page.getTextContent();
    let out = '';
    for (const item of content.items) {
      if (!('str' in item)) continue;
      out += item.str;
      if (item.hasEOL) out += '\n';
    }
    return out.endsWith('\n') || out === '' ? out : `${out}\n`;
  }

  port.on('message', async (r: SyncRequest) => {
    let reply: SyncReply;
    try {
      const doc = docs.get(r.doc);
      if (!doc) throw new Error('the document is closed');
      reply = r.kind === 'png' ? { ok: true, png: await png(doc, r.page, r.scale) } : { ok: true, text: await text(doc, r.page) };
    } catch (e) {
      reply = { ok: false, error: e instanceof Error ? e.message : String(e) };
    }
    port.postMessage(reply);
    Atomics.store(flag, 0, 1);
    Atomics.notify(flag, 0);
  });

  parentPort!.on('message', async (r: AsyncRequest) => {
    if (r.kind === 'close') {
      const doc = docs.get(r.doc);
      docs.delete(r.doc);
      await doc?.destroy();
      return;
    }
    try {
      const { doc, sizes } = await open(r.pdf);
      docs.set(r.doc, doc);
      parentPort!.postMessage({ doc: r.doc, ok: true, sizes } satisfies AsyncReply);
    } catch (e) {
      parentPort!.postMessage({ doc: r.doc, ok: false, error: e instanceof Error ? e.message : String(e) } satisfies AsyncReply);
    }
  });
}
