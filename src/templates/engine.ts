// The Handlebars engine. Templates only place content that is already rendered: they are
// compiled in strict mode (a missing field is an error, not an empty string), with only the
// built-in helpers, and prototype access stays forbidden (Handlebars' default since 4.6).
// A project's template folder overrides a built-in template by file name.
//
// A project's template is input like an article, and held to the same rules: it is read only
// up to a size, it may use no partials (the one way Handlebars recurses), what it renders is
// bounded in size and time while it renders (a loop nested in a loop over the same items
// multiplies its output without end), and, for XML outputs, what it renders must be
// well-formed and reference nothing outside the EPUB (see remote.ts).
import path from 'node:path';
import Handlebars from 'handlebars';
import { nodeWorld, type World } from '../world.js';
import { BUILTIN_TEMPLATES_DIR } from './builtin-dir.js';
import { remoteAttribute, remoteInCss, remoteInTemplateSource, type RemoteReference } from './remote.js';
import { checkXml, lineColumn } from './well-formed.js';

// `{{log}}` and Handlebars' own notices (a denied prototype property) go to the console:
// stdout, which under `--json` carries only JSON, and lines without a code. This module is the
// one user of Handlebars in the process, so its logger is silenced here, once.
Handlebars.logger.log = () => undefined;

/** What is wrong with a template: `outside` leads out of its folder, `remote` reaches the web. */
export type TemplateProblem = 'invalid' | 'outside' | 'remote' | 'too-large' | 'not-a-file';

/** A template that cannot be read, parsed or rendered; names the file it came from. */
export class TemplateError extends Error {
  readonly file: string;
  /** `outside`: the file leads out of the folder it must stay in. */
  readonly reason: TemplateProblem;
  /** Line and column in the template file, when known. */
  readonly line?: number;
  readonly column?: number;
  /** What to do about it, when the general advice for templates does not fit. */
  readonly hint?: string;
  constructor(file: string, message: string, reason: TemplateProblem = 'invalid', at?: { line: number; column: number }, hint?: string) {
    super(`${file}: ${message}`);
    this.name = 'TemplateError';
    this.file = file;
    this.reason = reason;
    this.line = at?.line;
    this.column = at?.column;
    this.hint = hint;
  }
}

export interface TemplateOptions {
  /** Folder whose files replace built-ins of the same name; it need not exist. */
  overrideDir?: string;
  /** Folder of the built-in templates (default: the `templates/` folder that ships with the tool). */
  builtinDir?: string;
  world?: World;
  /**
   * Applied to every string of a view before rendering, e.g. to drop characters the output
   * format cannot carry. Identity by default.
   */
  cleanString?: (value: string) => string;
  /**
   * Real path of the folder overrides must stay in (the edition folder): an override that is a
   * symlink leading out of it, or a template folder that is one, is refused.
   */
  confineTo?: string;
  /**
   * Every template renders an XML document (XHTML, a package document, an NCX): what an
   * override renders must be well-formed, and no override, nor an overriding stylesheet, may
   * reference a remote resource.
   */
  xml?: boolean;
}

/**
 * Compiled templates keyed by file name, each fed its own view model type:
 * `Views` maps a template's file name to the shape of the object it receives.
 */
export interface Templates<Views extends object> {
  render<K extends keyof Views & string>(name: K, view: Views[K]): string;
  /** A file used as it is (a stylesheet), with the same override rule. */
  asset(name: string): string;
  /** The path each template and asset was read from, built-in or override. */
  readonly sources: ReadonlyMap<string, string>;
}

/** The largest template or stylesheet read: the built-ins take a few KB. */
export const TEMPLATE_MAX_BYTES = 1024 * 1024;
/** What one document may render: this, or RENDER_FACTOR times the text of its view when that is more. */
export const RENDER_MIN_BYTES = 16 * 1024 * 1024;
/** What all documents together may render: this, or RENDER_FACTOR times the text of all views. */
export const RENDER_TOTAL_MIN_BYTES = 64 * 1024 * 1024;
export const RENDER_FACTOR = 8;
/** How long one document may take to render; the built-ins take milliseconds. */
export const RENDER_SECONDS = 5;
/** What one pass of a loop counts for at the least, so that a loop writing nothing still adds up. */
const PASS_COST = 64;

