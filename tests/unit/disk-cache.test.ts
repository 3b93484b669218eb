// The build cache on disk: what it returns is what was put, whole, or nothing. A damaged,
// stale or half-written entry is a miss and is removed; a folder it cannot write turns it off
// without failing the build; prune keeps the most recently used entries within the cap.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { type CacheStats, cacheKey, defaultCacheDir, NO_CACHE, openCache } from '../../src/cache/disk-cache.js';
import { RACE_KEYS, raceKey, racePayload } from '../support/cache-writer.js';

const WRITER = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../support/cache-writer.ts');
const VERSION = 'pressroom 0.1.0 / cache 1';
const KEY = cacheKey('a figure', 1);

const temps: string[] = [];
after(async () => {
  for (const t of temps) {
    await fs.chmod(t, 0o700).catch(() => undefined);
    await fs.rm(t, { recursive: true, force: true });
  }
});

async function tempDir(): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'pressroom-cache-'));
  temps.push(dir);
  return dir;
}

/** Where the entry (kind, key) lives: `<dir>/<kind>/<key[0:2]>/<key>`. */
const entryFile = (dir: string, kind: string, key: string) => path.join(dir, kind, key.slice(0, 2), key);

const exists = (file: string) =>
  fs.access(file).then(
    () => true,
    () => false,
  );

/** A cache in a fresh folder holding `payload` under ('image', KEY), and that entry's file. */
async function cacheWithEntry(payload = Buffer.from('the converted image')) {
  const dir = await tempDir();
  await openCache({ dir, version: VERSION }).put('image', KEY, payload);
  return { dir, file: entryFile(dir, 'image', KEY), cache: openCache({ dir, version: VERSION }) };
}

describe('openCache: get and put', () => {
  it('returns the bytes put under a kind and key, and counts a hit', async () => {
    const dir = await tempDir();
    const cache = openCache({ dir, version: VERSION });
    await cache.put('image', KEY, Buffer.from('the converted image'));
    assert.deepEqual(await cache.get('image', KEY), Buffer.from('the converted image'));
    assert.equal(await exists(entryFile(dir, 'image', KEY)), true);
    assert.deepEqual(cache.stats(), { hits: 1, misses: 0, corrupt: 0, written: cache.stats().written, writeFailures: 0 });
    assert.ok(cache.stats().written > 'the converted image'.length);
  });

  it('misses a key never put (and a kind never used), creating nothing', async () => {
    const dir = await tempDir();
    const cache = openCache({ dir: path.join(dir, 'not-yet'), version: VERSION });
    assert.equal(await cache.get('image', KEY), undefined);
    assert.equal(cache.stats().misses, 1);
    assert.equal(await exists(path.join(dir, 'not-yet')), false);
  });

  it('keeps an empty payload as an entry', async () => {
    const { cache } = await cacheWithEntry(Buffer.alloc(0));
    assert.deepEqual(await cache.get('image', KEY), Buffer.alloc(0));
  });

  it('misses an entry written by another version, and removes it', async () => {
    const { dir, file } = await cacheWithEntry();
    const newer = openCache({ dir, version: 'pressroom 0.2.0 / cache 1' });
    assert.equal(await newer.get('image', KEY), undefined);
    assert.equal(await exists(file), false);
    assert.deepEqual(newer.stats(), { hits: 0, misses: 1, corrupt: 0, written: 0, writeFailures: 0 });
  });

  it('through() computes on a miss, stores, and serves the next call from the cache', async () => {
    const { cache } = await cacheWithEntry();
    let computed = 0;
    const compute = async () => (computed++, Buffer.from('shaped'));
    const other = cacheKey('another figure');
    assert.deepEqual(await cache.through('image', other, compute), Buffer.from('shaped'));
    assert.deepEqual(await cache.through('image', other, compute), Buffer.from('shaped'));
    assert.equal(computed, 1);
    assert.deepEqual(await cache.through('image', KEY, compute), Buffer.from('the converted image'));
    assert.equal(computed, 1);
  });

  it('does not store an entry larger than a quarter of maxBytes', async () => {
    const dir = await tempDir();
    const cache = openCache({ dir, version: VERSION, maxBytes: 4000 });
    await cache.put('image', KEY, Buffer.alloc(1001));
    assert.equal(await cache.get('image', KEY), undefined);
    await cache.put('image', KEY, Buffer.alloc(1000));
    assert.equal((await cache.get('image', KEY))?.length, 1000);
    assert.equal(cache.stats().writeFailures, 0);
  });
});

