// The build cache, as an editor meets it: a second build of an unchanged edition writes
// nothing and reports what the first did; a change to any file the build read (an article,
// an image, a template added beside it) is built again; an output removed is made again;
// damaged entries and builds sharing one cache never change a byte of the outputs.
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { buildEdition } from '../../src/build.js';
import { codeVersion } from '../../src/cache/code-version.js';
import { clearMemos } from '../../src/cache/memos.js';
import { drawnPageCounts } from '../../src/backends/pdf/drawn-pages.js';
import { type BuildCache, cacheKey, openCache } from '../../src/cache/disk-cache.js';
import { deserialize } from 'node:v8';
import { digests } from '../support/digests.js';
import { png } from '../support/edition.js';
import { pdfText } from '../support/validators.js';

const STARTER = path.resolve(import.meta.dirname, '../../assets/new-edition');

function starter(): { dir: string; out: string; cacheDir: string } {
  const root = mkdtempSync(path.join(os.tmpdir(), 'pressroom-cache-'));
  const dir = path.join(root, 'starter');
  cpSync(STARTER, dir, { recursive: true });
  return { dir, out: path.join(root, 'out'), cacheDir: path.join(root, 'cache') };
}

const cacheAt = (dir: string) => openCache({ dir, version: codeVersion() });

const article = (dir: string) => path.join(dir, 'articles/01-welcome.md');

