// Images in a paragraph: alone, a figure; several and nothing else (spaces, line breaks,
// each perhaps in a link to itself, as blogs write them), a row of figures, each numbered
// and captioned; inside a line of text, an image on the line. An image the build could
// not read (here: a remote one; a missing file is an error, and stops the article) leaves
// its alt text, as before.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatDiagnostic, Reporter, sortByPlace } from '../../src/diagnostics/diagnostic.js';
import { loadManifest } from '../../src/manifest/load-manifest.js';
import { readArticle } from '../../src/markdown/read-article.js';
import { inlineText } from '../../src/model/inline-text.js';
import type { Article, Block, Inline } from '../../src/model/types.js';
import { issueFigures, issueImages } from '../../src/model/walk.js';
import type { ImageItem, LinkItem } from '../../src/pages/page.js';
import { setParagraph } from '../../src/typeset/text/paragraph.js';
import { baselineOf } from '../../src/typeset/text/paragraph-spec.js';
import { nodeWorld } from '../../src/world.js';
import { MINIMAL_MANIFEST, png, writeEdition } from '../support/edition.js';
import { body, context, lineText } from '../support/paragraph.js';
import { sizedImage } from '../golden/sample-issue.js';

async function lower(body: string): Promise<{ article: Article; messages: string[] }> {
  const files = {
    'edition.yaml': MINIMAL_MANIFEST,
    'articles/one.md': `---\ntitle: Charts\n---\n\n${body}`,
    'articles/a.png': await png(40, 20, '#aa3333'),
    'articles/b.png': await png(30, 30, '#33aa33'),
    'articles/c.png': await png(20, 40, '#3333aa'),
    'articles/icon.png': await png(16, 16, '#888888'),
  };
  const dir = writeEdition(files);
  const reporter = new Reporter();
  const manifest = await loadManifest(nodeWorld, dir, reporter);
  assert.ok(manifest);
  const article = await readArticle({ world: nodeWorld, manifest, entry: manifest.articles[0], index: 1, reporter });
  assert.ok(article, reporter.all.map(formatDiagnostic).join('\n'));
  return { article, messages: sortByPlace(reporter.all).map((d) => formatDiagnostic(d).split('\n')[0]) };
}

/** `figure N WxH: caption` for figures, `row[…]` for rows, the text of paragraphs with `{img WxH}` for images. */
function outline(blocks: readonly Block[]): string[] {
  return blocks.map((b) => {
    switch (b.kind) {
      case 'figure':
        return `figure ${b.number} #${b.id} ${b.image.width}x${b.image.height}: ${b.caption ? inlineText(b.caption) : ''}`;
      case 'figure-group':
        return `row[${outline(b.figures).join(' | ')}]`;
      case 'paragraph':
        return `p: ${inlines(b.content)}`;
      default:
        return b.kind;
    }
  });
}

function inlines(content: readonly Inline[]): string {
  return content
    .map((n) =>
      n.kind === 'image' ? `{img ${n.image.width}x${n.image.height} ${n.alt}}` : n.kind === 'link' ? `[${inlines(n.children)}](${n.url})` : inlineText([n]),
    )
    .join('');
}

describe('a paragraph made only of images', () => {
  it('is a row of figures, each numbered in turn and captioned by its title or alt', async () => {
    const { article, messages } = await lower('Before.\n\n![](a.png) ![Green](b.png "A square") ![Blue](c.png)\n\n![After](a.png)\n');
    assert.deepEqual(messages, []);
    assert.deepEqual(outline(article.blocks), [
      'p: Before.',
      'row[figure 1 #01-charts-fig1 40x20:  | figure 2 #01-charts-fig2 30x30: A square | figure 3 #01-charts-fig3 20x40: Blue]',
      'figure 4 #01-charts-fig4 40x20: After',
    ]);
  });

  it('may put its images on lines of their own, with soft or hard breaks', async () => {
    const soft = await lower('![A](a.png)\n![B](b.png)\n![C](c.png)\n');
    assert.deepEqual(outline(soft.article.blocks), [
      'row[figure 1 #01-charts-fig1 40x20: A | figure 2 #01-charts-fig2 30x30: B | figure 3 #01-charts-fig3 20x40: C]',
    ]);
    const hard = await lower('![A](a.png)\\\n![B](b.png)  \n![C](c.png)\n');
    assert.deepEqual(outline(hard.article.blocks), outline(soft.article.blocks));
  });

  it('takes images each in a link to itself, as blogs write them, and by reference', async () => {
    const { article, messages } = await lower('[![A](a.png)](a.png) [![B][b]](b.png)\n[![C](c.png)](https://example.com/c)\n\n[b]: b.png "Bee"\n');
    assert.deepEqual(messages, []);
    assert.deepEqual(outline(article.blocks), [
      'row[figure 1 #01-charts-fig1 40x20: A | figure 2 #01-charts-fig2 30x30: Bee | figure 3 #01-charts-fig3 20x40: C]',
    ]);
  });

  it('is a single figure when only one of its images could be read, and nothing when none', async () => {
    const one = await lower('![A](a.png) ![Far](https://example.com/far.png)\n');
    assert.deepEqual(outline(one.article.blocks), ['figure 1 #01-charts-fig1 40x20: A']);
    assert.deepEqual(one.messages, ['articles/one.md:5:13: warning: remote image `https://example.com/far.png` is not fetched and is left out [image/remote]']);
    const none = await lower('![X](https://example.com/x.png) ![Y](https://example.com/y.png)\n\nText.\n');
    assert.deepEqual(outline(none.article.blocks), ['p: Text.']);
  });

  it('is text when anything but images and white space stands in it', async () => {
    const { article } = await lower('![A](a.png) and ![B](b.png)\n');
    assert.deepEqual(outline(article.blocks), ['p: {img 40x20 A} and {img 30x30 B}']);
  });

  it('gives the walk its figures, so that every image is written', async () => {
    const { article } = await lower('![A](a.png) ![B](b.png)\n\nAn icon ![i](icon.png) in the text.\n');
    const issue = { articles: [article] };
    assert.deepEqual(
      issueFigures(issue).map((f) => f.number),
      [1, 2],
    );
    assert.deepEqual(
      issueImages(issue).map((i) => `${i.width}x${i.height}`),
      ['40x20', '30x30', '16x16'],
    );
  });
});