describe('openCache: a damaged entry is a miss and is removed', () => {
  it('a truncated entry', async () => {
    const { file, cache } = await cacheWithEntry();
    const whole = await fs.readFile(file);
    await fs.writeFile(file, whole.subarray(0, whole.length - 1));
    assert.equal(await cache.get('image', KEY), undefined);
    assert.equal(await exists(file), false);
    assert.deepEqual(cache.stats(), { hits: 0, misses: 1, corrupt: 1, written: 0, writeFailures: 0 });
  });

  it('an entry cut inside its header', async () => {
    const { file, cache } = await cacheWithEntry();
    await fs.writeFile(file, (await fs.readFile(file)).subarray(0, 20));
    assert.equal(await cache.get('image', KEY), undefined);
    assert.equal(cache.stats().corrupt, 1);
  });

  it('an entry with one payload byte flipped', async () => {
    const { file, cache } = await cacheWithEntry();
    const bytes = await fs.readFile(file);
    bytes[bytes.length - 3] ^= 0x01;
    await fs.writeFile(file, bytes);
    assert.equal(await cache.get('image', KEY), undefined);
    assert.equal(await exists(file), false);
    assert.equal(cache.stats().corrupt, 1);
  });

  it('an entry with bytes added after its payload', async () => {
    const { file, cache } = await cacheWithEntry();
    await fs.appendFile(file, 'x');
    assert.equal(await cache.get('image', KEY), undefined);
    assert.equal(cache.stats().corrupt, 1);
  });

  it('a file of garbage in an entry’s place', async () => {
    const { file, cache } = await cacheWithEntry();
    await fs.writeFile(file, 'not an entry at all, just some text someone left here');
    assert.equal(await cache.get('image', KEY), undefined);
    assert.equal(await exists(file), false);
    assert.equal(cache.stats().corrupt, 1);
  });

  it('and a good put afterwards is a hit again', async () => {
    const { file, cache } = await cacheWithEntry();
    await fs.writeFile(file, 'garbage');
    assert.equal(await cache.get('image', KEY), undefined);
    await cache.put('image', KEY, Buffer.from('again'));
    assert.deepEqual(await cache.get('image', KEY), Buffer.from('again'));
  });
});

describe('openCache: kinds and keys', () => {
  it('refuses a kind or a key that could name a file outside the cache folder', async () => {
    const dir = await tempDir();
    const cache = openCache({ dir, version: VERSION });
    for (const [kind, key] of [
      ['../x', KEY],
      ['Image', KEY],
      ['', KEY],
      ['image', '../x'],
      ['image', KEY.toUpperCase()],
      ['image', KEY.slice(1)],
      ['image', `${KEY.slice(0, 62)}/x`],
    ]) {
      await assert.rejects(cache.get(kind, key), /cache (kind|key)/, `${kind} ${key}`);
      await assert.rejects(cache.put(kind, key, Buffer.from('x')), /cache (kind|key)/, `${kind} ${key}`);
      await assert.rejects(NO_CACHE.get(kind, key), /cache (kind|key)/, `${kind} ${key}`);
    }
    assert.deepEqual(await fs.readdir(dir), []);
  });
});

