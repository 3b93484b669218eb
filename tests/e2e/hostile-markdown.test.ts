// Hostile Markdown and raw HTML (issue 15, "never hang, never crash"): whatever an article
// holds, the command line ends inside the budget (1 GB heap, the tool's 40 s per article)
// with its exact exit code: 1 and `limit/nesting` at the place, for what the parser would take
// minutes over (markers it pairs, wherever they hide; openers it reads past; HTML nested
// thousands deep); 0 for ordinary Markdown, however long, that the old line count refused.
// The cases run through the CLI in a few shared builds of one article per case (the build
// reads every article and reports each one's errors at its place): the cases refused, the
// cases built, each with the limits they ask for; so 70 cases cost a handful of starts.
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { MINIMAL_MANIFEST, writeEdition, type Files } from '../support/edition.js';
import { assertRefused, runHostile, type HostileRun } from '../support/hostile.js';

/** An article whose body starts at line 5. */
const article = (body: string, front = '') => `---\ntitle: Hostile Markdown\n${front}---\n\n${body}\n`;
const stars = (n: number) => '*a '.repeat(n).trim();
const lines = (n: number, line: string) => Array.from({ length: n }, () => line).join('\n');

interface Case {
  name: string;
  text: () => string;
  /** 1: refused with `limit/nesting`, and the first error matching `at`; 0: built, no `limit/nesting`. */
  code: 0 | 1;
  at?: RegExp;
  /** `limits:` for edition.yaml. */
  limits?: string;
  /** Another outcome that is right too: exit 1 with this code (a stage after the parse refusing it). */
  orRefusedBy?: string;
}

/** A build of several cases, one article each (`articles/c<i>.md`), run once, when a case first asks for it. */
interface SharedBuild {
  texts: string[];
  limits: string;
  run?: Promise<HostileRun>;
}

const shared = new Map<string, SharedBuild>();

/**
 * The harness's guard against a hang, for a build of many cases: each article still has the
 * tool's own budget (40 s, PRESSROOM_TIME_BUDGET), as when each case was built alone.
 */
const SHARED_BUDGET = { ms: 300_000 };

/** Adds `c` to the shared build of the cases with its outcome and limits; returns the build and the case's article. */
function join(c: Case): { build: SharedBuild; file: string } {
  const key = c.orRefusedBy ? `alone:${c.name}` : `${c.code}:${c.limits ?? ''}`;
  let build = shared.get(key);
  if (!build) shared.set(key, (build = { texts: [], limits: c.limits ?? '' }));
  build.texts.push(c.text());
  return { build, file: `c${build.texts.length - 1}.md` };
}

function runShared(b: SharedBuild): Promise<HostileRun> {
  b.run ??= (() => {
    const list = b.texts.map((_, i) => `  - articles/c${i}.md\n`).join('');
    const files: Files = { 'edition.yaml': MINIMAL_MANIFEST.replace('  - articles/one.md\n', list) + b.limits };
    b.texts.forEach((t, i) => (files[`articles/c${i}.md`] = t));
    return runHostile(['build', 'edition', '--out', 'out'], path.dirname(writeEdition(files)), SHARED_BUDGET);
  })();
  return b.run;
}

/** The message lines about article `file`, relative to the edition folder. */
const linesOf = (run: HostileRun, file: string) => run.stderr.split('\n').filter((l) => l.startsWith(`edition/articles/${file}:`));
/** The first error line about article `file`. */
const firstError = (run: HostileRun, file: string) => linesOf(run, file).find((l) => l.includes(': error: ')) ?? '';
/** `at`, written for `articles/one.md`, for the case's own article. */
const atFile = (at: RegExp, file: string) => new RegExp(at.source.replace('one\\.md', file.replace('.', '\\.')), at.flags);

function check(c: Case): void {
  const { build, file } = join(c);
  it(`${c.code ? 'refuses' : 'builds'} ${c.name}`, async () => {
    const run = await runShared(build);
    const shown = `${file}:\n${run.stderr.slice(0, 3000)}`;
    if (c.code === 1) {
      assertRefused(run, { code: 1, diagnostic: 'limit/nesting' }, SHARED_BUDGET);
      const first = firstError(run, file);
      assert.ok(first.endsWith(' [limit/nesting]'), shown);
      if (c.at) assert.match(first, atFile(c.at, file), shown);
      assert.match(run.stderr, /nothing was written/);
    } else if (c.orRefusedBy && run.code === 1) {
      assertRefused(run, { code: 1, diagnostic: c.orRefusedBy }, SHARED_BUDGET);
      assert.ok(!run.codes.includes('limit/nesting'), shown);
    } else {
      assertRefused(run, { code: 0 }, SHARED_BUDGET);
      assert.ok(!run.codes.includes('limit/nesting'), shown);
    }
  });
}

