// Negative numbers take the minus sign (U+2212, shown here as `−`), not the hyphen-minus:
// in text and in table cells, in the model, so the PDF and the EPUB both print it. A
// hyphen between digits or letters (ranges, dates, ISBNs), code and addresses keep theirs.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderBlocks } from '../../src/backends/epub/render-blocks.js';
import { createXhtmlContext } from '../../src/backends/epub/xhtml-context.js';
import { serialize } from '../../src/backends/epub/xml.js';
import { formatDiagnostic, Reporter } from '../../src/diagnostics/diagnostic.js';
import { loadManifest } from '../../src/manifest/load-manifest.js';
import { trueMinus } from '../../src/markdown/lower/spacing.js';
import { readArticle } from '../../src/markdown/read-article.js';
import type { Block, Inline } from '../../src/model/types.js';
import { MAGAZINE } from '../../src/settings/layout.js';
import { fontKey, Fonts } from '../../src/typeset/text/fonts.js';
import { nodeWorld } from '../../src/world.js';
import { MINIMAL_MANIFEST, writeEdition } from '../support/edition.js';

const MINUS = '\u2212';

describe('trueMinus', () => {
  it('signs a number after a space, at the start, after an opening bracket', () => {
    assert.equal(trueMinus('It fell to -57 degrees.'), `It fell to ${MINUS}57 degrees.`);
    assert.equal(trueMinus('-3 at dawn'), `${MINUS}3 at dawn`);
    assert.equal(trueMinus('a loss (-12 %) and [-0.5] and {-1}'), `a loss (${MINUS}12 %) and [${MINUS}0.5] and {${MINUS}1}`);
    assert.equal(trueMinus('from -5\u00a0°C'), `from ${MINUS}5\u00a0°C`);
  });

  it('leaves ranges, dates, ISBNs, words and a lone hyphen alone', () => {
    for (const t of ['pages 3-5', 'on 2026-10-15', 'ISBN 978-3-16-148410-0', 'A-4 and well-known', 'a - b', '-x', 'n-1', 'a--5']) {
      assert.equal(trueMinus(t), t);
    }
  });

  it('leaves addresses as written', () => {
    assert.equal(trueMinus('see https://example.org/a?x= -5 and www.example.org/-5'), `see https://example.org/a?x= ${MINUS}5 and www.example.org/-5`);
    assert.equal(trueMinus('https://example.org/-5'), 'https://example.org/-5');
  });
});

async function read(body: string): Promise<Block[]> {
  const dir = writeEdition({ 'edition.yaml': MINIMAL_MANIFEST, 'articles/one.md': `---\ntitle: T\nlang: en\n---\n\n${body}\n` });
  const reporter = new Reporter();
  const manifest = await loadManifest(nodeWorld, dir, reporter);
  assert.ok(manifest, reporter.all.map(formatDiagnostic).join('\n'));
  const article = await readArticle({ world: nodeWorld, manifest, entry: manifest.articles[0], index: 1, reporter });
  assert.ok(article, reporter.all.map(formatDiagnostic).join('\n'));
  return article.blocks;
}

const text = (ns: readonly Inline[]): string =>
  ns.map((n) => (n.kind === 'text' || n.kind === 'code' ? n.text : 'children' in n ? text(n.children) : '')).join('');

describe('a true minus in an article', () => {
  it('in its text and in a table’s cells, never in code', async () => {
    const blocks = await read(
      [
        'The low was -57, the code `x = -57` and *-3* in emphasis.',
        '',
        '| place | low |',
        '|---|---:|',
        '| Carrow | -12 |',
        '| Kranshagen | 2026-10-15 |',
        '',
        '```',
        'echo -5',
        '```',
      ].join('\n'),
    );
    const para = blocks.find((b) => b.kind === 'paragraph');
    assert.ok(para?.kind === 'paragraph');
    assert.equal(text(para.content), `The low was ${MINUS}57, the code x = -57 and ${MINUS}3 in emphasis.`);
    const table = blocks.find((b) => b.kind === 'table');
    assert.ok(table?.kind === 'table');
    assert.deepEqual(
      table.rows.map((r) => r.map(text)),
      [
        ['Carrow', `${MINUS}12`],
        ['Kranshagen', '2026-10-15'],
      ],
    );
    const code = blocks.find((b) => b.kind === 'code-block');
    assert.ok(code?.kind === 'code-block' && code.text === 'echo -5');
    // The EPUB renders the model's text.
    assert.ok(serialize(renderBlocks([para], createXhtmlContext())).includes(`${MINUS}57`));
  });

  it('is in every face of the layout’s fonts', () => {
    const fonts = new Fonts(MAGAZINE);
    for (const family of ['body', 'heading', 'mono'] as const) {
      for (const face of ['regular', 'italic', 'bold', 'boldItalic'] as const) {
        assert.ok(fonts.has(fontKey(family, face), MINUS.codePointAt(0)!), `${family} ${face} lacks U+2212`);
      }
    }
  });
});
