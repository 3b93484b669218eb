// Readers of a built download site, for its end-to-end tests: a crawler that follows every
// link of its HTML pages in a real browser (checking each page with axe-core), and an OPDS
// client that browses its catalogue as a reading app does (navigation → acquisition → EPUB).
import { createHash } from 'node:crypto';
import { type Dirent, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'htmlparser2';
import type { BrowserContext } from 'playwright-core';
import { type AxeViolation, axeViolations } from './site-validators.js';

export interface Crawl {
  /** Every URL reached (pages and files), with its HTTP status. */
  status: Map<string, number>;
  /** axe-core's violations, by page URL (only pages checked). */
  violations: Map<string, AxeViolation[]>;
}

/**
 * Opens `start` in the browser and follows every `a`, `link` and `img` of every HTML page of
 * the site (same origin). A page `axe(url)` accepts is opened in a tab and checked with axe;
 * any other page is fetched through the browser's network stack and its links read from its
 * HTML; other files are fetched (HEAD). Returns what it reached.
 */
export async function crawl(context: BrowserContext, start: string, axe: (url: string) => boolean = () => true): Promise<Crawl> {
  const origin = new URL(start).origin;
  const status = new Map<string, number>();
  const violations = new Map<string, AxeViolation[]>();
  const queue = [start];
  const page = await context.newPage();
  try {
    while (queue.length) {
      const url = queue.shift()!;
      if (status.has(url)) continue;
      if ((url.endsWith('.html') || url.endsWith('/')) && axe(url)) {
        const response = await page.goto(url);
        status.set(url, response?.status() ?? 0);
        if (!response?.ok()) continue;
        violations.set(url, await axeViolations(page));
        const links = await page.$$eval('a[href], link[href], img[src]', (els) => els.map((e) => (e as HTMLAnchorElement).href || (e as HTMLImageElement).src));
        for (const link of links) {
          const u = new URL(link);
          u.hash = '';
          if (u.origin === origin && !status.has(u.href)) queue.push(u.href);
        }
      } else if (url.endsWith('.html') || url.endsWith('/')) {
        const r = await context.request.get(url);
        status.set(url, r.status());
        if (r.ok()) {
          const doc = parseDocument(await r.text());
          const found: string[] = [];
          const walk = (nodes: typeof doc.children) => {
            for (const n of nodes) {
              if (n.type !== 'tag') continue;
              const el = n as unknown as { name: string; attribs: Record<string, string>; children: typeof doc.children };
              const ref = el.name === 'img' ? el.attribs.src : el.name === 'a' || el.name === 'link' ? el.attribs.href : undefined;
              if (ref !== undefined) found.push(ref);
              walk(el.children);
            }
          };
          walk(doc.children);
          for (const ref of found) {
            const u = new URL(ref, url);
            u.hash = '';
            if (u.origin === origin && !status.has(u.href)) queue.push(u.href);
          }
        }
        await r.dispose();
      } else {
        const r = await context.request.head(url);
        status.set(url, r.status());
        await r.dispose();
      }
    }
  } finally {
    await page.close();
  }
  return { status, violations };
}

/** An element of a parsed feed: its name, attributes and children. */
interface XmlElement {
  name: string;
  attribs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

function toElement(node: ReturnType<typeof parseDocument>['children'][number]): XmlElement | undefined {
  if (node.type !== 'tag') return undefined;
  const el = node as unknown as { name: string; attribs: Record<string, string>; children: (typeof node)[] };
  const children = el.children.map(toElement).filter((c): c is XmlElement => c !== undefined);
  const text = el.children.map((c) => ('data' in c ? String((c as { data: string }).data) : '')).join('');
  return { name: el.name, attribs: el.attribs, children, text };
}

function parseFeed(xml: string): XmlElement {
  const doc = parseDocument(xml, { xmlMode: true });
  const root = doc.children.map(toElement).find((e) => e !== undefined);
  if (!root) throw new Error('not an XML document');
  return root;
}

const links = (e: XmlElement) => e.children.filter((c) => c.name === 'link');
const child = (e: XmlElement, name: string) => e.children.find((c) => c.name === name);

export interface OpdsIssue {
  id: string;
  title: string;
  language: string;
  /** Absolute URL of its EPUB. */
  epub: string;
  pdf: string;
  thumbnail?: string;
}

/**
 * What a reading app finds browsing the catalogue from its root: it follows the navigation
 * entries whose titles `follow` accepts down to acquisition feeds, pages through them with
 * `next`, and lists each issue once (with the feeds it was found in).
 */
export async function browseOpds(
  get: (url: string) => Promise<string>,
  root: string,
  follow: (title: string) => boolean,
): Promise<Map<string, OpdsIssue & { feeds: string[] }>> {
  const found = new Map<string, OpdsIssue & { feeds: string[] }>();
  const seen = new Set<string>();
  const visit = async (url: string, via: string): Promise<void> => {
    if (seen.has(url)) return;
    seen.add(url);
    const feed = parseFeed(await get(url));
    if (feed.name !== 'feed') throw new Error(`${url} is not an Atom feed`);
    for (const entry of feed.children.filter((c) => c.name === 'entry')) {
      const title = child(entry, 'title')?.text ?? '';
      const acquire = links(entry).filter((l) => l.attribs.rel?.startsWith('http://opds-spec.org/acquisition'));
      if (acquire.length) {
        const id = child(entry, 'id')?.text ?? '';
        const epub = acquire.find((l) => l.attribs.type === 'application/epub+zip');
        const pdf = acquire.find((l) => l.attribs.type === 'application/pdf');
        if (!epub || !pdf) throw new Error(`${url}: entry ${title} has no EPUB or PDF to acquire`);
        const thumb = links(entry).find((l) => l.attribs.rel === 'http://opds-spec.org/image/thumbnail');
        const known = found.get(id);
        if (known) known.feeds.push(via);
        else
          found.set(id, {
            id,
            title,
            language: child(entry, 'dc:language')?.text ?? '',
            epub: new URL(epub.attribs.href, url).href,
            pdf: new URL(pdf.attribs.href, url).href,
            ...(thumb ? { thumbnail: new URL(thumb.attribs.href, url).href } : {}),
            feeds: [via],
          });
        continue;
      }
      const sub = links(entry).find((l) => l.attribs.type?.startsWith('application/atom+xml;profile=opds-catalog'));
      if (sub && follow(title)) await visit(new URL(sub.attribs.href, url).href, `${via} → ${title}`);
    }
    const next = links(feed).find((l) => l.attribs.rel === 'next');
    if (next) await visit(new URL(next.attribs.href, url).href, via);
  };
  await visit(root, 'root');
  return found;
}

/** Every file under `dir`, as paths relative to it with `/`. */
export function filesUnder(dir: string): string[] {
  return (readdirSync(dir, { recursive: true, withFileTypes: true }) as Dirent[])
    .filter((d) => d.isFile())
    .map((d) => path.relative(dir, path.join(d.parentPath, d.name)).split(path.sep).join('/'))
    .sort();
}

/** The site's `manifest.json`: every file with its size and SHA-256. */
export function mirrorManifest(site: string): { path: string; size: number; sha256: string }[] {
  return (JSON.parse(readFileSync(path.join(site, 'manifest.json'), 'utf8')) as { files: { path: string; size: number; sha256: string }[] }).files;
}

export function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}
