// Jekyll's `{% include file param="x" %}`: the file from an `_includes` folder (of the article's
// folder or one above it, up to the edition folder) is put in where the tag stands, when it
// is Markdown or plain HTML, with `{{ include.param }}` filled in and the includes inside it
// put in too (a few deep, never in a cycle). Anything else is a warning at the tag, as before;
// the places of what follows stay the article's own. Jekyll's blocks: a highlight block is
// code, raw text is printed as it is, a comment and a loop over the site's data go.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatDiagnostic, Reporter, sortByPlace } from '../../src/diagnostics/diagnostic.js';
import { loadManifest } from '../../src/manifest/load-manifest.js';
import { readArticle } from '../../src/markdown/read-article.js';
import { inlineText } from '../../src/model/inline-text.js';
import type { Article, Block, Inline } from '../../src/model/types.js';
import { nodeWorld } from '../../src/world.js';
import { type Files, writeEdition } from '../support/edition.js';
import { readFirstArticle } from '../support/read-one.js';

const ARTICLE = 'blog/_posts/2024-01-05-harbour.md';
const MANIFEST = `publication: The Test Gazette\nissue: No. 1\ndate: 2026-03-01\narticles:\n  - ${ARTICLE}\n`;

function read(body: string, files: Files): Promise<{ article?: Article; messages: string[] }> {
  return readFirstArticle({ 'edition.yaml': MANIFEST, [ARTICLE]: `---\ntitle: T\n---\n\n${body}`, ...files });
}

const md = (content: readonly Inline[]): string =>
  content.map((i) => (i.kind === 'link' ? `[${md(i.children)}](${i.url})` : i.kind === 'emphasis' ? `*${md(i.children)}*` : inlineText([i]))).join('');

/** Each block as a line: paragraphs and headings as their text, quotes with their blocks. */
const outline = (blocks: readonly Block[]): string[] =>
  blocks.flatMap((b) =>
    b.kind === 'paragraph' || b.kind === 'heading'
      ? [md(b.content)]
      : b.kind === 'blockquote'
        ? ['quote', ...outline(b.blocks).map((l) => `  ${l}`), ...(b.attribution ? [`  — ${md(b.attribution)}`] : [])]
        : [b.kind],
  );

