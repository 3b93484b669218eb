// Quotation marks: each language's own by default, the edition's where `quotes:` in
// edition.yaml sets them; nested quotations closed with the language's inner mark and
// apostrophes left as ’; Japanese and Chinese quotes paired in order.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Root } from 'mdast';
import { formatDiagnostic, Reporter } from '../../src/diagnostics/diagnostic.js';
import { quoteSettings, quotesFor } from '../../src/i18n/quotes.js';
import { loadManifest } from '../../src/manifest/load-manifest.js';
import { manifestReference } from '../../src/manifest/reference.js';
import { parseMarkdown } from '../../src/markdown/parse.js';
import { readArticle } from '../../src/markdown/read-article.js';
import { inlineText } from '../../src/model/inline-text.js';
import { nodeWorld } from '../../src/world.js';
import { MINIMAL_ARTICLE, MINIMAL_MANIFEST, writeEdition, type Files } from '../support/edition.js';

/** The four marks of a language: outer pair, inner pair. */
const marks = (lang: string, settings?: Parameters<typeof quotesFor>[1]) => {
  const q = quotesFor(lang, settings);
  return q.double.join('') + q.single.join('');
};

/** The text of a parsed paragraph (smart punctuation applied). */
function curled(markdown: string, lang: string, settings?: Parameters<typeof parseMarkdown>[2]): string {
  const tree: Root = parseMarkdown(markdown, lang, settings);
  const out: string[] = [];
  const walk = (n: { type: string; value?: string; children?: unknown[] }) => {
    if (n.type === 'text' || n.type === 'inlineCode') out.push(n.value ?? '');
    (n.children as (typeof n)[] | undefined)?.forEach(walk);
  };
  walk(tree);
  return out.join('');
}

describe('quotation marks by language', () => {
  it('has the marks of each of the twelve languages', () => {
    assert.deepEqual(Object.fromEntries(['en', 'id', 'de', 'es', 'fr', 'it', 'ja', 'pl', 'pt', 'ru', 'zh', 'tl'].map((l) => [l, marks(l)])), {
      en: '“”‘’',
      id: '“”‘’',
      de: '„“‚‘',
      es: '«»“”',
      fr: '«»“”',
      it: '«»“”',
      ja: '「」『』',
      pl: '„”«»',
      pt: '“”‘’',
      ru: '«»„“',
      zh: '“”‘’',
      tl: '“”‘’',
    });
  });

  it('reads a region by its language and falls back to English', () => {
    assert.equal(marks('de-AT'), '„“‚‘');
    assert.equal(marks('pt_BR'), '“”‘’');
    assert.equal(marks('nl'), '“”‘’');
  });

  it('takes the edition’s marks for a language, a region first', () => {
    const settings = quoteSettings({ pt: '«»“”', 'pt-BR': '“”‘’', IT: '“”‘’' });
    assert.equal(marks('pt', settings), '«»“”');
    assert.equal(marks('pt-PT', settings), '«»“”');
    assert.equal(marks('pt-BR', settings), '“”‘’');
    assert.equal(marks('it', settings), '“”‘’');
    assert.equal(marks('de', settings), '„“‚‘', 'a language the edition does not set keeps its default');
  });
});

describe('straight quotes made typographic', () => {
  it('closes a nested quotation with the language’s inner mark', () => {
    const text = `"Er sagte: 'unser Hafen', und ging."`;
    assert.equal(curled(text, 'de'), '„Er sagte: ‚unser Hafen‘, und ging.“');
    assert.equal(curled(text, 'ru'), '«Er sagte: „unser Hafen“, und ging.»');
    assert.equal(curled(text, 'fr'), '«Er sagte: “unser Hafen”, und ging.»');
    assert.equal(curled(text, 'es'), '«Er sagte: “unser Hafen”, und ging.»');
    assert.equal(curled(text, 'pl'), '„Er sagte: «unser Hafen», und ging.”');
    assert.equal(curled(text, 'en'), '“Er sagte: ‘unser Hafen’, und ging.”');
  });

  it('leaves apostrophes as ’, inside a nested quotation too', () => {
    assert.equal(curled(`"Disse: 'l'acqua dell'isola'."`, 'it'), '«Disse: “l’acqua dell’isola”.»');
    assert.equal(curled(`C'est l'heure, it's late.`, 'fr'), 'C’est l’heure, it’s late.');
  });

  it('closes a nested quotation across emphasis, and never looks inside code', () => {
    assert.equal(curled(`"Sie rief: '*Land*' und \`'x'\`"`, 'de'), "„Sie rief: ‚Land‘ und 'x'“");
  });

  it('pairs Japanese and Chinese quotes in order, where no space tells opening from closing', () => {
    assert.equal(curled(`彼は"おはよう、'船'だ"と言った。`, 'ja'), '彼は「おはよう、『船』だ」と言った。');
    assert.equal(curled(`他说"这是'老'码头"。`, 'zh'), '他说“这是‘老’码头”。');
    assert.equal(curled(`"GPSの'rock'n'roll'"と`, 'ja'), '「GPSの『rock’n’roll』」と', 'an apostrophe inside a Latin word stays');
  });

  it('uses the edition’s marks', () => {
    const settings = quoteSettings({ pt: '«»“”' });
    assert.equal(curled(`"A avó dizia: 'há alguém cá dentro'."`, 'pt', settings), '«A avó dizia: “há alguém cá dentro”.»');
    assert.equal(curled(`"A avó dizia: 'há alguém cá dentro'."`, 'pt'), '“A avó dizia: ‘há alguém cá dentro’.”');
  });
});

