// An article's metadata as the site generators write it, read into Pressroom's front matter:
// YAML between `---` lines (Jekyll, Hugo, Eleventy…), TOML between `+++` lines (Hugo), or
// header lines at the top of the file (`Title: …`, Pelican and MultiMarkdown). Their common
// keys are aliases of ours (`description` is the deck, `author` the byline…); a key that means
// nothing to print is named in one warning per file, and left out.
import type { Paragraph, Root, RootContent } from 'mdast';
import { parse as parseToml } from 'smol-toml';
import { type Diagnostic, error, warning } from '../diagnostics/diagnostic.js';
import { parseYaml } from '../manifest/yaml-source.js';

/** A place in the file. */
export interface Place {
  line: number;
  column: number;
}

/** The metadata as written: its keys' values and where each key is. */
export interface Metadata {
  format: 'yaml' | 'toml' | 'headers';
  value: Record<string, unknown>;
  locate(key: string): Place | undefined;
}

/** Our keys, and the keys of the site generators that mean the same, in order of preference. */
export const FRONT_MATTER_ALIASES: Readonly<Record<string, readonly string[]>> = {
  title: ['title'],
  deck: ['deck', 'description', 'summary', 'subtitle', 'excerpt'],
  byline: ['byline', 'author', 'authors'],
  department: ['department', 'section', 'category', 'categories'],
  note: ['note'],
  lang: ['lang', 'language'],
  date: ['date'],
  site: ['site'],
};

/** Header lines: `Key: value`, a key of letters, digits, spaces, `_` or `-`; an indented line continues the one before. */
const HEADER = /^([A-Za-z][A-Za-z0-9 _-]{0,40}):[ \t]*(.*)$/;

/**
 * The article's metadata block, read: `undefined` when it has none, `false` after reporting
 * why it cannot be read. Header lines are taken off the tree (they are not text to print).
 */
export function readMetadata(tree: Root, source: string, file: string, report: (d: Diagnostic) => void): Metadata | undefined | false {
  const first = tree.children[0] as RootContent | undefined;
  if (first?.type === 'yaml') return yamlMetadata(first.value, first.position?.start.line ?? 1, file, report);
  if (first && (first.type as string) === 'toml') {
    const node = first as unknown as { value: string; position?: { start: { line: number } } };
    // Not a node the lowering knows (YAML's is skipped there): taken off the tree here.
    tree.children.shift();
    return tomlMetadata(node.value, node.position?.start.line ?? 1, file, report);
  }
  if (first?.type === 'paragraph') {
    const headers = headerMetadata(first, source);
    if (headers) {
      tree.children.shift();
      return headers;
    }
  }
  return undefined;
}

function yamlMetadata(text: string, line: number, file: string, report: (d: Diagnostic) => void): Metadata | false {
  const parsed = parseYaml(text, file, 'article/front-matter', line);
  if (!parsed.ok) {
    parsed.diagnostics.forEach(report);
    return false;
  }
  const value = parsed.source.value ?? {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    report(error('article/front-matter', 'the front matter is not a list of `key: value` lines', { file, line: line + 1, column: 1 }));
    return false;
  }
  return { format: 'yaml', value: value as Record<string, unknown>, locate: (key) => parsed.source.locate([key], true) };
}

