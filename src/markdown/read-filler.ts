// The manifest's fillers → model Fillers: a file (front matter `title`, `credit`, `lang`) or
// text written in edition.yaml, through the same parsing and lowering as an article, held to
// what a short boxed item can be: paragraphs of at most FILLER_MAX_WORDS words.
import type { Definition, Node, Parent, Root } from 'mdast';
import path from 'node:path';
import { error, type Reporter } from '../diagnostics/diagnostic.js';
import { checkArticleText, checkFieldText, checkTree } from '../limits/limits.js';
import type { FillerEntry, Manifest, YamlPlace } from '../manifest/load-manifest.js';
import { MANIFEST_FILE } from '../manifest/load-manifest.js';
import { pathCode, refusalMessage } from '../manifest/paths.js';
import { FILLER_MAX_WORDS, fillerFrontMatterSchema, type FillerFrontMatter } from '../manifest/schema.js';
import { parseYaml, schemaDiagnostics } from '../manifest/yaml-source.js';
import { blocksText } from '../model/inline-text.js';
import type { Block, Filler, Inline, Position } from '../model/types.js';
import type { World } from '../world.js';
import { lowerBlocks } from './lower/blocks.js';
import { newLowerContext, normalizeLabel } from './lower/context.js';
import { inlineFromString, relocate, reportingAt } from './inline-field.js';
import { frontMatterOf, parseMarkdown, parseSyntax, punctuate } from './parse.js';

/** The largest filler file read: a hundred and twenty words and a front matter take 1 KB. */
export const FILLER_MAX_BYTES = 64 * 1024;

/** The fillers that could be read, in the manifest's order; the others are reported. */
export async function readFillers(world: World, manifest: Manifest, reporter: Reporter): Promise<Filler[]> {
  const out: Filler[] = [];
  for (const entry of manifest.fillers) {
    const f = await readFiller(world, manifest, entry, reporter);
    if (f) out.push(f);
  }
  return out;
}

async function readFiller(world: World, manifest: Manifest, entry: FillerEntry, reporter: Reporter): Promise<Filler | undefined> {
  const before = reporter.errors.length;
  const quotes = manifest.quotes;
  let body: { tree: Root; file: string; lang: string; at?: Position };
  let front: FillerFrontMatter = {};
  let frontAt: (key: keyof FillerFrontMatter) => Position = () => ({ file: MANIFEST_FILE, line: entry.line, column: entry.column });

  if ('text' in entry.source) {
    // Written in edition.yaml: every place inside the text is the field's place.
    const at: Position = { file: MANIFEST_FILE, ...entry.source.at };
    const refused = checkFieldText(entry.source.text, at, manifest.limits.nesting);
    if (refused) {
      reporter.report(refused);
      return undefined;
    }
    const lang = entry.lang ?? manifest.language;
    body = { tree: parseMarkdown(entry.source.text, lang, quotes), file: MANIFEST_FILE, lang, at };
  } else {
    const file = entry.source.file;
    const read = await world.readInside(manifest.dir, path.relative(manifest.dir, entry.source.abs), FILLER_MAX_BYTES);
    if (!read.ok) {
      const { message, hint } = refusalMessage('filler', file, read.reason, FILLER_MAX_BYTES, read.size);
      reporter.report(error(pathCode(read.reason), message, { file: MANIFEST_FILE, line: entry.line, column: entry.column }, [hint]));
      return undefined;
    }
    const text = read.data.toString('utf8').replace(/^\uFEFF/, '');
    const refused = checkArticleText(text, file, manifest.limits);
    if (refused) {
      reporter.report(refused);
      return undefined;
    }
    const syntax = parseSyntax(text);
    const fm = readFrontMatter(syntax, file, reporter);
    if (!fm) return undefined;
    front = fm.value;
    frontAt = (key) => ({ file, ...(fm.locate(key) ?? { line: 1, column: 1 }) });
    const lang = entry.lang ?? front.lang ?? manifest.language;
    body = { tree: punctuate(syntax, lang, quotes), file, lang };
  }

  const { tree, file, lang } = body;
  const where = (node: Node | undefined): Position => body.at ?? { file, line: node?.position?.start.line ?? 1, column: node?.position?.start.column ?? 1 };
  const deep = checkTree(tree, file, manifest.limits);
  if (deep.length) {
    for (const d of deep) reporter.report(body.at ? { ...d, ...body.at } : d);
    return undefined;
  }
  const unfit = unfitNode(tree);
  if (unfit) {
    reporter.report(error('markdown/unsupported', `a filler holds paragraphs only: ${unfit.what} cannot be set in its box`, where(unfit.node), [unfit.hint]));
    return undefined;
  }

  const ctx = newLowerContext({
    file,
    articleId: entry.id,
    lang,
    quotes,
    reporter: body.at ? reportingAt(reporter, body.at) : reporter,
    nesting: manifest.limits.nesting,
  });
  for (const node of tree.children) {
    if (node.type === 'definition') {
      const key = normalizeLabel((node as Definition).identifier);
      if (!ctx.definitions.has(key)) ctx.definitions.set(key, node as Definition); // the first wins, as in CommonMark
    }
  }
  const lowered = lowerBlocks(tree.children, ctx);
  const blocks = body.at ? relocateBlocks(lowered, body.at) : lowered;
  // Raw HTML may lower to other blocks than paragraphs (a `<ul>`, an `<h2>`).
  const other = blocks.find((b) => b.kind !== 'paragraph');
  if (other) {
    reporter.report(
      error('markdown/unsupported', `a filler holds paragraphs only: a ${other.kind.replace('-', ' ')} cannot be set in its box`, other.pos, [
        'write the filler as one or more paragraphs of text',
      ]),
    );
    return undefined;
  }
  const pos: Position = body.at ?? blocks[0]?.pos ?? { file, line: 1, column: 1 };
  if (blocks.length === 0) {
    reporter.report(
      error('manifest/invalid-value', 'the filler has no text', body.at ?? { file, line: 1, column: 1 }, [
        'write a quotation or a notice of a few lines (the front matter holds only its title and credit)',
      ]),
    );
    return undefined;
  }
  const words = countWords(blocksText(blocks));
  if (words > FILLER_MAX_WORDS) {
    reporter.report(
      error('manifest/invalid-value', `a filler is a short item: this one has ${words} words, over the ${FILLER_MAX_WORDS} a filler may have`, pos, [
        `cut it to ${FILLER_MAX_WORDS} words or fewer, or make it an article of the issue`,
      ]),
    );
    return undefined;
  }

  const fieldInlines = (given: { text: string; at: YamlPlace } | undefined, key: 'title' | 'credit'): Inline[] | undefined => {
    if (given) return inlineFromString(given.text, lang, quotes, { file: MANIFEST_FILE, ...given.at }, ctx);
    const fromFile = front[key];
    return fromFile !== undefined ? inlineFromString(fromFile, lang, quotes, frontAt(key), ctx) : undefined;
  };
  const title = fieldInlines(entry.title, 'title');
  const credit = fieldInlines(entry.credit, 'credit');
  if (reporter.errors.length > before) return undefined;
  return {
    id: entry.id,
    ...(title?.length ? { title } : {}),
    blocks,
    ...(credit?.length ? { credit } : {}),
    lang,
    pos,
  };
}

