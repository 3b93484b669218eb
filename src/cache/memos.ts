// The one registry of what this process keeps between builds: parsed fonts, shaped widths,
// hyphenation patterns, converted images, Markdown processors. Each memo is made here under
// a name, so a long-running process (a preview that rebuilds on every change) can drop them
// all at once, and the benchmark can say what each one holds. A module never keeps a
// process-wide Map of its own: it asks for a memo.

import { deserialize, serialize } from 'node:v8';

const registry = new Map<string, Map<unknown, unknown>>();

/** A process-wide memo named `name` (such as `fontkit/opened`): a Map that `clearMemos` empties. */
export function memo<K, V>(name: string): Map<K, V> {
  // A second module asking for the same name would share entries it does not expect.
  if (registry.has(name)) throw new Error(`memo \`${name}\` is made twice`);
  const m = new Map<K, V>();
  registry.set(name, m as Map<unknown, unknown>);
  return m;
}

/** Drop every memo's entries (the memos stay registered and fill again on use). */
export function clearMemos(): void {
  for (const m of registry.values()) m.clear();
}

/** Entries held by each memo, by name: for the benchmark and the tests. */
export function memoSizes(): Record<string, number> {
  return Object.fromEntries([...registry].map(([name, m]) => [name, m.size]));
}

/**
 * The promise `m` holds for `key`, else `make()`'s, held until it settles as a failure (a
 * failure is tried again next time): work shared by everything that asks for the same key.
 */
export function pending<K, V>(m: Map<K, Promise<V>>, key: K, make: () => Promise<V>): Promise<V> {
  let p = m.get(key);
  if (!p) {
    p = make();
    m.set(key, p);
    p.catch(() => m.delete(key));
  }
  return p;
}

/**
 * A memo whose entries go to the next process through the build cache. `take` gives the entries
 * used (got or set) since it was last called, as bytes, and drops the others, so that a long
 * session keeps what its last build used; `adopt` takes another process's entries in a process
 * that has none of its own, dropping anything `isValue` does not accept.
 */
export interface HandedOnMemo<V> {
  /** The entry, marked as used. */
  get(key: string): V | undefined;
  /** Whether there is an entry (not marking it used). */
  has(key: string): boolean;
  set(key: string, value: V): void;
  take(): Buffer | undefined;
  adopt(data: Buffer): void;
}

export function handedOnMemo<V>(name: string, isValue: (v: unknown) => v is V): HandedOnMemo<V> {
  const entries = memo<string, V>(name);
  const used = memo<string, true>(`${name}:used`);
  return {
    get(key) {
      const v = entries.get(key);
      if (v !== undefined) used.set(key, true);
      return v;
    },
    has: (key) => entries.has(key),
    set(key, value) {
      entries.set(key, value);
      used.set(key, true);
    },
    take() {
      for (const key of entries.keys()) if (!used.has(key)) entries.delete(key);
      used.clear();
      return entries.size ? serialize(entries) : undefined;
    },
    adopt(data) {
      if (entries.size) return;
      let kept: unknown;
      try {
        kept = deserialize(data);
      } catch {
        return;
      }
      if (!(kept instanceof Map)) return;
      for (const [key, value] of kept as Map<unknown, unknown>) if (typeof key === 'string' && isValue(value)) entries.set(key, value);
    },
  };
}