function tomlMetadata(text: string, line: number, file: string, report: (d: Diagnostic) => void): Metadata | false {
  let value: Record<string, unknown>;
  try {
    value = parseToml(text) as Record<string, unknown>;
  } catch (e) {
    const err = e as { line?: number; column?: number; message: string };
    const at = { file, line: line + (err.line ?? 1), column: err.column ?? 1 };
    report(
      error('article/front-matter', `the TOML front matter cannot be read: ${firstLine(err.message)}`, at, ['TOML front matter lies between two `+++` lines']),
    );
    return false;
  }
  return { format: 'toml', value, locate: keyLocator(text, line + 1, /^\s*["']?KEY["']?\s*=/) };
}

/**
 * `Title: …` lines opening the file (Pelican, MultiMarkdown): taken as metadata when every
 * line of the first paragraph is such a line (or continues one) and one of them is the title.
 */
function headerMetadata(p: Paragraph, source: string): Metadata | undefined {
  const start = p.position?.start.offset;
  const end = p.position?.end.offset;
  if (start !== 0 || end === undefined) return undefined;
  const lines = source.slice(start, end).split(/\r?\n/);
  const value: Record<string, unknown> = {};
  let last: string | undefined;
  for (const l of lines) {
    const m = HEADER.exec(l);
    if (m) {
      last = m[1].trim().toLowerCase();
      value[last] = m[2].trim();
    } else if (last && /^[ \t]+\S/.test(l)) value[last] = `${value[last]} ${l.trim()}`;
    else return undefined;
  }
  if (typeof value.title !== 'string' || !value.title) return undefined;
  return { format: 'headers', value, locate: keyLocator(lines.join('\n'), 1, /^KEY\s*:/i) };
}

/** Finds the line of a key in a metadata block by `pattern` (KEY stands for the key). */
function keyLocator(text: string, firstLine: number, pattern: RegExp): (key: string) => Place | undefined {
  const lines = text.split(/\r?\n/);
  return (key) => {
    const re = new RegExp(pattern.source.replace('KEY', key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')), pattern.flags);
    const i = lines.findIndex((l) => re.test(l));
    return i < 0 ? undefined : { line: firstLine + i, column: lines[i].length - lines[i].trimStart().length + 1 };
  };
}

const firstLine = (s: string) => s.split('\n')[0];

/** The metadata in Pressroom's keys (aliases taken when ours is not given), with the keys left out. */
export interface Normalized {
  value: Record<string, unknown>;
  /** Where each of our keys was read (its alias's place when it came from one). */
  from: Record<string, string>;
  /** Keys that mean nothing to print, as written. */
  ignored: string[];
}

export function normalizeMetadata(m: Metadata): Normalized {
  const byLower = new Map(Object.keys(m.value).map((k) => [k.toLowerCase(), k]));
  const value: Record<string, unknown> = {};
  const from: Record<string, string> = {};
  const used = new Set<string>();
  for (const [ours, aliases] of Object.entries(FRONT_MATTER_ALIASES)) {
    // YAML and TOML keys are exact (`Title` is not ours); header lines are read case-blind.
    const found = aliases.map((a) => (m.format === 'headers' ? byLower.get(a) : a in m.value ? a : undefined)).filter((k) => k !== undefined);
    if (!found.length) continue;
    const key = found[0];
    for (const k of found) used.add(k);
    const v = asField(ours, m.value[key], m.format);
    if (v !== undefined) {
      value[ours] = v;
      from[ours] = key;
    }
  }
  const ignored = Object.keys(m.value).filter((k) => !used.has(k));
  return { value, from, ignored };
}

/** A value in the form our key takes: lists of authors joined, the first category, dates as yyyy-mm-dd. */
function asField(key: string, v: unknown, format: Metadata['format']): unknown {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? undefined : v.toISOString().slice(0, 10);
  if (key === 'byline') {
    const names = authorNames(v, format);
    return names ? joinNames(names) : v;
  }
  if (key === 'department' && Array.isArray(v)) return v.find((c) => typeof c === 'string' && c.trim());
  if (key === 'department' && format === 'headers' && typeof v === 'string') return v.split(',')[0].trim();
  if (key === 'date' && typeof v === 'string') return /^\d{4}-\d{2}-\d{2}/.test(v.trim()) ? v.trim().slice(0, 10) : v;
  return v;
}

/** Authors as a list: a YAML or TOML list of names (or of `{ name }`), or Pelican's comma-separated `Authors:`. */
function authorNames(v: unknown, format: Metadata['format']): string[] | undefined {
  if (Array.isArray(v)) {
    const names = v.map((a) =>
      typeof a === 'string' ? a : a && typeof a === 'object' && typeof (a as { name?: unknown }).name === 'string' ? (a as { name: string }).name : '',
    );
    return names.every(Boolean) ? names.map((n) => n.trim()) : undefined;
  }
  if (v && typeof v === 'object' && typeof (v as { name?: unknown }).name === 'string') return [(v as { name: string }).name.trim()];
  if (format === 'headers' && typeof v === 'string' && v.includes(','))
    return v
      .split(',')
      .map((n) => n.trim())
      .filter(Boolean);
  return undefined;
}

/** "Ana Reyes, Tom Brandt and Li Wei". */
function joinNames(names: string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** The one warning naming the keys left out. */
export function ignoredKeysWarning(ignored: readonly string[], m: Metadata, file: string): Diagnostic | undefined {
  if (!ignored.length) return undefined;
  const at = m.locate(ignored[0]) ?? { line: 1, column: 1 };
  const names = ignored.map((k) => `\`${k}\``).join(', ');
  return warning('article/unknown-keys', `the front matter's ${names} mean${ignored.length === 1 ? 's' : ''} nothing to print: left out`, { file, ...at }, [
    `Pressroom reads ${Object.keys(FRONT_MATTER_ALIASES)
      .map((k) => `\`${k}\``)
      .join(', ')} and their aliases (see "Article front matter" in the README); --strict makes this an error`,
  ]);
}
