// The key of a disk-cache entry: sha256 over everything the cached product depends on. Each
// part is written with a type tag and its length before its bytes, so no two different lists
// of parts share an encoding: ('ab', 'c') is not ('a', 'bc'), '1' is not 1, null is not
// undefined. Objects are encoded as JSON with their keys sorted, so two settings objects with
// the same values give the same key whatever order their keys were written in.
import { createHash } from 'node:crypto';

/** What a key can be made of: plain data, and bytes (a font file, an image). */
export type KeyPart = string | number | boolean | Uint8Array | null | undefined | object;

/** sha256 hex of an unambiguous, typed, length-prefixed encoding of `parts`. */
export function cacheKey(...parts: KeyPart[]): string {
  const hash = createHash('sha256');
  for (const part of parts) {
    const [tag, bytes] = encodePart(part);
    const head = Buffer.alloc(9);
    head.write(tag, 0, 'latin1');
    head.writeBigUInt64BE(BigInt(bytes.length), 1);
    hash.update(head);
    hash.update(bytes);
  }
  return hash.digest('hex');
}

/** A one-letter type tag and the bytes of one part. */
function encodePart(part: KeyPart): [string, Uint8Array] {
  if (part === null) return ['N', new Uint8Array(0)];
  if (part === undefined) return ['U', new Uint8Array(0)];
  if (typeof part === 'string') return ['s', Buffer.from(part, 'utf8')];
  if (typeof part === 'boolean') return ['b', Uint8Array.of(part ? 1 : 0)];
  if (typeof part === 'number') return ['n', numberBytes(part)];
  if (part instanceof Uint8Array) return ['y', part];
  return ['j', Buffer.from(canonicalJson(part, new Set()), 'utf8')];
}

/** The float64 of `n`, with every NaN written alike (NaN has many bit patterns). */
function numberBytes(n: number): Uint8Array {
  const b = Buffer.alloc(8);
  b.writeDoubleBE(Number.isNaN(n) ? Number.NaN : n);
  return b;
}

/**
 * JSON with the keys of every object sorted. Only plain data is accepted: a Map, a class
 * instance, a function or a non-finite number would stringify to something that collides
 * with other values (`{}`, `null`), so it is refused loudly instead of keying wrongly.
 */
function canonicalJson(value: unknown, seen: Set<object>): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`cacheKey cannot encode ${value} inside an object`);
      return JSON.stringify(value);
    case 'object':
      return canonicalObject(value, seen);
    default:
      throw new TypeError(`cacheKey cannot encode a ${typeof value} inside an object`);
  }
}

function canonicalObject(value: object, seen: Set<object>): string {
  if (seen.has(value)) throw new TypeError('cacheKey cannot encode an object that contains itself');
  const toJSON = (value as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === 'function') return canonicalJson(toJSON.call(value), seen);
  seen.add(value);
  try {
    if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v, seen))).join(',')}]`;
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) {
      throw new TypeError(`cacheKey cannot encode a ${value.constructor?.name ?? 'non-plain object'} inside an object: pass plain data`);
    }
    const record = value as Record<string, unknown>;
    // As JSON.stringify does: a key whose value is undefined is left out.
    const fields = Object.keys(record)
      .sort()
      .filter((k) => record[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k], seen)}`);
    return `{${fields.join(',')}}`;
  } finally {
    seen.delete(value);
  }
}
