// The twelve languages the publisher prints, one short original article each
// (tests/fixtures/polyglot), built once and read back with real tools: every language's
// sentence from the issue PDF and from its EPUB chapter, its quotation marks (outer and
// nested) in both, its no-break spaces, its line breaking (no Polish line ends with a
// one-letter word, hyphens in German and Polish and none in Japanese, Chinese or Tagalog,
// no Japanese or Chinese line starts with closing punctuation); no warning; every font
// embedded; epubcheck and qpdf pass.
//
// Lines are read with `pdftotext -bbox-layout`: `-layout` sets the two columns of a page
// side by side on one text line, the bounding boxes keep each column's lines apart, in
// reading order. Line checks that need one language alone read that article's own PDF,
// set by the same typesetter in the same layout.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import JSZip from 'jszip';
import { articleFileName } from '../../src/backends/epub/file-names.js';
import { buildEdition, type BuildResult } from '../../src/build.js';
import type { Article } from '../../src/model/types.js';
import { assertSoundPdf, epubcheck, pdfText, requireValidators } from '../support/validators.js';

const FIXTURE = path.resolve(import.meta.dirname, '../fixtures/polyglot');

interface Language {
  lang: string;
  /** A sentence of the article, as it reads once set (no quotation marks in it). */
  sentence: string;
  /** Outer opening and closing, inner opening and closing. */
  marks: string;
}

/** In the order of the issue (articles/01-en.md … articles/12-tl.md). */
const LANGUAGES: Language[] = [
  { lang: 'en', marks: '“”‘’', sentence: 'The oldest borrower on the ledger is a retired pilot who has kept the same atlas for eleven years.' },
  { lang: 'id', marks: '“”‘’', sentence: 'Setiap Kamis malam, halaman kantor pos berubah menjadi pasar yang diterangi lampu minyak dan senter.' },
  { lang: 'de', marks: '„“‚‘', sentence: 'Seit Montag hängt der neue Fahrplan wieder hinter der Glasscheibe am Hafenkiosk.' },
  {
    lang: 'es',
    marks: '«»“”',
    sentence:
      'Los puestos de fruta abren a las siete y media, cuando todavía huele a pan del horno de enfrente, y los de pescado poco después, en cuanto llegan las cajas de la lonja.',
  },
  { lang: 'fr', marks: '«»“”', sentence: 'Chaque mercredi, la péniche accoste au quai des Tanneurs et déplie sa passerelle pour les lecteurs.' },
  { lang: 'it', marks: '«»“”', sentence: 'Il traghetto delle sei parte dal molo vecchio anche quando a bordo non sale nessuno.' },
  { lang: 'ja', marks: '「」『』', sentence: '毎朝七時になると、局員の佐伯さんがその日の潮見表を書き写して貼り出す。' },
  { lang: 'pl', marks: '„”«»', sentence: 'W czwartki biblioteka jest otwarta do późna, a w soboty przychodzą tu całe rodziny.' },
  // The fixture's edition.yaml sets `quotes: { pt: "«»“”" }` (the default is “ ” and ‘ ’).
  { lang: 'pt', marks: '«»“”', sentence: 'A casa de chá abre às oito da manhã e fecha quando o último barco de pesca entra na barra.' },
  { lang: 'ru', marks: '«»„“', sentence: 'Старый маяк на мысе снова светит — впервые за двенадцать лет.' },
  { lang: 'zh', marks: '“”‘’', sentence: '每天清晨，渡口边的旧书摊总是比轮渡先开张。' },
  { lang: 'tl', marks: '“”‘’', sentence: 'Tuwing Sabado ng umaga, nagbubukas ang maliit na aklatan sa tabi ng daungan bago pa dumating ang unang bangka.' },
];

const CJK = new Set(['ja', 'zh']);
/** Never at the start of a Japanese or Chinese line. */
const CLOSING = /^[、。，．」』）！？”’》]/u;
/** Never at the end of one. */
const OPENING = /[「『（“‘《]$/u;

/** Whitespace (no-break spaces too) made single spaces; a word hyphenated at a line end rejoined. */
const normalize = (s: string) =>
  s
    .replace(/(\p{L})-\n\s*(?=\p{L})/gu, '$1')
    .replace(/\s+/g, ' ')
    .trim();
/** For Japanese and Chinese, where a line break is no space: no whitespace at all. */
const squeeze = (s: string) => s.replace(/\s+/g, '');
const readable = (lang: string, s: string) => (CJK.has(lang) ? squeeze(s) : normalize(s));

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** An outer quotation holding an inner one, in the marks given. */
function nested(marks: string): RegExp {
  const [o, c, io, ic] = [...marks].map(esc);
  return new RegExp(`${o}[^${c}]*${io}[^${ic}${c}]+${ic}[^${c}]*${c}`, 'u');
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };
const decode = (s: string) =>
  s.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (m, e: string) =>
    e[0] === '#' ? String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1))) : (ENTITIES[e] ?? m),
  );