/**
 * Words as a reader counts them: runs of letters and digits (with inner apostrophes and
 * hyphens), and each Chinese or Japanese character, since those scripts put no space
 * between words.
 */
export function countWords(text: string): number {
  let n = 0;
  for (const m of text.matchAll(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]|[\p{L}\p{N}\p{M}]+(?:['’-][\p{L}\p{N}\p{M}]+)*/gu)) if (m[0]) n++;
  return n;
}

/** The first node a filler's box cannot set (an image, a list, a heading…), with a hint. */
function unfitNode(tree: Root): { node: Node; what: string; hint: string } | undefined {
  const stack: Node[] = [...tree.children];
  while (stack.length) {
    const node = stack.shift()!;
    switch (node.type) {
      case 'image':
      case 'imageReference':
        return { node, what: 'an image', hint: 'a filler is text: put the image in an article' };
      case 'footnoteReference':
      case 'footnoteDefinition':
        return { node, what: 'a footnote', hint: 'say it in the text, or in the credit' };
      case 'blockquote':
        return { node, what: 'a block quote', hint: 'the box is set as a quotation already: write the text without `>`, and the source as `credit`' };
      case 'heading':
        return { node, what: 'a heading', hint: 'give the filler a `title` instead' };
      case 'list':
      case 'table':
      case 'code':
      case 'thematicBreak':
        return {
          node,
          what: `a ${node.type === 'thematicBreak' ? 'rule' : node.type === 'code' ? 'code block' : node.type}`,
          hint: 'write the filler as one or more paragraphs of text',
        };
      default:
        if ('children' in node) stack.unshift(...(node as Parent).children);
    }
  }
  return undefined;
}

interface ReadFrontMatter {
  value: FillerFrontMatter;
  locate(key: string): { line: number; column: number } | undefined;
}

function readFrontMatter(tree: Root, file: string, reporter: Reporter): ReadFrontMatter | undefined {
  const raw = frontMatterOf(tree);
  if (!raw) return { value: {}, locate: () => undefined };
  const parsed = parseYaml(raw.yaml, file, 'article/front-matter', raw.line);
  if (!parsed.ok) {
    parsed.diagnostics.forEach((d) => reporter.report(d));
    return undefined;
  }
  const checked = fillerFrontMatterSchema.safeParse(parsed.source.value ?? {});
  if (!checked.success) {
    for (const d of schemaDiagnostics(checked.error.issues, parsed.source, file, "the filler's front matter")) {
      reporter.report({
        ...d,
        code: 'article/front-matter',
        hints: d.code === 'manifest/unknown-key' ? ["a filler's front matter holds `title`, `credit` and `lang`"] : d.hints,
      });
    }
    return undefined;
  }
  return { value: checked.data, locate: (key) => parsed.source.locate([key]) };
}

function relocateBlocks(blocks: Block[], pos: Position): Block[] {
  // Only paragraphs get through to a filler; anything else is refused by its kind after this.
  return blocks.map((b) => (b.kind === 'paragraph' ? { ...b, content: relocate(b.content, pos), pos } : { ...b, pos }));
}