const at = (line: number, column: number, what = 'a paragraph with more than 1000 emphasis and link markers') =>
  new RegExp(`^edition/articles/one\\.md:${line}:${column}: error: ${what}`);

// ---- markers the parser pairs, wherever they are -----------------------------------------

const MARKERS: Case[] = [
  { name: 'markers in a block quote', text: () => article(`> ${stars(1001)}`), code: 1, at: at(5, 3) },
  { name: 'markers in nested quotes, one a line', text: () => article(lines(1001, '> > > *a')), code: 1, at: at(5, 7) },
  { name: "markers on a quote's lazy lines", text: () => article(`> *a\n${lines(1000, '*a')}`), code: 1, at: at(5, 3) },
  { name: 'markers in a list item', text: () => article(`- ${stars(1001)}`), code: 1, at: at(5, 3) },
  { name: 'markers in a nested list item', text: () => article(`- a\n  - ${stars(1001)}`), code: 1, at: at(6, 5) },
  { name: "markers on an ordered item's continuation lines", text: () => article(`1. *a\n${lines(1000, '   *a')}`), code: 1, at: at(5, 4) },
  { name: 'markers in a footnote', text: () => article(`Text.[^n]\n\n[^n]: ${stars(1001)}`), code: 1, at: at(7, 7) },
  { name: 'markers after a fake fence (a backtick in its info string)', text: () => article(`\`\`\` a\`b\n${stars(1001)}`), code: 1, at: at(5, 1) },
  { name: 'markers after a fake four-backtick fence', text: () => article(`\`\`\`\`js \`x\`\n${lines(1001, '*a')}`), code: 1, at: at(5, 1) },
  { name: 'markers after a fence that ended with its quote', text: () => article(`> \`\`\`\n> code\n\n${stars(1001)}`), code: 1, at: at(8, 1) },
  {
    name: 'markers after a tilde fence, closed by tildes and not by the backticks inside',
    text: () => article(`~~~\n\`\`\`\n~~~\n${stars(1001)}`),
    code: 1,
    at: at(8, 1),
  },
  { name: 'markers on indented lines that continue a paragraph', text: () => article(`para\n${lines(1001, '    *a')}`), code: 1, at: at(5, 1) },
  { name: 'markers after a tab-indented fence that continues a paragraph', text: () => article(`para\n\t\`\`\`\n${stars(1001)}`), code: 1, at: at(5, 1) },
  {
    name: 'markers in rows that look like a table (a delimiter row of the wrong width)',
    text: () => article(`a | b | c\n|---|---|\n${lines(600, '*a | *b')}`),
    code: 1,
    at: at(5, 1),
  },
  { name: 'markers under a delimiter row with no header', text: () => article(`|---|---|\n${lines(600, '| *a | *b |')}`), code: 1, at: at(5, 1) },
  { name: 'markers in a heading', text: () => article(`## ${stars(1001)}`), code: 1, at: at(5, 4, 'a heading with more than 1000') },
  { name: 'markers in a setext heading', text: () => article(`${lines(1001, '*a')}\n---`), code: 1, at: at(5, 1, 'a heading with more than 1000') },
  {
    name: 'markers in a table cell',
    text: () => article(`| a | b |\n|---|---|\n| x | ${stars(1001)} |`),
    code: 1,
    at: at(7, 7, 'a table cell with more than 1000'),
  },
  { name: 'link labels `[[[[`', text: () => article(`x ${'['.repeat(5000)}`), code: 1, at: at(5, 1) },
  { name: 'image labels `![![`', text: () => article(`x ${'!['.repeat(5000)}`), code: 1, at: at(5, 1) },
  { name: 'closing brackets alone', text: () => article(`x ${'a] '.repeat(5000)}`), code: 1, at: at(5, 1) },
  { name: 'nested emphasis, openers then closers', text: () => article(`${'*a _b '.repeat(300)}${'c_ d* '.repeat(300)}`), code: 1, at: at(5, 1) },
  { name: 'strikethrough markers', text: () => article('~a '.repeat(3000)), code: 1, at: at(5, 1) },
  { name: 'underscores', text: () => article('_a '.repeat(3000)), code: 1, at: at(5, 1) },
  { name: 'a 2 MB article of `*a` pairs on one line', text: () => article('*a'.repeat(1_000_000)), code: 1, at: at(5, 1) },
  { name: 'a 2 MB article of `*a` pairs on 25 000 lines', text: () => article(lines(25_000, '*a'.repeat(40))), code: 1, at: at(5, 1) },
  {
    name: 'a deck of markers (a front matter field is Markdown too)',
    text: () => article('Body.', `deck: "${stars(1001)}"\n`),
    code: 1,
    at: /^edition\/articles\/one\.md:3:\d+: error: a paragraph with more than 1000 /,
  },
  {
    name: 'a hundred paragraphs each just under the limit (the article-wide bound)',
    text: () => article(Array.from({ length: 100 }, () => stars(900)).join('\n\n')),
    code: 1,
    // 80 × 900² is past 64 paragraphs of 1000²: the 80th paragraph, at line 5 + 2 × 79.
    at: at(163, 1, 'up to this paragraph, the article takes as long to parse as 65 paragraphs'),
  },
];

