// Hostile input to the typesetter (issue 15, "never hang, never crash"): words, paragraphs,
// titles, captions, cells and tables of any size are set in time linear in their size or
// refused where they are, and nothing is printed off the page. Each case runs the command
// line under the harness's budget and expects its exact exit code and diagnostic code:
// 0 when set (a word that fits no line cut with a `typeset/overfull-line` warning), 1
// when something cannot fit a page (`typeset/does-not-fit` at its source, nothing written).
// Speed is the benchmark's business: the budget here only guards against a hang. The light
// cases run two at a time (each is a child process); the megabyte ones and the big tables one
// at a time, so that the test runner's other file and they never crowd each other to the budget.
import assert from 'node:assert/strict';
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { MINIMAL_MANIFEST, png, writeEdition, type Files } from '../support/edition.js';
import { assertRefused, runHostile, type Budget, type HostileRun } from '../support/hostile.js';

/** Parsing a table of 80 000 cells (remark, smartypants) alone comes near 1 GB of memory: not the typesetter's. */
const BIG_TABLE: Budget = { heapMb: 1536 };

const roots: string[] = [];
after(() => {
  for (const r of roots) rmSync(r, { recursive: true, force: true });
});

/** The manifest with `extra` lines (layout, limits) before its articles; article files may be large. */
function manifest(extra = '', head = MINIMAL_MANIFEST): string {
  const [top, articles] = head.split('articles:\n');
  return `${top}limits:\n  article-size: 32MB\n${extra}articles:\n${articles}`;
}

/** An article with front matter `fm` (title by default) and `body`. */
const article = (body: string, fm = 'title: A Plain Article\n') => `---\n${fm}---\n\n${body}\n`;

/** Builds an edition of one article (or the files given) into `out`. */
async function build(files: Files, budget: Budget = {}): Promise<{ run: HostileRun; root: string }> {
  const dir = writeEdition({ 'edition.yaml': manifest(), ...files });
  const root = path.dirname(dir);
  roots.push(root);
  return { run: await runHostile(['build', 'edition', '--out', 'out'], root, budget), root };
}

/** Built: exit 0 within the budget, with (or without) `warned`, and never a does-not-fit error. */
function assertBuilt(r: { run: HostileRun; root: string }, warned?: string, notWarned: string[] = []): void {
  assertRefused(r.run, { code: 0, diagnostic: warned });
  assert.ok(!r.run.codes.includes('typeset/does-not-fit'), r.run.stderr.slice(0, 2000));
  for (const code of notWarned) assert.ok(!r.run.codes.includes(code), `[${code}] among ${JSON.stringify(r.run.codes)}`);
  assert.ok(existsSync(path.join(r.root, 'out', 'edition.pdf')));
}

/** Refused with a `typeset/does-not-fit` error at `place` (edition-relative `file:line:col`); nothing written. */
function assertDoesNotFit(r: { run: HostileRun; root: string }, place: string, budget: Budget = {}): void {
  assertRefused(r.run, { code: 1, diagnostic: 'typeset/does-not-fit' }, budget);
  const line = r.run.stderr.split('\n').find((l) => l.endsWith('[typeset/does-not-fit]'));
  assert.ok(line?.startsWith(`edition/${place}: error: `), `not at ${place}: ${line}`);
  assert.match(r.run.stderr, /nothing was written/);
  assert.ok(!existsSync(path.join(r.root, 'out')), 'the output folder was not made');
}

const OVERFULL = 'typeset/overfull-line';
const repeat = (unit: string, length: number) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
const words = (n: number) => Array.from({ length: n }, (_, i) => ['lorem', 'ipsum', 'dolor', 'sit', 'amet'][i % 5]).join(' ');

/** Words in `script`, `n` UTF-16 units long, never cut inside a character. */
const WORD: Record<string, (n: number) => string> = {
  Latin: (n) => repeat('abcdefghij', n),
  emoji: (n) => repeat('😀👍🏽🇫🇷👩‍👩‍👧', n).replace(/[\uD800-\uDBFF]$/, ''),
  'combining marks': (n) => repeat('e\u0301a\u0300', n),
};

