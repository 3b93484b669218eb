// Fillers in edition.yaml (issue 10): a path, `{file}` or `{text}`, read into the issue's
// model through the articles' own Markdown lowering; every mistake reported at its
// file:line:col with a hint. And `article-folios:`.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readIssue } from '../../src/build.js';
import { formatDiagnostic, Reporter } from '../../src/diagnostics/diagnostic.js';
import { loadManifest } from '../../src/manifest/load-manifest.js';
import { FILLER_MAX_WORDS } from '../../src/manifest/schema.js';
import { countWords, readFillers } from '../../src/markdown/read-filler.js';
import { inlineText } from '../../src/model/inline-text.js';
import { nodeWorld } from '../../src/world.js';
import { MINIMAL_ARTICLE, MINIMAL_MANIFEST, writeEdition, type Files } from '../support/edition.js';

const QUOTE = `---
title: Quote of the issue
credit: Herman Melville, *Moby-Dick*
lang: en-GB
---

Call me Ishmael. Some years ago---never mind how long precisely---having little or no
money in my purse, I thought I would sail about a little.
`;

/** The manifest and the fillers read from it, with every message as the terminal shows it. */
async function read(files: Files) {
  const dir = writeEdition({ 'articles/one.md': MINIMAL_ARTICLE, 'fillers/quote.md': QUOTE, ...files });
  const reporter = new Reporter();
  const manifest = await loadManifest(nodeWorld, dir, reporter);
  const fillers = manifest ? await readFillers(nodeWorld, manifest, reporter) : [];
  return { manifest, fillers, messages: reporter.all.map(formatDiagnostic), heads: reporter.all.map((d) => formatDiagnostic(d).split('\n')[0]) };
}

const words = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`).join(' ');

describe('fillers in the manifest', () => {
  it('reads a path, a file with an id and text written in place, in order, named filler-<n> unless given', async () => {
    const { fillers, messages } = await read({
      'edition.yaml': `${MINIMAL_MANIFEST}fillers:
  - fillers/quote.md
  - file: fillers/quote.md
    id: melville-again
    title: Once more
  - text: "Letters to the editor are *welcome*."
    credit: The editors
