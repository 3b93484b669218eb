// The Handlebars engine. Templates only place content that is already rendered: they are
// compiled in strict mode (a missing field is an error, not an empty string), with only the
// built-in helpers, and prototype access stays forbidden (Handlebars' default since 4.6).
// A project's template folder overrides a built-in template by file name.
import path from 'node:path';
import Handlebars from 'handlebars';
import { nodeWorld, type World } from '../world.js';
import { BUILTIN_TEMPLATES_DIR } from './builtin-dir.js';

/** A template that cannot be read, parsed or rendered; names the file it came from. */
export class TemplateError extends Error {
  readonly file: string;
  /** `outside`: the file leads out of the folder it must stay in. */
  readonly reason: 'invalid' | 'outside';
  constructor(file: string, message: string, reason: 'invalid' | 'outside' = 'invalid') {
    super(`${file}: ${message}`);
    this.name = 'TemplateError';
    this.file = file;
    this.reason = reason;
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

const COMPILE_OPTIONS: CompileOptions = {
  strict: true,
  knownHelpersOnly: true,
  preventIndent: true,
};

const RUNTIME_OPTIONS: Handlebars.RuntimeOptions = {
  allowProtoPropertiesByDefault: false,
  allowProtoMethodsByDefault: false,
};

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
  const sources = new Map<string, string>();

  async function read(name: string): Promise<string> {
    if (path.basename(name) !== name) throw new TemplateError(name, 'a template name must be a plain file name');
    const override = opts.overrideDir ? path.join(opts.overrideDir, name) : undefined;
    const file = override && (await world.isFile(override)) ? override : path.join(builtinDir, name);
    if (file === override && opts.confineTo) {
      const real = await world.realpath(override).catch(() => override);
      if (!real.startsWith(opts.confineTo + path.sep)) {
        throw new TemplateError(override, 'is a symlink leading out of the edition folder', 'outside');
      }
    }
    sources.set(name, file);
    try {
      return (await world.readFile(file)).toString('utf8');
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
    const raw = unescapedPlainText(hb.parse(source));
    if (raw) {
      throw new TemplateError(
        file,
        `line ${raw.line}: \`{{{${raw.name}}}}\` would place plain text unescaped; write \`{{${raw.name}}}\` (only fields ending in Html or Xml hold markup)`,
      );
    }
  }
  const assets = new Map<string, string>();
  for (const name of assetNames) assets.set(name, await read(name));

  return {
    sources,
    render(name, view) {
      const template = compiled.get(name);
      if (!template) throw new TemplateError(name, 'this template was not loaded');
      try {
        return template(cleanStrings(view, clean), RUNTIME_OPTIONS);
      } catch (e) {
        throw new TemplateError(sources.get(name) ?? name, (e as Error).message);
      }
    },
    asset(name) {
      const text = assets.get(name);
      if (text === undefined) throw new TemplateError(name, 'this asset was not loaded');
      return text;
    },
  };
}

/**
 * The first `{{{x}}}` (or `{{& x}}`) whose field is not markup our code rendered: values from
 * the manifest and the front matter are always escaped, whatever a project's template says.
 */
function unescapedPlainText(program: hbs.AST.Program): { name: string; line: number } | undefined {
  let found: { name: string; line: number } | undefined;
  const visit = (node: unknown): void => {
    if (found || node === null || typeof node !== 'object') return;
    const n = node as { type?: string; escaped?: boolean; path?: { type?: string; original?: unknown }; loc?: { start: { line: number } } };
    if (n.type === 'MustacheStatement' && n.escaped === false) {
      const name = String(n.path?.original ?? '');
      if (!/(Html|Xml)$/.test(name)) {
        found = { name, line: n.loc?.start.line ?? 1 };
        return;
      }
    }
    for (const value of Object.values(node)) {
      if (Array.isArray(value)) value.forEach(visit);
      else if (value && typeof value === 'object') visit(value);
    }
  };
  visit(program);
  return found;
}

/** A copy of a plain view model (objects, arrays, scalars) with `clean` applied to strings. */
function cleanStrings<T>(value: T, clean: (s: string) => string): T {
  if (typeof value === 'string') return clean(value) as T;
  if (Array.isArray(value)) return value.map((v) => cleanStrings(v, clean)) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = cleanStrings(v, clean);
    return out as T;
  }
  return value;
}
