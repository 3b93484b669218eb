// A website's template syntax met outside code: Hugo's figure, video, ref and param shortcodes
// and Jekyll's link and post_url tags become what they stand for; anything else is a warning
// at its place and is left out of the print; inside code it is the author's example, kept.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatDiagnostic, Reporter, sortByPlace } from '../../src/diagnostics/diagnostic.js';
import { loadManifest } from '../../src/manifest/load-manifest.js';
import { readArticle } from '../../src/markdown/read-article.js';
import { inlineText } from '../../src/model/inline-text.js';
import type { Article, Block, Inline } from '../../src/model/types.js';
import { nodeWorld } from '../../src/world.js';
import { MINIMAL_MANIFEST, png, writeEdition } from '../support/edition.js';

async function read(body: string, frontMatter = ''): Promise<{ article?: Article; messages: string[] }> {
  const dir = writeEdition({
    'edition.yaml': MINIMAL_MANIFEST,
    'articles/one.md': `---\ntitle: T\n${frontMatter}---\n\n${body}`,
    'articles/chart_of_the_tides.png': await png(40, 30),
  });
  const reporter = new Reporter();
  const manifest = await loadManifest(nodeWorld, dir, reporter);
  assert.ok(manifest);
  const article = await readArticle({ world: nodeWorld, manifest, entry: manifest.articles[0], index: 1, reporter });
  return { article, messages: sortByPlace(reporter.all).map((d) => formatDiagnostic(d).split('\n')[0]) };
}

/** Each block as a line: paragraphs as their text, with links' addresses; figures with their caption. */
function outline(blocks: Block[]): string[] {
  const text = (content: Inline[]): string =>
    content.map((i) => (i.kind === 'link' ? `[${text(i.children)}](${i.url})` : 'children' in i ? text(i.children) : inlineText([i]))).join('');
  return blocks.map((b) =>
    b.kind === 'paragraph' ? text(b.content) : b.kind === 'figure' ? `figure: ${b.caption ? inlineText(b.caption) : ''} [alt: ${b.alt}]` : b.kind,
  );
}

describe('site syntax outside code', () => {
  it('makes a Hugo figure shortcode a figure, its caption and alt text kept', async () => {
    const { article, messages } = await read('Before.\n\n{{< figure src="chart_of_the_tides.png" caption="High water, 1911" alt="A chart" >}}\n\nAfter.\n');
    assert.deepEqual(outline(article!.blocks), ['Before.', 'figure: High water, 1911 [alt: A chart]', 'After.']);
    assert.deepEqual(messages, []);
  });

  it('makes ref and relref the linked file, param the front matter’s value, and a video its link', async () => {
    const { article } = await read('See [the notes]({{< ref "two.md" >}}), by {{% param "byline" %}}.\n\n{{< youtube dQw4w9WgXcQ >}}\n', 'byline: Ana Reyes\n');
    assert.deepEqual(outline(article!.blocks), [
      'See [the notes](two.md), by Ana Reyes.',
      '[Video: https://www.youtube.com/watch?v=dQw4w9WgXcQ](https://www.youtube.com/watch?v=dQw4w9WgXcQ)',
    ]);
  });

  it('makes Jekyll’s link and post_url tags the file they name', async () => {
    const { article } = await read('A [page]({% link about.md %}) and [a post]({% post_url 2010-07-21-name %}).\n');
    assert.deepEqual(outline(article!.blocks), ['A [page](about.md) and [a post](2010-07-21-name.md).']);
  });

  it('leaves out, with a warning at its place, what cannot be printed', async () => {
    const { article, messages } = await read('Text {{< tweet user="x" id="1" >}} here.\n\n{% include note.html %}\n\nPage: {{ page.title }}.\n');
    assert.deepEqual(outline(article!.blocks), ['Text  here.', 'Page: .']);
    assert.deepEqual(messages, [
      'articles/one.md:5:6: warning: Hugo shortcode `{{< tweet user="x" id="1" >}}` cannot be printed: left out [markdown/site-syntax]',
      'articles/one.md:7:1: warning: Liquid tag `{% include note.html %}` cannot be printed: left out [markdown/site-syntax]',
      'articles/one.md:9:7: warning: template variable `{{ page.title }}` cannot be printed: left out [markdown/site-syntax]',
    ]);
  });

  it('keeps site syntax inside code, where it is the author’s example', async () => {
    const { article, messages } = await read('Use `{{< figure src="x.png" >}}` in a post:\n\n```\n{% include note.html %}\n```\n');
    assert.equal(inlineText((article!.blocks[0] as { content: Inline[] }).content), 'Use {{< figure src="x.png" >}} in a post:');
    assert.deepEqual(article!.blocks[1], { ...article!.blocks[1], kind: 'code-block' });
    assert.match(JSON.stringify(article!.blocks[1]), /{% include note.html %}/);
    assert.deepEqual(messages, []);
  });

  it('keeps the lines of what follows, for the places of later messages', async () => {
    const { messages } = await read('{{< gallery\n  dir="x"\n>}}\n\n[broken](#nowhere)\n');
    assert.equal(messages.length, 1);
    assert.match(messages[0], /^articles\/one\.md:5:1: warning: Hugo shortcode/);
  });
});
