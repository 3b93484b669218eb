// An article's layout kept between builds of one process (the preview's rebuilds): when an
// author edits one article, the others are not set again. A layout is kept only when it is
// clean (it reported nothing, so nothing need be reported again), under a key that holds all
// it was made from: the article (its text, images and places), the layout, the text block,
// the room it started in, the jump, and where each of its links leads in this issue.
import { createHash } from 'node:crypto';
import { deserialize, serialize } from 'node:v8';
import { memo } from '../cache/memos.js';
import { linksOf } from '../model/links.js';
import type { Article } from '../model/types.js';
import type { StructElement } from '../pages/page.js';
import type { Structure } from '../pages/structure.js';
import type { Layout, TextBlock } from '../settings/layout.js';
import type { ArticlePages, Jump } from './article.js';
import type { TypesetContext } from './text/context.js';

/** Kept layouts, most recently used last. */
const kept = memo<string, Buffer>('typeset/article-layouts');
/** Layouts kept at most: a few issues' worth. */
const MAX_KEPT = 256;
/** The keys used since `countUses` began: what a build hands to the next one through the disk cache. */
let used: Set<string> | undefined;

/** Starts noting which kept layouts are used or made (by one build). */
export function countUses(): void {
  used = new Set();
}

/**
 * The layouts used or made since `countUses`, by key, as kept. (This process's measures go
 * to the next process beside them, under a cache entry of their own: measures.ts.)
 */
export function layoutsUsed(): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  for (const k of used ?? []) {
    const v = kept.get(k);
    if (v) out.set(k, v);
  }
  return out;
}

/** Takes layouts kept by an earlier process (their keys say what they were made from: one that does not match is never used). */
export function adoptLayouts(layouts: ReadonlyMap<string, Buffer>): void {
  for (const [k, v] of layouts) if (typeof k === 'string' && Buffer.isBuffer(v) && !kept.has(k)) kept.set(k, v);
  while (kept.size > MAX_KEPT) kept.delete(kept.keys().next().value!);
}

/** What is kept of a layout: its pages with their elements, the parent they hang from, and the numbers they took. */
interface Kept {
  parent: StructElement;
  result: ArticlePages;
  first: number;
  made: number;
}

export interface LayoutInputs {
  article: Article;
  layout: Layout;
  geom: TextBlock;
  room?: number;
  jump?: Jump;
}

/** `lay()`'s layout, or the same layout kept from an earlier call with the same inputs. */
export function keptLayout(
  ctx: TypesetContext,
  inputs: LayoutInputs,
  structure: Structure,
  parent: StructElement,
  lay: (ctx: TypesetContext) => ArticlePages,
): ArticlePages {
  const key = keyOf(ctx, inputs);
  const found = key ? kept.get(key) : undefined;
  if (key && found) {
    kept.delete(key);
    const revived = revive(found, structure, parent);
    if (revived) {
      kept.set(key, found);
      used?.add(key);
      return revived;
    }
  }
  const trial = ctx.diagnostics.trial();
  const first = structure.made;
  const result = lay({ ...ctx, diagnostics: trial });
  const clean = trial.held.length === 0 && trial.given.size === ctx.diagnostics.given.size;
  trial.keep();
  if (key && clean) {
    kept.set(key, serialize({ parent, result, first, made: structure.made - first } satisfies Kept));
    used?.add(key);
    if (kept.size > MAX_KEPT) kept.delete(kept.keys().next().value!);
  }
  return result;
}

/** The key of a layout's inputs; undefined when they cannot be keyed (then it is not kept). */
function keyOf(ctx: TypesetContext, i: LayoutInputs): string | undefined {
  try {
    const links = linksOf(i.article).map((l) => [l.url, ctx.linkTarget(l.url) ?? null]);
    const settings = JSON.stringify([i.layout, i.geom, i.room ?? null, i.jump ?? null, ctx.breaker.name, ctx.scale, links]);
    return createHash('sha256').update(settings).update(articleDigest(i.article)).digest('hex');
  } catch {
    return undefined;
  }
}

/**
 * Each article's digest, made once per article object (an article is laid out several times
 * in a build: trials, rounds). Weak, not a registered memo: it holds no article alive.
 */
const digests = new WeakMap<Article, string>();

function articleDigest(a: Article): string {
  let d = digests.get(a);
  if (d === undefined) {
    // By value: V8's serializer writes the same article differently when it was read afresh
    // and when it came back from the disk cache (how V8 holds its strings and buffers), which
    // made every kept layout miss in a new process. Each buffer (an image's bytes) stands as
    // its length and sha256, maps and sets as their entries.
    const text = byValue(a);
    d = createHash('sha256').update(text).digest('hex');
    digests.set(a, d);
  }
  return d;
}

/**
 * `value` as text that two equal values share whatever their history: JSON's, but written
 * here, since JSON.stringify turns every buffer into an array of its bytes before a replacer
 * could stand in for it (a third of a second for a book's images).
 */
function byValue(value: unknown): string {
  const out: string[] = [];
  const write = (v: unknown): void => {
    if (v === null || typeof v !== 'object') {
      out.push(v === undefined ? 'u' : typeof v === 'bigint' ? `${v}n` : JSON.stringify(v));
    } else if (ArrayBuffer.isView(v)) {
      out.push(
        `<${v.byteLength} ${createHash('sha256')
          .update(new Uint8Array(v.buffer, v.byteOffset, v.byteLength))
          .digest('hex')}>`,
      );
    } else if (Array.isArray(v)) {
      out.push('[');
      for (const x of v) {
        write(x);
        out.push(',');
      }
      out.push(']');
    } else if (v instanceof Map) {
      out.push('M');
      write([...v]);
    } else if (v instanceof Set) {
      out.push('S');
      write([...v]);
    } else {
      out.push('{');
      for (const [k, x] of Object.entries(v)) {
        if (x === undefined) continue; // as JSON: an absent key and an undefined one alike
        out.push(JSON.stringify(k), ':');
        write(x);
        out.push(',');
      }
      out.push('}');
    }
  };
  write(value);
  return out.join('');
}

/**
 * A kept layout as new objects, its elements numbered as if made now and hung from `parent`
 * (a copy each time: a layout may be tried twice in one build and must not share objects).
 */
function revive(data: Buffer, structure: Structure, parent: StructElement): ArticlePages | undefined {
  let k: Kept;
  try {
    k = deserialize(data) as Kept;
    if (!Array.isArray(k.result?.pages) || !Number.isInteger(k.made) || !Number.isInteger(k.first)) return undefined;
  } catch {
    return undefined;
  }
  const first = structure.reserve(k.made);
  const seen = new Set<StructElement>();
  const renumber = (el: StructElement) => {
    if (seen.has(el) || el === k.parent) return;
    seen.add(el);
    // Elements are made read-only for the typesetter; here they are new copies being set up.
    const e = el as { id: number; parent?: StructElement };
    e.id = first + (el.id - k.first);
    if (el.parent === k.parent) e.parent = parent;
    else if (el.parent) renumber(el.parent);
  };
  for (const p of k.result.pages) for (const it of p.items) if ('tag' in it && it.tag && 'el' in it.tag) renumber(it.tag.el);
  return k.result;
}