describe('the build cache', () => {
  it('writes nothing when nothing changed, and reports the same warnings and pages', async () => {
    const { dir, out, cacheDir } = starter();
    const first = await buildEdition({ editionDir: dir, outDir: out, cache: cacheAt(cacheDir) });
    const before = digests(out);
    const times = Object.keys(before).map((f) => statSync(path.join(out, f)).mtimeMs);
    const cache = cacheAt(cacheDir);
    const second = await buildEdition({ editionDir: dir, outDir: out, cache });
    assert.equal(second.fromCache, true);
    assert.equal(first.fromCache, undefined);
    assert.deepEqual(second.warnings, first.warnings);
    assert.equal(second.pages, first.pages);
    assert.deepEqual(second.outputs, first.outputs);
    assert.equal(second.issue.articles.length, 2);
    assert.deepEqual(digests(out), before);
    assert.deepEqual(
      Object.keys(before).map((f) => statSync(path.join(out, f)).mtimeMs),
      times,
      'no output was written again',
    );
    assert.ok(cache.stats().hits >= 1);
  });

  it('builds again after an article is edited, reusing the articles that were not', async () => {
    const { dir, out, cacheDir } = starter();
    await buildEdition({ editionDir: dir, outDir: out, cache: cacheAt(cacheDir) });
    writeFileSync(article(dir), `${readFileSync(article(dir), 'utf8')}\nA sentence about quinces added at proof.\n`);
    const cache = cacheAt(cacheDir);
    const again = await buildEdition({ editionDir: dir, outDir: out, cache });
    assert.equal(again.fromCache, undefined);
    assert.match(pdfText(path.join(out, 'starter.pdf')).replace(/\s+/g, ' '), /about quinces added at proof/);
    // The other article and the figure came from the cache.
    assert.ok(cache.stats().hits >= 2, `hits: ${JSON.stringify(cache.stats())}`);
  });

  it('draws again only the PDFs whose pages changed, and gives the bytes a build with no cache gives', async () => {
    const { dir, out, cacheDir } = starter();
    clearMemos(); // each build as a process of its own: what one made reaches the next through the cache only
    await buildEdition({ editionDir: dir, outDir: out, cache: cacheAt(cacheDir) });
    const layoutsBefore = await keptLayoutKeys(cacheDir, dir);
    const other = path.join(dir, 'articles/02-writing-an-article.md');
    // An edit within the last article's pages: the first article's pages are untouched.
    writeFileSync(other, readFileSync(other, 'utf8').replace(/\n\n([A-Z])/, '\n\nQuinces were added at proof. $1'));
    clearMemos();
    const cache = taskHits(cacheAt(cacheDir));
    await buildEdition({ editionDir: dir, outDir: out, cache });
    assert.deepEqual(
      cache.hits.filter((k) => k === 'task'),
      ['task'],
      "the first article's own PDF came from the cache, and nothing else drawn did",
    );
    assert.ok(cache.hits.includes('press-image'), 'the press PDF, drawn again, took its images from the cache');
    // The first article, read back from the cache rather than afresh, was not set again: its layout's key is the same.
    const layoutsAfter = await keptLayoutKeys(cacheDir, dir);
    assert.equal(layoutsAfter.filter((k) => layoutsBefore.includes(k)).length, 1, 'the unedited article kept its layout');
    const fresh = path.join(path.dirname(out), 'fresh');
    await buildEdition({ editionDir: dir, outDir: fresh });
    assert.deepEqual(digests(out), digests(fresh));
    assert.match(pdfText(path.join(out, 'starter.pdf')).replace(/\s+/g, ' '), /Quinces were added at proof/);
  });

  it('replays the pages an edit did not touch, in the next process, and gives the bytes a build with no cache gives', async () => {
    const { dir, out, cacheDir } = starter();
    clearMemos();
    await buildEdition({ editionDir: dir, outDir: out, cache: cacheAt(cacheDir) });
    // A sentence of the last article written twice: no glyph the issue had not drawn.
    const last = path.join(dir, 'articles/02-writing-an-article.md');
    const text = readFileSync(last, 'utf8');
    const sentence = /\n\n([A-Z][^\n.]*\.)/.exec(text)![1];
    writeFileSync(last, text.replace(sentence, `${sentence} ${sentence}`));
    clearMemos();
    await buildEdition({ editionDir: dir, outDir: out, cache: cacheAt(cacheDir) });
    // The issue's and the press PDF's pages the edit left as they were, kept by the first build (drawn-pages.ts).
    const { replayed, drawn } = drawnPageCounts();
    assert.ok(replayed >= 4 && drawn >= 2, `${replayed} pages replayed, ${drawn} drawn`);
    const fresh = path.join(path.dirname(out), 'fresh');
    await buildEdition({ editionDir: dir, outDir: fresh });
    assert.deepEqual(digests(out), digests(fresh));
  });

  it('builds again after an image is replaced', async () => {
    const { dir, out, cacheDir } = starter();
    await buildEdition({ editionDir: dir, outDir: out, cache: cacheAt(cacheDir) });
    const pdf = readFileSync(path.join(out, 'starter.pdf'));
    const image = path.join(dir, 'images', readdirSync(path.join(dir, 'images'))[0]);
    writeFileSync(image, await png(600, 400, '#222222'));
    const again = await buildEdition({ editionDir: dir, outDir: out, cache: cacheAt(cacheDir) });
    assert.equal(again.fromCache, undefined);
    assert.notDeepEqual(readFileSync(path.join(out, 'starter.pdf')), pdf);
  });

  it('builds again when a template override appears beside the edition', async () => {
    const { dir, out, cacheDir } = starter();
    await buildEdition({ editionDir: dir, outDir: out, cache: cacheAt(cacheDir) });
    mkdirSync(path.join(dir, 'templates'));
    const epub = readFileSync(path.join(out, 'starter.epub'));
    writeFileSync(
      path.join(dir, 'templates', 'style.css'),
      `${readFileSync(path.resolve(STARTER, '../../templates/style.css'), 'utf8')}\nh1 { letter-spacing: 0.02em; }\n`,
    );
    const again = await buildEdition({ editionDir: dir, outDir: out, cache: cacheAt(cacheDir) });
    assert.equal(again.fromCache, undefined);
    assert.notDeepEqual(readFileSync(path.join(out, 'starter.epub')), epub, 'the EPUB has the new stylesheet');
  });

  it('makes again an output that was removed from the output folder', async () => {
    const { dir, out, cacheDir } = starter();
    await buildEdition({ editionDir: dir, outDir: out, cache: cacheAt(cacheDir) });
    const before = digests(out);
    rmSync(path.join(out, 'starter.epub'));
    const again = await buildEdition({ editionDir: dir, outDir: out, cache: cacheAt(cacheDir) });
    assert.equal(again.fromCache, undefined);
    assert.deepEqual(digests(out), before);
  });

  it('gives the same bytes as a build with no cache, with every entry damaged, and from two builds sharing it at once', async () => {
    const { dir, out, cacheDir } = starter();
    await buildEdition({ editionDir: dir, outDir: out });
    const reference = digests(out);

    // Every entry damaged: one byte flipped in the middle of each.
    const warm = path.join(path.dirname(out), 'warm');
    await buildEdition({ editionDir: dir, outDir: warm, cache: cacheAt(cacheDir) });
    assert.deepEqual(digests(warm), reference, 'a build that filled the cache');
    let damaged = 0;
    const walk = (d: string) => {
      for (const e of readdirSync(d, { withFileTypes: true })) {
        const p = path.join(d, e.name);
        if (e.isDirectory()) walk(p);
        else {
          const b = readFileSync(p);
          b[b.length >> 1] ^= 0xff;
          writeFileSync(p, b);
          damaged++;
        }
      }
    };
    walk(cacheDir);
    assert.ok(damaged >= 3, `entries: ${damaged}`);
    writeFileSync(article(dir), readFileSync(article(dir))); // same bytes: only the cache is in question
    const cache = cacheAt(cacheDir);
    const afterDamage = path.join(path.dirname(out), 'after-damage');
    const r = await buildEdition({ editionDir: dir, outDir: afterDamage, cache });
    assert.equal(r.fromCache, undefined);
    assert.ok(cache.stats().corrupt >= 1, JSON.stringify(cache.stats()));
    assert.deepEqual(digests(afterDamage), reference, 'a build over damaged entries');

    // Two builds at once into one fresh cache.
    const shared = path.join(path.dirname(out), 'shared-cache');
    const [a, b] = ['a', 'b'].map((n) => path.join(path.dirname(out), `together-${n}`));
    await Promise.all([a, b].map((o) => buildEdition({ editionDir: dir, outDir: o, cache: cacheAt(shared) })));
    assert.deepEqual(digests(a), reference);
    assert.deepEqual(digests(b), reference);
    const third = path.join(path.dirname(out), 'third');
    await buildEdition({ editionDir: dir, outDir: third, cache: cacheAt(shared) });
    assert.deepEqual(digests(third), reference, 'a build from what the two left');
  });
});

/** The keys of the layouts the last build of `dir` kept for the next (build.ts: the `layouts` entry). */
async function keptLayoutKeys(cacheDir: string, dir: string): Promise<string[]> {
  const data = await cacheAt(cacheDir).get('layouts', cacheKey(codeVersion(), 'layouts', path.resolve(dir)));
  assert.ok(data, 'the build kept its layouts');
  return [...(deserialize(data) as Map<string, Buffer>).keys()];
}

/** The cache, noting which kinds of drawn output (`task` and `press-image` entries) it handed back. */
function taskHits(cache: BuildCache): BuildCache & { hits: string[] } {
  const hits: string[] = [];
  return {
    ...cache,
    hits,
    async get(kind, key) {
      const data = await cache.get(kind, key);
      if (data && (kind === 'task' || kind === 'press-image')) hits.push(kind);
      return data;
    },
  };
}