// ---- openers the parser reads past, and paragraphs too long for it -------------------------

const SCANS: Case[] = [
  {
    name: 'HTML comments that never close',
    text: () => article(`x ${'<!-- '.repeat(20_000)}`),
    code: 1,
    at: at(5, 1, 'a paragraph with 20000 backtick runs or HTML openers'),
  },
  {
    name: 'backtick runs of 1500 lengths, none closed',
    text: () => article(`x ${Array.from({ length: 1500 }, (_, i) => `${'`'.repeat(i + 1)} a`).join(' ')}`),
    code: 1,
    at: at(5, 1, 'a paragraph with 1500 backtick runs'),
  },
  { name: 'processing instructions that never close', text: () => article(`x ${'<?x '.repeat(20_000)}`), code: 1, at: at(5, 1, 'a paragraph with 20000 ') },
  {
    name: 'CDATA sections that never close, before 500 KB of words',
    text: () => article(`x ${'<![CDATA[ '.repeat(400)}${'word '.repeat(100_000)}`),
    code: 1,
    at: at(5, 1, 'a paragraph with 400 '),
  },
  {
    name: 'a paragraph of 40 000 lines with no blank line',
    text: () => article(lines(40_000, 'The quick brown fox jumps over the lazy dog.')),
    code: 1,
    at: at(5, 1, 'a paragraph of 40000 lines'),
  },
];

// ---- ordinary Markdown that must keep building ---------------------------------------------

