// The fonts SVG text is drawn in: the build's own, embedded like the body text's. A
// `font-family` list is read as a browser reads it, first family first; a family the build
// has (by name, or a generic one) is used; when the list names only families the build does
// not have, the text falls back, visibly, to the build's sans (or serif, or monospace when
// the names say so), and the figure gets a warning naming them.
import { BUNDLED_FONTS, FALLBACK_FONTS, type FontSet } from '../../settings/fonts.js';

export type SvgFontRole = 'sans' | 'serif' | 'mono';

export interface SvgFontChoice {
  role: SvgFontRole;
  /** Name of the family used, for messages. */
  name: string;
  files: FontSet;
  /** Families named before the one used that the build does not have. */
  missing: string[];
}

const FAMILIES: Record<SvgFontRole, { name: string; files: FontSet }> = {
  sans: { name: 'DejaVu Sans', files: FALLBACK_FONTS.sans },
  serif: { name: 'Source Serif 4', files: BUNDLED_FONTS.body },
  mono: { name: 'DejaVu Sans Mono', files: BUNDLED_FONTS.mono },
};

/** Families the build has, by lower-case name. */
const NAMED: Record<string, { name: string; files: FontSet; role: SvgFontRole }> = {
  'dejavu sans': { ...FAMILIES.sans, role: 'sans' },
  'dejavu serif': { name: 'DejaVu Serif', files: FALLBACK_FONTS.serif, role: 'serif' },
  'dejavu sans mono': { ...FAMILIES.mono, role: 'mono' },
  'source serif 4': { ...FAMILIES.serif, role: 'serif' },
};

const GENERIC: Record<string, SvgFontRole> = {
  'sans-serif': 'sans',
  'system-ui': 'sans',
  'ui-sans-serif': 'sans',
  serif: 'serif',
  'ui-serif': 'serif',
  monospace: 'mono',
  'ui-monospace': 'mono',
};

/** The generic role a family the build lacks is closest to, by its name. */
function likeRole(name: string): SvgFontRole {
  if (/mono|courier|consol|menlo|code|typewriter/i.test(name)) return 'mono';
  if (/sans|grotesk|gothic/i.test(name)) return 'sans';
  if (/serif|times|georgia|garamond|palatino|cambria|baskerville|bodoni|book|minion|caslon|didot/i.test(name)) return 'serif';
  return 'sans';
}

/** The families of a `font-family` value, unquoted, in order. */
export function familyList(value: string): string[] {
  const out: string[] = [];
  let name = '';
  let quote = '';
  for (const c of value) {
    if (quote) {
      if (c === quote) quote = '';
      else name += c;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === ',') {
      out.push(name);
      name = '';
    } else name += c;
  }
  out.push(name);
  return out.map((n) => n.trim().replace(/\s+/g, ' ')).filter(Boolean);
}

/** The font SVG text asking for `value` is drawn in. */
export function chooseSvgFont(value: string | undefined): SvgFontChoice {
  const families = familyList(value ?? '');
  const missing: string[] = [];
  for (const f of families) {
    const key = f.toLowerCase();
    const named = NAMED[key];
    if (named) return { role: named.role, name: named.name, files: named.files, missing };
    const generic = GENERIC[key];
    if (generic) return { role: generic, ...FAMILIES[generic], missing };
    // cursive, fantasy, math, emoji and every named family the build lacks.
    missing.push(f);
  }
  const role = missing.length ? likeRole(missing[0]) : 'sans';
  return { role, ...FAMILIES[role], missing };
}

/** The face of `files` for a weight and a style. */
export function faceFile(files: FontSet, bold: boolean, italic: boolean): string {
  return bold ? (italic ? files.boldItalic : files.bold) : italic ? files.italic : files.regular;
}