describe('hostile typesetting: a word that fits no line (set, cut where it must be, one warning)', () => {
  for (const [script, make] of Object.entries(WORD)) {
    for (const n of [10_000, 100_000, 1_000_000]) {
      it(`${script}, ${n.toLocaleString('en')} characters`, async () => {
        assertBuilt(await build({ 'articles/one.md': article(`Before ${make(n)} after.`) }), OVERFULL);
      });
    }
  }
  for (const n of [10_000, 100_000, 1_000_000]) {
    it(`CJK, ${n.toLocaleString('en')} characters with no space: broken between ideographs, no warning`, async () => {
      const r = await build({ 'articles/one.md': article(repeat('漢字かなカナ、。', n), 'title: A Plain Article\nlang: ja\n') });
      assertBuilt(r, undefined, [OVERFULL]);
    });
  }
});

describe('hostile typesetting: long paragraphs (Knuth–Plass in linear time)', () => {
  it('a megabyte of short words', async () => {
    assertBuilt(await build({ 'articles/one.md': article(words(180_000)) }), undefined, [OVERFULL]);
  });

  it('a megabyte of words that are all different', async () => {
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const w = Array.from({ length: 160_000 }, () =>
      Array.from({ length: 2 + Math.floor(next() * 8) }, () => String.fromCharCode(97 + Math.floor(next() * 26))).join(''),
    );
    assertBuilt(await build({ 'articles/one.md': article(w.join(' ')) }), undefined, [OVERFULL]);
  });

  it('a megabyte of long words that need hyphens, in three narrow columns', async () => {
    const long = ['internationalization', 'characteristically', 'a', 'telecommunication', 'of', 'incomprehensibility'];
    const text = Array.from({ length: 60_000 }, (_, i) => long[i % long.length]).join(' ');
    const r = await build({ 'edition.yaml': manifest('layout:\n  columns: 3\n'), 'articles/one.md': article(text) });
    assertBuilt(r, undefined, [OVERFULL]);
  });

  it('a million spaces between two words', async () => {
    assertBuilt(await build({ 'articles/one.md': article(`a${' '.repeat(1_000_000)}b`) }), undefined, [OVERFULL]);
  });

  it('twenty thousand forced line breaks in one paragraph', async () => {
    assertBuilt(await build({ 'articles/one.md': article(`${'line<br>'.repeat(20_000)}end`) }), undefined, [OVERFULL]);
  });

  it('a code block of one line of a million characters, wrapped', async () => {
    assertBuilt(await build({ 'articles/one.md': article(`\`\`\`\n${repeat('abcdefghij', 1_000_000)}\n\`\`\``) }));
  });
});

describe('hostile typesetting: URLs with no break', { concurrency: 2 }, () => {
  it('a link of 10 000 characters with no separator after the host', async () => {
    assertBuilt(await build({ 'articles/one.md': article(`See https://example.org/${'a'.repeat(10_000)} for more.`) }), OVERFULL);
  });

  it('a URL of 100 000 characters in a code span', async () => {
    assertBuilt(await build({ 'articles/one.md': article(`See \`https://example.org/${'a'.repeat(100_000)}\` for more.`) }), OVERFULL);
  });

  it('a URL of 100 000 characters as the text of a short link', async () => {
    assertBuilt(await build({ 'articles/one.md': article(`See [https://example.org/${'b'.repeat(100_000)}](https://example.org/) here.`) }), OVERFULL);
  });

  it('a URL of a megabyte broken after its slashes, without a warning', async () => {
    assertBuilt(await build({ 'articles/one.md': article(`See \`https://example.org/${'abc/'.repeat(250_000)}end\` here.`) }), undefined, [OVERFULL]);
  });
});

