// Articles as the site generators write them: their front matter's common keys read as
// Pressroom's, in YAML, TOML or header lines; keys that mean nothing to print named in one
// warning (an error only under --strict); header-like text that is not metadata left as text.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatDiagnostic, Reporter, sortByPlace } from '../../src/diagnostics/diagnostic.js';
import { loadManifest } from '../../src/manifest/load-manifest.js';
import { readArticle } from '../../src/markdown/read-article.js';
import { inlineText } from '../../src/model/inline-text.js';
import type { Article } from '../../src/model/types.js';
import { articleView } from '../../src/backends/epub/render-article.js';
import { epubLabels } from '../../src/backends/epub/labels.js';
import { MAGAZINE } from '../../src/settings/layout.js';
import { typesetArticle } from '../../src/typeset/typeset-issue.js';
import { nodeWorld } from '../../src/world.js';

const issueOf = (a: Article) => issueWith([a]);
import { issueWith } from '../golden/sample-issue.js';
import { MINIMAL_MANIFEST, writeEdition } from '../support/edition.js';

async function read(text: string, strict = false): Promise<{ article?: Article; messages: string[] }> {
  const dir = writeEdition({ 'edition.yaml': MINIMAL_MANIFEST, 'articles/one.md': text });
  const reporter = new Reporter(strict);
  const manifest = await loadManifest(nodeWorld, dir, reporter);
  assert.ok(manifest);
  const article = await readArticle({ world: nodeWorld, manifest, entry: manifest.articles[0], index: 1, reporter });
  return { article, messages: sortByPlace(reporter.all).map((d) => formatDiagnostic(d).split('\n')[0]) };
}

/** What the article prints of its front matter. */
const head = (a?: Article) => ({
  title: a ? inlineText(a.title) : undefined,
  deck: a?.deck ? inlineText(a.deck) : undefined,
  byline: a?.byline,
  department: a?.department,
  date: a?.date,
  lang: a?.lang,
});

