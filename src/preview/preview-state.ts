// What the preview shows: the last good build (its page renderer, its EPUB, its warnings,
// under a fresh build id that every URL of its parts carries) and whether a build runs or
// failed since. Changes go to the pages open in browsers as server-sent events.
import { type Diagnostic, formatDiagnostic } from '../diagnostics/diagnostic.js';
import { EpubBook } from './epub-book.js';
import { EventStream } from './event-stream.js';
import { PageRenderer } from './page-renderer.js';
import { ShownPages } from './shown-pages.js';

export interface GoodBuild {
  /** The pages, or with `changes` the pages it names alone. */
  pdf: Buffer;
  /** Names the pages as they now are (a later build's changes are over these). */
  key?: string;
  /** The pages an edit changed over those shown before (named `base`): the PDF holds those alone. */
  changes?: { base: string; changed: number[]; total: number };
  /** Absent while the build is still making it: the last good EPUB is shown meanwhile. */
  epub?: Buffer;
  warnings: Diagnostic[];
}

/** A diagnostic as the page lists it: its place on its own, and the line the terminal prints. */
export interface ShownDiagnostic {
  place: string;
  severity: string;
  text: string;
}

export interface Current {
  id: string;
  pages: ShownPages;
  /** The EPUB shown, under an id of its own: it may come later than the pages, or be the last build's still. */
  book: EpubBook | undefined;
  bookId: string;
  warnings: ShownDiagnostic[];
}

export class PreviewState {
  readonly events = new EventStream();
  current: Current | undefined;
  private failure: ShownDiagnostic[] | undefined;
  private isBuilding = false;
  private count = 0;
  /** The key of the pages shown (GoodBuild.key). */
  private shownKey: string | undefined;

  building(): void {
    this.isBuilding = true;
    this.events.send('building', {});
  }

  /** Takes a good build's outputs in; the previous build's renders are let go. */
  async built(b: GoodBuild): Promise<Current> {
    const renderer = await PageRenderer.open(b.pdf);
    const previous = this.current;
    let pages = ShownPages.whole(renderer);
    if (b.changes) {
      const over = previous && this.shownKey === b.changes.base ? ShownPages.over(previous.pages, renderer, b.changes.changed, b.changes.total) : undefined;
      if (!over) {
        renderer.close();
        throw new Error('the preview does not show the pages this build changed');
      }
      pages = over;
    }
    // The id changes every build, so browsers never show a cached page of an older one.
    const id = this.nextId();
    const book = b.epub ? { book: new EpubBook(b.epub), bookId: id } : { book: previous?.book, bookId: previous?.bookId ?? id };
    this.current = { id, pages, ...book, warnings: b.warnings.map(shown) };
    this.shownKey = b.key;
    previous?.pages.release(pages);
    this.failure = undefined;
    this.isBuilding = false;
    this.events.send('built', this.builtEvent());
    return this.current;
  }

  /** The EPUB of the build the page shows, made after its pages: its chapters replace the last build's. */
  epub(epub: Buffer): void {
    if (!this.current) return;
    this.current.book = new EpubBook(epub);
    this.current.bookId = this.nextId();
    this.events.send('chapters', { chapters: this.chapters() });
  }

  /** The whole build's warnings, once it ends, for a build the page already shows (its pages are not sent again). */
  warned(warnings: Diagnostic[]): void {
    if (!this.current) return;
    this.current.warnings = warnings.map(shown);
    this.events.send('warnings', { warnings: this.current.warnings });
  }

  failed(diagnostics: Diagnostic[]): void {
    this.failure = diagnostics.map(shown);
    this.isBuilding = false;
    this.events.send('failed', { diagnostics: this.failure });
  }

  /** What a page that just connected needs to catch up: the last good build, then a failure or a build under way. */
  catchUp(): { event: string; data: unknown }[] {
    const out: { event: string; data: unknown }[] = [];
    if (this.current) out.push({ event: 'built', data: this.builtEvent() });
    if (this.failure) out.push({ event: 'failed', data: { diagnostics: this.failure } });
    if (this.isBuilding) out.push({ event: 'building', data: {} });
    return out;
  }

  close(): void {
    this.events.close();
    this.current?.pages.release();
    this.current = undefined;
  }

  private builtEvent() {
    const c = this.current!;
    const size = c.pages.pageSize(1);
    return {
      buildId: c.id,
      pages: c.pages.pages,
      pageSize: size,
      warnings: c.warnings,
      chapters: this.chapters(),
    };
  }

  private chapters(): { title: string; href: string }[] {
    const c = this.current;
    if (!c?.book) return [];
    return c.book.chapters.map((ch) => ({ title: ch.title, href: `/epub/${c.bookId}/${ch.entry.split('/').map(encodeURIComponent).join('/')}` }));
  }

  private nextId(): string {
    return `${Date.now().toString(36)}-${++this.count}`;
  }
}

function shown(d: Diagnostic): ShownDiagnostic {
  let place = d.file ?? '';
  if (d.file && d.line !== undefined) place += `:${d.line}:${d.column ?? 1}`;
  return { place, severity: d.severity, text: formatDiagnostic(d) };
}
