// What a step of the build read, so that its cached product can be trusted later: every
// question the step asked of the World (read this file, is this a file, what is in this
// folder…) with a digest of the answer. The product is reused only when asking each
// question again gives the same answer, which covers files edited, added, removed or
// swapped for a symlink, whatever the step did with them.
import { createHash } from 'node:crypto';
import { promises as fs, statSync } from 'node:fs';
import type { World } from '../world.js';

/** A question the World answered, and a digest of its answer. */
export interface Question {
  ask: 'readFile' | 'readInside' | 'entry' | 'isFile' | 'listDir' | 'realpath' | 'fileSize' | 'canWrite' | 'stamp';
  args: (string | number | undefined)[];
  answer: string;
}

const digest = (data: Uint8Array | string) => createHash('sha256').update(data).digest('hex');

/** The answer's digest, or the error's kind: a file not found is an answer too. */
async function answerOf(run: () => Promise<unknown>): Promise<string> {
  try {
    const v = await run();
    if (Buffer.isBuffer(v)) return `bytes:${digest(v)}`;
    if (v && typeof v === 'object' && 'ok' in v) {
      const r = v as { ok: boolean; data?: Buffer; reason?: string; size?: number };
      return r.ok && r.data ? `bytes:${digest(r.data)}` : `refused:${r.reason}:${r.size ?? ''}`;
    }
    return `value:${JSON.stringify(v)}`;
  } catch (e) {
    const err = e as { code?: string; name?: string; reason?: string };
    return `error:${err.code ?? err.reason ?? err.name ?? 'unknown'}`;
  }
}

/**
 * A file's size and modification time: for files read outside the World (fonts opened by
 * fontkit), where hashing megabytes on every check would cost more than it saves.
 */
async function stamp(file: string): Promise<string> {
  return stampText(await fs.stat(file));
}

const stampText = (st: { size: number; mtimeMs: number }) => `${st.size}:${st.mtimeMs}`;

/** `stamp`, at once, or undefined for a file that cannot be read: for measures kept beside a font file. */
export function fileStamp(file: string): string | undefined {
  try {
    return stampText(statSync(file));
  } catch {
    return undefined;
  }
}

function ask(world: World, q: Pick<Question, 'ask' | 'args'>): Promise<unknown> {
  const [a, b, c] = q.args as [string, string | number | undefined, number | undefined];
  switch (q.ask) {
    case 'readFile':
      return world.readFile(a, b as number | undefined);
    case 'readInside':
      return world.readInside(a, b as string, c as number);
    case 'entry':
      return world.entry(a);
    case 'isFile':
      return world.isFile(a);
    case 'listDir':
      return world.listDir(a).then((names) => [...names].sort());
    case 'realpath':
      return world.realpath(a);
    case 'fileSize':
      return world.fileSize(a);
    case 'canWrite':
      return world.canWrite(a);
    case 'stamp':
      return stamp(a);
  }
}

/** A World that notes every question asked of it; writing through it is refused (a traced step only reads). */
export class TracingWorld {
  readonly questions: Question[] = [];
  readonly world: World;

  constructor(inner: World) {
    const noted = async <T>(q: Pick<Question, 'ask' | 'args'>, run: () => Promise<T>): Promise<T> => {
      let value: T | undefined;
      let failure: unknown;
      let failed = false;
      const answer = await answerOf(async () => {
        try {
          value = await run();
          return q.ask === 'listDir' ? [...(value as string[])].sort() : value;
        } catch (e) {
          failed = true;
          failure = e;
          throw e;
        }
      });
      this.questions.push({ ...q, answer });
      if (failed) throw failure;
      return value as T;
    };
    const refuse = () => Promise.reject(new Error('a traced step of the build does not write'));
    this.world = {
      readFile: (p, max) => noted({ ask: 'readFile', args: [p, max] }, () => inner.readFile(p, max)),
      readInside: (dir, rel, max) => noted({ ask: 'readInside', args: [dir, rel, max] }, () => inner.readInside(dir, rel, max)),
      entry: (p) => noted({ ask: 'entry', args: [p] }, () => inner.entry(p)),
      isFile: (p) => noted({ ask: 'isFile', args: [p] }, () => inner.isFile(p)),
      listDir: (p) => noted({ ask: 'listDir', args: [p] }, () => inner.listDir(p)),
      realpath: (p) => noted({ ask: 'realpath', args: [p] }, () => inner.realpath(p)),
      fileSize: (p) => noted({ ask: 'fileSize', args: [p] }, () => inner.fileSize(p)),
      canWrite: (p) => noted({ ask: 'canWrite', args: [p] }, () => inner.canWrite(p)),
      writeTemp: refuse,
      rename: refuse,
      writeFileAtomic: refuse,
      mkdirp: refuse,
      remove: refuse,
    };
  }

  /** Notes a file read outside the World by its size and time (see `stamp`). */
  async stampFile(file: string): Promise<void> {
    this.questions.push({ ask: 'stamp', args: [file], answer: await answerOf(() => stamp(file)) });
  }
}

/** True when every question gets the answer it got before (asked in order, stopping at the first change). */
export async function stillAnswered(world: World, questions: readonly Question[]): Promise<boolean> {
  const asked = new Set<string>();
  for (const q of questions) {
    const id = `${q.ask}\u0000${JSON.stringify(q.args)}`;
    if (asked.has(id)) continue;
    asked.add(id);
    if ((await answerOf(() => ask(world, q))) !== q.answer) return false;
  }
  return true;
}