describe('front matter of the site generators', () => {
  it('takes a Jekyll post’s description, author, categories and date as deck, byline, department and date', async () => {
    const { article, messages } = await read(
      '---\nlayout: post\ntitle: "Go 1.22 is released"\ndescription: Loops, routing and more\nauthor: Eli Bendersky\ncategories: [release, go]\ndate: 2024-02-06\n---\n\nText.\n',
    );
    assert.deepEqual(head(article), {
      title: 'Go 1.22 is released',
      deck: 'Loops, routing and more',
      byline: 'Eli Bendersky',
      department: 'release',
      date: '2024-02-06',
      lang: 'en',
    });
    assert.deepEqual(messages, ["articles/one.md:2:1: warning: the front matter's `layout` means nothing to print: left out [article/unknown-keys]"]);
  });

  it('joins a list of authors, of names or of `{ name }`, and takes a time of day off a date', async () => {
    const { article } = await read('---\ntitle: T\nauthors:\n  - Ana Reyes\n  - name: Tom Brandt\n  - Li Wei\ndate: 2023-11-05T10:30:00Z\n---\n\nText.\n');
    assert.equal(article?.byline, 'Ana Reyes, Tom Brandt and Li Wei');
    assert.equal(article?.date, '2023-11-05');
  });

  it('prefers Pressroom’s own key to an alias, and names every key left out in one warning', async () => {
    const { article, messages } = await read('---\ntitle: T\ndeck: Ours\nsummary: Theirs\ntags: [a]\nslug: t\ndraft: false\n---\n\nText.\n');
    assert.equal(article?.deck?.length ? inlineText(article.deck) : undefined, 'Ours');
    assert.deepEqual(messages, [
      "articles/one.md:5:1: warning: the front matter's `tags`, `slug`, `draft` mean nothing to print: left out [article/unknown-keys]",
    ]);
  });

  it('reads Hugo’s TOML front matter between +++ lines', async () => {
    const { article, messages } = await read(
      '+++\ntitle = "Release notes"\nsummary = "What changed"\nauthors = ["Ana Reyes", "Tom Brandt"]\ndate = 2024-03-01T09:00:00Z\nweight = 10\n+++\n\nText.\n',
    );
    assert.deepEqual(head(article), {
      title: 'Release notes',
      deck: 'What changed',
      byline: 'Ana Reyes and Tom Brandt',
      department: undefined,
      date: '2024-03-01',
      lang: 'en',
    });
    assert.deepEqual(messages, ["articles/one.md:6:1: warning: the front matter's `weight` means nothing to print: left out [article/unknown-keys]"]);
  });

  it('reports broken TOML at its line', async () => {
    const { article, messages } = await read('+++\ntitle = "T"\nauthors = [\n+++\n\nText.\n');
    assert.equal(article, undefined);
    assert.match(messages[0], /^articles\/one\.md:\d+:\d+: error: the TOML front matter cannot be read: .* \[article\/front-matter\]$/);
  });

  it('reads Pelican’s and MultiMarkdown’s header lines, case-blind, and does not print them', async () => {
    const { article, messages } = await read(
      'Title: My super title\nDate: 2010-12-03 10:20\nCategory: Python\nTags: pelican, publishing\nAuthors: Alexis Metaireau, Conan Doyle\nSummary: Short version for index and feeds\n\nThis is the content of my super blog post.\n',
    );
    assert.deepEqual(head(article), {
      title: 'My super title',
      deck: 'Short version for index and feeds',
      byline: 'Alexis Metaireau and Conan Doyle',
      department: 'Python',
      date: '2010-12-03',
      lang: 'en',
    });
    assert.deepEqual(
      article?.blocks.map((b) => (b.kind === 'paragraph' ? inlineText(b.content) : b.kind)),
      ['This is the content of my super blog post.'],
    );
    assert.deepEqual(messages, ["articles/one.md:4:1: warning: the front matter's `tags` means nothing to print: left out [article/unknown-keys]"]);
  });

  it('leaves as text a first paragraph that only looks like header lines (no title among them)', async () => {
    const { article, messages } = await read('---\ntitle: T\n---\n\nNote: this is prose.\n');
    assert.equal(article?.blocks.length, 1);
    assert.deepEqual(messages, []);
    // Header lines are read only where the file begins: after front matter they are text.
    const after = await read('---\ntitle: T\n---\n\nTitle: Looks like a header\nDate: 2024-01-01\n');
    assert.deepEqual(
      after.article?.blocks.map((b) => (b.kind === 'paragraph' ? inlineText(b.content) : b.kind)),
      ['Title: Looks like a header Date: 2024-01-01'],
    );
  });

  it('reads a byline as inline Markdown: its plain text names the authors, its link stays a link', async () => {
    const { article } = await read('---\ntitle: T\nbyline: "By [Jane Doe](https://example.org/jane) and *Tom Brandt*"\n---\n\nText.\n');
    assert.equal(article?.byline, 'By Jane Doe and Tom Brandt');
    assert.deepEqual(article?.authors, ['Jane Doe', 'Tom Brandt']);
    assert.deepEqual(
      article?.bylineInlines?.map((i) => i.kind),
      ['text', 'link', 'text', 'emphasis'],
    );
    const view = articleView(article!, epubLabels('en'));
    assert.equal(view.bylineHtml, 'By <a href="https://example.org/jane">Jane Doe</a> and <em>Tom Brandt</em>');
    const { pages } = typesetArticle(issueOf(article!), article!, MAGAZINE);
    const drawn = pages[0].items.flatMap((it) => (it.kind === 'text' ? [it.text] : [])).join(' ');
    assert.doesNotMatch(drawn, /\[|\]\(|https:/);
    assert.ok(pages[0].items.some((it) => it.kind === 'link' && it.target.kind === 'uri' && it.target.uri === 'https://example.org/jane'));
  });

  it('prints the date with the byline, in the article’s language', async () => {
    const { article } = await read('---\ntitle: T\nbyline: By Ana Reyes\ndate: 2024-03-05\nlang: de\n---\n\nText.\n');
    const { pages } = typesetArticle(issueOf(article!), article!, MAGAZINE);
    const drawn = pages[0].items.flatMap((it) => (it.kind === 'text' ? [it.text] : [])).join(' ');
    assert.match(drawn.replace(/\s+/g, ' '), /BY ANA REYES · 5\. MÄRZ 2024/);
    assert.match(articleView(article!, epubLabels('de')).dateText ?? '', /^5\. März 2024$/);
  });

  it('makes the keys left out an error under --strict', async () => {
    const { messages } = await read('---\ntitle: T\npermalink: /t/\n---\n\nText.\n', true);
    assert.deepEqual(messages, ["articles/one.md:3:1: error: the front matter's `permalink` means nothing to print: left out [article/unknown-keys]"]);
  });
});
