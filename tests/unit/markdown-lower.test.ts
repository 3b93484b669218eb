import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatDiagnostic, Reporter, sortByPlace } from '../../src/diagnostics/diagnostic.js';
import { loadManifest } from '../../src/manifest/load-manifest.js';
import { readArticle, splitByline } from '../../src/markdown/read-article.js';
import type { Article, Block } from '../../src/model/types.js';
import { inlineText } from '../../src/model/inline-text.js';
import { nodeWorld } from '../../src/world.js';
import { MINIMAL_MANIFEST, png, writeEdition, type Files } from '../support/edition.js';

async function lower(article: string, extra: Files = {}): Promise<{ article?: Article; messages: string[] }> {
  const dir = writeEdition({ 'edition.yaml': MINIMAL_MANIFEST, 'articles/one.md': article, ...extra });
  const reporter = new Reporter();
  const manifest = await loadManifest(nodeWorld, dir, reporter);
  assert.ok(manifest, reporter.all.map(formatDiagnostic).join('\n'));
  const a = await readArticle({ world: nodeWorld, manifest, entry: manifest.articles[0], index: 3, reporter });
  return { article: a, messages: sortByPlace(reporter.all).map((d) => formatDiagnostic(d).split('\n')[0]) };
}

/** A compact outline of blocks: `kind` and, for text blocks, their text. */
function outline(blocks: Block[]): string[] {
  return blocks.map((b) => {
    switch (b.kind) {
      case 'paragraph':
        return `p: ${inlineText(b.content)}`;
      case 'heading':
        return `h${b.level}#${b.id}: ${inlineText(b.content)}`;
      case 'blockquote':
        return `quote: ${outline(b.blocks).join(' / ')}${b.attribution ? ` — ${inlineText(b.attribution)}` : ''}`;
      case 'list':
        return `${b.ordered ? `ol(${b.start})` : 'ul'}: ${b.items.map((i) => outline(i).join(' ')).join(' | ')}`;
      case 'figure':
        return `figure ${b.number} ${b.image.width}x${b.image.height}: ${b.caption ? inlineText(b.caption) : ''} [alt: ${b.alt}]`;
      case 'table':
        return `table ${b.header.length}x${b.rows.length} ${b.align.join(',')}`;
      default:
        return b.kind;
    }
  });
}