const COMPILE_OPTIONS: CompileOptions = {
  strict: true,
  knownHelpersOnly: true,
  preventIndent: true,
};

const RUNTIME_OPTIONS: Handlebars.RuntimeOptions = {
  allowProtoPropertiesByDefault: false,
  allowProtoMethodsByDefault: false,
};

type Loc = { line: number; column: number };

/** A render stopped by its budget; `loc` ends as the outermost loop it was in. */
class RenderLimit extends Error {
  constructor(
    readonly kind: 'size' | 'time',
    public loc: Loc | undefined,
  ) {
    super(kind);
  }
}

/**
 * Counts what loops write while a document renders, and stops the render past its budget.
 * Each pass of `{{#each}}` (also `{{#list}}` over a list, which Handlebars runs as `each`) is
 * charged what it wrote less what loops inside it wrote (those were charged already), plus
 * PASS_COST; the clock is read every 64 passes.
 */
class RenderMeter {
  private charged = 0;
  private passes = 0;
  private readonly inner: number[] = [0];
  constructor(
    private readonly limit: number,
    private readonly deadline: number,
  ) {}

  pass(run: () => string, loc: Loc | undefined): string {
    if ((++this.passes & 63) === 0 && performance.now() > this.deadline) throw new RenderLimit('time', loc);
    this.inner.push(0);
    let out: string;
    let nested: number;
    try {
      out = run();
    } catch (e) {
      if (e instanceof RenderLimit) e.loc = loc ?? e.loc;
      throw e;
    } finally {
      nested = this.inner.pop()!;
    }
    this.charged += Math.max(0, out.length - nested) + PASS_COST;
    this.inner[this.inner.length - 1] += out.length;
    if (this.charged > this.limit) throw new RenderLimit('size', loc);
    return out;
  }
}

