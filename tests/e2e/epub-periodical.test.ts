// The EPUB as a periodical's issue (issue 10, "Pages that pass proof"), on the bundled
// editions, the twelve-language fixture and a ten-article edition written here: the
// package's one creator is the publisher (else the publication), each chapter names its own
// authors, the issue belongs to its periodical as a numbered series, Japanese and Chinese
// decks and emphasis are never set in a slanted faux italic, the generated cover lists every
// article, and epubcheck passes with no error and no warning.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import type { Element } from 'domhandler';
import { parseDocument } from 'htmlparser2';
import JSZip from 'jszip';
import { coverSvg, renderCoverImage } from '../../src/backends/epub/cover-image.js';
import { epubLabels } from '../../src/backends/epub/labels.js';
import { issueNumber } from '../../src/backends/epub/package.js';
import { buildEdition, readIssue } from '../../src/build.js';
import { Reporter } from '../../src/diagnostics/diagnostic.js';
import { DEFAULT_LIMITS } from '../../src/limits/limits.js';
import { loadManifest } from '../../src/manifest/load-manifest.js';
import type { Issue } from '../../src/model/types.js';
import { nodeWorld } from '../../src/world.js';
import { writeEdition } from '../support/edition.js';
import { epubcheck } from '../support/validators.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

// ---- A ten-article edition: no publisher, no cover, decks in Japanese and Chinese ----

const TEN_TITLES = [
  'The Night the Harbour Lights Went Out Along the Whole of the East Quay',
  'A Census of the Gulls That Nest on the Old Customs House Roof',
  'Why the Ferry Timetable Has Not Changed Since Nineteen Sixty-Two',
  'Letters From the Lighthouse Keeper’s Granddaughter, Found in a Tin',
  'The Fish Auction Moves to Tuesdays, and Nobody Is Happy About It',
  'How to Read the Tide Tables Pinned to the Post Office Door',
  'The Choir That Sings Only When the Fog Comes In From the Sea',
  'Counting Boats: A Year of Arrivals and Departures at the Slipway',
  '潮見表の掲示板と、それを毎朝書き写す郵便局員の話',
  '渡口边的旧书摊总是比轮渡先开张',
];

const article = (title: string, front: string, body: string) => `---\ntitle: "${title.replace(/"/g, '\\"')}"\n${front}---\n\n${body}\n`;

function tenArticleEdition(): string {
  const files: Record<string, string> = {
    'edition.yaml': `publication: The Slipway Quarterly
issue: Vol. 2, No. 9
date: 2026-12-01
dateline: Winter 2026
language: en
articles:
${TEN_TITLES.map((_, i) => `  - file: articles/${String(i + 1).padStart(2, '0')}.md\n    department: ${i < 4 ? 'Features' : i < 8 ? 'Dispatches' : 'Abroad'}\n`).join('')}`,
  };
  TEN_TITLES.forEach((title, i) => {
    const name = `articles/${String(i + 1).padStart(2, '0')}.md`;
    if (i === 8) {
      files[name] = article(
        title,
        'deck: 港町の朝は、*手書き*の潮見表から始まる\nbyline: 三浦遥\nlang: ja\n',
        '港町の郵便局の前に、小さな木の掲示板がある。毎朝七時になると、その日の潮見表が*貼り出される*。',
      );
    } else if (i === 9) {
      files[name] = article(title, 'deck: 每天清晨，*旧书摊*比轮渡先开张\nbyline: 林晓\nlang: zh\n', '每天清晨，渡口边的旧书摊总是比轮渡先*开张*。');
    } else if (i === 0) {
      files[name] = article(
        title,
        'deck: "The quay went dark, and the town came down to see <span lang=\\"ja\\">港の灯</span> again"\nbyline: By Ana Reyes and Tom Brandt\n',
        'The lights went out at nine, *all of them*, and stayed out until the morning ferry.',
      );
    } else {
      files[name] = article(title, `byline: By Writer ${i + 1}\n`, `Paragraph ${i + 1} of the issue, with *emphasis* as Latin text has it.`);
    }
  });
  return writeEdition(files);
}

// ---- Reading a built EPUB back ----

interface Built {
  name: string;
  dir: string;
  epub: string;
  zip: JSZip;
  issue: Issue;
  read: (file: string) => Promise<string>;
}