describe('an image inside a line of text', () => {
  it('stays on the line as an image with its alt text, in a link when it is in one', async () => {
    const { article, messages } = await lower('Build ![passing](icon.png) and [![docs](icon.png)](https://example.com/docs) badges.\n');
    assert.deepEqual(messages, []);
    assert.deepEqual(outline(article.blocks), ['p: Build {img 16x16 passing} and [{img 16x16 docs}](https://example.com/docs) badges.']);
    assert.equal(inlineText((article.blocks[0] as Extract<Block, { kind: 'paragraph' }>).content), 'Build passing and docs badges.');
  });

  it('is its alt text when it could not be read (the image stage has said why)', async () => {
    const { article, messages } = await lower('A ![remote](https://example.com/r.png) icon.\n');
    assert.deepEqual(outline(article.blocks), ['p: A remote icon.']);
    assert.deepEqual(messages, ['articles/one.md:5:3: warning: remote image `https://example.com/r.png` is not fetched and is left out [image/remote]']);
  });
});

describe('an image set in a line of text', () => {
  const pos = { file: 'articles/one.md', line: 1, column: 1 };
  const words = (t: string): Inline => ({ kind: 'text', text: t, pos });
  const icon = (w: number, h: number, alt = 'icon'): Inline => ({ kind: 'image', image: sizedImage(`img-${w}x${h}`, w, h), alt, pos });
  const set = (content: Inline[], width = 300) => setParagraph(context(), { content, style: body, width, lang: 'en', pos });
  const imagesOf = (lines: ReturnType<typeof set>) => lines.flatMap((l) => l.items.filter((i): i is ImageItem => i.kind === 'image'));

  it('is an icon at its own size (150 px to the inch, as figures at the least) standing on the baseline, the words around it in place', () => {
    const lines = set([words('Status '), icon(16, 16), words(' is green.')]);
    assert.equal(lines.length, 1);
    const [img] = imagesOf(lines);
    assert.deepEqual(
      [img.w, img.h].map((n) => n.toFixed(2)),
      ['7.68', '7.68'],
    );
    assert.ok(Math.abs(img.y + img.h - baselineOf(body.size, body.leading)) < 0.01, 'its foot on the baseline');
    assert.match(lineText(lines[0]), /^Status +is green\.$/, 'no alt text printed');
    const before = lines[0].items.find((i) => i.kind === 'text')!;
    assert.ok(before.kind === 'text' && img.x >= before.x + before.width - 0.01, 'after the words before it');
    // Lower than the baseline is high, but within the line: from the line's top.
    const [tall] = imagesOf(set([words('Status '), icon(24, 24), words(' is green.')]));
    assert.deepEqual([tall.w.toFixed(2), tall.y], ['11.52', 0]);
  });

  it('is scaled to the size of the type when it is taller than the line, and never rises above the line', () => {
    const [badge] = imagesOf(set([words('Build '), icon(90, 20, 'passing'), words(' today.')]));
    assert.deepEqual(
      [badge.w, badge.h].map((n) => n.toFixed(1)),
      ['43.2', '9.6'],
      'a badge that fits: its own size',
    );
    const [big] = imagesOf(set([words('A '), icon(400, 200), words(' photo.')]));
    assert.ok(Math.abs(big.h - body.size) < 0.01 && Math.abs(big.w - 2 * body.size) < 0.01, `${big.w}x${big.h}`);
    assert.ok(big.y >= 0 && big.y + big.h <= body.leading, `${big.h} pt at ${big.y}`);
  });

  it('is one box the lines break around, never wider than the line, and a link when it is in one', () => {
    const many: Inline[] = [];
    for (let i = 0; i < 30; i++) many.push(words(`word${i} `), icon(16, 16));
    const lines = set(many, 120);
    assert.ok(lines.length > 3);
    assert.equal(imagesOf(lines).length, 30);
    for (const l of lines) for (const img of imagesOf([l])) assert.ok(img.x + img.w <= 120 + 0.5, `${img.x}+${img.w}`);
    const wide = imagesOf(set([icon(2000, 40)], 100));
    assert.ok(wide[0].w <= 100 + 0.01);
    const linked = set([words('See '), { kind: 'link', url: 'https://example.com', children: [icon(16, 16)], pos }]);
    const link = linked[0].items.find((i): i is LinkItem => i.kind === 'link');
    const [img] = imagesOf(linked);
    assert.ok(link && Math.abs(link.x - img.x) < 0.01 && Math.abs(link.w - img.w) < 0.01, 'the link covers the image');
  });
});