/** Read and compile the named templates and assets, preferring overrides. */
export async function loadTemplates<Views extends object>(
  templateNames: readonly (keyof Views & string)[],
  assetNames: readonly string[],
  opts: TemplateOptions = {},
): Promise<Templates<Views>> {
  const world = opts.world ?? nodeWorld;
  const builtinDir = opts.builtinDir ?? BUILTIN_TEMPLATES_DIR;
  const clean = opts.cleanString ?? ((s: string) => s);
  const hb = Handlebars.create();
  hb.log = () => undefined;
  const sources = new Map<string, string>();
  const overridden = new Set<string>();
  const texts = new Map<string, string>();

  let meter: RenderMeter | undefined;
  const each = hb.helpers.each;
  hb.registerHelper('each', function (this: unknown, context: unknown, options: Handlebars.HelperOptions & { loc?: { start: Loc } }) {
    const fn = options.fn;
    const at = options.loc ? { line: options.loc.start.line, column: options.loc.start.column + 1 } : undefined;
    const counted = (ctx: unknown, o?: Handlebars.RuntimeOptions) => (meter ? meter.pass(() => fn(ctx, o), at) : fn(ctx, o));
    return each.call(this, context, { ...options, fn: counted });
  });

  async function read(name: string): Promise<string> {
    if (path.basename(name) !== name) throw new TemplateError(name, 'a template name must be a plain file name');
    const override = opts.overrideDir ? path.join(opts.overrideDir, name) : undefined;
    // Something under a template's name that is not a file (a FIFO, a folder, a device) is a
    // mistake to point out, not a reason to fall back silently on the built-in template.
    if (override && !(await world.isFile(override)) && (await world.realpath(override).catch(() => undefined)) !== undefined) {
      throw new TemplateError(
        override,
        'is not a regular file (a folder, a FIFO or a device)',
        'not-a-file',
        undefined,
        'remove it, or put the template file under this name',
      );
    }
    const file = override && (await world.isFile(override)) ? override : path.join(builtinDir, name);
    if (file === override && opts.confineTo) {
      const real = await world.realpath(override).catch(() => override);
      if (!real.startsWith(opts.confineTo + path.sep)) {
        throw new TemplateError(override, 'is a symlink leading out of the edition folder', 'outside');
      }
    }
    sources.set(name, file);
    if (file === override) overridden.add(name);
    const size = await world.fileSize(file).catch(() => undefined);
    if (size !== undefined && size > TEMPLATE_MAX_BYTES) {
      throw new TemplateError(
        file,
        `is ${megabytes(size)}, over the ${megabytes(TEMPLATE_MAX_BYTES)} a template or stylesheet may take`,
        'too-large',
        undefined,
        'a template holds markup and fields, a few KB: check that this is the file meant',
      );
    }
    try {
      const text = (await world.readFile(file)).toString('utf8');
      texts.set(name, text);
      return text;
    } catch (e) {
      throw new TemplateError(file, `cannot be read (${(e as Error).message})`);
    }
  }

  const compiled = new Map<string, HandlebarsTemplateDelegate>();
  for (const name of templateNames) {
    const source = await read(name);
    const file = sources.get(name)!;
    try {
      // Compile now (Handlebars would wait for the first render) so a syntax error or an
      // unknown helper in an override is reported before anything is built.
      hb.precompile(source, COMPILE_OPTIONS);
      compiled.set(name, hb.compile(source, COMPILE_OPTIONS));
    } catch (e) {
      throw new TemplateError(file, (e as Error).message);
    }
    const ast = hb.parse(source);
    const raw = unescapedPlainText(ast);
    if (raw) {
      throw new TemplateError(
        file,
        `line ${raw.line}: \`{{{${raw.name}}}}\` would place plain text unescaped; write \`{{${raw.name}}}\` (only fields ending in Html or Xml hold markup)`,
      );
    }
    // Partials are the one way a template can call itself (and an inline partial calling
    // another three times, eighteen deep, multiplies like nested loops): a template has none.
    const partial = findNode(ast, (n) => /^(Partial|PartialBlock|Decorator|DecoratorBlock)Statement$|^Decorator(Block)?$/.test(n.type));
    if (partial) {
      throw new TemplateError(
        file,
        'uses a partial or a decorator (`{{> name}}`, `{{#*inline}}`), which templates cannot',
        'invalid',
        startOf(partial),
        'write the markup in the template itself',
      );
    }
    if (opts.xml && overridden.has(name)) {
      const remote = remoteInTemplateSource(source);
      if (remote) throw remoteError(file, remote, lineColumn(source, remote.offset));
    }
  }
  const assets = new Map<string, string>();
  for (const name of assetNames) {
    const text = await read(name);
    if (opts.xml && overridden.has(name) && name.endsWith('.css')) {
      const remote = remoteInCss(text);
      if (remote) throw remoteError(sources.get(name)!, remote, lineColumn(text, remote.offset));
    }
    assets.set(name, text);
  }

  let renderedTotal = 0;
  let viewTotal = 0;

  /** The place in the template that wrote `offset` of `out`, found by rendering again with markers. */
  function locate(name: string, view: unknown, out: string, offset: number): Loc | undefined {
    try {
      return locateInTemplate(hb, texts.get(name)!, view, out, offset);
    } catch {
      return undefined;
    }
  }

  /** An override's XML output: well-formed, and nothing in it loaded from outside the EPUB. */
  function checkRendered(name: string, view: unknown, out: string): void {
    const file = sources.get(name)!;
    let remote: RemoteReference | undefined;
    const problem = checkXml(out, {
      attribute(element, attr, value, offset) {
        remote = remoteAttribute(element, attr, value, offset);
        return remote ? { offset: remote.offset, message: '' } : undefined;
      },
      style(css, offset) {
        const r = remoteInCss(css);
        remote = r && { ...r, where: `${r.where} of a <style>`, offset: offset + r.offset };
        return remote ? { offset: remote.offset, message: '' } : undefined;
      },
    });
    if (!problem) return;
    const at = locate(name, view, out, problem.offset);
    const inOutput = lineColumn(out, problem.offset);
    if (remote) throw remoteError(file, remote, at);
    throw new TemplateError(
      file,
      `renders XML that is not well-formed: ${problem.message} (line ${inOutput.line}, column ${inOutput.column} of what it renders)`,
      'invalid',
      at,
      'a reading system refuses a document that is not well-formed XML: close every element in order, quote every attribute, write & as &amp; and < as &lt;',
    );
  }

  return {
    sources,
    render(name, view) {
      const template = compiled.get(name);
      const file = sources.get(name) ?? name;
      if (!template) throw new TemplateError(name, 'this template was not loaded');
      const text = { length: 0 };
      const cleaned = cleanStrings(view, clean, text);
      const limit = Math.max(RENDER_MIN_BYTES, RENDER_FACTOR * text.length);
      viewTotal += text.length;
      let out: string;
      meter = new RenderMeter(limit, performance.now() + RENDER_SECONDS * 1000);
      try {
        out = template(cleaned, RUNTIME_OPTIONS);
      } catch (e) {
        if (e instanceof RenderLimit) throw limitError(file, e.kind, limit, e.loc);
        // A render that outgrew the longest string there can be.
        if (e instanceof RangeError && /string length/i.test(e.message)) throw limitError(file, 'size', limit, undefined);
        throw new TemplateError(file, (e as Error).message);
      } finally {
        meter = undefined;
      }
      if (out.length > limit) throw limitError(file, 'size', limit, undefined);
      renderedTotal += out.length;
      const totalLimit = Math.max(RENDER_TOTAL_MIN_BYTES, RENDER_FACTOR * viewTotal);
      if (renderedTotal > totalLimit) {
        throw new TemplateError(
          file,
          `renders more than ${megabytes(totalLimit)} for the documents of the issue together`,
          'invalid',
          undefined,
          'a template places the fields of its view once or a few times: check for text repeated many times over',
        );
      }
      if (opts.xml && overridden.has(name)) checkRendered(name, cleaned, out);
      return out;
    },
    asset(name) {
      const text = assets.get(name);
      if (text === undefined) throw new TemplateError(name, 'this asset was not loaded');
      return text;
    },
  };
}