describe('hostile typesetting: titles, decks, bylines and notes with no break', { concurrency: 2 }, () => {
  const opener = (fm: string) => ({ 'articles/one.md': article('Some text.', fm) });
  // Cut by the emergency break, they fit the page: set, with a warning.
  it('a title of 300 characters with no break', async () => {
    assertBuilt(await build(opener(`title: ${'Title'.repeat(60)}\n`)), OVERFULL);
  });
  it('a deck of 300 characters with no break', async () => {
    assertBuilt(await build(opener(`title: T\ndeck: ${'Deck'.repeat(75)}\n`)), OVERFULL);
  });
  it('a byline of 300 characters with no break', async () => {
    assertBuilt(await build(opener(`title: T\nbyline: ${'Byline'.repeat(50)}\n`)), OVERFULL);
  });
  it('a department of 300 characters with no break', async () => {
    assertBuilt(await build(opener(`title: T\ndepartment: ${'Section'.repeat(43)}\n`)), OVERFULL);
  });
  // Taller than the page even when cut: refused at the article.
  it('a title of 10 000 characters with no break', async () => {
    assertDoesNotFit(await build(opener(`title: ${'Title'.repeat(2000)}\n`)), 'articles/one.md:1:1');
  });
  it('a deck of 10 000 characters with no break', async () => {
    assertDoesNotFit(await build(opener(`title: T\ndeck: ${'Deck'.repeat(2500)}\n`)), 'articles/one.md:1:1');
  });
  it('a byline of 10 000 characters with no break', async () => {
    assertDoesNotFit(await build(opener(`title: T\nbyline: ${'Byline'.repeat(1667)}\n`)), 'articles/one.md:1:1');
  });
  it('a title of 6 000 words', async () => {
    assertDoesNotFit(await build(opener(`title: ${words(6000)}\n`)), 'articles/one.md:1:1');
  });
  it('a note of 6 000 words', async () => {
    assertDoesNotFit(await build(opener(`title: T\nnote: ${words(6000)}\n`)), 'articles/one.md:1:1');
  });
  it('a publication name of 10 000 characters (the masthead of the cover)', async () => {
    const r = await build({ 'edition.yaml': manifest().replace('The Test Gazette', 'Gazette'.repeat(1430)), 'articles/one.md': article('Some text.') });
    assertDoesNotFit(r, 'edition.yaml:1:1');
  });
  it('a publication name of 10 000 characters on a newspaper’s front page', async () => {
    const m = manifest('layout:\n  preset: tabloid\n').replace('The Test Gazette', 'Gazette '.repeat(1250));
    assertDoesNotFit(await build({ 'edition.yaml': m, 'articles/one.md': article('Some text.') }), 'edition.yaml:1:1');
  });
});

describe('hostile typesetting: text taller than a page', { concurrency: 2 }, () => {
  it('a caption of 8 000 words', async () => {
    const r = await build({ 'articles/one.md': article(`![A picture](pic.png "${words(8000)}")\n\nText after.`), 'articles/pic.png': await png(300, 200) });
    assertDoesNotFit(r, 'articles/one.md:5:1');
  });
  it('a table cell of 20 000 words', async () => {
    assertDoesNotFit(await build({ 'articles/one.md': article(`| a | b |\n|---|---|\n| x | y |\n| ${words(20_000)} | z |\n`) }), 'articles/one.md:5:1');
  });
  it('a table header cell of 20 000 words', async () => {
    assertDoesNotFit(await build({ 'articles/one.md': article(`| ${words(20_000)} | b |\n|---|---|\n| x | y |\n`) }), 'articles/one.md:5:1');
  });
  it('a quoted table cell of 20 000 words, set narrower and smaller', async () => {
    assertDoesNotFit(await build({ 'articles/one.md': article(`Text.\n\n> | a | b |\n> |---|---|\n> | ${words(20_000)} | z |\n`) }), 'articles/one.md:7:3');
  });
  it('a newspaper whose front-page index of 150 articles is taller than the page', async () => {
    const files: Files = {};
    let list = '';
    for (let i = 0; i < 150; i++) {
      files[`articles/a${i}.md`] = article(`Short text ${i}.`, `title: Story number ${i} about the harbour and the town council\n`);
      list += `  - articles/a${i}.md\n`;
    }
    const m = manifest('layout:\n  preset: tabloid\n').replace('  - articles/one.md\n', list);
    assertDoesNotFit(await build({ 'edition.yaml': m, ...files }), 'edition.yaml:1:1');
  });
  it('a footnote of 20 000 words goes on from column to column and page to page', async () => {
    assertBuilt(await build({ 'articles/one.md': article(`Text with a note.[^1]\n\n[^1]: ${words(20_000)}`) }), undefined, [OVERFULL]);
  });
});