/** The text of an XHTML document's body, tags removed. */
const bodyText = (xhtml: string) => decode((/<body[^>]*>([\s\S]*)<\/body>/.exec(xhtml)?.[1] ?? '').replace(/<[^>]+>/g, ' '));

/** A PDF's lines, in reading order, each its words joined by a space (`pdftotext -bbox-layout`). */
function pdfLines(file: string): string[] {
  requireValidators();
  const xml = execFileSync('pdftotext', ['-bbox-layout', file, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 });
  return [...xml.matchAll(/<line[^>]*>([\s\S]*?)<\/line>/g)].map((m) => [...m[1].matchAll(/<word[^>]*>([^<]*)<\/word>/g)].map((w) => decode(w[1])).join(' '));
}

/**
 * Line ends where the typesetter inserted a hyphen: a line ending in a letter and `-` whose
 * word, joined to the next line's first letters, is in the source without the hyphen (a
 * hard hyphen, `pag-asa`, is in the source with it).
 */
function insertedHyphens(lines: string[], source: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < lines.length; i++) {
    const stem = /(\p{L}+)-$/u.exec(lines[i])?.[1];
    const next = /^\P{L}*(\p{L}+)/u.exec(lines[i + 1])?.[1];
    if (!stem || !next || source.includes(`${stem}-${next}`)) continue;
    assert.ok(source.includes(`${stem}${next}`), `"${lines[i]}" / "${lines[i + 1]}": ${stem}-${next} is in no word of the article`);
    out.push(`${stem}-${next}`);
  }
  return out;
}

