// The reading PDFs are Tagged PDF: a structure tree with one Art per article in its own
// language, read back with poppler (`pdfinfo`, `pdfinfo -struct-text`) and, for what poppler
// does not print (/Lang, /Alt, which pages an element's content is on), with pdf-lib. The
// press PDF stays untagged, and tagging changes nothing pdftotext reads.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFRef, PDFString, type PDFObject } from 'pdf-lib';
import { writePdf, type PdfMeta } from '../../src/backends/pdf/write-pdf.js';
import { buildEdition, type BuildResult } from '../../src/build.js';
import { Reporter } from '../../src/diagnostics/diagnostic.js';
import { loadManifest } from '../../src/manifest/load-manifest.js';
import { inlineText } from '../../src/model/inline-text.js';
import type { Article, Block, Inline, Issue } from '../../src/model/types.js';
import { dumpStructure } from '../../src/pages/dump.js';
import { MAGAZINE, type Layout } from '../../src/settings/layout.js';
import type { Page, TextItem } from '../../src/pages/page.js';
import { typesetArticle, typesetIssue } from '../../src/typeset/typeset-issue.js';
import { nodeWorld } from '../../src/world.js';
import { article, sampleIssue } from '../golden/sample-issue.js';
import { pdfInfo, pdfText, qpdfCheck, requireValidators } from '../support/validators.js';
import { imageFilesOf } from '../support/images.js';

const EDITION = path.resolve(import.meta.dirname, '../../editions/sample');

/** A structure element as read back: role, attributes, kids, and the pages its own content is on (1-based). */
interface Node {
  role: string;
  lang?: string;
  title?: string;
  alt?: string;
  kids: Node[];
  pages: number[];
}