describe('openCache: prune', () => {
  it('keeps the most recently used entries within maxBytes, a hit counting as a use', async () => {
    const dir = await tempDir();
    const payload = Buffer.alloc(900, 'p');
    const cache = openCache({ dir, version: VERSION, maxBytes: 4000 });
    const keys = [0, 1, 2, 3, 4, 5].map((i) => cacheKey('page', i));
    for (const k of keys) await cache.put('page', k, payload);
    const size = (await fs.stat(entryFile(dir, 'page', keys[0]))).size;
    // Used an hour ago, 0 the longest ago; then 1 is used now.
    for (const [i, k] of keys.entries()) await fs.utimes(entryFile(dir, 'page', k), Date.now() / 1000 - 3600 + i, Date.now() / 1000 - 3600 + i);
    assert.ok(await cache.get('page', keys[1]));

    const pruned = await cache.prune();

    const kept = keys.filter((_, i) => i !== 0 && i !== 2);
    assert.deepEqual(pruned, { removed: 2, bytes: 2 * size });
    for (const k of keys) assert.equal(await exists(entryFile(dir, 'page', k)), kept.includes(k), `entry ${keys.indexOf(k)}`);
    assert.ok(kept.length * size <= 4000);
    assert.deepEqual(await cache.prune(), { removed: 0, bytes: 0 });
  });

  it('leaves files that are not entries alone, and does nothing in a missing folder', async () => {
    const dir = await tempDir();
    await fs.mkdir(path.join(dir, 'page', 'ab'), { recursive: true });
    await fs.writeFile(path.join(dir, 'README'), 'x'.repeat(5000));
    await fs.writeFile(path.join(dir, 'page', 'ab', 'notes.txt'), 'x'.repeat(5000));
    assert.deepEqual(await openCache({ dir, version: VERSION, maxBytes: 100 }).prune(), { removed: 0, bytes: 0 });
    assert.equal(await exists(path.join(dir, 'page', 'ab', 'notes.txt')), true);
    assert.deepEqual(await openCache({ dir: path.join(dir, 'none'), version: VERSION }).prune(), { removed: 0, bytes: 0 });
  });

  it('running beside gets of the entries it removes, neither throws', async () => {
    const dir = await tempDir();
    const cache = openCache({ dir, version: VERSION, maxBytes: 4000 });
    const keys = Array.from({ length: 40 }, (_, i) => cacheKey('line', i));
    for (const k of keys) await cache.put('line', k, Buffer.alloc(500, 'l'));
    const [first, got, second] = await Promise.all([cache.prune(), Promise.all(keys.map((k) => cache.get('line', k))), cache.prune()]);
    assert.ok(first.removed + second.removed > 0);
    for (const g of got) if (g) assert.deepEqual(g, Buffer.alloc(500, 'l'));
    assert.equal(cache.stats().corrupt, 0);
  });
});

describe('openCache: two processes writing the same keys at once', () => {
  it('leave every entry whole: one writer’s payload or the other’s', { timeout: 120_000 }, async () => {
    const dir = await tempDir();
    const writers = ['a', 'b'].map((mine) =>
      spawn(process.execPath, ['--import', 'tsx', WRITER, dir, VERSION, mine, mine === 'a' ? 'b' : 'a', '4'], { stdio: ['pipe', 'pipe', 'inherit'] }),
    );
    const lines = writers.map((w) => createInterface({ input: w.stdout })[Symbol.asyncIterator]());
    for (const l of lines) assert.equal((await l.next()).value, 'ready');
    for (const w of writers) w.stdin.end('go\n'); // both start together
    const reports = await Promise.all(lines.map(async (l) => JSON.parse((await l.next()).value as string) as CacheStats & { torn: number }));
    await Promise.all(writers.map((w) => (w.exitCode === null ? new Promise((r) => w.once('exit', r)) : undefined)));

    for (const r of reports) {
      assert.equal(r.torn, 0);
      assert.equal(r.corrupt, 0);
      assert.equal(r.writeFailures, 0);
    }
    const cache = openCache({ dir, version: VERSION });
    for (let i = 0; i < RACE_KEYS; i++) {
      const got = await cache.get('race', raceKey(i));
      assert.ok(got?.equals(racePayload('a', i)) || got?.equals(racePayload('b', i)), `entry ${i}`);
    }
    assert.equal(cache.stats().corrupt, 0);
    const leftovers = (await fs.readdir(dir, { recursive: true })).filter((n) => n.endsWith('.tmp'));
    assert.deepEqual(leftovers, []);
  });
});