describe('lowering Markdown into the document model', () => {
  it('takes the title, deck, byline and language from the front matter', async () => {
    const { article, messages } = await lower(
      '---\ntitle: "The *Harbour* Clock"\ndeck: Time -- and tide\nbyline: By Ana Reyes, Tom Brandt and Li Wei\nlang: de\n---\n\nText.\n',
    );
    assert.deepEqual(messages, []);
    assert.equal(article?.titleText, 'The Harbour Clock');
    assert.equal(article?.title[1].kind, 'emphasis');
    assert.equal(inlineText(article!.deck!), 'Time – and tide');
    assert.deepEqual(article?.authors, ['Ana Reyes', 'Tom Brandt', 'Li Wei']);
    assert.equal(article?.lang, 'de');
    assert.equal(article?.id, '03-the-harbour-clock');
  });

  it('names files and ids in ASCII, with ł, ø, ß and æ as l, o, ss and ae', async () => {
    const { article } = await lower('---\ntitle: Łódź, Ørsted, Straße und Æsir\nlang: pl\n---\n\n## Młyn nad rzeką\n\nTekst.\n');
    assert.equal(article?.id, '03-lodz-orsted-strasse-und-aesir');
    assert.deepEqual(outline(article!.blocks)[0], 'h2#03-lodz-orsted-strasse-und-aesir-mlyn-nad-rzeka: Młyn nad rzeką');
  });

  it('takes the title from an opening level-1 heading and removes it from the body', async () => {
    const { article } = await lower('# Opening Title\n\nBody.\n');
    assert.equal(article?.titleText, 'Opening Title');
    assert.deepEqual(outline(article!.blocks), ['p: Body.']);
  });

  it('reports an article without a title', async () => {
    const { article, messages } = await lower('Just text.\n');
    assert.equal(article, undefined);
    assert.deepEqual(messages, ['articles/one.md:1:1: error: the article has no title [article/no-title]']);
  });

  it('reports broken front matter at its line in the article', async () => {
    const { messages } = await lower('---\ntitle: A\nbyline: [unclosed\n---\n\nText.\n');
    assert.match(messages[0], /^articles\/one\.md:\d+:\d+: error: .* \[article\/front-matter\]$/);
    const wrong = await lower('---\ntitle: A\ndate: last Tuesday\n---\n\nText.\n');
    assert.deepEqual(wrong.messages, ['articles/one.md:3:1: error: `date`: a date as yyyy-mm-dd (got "last Tuesday") [article/front-matter]']);
  });

  it('curls quotes and dashes by the article language', async () => {
    const en = await lower('---\ntitle: T\n---\n\n"Quoted" -- and --- so...\n');
    assert.deepEqual(outline(en.article!.blocks), ['p: “Quoted” – and — so…']);
    const de = await lower('---\ntitle: T\nlang: de\n---\n\n"Zitat"\n');
    assert.deepEqual(outline(de.article!.blocks), ['p: „Zitat“']);
    const ru = await lower('---\ntitle: T\nlang: ru\n---\n\n"Цитата"\n');
    assert.deepEqual(outline(ru.article!.blocks), ['p: «Цитата»']);
  });

  it('makes a block quote whose last line starts with a dash an attributed quote', async () => {
    const { article } = await lower('---\ntitle: T\n---\n\n> The tide keeps time.\n>\n> --- Harbour Board, 1911\n');
    assert.deepEqual(outline(article!.blocks), ['quote: p: The tide keeps time. — Harbour Board, 1911']);
  });

  it('attributes a quote whose attribution stands apart after a blank line', async () => {
    const { article } = await lower('---\ntitle: T\n---\n\n> The tide keeps time.\n\n>\n> —"Annual Report," Harbour Board (1911)\n');
    assert.deepEqual(outline(article!.blocks), ['quote: p: The tide keeps time. — “Annual Report,” Harbour Board (1911)']);
  });

  it('sets French no-break spaces before : ; ! ? and inside guillemets, never in a time', async () => {
    const { article } = await lower('---\ntitle: T\nlang: fr\n---\n\n"Vraiment?" Oui : à 10:30; enfin !\n');
    assert.deepEqual(outline(article!.blocks), ['p: «\u00a0Vraiment\u202f?\u00a0» Oui\u00a0: à 10:30\u202f; enfin\u202f!']);
  });

  it('numbers footnotes in order of their calls, with ids unique in the issue', async () => {
    const { article } = await lower('---\ntitle: T\n---\n\nB[^b] and A[^a].\n\n[^a]: Note A.\n[^b]: Note B.\n');
    assert.deepEqual(
      article!.footnotes.map((n) => [n.id, n.number, outline(n.blocks)[0]]),
      [
        ['03-t-fn1', 1, 'p: Note B.'],
        ['03-t-fn2', 2, 'p: Note A.'],
      ],
    );
  });

  it('makes an image alone in its paragraph a figure captioned by its title or alt', async () => {
    const { article, messages } = await lower('---\ntitle: T\n---\n\n![A chart](../img/c.png "Tides in 1911.")\n\n![Only alt](../img/c.png)\n', {
      'img/c.png': await png(40, 20),
    });
    assert.deepEqual(messages, []);
    assert.deepEqual(outline(article!.blocks), ['figure 1 40x20: Tides in 1911. [alt: A chart]', 'figure 2 40x20: Only alt [alt: Only alt]']);
  });

  it('reports a missing image, a non-image and an image over the pixel limit', async () => {
    const { messages } = await lower('---\ntitle: T\n---\n\n![a](nope.png)\n\n![b](../notes.txt)\n\n![c](../big.png)\n', {
      'notes.txt': 'not an image',
      'big.png': await png(9000, 8000),
    });
    assert.deepEqual(messages, [
      'articles/one.md:5:1: error: image `nope.png` does not exist [image/not-found]',
      'articles/one.md:7:1: error: `notes.txt` is not an image sharp can read [image/not-an-image]',
      'articles/one.md:9:1: error: `big.png` is 9000 × 8000 px (72.0 Mpx), over the limit of 60 Mpx [image/too-large]',
    ]);
  });

  it('never fetches a remote image and never keeps a javascript: link', async () => {
    const { article, messages } = await lower(
      '---\ntitle: T\n---\n\n![x](https://example.com/x.png)\n\n[click](javascript:alert(1)) <script>alert(1)</script>\n',
    );
    assert.deepEqual(messages, [
      'articles/one.md:5:1: warning: remote image `https://example.com/x.png` is not fetched and is left out [image/remote]',
      'articles/one.md:7:1: warning: link to `javascript:alert(1)` is kept as plain text [markdown/unsupported]',
      'articles/one.md:7:30: warning: raw HTML `<script>` is dropped with its content [markdown/raw-html]',
    ]);
    assert.deepEqual(outline(article!.blocks), ['p: click ']);
  });

  it('lowers lists, tables and headings with stable ids', async () => {
    const { article } = await lower('---\ntitle: T\n---\n\n## Section\n\n## Section\n\n3. three\n4. four\n\n- a\n- b\n\n| a | b |\n|:--|--:|\n| 1 | 2 |\n');
    assert.deepEqual(outline(article!.blocks), [
      'h2#03-t-section: Section',
      'h2#03-t-section-2: Section',
      'ol(3): p: three | p: four',
      'ul: p: a | p: b',
      'table 2x1 left,right',
    ]);
  });

  it('never gives a heading the id of a figure or a note', async () => {
    const { article } = await lower('---\ntitle: T\n---\n\n## Fig1\n\n## Fn2\n');
    assert.deepEqual(outline(article!.blocks), ['h2#03-t-section-fig1: Fig1', 'h2#03-t-section-fn2: Fn2']);
  });

  it('splits bylines in several languages', () => {
    assert.deepEqual(splitByline('By Ana Reyes and Tom Brandt'), ['Ana Reyes', 'Tom Brandt']);
    assert.deepEqual(splitByline('Von Jana Kühn und Ole Sand'), ['Jana Kühn', 'Ole Sand']);
    assert.deepEqual(splitByline('Мария Иванова и Пётр Орлов'), ['Мария Иванова', 'Пётр Орлов']);
  });
});
