// The bundled sample edition, built as `npm start` builds it and checked by real tools.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { buildEdition, type BuildResult } from '../../src/build.js';
import { assertSoundPdf, epubcheck, pdfInfo, pdfText, requireValidators } from '../support/validators.js';

const EDITION = path.resolve(import.meta.dirname, '../../editions/sample');

describe('the sample edition', () => {
  let out: string;
  let again: string;
  let result: BuildResult;
  const pdf = () => path.join(out, 'sample.pdf');
  const epub = () => path.join(out, 'sample.epub');

  before(async () => {
    requireValidators();
    out = mkdtempSync(path.join(os.tmpdir(), 'pressroom-sample-'));
    again = mkdtempSync(path.join(os.tmpdir(), 'pressroom-sample-again-'));
    result = await buildEdition({ editionDir: EDITION, outDir: out });
    await buildEdition({ editionDir: EDITION, outDir: again });
  });

  it('writes the EPUB, the issue PDF and one PDF per article', () => {
    const articles = readdirSync(path.join(out, 'articles')).sort();
    assert.deepEqual(readdirSync(out).sort(), [
      '.pressroom-outputs.json',
      'articles',
      'sample.epub',
      'sample.pdf',
      'sample.preflight.json',
      'sample.press.pdf',
    ]);
    assert.equal(articles.length, result.issue.articles.length);
    assert.deepEqual(
      articles,
      result.issue.articles.map((a) => `${a.id}.pdf`),
    );
    assert.match(articles[0], /^01-[a-z0-9-]+\.pdf$/);
  });

  it('is byte-identical when built twice', () => {
    for (const rel of [
      'sample.epub',
      'sample.pdf',
      'sample.press.pdf',
      'sample.preflight.json',
      ...readdirSync(path.join(out, 'articles')).map((f) => `articles/${f}`),
    ]) {
      assert.ok(readFileSync(path.join(out, rel)).equals(readFileSync(path.join(again, rel))), `${rel} differs between builds`);
    }
  });

  it('passes epubcheck with no errors and no warnings', async () => {
    const r = await epubcheck(epub());
    assert.deepEqual(r.messages, []);
    assert.equal(r.errors + r.warnings, 0);
  });

  it('gives PDFs that pass qpdf --check and embed every font', () => {
    const pdfs = [pdf(), ...readdirSync(path.join(out, 'articles')).map((f) => path.join(out, 'articles', f))];
    for (const file of pdfs) {
      assertSoundPdf(file);
    }
  });

  it('carries title, author and language metadata', () => {
    const info = pdfInfo(pdf());
    assert.equal(info.Title, `${result.issue.publication} ${result.issue.issue}`);
    assert.ok(info.Author);
    assert.equal(info.CreationDate?.includes('2026'), true);
  });

  it('reads back every article title in manifest order, on the page the contents page gives', () => {
    const pages = pdfText(pdf()).split('\f');
    const norm = (s: string) => s.replace(/\s+/g, ' ').trim();
    const contentsIndex = pages.findIndex((p) => /contents/i.test(p));
    assert.ok(contentsIndex >= 0, 'a contents page');
    // An article's opener carries its title near the top of the page (no running head there);
    // one marked run-on (the letters) may start lower down, under the article before: its
    // title is then a line of its own.
    const opens = (p: string, a: (typeof result.issue.articles)[number]) =>
      a.runOn ? p.split('\n').some((l) => norm(l) === a.titleText) : norm(p).slice(0, 160).includes(a.titleText);
    const starts = result.issue.articles.map((a) => pages.findIndex((p, i) => i > contentsIndex && opens(p, a)));
    starts.forEach((start, i) => assert.ok(start > contentsIndex, `the opener of "${result.issue.articles[i].titleText}"`));
    assert.deepEqual(
      [...starts].sort((x, y) => x - y),
      starts,
      'titles in manifest order',
    );
    // The contents may run over several pages: everything before the first opener.
    const contents = norm(pages.slice(contentsIndex, starts[0]).join(' '));
    result.issue.articles.forEach((a, i) => {
      const at = contents.indexOf(a.titleText);
      assert.ok(at >= 0, `contents lists "${a.titleText}"`);
      // The page number given for the article is the first number after its title.
      const listed = /(?:^|[\s.])(\d+)(?=\s|$)/.exec(contents.slice(at + a.titleText.length));
      assert.equal(Number(listed?.[1]), starts[i] + 1, `contents page number of "${a.titleText}"`);
    });
  });

  it('reads German and Russian text back from the PDF', () => {
    const text = pdfText(pdf()).replace(/-\n/g, '').replace(/\s+/g, ' ');
    assert.match(text, /[äöüß]/);
    assert.match(text, /[а-яё]{5,}/);
    assert.match(text, /„[^“]+“/, 'German quotation marks');
    assert.match(text, /«[^»]+»/, 'Russian quotation marks');
  });
});