async function build(name: string, dir: string): Promise<Built> {
  const outDir = mkdtempSync(path.join(os.tmpdir(), `pressroom-periodical-${name}-`));
  const result = await buildEdition({ editionDir: dir, outDir });
  const epub = result.outputs.find((f) => f.endsWith('.epub'));
  assert.ok(epub, `${name}: no EPUB among ${result.outputs.join(', ')}`);
  const zip = await JSZip.loadAsync(readFileSync(epub));
  const reporter = new Reporter(false);
  const issue = await readIssue(nodeWorld, (await loadManifest(nodeWorld, dir, reporter, DEFAULT_LIMITS))!, reporter, undefined, () => {});
  return { name, dir, epub, zip, issue, read: (file) => zip.file(`OEBPS/${file}`)!.async('string') };
}

const metas = (opf: string, property: string) =>
  [...opf.matchAll(new RegExp(`<meta (?:refines="#([^"]+)" )?property="${property}"(?: id="([^"]+)")?(?: scheme="[^"]+")?>([^<]*)</meta>`, 'g'))].map((m) => ({
    refines: m[1] ?? null,
    id: m[2] ?? null,
    value: m[3],
  }));

const fromXml = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

// ---- A small cascade: which font-style (and text-emphasis) the stylesheet gives an element ----

interface Rule {
  selector: string;
  specificity: number;
  order: number;
  declarations: Map<string, string>;
}

function parseRules(css: string): Rule[] {
  const rules: Rule[] = [];
  const text = css.replace(/\/\*[\s\S]*?\*\//g, '').replace(/@namespace[^;]*;/g, '');
  for (const m of text.matchAll(/([^{}]+)\{([^{}]*)\}/g)) {
    const declarations = new Map<string, string>();
    for (const d of m[2].split(';')) {
      const [prop, ...value] = d.split(':');
      if (prop.trim() && value.length > 0) declarations.set(prop.trim(), value.join(':').trim());
    }
    for (const selector of m[1].split(',').map((s) => s.trim())) {
      // Pseudo-elements (::first-line) style part of a box, never the element.
      if (!selector.includes('::')) rules.push({ selector, specificity: specificity(selector), order: rules.length, declarations });
    }
  }
  return rules;
}

/** Compound selectors of a complex one, last first, each with the combinator before it. */
function compounds(selector: string): { compound: string; combinator: string }[] {
  const parts = selector.replace(/\s*>\s*/g, ' > ').split(/\s+/);
  const out: { compound: string; combinator: string }[] = [];
  let combinator = ' ';
  for (const part of parts) {
    if (part === '>') combinator = '>';
    else {
      out.push({ compound: part, combinator });
      combinator = ' ';
    }
  }
  return out.reverse();
}

function specificity(selector: string): number {
  let b = 0;
  let c = 0;
  for (const { compound } of compounds(selector)) {
    b += (compound.match(/\.[\w-]+|:[\w-]+|\[[^\]]*\]/g) ?? []).length;
    if (/^[a-z]/i.test(compound)) c += 1;
  }
  return b * 100 + c;
}

function languageOf(el: Element | null): string {
  for (let e = el; e; e = e.parent && isTag(e.parent) ? e.parent : null) {
    const lang = e.attribs['xml:lang'] ?? e.attribs.lang;
    if (lang !== undefined) return lang.toLowerCase();
  }
  return '';
}

function matchesCompound(el: Element, compound: string): boolean {
  for (const token of compound.match(/^[a-z][\w-]*|\*|\.[\w-]+|:[\w-]+(?:\([^)]*\))?|\[[^\]]*\]/gi) ?? []) {
    if (token === '*') continue;
    if (token.startsWith('.')) {
      if (!(el.attribs.class ?? '').split(/\s+/).includes(token.slice(1))) return false;
    } else if (token.startsWith(':lang(')) {
      const want = token.slice(6, -1).toLowerCase();
      const lang = languageOf(el);
      if (lang !== want && !lang.startsWith(`${want}-`)) return false;
    } else if (token === ':first-child') {
      const siblings = (el.parent?.children ?? []).filter(isTag);
      if (siblings[0] !== el) return false;
    } else if (token.startsWith(':') || token.startsWith('[')) {
      return false; // not used by the rules this test weighs
    } else if (el.name !== token) return false;
  }
  return true;
}

function matches(el: Element, selector: string): boolean {
  const chain = compounds(selector);
  const at = (e: Element, i: number): boolean => {
    if (!matchesCompound(e, chain[i].compound)) return false;
    if (i === chain.length - 1) return true;
    const parent = e.parent && isTag(e.parent) ? e.parent : null;
    if (chain[i].combinator === '>') return parent !== null && at(parent, i + 1);
    for (let p = parent; p; p = p.parent && isTag(p.parent) ? p.parent : null) if (at(p, i + 1)) return true;
    return false;
  };
  return at(el, 0);
}

