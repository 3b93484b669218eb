// GitHub's alerts (`> [!NOTE]`, `[!TIP]`, `[!IMPORTANT]`, `[!WARNING]`, `[!CAUTION]`, the
// marker alone on the quote's first line, in any case) become notes: a box with a label in
// the article's language over the text, in print and in the EPUB. An unknown marker, or one
// with nothing under it, stays an ordinary quote, as on GitHub.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { epubLabels } from '../../src/backends/epub/labels.js';
import { articleView } from '../../src/backends/epub/render-article.js';
import { formatDiagnostic, Reporter, sortByPlace } from '../../src/diagnostics/diagnostic.js';
import { LANGUAGES, noteLabel } from '../../src/i18n/labels.js';
import { loadManifest } from '../../src/manifest/load-manifest.js';
import { readArticle } from '../../src/markdown/read-article.js';
import { blocksText } from '../../src/model/inline-text.js';
import type { Article, Block, NoteType } from '../../src/model/types.js';
import type { Item } from '../../src/pages/page.js';
import { MAGAZINE } from '../../src/settings/layout.js';
import { NOTE_BOX } from '../../src/typeset/page/note-box.js';
import { typesetArticle } from '../../src/typeset/typeset-issue.js';
import { nodeWorld } from '../../src/world.js';
import { issueWith } from '../golden/sample-issue.js';
import { MINIMAL_MANIFEST, writeEdition } from '../support/edition.js';

async function read(body: string, lang = 'en'): Promise<{ article?: Article; messages: string[] }> {
  const dir = writeEdition({ 'edition.yaml': MINIMAL_MANIFEST, 'articles/one.md': `---\ntitle: T\nlang: ${lang}\n---\n\n${body}` });
  const reporter = new Reporter();
  const manifest = await loadManifest(nodeWorld, dir, reporter);
  assert.ok(manifest);
  const article = await readArticle({ world: nodeWorld, manifest, entry: manifest.articles[0], index: 1, reporter });
  return { article, messages: sortByPlace(reporter.all).map((d) => formatDiagnostic(d).split('\n')[0]) };
}

/** Each block as `kind` (a note as `note:type`) with its text. */
const outline = (blocks: Block[]) => blocks.map((b) => [b.kind === 'note' ? `note:${b.type}` : b.kind, blocksText([b])]);

const TYPES: NoteType[] = ['note', 'tip', 'important', 'warning', 'caution'];
const pageText = (items: readonly Item[]) => items.flatMap((i) => (i.kind === 'text' ? [i.text] : [])).join(' ');