`,
    });
    assert.deepEqual(messages, []);
    assert.deepEqual(
      fillers.map((f) => f.id),
      ['filler-1', 'melville-again', 'filler-3'],
    );
    const [quote, again, notice] = fillers;
    assert.equal(inlineText(quote.title!), 'Quote of the issue');
    assert.equal(inlineText(quote.credit!), 'Herman Melville, Moby-Dick');
    assert.equal(quote.lang, 'en-GB');
    assert.deepEqual(quote.pos, { file: 'fillers/quote.md', line: 7, column: 1 });
    // The article's Markdown: smart punctuation, em dashes from ---, emphasis.
    assert.equal(quote.blocks.length, 1);
    assert.match(inlineText(quote.blocks[0].kind === 'paragraph' ? quote.blocks[0].content : []), /^Call me Ishmael\. Some years ago—never mind/);
    assert.equal(inlineText(again.title!), 'Once more', 'the manifest over the front matter');
    assert.equal(notice.title, undefined);
    assert.equal(notice.lang, 'en');
    assert.deepEqual(notice.pos, { file: 'edition.yaml', line: 11, column: 11 });
    const content = notice.blocks[0].kind === 'paragraph' ? notice.blocks[0].content : [];
    assert.deepEqual(
      content.map((n) => n.kind),
      ['text', 'emphasis', 'text'],
    );
    assert.ok(
      content.every((n) => n.pos.file === 'edition.yaml' && n.pos.line === 11),
      'text written in the manifest is placed at its field',
    );
  });

  it('puts the fillers and article-folios into the issue (folios default to own)', async () => {
    for (const [extra, folios] of [
      ['', 'own'],
      ['article-folios: issue\n', 'issue'],
    ] as const) {
      const dir = writeEdition({
        'articles/one.md': MINIMAL_ARTICLE,
        'fillers/quote.md': QUOTE,
        'edition.yaml': `${MINIMAL_MANIFEST}${extra}fillers: [fillers/quote.md]\n`,
      });
      const reporter = new Reporter();
      const manifest = await loadManifest(nodeWorld, dir, reporter);
      const issue = await readIssue(nodeWorld, manifest!, reporter, undefined, () => {});
      assert.deepEqual(reporter.all, []);
      assert.equal(issue.articleFolios, folios);
      assert.deepEqual(
        issue.fillers?.map((f) => f.id),
        ['filler-1'],
      );
    }
  });

  it('points at a filler file that does not exist', async () => {
    const { messages } = await read({ 'edition.yaml': `${MINIMAL_MANIFEST}fillers:\n  - fillers/quote.md\n  - file: fillers/nope.md\n` });
    assert.equal(messages.length, 1);
    assert.match(messages[0], /^edition\.yaml:8:11: error: filler `fillers\/nope\.md` does not exist \[path\/not-found\]/);
    assert.match(messages[0], /hint: looked for fillers\/nope\.md in the edition folder/);
  });

  it('points at an unknown key, in an entry and in a filler file', async () => {
    const entry = await read({ 'edition.yaml': `${MINIMAL_MANIFEST}fillers:\n  - text: Hello there, readers of the gazette.\n    author: Me\n` });
    assert.deepEqual(entry.heads, ['edition.yaml:8:5: error: unknown key `author` in `fillers[0]` of the manifest [manifest/unknown-key]']);
    const file = await read({
      'edition.yaml': `${MINIMAL_MANIFEST}fillers: [fillers/bad.md]\n`,
      'fillers/bad.md': '---\ncredit: Me\nsource: Somewhere\n---\n\nA line.\n',
    });
    assert.equal(file.heads[0], "fillers/bad.md:3:1: error: unknown key `source` of the filler's front matter [article/front-matter]");
    assert.match(file.messages[0], /hint: a filler's front matter holds `title`, `credit` and `lang`/);
  });

  it('refuses empty text, and an entry with both a file and a text or neither', async () => {
    const empty = await read({ 'edition.yaml': `${MINIMAL_MANIFEST}fillers:\n  - text: "  "\n` });
    assert.equal(empty.heads[0], 'edition.yaml:7:11: error: `fillers[0].text`: the text of the filler, not empty (got "  ") [manifest/invalid-value]');
    assert.match(empty.messages[0], /hint: a filler is a path, `\{file: fillers\/quote\.md\}` or `\{text: /);
    const both = await read({ 'edition.yaml': `${MINIMAL_MANIFEST}fillers:\n  - file: fillers/quote.md\n    text: Hello.\n` });
    assert.match(both.heads[0], /^edition\.yaml:7:5: error: `fillers\[0\]`: `file` or `text`, not both/);
    const neither = await read({ 'edition.yaml': `${MINIMAL_MANIFEST}fillers:\n  - title: Quote of the issue\n` });
    assert.match(neither.heads[0], /^edition\.yaml:7:5: error: `fillers\[0\]`: either `file` or `text`/);
    const blank = await read({
      'edition.yaml': `${MINIMAL_MANIFEST}fillers: [fillers/blank.md]\n`,
      'fillers/blank.md': '---\ntitle: Nothing\n---\n\n<!-- to do -->\n',
    });
    assert.deepEqual(blank.heads, ['fillers/blank.md:1:1: error: the filler has no text [manifest/invalid-value]']);
  });

  it('refuses an id given twice, or one that another entry takes by its place', async () => {
    const twice = await read({
      'edition.yaml': `${MINIMAL_MANIFEST}fillers:\n  - file: fillers/quote.md\n    id: quote\n  - file: fillers/quote.md\n    id: quote\n`,
    });
    assert.deepEqual(twice.heads, ["edition.yaml:10:9: error: `fillers[1]`: the id `quote` is already filler 1's [manifest/invalid-value]"]);
    assert.match(twice.messages[0], /hint: each filler has its own id/);
    const byPlace = await read({ 'edition.yaml': `${MINIMAL_MANIFEST}fillers:\n  - file: fillers/quote.md\n    id: filler-2\n  - fillers/quote.md\n` });
    assert.deepEqual(byPlace.heads, ["edition.yaml:9:5: error: `fillers[1]`: the id `filler-2` is already filler 1's [manifest/invalid-value]"]);
    const badName = await read({ 'edition.yaml': `${MINIMAL_MANIFEST}fillers:\n  - file: fillers/quote.md\n    id: 2 quotes\n` });
    assert.match(badName.heads[0], /^edition\.yaml:8:9: error: `fillers\[0\]\.id`: a name of letters, digits/);
  });

  it(`refuses a filler of more than ${FILLER_MAX_WORDS} words: a filler is a short item`, async () => {
    const atLimit = await read({ 'edition.yaml': `${MINIMAL_MANIFEST}fillers:\n  - text: ${words(FILLER_MAX_WORDS)}\n` });
    assert.deepEqual(atLimit.messages, []);
    const inline = await read({ 'edition.yaml': `${MINIMAL_MANIFEST}fillers:\n  - text: ${words(FILLER_MAX_WORDS + 1)}\n` });
    assert.deepEqual(inline.heads, [
      `edition.yaml:7:11: error: a filler is a short item: this one has ${FILLER_MAX_WORDS + 1} words, over the ${FILLER_MAX_WORDS} a filler may have [manifest/invalid-value]`,
    ]);
    assert.match(inline.messages[0], /hint: cut it to 120 words or fewer, or make it an article/);
    const file = await read({
      'edition.yaml': `${MINIMAL_MANIFEST}fillers: [fillers/long.md]\n`,
      'fillers/long.md': `---\ntitle: Long\n---\n\n${words(70)}\n\n${words(70)}\n`,
    });
    assert.match(file.heads[0], /^fillers\/long\.md:5:1: error: a filler is a short item: this one has 140 words/);
  });

  it('refuses what its box cannot set: a list, an image, a heading, a block quote, a footnote', async () => {
    const cases: [string, string][] = [
      ['Intro line.\n\n- one\n- two\n', 'fillers/x.md:3:1: error: a filler holds paragraphs only: a list cannot be set in its box [markdown/unsupported]'],
      ['![A gull](gull.png)\n', 'fillers/x.md:1:1: error: a filler holds paragraphs only: an image cannot be set in its box [markdown/unsupported]'],
      ['## Notice\n\nText.\n', 'fillers/x.md:1:1: error: a filler holds paragraphs only: a heading cannot be set in its box [markdown/unsupported]'],
      ['> Quoted.\n', 'fillers/x.md:1:1: error: a filler holds paragraphs only: a block quote cannot be set in its box [markdown/unsupported]'],
      ['Text.[^1]\n\n[^1]: A note.\n', 'fillers/x.md:1:6: error: a filler holds paragraphs only: a footnote cannot be set in its box [markdown/unsupported]'],
    ];
    for (const [body, head] of cases) {
      const { heads } = await read({ 'edition.yaml': `${MINIMAL_MANIFEST}fillers: [fillers/x.md]\n`, 'fillers/x.md': body });
      assert.deepEqual(heads, [head], body);
    }
  });

  it('refuses an article-folios value it does not know', async () => {
    const { heads } = await read({ 'edition.yaml': `${MINIMAL_MANIFEST}article-folios: article\n` });
    assert.deepEqual(heads, ['edition.yaml:6:17: error: `article-folios`: expected one of "issue", "own", got "article" [manifest/invalid-value]']);
  });
});

describe('countWords', () => {
  it('counts words as a reader does, and each Chinese or Japanese character as one', () => {
    assert.equal(countWords('Call me Ishmael.'), 3);
    assert.equal(countWords('Moby-Dick, the whale’s tale — 1851'), 5);
    assert.equal(countWords('潮の鐘'), 3);
    assert.equal(countWords('Fog: 霧 and more'), 4);
  });
});