async function load(manifest: string, files: Files = {}) {
  const dir = writeEdition({ 'edition.yaml': manifest, 'articles/one.md': MINIMAL_ARTICLE, ...files });
  const reporter = new Reporter();
  const m = await loadManifest(nodeWorld, dir, reporter);
  return { manifest: m, messages: reporter.all.map((d) => formatDiagnostic(d).split('\n')[0]), reporter };
}

describe('the `quotes` setting of edition.yaml', () => {
  it('is optional: without it every language keeps its default', async () => {
    const { manifest, messages } = await load(MINIMAL_MANIFEST);
    assert.deepEqual(messages, []);
    assert.deepEqual(manifest?.quotes, {});
  });

  it('maps a language to four marks', async () => {
    const { manifest, messages } = await load(`${MINIMAL_MANIFEST}quotes:\n  pt: "«»“”"\n  it-CH: “”‘’\n`);
    assert.deepEqual(messages, []);
    assert.deepEqual(manifest?.quotes, { pt: { double: ['«', '»'], single: ['“', '”'] }, 'it-ch': { double: ['“', '”'], single: ['‘', '’'] } });
  });

  it('points at a value that is not four quotation marks, and at a key that is not a language', async () => {
    const { messages } = await load(`${MINIMAL_MANIFEST}quotes:\n  pt: "«»"\n  it: "<>“”"\n  pt br: "«»“”"\n  es: 4\n`);
    assert.deepEqual(messages, [
      'edition.yaml:7:7: error: `quotes.pt`: four quotation marks, the outer pair then the inner pair, such as «»“” (each one of “”‘’„‚‟‛«»‹›「」『』〝〞〟) (got "«»") [manifest/invalid-value]',
      'edition.yaml:8:7: error: `quotes.it`: four quotation marks, the outer pair then the inner pair, such as «»“” (each one of “”‘’„‚‟‛«»‹›「」『』〝〞〟) (got "<>“”") [manifest/invalid-value]',
      'edition.yaml:9:3: error: `quotes`: key `pt br`: expected a BCP 47 language tag such as pt or pt-BR [manifest/invalid-value]',
      'edition.yaml:10:7: error: `quotes.es`: expected a string, got 4 [manifest/invalid-value]',
    ]);
  });

  it('says how to write it', async () => {
    const { reporter } = await load(`${MINIMAL_MANIFEST}quotes: «»“”\n`);
    const [d] = reporter.all;
    assert.equal(formatDiagnostic(d).split('\n')[0], 'edition.yaml:6:9: error: `quotes`: expected a mapping, got "«»“”" [manifest/invalid-value]');
    assert.match(d.hints?.[0] ?? '', /pt: "«»“”"/);
  });

  it('reaches the article: its text, title and deck', async () => {
    const { manifest } = await load(`${MINIMAL_MANIFEST}quotes:\n  pt: "«»“”"\n`, {
      'articles/one.md': `---\ntitle: O "Cais"\ndeck: Uma casa de 'chá'\nlang: pt\n---\n\n"A avó dizia: 'há alguém cá dentro'."\n`,
    });
    assert.ok(manifest);
    const reporter = new Reporter();
    const article = await readArticle({ world: nodeWorld, manifest, entry: manifest.articles[0], index: 1, reporter });
    assert.ok(article, reporter.all.map(formatDiagnostic).join('\n'));
    assert.equal(article.titleText, 'O «Cais»');
    assert.equal(inlineText(article.deck ?? []), 'Uma casa de “chá”');
    const [first] = article.blocks;
    assert.equal(first.kind === 'paragraph' && inlineText(first.content), '«A avó dizia: “há alguém cá dentro”.»');
  });

  it('is in the manifest reference', () => {
    assert.match(manifestReference(), /^\| `quotes` \| {2}\| quotation marks per language/m);
  });
});
