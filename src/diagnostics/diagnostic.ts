// One shape for every problem the tool reports: where, how bad, a stable code, a
// lowercase message without a final period, and hints.

export type Severity = 'error' | 'warning';

/** The closed list of diagnostic codes. Tools may rely on these names. */
export const CODES = {
  'manifest/missing': 'the edition folder has no edition.yaml',
  'manifest/yaml-syntax': 'edition.yaml is not valid YAML',
  'manifest/unknown-key': 'a key the schema does not know',
  'manifest/missing-field': 'a required field is absent',
  'manifest/invalid-value': 'a field has the wrong type or an impossible value',
  'manifest/duplicate-article': 'an article is listed twice',
  'path/outside-edition': 'a path leads out of the edition folder',
  'path/not-found': 'a file the edition names does not exist',
  'path/not-a-file': 'an input that is not a regular file (a folder, a FIFO, a device)',
  'article/front-matter': 'the front matter is not valid YAML or has a bad field',
  'markdown/site-syntax': "a website's template syntax (a Hugo shortcode, a Liquid tag) that cannot be printed, left out",
  'article/unknown-keys': "front matter keys that mean nothing to print (a site generator's), left out",
  'article/no-title': 'an article has neither a title field nor a level-1 heading',
  'markdown/raw-html': 'raw HTML is dropped',
  'markdown/unsupported': 'a Markdown construct that cannot be printed',
  'link/unresolved': 'a link inside the edition leads to no article, heading or figure',
  'markdown/heading-level': 'a heading deeper than level 4 is set as level 4',
  'image/not-found': 'an image file does not exist',
  'image/not-an-image': 'a file named as an image cannot be decoded',
  'image/too-large': 'an image exceeds the pixel or size limit',
  'image/remote': 'a remote image is never fetched',
  'image/svg-refused': 'an SVG that cannot be made safe by removing parts (a DOCTYPE declaring entities) is refused',
  'image/svg-removed': 'a part of an SVG that could run code or reach outside the file (script, event handler, foreignObject, external reference) is removed',
  'image/svg-font': "an SVG's text asks for fonts the build does not have (it prints in the build's own) or characters they lack",
  'font/not-found': 'a font file does not exist or cannot be read',
  'font/invalid': 'a font file that is not a TrueType or OpenType font',
  'font/missing-glyph': 'no font has a glyph for a character',
  'typeset/overfull-line': 'a line is wider than its column',
  'typeset/does-not-fit': 'text or an item larger than a page: set smaller, broken or clipped',
  'typeset/runt-page': 'an article ends with a few lines alone on a page that no filler or run-on could fill',
  'template/invalid': 'a project template cannot be read, compiled or rendered, or places plain text unescaped',
  'template/remote': 'a project template references a remote resource (a URL in href, src, url() or @import)',
  'limit/article-size': 'an article file is larger than `limits.article-size`',
  'limit/nesting': 'blocks or inline spans nested deeper than `limits.nesting`, or a paragraph of too many emphasis markers',
  'limit/table-size': 'a table with more rows or columns than `limits.table-rows` / `limits.table-columns`',
  'limit/articles': 'more articles than `limits.articles`',
  'limit/file-size': 'edition.yaml, a template or a font file larger than the tool reads',
  'limit/time': 'a stage of the build ran past its time budget',
  'limit/memory': 'the build needed more memory than its budget',
  'output/write-failed': 'an output file could not be written',
  'output/unsafe-folder': 'the output folder is the edition folder or inside it, the current folder by an empty path, or not a writable folder',
  'site/unknown-translation': 'a translation edition.yaml names is not an edition of the site',
  'site/reserved-name': "an edition's folder has the name of one of the site's own files or folders",
  'site/foreign-file': 'a file in the site folder that the site did not write is where the site would write one',
  'site/last-build': 'an edition did not build, and the site shows its last build',
  'site/no-cover': "the issue's first page could not be rendered as the site's cover",
  'internal/crash': 'a bug in Pressroom or a library it uses',
  'preflight/padded': 'blank pages were added to the press PDF to reach the page multiple',
  'preflight/page-count': "the press PDF's page count is not a multiple of `press.page-multiple`",
  'preflight/low-resolution': 'an image prints below 250 ppi (an error below 150 ppi)',
  'preflight/rgb': 'RGB in the press PDF (an error), or an RGB image converted for it (a warning)',
  'preflight/colour': 'colour other than the press colour, or text not in solid black',
  'preflight/font-not-embedded': 'a font of the press PDF is not embedded',
  'preflight/missing-glyph': 'the press PDF draws a .notdef glyph (a box)',
  'preflight/in-bleed': 'something that should stop at the trim reaches past it',
  'preflight/near-trim': 'text closer to the trim than the 0.125 in safety margin',
  'preflight/bleed': 'the bleed is narrower than 3 mm (0.118 in)',
  'preflight/pdfx': 'the press PDF breaks a PDF/X-1a rule it claims to follow',
} as const;

export type Code = keyof typeof CODES;

export interface Diagnostic {
  severity: Severity;
  code: Code;
  message: string;
  /** Path relative to the edition folder (or as given on the command line). */
  file?: string;
  line?: number;
  column?: number;
  hints?: string[];
}

