// Fillers in the EPUB (issue 10): each filler the print edition placed goes at the end of
// the chapter of the article it follows, as an aside styled as a box, its title a paragraph
// that leaves the chapter's outline alone; one not placed is not in the book; a placement
// that names nothing, or a filler twice, is a bug of the caller. epubcheck: 0 errors, 0 warnings.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import type { Element } from 'domhandler';
import { DomUtils, parseDocument } from 'htmlparser2';
import JSZip from 'jszip';
import { buildEpub, fillersAfterOf } from '../../src/backends/epub/build-epub.js';
import { articleFileName } from '../../src/backends/epub/file-names.js';
import { readIssue } from '../../src/build.js';
import { Reporter } from '../../src/diagnostics/diagnostic.js';
import { loadManifest } from '../../src/manifest/load-manifest.js';
import { inlineText } from '../../src/model/inline-text.js';
import type { ConvertedImage, Issue } from '../../src/model/types.js';
import { nodeWorld } from '../../src/world.js';
import { epubcheck } from '../support/validators.js';
import { imageFilesOf } from '../support/images.js';

const { findAll, textContent } = DomUtils;
const SAMPLE = path.resolve(import.meta.dirname, '../../editions/sample');
/** The sample's image files, converted when it is read. */
let files: Map<string, ConvertedImage>;

async function sampleIssue(): Promise<Issue> {
  const reporter = new Reporter();
  const manifest = await loadManifest(nodeWorld, SAMPLE, reporter);
  const issue = await readIssue(nodeWorld, manifest!, reporter, undefined, () => {});
  assert.deepEqual(
    reporter.errors.map((d) => d.message),
    [],
  );
  files = await imageFilesOf(issue, SAMPLE);
  return issue;
}

const elements = (xhtml: string, test: (e: Element) => boolean) => findAll(test, parseDocument(xhtml, { xmlMode: true }).children);
const asides = (xhtml: string) => elements(xhtml, (e) => e.name === 'aside' && e.attribs.class === 'filler');

describe('fillers in the EPUB', () => {
  let issue: Issue;
  let zip: JSZip;
  let file: string;
  const chapter = (i: number) => zip.file(`OEBPS/${articleFileName(issue.articles[i])}`)!.async('string');

  before(async () => {
    issue = await sampleIssue();
    // As the page builder might place them: two after the first article, one after the
    // Japanese one (a filler in English there), one not placed at all (`the-nellie`'s).
    const [one, , , , , , , , , , eleven] = issue.articles;
    const epub = await buildEpub(issue, files, {
      fillersAfter: { [one.id]: ['filler-1', 'requiem'], [eleven.id]: ['filler-2'], [issue.articles[9].id]: ['filler-5'] },
    });
    file = path.join(mkdtempSync(path.join(os.tmpdir(), 'pressroom-fillers-')), 'sample.epub');
    writeFileSync(file, epub);
    zip = await JSZip.loadAsync(epub);
  });

  it('the sample edition lists seven fillers, one of them the quote of the issue', () => {
    assert.equal(issue.fillers?.length, 7);
    assert.deepEqual(
      issue.fillers?.map((f) => f.id),
      ['filler-1', 'filler-2', 'requiem', 'filler-4', 'filler-5', 'filler-6', 'filler-7'],
    );
    assert.deepEqual(
      issue.fillers?.map((f) => f.title && inlineText(f.title)),
      ['Quote of the issue', undefined, 'Verse', undefined, 'Letters to the editor', 'Verse', undefined],
    );
  });

  it('sets the placed fillers at the end of their article’s chapter, in order, after the article', async () => {
    const xhtml = await chapter(0);
    const found = asides(xhtml);
    assert.equal(found.length, 2);
    // Each one after the article element, the last things of the body.
    const body = elements(xhtml, (e) => e.name === 'body')[0];
    const kids = body.children.filter((c): c is Element => c.type === 'tag');
    assert.deepEqual(
      kids.map((k) => k.name),
      ['article', 'aside', 'aside'],
    );
    const [fog, requiem] = found;
    const title = elements(xhtml, (e) => e.attribs.class === 'filler-title');
    assert.deepEqual(
      title.map((t) => textContent(t)),
      ['Quote of the issue', 'Verse'],
    );
    assert.equal(fog.attribs['aria-label'], 'Quote of the issue');
    assert.match(textContent(fog), /^Quote of the issueFog everywhere\. Fog up the river/);
    const credit = findAll((e) => e.attribs.class === 'filler-credit', [fog]);
    assert.equal(textContent(credit), '—\u00a0Charles Dickens, Bleak House (1853)');
    assert.equal(findAll((e) => e.name === 'em', credit).length, 1, 'the title of the book in italic');
    // The poem keeps its line breaks.
    assert.equal(findAll((e) => e.name === 'br', [requiem]).length, 6);
    // The chapter's outline is the article's: no heading in a filler.
    assert.equal(findAll((e) => /^h[1-6]$/.test(e.name), found).length, 0);
  });

  it('marks the language of a filler that differs from its chapter’s', async () => {
    const [aside] = asides(await chapter(10));
    assert.equal(issue.articles[10].lang, 'ja');
    assert.equal(aside.attribs.lang, 'en');
    assert.equal(aside.attribs['xml:lang'], 'en');
    assert.equal(asides(await chapter(0))[0].attribs.lang, undefined);
  });

  it('leaves out a filler the print edition did not place, and leaves other chapters alone', async () => {
    const all = (await Promise.all(issue.articles.map((_, i) => chapter(i)))).map(asides);
    assert.equal(all.flat().length, 4);
    assert.equal(all[1].length, 0);
    const text = (await Promise.all(issue.articles.map((_, i) => chapter(i)))).join('');
    assert.doesNotMatch(text, /cruising yawl/);
  });

  it('styles the box in the stylesheet', async () => {
    const css = await zip.file('OEBPS/style.css')!.async('string');
    assert.match(css, /aside\.filler \{[^}]*border-top/);
    assert.match(css, /aside\.filler p\.filler-credit \{[^}]*text-align: right/);
  });

  it('passes epubcheck with no error and no warning', async () => {
    const r = await epubcheck(file);
    assert.deepEqual(r.messages, []);
    assert.equal(r.errors + r.warnings, 0);
  });

  it('puts no filler in the book when none is placed', async () => {
    const plain = await JSZip.loadAsync(await buildEpub(issue, files));
    const first = await plain.file(`OEBPS/${articleFileName(issue.articles[0])}`)!.async('string');
    assert.equal(asides(first).length, 0);
  });

  it('takes the placements as the page builder reports them, in their order', () => {
    assert.deepEqual(
      fillersAfterOf([
        { id: 'filler-1', after: '01-a' },
        { id: 'filler-3', after: '04-b' },
        { id: 'requiem', after: '01-a' },
      ]),
      { '01-a': ['filler-1', 'requiem'], '04-b': ['filler-3'] },
    );
  });

  it('refuses a placement after no article, of no filler, or of a filler twice', async () => {
    const a = issue.articles[0].id;
    const b = issue.articles[1].id;
    await assert.rejects(buildEpub(issue, files, { fillersAfter: { '99-nowhere': ['filler-1'] } }), /article "99-nowhere", which the issue does not have/);
    await assert.rejects(buildEpub(issue, files, { fillersAfter: { [a]: ['filler-9'] } }), /filler "filler-9" .* is not one of the issue's fillers/);
    await assert.rejects(buildEpub(issue, files, { fillersAfter: { [a]: ['filler-1'], [b]: ['filler-1'] } }), /filler "filler-1" is placed twice/);
  });
});