/** What a reading system's own stylesheet makes italic. */
const UA_ITALIC = new Set(['em', 'i', 'cite', 'dfn', 'var', 'address']);

/** The computed `font-style` of `el`: the author's winning declaration, else the UA's, else inherited. */
function fontStyle(el: Element, rules: readonly Rule[]): string {
  const own = declared(el, rules, 'font-style');
  if (own !== undefined) return own;
  if (UA_ITALIC.has(el.name)) return 'italic';
  return el.parent && isTag(el.parent) ? fontStyle(el.parent, rules) : 'normal';
}

function declared(el: Element, rules: readonly Rule[], property: string): string | undefined {
  let best: Rule | undefined;
  for (const rule of rules) {
    if (!rule.declarations.has(property) || !matches(el, rule.selector)) continue;
    if (!best || rule.specificity > best.specificity || (rule.specificity === best.specificity && rule.order > best.order)) best = rule;
  }
  return best?.declarations.get(property);
}

function elements(xhtml: string): Element[] {
  const out: Element[] = [];
  const walk = (nodes: readonly unknown[]) => {
    for (const n of nodes) {
      if (isTag(n as Element)) {
        out.push(n as Element);
        walk((n as Element).children);
      }
    }
  };
  walk(parseDocument(xhtml, { xmlMode: true }).children);
  return out;
}

const CJK = /^(ja|zh)(-|$)/;

function isTag(node: unknown): node is Element {
  const type = (node as { type?: string } | null)?.type;
  return type === 'tag' || type === 'script' || type === 'style';
}

// ---- The tests ----

const EDITIONS = [
  { name: 'sample', dir: path.join(ROOT, 'editions/sample'), creator: 'Saltgate Press', position: '12' },
  { name: 'gazette', dir: path.join(ROOT, 'editions/gazette'), creator: 'Carr Valley Newspapers', position: '41' },
  { name: 'vestnik', dir: path.join(ROOT, 'editions/vestnik'), creator: 'Тихозерская центральная библиотека', position: '7' },
  { name: 'polyglot', dir: path.join(ROOT, 'tests/fixtures/polyglot'), creator: 'Lowtide Press', position: '5' },
  { name: 'ten', dir: '', creator: 'The Slipway Quarterly', position: '9' },
];

