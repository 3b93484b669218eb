// A small reader of PDF content streams: tokens, then operators with their operands.
// Enough for the preflight to follow the graphics state (q/Q/cm), colour operators, text
// showing, XObjects and inline images; every other operator is passed through unread.

export class Name {
  constructor(readonly name: string) {}
}

/** A string operand, as its raw bytes (one char per byte). */
export class Bytes {
  constructor(readonly bytes: string) {}
}

export type Operand = number | boolean | null | Name | Bytes | Operand[] | Map<string, Operand>;

export interface Operation {
  op: string;
  args: Operand[];
}

const WS = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);
const DELIM = new Set([...'()<>[]{}/%'].map((c) => c.charCodeAt(0)));
// The same classes as a table by byte (a stream is read as latin1: every code is < 256), so
// the scanner's inner loops test a typed array rather than a Set: the press PDF's streams
// are megabytes of glyph codes, read on every build.
const SPACE = 1;
const DELIMITER = 2;
const CLASS = new Uint8Array(256);
for (const c of WS) CLASS[c] = SPACE;
for (const c of DELIM) CLASS[c] = DELIMITER;
const NOT_HEX = /[^0-9a-fA-F]/g;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)$/;

/** The operations of a content stream, in order. Inline image data is skipped. */
export function* operations(data: Uint8Array): Generator<Operation> {
  const s = Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('latin1');
  let i = 0;
  const n = s.length;
  const stack: Operand[][] = [[]];
  const dictStack: number[] = [];
  const top = () => stack[stack.length - 1];

  const skipSpace = () => {
    while (i < n) {
      const c = s.charCodeAt(i);
      if (CLASS[c] === SPACE) i++;
      else if (c === 0x25) while (i < n && s[i] !== '\n' && s[i] !== '\r') i++;
      else break;
    }
  };
  const regular = () => {
    const start = i;
    while (i < n && CLASS[s.charCodeAt(i)] === 0) i++;
    return s.slice(start, i);
  };
  const literal = (): string => {
    let depth = 1;
    let out = '';
    i++;
    while (i < n) {
      const c = s[i++];
      if (c === '\\') {
        const e = s[i++];
        const map: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' };
        if (e in map) out += map[e];
        else if (e >= '0' && e <= '7') {
          let oct = e;
          while (oct.length < 3 && s[i] >= '0' && s[i] <= '7') oct += s[i++];
          out += String.fromCharCode(parseInt(oct, 8) & 0xff);
        } else if (e === '\r') {
          if (s[i] === '\n') i++;
        } else if (e !== '\n') out += e;
      } else if (c === '(') {
        depth++;
        out += c;
      } else if (c === ')') {
        if (--depth === 0) break;
        out += c;
      } else out += c;
    }
    return out;
  };
  const hex = (): string => {
    i++;
    const end = s.indexOf('>', i);
    let digits = s.slice(i, end < 0 ? n : end);
    i = end < 0 ? n : end + 1;
    // Anything but a hex digit (white space) is ignored; an odd last digit is followed by 0.
    digits = digits.replace(NOT_HEX, '');
    if (digits.length % 2) digits += '0';
    return Buffer.from(digits, 'hex').toString('latin1');
  };
  const toDict = (items: Operand[]): Map<string, Operand> => {
    const m = new Map<string, Operand>();
    for (let k = 0; k + 1 < items.length; k += 2) {
      const key = items[k];
      if (key instanceof Name) m.set(key.name, items[k + 1]);
    }
    return m;
  };

  while (true) {
    skipSpace();
    if (i >= n) break;
    const c = s[i];
    if (c === '/') {
      i++;
      const name = regular();
      top().push(new Name(name.includes('#') ? name.replace(/#([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))) : name));
    } else if (c === '(') top().push(new Bytes(literal()));
    else if (c === '<' && s[i + 1] === '<') {
      i += 2;
      dictStack.push(stack.length);
      stack.push([]);
    } else if (c === '>' && s[i + 1] === '>') {
      i += 2;
      const items = stack.length > 1 ? stack.pop()! : [];
      dictStack.pop();
      top().push(toDict(items));
    } else if (c === '<') top().push(new Bytes(hex()));
    else if (c === '[') {
      i++;
      stack.push([]);
    } else if (c === ']') {
      i++;
      const items = stack.length > 1 ? stack.pop()! : [];
      top().push(items);
    } else if (c === '{' || c === '}' || c === ')' || c === '>') i++;
    else {
      const word = regular();
      if (!word) {
        i++;
        continue;
      }
      if (NUMBER.test(word)) top().push(Number(word));
      else if (word === 'true' || word === 'false') top().push(word === 'true');
      else if (word === 'null') top().push(null);
      else {
        const args = stack.length === 1 ? stack[0] : stack.flat();
        stack.length = 1;
        stack[0] = [];
        if (word === 'BI') {
          // Inline image: key/value pairs up to ID, then binary data up to EI.
          const pairs: Operand[] = [];
          for (;;) {
            skipSpace();
            if (i >= n) break;
            if (s.startsWith('ID', i) && (i + 2 >= n || WS.has(s.charCodeAt(i + 2)))) {
              i += 3;
              break;
            }
            if (s[i] === '/') {
              i++;
              pairs.push(new Name(regular()));
            } else if (s[i] === '[') {
              i++;
              const arr: Operand[] = [];
              skipSpace();
              while (i < n && s[i] !== ']') {
                if (s[i] === '/') {
                  i++;
                  arr.push(new Name(regular()));
                } else arr.push(Number(regular()) || 0);
                skipSpace();
              }
              i++;
              pairs.push(arr);
            } else if (s[i] === '(') pairs.push(new Bytes(literal()));
            else if (s[i] === '<') pairs.push(new Bytes(hex()));
            else {
              const w = regular();
              pairs.push(/^[+-]?[\d.]+$/.test(w) ? Number(w) : w === 'true' ? true : w === 'false' ? false : new Name(w));
              if (!w) i++;
            }
          }
          const end = findEI(s, i);
          i = end;
          yield { op: 'BI', args: [toDict(pairs)] };
          continue;
        }
        yield { op: word, args };
      }
    }
  }
}

function findEI(s: string, from: number): number {
  let k = from;
  for (;;) {
    const at = s.indexOf('EI', k);
    if (at < 0) return s.length;
    const before = s.charCodeAt(at - 1);
    const after = at + 2 >= s.length ? 0x20 : s.charCodeAt(at + 2);
    if (WS.has(before) && WS.has(after)) return at + 2;
    k = at + 2;
  }
}

export { IDENTITY, type Matrix, multiply } from '../backends/pdf/matrix.js';
import type { Matrix } from '../backends/pdf/matrix.js';

/** Bounding box of the unit square mapped by `m`: [x0, y0, x1, y1]. */
export function unitBox(m: Matrix): [number, number, number, number] {
  const pts = [
    [0, 0],
    [1, 0],
    [0, 1],
    [1, 1],
  ].map(([x, y]) => [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]]);
  const xs = pts.map((p) => p[0]);
  const ys = pts.map((p) => p[1]);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}