describe('hostile typesetting: tables at the limits', () => {
  const table = (cols: number, rows: number) => {
    const line = (cell: (c: number) => string) => `|${Array.from({ length: cols }, (_, c) => ` ${cell(c)} `).join('|')}|\n`;
    let s = line((c) => `h${c}`) + line(() => '---');
    for (let r = 1; r < rows; r++) s += line((c) => String((r * cols + c) % 1000));
    return s;
  };
  it('40 columns × 2000 rows (the default limits) in a column of 248 pt: refused at the table', async () => {
    assertDoesNotFit(await build({ 'articles/one.md': article(table(40, 2000)) }, BIG_TABLE), 'articles/one.md:5:1', BIG_TABLE);
  });
  it('40 columns × 2000 rows on a page 30 in wide: set over many pages', async () => {
    const r = await build(
      { 'edition.yaml': manifest('layout:\n  page: { width: 30in, height: 11in }\n  columns: 1\n'), 'articles/one.md': article(table(40, 2000)) },
      BIG_TABLE,
    );
    assertRefused(r.run, { code: 0 }, BIG_TABLE);
    assert.ok(!r.run.codes.includes('typeset/does-not-fit'));
  });
  it('200 columns (limits raised) in a column of 248 pt: refused at the table', async () => {
    const r = await build({ 'edition.yaml': manifest('  table-columns: 200\n'), 'articles/one.md': article(table(200, 20)) });
    assertDoesNotFit(r, 'articles/one.md:5:1');
  });
  it('200 columns × 50 rows (limits raised) on a page 100 in wide: set', async () => {
    const m = manifest('  table-columns: 200\nlayout:\n  page: { width: 100in, height: 11in }\n  columns: 1\n');
    assertBuilt(await build({ 'edition.yaml': m, 'articles/one.md': article(table(200, 50)) }), undefined, [OVERFULL]);
  });
  it('17 columns, one more than a magazine column holds, across the page when short', async () => {
    assertBuilt(await build({ 'articles/one.md': article(table(17, 10)) }));
  });
  it('17 columns × 500 rows, too long to span the columns: refused at the table', async () => {
    assertDoesNotFit(await build({ 'articles/one.md': article(`Text.\n\n${table(17, 500)}`) }), 'articles/one.md:7:1');
  });
  it('2 columns × 2000 rows, split over pages with its header repeated', async () => {
    assertBuilt(await build({ 'articles/one.md': article(table(2, 2000)) }), undefined, [OVERFULL]);
  });
});

describe('hostile typesetting: images of absurd aspect ratios', { concurrency: 2 }, () => {
  const figure = async (w: number, h: number, m = manifest()) =>
    build({ 'edition.yaml': m, 'articles/one.md': article('![A strip](strip.png "A caption.")\n\nText after.'), 'articles/strip.png': await png(w, h) });
  it('a figure 10 000 × 10 px', async () => assertBuilt(await figure(10_000, 10)));
  it('a figure 10 × 10 000 px', async () => assertBuilt(await figure(10, 10_000)));
  it('a figure 10 000 × 10 px across a tabloid’s columns', async () => assertBuilt(await figure(10_000, 10, manifest('layout:\n  preset: tabloid\n'))));
  it('a figure 10 × 10 000 px in a tabloid’s column', async () => assertBuilt(await figure(10, 10_000, manifest('layout:\n  preset: tabloid\n'))));
  for (const [w, h] of [
    [10_000, 10],
    [10, 10_000],
  ]) {
    it(`a cover image ${w.toLocaleString('en')} × ${h.toLocaleString('en')} px`, async () => {
      const m = manifest().replace('articles:', 'cover: cover.png\narticles:');
      assertBuilt(await build({ 'edition.yaml': m, 'cover.png': await png(w, h), 'articles/one.md': article('Some text.') }));
    });
  }
});