function limitError(file: string, kind: 'size' | 'time', limit: number, loc: Loc | undefined): TemplateError {
  const what = kind === 'size' ? `renders more than ${megabytes(limit)} for one document` : `ran past ${RENDER_SECONDS} s rendering one document`;
  return new TemplateError(
    file,
    `${what}${loc ? ' in the loop that starts here' : ''}: stopped, nothing was written`,
    'invalid',
    loc,
    'a loop inside a loop over the same items multiplies what it writes: loop over each list once',
  );
}

function remoteError(file: string, r: RemoteReference, at: Loc | undefined): TemplateError {
  const url = r.url.length > 80 ? `${r.url.slice(0, 79)}…` : r.url;
  return new TemplateError(
    file,
    `references \`${url}\` (${r.where}), outside the EPUB`,
    'remote',
    at,
    'an EPUB is read offline and fetches nothing: put the file in the templates folder and name it by a relative path, or leave it out',
  );
}

function megabytes(bytes: number): string {
  return `${+(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

type Node = { type: string; loc?: { start: { line: number; column: number }; end: { line: number; column: number } } };

/** The first node of the AST (in document order) that `test` accepts. */
/**
 * Every node of a template's syntax tree, depth first, in source order: the one walk the
 * checks and the locator share. `visit` returns true to end the walk there.
 */
function walkTemplate(node: unknown, visit: (n: Node) => boolean | undefined): boolean {
  if (node === null || typeof node !== 'object') return false;
  const n = node as Node;
  if (typeof n.type === 'string' && visit(n)) return true;
  for (const [key, value] of Object.entries(node)) {
    if (key === 'loc') continue;
    if (Array.isArray(value) ? value.some((v) => walkTemplate(v, visit)) : walkTemplate(value, visit)) return true;
  }
  return false;
}

function findNode(program: hbs.AST.Program, test: (n: Node) => boolean): Node | undefined {
  let found: Node | undefined;
  walkTemplate(program, (n) => {
    if (test(n)) found = n;
    return found !== undefined;
  });
  return found;
}

function startOf(n: Node): Loc | undefined {
  return n.loc ? { line: n.loc.start.line, column: n.loc.start.column + 1 } : undefined;
}

/**
 * The first `{{{x}}}` (or `{{& x}}`) whose field is not markup our code rendered: values from
 * the manifest and the front matter are always escaped, whatever a project's template says.
 */
function unescapedPlainText(program: hbs.AST.Program): { name: string; line: number } | undefined {
  const n = findNode(program, (node) => {
    const m = node as { type: string; escaped?: boolean; path?: { original?: unknown } };
    return m.type === 'MustacheStatement' && m.escaped === false && !/(Html|Xml)$/.test(String(m.path?.original ?? ''));
  }) as { path?: { original?: unknown }; loc?: { start: { line: number } } } | undefined;
  return n ? { name: String(n.path?.original ?? ''), line: n.loc?.start.line ?? 1 } : undefined;
}

// Markers put before each run of a template's own text when it is rendered again to find
// where a problem came from. U+FFFE and U+FFFF never reach a view (XML cannot carry them, and
// views are cleaned of them), so a marker in the output is always one of ours.
const MARK = /\uFFFF([0-9a-z]+)\uFFFE/g;

/**
 * Where in the template `offset` of `out` was written: the template is rendered again with a
 * marker before each run of its own text; the last marker before `offset` names the run (the
 * problem is in it, or in the field placed right after it). Undefined when the marked render
 * does not give back `out` once the markers are taken out.
 */
function locateInTemplate(hb: typeof Handlebars, source: string, view: unknown, out: string, offset: number): Loc | undefined {
  const ast = hb.parse(source);
  const runs: { value: string; original: string; loc: NonNullable<Node['loc']> }[] = [];
  walkTemplate(ast, (node) => {
    const n = node as { type?: string; value?: string; original?: string; loc?: NonNullable<Node['loc']> };
    if (n.type === 'ContentStatement' && typeof n.value === 'string' && n.loc) {
      runs.push({ value: n.value, original: n.original ?? n.value, loc: n.loc });
      n.value = `\uFFFF${(runs.length - 1).toString(36)}\uFFFE${n.value.replace(/[\uFFFE\uFFFF]/g, '\uFFFD')}`;
    }
    return false;
  });
  const marked = hb.compile(ast, COMPILE_OPTIONS)(view, RUNTIME_OPTIONS);
  let clean = '';
  let last = 0;
  let best: { at: number; run: number } | undefined;
  for (const m of marked.matchAll(MARK)) {
    clean += marked.slice(last, m.index);
    last = m.index + m[0].length;
    if (clean.length <= offset) best = { at: clean.length, run: parseInt(m[1], 36) };
  }
  clean += marked.slice(last);
  if (clean !== out || !best) return undefined;
  const run = runs[best.run];
  const into = offset - best.at;
  if (into >= run.value.length) return { line: run.loc.end.line, column: run.loc.end.column + 1 };
  // The run's value is its source text, less what whitespace control took from its ends.
  const lead = Math.max(0, run.original.indexOf(run.value));
  const before = run.original.slice(0, lead + into);
  const newline = before.lastIndexOf('\n');
  return newline === -1
    ? { line: run.loc.start.line, column: run.loc.start.column + before.length + 1 }
    : { line: run.loc.start.line + before.split('\n').length - 1, column: before.length - newline };
}

/** A copy of a plain view model (objects, arrays, scalars) with `clean` applied to strings; adds their length to `text`. */
function cleanStrings<T>(value: T, clean: (s: string) => string, text: { length: number }): T {
  if (typeof value === 'string') {
    const s = clean(value);
    text.length += s.length;
    return s as T;
  }
  if (Array.isArray(value)) return value.map((v) => cleanStrings(v, clean, text)) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = cleanStrings(v, clean, text);
    return out as T;
  }
  return value;
}