describe('GitHub alerts', () => {
  it('makes each of the five markers a note of its kind, in any case, without the marker', async () => {
    const { article, messages } = await read(
      '> [!NOTE]\n> Useful *information*.\n\n> [!tip]\n> A tip.\n\n> [!Important]\n> Key.\n\n> [!WARNING]  \n> Urgent.\n\n> [!CAUTION]\n>\n> Risky.\n> More risk.\n',
    );
    assert.deepEqual(outline(article!.blocks), [
      ['note:note', 'Useful information.'],
      ['note:tip', 'A tip.'],
      ['note:important', 'Key.'],
      ['note:warning', 'Urgent.'],
      ['note:caution', 'Risky. More risk.'],
    ]);
    assert.deepEqual(messages, []);
  });

  it('keeps what a note holds: paragraphs, lists, code, and its places in the file', async () => {
    const { article } = await read('> [!WARNING]\n> First line\n> goes on.\n>\n> - one\n> - two\n>\n> ```\n> code\n> ```\n');
    const note = article!.blocks[0];
    assert.equal(note.kind, 'note');
    if (note.kind !== 'note') return;
    assert.deepEqual(
      note.blocks.map((b) => b.kind),
      ['paragraph', 'list', 'code-block'],
    );
    assert.deepEqual(note.pos, { file: 'articles/one.md', line: 6, column: 1 });
    // The text under the marker starts on the marker's next line.
    assert.equal(note.blocks[0].pos.line, 7);
    const first = note.blocks[0];
    assert.ok(first.kind === 'paragraph' && first.content[0].pos.line === 7 && first.content[0].pos.column === 3);
  });

  it('leaves an ordinary quote for an unknown marker, a marker with text after it, or a marker alone', async () => {
    const { article } = await read('> [!FOO]\n> Text.\n\n> [!NOTE] Text on the same line.\n\n> [!NOTE]\n\n> Plain quote.\n');
    assert.deepEqual(
      article!.blocks.map((b) => b.kind),
      ['blockquote', 'blockquote', 'blockquote', 'blockquote'],
    );
    assert.match(blocksText(article!.blocks), /^\[!FOO\] Text\.|^\[!FOO\]\nText\./);
  });

  it('has the five labels in all twelve languages, each kind told apart', () => {
    for (const lang of LANGUAGES) {
      const labels = TYPES.map((t) => noteLabel(t, lang));
      assert.ok(
        labels.every((l) => l.trim()),
        lang,
      );
      assert.equal(new Set(labels).size, 5, `${lang}: ${labels.join(', ')}`);
    }
    assert.deepEqual(
      TYPES.map((t) => noteLabel(t, 'de')),
      ['Hinweis', 'Tipp', 'Wichtig', 'Warnung', 'Achtung'],
    );
    assert.deepEqual(
      TYPES.map((t) => noteLabel(t, 'en-GB')),
      ['Note', 'Tip', 'Important', 'Warning', 'Caution'],
    );
  });

  it('writes an aside with role="note" and its label in the article’s language to the EPUB', async () => {
    const { article } = await read('> [!WARNING]\n> Die Stufen sind *rutschig*.\n', 'de');
    const html = articleView(article!, epubLabels('de')).bodyHtml;
    assert.match(html, /<aside class="note note-warning" role="note"><p class="note-label">Warnung<\/p><p>Die Stufen sind <em>rutschig<\/em>\.<\/p><\/aside>/);
    assert.doesNotMatch(html, /\[!/);
  });

  it('prints the label over the text in a tinted box with a bar, heavier for a warning, and no marker', async () => {
    const { article } = await read('Before.\n\n> [!NOTE]\n> Read the log.\n\n> [!CAUTION]\n> Mind the steps.\n\nAfter.\n');
    const { pages } = typesetArticle(issueWith([article!]), article!, MAGAZINE);
    const items = pages.flatMap((p) => p.items);
    const text = pageText(items);
    assert.match(text.replace(/\s+/g, ' '), /NOTE Read the log\. CAUTION Mind the steps\./);
    assert.doesNotMatch(text, /\[!/);
    const tints = items.filter((i) => i.kind === 'rect' && i.fill === NOTE_BOX.fill);
    assert.ok(tints.length >= 4, `${tints.length} tinted lines`);
    const bars = items.filter((i): i is Extract<Item, { kind: 'rect' }> => i.kind === 'rect' && i.fill !== NOTE_BOX.fill && i.w < 5);
    const widths = [...new Set(bars.map((b) => b.w.toFixed(3)))];
    assert.equal(widths.length, 2, `bars ${widths.join(', ')}`);
  });

  it('breaks a long note across columns, each piece tinted and barred', async () => {
    const long = Array.from({ length: 80 }, (_, i) => `> Line ${i + 1} of a long note that goes on and on across the page.`).join('\n');
    const { article } = await read(`> [!IMPORTANT]\n${long}\n`);
    const { pages } = typesetArticle(issueWith([article!]), article!, MAGAZINE);
    // Every line of text in the note lies on a tint: no piece of it is set bare.
    const texts = pages.flatMap((p) => p.items.filter((i) => i.kind === 'text' && /Line|IMPORTANT/.test(i.text)).map((i) => ({ p, i })));
    assert.ok(texts.length > 40);
    const columns = new Set(texts.map(({ p, i }) => `${pages.indexOf(p)}:${Math.round((i as { x: number }).x / 100)}`));
    assert.ok(columns.size >= 2, 'the note runs over more than one column');
    for (const { p, i } of texts) {
      const t = i as { x: number; y: number };
      const under = p.items.some((r) => r.kind === 'rect' && r.fill === NOTE_BOX.fill && t.x >= r.x && t.x <= r.x + r.w && t.y >= r.y && t.y <= r.y + r.h + 1);
      assert.ok(under, `text at ${t.x},${t.y} is on the note's tint`);
    }
  });
});