describe('the EPUB of a periodical’s issue', () => {
  const built = new Map<string, Built>();

  before(async () => {
    // One at a time: CPU is shared.
    for (const e of EDITIONS) built.set(e.name, await build(e.name, e.dir || tenArticleEdition()));
  });

  it('reads the issue’s number out of its display text', () => {
    const cases: [string, number | null][] = [
      ['No. 170', 170],
      ['Vol. 3, No. 41', 41],
      ['№ 7', 7],
      ['Nr. 12', 12],
      ['Issue 4', 4],
      ['#5', 5],
      ['第170号', 170],
      ['Numéro 3', 3],
      ['Spring 2026', null],
      ['3/2026', null],
      ['', null],
    ];
    for (const [display, n] of cases) assert.equal(issueNumber(display), n, display);
  });

  for (const e of EDITIONS) {
    describe(e.name, () => {
      const b = () => built.get(e.name)!;

      it('passes epubcheck with no errors and no warnings', async () => {
        const r = await epubcheck(b().epub);
        assert.deepEqual(r.messages, []);
        assert.equal(r.errors + r.warnings, 0);
      });

      it('has one creator, the publisher (else the publication), and belongs to the periodical as a numbered series', async () => {
        const opf = await b().read('content.opf');
        const creators = [...opf.matchAll(/<dc:creator id="([^"]+)">([^<]+)<\/dc:creator>/g)];
        assert.deepEqual(
          creators.map((m) => fromXml(m[2])),
          [e.creator],
        );
        const roles = metas(opf, 'role');
        if (b().issue.publisher) assert.deepEqual(roles, [{ refines: creators[0][1], id: null, value: 'pbl' }]);
        else assert.deepEqual(roles, []);

        const collection = metas(opf, 'belongs-to-collection');
        assert.equal(collection.length, 1);
        assert.equal(fromXml(collection[0].value), b().issue.publication);
        assert.ok(collection[0].id);
        assert.deepEqual(metas(opf, 'collection-type'), [{ refines: collection[0].id, id: null, value: 'series' }]);
        assert.deepEqual(metas(opf, 'group-position'), [{ refines: collection[0].id, id: null, value: e.position }]);

        // Fixed by the issue date, so two builds are the same bytes.
        assert.match(opf, new RegExp(`<dc:date>${b().issue.date}</dc:date>`));
        assert.deepEqual(metas(opf, 'dcterms:modified'), [{ refines: null, id: null, value: `${b().issue.date}T00:00:00Z` }]);
      });

      it('names each article’s authors in its own chapter and in the contents', async () => {
        const contents = fromXml(await b().read('contents.xhtml'));
        for (const a of b().issue.articles) {
          const xhtml = await b().read(`${a.id}.xhtml`);
          const head = xhtml.slice(0, xhtml.indexOf('</head>'));
          const named = [...head.matchAll(/<meta name="author" content="([^"]+)"\/>/g)].map((m) => fromXml(m[1]));
          assert.deepEqual(named, [...new Set(a.authors.map((n) => n.trim().replace(/\s+/g, ' ')).filter(Boolean))], a.id);
          if (a.byline) assert.ok(contents.includes(a.byline), `${a.id}: the contents show its byline`);
        }
      });

      it('sets no deck, emphasis or other text of Japanese or Chinese in italic', async () => {
        const rules = parseRules(await b().read('style.css'));
        const files = ['contents.xhtml', ...b().issue.articles.map((a) => `${a.id}.xhtml`)];
        for (const file of files) {
          for (const el of elements(await b().read(file))) {
            if (!CJK.test(languageOf(el))) continue;
            assert.equal(fontStyle(el, rules), 'normal', `${file}: <${el.name} class="${el.attribs.class ?? ''}"> in ${languageOf(el)}`);
            if (el.name === 'em') assert.match(declared(el, rules, 'text-emphasis') ?? '', /filled (sesame|dot)/, `${file}: <em> has emphasis dots`);
          }
        }
      });

      it('lists every article on a generated cover', async () => {
        const issue = b().issue;
        if (issue.cover) return;
        const labels = epubLabels(issue.language);
        const png = await b().zip.file('OEBPS/cover.png')!.async('nodebuffer');
        assert.ok(png.equals(await renderCoverImage(issue, labels)), 'the cover in the EPUB is the one checked here');
        const svg = fromXml(coverSvg(issue, labels));
        for (const a of issue.articles) {
          // A title may wrap: every word of it is on the cover, in order.
          const words = a.titleText.split(/\s+/).filter(Boolean);
          const lines = [...svg.matchAll(/font-weight="bold"[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]).join(' ');
          const flat = lines.replace(/\s+/g, '');
          assert.ok(flat.includes(words.join('')), `${a.id}: “${a.titleText}” is on the cover`);
        }
        assert.doesNotMatch(svg, new RegExp(epubLabels(issue.language).andMore.replace('{n}', '\\d+')));
      });
    });
  }

  it('sets the Japanese and Chinese decks of the ten-article issue upright, in the gothic face', async () => {
    const ten = built.get('ten')!;
    const rules = parseRules(await ten.read('style.css'));
    for (const a of ten.issue.articles.slice(8)) {
      const deck = elements(await ten.read(`${a.id}.xhtml`)).find((el) => el.attribs.class === 'deck');
      assert.ok(deck, `${a.id} has a deck`);
      assert.equal(fontStyle(deck, rules), 'normal');
      assert.equal(declared(deck, rules, 'font-family'), 'sans-serif');
      const em = elements(await ten.read(`${a.id}.xhtml`)).filter((el) => el.name === 'em');
      assert.ok(em.length >= 2, `${a.id}: emphasis in the deck and the text`);
    }
    // Latin text keeps its italic deck; the Japanese words inside it stand upright.
    const first = elements(await ten.read(`${ten.issue.articles[0].id}.xhtml`));
    const deck = first.find((el) => el.attribs.class === 'deck')!;
    assert.equal(fontStyle(deck, rules), 'italic');
    const span = first.find((el) => el.name === 'span' && el.attribs.lang === 'ja');
    assert.ok(span, 'the span in Japanese is kept');
    assert.equal(fontStyle(span, rules), 'normal');
    assert.equal(fontStyle(first.find((el) => el.name === 'em')!, rules), 'italic');
  });

  it('draws a Japanese or Chinese byline upright on the cover', () => {
    const ten = built.get('ten')!;
    const svg = coverSvg({ ...ten.issue, articles: ten.issue.articles.slice(7) }, epubLabels('en'));
    assert.match(svg, /<text [^>]*xml:lang="ja">三浦遥<\/text>/);
    assert.doesNotMatch(svg, /font-style="italic"[^>]*xml:lang="(ja|zh)"/);
  });
});