/** Thrown when a build cannot go on; carries every error found so far. */
export class BuildError extends Error {
  readonly diagnostics: Diagnostic[];
  constructor(diagnostics: Diagnostic[]) {
    super(diagnostics.map(formatDiagnostic).join('\n'));
    this.name = 'BuildError';
    this.diagnostics = diagnostics;
  }
}

export function error(code: Code, message: string, where: Where = {}, hints?: string[]): Diagnostic {
  return diagnostic('error', code, message, where, hints);
}

export function warning(code: Code, message: string, where: Where = {}, hints?: string[]): Diagnostic {
  return diagnostic('warning', code, message, where, hints);
}

type Where = { file?: string; line?: number; column?: number };

/** A diagnostic whose message and hints are each one line of bounded length, whatever they quote. */
function diagnostic(severity: Severity, code: Code, message: string, where: Where, hints?: string[]): Diagnostic {
  return { severity, code, message: oneLine(message, MESSAGE_MAX), ...where, ...(hints?.length ? { hints: hints.map((h) => oneLine(h, MESSAGE_MAX)) } : {}) };
}

/** The most characters of a message or a hint shown; a longer one is cut in the middle. */
export const MESSAGE_MAX = 320;
/** The most characters of a file name shown in a place. */
export const FILE_MAX = 200;

// Line breaks (CR, LF, NEL, the Unicode line and paragraph separators) with the spaces
// around them; every other C0 and C1 control, DEL, and the bidirectional overrides and
// isolates, which would let a value rearrange or recolour the terminal line it is shown in.
const BREAK = /[ \t]*(?:\r\n|[\n\r\u0085\u2028\u2029])[ \t]*/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters are what this finds
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;

/**
 * `text` as one line of at most `max` characters: line breaks become spaces, tabs a space,
 * other control characters U+FFFD; a longer text keeps its start and its end around a `…`
 * (a message says what is wrong at its start and often what was found at its end). Every
 * diagnostic goes through this when made and again when shown, whatever value it quotes.
 */
export function oneLine(text: string, max: number): string {
  const s = text.replace(BREAK, ' ').replace(/\t/g, ' ').replace(CONTROL, '\uFFFD');
  if (s.length <= max) return s;
  let head = Math.ceil((max - 1) * 0.7);
  let tail = s.length - (max - 1 - head);
  // Never split a surrogate pair.
  if (/[\uD800-\uDBFF]/.test(s[head - 1])) head--;
  if (/[\uDC00-\uDFFF]/.test(s[tail])) tail++;
  return `${s.slice(0, head)}…${s.slice(tail)}`;
}

/** `d` as it may be shown: message, hints and file name each one bounded line. */
function shown(d: Diagnostic): Diagnostic {
  return {
    ...d,
    message: oneLine(d.message, MESSAGE_MAX),
    ...(d.file !== undefined ? { file: oneLine(d.file, FILE_MAX) } : {}),
    ...(d.hints ? { hints: d.hints.map((h) => oneLine(h, MESSAGE_MAX)) } : {}),
  };
}

/** `file:line:col: severity: message [code]`, then one indented line per hint. */
export function formatDiagnostic(diagnostic: Diagnostic): string {
  const d = shown(diagnostic);
  let place = d.file ?? '';
  if (d.file && d.line !== undefined) place += `:${d.line}:${d.column ?? 1}`;
  const head = `${place ? place + ': ' : ''}${d.severity}: ${d.message} [${d.code}]`;
  return [head, ...(d.hints ?? []).map((h) => `  hint: ${h}`)].join('\n');
}

/** One diagnostic as a line of JSON (`--json`): the fields of `Diagnostic`, absent ones left out. */
export function diagnosticJson(diagnostic: Diagnostic): string {
  const { severity, code, message, file, line, column, hints } = shown(diagnostic);
  return JSON.stringify({ severity, code, message, file, line, column, hints });
}

/**
 * Collects diagnostics during a build; errors stop the build at the next checkpoint. A strict
 * reporter (`--strict`) takes every warning as an error.
 */
export class Reporter {
  readonly all: Diagnostic[] = [];
  constructor(readonly strict = false) {}
  report(d: Diagnostic): void {
    this.all.push(this.strict && d.severity === 'warning' ? { ...d, severity: 'error' } : d);
  }
  get errors(): Diagnostic[] {
    return sortByPlace(this.all.filter((d) => d.severity === 'error'));
  }
  /** Warnings in reading order: files as first reported, then by line and column. */
  get warnings(): Diagnostic[] {
    return sortByPlace(this.all.filter((d) => d.severity === 'warning'));
  }
  /** Throw if any error has been reported. */
  checkpoint(): void {
    const errors = this.errors;
    if (errors.length) throw new BuildError(errors);
  }
}

/** Stable sort: files in the order first met, then line and column within a file. */
export function sortByPlace(ds: Diagnostic[]): Diagnostic[] {
  const fileOrder = new Map<string, number>();
  for (const d of ds) if (!fileOrder.has(d.file ?? '')) fileOrder.set(d.file ?? '', fileOrder.size);
  return [...ds].sort(
    (a, b) => fileOrder.get(a.file ?? '')! - fileOrder.get(b.file ?? '')! || (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0),
  );
}
