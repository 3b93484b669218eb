// kramdown's `markdown="1"` (and `"block"`, `"span"`): an HTML element whose content is
// Markdown, as Jekyll blogs write pull quotes (`<blockquote markdown="1">`, `<div
// class="pullquote" markdown="1">`). The content is read as Markdown where it stands (a
// credit written as a link comes out as a link); a quoting element is a quote, any other goes
// and leaves its content; every place stays the article's own line and column.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseSyntax } from '../../src/markdown/parse.js';
import { inlineText } from '../../src/model/inline-text.js';
import type { Article, Block, Inline } from '../../src/model/types.js';
import { MINIMAL_MANIFEST } from '../support/edition.js';
import { readFirstArticle } from '../support/read-one.js';

function read(body: string): Promise<{ article?: Article; messages: string[] }> {
  return readFirstArticle({ 'edition.yaml': MINIMAL_MANIFEST, 'articles/one.md': `---\ntitle: T\n---\n\n${body}` });
}

/** Inline content as Markdown-like text: links as `[text](url)`, emphasis as `*…*`. */
const md = (content: readonly Inline[]): string =>
  content
    .map((i) =>
      i.kind === 'link'
        ? `[${md(i.children)}](${i.url})`
        : i.kind === 'emphasis'
          ? `*${md(i.children)}*`
          : i.kind === 'strong'
            ? `**${md(i.children)}**`
            : inlineText([i]),
    )
    .join('');

/** Each block as a line; a quote's blocks indented under it, its attribution after a dash. */
function outline(blocks: readonly Block[], indent = ''): string[] {
  return blocks.flatMap((b) => {
    if (b.kind === 'paragraph') return [`${indent}${md(b.content)}`];
    if (b.kind === 'heading') return [`${indent}h${b.level} ${md(b.content)}`];
    if (b.kind === 'blockquote')
      return [`${indent}quote`, ...outline(b.blocks, `${indent}  `), ...(b.attribution ? [`${indent}  — ${md(b.attribution)}`] : [])];
    if (b.kind === 'list') return [`${indent}list`, ...b.items.flatMap((item) => outline(item, `${indent}  `))];
    return [`${indent}${b.kind}`];
  });
}

describe('kramdown’s markdown="1"', () => {
  it('reads a Jekyll pull quote as a quote whose credit, written as a link, is a link', async () => {
    // As a Jekyll post writes it: the quote, a blank line, the credit, the closing tag.
    const { article, messages } = await read(
      'Before.\n\n<blockquote class="pullquote" markdown="1">\nThe best way to predict the future is to *invent* it.\n\n— [Alan Kay](https://en.wikipedia.org/wiki/Alan_Kay)\n</blockquote>\n\nAfter.\n',
    );
    assert.deepEqual(outline(article!.blocks), [
      'Before.',
      'quote',
      '  The best way to predict the future is to *invent* it.',
      '  — [Alan Kay](https://en.wikipedia.org/wiki/Alan_Kay)',
      'After.',
    ]);
    assert.deepEqual(messages, []);
  });

  it('makes a div of class pullquote a quote, read as Markdown though CommonMark sees one HTML block', async () => {
    const { article, messages } = await read(
      '<div class="pullquote" markdown="1">\nA staged pipeline leaves accuracy on the table *by construction*.\n</div>\n\nText.\n',
    );
    assert.deepEqual(outline(article!.blocks), ['quote', '  A staged pipeline leaves accuracy on the table *by construction*.', 'Text.']);
    assert.deepEqual(messages, []);
  });

  it('takes a quote’s closing <footer> as its credit (a real kramdown pull quote)', async () => {
    const { article, messages } = await read(
      '<blockquote class="pullquote" markdown="1">\nSimple Report cut my reporting time in half from one hour to 30 minutes.\n <footer>– Community Director and Registered Nurse in Illinois</footer>\n</blockquote>\n',
    );
    assert.deepEqual(outline(article!.blocks), [
      'quote',
      '  Simple Report cut my reporting time in half from one hour to 30 minutes.',
      '  — Community Director and Registered Nurse in Illinois',
    ]);
    assert.deepEqual(messages, []);
  });

  it('leaves a div, aside, section or figure out and keeps its content, nested ones too', async () => {
    const { article, messages } = await read(
      '<div class="compare" markdown="1">\n<section class="card" markdown="block">\n#### Staged\n\n- Simple, **modular**\n- Easy to debug\n</section>\n<aside markdown="1">\nAn *aside*.\n</aside>\n</div>\n',
    );
    assert.deepEqual(outline(article!.blocks), ['h4 Staged', 'list', '  Simple, **modular**', '  Easy to debug', 'An *aside*.']);
    assert.deepEqual(messages, []);
  });

  it('resolves references to the article’s own link definitions and footnotes', async () => {
    const { article, messages } = await read(
      '<div markdown="1">\nSee [the paper][p] and a note.[^1]\n</div>\n\n[p]: https://example.org/paper\n[^1]: The note.\n',
    );
    assert.deepEqual(outline(article!.blocks), ['See [the paper](https://example.org/paper) and a note.']);
    assert.equal(article!.footnotes.length, 1);
    assert.deepEqual(messages, []);
  });

  it('leaves raw HTML without the attribute, or with markdown="0", as it was', async () => {
    const { article, messages } = await read('<div markdown="0">\n*not* Markdown\n</div>\n');
    assert.deepEqual(outline(article!.blocks), ['*not* Markdown']);
    assert.deepEqual(messages, ['articles/one.md:5:1: warning: attribute `markdown` of `<div>` is dropped [markdown/raw-html]']);
  });

  it('keeps the places of the content and of what follows', async () => {
    const { article, messages } = await read(
      '<blockquote markdown="1">\nA [link](#nowhere) in it.\n\n<span onclick="x">tag</span>\n</blockquote>\n\n[after](#nowhere-else)\n',
    );
    const quote = article!.blocks[0];
    assert.equal(quote.kind, 'blockquote');
    assert.deepEqual(quote.pos, { file: 'articles/one.md', line: 5, column: 1 });
    const para = quote.kind === 'blockquote' ? quote.blocks[0] : undefined;
    assert.ok(para?.kind === 'paragraph');
    const link = para.content.find((i) => i.kind === 'link');
    assert.deepEqual(link?.pos, { file: 'articles/one.md', line: 6, column: 3 });
    const after = article!.blocks[1];
    assert.deepEqual(after.pos, { file: 'articles/one.md', line: 11, column: 1 });
    assert.deepEqual(messages, ['articles/one.md:8:1: warning: attribute `onclick` of `<span>` is dropped [markdown/raw-html]']);
  });

  it('moves every place of the tree back to the text as written', () => {
    const text = 'x\n\n<div markdown="1">*a*</div>\n\n> b\n';
    const tree = parseSyntax(text);
    const nodes: { type: string; position?: { start: { offset?: number }; end: { offset?: number } } }[] = [];
    const walk = (n: (typeof nodes)[number] & { children?: unknown[] }) => {
      nodes.push(n);
      for (const c of n.children ?? []) walk(c as typeof n);
    };
    walk(tree as never);
    const slice = (type: string) => nodes.filter((n) => n.type === type).map((n) => text.slice(n.position!.start.offset, n.position!.end.offset));
    assert.deepEqual(slice('emphasis'), ['*a*']);
    assert.deepEqual(slice('blockquote'), ['> b']);
  });
});
