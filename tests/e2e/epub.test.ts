// The EPUB backend end to end: a hand-built issue of three articles (English, German,
// Russian) with a figure, footnotes, a table and a list starting at 3, built twice,
// checked by epubcheck and read back from the zip.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import JSZip from 'jszip';
import sharp from 'sharp';
import { buildEpub } from '../../src/backends/epub/build-epub.js';
import { BUILTIN_TEMPLATES_DIR } from '../../src/templates/builtin-dir.js';
import type { Article, Block, ConvertedImage, Inline, Issue, Position } from '../../src/model/types.js';
import { handMadeFiles } from '../support/images.js';
import { epubcheck } from '../support/validators.js';

const pos: Position = { file: 'a.md', line: 1, column: 1 };
const t = (text: string): Inline => ({ kind: 'text', text, pos });
const p = (...content: Inline[]): Block => ({ kind: 'paragraph', content, pos });

async function harbourImage(): Promise<ConvertedImage> {
  const data = await sharp({ create: { width: 640, height: 400, channels: 3, background: '#3a6b8c' } })
    .composite([
      {
        input: Buffer.from(
          '<svg xmlns="http://www.w3.org/2000/svg" width="640" height="400"><rect x="0" y="260" width="640" height="140" fill="#c9b27c"/></svg>',
        ),
      },
    ])
    .png()
    .toBuffer();
  const screen = { data, mediaType: 'image/png' as const, width: 640, height: 400 };
  return {
    id: 'img-3f9a1c',
    source: 'images/harbour.png',
    key: 'harbour',
    width: 640,
    height: 400,
    vector: false,
    screenType: 'image/png',
    screen,
    print: screen,
  };
}

function article(index: number, slug: string, rest: Partial<Article> & Pick<Article, 'titleText' | 'lang' | 'blocks'>): Article {
  const id = `${String(index).padStart(2, '0')}-${slug}`;
  return { index, id, slug, file: `articles/${slug}.md`, title: [t(rest.titleText)], authors: [], footnotes: [], pos, ...rest };
}

async function sampleIssue(): Promise<Issue> {
  const image = await harbourImage();
  const harbour = article(1, 'harbour', {
    titleText: 'The Harbour at Dawn',
    lang: 'en',
    department: 'Reports',
    deck: [t('Fishing boats, cranes & the early ferry')],
    byline: 'By Ada Lovelace and Grace Hopper',
    authors: ['Ada Lovelace', 'Grace Hopper'],
    note: [t('First published in the harbour gazette.')],
    blocks: [
      p(t('The ferry leaves at six'), { kind: 'footnote-ref', noteId: '01-harbour-fn1', number: 1, pos }, t('.')),
      { kind: 'heading', level: 2, content: [t('The Cranes')], id: '01-harbour-the-cranes', pos },
      {
        kind: 'figure',
        image,
        alt: 'Blue water above a strip of sand',
        caption: [t('The harbour before the boats come in.')],
        number: 1,
        id: '01-harbour-fig1',
        pos,
      },
      {
        kind: 'table',
        align: ['left', 'right', 'center'],
        header: [[t('Boat')], [t('Catch (kg)')], [t('Crew')]],
        rows: [
          [[t('Marie')], [t('1,200')], [t('4')]],
          [[t('Anna')], [t('860')], [t('3')]],
        ],
        pos,
      },
      { kind: 'list', ordered: true, start: 3, items: [[p(t('Third'))], [p(t('Fourth'))]], pos },
      { kind: 'heading', level: 2, content: [t('The Ferry')], id: '01-harbour-the-ferry', pos },
      {
        kind: 'blockquote',
        blocks: [p(t('The sea is the same everywhere.'))],
        attribution: [t('An old sailor')],
        pos,
      },
    ],
    footnotes: [{ id: '01-harbour-fn1', number: 1, blocks: [p(t('Six in summer, seven in winter.'))], pos }],
  });
  const hafen = article(2, 'hafen', {
    titleText: 'Größe und Übermut',
    lang: 'de',
    department: 'Reports',
    byline: 'Von Grace Hopper',
    authors: ['Grace Hopper'],
    blocks: [
      p(t('Die Fähre fährt um sechs Uhr ab – „pünktlich“'), { kind: 'footnote-ref', noteId: '02-hafen-fn1', number: 1, pos }, t('.')),
      p({ kind: 'link', url: 'https://example.org/fahrplan', children: [t('Fahrplan')], pos }, t(' und '), {
        kind: 'link',
        url: 'javascript:alert(1)',
        children: [t('kein Link')],
        pos,
      }),
    ],
    footnotes: [{ id: '02-hafen-fn1', number: 1, blocks: [p(t('Im Winter um sieben.'))], pos }],
  });
  const port = article(3, 'port', {
    titleText: 'Порт на рассвете',
    lang: 'ru',
    department: 'Letters',
    byline: 'Фёдор Достоевский',
    authors: ['Фёдор Достоевский'],
    blocks: [
      p(t('Паром уходит в шесть. '), { kind: 'emphasis', children: [t('Всегда')], pos }, t('.')),
      { kind: 'code-block', lang: 'text', text: 'if a < b && c > d then "ok"', pos },
      { kind: 'rule', pos },
      p(t('Конец.')),
    ],
  });
  return {
    publication: 'The Harbour Review',
    issue: 'No. 170',
    date: '2026-11-02',
    dateline: 'Winter 2026',
    language: 'en',
    publisher: 'Harbour Press',
    identifier: 'urn:uuid:0b7c4f44-6e1a-4a49-9d0c-2f7d3c1c9a10',
    articles: [harbour, hafen, port],
    departments: ['Reports', 'Letters'],
  };
}

