// A failure that is not the input's fault — a bug in Pressroom, or a library (sharp, fontkit,
// pdfkit, epub-gen-memory) throwing where it should not — reported like every other
// diagnostic: with the article and the place being processed, so the report can be acted on.
// Exit code 3: "please report this".
import { BuildError, error, type Diagnostic } from './diagnostic.js';

export interface Where {
  file?: string;
  line?: number;
  column?: number;
}

/** Carries the located `internal/crash` diagnostic and the original error (for `--debug`). */
export class InternalError extends Error {
  readonly diagnostic: Diagnostic;
  constructor(
    diagnostic: Diagnostic,
    override readonly cause: unknown,
  ) {
    super(diagnostic.message);
    this.name = 'InternalError';
    this.diagnostic = diagnostic;
  }
}

const LIBRARIES = [
  'sharp',
  'fontkit',
  'pdfkit',
  'epub-gen-memory',
  'jszip',
  'handlebars',
  'htmlparser2',
  'micromark',
  'mdast-util-from-markdown',
  'yaml',
  'zod',
  'hyphen',
];

/** The library whose code threw, read from the stack; `fallback` when no frame names one. */
export function libraryOf(e: unknown, fallback?: string): string | undefined {
  const stack = e instanceof Error ? (e.stack ?? '') : '';
  const frames = stack.split('\n').slice(1);
  for (const frame of frames) {
    const m = /node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)[\\/]/.exec(frame);
    if (m && m[1] !== 'tsx') return LIBRARIES.find((l) => m[1].startsWith(l)) ?? m[1];
    if (/[\\/]src[\\/]/.test(frame)) break; // our own code threw first
  }
  return fallback;
}

/**
 * The one report of a bug: an `internal/crash` diagnostic at `where`, saying whose bug it is
 * (Pressroom's, or `library`'s) and asking for a report. Every internal error is made here.
 */
export function internalError(message: string, where: Where, cause?: unknown, library?: string): InternalError {
  const d = error('internal/crash', message.split('\n')[0], where, [
    `this is a bug in Pressroom${library ? ` or in ${library}` : ''}, not in the edition: please report it, with the file named here`,
  ]);
  return new InternalError(d, cause);
}

/** The located diagnostic of a crash while `doing` (e.g. "writing the PDF of the issue"). */
export function crash(e: unknown, doing: string, where: Where, library?: string): InternalError {
  const lib = libraryOf(e, library);
  const message = e instanceof Error ? e.message : String(e);
  return internalError(`${lib ? `${lib} failed` : 'internal error'} while ${doing}: ${message}`, where, e, lib);
}

/**
 * The lines a command ends with after an internal error: the stack under `--debug`, else how
 * to see it, and that nothing was written.
 */
export function internalErrorTail(stack: string | undefined, debug: boolean, what: string): string {
  return (
    (debug && stack ? `${stack}\n` : 'run again with --debug to see the stack trace\n') +
    `pressroom: ${what}: internal error; nothing was written; please report this\n`
  );
}

/**
 * Run `fn`; an unexpected error becomes an InternalError located at `where` (the innermost
 * place wins). `expected` tells the errors that are the input's fault (an image sharp cannot
 * read), which pass through as they are.
 */
export async function during<T>(
  doing: string,
  where: Where,
  fn: () => T | Promise<T>,
  library?: string,
  expected: (e: unknown) => boolean = () => false,
): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    throw e instanceof BuildError || e instanceof InternalError || expected(e) ? e : crash(e, doing, where, library);
  }
}

/** `during` for synchronous work. */
export function duringSync<T>(doing: string, where: Where, fn: () => T, library?: string): T {
  try {
    return fn();
  } catch (e) {
    throw e instanceof BuildError || e instanceof InternalError ? e : crash(e, doing, where, library);
  }
}

/**
 * Find where a crash in work over the whole issue comes from: run `attempt` on each article
 * alone, then on each block of the first article that fails the same way, and locate the
 * crash there. Only runs after a crash; a failure it cannot pin down is reported unlocated.
 */
export async function locateCrash<A extends { pos: Where; index: number; blocks: readonly { pos: Where }[] }>(
  e: unknown,
  doing: string,
  articles: readonly A[],
  attempt: (article: A) => Promise<unknown> | unknown,
  library?: string,
): Promise<Error> {
  if (e instanceof BuildError || e instanceof InternalError) return e;
  const message = e instanceof Error ? e.message : String(e);
  const fails = async (a: A) => {
    try {
      await attempt(a);
      return false;
    } catch (again) {
      return (again instanceof Error ? again.message : String(again)) === message;
    }
  };
  for (const a of articles) {
    if (!(await fails(a))) continue;
    let where: Where = a.pos;
    for (const b of a.blocks) {
      if (await fails({ ...a, blocks: [b] })) {
        where = b.pos;
        break;
      }
    }
    return crash(e, `${doing} (article ${a.index})`, where, library);
  }
  return crash(e, doing, {}, library);
}
