// The no-break spaces each language needs, as readable expectations: `~` stands for a
// no-break space (U+00A0), as in TeX, and `^` for a thin no-break space (U+202F).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatDiagnostic, Reporter } from '../../src/diagnostics/diagnostic.js';
import { loadManifest } from '../../src/manifest/load-manifest.js';
import { readArticle } from '../../src/markdown/read-article.js';
import { languageSpacing } from '../../src/markdown/lower/spacing.js';
import type { Block, Inline } from '../../src/model/types.js';
import { nodeWorld } from '../../src/world.js';
import { MINIMAL_MANIFEST, writeEdition } from '../support/edition.js';

const shown = (s: string) => s.replace(/\u00a0/g, '~').replace(/\u202f/g, '^');
const spaced = (text: string, lang: string) => shown(languageSpacing(text, lang));

describe('no-break spaces: Polish', () => {
  it('ties a one-letter word to the word after it, so none ends a line', () => {
    assert.equal(spaced('Byłem w domu i z bratem, a on o tym wie.', 'pl'), 'Byłem w~domu i~z~bratem, a~on o~tym wie.');
    assert.equal(spaced('W lesie u wuja. I tyle. Z rana, A potem, O tym, U nas', 'pl'), 'W~lesie u~wuja. I~tyle. Z~rana, A~potem, O~tym, U~nas');
  });

  it('ties it also at the end of the text, where emphasis or a link follows', () => {
    assert.equal(spaced('mieszka w ', 'pl'), 'mieszka w~');
  });

  it('leaves the last letter of a word, an abbreviation and a letter before punctuation alone', () => {
    assert.equal(spaced('kota a psa', 'pl'), 'kota a~psa');
    assert.equal(spaced('p.a. ma, punkt a. nie, x-a b', 'pl'), 'p.a. ma, punkt a. nie, x-a b');
  });

  it('ties a dash between words to the word before it', () => {
    assert.equal(spaced('Przyszli wszyscy – nawet burmistrz.', 'pl'), 'Przyszli wszyscy~– nawet burmistrz.');
  });
});

describe('no-break spaces: Russian', () => {
  it('ties an em dash between words to the word before it', () => {
    assert.equal(spaced('Маяк — это свет.', 'ru'), 'Маяк~— это свет.');
    assert.equal(spaced('из окна кухни, — говорит он.', 'ru'), 'из окна кухни,~— говорит он.');
  });

  it('ties the dash after an inline element (the text begins with the space), never a dialogue dash', () => {
    assert.equal(spaced(' — это свет', 'ru'), '~— это свет');
    assert.equal(spaced('— Привет, — сказал он.', 'ru'), '— Привет,~— сказал он.');
  });

  it('ties the one-letter words в, к, с, у, о, и, а, я to the next word', () => {
    assert.equal(spaced('в доме к лету с детьми у моря о маяке и я а потом', 'ru'), 'в~доме к~лету с~детьми у~моря о~маяке и~я~а~потом');
    assert.equal(spaced('В субботу Я пришёл', 'ru'), 'В~субботу Я~пришёл');
  });

  it('keeps abbreviations of single letters together', () => {
    assert.equal(spaced('и т. д. и т. п.', 'ru'), 'и~т.~д. и~т.~п.');
  });
});

describe('no-break spaces: German', () => {
  it('keeps z. B., d. h., u. a. and i. d. R. together', () => {
    assert.equal(spaced('z. B. die Post, d. h. alles, u. a. Fisch, i. d. R. gut', 'de'), 'z.~B. die Post, d.~h. alles, u.~a. Fisch, i.~d.~R. gut');
  });

  it('leaves other full stops alone', () => {
    assert.equal(spaced('Nr. 5 am Hafen. Dann Str. 3', 'de'), 'Nr. 5 am Hafen. Dann Str. 3');
  });
});

describe('no-break spaces: French', () => {
  it('sets a thin no-break space before ; ! ? and a no-break space before : and inside guillemets', () => {
    assert.equal(spaced('À bord : des livres ; un poêle ! Pourquoi ?', 'fr'), 'À bord~: des livres^; un poêle^! Pourquoi^?');
    assert.equal(spaced('«Oui», dit-il. ‹Non›', 'fr'), '«~Oui~», dit-il. ‹~Non~›');
  });

  it('never touches a time', () => {
    assert.equal(spaced('à 10:30 précises', 'fr'), 'à 10:30 précises');
  });
});

describe('no-break spaces: what is left alone', () => {
  it('adds nothing in other languages', () => {
    for (const lang of ['en', 'es', 'it', 'pt', 'id', 'tl', 'ja', 'zh']) {
      assert.equal(spaced('a cat, y o, e i, z. B. — so : yes ?', lang), 'a cat, y o, e i, z. B. — so : yes ?', lang);
    }
  });

  it('never changes an address written in the text', () => {
    assert.equal(
      spaced('voir https://exemple.fr/page?id=3 ou www.exemple.fr/a!b : oui', 'fr'),
      'voir https://exemple.fr/page?id=3 ou www.exemple.fr/a!b~: oui',
    );
    assert.equal(spaced('pisz na a.b@poczta.pl w sobotę', 'pl'), 'pisz na a.b@poczta.pl w~sobotę');
  });
});

/** Every text and code inline of the article's paragraphs, as written into the model. */
function inlines(blocks: Block[]): { kind: string; text: string }[] {
  const out: { kind: string; text: string }[] = [];
  const walk = (ns: Inline[]) => {
    for (const n of ns) {
      if (n.kind === 'text' || n.kind === 'code') out.push({ kind: n.kind, text: shown(n.text) });
      else if ('children' in n) walk(n.children);
    }
  };
  for (const b of blocks) if (b.kind === 'paragraph') walk(b.content);
  return out;
}

async function read(lang: string, body: string) {
  const dir = writeEdition({ 'edition.yaml': MINIMAL_MANIFEST, 'articles/one.md': `---\ntitle: T\nlang: ${lang}\n---\n\n${body}\n` });
  const reporter = new Reporter();
  const manifest = await loadManifest(nodeWorld, dir, reporter);
  assert.ok(manifest, reporter.all.map(formatDiagnostic).join('\n'));
  const article = await readArticle({ world: nodeWorld, manifest, entry: manifest.articles[0], index: 1, reporter });
  assert.ok(article, reporter.all.map(formatDiagnostic).join('\n'));
  return inlines(article.blocks);
}

describe('no-break spaces in an article', () => {
  it('are applied to the text of a Polish article, across emphasis, and never inside code', async () => {
    assert.deepEqual(await read('pl', 'Mieszka w *starym* domu, a `w i z` to kod.'), [
      { kind: 'text', text: 'Mieszka w~' },
      { kind: 'text', text: 'starym' },
      { kind: 'text', text: ' domu, a~' },
      { kind: 'code', text: 'w i z' },
      { kind: 'text', text: ' to kod.' },
    ]);
  });

  it('leave the address of an autolink as it is', async () => {
    const text = (await read('fr', 'Voir <https://exemple.fr/a?b=1!> : ici.')).map((i) => i.text);
    assert.deepEqual(text, ['Voir ', 'https://exemple.fr/a?b=1!', '~: ici.']);
  });
});