describe('the EPUB of a hand-built issue', () => {
  let issue: Issue;
  let first: Buffer;
  let file: string;
  let zip: JSZip;
  const read = (name: string) => zip.file(`OEBPS/${name}`)!.async('string');

  before(async () => {
    issue = await sampleIssue();
    first = await buildEpub(issue, handMadeFiles(issue));
    file = path.join(mkdtempSync(path.join(os.tmpdir(), 'pressroom-epub-')), 'issue.epub');
    writeFileSync(file, first);
    zip = await JSZip.loadAsync(first);
  });

  it('passes epubcheck with no errors and no warnings', async () => {
    const r = await epubcheck(file);
    assert.deepEqual(r.messages, []);
    assert.equal(r.errors + r.warnings, 0);
  });

  it('is byte-identical when built twice', async () => {
    const again = await sampleIssue();
    const twice = await buildEpub(again, handMadeFiles(again));
    assert.ok(first.equals(twice), 'two builds of the same issue differ');
  });

  it('stores the mimetype first and dates every entry with the issue date', () => {
    const names = Object.keys(zip.files);
    assert.equal(names[0], 'mimetype');
    for (const entry of Object.values(zip.files)) {
      assert.equal(entry.date.toISOString().slice(0, 10), '2026-11-02', entry.name);
    }
  });

  it('writes the package metadata from the issue', async () => {
    const opf = await read('content.opf');
    assert.match(opf, /<package [^>]*xml:lang="en"/);
    assert.match(opf, /<dc:identifier id="pub-id">urn:uuid:0b7c4f44-6e1a-4a49-9d0c-2f7d3c1c9a10<\/dc:identifier>/);
    assert.match(opf, /<dc:title id="title">The Harbour Review No. 170<\/dc:title>/);
    assert.match(opf, /<dc:language>en<\/dc:language>/);
    assert.match(opf, /<dc:publisher>Harbour Press<\/dc:publisher>/);
    assert.match(opf, /<dc:date>2026-11-02<\/dc:date>/);
    assert.match(opf, /<meta property="dcterms:modified">2026-11-02T00:00:00Z<\/meta>/);
    assert.doesNotMatch(opf, /dc:description/, 'no description was given, so none is written');
    // One creator, the publisher: the writers are each their own chapter's authors.
    const creators = [...opf.matchAll(/<dc:creator id="[^"]+">([^<]+)<\/dc:creator>/g)].map((m) => m[1]);
    assert.deepEqual(creators, ['Harbour Press']);
    assert.match(opf, /<meta refines="#creator" property="role" scheme="marc:relators">pbl<\/meta>/);
    assert.match(opf, /<meta property="belongs-to-collection" id="collection">The Harbour Review<\/meta>/);
    assert.match(opf, /<meta refines="#collection" property="collection-type">series<\/meta>/);
    assert.match(opf, /<meta refines="#collection" property="group-position">170<\/meta>/);
    const authors = async (name: string) => [...(await read(name)).matchAll(/<meta name="author" content="([^"]+)"\/>/g)].map((m) => m[1]);
    assert.deepEqual(await authors('01-harbour.xhtml'), ['Ada Lovelace', 'Grace Hopper']);
    assert.deepEqual(await authors('03-port.xhtml'), ['Фёдор Достоевский']);
  });

  it('declares accessibility metadata', async () => {
    const opf = await read('content.opf');
    const values = (property: string) => [...opf.matchAll(new RegExp(`<meta property="${property}">([^<]+)</meta>`, 'g'))].map((m) => m[1]);
    assert.deepEqual(values('schema:accessMode'), ['textual', 'visual']);
    assert.ok(values('schema:accessModeSufficient').includes('textual'));
    for (const feature of ['structuralNavigation', 'tableOfContents', 'readingOrder', 'alternativeText']) {
      assert.ok(values('schema:accessibilityFeature').includes(feature), feature);
    }
    assert.deepEqual(values('schema:accessibilityHazard'), ['none']);
    assert.equal(values('schema:accessibilitySummary').length, 1);
    assert.deepEqual(values('dcterms:conformsTo'), ['EPUB Accessibility 1.1 - WCAG 2.1 Level AA']);
  });

  it('lists the cover image, the figure and the documents in the manifest and the spine', async () => {
    const opf = await read('content.opf');
    assert.match(opf, /<item id="cover-image" href="cover.png" media-type="image\/png" properties="cover-image"\/>/);
    assert.match(opf, /<item id="image-img-3f9a1c" href="images\/img-3f9a1c.png" media-type="image\/png"\/>/);
    const spine = [...opf.matchAll(/<itemref idref="([^"]+)"\/>/g)].map((m) => m[1]);
    assert.deepEqual(spine, ['cover', 'contents', 'article-01-harbour', 'article-02-hafen', 'article-03-port']);
    assert.ok(zip.file('OEBPS/images/img-3f9a1c.png'), 'the figure image is in the zip under its id');
    const cover = await zip.file('OEBPS/cover.png')!.async('nodebuffer');
    const meta = await sharp(cover).metadata();
    assert.deepEqual([meta.format, meta.width, meta.height], ['png', 1600, 2400]);
    assert.match(await read('cover.xhtml'), /<img role="doc-cover" src="cover.png" alt="Cover of The Harbour Review No. 170"\/>/);
  });

  it('gives each article its own language, in plain UTF-8', async () => {
    const de = await read('02-hafen.xhtml');
    assert.match(de, /<html [^>]*lang="de" xml:lang="de"/);
    assert.match(de, /<h1 class="title">Größe und Übermut<\/h1>/);
    assert.match(de, /<h2 class="footnotes-title" lang="en" xml:lang="en">Notes<\/h2>/, 'the English label is marked as English');
    assert.match(de, /Die Fähre fährt um sechs Uhr ab – „pünktlich“/);
    const ru = await read('03-port.xhtml');
    assert.match(ru, /<html [^>]*lang="ru" xml:lang="ru"/);
    assert.match(ru, /Паром уходит в шесть. <em>Всегда<\/em>/);
    assert.match(ru, /<code class="language-text">if a &lt; b &amp;&amp; c &gt; d then "ok"<\/code>/);
  });

  it('links footnotes both ways, keeps ordered lists at their start and tables aligned', async () => {
    const en = await read('01-harbour.xhtml');
    assert.match(en, /<a epub:type="noteref" role="doc-noteref" href="#fn-01-harbour-fn1" id="fnref-01-harbour-fn1">1<\/a>/);
    assert.match(
      en,
      /<aside epub:type="footnote" role="doc-footnote" id="fn-01-harbour-fn1"><p><span class="note-number"><a href="#fnref-01-harbour-fn1" role="doc-backlink"/,
    );
    assert.match(en, /<ol start="3"><li>Third<\/li><li>Fourth<\/li><\/ol>/);
    assert.match(en, /<th scope="col" class="align-right">Catch \(kg\)<\/th>/);
    assert.match(en, /<figure id="01-harbour-fig1"><img src="images\/img-3f9a1c.png" alt="Blue water above a strip of sand"\/><figcaption>/);
    assert.match(en, /<p class="department">Reports<\/p>/);
    assert.match(en, /<p class="deck">Fishing boats, cranes &amp; the early ferry<\/p>/);
    assert.match(en, /<p class="byline">By Ada Lovelace and Grace Hopper<\/p>/);
    const de = await read('02-hafen.xhtml');
    assert.match(de, /<a href="https:\/\/example.org\/fahrplan">Fahrplan<\/a> und kein Link/);
    assert.doesNotMatch(de, /javascript:/);
  });

  it('nests the table of contents: departments, their articles, the articles’ sections', async () => {
    const nav = await read('toc.xhtml');
    assert.match(
      nav,
      /<li><span>Reports<\/span><ol><li><a href="01-harbour.xhtml">The Harbour at Dawn<\/a><ol><li><a href="01-harbour.xhtml#01-harbour-the-cranes">The Cranes<\/a><\/li>/,
    );
    assert.match(nav, /<li><span>Letters<\/span><ol><li lang="ru" xml:lang="ru"><a href="03-port.xhtml">Порт на рассвете<\/a><\/li><\/ol><\/li>/);
    for (const type of ['cover', 'toc', 'bodymatter']) assert.match(nav, new RegExp(`<a epub:type="${type}" href="[^"]+"`));
    const ncx = await read('toc.ncx');
    assert.match(ncx, /<meta name="dtb:depth" content="3"\/>/);
    assert.match(
      ncx,
      /<navPoint id="navpoint-1" playOrder="1"><navLabel><text>Reports<\/text><\/navLabel><content src="01-harbour.xhtml"\/><navPoint id="navpoint-2" playOrder="1">/,
    );
  });
});

describe('the EPUB of an issue with its own cover, a description, no departments and an overridden layout', () => {
  let zip: JSZip;
  let file: string;
  const read = (name: string) => zip.file(`OEBPS/${name}`)!.async('string');

  before(async () => {
    const base = await sampleIssue();
    const jpeg = await sharp({ create: { width: 1000, height: 1500, channels: 3, background: '#884422' } })
      .jpeg()
      .toBuffer();
    const screen = { data: jpeg, mediaType: 'image/jpeg' as const, width: 1000, height: 1500 };
    const cover: ConvertedImage = {
      id: 'cover-1',
      source: 'cover.jpg',
      key: 'cover',
      width: 1000,
      height: 1500,
      vector: false,
      screenType: screen.mediaType,
      screen,
      print: screen,
    };
    const ja = article(4, 'minato', {
      titleText: '港の朝',
      lang: 'ja',
      byline: '紫式部',
      authors: ['紫式部', 'Ada Lovelace'],
      blocks: [p(t('フェリーは六時に出ます。')), { kind: 'heading', level: 2, content: [t('漁船')], id: '04-minato-gyosen', pos }, p(t('終わり。'))],
    });
    const issue: Issue = {
      ...base,
      description: 'Boats & ferries, in four languages.',
      cover,
      articles: [...base.articles.map((a) => ({ ...a, department: undefined })), ja],
      departments: [],
    };
    const overrides = mkdtempSync(path.join(os.tmpdir(), 'pressroom-overrides-'));
    const builtIn = readFileSync(path.join(BUILTIN_TEMPLATES_DIR, 'article.xhtml.hbs'), 'utf8');
    writeFileSync(path.join(overrides, 'article.xhtml.hbs'), builtIn.replace('<article class="article">', '<article class="article house-style">'));
    mkdirSync(path.join(overrides, 'unrelated'));
    const epub = await buildEpub(issue, handMadeFiles(issue), { templateOverrides: overrides });
    file = path.join(mkdtempSync(path.join(os.tmpdir(), 'pressroom-epub-')), 'issue.epub');
    writeFileSync(file, epub);
    zip = await JSZip.loadAsync(epub);
  });

  it('passes epubcheck with no errors and no warnings', async () => {
    const r = await epubcheck(file);
    assert.deepEqual(r.messages, []);
    assert.equal(r.errors + r.warnings, 0);
  });

  it('uses the given cover image and writes the description', async () => {
    const opf = await read('content.opf');
    assert.match(opf, /<item id="cover-image" href="cover.jpeg" media-type="image\/jpeg" properties="cover-image"\/>/);
    assert.match(opf, /<dc:description>Boats &amp; ferries, in four languages.<\/dc:description>/);
    const creators = [...opf.matchAll(/<dc:creator id="[^"]+">([^<]+)<\/dc:creator>/g)].map((m) => m[1]);
    assert.deepEqual(creators, ['Harbour Press']);
    assert.match(
      await read('04-minato.xhtml'),
      /<title>港の朝<\/title>\n<meta name="author" content="紫式部"\/>\n<meta name="author" content="Ada Lovelace"\/>/,
    );
  });

  it('takes the article layout from the project and the rest from the built-ins', async () => {
    assert.match(await read('01-harbour.xhtml'), /<article class="article house-style">/);
    assert.match(await read('contents.xhtml'), /<section class="contents"/);
  });

  it('nests the articles’ sections under them when there are no departments', async () => {
    const nav = await read('toc.xhtml');
    assert.match(
      nav,
      /<li lang="ja" xml:lang="ja"><a href="04-minato.xhtml">港の朝<\/a><ol><li><a href="04-minato.xhtml#04-minato-gyosen">漁船<\/a><\/li><\/ol><\/li>/,
    );
    assert.match(await read('toc.ncx'), /<meta name="dtb:depth" content="2"\/>/);
    const ja = await read('04-minato.xhtml');
    assert.match(ja, /<html [^>]*lang="ja" xml:lang="ja"/);
    assert.match(ja, /<p>フェリーは六時に出ます。<\/p>/);
  });
});