describe('openCache: a folder it cannot write', () => {
  /** A cache folder writes fail in: a read-only folder, or, for root (whom chmod does not stop), a path through a file. */
  async function unwritableDir(): Promise<string> {
    const dir = await tempDir();
    await fs.chmod(dir, 0o500);
    const stopped = await fs.writeFile(path.join(dir, 'probe'), '').then(
      () => false,
      () => true,
    );
    if (stopped) return path.join(dir, 'cache');
    await fs.chmod(dir, 0o700);
    await fs.writeFile(path.join(dir, 'a-file'), '');
    return path.join(dir, 'a-file', 'cache');
  }

  it('counts the failed write, never throws, and then stays off', async () => {
    const cache = openCache({ dir: await unwritableDir(), version: VERSION });
    await cache.put('image', KEY, Buffer.from('x'));
    assert.equal(cache.stats().writeFailures, 1);
    assert.equal(await cache.get('image', KEY), undefined);
    await cache.put('image', cacheKey('another'), Buffer.from('y'));
    assert.equal(cache.stats().writeFailures, 1, 'no second try once off');
    assert.deepEqual(await cache.through('image', KEY, async () => Buffer.from('computed')), Buffer.from('computed'));
    assert.deepEqual(await cache.prune(), { removed: 0, bytes: 0 });
    assert.equal(cache.stats().written, 0);
  });
});

describe('NO_CACHE', () => {
  it('never hits and never writes', async () => {
    await NO_CACHE.put('image', KEY, Buffer.from('x'));
    assert.equal(await NO_CACHE.get('image', KEY), undefined);
    let computed = 0;
    for (let i = 0; i < 2; i++) await NO_CACHE.through('image', KEY, async () => (computed++, Buffer.from('x')));
    assert.equal(computed, 2);
    assert.deepEqual(NO_CACHE.stats(), { hits: 0, misses: 0, corrupt: 0, written: 0, writeFailures: 0 });
  });
});

describe('cacheKey', () => {
  it('is a sha256 in lowercase hex', () => {
    assert.match(cacheKey('x'), /^[0-9a-f]{64}$/);
    assert.equal(cacheKey('x', 1), cacheKey('x', 1));
  });

  it("keeps the parts apart: ('ab', 'c') is not ('a', 'bc'), nor ('abc')", () => {
    assert.notEqual(cacheKey('ab', 'c'), cacheKey('a', 'bc'));
    assert.notEqual(cacheKey('ab', 'c'), cacheKey('abc'));
    assert.notEqual(cacheKey(Buffer.from('ab'), Buffer.from('c')), cacheKey(Buffer.from('a'), Buffer.from('bc')));
  });

  it("tells the types apart: '1' is not 1, null not undefined, '' not nothing", () => {
    const keys = [
      cacheKey('1'),
      cacheKey(1),
      cacheKey(true),
      cacheKey(null),
      cacheKey(undefined),
      cacheKey(''),
      cacheKey(),
      cacheKey(Buffer.from('1')),
      cacheKey(['1']),
    ];
    assert.equal(new Set(keys).size, keys.length);
  });

  it('reads objects by value: the same keys in another order are equal, another value is not', () => {
    const settings = { page: { width: 612, height: 792 }, columns: 2, hyphenate: true };
    assert.equal(cacheKey(settings), cacheKey({ hyphenate: true, columns: 2, page: { height: 792, width: 612 } }));
    assert.notEqual(cacheKey(settings), cacheKey({ ...settings, columns: 3 }));
    assert.notEqual(cacheKey({ a: '1' }), cacheKey({ a: 1 }));
    assert.notEqual(cacheKey([1, 2]), cacheKey([2, 1]));
  });

  it('refuses what JSON would turn into another value: a Map, a function, an object containing itself', () => {
    assert.throws(() => cacheKey({ fonts: new Map([['a', 1]]) }), TypeError);
    assert.throws(() => cacheKey({ f: () => 1 }), TypeError);
    const loop: Record<string, unknown> = {};
    loop.self = loop;
    assert.throws(() => cacheKey(loop), TypeError);
  });
});

describe('defaultCacheDir', () => {
  it('is PRESSROOM_CACHE when set, resolved against cwd', () => {
    assert.equal(defaultCacheDir('/work/issue', { PRESSROOM_CACHE: '/var/cache/pressroom' }), '/var/cache/pressroom');
    assert.equal(defaultCacheDir('/work/issue', { PRESSROOM_CACHE: 'cache' }), path.resolve('/work/issue/cache'));
  });

  it('is else .cache/pressroom in the nearest node_modules above cwd', async () => {
    const dir = await tempDir();
    await fs.mkdir(path.join(dir, 'node_modules'));
    await fs.mkdir(path.join(dir, 'editions', 'spring'), { recursive: true });
    assert.equal(defaultCacheDir(path.join(dir, 'editions', 'spring'), {}), path.join(dir, 'node_modules', '.cache', 'pressroom'));
  });
});
