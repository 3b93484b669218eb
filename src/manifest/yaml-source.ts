// YAML parsed with its node ranges kept, so a schema error can point at `file:line:col`.
import { isMap, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { error, type Code, type Diagnostic } from '../diagnostics/diagnostic.js';
import { excerpt } from './paths.js';

// Messages quote the input only in short excerpts: a file that is not YAML at all (a
// password file named by mistake) must not be printed back whole, nor a huge value.
const MESSAGE_MAX = 160;

export interface YamlSource {
  value: unknown;
  /** Line and column of the value (or, with `key`, of the key) at `path`. */
  locate(path: readonly PropertyKey[], key?: boolean): { line: number; column: number };
}

/**
 * Parse YAML text. `lineOffset` is added to every line, for YAML embedded in another file
 * (front matter starts on the line after `---`).
 */
export function parseYaml(text: string, file: string, code: Code, lineOffset = 0): { ok: true; source: YamlSource } | { ok: false; diagnostics: Diagnostic[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length) {
    return {
      ok: false,
      diagnostics: doc.errors.map((e) => {
        const at = lineCounter.linePos(e.pos[0]);
        const message = e.message
          .split('\n')[0]
          .replace(/ at line \d+, column \d+.*$/, '')
          .replace(/\.$/, '');
        return error(code, excerpt(lowerFirst(message), MESSAGE_MAX), { file, line: at.line + lineOffset, column: at.col }, [
          'check the indentation and quoting of this line',
        ]);
      }),
    };
  }
  const locate = (path: readonly PropertyKey[], key = false) => {
    const offset = offsetOf(doc, path, key);
    const at = lineCounter.linePos(offset);
    return { line: at.line + lineOffset, column: at.col };
  };
  let value: unknown;
  try {
    // Aliases are resolved here: one that names no anchor, or too many (an "alias bomb"), throws.
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    const message = excerpt(lowerFirst((e as Error).message.split('\n')[0].replace(/\.$/, '')), MESSAGE_MAX);
    const hint = /alias count/.test(message)
      ? 'aliases (`*name`) may repeat values at most 100 times in all'
      : 'YAML aliases (`*name`) must name an anchor (`&name`) set before them; quote a value that starts with `*`';
    return { ok: false, diagnostics: [error(code, message, { file, line: 1 + lineOffset, column: 1 }, [hint])] };
  }
  return { ok: true, source: { value, locate } };
}

function offsetOf(doc: Document, path: readonly PropertyKey[], key: boolean): number {
  // Walk down as far as the path exists; a missing field is reported at its parent.
  let node: unknown = doc.contents;
  let best = rangeStart(node) ?? 0;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i];
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg));
      if (!pair) break;
      const last = i === path.length - 1;
      if (last && key) return rangeStart(pair.key) ?? best;
      node = pair.value;
      best = rangeStart(node) ?? rangeStart(pair.key) ?? best;
    } else if (node && typeof node === 'object' && 'items' in node && Array.isArray((node as { items: unknown[] }).items)) {
      const item = (node as { items: unknown[] }).items[Number(seg)];
      if (item === undefined) break;
      node = item;
      best = rangeStart(node) ?? best;
    } else break;
  }
  return best;
}

function rangeStart(node: unknown): number | undefined {
  if (node && typeof node === 'object' && 'range' in node) {
    const r = (node as { range?: [number, number, number] }).range;
    return r ? r[0] : undefined;
  }
  return undefined;
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

/** Turn schema failures into located diagnostics. */
export function schemaDiagnostics(issues: readonly z.core.$ZodIssue[], source: YamlSource, file: string, what: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const issue of issues) {
    const where = excerpt(dotted(issue.path));
    if (issue.code === 'unrecognized_keys') {
      for (const k of issue.keys) {
        const at = source.locate([...issue.path, k], true);
        out.push(
          error('manifest/unknown-key', `unknown key \`${excerpt(k)}\`${where ? ` in \`${where}\`` : ''} of ${what}`, { file, ...at }, [
            'see the manifest reference in README.md for the keys allowed here',
          ]),
        );
      }
      continue;
    }
    if (issue.code === 'invalid_key') {
      // A key of a mapping whose keys are checked (`quotes:` takes language tags): at the key.
      const key = excerpt(String(issue.path[issue.path.length - 1]));
      const parent = excerpt(dotted(issue.path.slice(0, -1)));
      const why = excerpt(issue.issues.map((i) => lowerFirst(i.message)).join('; '));
      out.push(error('manifest/invalid-value', `\`${parent}\`: key \`${key}\`: expected ${why}`, { file, ...source.locate(issue.path, true) }));
      continue;
    }
    const value = valueAt(source.value, issue.path);
    if (issue.code === 'invalid_union' && value !== null && typeof value === 'object') {
      // Report the branch whose shape matches (a mapping for a mapping), with its own errors.
      const branch = issue.errors.find((errs) => !errs.some((e) => e.code === 'invalid_type' && e.path.length === 0));
      if (branch?.length) {
        const full = branch.map((e) => ({ ...e, path: [...issue.path, ...e.path] }) as z.core.$ZodIssue);
        out.push(...schemaDiagnostics(full, source, file, what));
        continue;
      }
    }
    const at = source.locate(issue.path, value === undefined);
    if (value === undefined && issue.code === 'invalid_type') {
      out.push(error('manifest/missing-field', `missing required field \`${where}\` in ${what}`, { file, ...at }));
      continue;
    }
    out.push(error('manifest/invalid-value', `\`${where}\`: ${describeIssue(issue, value)}`, { file, ...at }));
  }
  return out;
}

function describeIssue(issue: z.core.$ZodIssue, value: unknown): string {
  const got =
    value === null
      ? 'null'
      : Array.isArray(value)
        ? 'a list'
        : typeof value === 'object'
          ? 'a mapping'
          : typeof value === 'number' && !Number.isFinite(value)
            ? String(value)
            : excerpt(JSON.stringify(value) ?? String(value));
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${issue.expected === 'object' || issue.expected === 'record' ? 'a mapping' : issue.expected === 'array' ? 'a list' : `a ${issue.expected}`}, got ${got}`;
    case 'invalid_format':
    case 'too_small':
    case 'too_big':
      return `${lowerFirst(issue.message)} (got ${got})`;
    case 'invalid_value':
      return `expected one of ${excerpt(issue.values.map((v) => JSON.stringify(v)).join(', '))}, got ${got}`;
    case 'invalid_union':
      return `not a valid value (got ${got})`;
    default:
      return `${lowerFirst(issue.message)} (got ${got})`;
  }
}

function dotted(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`)).join('');
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = root;
  for (const seg of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[seg as string];
  }
  return v;
}