/** The structure tree of a PDF (the StructTreeRoot's kids), or null when it has none. */
async function readStructure(file: string): Promise<Node[] | null> {
  const doc = await PDFDocument.load(readFileSync(file), { updateMetadata: false });
  const ctx = doc.context;
  const root = doc.catalog.lookupMaybe(PDFName.of('StructTreeRoot'), PDFDict);
  if (!root) return null;
  const pageOf = new Map(doc.getPages().map((p, i) => [p.ref.toString(), i + 1]));
  const text = (o: PDFObject | undefined) => (o instanceof PDFString || o instanceof PDFHexString ? o.decodeText() : undefined);
  const deref = (o: PDFObject | undefined) => (o instanceof PDFRef ? ctx.lookup(o) : o);
  const list = (o: PDFObject | undefined): PDFObject[] => {
    const v = deref(o);
    return v instanceof PDFArray ? v.asArray() : v === undefined ? [] : [v];
  };
  const node = (dict: PDFDict): Node => {
    const own = dict.get(PDFName.of('Pg'));
    const n: Node = { role: String(dict.get(PDFName.of('S'))).replace(/^\//, ''), kids: [], pages: [] };
    const lang = text(dict.lookup(PDFName.of('Lang')));
    const title = text(dict.lookup(PDFName.of('T')));
    const alt = text(dict.lookup(PDFName.of('Alt')));
    if (lang) n.lang = lang;
    if (title) n.title = title;
    if (alt) n.alt = alt;
    for (const k of list(dict.get(PDFName.of('K')))) {
      if (k instanceof PDFNumber) n.pages.push(pageOf.get(String(own)) ?? 0);
      else {
        const d = deref(k);
        if (!(d instanceof PDFDict)) continue;
        if (String(d.get(PDFName.of('Type'))) === '/MCR') n.pages.push(pageOf.get(String(d.get(PDFName.of('Pg')))) ?? 0);
        else n.kids.push(node(d));
      }
    }
    return n;
  };
  return list(root.get(PDFName.of('K'))).map((k) => node(deref(k) as PDFDict));
}

function* walk(nodes: readonly Node[]): Generator<Node> {
  for (const n of nodes) {
    yield n;
    yield* walk(n.kids);
  }
}

/**
 * `pdfinfo -struct-text`. Poppler prints element text as UTF-8 but a title (/T) as its raw
 * bytes, which are UTF-16BE after a byte-order mark when the title is not ASCII: decoded here.
 */
function structText(file: string): string {
  const raw = execFileSync('pdfinfo', ['-struct-text', file], { maxBuffer: 64 << 20 });
  const lines: string[] = [];
  let from = 0;
  for (let i = 0; i <= raw.length; i++) {
    if (i < raw.length && raw[i] !== 0x0a) continue;
    const line = raw.subarray(from, i);
    from = i + 1;
    const bom = line.indexOf(Buffer.from([0x22, 0xfe, 0xff]));
    if (bom < 0) {
      lines.push(line.toString('utf8'));
      continue;
    }
    const utf16 = Buffer.from(line.subarray(bom + 3, line.length - 1)).swap16();
    lines.push(`${line.subarray(0, bom + 1).toString('utf8')}${utf16.toString('utf16le')}"`);
  }
  return lines.join('\n');
}

/** The lines under each top-level `Art "…"` of `structText`. */
function artSections(struct: string): { title: string; lines: string[] }[] {
  const out: { title: string; lines: string[] }[] = [];
  for (const line of struct.split('\n')) {
    const art = /^ {2}Art "(.*)"$/.exec(line);
    if (art) out.push({ title: art[1], lines: [] });
    else if (/^ {2}\S/.test(line)) out.push({ title: '', lines: [] });
    else out[out.length - 1]?.lines.push(line);
  }
  return out.filter((s) => s.title);
}

/** Text compared across line ends: no spaces, no hyphens (inserted ones are drawn). */
const squeeze = (s: string) => s.replace(/[\s\u00ad-]+/g, '');

function blocksOf(blocks: readonly Block[]): Block[] {
  return blocks.flatMap((b) => [b, ...(b.kind === 'blockquote' ? blocksOf(b.blocks) : b.kind === 'list' ? b.items.flatMap(blocksOf) : [])]);
}

/** The language an article's front matter gives (`lang:`), else the edition's. */
function frontMatterLang(a: Article, fallback: string): string {
  const src = readFileSync(path.join(EDITION, a.file), 'utf8');
  const fm = /^---\r?\n([\s\S]*?)\r?\n---/.exec(src)?.[1] ?? '';
  return /^lang:\s*["']?([\w-]+)/m.exec(fm)?.[1] ?? fallback;
}

describe('tagged reading PDFs of the sample edition', () => {
  let out: string;
  let result: BuildResult;
  let layout: Layout;
  let tree: Node[];
  let struct: string;
  const issuePdf = () => path.join(out, 'sample.pdf');
  const articlePdf = (a: Article) => path.join(out, 'articles', `${a.id}.pdf`);
  const readingPdfs = () => [issuePdf(), ...readdirSync(path.join(out, 'articles')).map((f) => path.join(out, 'articles', f))];

  before(async () => {
    requireValidators();
    out = mkdtempSync(path.join(os.tmpdir(), 'pressroom-tags-'));
    result = await buildEdition({ editionDir: EDITION, outDir: out });
    const manifest = await loadManifest(nodeWorld, EDITION, new Reporter());
    assert.ok(manifest);
    layout = manifest.layout;
    tree = (await readStructure(issuePdf())) ?? [];
    struct = structText(issuePdf());
  });

  it('marks the issue PDF and every article PDF as tagged, and they pass qpdf --check', () => {
    for (const file of readingPdfs()) {
      assert.equal(pdfInfo(file).Tagged, 'yes', `${path.basename(file)} is tagged`);
      const q = qpdfCheck(file);
      assert.ok(q.ok, `${path.basename(file)}: ${q.output}`);
    }
  });

  it('leaves the press PDF untagged: no MarkInfo, no structure tree', async () => {
    const press = path.join(out, 'sample.press.pdf');
    assert.equal(pdfInfo(press).Tagged, 'no');
    assert.equal(await readStructure(press), null);
    const doc = await PDFDocument.load(readFileSync(press), { updateMetadata: false });
    assert.equal(doc.catalog.get(PDFName.of('MarkInfo')), undefined);
  });

  it('reads as one Document: the cover and the contents in the issue language, then one Art per article in manifest order', () => {
    assert.equal(tree.length, 1);
    const [document] = tree;
    assert.equal(document.role, 'Document');
    const lang = result.issue.language;
    const [cover, contents, ...arts] = document.kids;
    assert.deepEqual([cover.role, cover.lang], ['Sect', lang]);
    assert.deepEqual([contents.role, contents.lang], ['Sect', lang]);
    const toc = contents.kids.find((k) => k.role === 'TOC');
    assert.ok(toc, 'the contents hold a TOC');
    assert.equal(toc.kids.filter((k) => k.role === 'TOCI').length, result.issue.articles.length, 'one TOCI per article');
    // After an article, a Div with the fillers set under it on its last page (a Sect each).
    const after = (id: string) => result.fillers.placed.filter((p) => p.after === id).length;
    assert.deepEqual(
      document.kids.slice(2).map((a) => a.role),
      result.issue.articles.flatMap((a) => (after(a.id) ? ['Art', 'Div'] : ['Art'])),
    );
    for (const div of document.kids.filter((k) => k.role === 'Div')) assert.ok(div.kids.length > 0 && div.kids.every((k) => k.role === 'Sect'));
    assert.ok(result.fillers.placed.length > 0, 'the sample sets fillers');
    const artsOnly = arts.filter((a) => a.role === 'Art');
    assert.deepEqual(
      artsOnly.map((a) => a.title),
      result.issue.articles.map((a) => a.titleText),
    );
  });

  it("gives each Art the language its article's front matter gives", () => {
    const arts = tree[0].kids.filter((k) => k.role === 'Art');
    const expected = result.issue.articles.map((a) => frontMatterLang(a, result.issue.language));
    assert.deepEqual(
      arts.map((a) => a.lang),
      expected,
    );
    // The sample's languages: the check above is not a check of English only.
    for (const l of ['en', 'de', 'ru', 'ja', 'zh']) assert.ok(expected.includes(l), `an article in ${l}`);
  });

  it('shows each Art with its title (H1), headings and paragraphs under it in pdfinfo -struct-text', () => {
    const sections = artSections(struct);
    assert.deepEqual(
      sections.map((s) => s.title),
      result.issue.articles.map((a) => a.titleText),
    );
    result.issue.articles.forEach((a, i) => {
      const own = sections[i].lines.join('\n');
      const others = sections.filter((_, j) => j !== i).map((s) => squeeze(s.lines.join('')));
      assert.match(own, new RegExp(`^ {4}H1 \\(block\\)\\n {6}"${a.titleText.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"$`, 'm'), `H1 of ${a.id}`);
      for (const b of a.blocks) {
        if (b.kind !== 'heading') continue;
        const at = sections[i].lines.findIndex((l) => l.trim() === `H${b.level} (block)`);
        assert.ok(at >= 0, `an H${b.level} in ${a.id}`);
        assert.ok(own.includes(`"${inlineText(b.content)}"`), `heading "${inlineText(b.content)}" under ${a.id}`);
      }
      const firstPara = a.blocks.find((b) => b.kind === 'paragraph');
      assert.ok(firstPara && firstPara.kind === 'paragraph');
      const start = squeeze(inlineText(firstPara.content)).slice(0, 40);
      assert.ok(squeeze(own).includes(start), `the first paragraph of ${a.id} under its Art`);
      assert.ok(!others.some((o) => o.includes(start)), `the first paragraph of ${a.id} under no other Art`);
    });
  });

  it('keeps the words apart where a line breaks: a paragraph reads in the structure as in its source', () => {
    const norm = (s: string) =>
      s
        .replace(/[\u00ad-]/g, '')
        .replace(/\s+/g, ' ')
        .trim();
    const calls = (c: readonly Inline[]): boolean => c.some((n) => n.kind === 'footnote-ref' || ('children' in n && calls(n.children)));
    const sections = artSections(struct);
    let checked = 0;
    result.issue.articles.forEach((a, i) => {
      // Each element's text as poppler prints it, its pieces (pages, columns) joined.
      const body = norm(sections[i].lines.map((l) => /^\s*"(.*)"$/.exec(l)?.[1] ?? '\n').join(''));
      for (const b of blocksOf(a.blocks)) {
        if (b.kind !== 'paragraph' || calls(b.content)) continue;
        assert.ok(body.includes(norm(inlineText(b.content))), `${a.id}: "${inlineText(b.content).slice(0, 60)}…"`);
        checked++;
      }
    });
    assert.ok(checked > 50, `${checked} paragraphs checked`);
  });

  it('gives every figure its alt text, and its caption after it', () => {
    const figures = [...walk(tree)].filter((n) => n.role === 'Figure');
    const alts = result.issue.articles.flatMap((a) => blocksOf(a.blocks).flatMap((b) => (b.kind === 'figure' && b.alt.trim() ? [b.alt.trim()] : [])));
    assert.ok(alts.length > 0, 'the sample has figures with alt text');
    assert.deepEqual(
      figures.filter((f) => f.kids.length === 0 && f.pages.length > 0).map((f) => f.alt),
      alts,
    );
    for (const parent of walk(tree)) {
      parent.kids.forEach((k, i) => {
        if (k.role === 'Figure' && parent.role !== 'Sect') assert.equal(parent.kids[i + 1]?.role, 'Caption', `a caption after the figure "${k.alt}"`);
      });
    }
  });

  it('keeps a paragraph that runs on to the next page one element, with content on both pages', () => {
    const split = [...walk(tree)].filter((n) => n.role === 'P' && new Set(n.pages).size > 1);
    assert.ok(split.length > 0, 'some paragraph runs over a page');
    for (const p of split) assert.equal(p.kids.length, 0);
    // Every element's own content is on pages in reading order.
    for (const n of walk(tree))
      assert.deepEqual(
        n.pages,
        [...n.pages].sort((a, b) => a - b),
      );
  });

  it('leaves running heads and folios out of the structure', () => {
    const runningLeft = `${result.issue.publication} · ${result.issue.issue}`.toUpperCase();
    const text = pdfText(issuePdf());
    assert.ok(text.includes(runningLeft), 'the running head is on the pages');
    // In the structure only as part of the contents' dateline, never on its own.
    assert.ok(!struct.split('\n').some((l) => l.trim() === `"${runningLeft}"`), 'no running head in the structure');
    const cells = new Set(
      result.issue.articles.flatMap((a) =>
        blocksOf(a.blocks).flatMap((b) => (b.kind === 'table' ? [...b.header, ...b.rows.flat()].map((c) => inlineText(c)) : [])),
      ),
    );
    for (const a of result.issue.articles) {
      const file = articlePdf(a);
      const pages = Number(pdfInfo(file).Pages);
      const lines = structText(file)
        .split('\n')
        .map((l) => l.trim());
      // The title is the H1 once, however many pages carry it in their running head.
      assert.equal(lines.filter((l) => l === `"${a.titleText}"`).length, 1, `${a.id}: the title once`);
      // No folio: a bare page number is in the structure only as a table cell.
      const numbers = lines.filter((l) => /^"\d+"$/.test(l)).map((l) => l.slice(1, -1));
      assert.deepEqual(
        numbers.filter((n) => Number(n) <= pages && !cells.has(n)),
        [],
        `${a.id}: no folios`,
      );
    }
  });

  it('changes nothing pdftotext reads: the same pages with their tags taken off give the same text', async () => {
    const { pages } = typesetIssue(result.issue, layout);
    const untagged: Page[] = pages.map((p) => ({ ...p, items: p.items.map((it) => ('tag' in it ? (({ tag: _, ...rest }) => rest)(it) : it) as typeof it) }));
    const meta: PdfMeta = { title: `${result.issue.publication} ${result.issue.issue}`, lang: result.issue.language, date: result.issue.date };
    const file = path.join(out, 'untagged.pdf');
    writeFileSync(file, await writePdf(untagged, meta, await imageFilesOf(result.issue, EDITION)));
    assert.equal(pdfInfo(file).Tagged, 'no', 'pages without structure give an untagged PDF');
    assert.equal(pdfText(issuePdf()), pdfText(file));
    assert.equal(pdfText(issuePdf(), { layout: true }), pdfText(file, { layout: true }));
  });

  it('writes the same bytes from the same pages', async () => {
    const meta: PdfMeta = { title: 'Twice', lang: result.issue.language, date: result.issue.date };
    const images = await imageFilesOf(result.issue, EDITION);
    const once = await writePdf(typesetIssue(result.issue, layout).pages, meta, images);
    const twice = await writePdf(typesetIssue(result.issue, layout).pages, meta, images);
    assert.ok(once.equals(twice));
  });
});

/** The roles of a structure dump, indented as it is: the tree's shape without its text. */
const shape = (dump: string) =>
  dump
    .split('\n')
    .filter(Boolean)
    .map((l) => /^\s*\S+/.exec(l)![0])
    .join('\n');

describe('the structure the typesetter gives its items', () => {
  it('reads an article with one of everything as Art → H1, P, H2, BlockQuote, Figure, Caption, L/LI, Table, Code, Note', async () => {
    const { issue } = await sampleIssue();
    const [a] = issue.articles;
    const dump = dumpStructure(typesetArticle(issue, a, MAGAZINE).pages);
    // The line that says where the article ran comes first, then the article.
    assert.match(dump, /^Document\n {2}P p1 "From The Compositor’s Quarterly[^\n]*\n {2}Art lang=en title="The Even Column"\n/);
    assert.match(dump, /^ {4}Figure alt="A composing stick with a line of type, set by hand\." p\d+ image$/m);
    assert.equal(
      shape(dump),
      [
        'Document',
        '  P', // From … (where the article ran)
        '  Art',
        '    P', // department
        '    H1',
        '    P', // deck
        '    P', // byline
        '    P', // note
        '    P',
        '    P',
        '    H2',
        '    P',
        '    BlockQuote',
        '      P',
        '      P', // attribution
        '    P',
        '    Figure',
        '    Caption',
        '    L',
        ...['•', '•'].flatMap(() => ['      LI', '        Lbl', '        LBody', '          P']),
        '      LI',
        '        Lbl',
        '        LBody',
        '          P',
        '          L',
        ...['1.', '2.'].flatMap(() => ['            LI', '              Lbl', '              LBody', '                P']),
        '    P',
        '    H3',
        '    Table',
        '      TR',
        '        TH',
        '        TH',
        '        TH',
        ...[1, 2, 3, 4].flatMap(() => ['      TR', '        TD', '        TD', '        TD']),
        '    P',
        '    Figure',
        '    Caption',
        '    Code',
        '    P',
        '    P',
        '    Note',
        '      P',
        '    Note',
        '      P',
        '    Note',
        '      P',
        '      P',
      ].join('\n'),
    );
  });

  it('makes a table header repeated at the head of a column page furniture, read once', () => {
    const rows = Array.from({ length: 90 }, (_, i) => [`Row ${i + 1}`, String(1000 + i)]);
    const a = article(1, 'long-table', { title: 'A Long Table' }, (b) => ({ blocks: [b.table(['Station', 'Reading'], rows)] }));
    const issue: Issue = {
      publication: 'T',
      issue: 'No. 1',
      date: '2026-01-01',
      dateline: 'Winter',
      language: 'en',
      identifier: 'x',
      articles: [a],
      departments: [],
    };
    const { pages } = typesetArticle(issue, a, MAGAZINE);
    const heads = pages.flatMap((p) => p.items).filter((it): it is TextItem => it.kind === 'text' && it.text === 'Station');
    assert.ok(heads.length >= 2, 'the header is repeated');
    const tagged = heads.filter((it) => it.tag && 'el' in it.tag);
    assert.equal(tagged.length, 1, 'one header cell in the structure');
    assert.ok(
      heads.filter((it) => it !== tagged[0]).every((it) => it.tag && 'artifact' in it.tag && it.tag.artifact === 'pagination'),
      'the repeats are pagination artifacts',
    );
    assert.equal(dumpStructure(pages).match(/^ {8}TH /gm)?.length, 2);
  });
});
