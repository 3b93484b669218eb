// The shared multilingual corpus (one long real document in eleven languages) built as one
// edition: a sentence of every language reads back from the issue PDF, from that article's
// own PDF and from its EPUB chapter; every font is embedded; nothing is reported missing
// (Korean and an emoji included); no Japanese or Chinese line starts with closing
// punctuation; epubcheck passes. The corpus lives outside the repository
// (`../shared/corpus/multilingual`, or PRESSROOM_CORPUS): without it these tests are
// reported as skipped, with the reason, never passed.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import JSZip from 'jszip';
import { buildEdition, type BuildResult } from '../../src/build.js';
import { CORPUS, corpusPresent, multilingualEdition, type CorpusArticle } from '../support/multilingual.js';
import { epubcheck, pdfFonts, pdfText, qpdfCheck, requireValidators } from '../support/validators.js';

/** One sentence (or its opening) per language, as the corpus writes it. */
const SENTENCES: Record<string, string> = {
  en: 'Fluency on the command line is a skill often neglected or considered arcane',
  de: 'ist eine oft vernachlässigte oder als undurchsichtig empfundene Fähigkeit',
  es: 'La fluidez en el terminal es una destreza a menudo abandonada y considerada arcaica',
  fr: 'La maîtrise de la ligne de commande est une compétence souvent négligée ou considérée ésotérique',
  it: 'Saper usare con una certa facilità la linea di comando',
  ja: 'コマンドラインで流れるように操作ができるということは',
  pl: 'Biegła obsługa wiersza poleceń często jest umiejętnością zaniedbywaną',
  pt: 'Fluência na linha de comando é uma habilidade muitas vezes negligenciada',
  ru: 'Продвинутому использованию командной строки зачастую не уделяют достаточного',
  zh: '熟练使用命令行是一种常常被忽视，或被认为难以掌握的技能',
  id: 'Mahir dalam baris perintah merupakan keahlian yang sering diabaikan',
};

/** Warnings this real document is expected to give, and nothing else. */
// The corpus is one long document with no fillers in its edition: where it ends with a few
// lines alone on a page, the page builder says so (typeset/runt-page).
const EXPECTED = new Set(['link/unresolved', 'image/remote', 'markdown/unsupported', 'typeset/runt-page']);

/** Text compared without spaces or line breaks, and with words hyphenated at a line end joined. */
const squash = (s: string) => s.replace(/-\n/g, '').replace(/\s+/g, '');

/** Punctuation that must never begin a line of Japanese or Chinese. */
const CLOSING = /^\s*[、。，．」』）！？；：”・ー]/u;

const present = corpusPresent();
const skipReason = present ? false : `the corpus is not at ${CORPUS}: set PRESSROOM_CORPUS to its folder to run these tests`;

describe('the multilingual corpus as an edition', { skip: skipReason }, () => {
  let result: BuildResult;
  let articles: CorpusArticle[];
  let issuePdf: string;
  let issueText: string;
  before(async () => {
    requireValidators();
    const made = multilingualEdition();
    articles = made.articles;
    result = await buildEdition({ editionDir: made.dir, outDir: path.join(path.dirname(made.dir), 'out') });
    issuePdf = result.outputs.find((f) => f.endsWith('edition.pdf'))!;
    issueText = squash(pdfText(issuePdf));
  });

  it('covers eleven languages with a sentence each', () => {
    assert.deepEqual(articles.map((a) => a.lang).sort(), Object.keys(SENTENCES).sort());
  });

  it('reports no missing glyph, and only the warnings this document deserves', () => {
    const codes = new Set(result.warnings.map((w) => w.code));
    assert.deepEqual(
      [...codes].filter((c) => !EXPECTED.has(c)),
      [],
    );
    assert.deepEqual(result.preflight.missingGlyphs, []);
  });

  it('reads every language back from the issue PDF, Korean and the emoji included', () => {
    for (const [lang, sentence] of Object.entries(SENTENCES)) assert.ok(issueText.includes(squash(sentence)), `${lang}: ${sentence}`);
    assert.ok(issueText.includes('한국어'), 'Korean, from Noto Sans KR');
    assert.ok(issueText.includes('🌍'), 'the globe, from Noto Emoji');
  });

  it("reads each language back from its article's own PDF, every font embedded", () => {
    const pdfs = result.outputs.filter((f) => f.includes(`${path.sep}articles${path.sep}`) && f.endsWith('.pdf')).sort();
    assert.equal(pdfs.length, articles.length);
    for (const [i, a] of articles.entries()) {
      assert.ok(squash(pdfText(pdfs[i])).includes(squash(SENTENCES[a.lang])), `${a.lang} in ${path.basename(pdfs[i])}`);
    }
    for (const file of [issuePdf, pdfs[0]]) {
      assert.ok(qpdfCheck(file).ok, file);
      for (const f of pdfFonts(file)) assert.ok(f.embedded, `${f.name} in ${path.basename(file)}`);
    }
    const names = pdfFonts(issuePdf)
      .map((f) => f.name)
      .join(' ');
    for (const font of ['NotoSerifJP', 'NotoSerifSC', 'NotoSansKR', 'NotoEmoji']) assert.match(names, new RegExp(font));
  });

  it('starts no Japanese or Chinese line with closing punctuation', () => {
    const pdfs = result.outputs.filter((f) => /articles.(06|10)-/.test(f) && f.endsWith('.pdf'));
    assert.equal(pdfs.length, 2);
    for (const file of pdfs) {
      const lines = pdfText(file, { layout: true }).split('\n');
      // Two columns side by side in -layout output: each half is a line of its own.
      const bad = lines.flatMap((l) => l.split(/\s{3,}/)).filter((l) => CLOSING.test(l));
      assert.deepEqual(bad, [], path.basename(file));
    }
  });

  it('writes each chapter in its language, and passes epubcheck', async () => {
    const epub = result.outputs.find((f) => f.endsWith('.epub'))!;
    const zip = await JSZip.loadAsync(readFileSync(epub));
    const chapters = Object.keys(zip.files)
      .filter((f) => /^OEBPS\/\d\d-.*\.xhtml$/.test(f))
      .sort();
    assert.equal(chapters.length, articles.length);
    for (const [i, a] of articles.entries()) {
      const x = await zip.file(chapters[i])!.async('string');
      assert.match(x, new RegExp(`<html[^>]* lang="${a.lang}" xml:lang="${a.lang}"`), chapters[i]);
      const words = x.replace(/<[^>]+>/g, '').replace(/\s+/g, '');
      assert.ok(words.includes(squash(SENTENCES[a.lang])), `${a.lang} in ${chapters[i]}`);
    }
    const check = await epubcheck(epub);
    assert.equal(check.errors, 0, check.messages.join('\n'));
    assert.equal(check.warnings, 0, check.messages.join('\n'));
  });
});