describe('Jekyll include', () => {
  it('puts in a Markdown include with its parameters, from the _includes of a folder above the article', async () => {
    const { article, messages } = await read('Before.\n\n{% include pullquote.md quote="Ships come in." author="Harbour master" %}\n\nAfter.\n', {
      'blog/_includes/pullquote.md': '> {{ include.quote }}\n>\n> — *{{ include.author }}*\n',
    });
    assert.deepEqual(outline(article!.blocks), ['Before.', 'quote', '  Ships come in.', '  — *Harbour master*', 'After.']);
    assert.deepEqual(messages, []);
  });

  it('puts in plain HTML as one block, blank lines and all, and fills in `| default:`', async () => {
    const { article, messages } = await read('{% include note.html text="Mind the gap." %}\n', {
      '_includes/note.html': '<p>\n  <strong>{{ include.label | default: "Note" }}:</strong>\n\n  {{ include.text | markdownify }}\n</p>\n',
    });
    assert.deepEqual(outline(article!.blocks), ['Note: Mind the gap.']);
    assert.deepEqual(messages, []);
  });

  it('puts in the includes inside an include, and include_relative from the file’s own folder', async () => {
    const { article, messages } = await read('{% include outer.md name="Ana" %}\n\n{% include_relative aside.md %}\n', {
      '_includes/outer.md': 'Hello {{ include.name }}.\n\n{% include inner.md who=include.name %}\n',
      '_includes/inner.md': 'Again, {{ include.who }}.\n',
      'blog/_posts/aside.md': 'An aside.\n',
    });
    assert.deepEqual(outline(article!.blocks), ['Hello Ana.', 'Again, Ana.', 'An aside.']);
    assert.deepEqual(messages, []);
  });

  it('keeps the lines of what follows, and puts what the include holds at its tag', async () => {
    const { article, messages } = await read('Intro.\n\n  {% include three.md %}\n\n[broken](#nowhere)\n', {
      '_includes/three.md': 'One.\n\nTwo [bad](javascript:alert(1)).\n\nThree.\n',
    });
    assert.deepEqual(outline(article!.blocks), ['Intro.', 'One.', 'Two bad.', 'Three.', '[broken](#nowhere)']);
    const blocks = article!.blocks;
    assert.deepEqual(
      blocks.map((b) => `${b.pos.line}:${b.pos.column}`),
      ['5:1', '7:3', '7:3', '7:3', '9:1'],
    );
    assert.equal(messages.length, 1);
    assert.match(messages[0], /^blog\/_posts\/2024-01-05-harbour\.md:7:3: warning: link .*javascript/);
  });

  it('warns at the tag and leaves out an include it cannot put in', async () => {
    const { article, messages } = await read(
      'A.\n\n{% include missing.html %}\n\n{% include icon.svg %}\n\n{% include cond.html %}\n\n{% include loop.md %}\n\n{% include ../../edition.yaml %}\n\nB.\n',
      {
        '_includes/icon.svg': '<svg></svg>',
        '_includes/cond.html': '{% if include.x %}<p>{{ include.x }}</p>{% endif %}',
        '_includes/loop.md': 'Loop.\n\n{% include loop2.md %}\n',
        '_includes/loop2.md': '{% include loop.md %}\n',
      },
    );
    assert.deepEqual(outline(article!.blocks), ['A.', 'Loop.', 'B.']);
    assert.deepEqual(messages, [
      'blog/_posts/2024-01-05-harbour.md:7:1: warning: Liquid tag `{% include missing.html %}` cannot be printed: left out [markdown/site-syntax]',
      'blog/_posts/2024-01-05-harbour.md:9:1: warning: Liquid tag `{% include icon.svg %}` cannot be printed: left out [markdown/site-syntax]',
      'blog/_posts/2024-01-05-harbour.md:11:1: warning: Liquid tag `{% include cond.html %}` cannot be printed: left out [markdown/site-syntax]',
      'blog/_posts/2024-01-05-harbour.md:13:1: warning: Liquid tag `{% include loop.md %}` (through `{% include loop.md %}`) cannot be printed: left out [markdown/site-syntax]',
      'blog/_posts/2024-01-05-harbour.md:15:1: warning: Liquid tag `{% include ../../edition.yaml %}` cannot be printed: left out [markdown/site-syntax]',
    ]);
  });

  it('says why in the hint, and names an unknown variable inside the included file', async () => {
    const dir = writeEdition({
      'edition.yaml': MANIFEST,
      [ARTICLE]: '---\ntitle: T\n---\n\n{% include cond.html %}\n\n{% include site.md %}\n',
      '_includes/cond.html': '{% if include.x %}x{% endif %}',
      '_includes/site.md': 'Built by {{ site.author }}.\n',
    });
    const reporter = new Reporter();
    const manifest = await loadManifest(nodeWorld, dir, reporter);
    const article = await readArticle({ world: nodeWorld, manifest: manifest!, entry: manifest!.articles[0], index: 1, reporter });
    assert.deepEqual(outline(article!.blocks), ['Built by .']);
    const all = sortByPlace(reporter.all).map((d) => formatDiagnostic(d));
    assert.match(all[0], /_includes\/cond\.html` decides what it prints with Liquid/);
    assert.match(
      all[1],
      /^blog\/_posts\/2024-01-05-harbour\.md:7:1: warning: template variable `\{\{ site\.author \}\}` in the included `_includes\/site\.md` cannot be printed/,
    );
  });

  it('reads comments and assigned strings in an include as Jekyll does (shared link definitions)', async () => {
    const { article, messages } = await read('See the [docs][rpc] and [issues].\n\n{% include references.md %}\n', {
      '_includes/references.md':
        '[issues]: https://github.com/x/y/issues\n\n{% comment %}\nUpdate the version below.\n{% endcomment %}\n{% assign v = "0.16.2" %}\n[rpc]: https://example.org/doc/{{v}}/rpc/\n',
    });
    assert.deepEqual(outline(article!.blocks), ['See the [docs](https://example.org/doc/0.16.2/rpc/) and [issues](https://github.com/x/y/issues).']);
    assert.deepEqual(messages, []);
  });

  it('keeps an include tag inside code, in the article and in an included file', async () => {
    const { article, messages } = await read('```liquid\n{% include note.html %}\n```\n\n{% include example.md %}\n', {
      '_includes/note.html': '<p>Note.</p>',
      '_includes/example.md': 'Write `{% include note.html %}` in a post.\n',
    });
    assert.deepEqual(outline(article!.blocks), ['code-block', 'Write {% include note.html %} in a post.']);
    assert.match(JSON.stringify(article!.blocks[0]), /\{% include note\.html %\}/);
    assert.deepEqual(messages, []);
  });
});

describe('Jekyll’s Liquid blocks', () => {
  it('makes a highlight block code, drops raw’s tags and a comment, and reads a relative_url as its path', async () => {
    const { article, messages } = await read(
      '{% highlight ruby %}\nputs "{{ not.a.variable }}"\n{% endhighlight %}\n\n{% raw %}\n```liquid\n{% if x %}{{ y }}{% endif %}\n```\n{% endraw %}\n\n{% comment %}\nA note to the site’s editors.\n{% endcomment %}\nSee [the docs]({{ "/docs/themes/#assets" | relative_url }}) and {% raw %}{{ page.title }}{% endraw %}.\n',
      {},
    );
    assert.deepEqual(outline(article!.blocks), ['code-block', 'code-block', 'See [the docs](/docs/themes/#assets) and {{ page.title }}.']);
    const [ruby, liquid] = article!.blocks as Extract<Block, { kind: 'code-block' }>[];
    assert.deepEqual([ruby.lang, ruby.text], ['ruby', 'puts "{{ not.a.variable }}"']);
    assert.deepEqual([liquid.lang, liquid.text], ['liquid', '{% if x %}{{ y }}{% endif %}']);
    assert.deepEqual(messages, []);
  });

  it('leaves out a loop over the site’s data with what it repeats, one warning at its tag', async () => {
    const { article, messages } = await read(
      '## Past advisories\n\n{% for post in site.posts %}\n  <article>\n    <h2>{{ post.title }}</h2>\n  {% for tag in post.tags %}{{ tag }}{% endfor %}\n  </article>\n{% endfor %}\n\nAfter.\n',
      {},
    );
    assert.deepEqual(outline(article!.blocks), ['Past advisories', 'After.']);
    assert.deepEqual(messages, [
      'blog/_posts/2024-01-05-harbour.md:7:1: warning: Liquid tag `{% for post in site.posts %}` cannot be printed: left out [markdown/site-syntax]',
    ]);
    assert.equal(article!.blocks[1].pos.line, 14);
  });
});
