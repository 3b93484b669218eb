// An article taken from a website links to the site's own pages by their path (`/doc/install`).
// With the site named (`site:` in edition.yaml, or in the article's front matter), such a link
// is the web link the site has; without, it is a warning that says how to name the site.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Reporter } from '../../src/diagnostics/diagnostic.js';
import { loadManifest } from '../../src/manifest/load-manifest.js';
import { readArticle } from '../../src/markdown/read-article.js';
import { checkLinks } from '../../src/model/check-links.js';
import { LinkIndex } from '../../src/model/links.js';
import type { Article, Issue } from '../../src/model/types.js';
import { nodeWorld } from '../../src/world.js';
import { issueWith } from '../golden/sample-issue.js';
import { MINIMAL_MANIFEST, writeEdition } from '../support/edition.js';

async function issueOf(manifestExtra: string, frontMatter: string): Promise<Issue> {
  const dir = writeEdition({
    'edition.yaml': `${MINIMAL_MANIFEST}${manifestExtra}`,
    'articles/one.md': `---\ntitle: T\n${frontMatter}---\n\nSee [the install guide](/doc/install#linux) and [a post](/blog/go1.22).\n`,
  });
  const reporter = new Reporter();
  const manifest = await loadManifest(nodeWorld, dir, reporter);
  assert.ok(manifest, JSON.stringify(reporter.all));
  const a = await readArticle({ world: nodeWorld, manifest, entry: manifest.articles[0], index: 1, reporter });
  assert.ok(a, JSON.stringify(reporter.all));
  return issueWith([a]);
}

const targets = (a: Article) => ['/doc/install#linux', '/blog/go1.22'].map((u) => new LinkIndex([a]).resolve(u, a));

describe('links to the pages of the article’s website', () => {
  it('lead to the site named in edition.yaml', async () => {
    const issue = await issueOf('site: https://go.dev/\n', '');
    assert.deepEqual(targets(issue.articles[0]), [
      { kind: 'external', url: 'https://go.dev/doc/install#linux' },
      { kind: 'external', url: 'https://go.dev/blog/go1.22' },
    ]);
    assert.deepEqual(checkLinks(issue), []);
  });

  it('lead to the site the article names, over the edition’s', async () => {
    const issue = await issueOf('site: https://go.dev\n', 'site: https://blog.rust-lang.org/inside-rust\n');
    assert.deepEqual(targets(issue.articles[0])[1], { kind: 'external', url: 'https://blog.rust-lang.org/inside-rust/blog/go1.22' });
  });

  it('are a warning saying how to name the site when none is named', async () => {
    const issue = await issueOf('', '');
    const ds = checkLinks(issue);
    assert.equal(ds.length, 2);
    assert.match(ds[0].message, /^link to `\/doc\/install#linux`: this edition has no article `\/doc\/install`; printed as plain text$/);
    assert.match(ds[0].hints?.[0] ?? '', /name the website it comes from with `site:`/);
  });

  it('refuses a site that is not a web address', async () => {
    const dir = writeEdition({ 'edition.yaml': `${MINIMAL_MANIFEST}site: go.dev\n`, 'articles/one.md': '---\ntitle: T\n---\n\nText.\n' });
    const reporter = new Reporter();
    assert.equal(await loadManifest(nodeWorld, dir, reporter), undefined);
    assert.match(reporter.all[0].message, /a web address such as https:\/\/go\.dev/);
  });
});