describe('the twelve languages of the publisher', () => {
  let result: BuildResult;
  let out: string;
  let issuePdf: string;
  let ms = 0;
  /** Per language: the article, its EPUB chapter, the chapter's text, its own PDF and the issue PDF's text of it. */
  const seen = new Map<string, { article: Article; xhtml: string; epubText: string; pdf: string; issueText: string }>();

  before(async () => {
    requireValidators();
    const root = mkdtempSync(path.join(os.tmpdir(), 'pressroom-polyglot-'));
    const dir = path.join(root, 'polyglot');
    cpSync(FIXTURE, dir, { recursive: true });
    out = path.join(root, 'out');
    const t = performance.now();
    result = await buildEdition({ editionDir: dir, outDir: out });
    ms = performance.now() - t;
    issuePdf = path.join(out, 'polyglot.pdf');

    assert.deepEqual(
      result.issue.articles.map((a) => a.lang),
      LANGUAGES.map((l) => l.lang),
      'one article per language, in order',
    );
    const zip = await JSZip.loadAsync(readFileSync(path.join(out, 'polyglot.epub')));
    // The issue's text after the contents page, cut at each article's title in turn.
    const text = normalize(pdfText(issuePdf));
    const titles = result.issue.articles.map((a) => normalize(a.titleText));
    // The cover lists every title, then the contents does: the articles start after the second.
    const last = titles[titles.length - 1];
    let from = text.indexOf(last, text.indexOf(last) + 1) + 1;
    assert.ok(from > 0, 'the cover and the contents list the last article');
    const starts = titles.map((title) => {
      const at = text.indexOf(title, from);
      assert.ok(at >= 0, `the opener of "${title}"`);
      from = at + title.length;
      return at;
    });
    const articlePdfs = readdirSync(path.join(out, 'articles'));
    for (const [i, article] of result.issue.articles.entries()) {
      const name = `OEBPS/${articleFileName(article)}`;
      const xhtml = await zip.file(name)?.async('string');
      assert.ok(xhtml, `${name} in the EPUB`);
      const pdf = articlePdfs.find((f) => f === `${article.id}.pdf`);
      assert.ok(pdf, `the article PDF of ${article.id}`);
      seen.set(article.lang, {
        article,
        xhtml,
        epubText: bodyText(xhtml),
        pdf: path.join(out, 'articles', pdf),
        issueText: text.slice(starts[i], starts[i + 1]),
      });
    }
  });

  it('reports no warning, and no missing glyph above all', () => {
    assert.deepEqual(
      result.warnings.filter((w) => w.code === 'font/missing-glyph'),
      [],
      'no character without a glyph',
    );
    assert.deepEqual(result.warnings, []);
  });

  for (const { lang, sentence, marks } of LANGUAGES) {
    describe(lang, () => {
      it('reads its sentence back from the issue PDF and from its EPUB chapter', () => {
        const s = seen.get(lang)!;
        assert.ok(readable(lang, s.issueText).includes(readable(lang, sentence)), `the issue PDF, in the article: ${sentence}`);
        assert.ok(readable(lang, s.epubText).includes(readable(lang, sentence)), `the EPUB chapter: ${sentence}`);
      });

      it(`marks its chapter lang="${lang}" and xml:lang="${lang}"`, () => {
        const html = /<html\b[^>]*>/.exec(seen.get(lang)!.xhtml)?.[0] ?? '';
        assert.match(html, new RegExp(`\\slang="${lang}"`));
        assert.match(html, new RegExp(`\\sxml:lang="${lang}"`));
      });

      it(`quotes in ${marks.slice(0, 2)} with ${marks.slice(2)} inside, in the EPUB and the PDF`, () => {
        const s = seen.get(lang)!;
        for (const [where, text] of [
          ['EPUB', readable(lang, s.epubText)],
          ['PDF', readable(lang, s.issueText)],
        ]) {
          assert.match(text, nested(marks), `${where}: a quotation in ${marks.slice(0, 2)} quoting in ${marks.slice(2)}`);
          assert.doesNotMatch(text, /["']/, `${where}: no straight quote is left`);
        }
      });
    });
  }

  it('French: no-break spaces before : ; ! ? and inside « » in the EPUB; no such mark starts or ends a printed line', () => {
    const { epubText, pdf } = seen.get('fr')!;
    const body = epubText.replace(/\s*\n\s*/g, ' ');
    for (const mark of [':', ';', '!', '?', '«', '»']) assert.ok(body.includes(mark), `the French article has ${mark}`);
    assert.deepEqual(body.match(/.{0,12}[^\u00a0\u202f][;:!?»].{0,3}/gu) ?? [], [], 'a no-break space before every ; : ! ? »');
    assert.deepEqual(body.match(/.{0,3}«[^\u00a0\u202f].{0,12}/gu) ?? [], [], 'a no-break space after every «');
    const lines = pdfLines(pdf);
    assert.deepEqual(
      lines.filter((l) => /^[;:!?»›]/.test(l) || /[«‹]$/.test(l)),
      [],
    );
  });

  it('Polish: no printed line ends with a one-letter word; the EPUB ties each to the next word', () => {
    const { epubText, pdf } = seen.get('pl')!;
    const lines = pdfLines(pdf);
    assert.ok(lines.length > 20, `${lines.length} lines`);
    assert.deepEqual(
      lines.filter((l) => /(^|\s)[aiouwzAIOUWZ]$/u.test(l)),
      [],
    );
    assert.deepEqual(epubText.match(/(?<![\p{L}\p{N}])[aiouwzAIOUWZ] /gu) ?? [], []);
  });

  it('Russian: a dash between words and one-letter words are tied in the EPUB; no printed line starts with the dash', () => {
    const { epubText, pdf } = seen.get('ru')!;
    assert.ok(epubText.includes('маяк\u00a0— это'), 'a no-break space before the dash');
    assert.deepEqual(epubText.match(/\S[ \n]+—/gu) ?? [], []);
    assert.deepEqual(epubText.match(/(?<![\p{L}\p{N}])[вксуоияаВКСУОИЯА] /gu) ?? [], []);
    assert.deepEqual(
      pdfLines(pdf).filter((l) => /^—/.test(l)),
      [],
    );
  });

  it('German: z. B., d. h. and u. a. hold a no-break space in the EPUB', () => {
    const { epubText } = seen.get('de')!;
    for (const abbr of ['z.\u00a0B.', 'd.\u00a0h.', 'u.\u00a0a.']) assert.ok(epubText.includes(abbr), JSON.stringify(abbr));
  });

  it('hyphenates German and Polish at line ends, and never Japanese, Chinese or Tagalog', () => {
    const hyphens = (lang: string) => {
      const s = seen.get(lang)!;
      return insertedHyphens(pdfLines(s.pdf), normalize(s.epubText));
    };
    for (const lang of ['de', 'pl']) assert.ok(hyphens(lang).length >= 1, `${lang}: a hyphenated line end`);
    for (const lang of ['ja', 'zh', 'tl']) assert.deepEqual(hyphens(lang), [], `${lang}: no hyphen inserted`);
    for (const lang of ['ja', 'zh'])
      assert.deepEqual(
        pdfLines(seen.get(lang)!.pdf).filter((l) => /-$/.test(l)),
        [],
        `${lang}: no line ends with a hyphen`,
      );
  });

  it('starts no Japanese or Chinese line with closing punctuation, and ends none with an opening one', () => {
    assert.deepEqual(
      pdfLines(issuePdf).filter((l) => CLOSING.test(l)),
      [],
      'the issue: a line starts with closing punctuation',
    );
    for (const lang of ['ja', 'zh']) {
      // Opening marks only here: “ and ‘ close German quotations, and may end a German line.
      const lines = pdfLines(seen.get(lang)!.pdf);
      assert.deepEqual(
        lines.filter((l) => CLOSING.test(l)),
        [],
        `${lang}: a line starts with closing punctuation`,
      );
      assert.deepEqual(
        lines.filter((l) => OPENING.test(l)),
        [],
        `${lang}: a line ends with an opening mark`,
      );
    }
  });

  it('embeds every font and passes qpdf --check, the issue and each article', () => {
    for (const file of [issuePdf, ...[...seen.values()].map((s) => s.pdf)]) {
      assertSoundPdf(file);
    }
  });

  it('passes epubcheck with no errors and no warnings', async () => {
    const r = await epubcheck(path.join(out, 'polyglot.epub'));
    assert.deepEqual(r.messages, []);
    assert.equal(r.errors + r.warnings, 0);
    console.log(`# polyglot edition: ${result.pages} pages, built in ${ms.toFixed(0)} ms`);
  });
});