const ORDINARY: Case[] = [
  {
    name: 'a list of 2000 links written without blank lines',
    text: () => article(Array.from({ length: 2000 }, (_, i) => `- [link ${i}](https://example.org/p_${i})`).join('\n')),
    code: 0,
  },
  {
    name: '5000 reference definitions',
    text: () =>
      article(`See [the first][d0] and [the last][d4999].\n\n${Array.from({ length: 5000 }, (_, i) => `[d${i}]: https://example.org/a_${i}`).join('\n')}`),
    code: 0,
  },
  { name: 'a code block of 3000 markers', text: () => article(`\`\`\`js\n${lines(300, 'a[i] = b_c * d[j] ~ e;')}\n\`\`\``), code: 0 },
  { name: 'an indented code block of 3000 markers', text: () => article(`Code:\n\n${lines(300, '    a[i] = b_c * d[j] ~ e;')}`), code: 0 },
  { name: 'a paragraph of 3000 escaped markers', text: () => article('\\*a \\_b \\[c\\] '.repeat(750)), code: 0 },
  { name: 'an HTML block of 3000 markers', text: () => article(`<div>\n${lines(300, '*a* _b_ [c] ~d~ *e')}\n</div>`), code: 0 },
  {
    name: 'a table of 300 rows with emphasis and links in every cell',
    text: () => article(`| a | b | c |\n|---|---|---|\n${lines(300, '| *a* | [b](https://x.org/) | ~~c~~ _d_ |')}`),
    code: 0,
  },
  { name: 'a paragraph of exactly 1000 markers', text: () => article(stars(1000)), code: 0 },
  {
    name: 'a long article: 400 paragraphs of emphasis, links and code',
    text: () =>
      article(Array.from({ length: 400 }, (_, i) => `Paragraph ${i} with *emphasis*, **strong**, a [link](https://x.org/${i}) and \`code\`.`).join('\n\n')),
    code: 0,
  },
];

// ---- raw HTML nested deep -------------------------------------------------------------------

/** `<tag>` n deep around a word; blocks stand alone, inline elements inside a paragraph. */
function nestedHtml(tag: string, n: number): string {
  const [open, close] = tag === 'ul' ? ['<ul><li>', '</li></ul>'] : [`<${tag}>`, `</${tag}>`];
  const inner = `${open.repeat(n)}deep${close.repeat(n)}`;
  return article(['blockquote', 'div', 'ul'].includes(tag) ? inner : `x ${inner} y`);
}

const HTML: Case[] = ['blockquote', 'div', 'b', 'span', 'q', 'ul'].flatMap((tag) =>
  [10, 100, 10_000, 100_000].map((n): Case => {
    // div becomes paragraphs and ul is dropped (its text kept): neither nests in the model.
    const flat = tag === 'div' || tag === 'ul';
    const refused = !flat && n > 32;
    return {
      name: `<${tag}> nested ${n} deep`,
      text: () => nestedHtml(tag, n),
      code: refused ? 1 : 0,
      at: refused ? new RegExp(`^edition/articles/one\\.md:5:\\d+: error: raw HTML nested 33 deep \\(\`<${tag}>\` inside 32 elements\\)`) : undefined,
      limits: 'limits:\n  article-size: 4MB\n',
    };
  }),
);

// ---- long front matter fields ---------------------------------------------------------------

const DECKS: Case[] = [
  {
    // Parsed and lowered in a second; whether an opener that tall is set is the typesetter's to say.
    name: 'a 500 KB deck of words',
    text: () => article('Body.', `deck: "${'word '.repeat(100_000)}"\n`),
    code: 0,
    orRefusedBy: 'typeset/does-not-fit',
  },
  {
    name: 'a 500 KB deck of markers',
    text: () => article('Body.', `deck: "${stars(160_000)}"\n`),
    code: 1,
    at: /^edition\/articles\/one\.md:3:\d+: error: a paragraph with more than 1000 /,
  },
  {
    name: 'a 500 KB deck of nested <b>',
    text: () => article('Body.', `deck: "${'<b>'.repeat(70_000)}x${'</b>'.repeat(70_000)}"\n`),
    code: 1,
    at: /^edition\/articles\/one\.md:3:\d+: error: raw HTML nested 33 deep/,
  },
  {
    name: 'a 500 KB title of HTML comments that never close',
    text: () => `---\ntitle: "x ${'<!-- '.repeat(100_000)}"\n---\n\nBody.\n`,
    code: 1,
    at: /^edition\/articles\/one\.md:2:\d+: error: a paragraph with 100000 backtick runs or HTML openers/,
  },
];

// ---- ten thousand links ---------------------------------------------------------------------

const link = (i: number) => `[link ${i}](https://example.org/a/${i})`;
const LINKS: Case[] = [
  { name: '10 000 links, one a paragraph', text: () => article(Array.from({ length: 10_000 }, (_, i) => link(i)).join('\n\n')), code: 0 },
  {
    name: '10 000 links in 100 paragraphs of 100',
    text: () => article(Array.from({ length: 100 }, (_, p) => Array.from({ length: 100 }, (_, i) => link(p * 100 + i)).join(' ')).join('\n\n')),
    code: 0,
  },
  {
    name: '10 000 links in one paragraph',
    text: () => article(Array.from({ length: 10_000 }, (_, i) => link(i)).join(' ')),
    code: 1,
    at: at(5, 1),
  },
];

describe('hostile Markdown: markers the parser pairs, wherever they are', { concurrency: 2 }, () => MARKERS.forEach(check));
describe('hostile Markdown: openers read past, paragraphs too long', { concurrency: 2 }, () => SCANS.forEach(check));
describe('hostile Markdown: ordinary Markdown keeps building', { concurrency: 2 }, () => ORDINARY.forEach(check));
describe('hostile Markdown: raw HTML nested 10 to 100 000 deep', { concurrency: 2 }, () => HTML.forEach(check));
describe('hostile Markdown: long front matter fields', { concurrency: 2 }, () => DECKS.forEach(check));
describe('hostile Markdown: ten thousand links', { concurrency: 2 }, () => LINKS.forEach(check));
