// A spaced dash that opens a clause stays with the word before it: no line begins with
// "— " or "– ", the line breaks after the dash instead. A dash joined to the word after
// it (Spanish dialogue, "—dijo él") is that word's, and a line may begin with it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toItems, type PItem } from '../../src/typeset/text/break-items.js';
import { INFINITY } from '../../src/typeset/text/break-lines.js';
import { breakParagraph } from '../../src/typeset/text/paragraph.js';
import { segments } from '../../src/typeset/text/segments.js';
import type { ParagraphSpec } from '../../src/typeset/text/paragraph-spec.js';
import { body, context, lineText, textAt } from '../support/paragraph.js';

const pos = { file: 'articles/06-kuipoga.md', line: 9, column: 1 };
const text = textAt(pos);

const DASHED = [
  'The tide clock — which nobody had wound since the war — began to strike again on Tuesday, and the harbour — all of it — came out to listen.',
  'Моя бабушка никогда не говорила «отлив». Она говорила «вода пошла» — когда море начинало отступать, и «вода прибывает» — когда оно возвращалось.',
  'Die Nachricht ist auch bei uns angekommen – und zwar, wie es sich gehört, auf dem langsamsten Weg – per Brief, mit einem Zeitungsausschnitt darin.',
  'She paused at the door — then, without a word — closed it behind her; the dog — old, deaf, content — slept on.',
];

/** Whether the space before the dash at `dash` (a box's text) may break: a glue not after an infinite penalty. */
function breaksBefore(items: PItem[], dash: string): boolean {
  const k = items.findIndex((it) => it.type === 'box' && it.text.startsWith(dash));
  assert.ok(k > 1, `no box "${dash}"`);
  const glue = items[k - 1];
  const held = items[k - 2];
  assert.equal(glue.type, 'glue');
  return !(held.type === 'penalty' && held.penalty >= INFINITY);
}

describe('a dash between clauses', () => {
  it('never begins a line: the line breaks after it', () => {
    const ctx = context();
    let endings = 0;
    for (let width = 100; width <= 260; width += 3) {
      for (const [k, p] of DASHED.entries()) {
        const lang = ['en', 'ru', 'de', 'en'][k];
        const lines = breakParagraph(ctx, { content: text(p), style: body, width, lang, pos }).lines.map(lineText);
        for (const [i, l] of lines.entries()) assert.ok(!/^[—–]/.test(l), `${width} pt, line ${i + 1} begins with a dash: ${lines.join(' | ')}`);
        endings += lines.filter((l) => /[—–]$/.test(l)).length;
      }
    }
    // The break after the dash is taken where it suits the paragraph.
    assert.ok(endings > 10, `${endings} lines end with a dash`);
  });

  it('binds the space before a spaced dash, in any language, across emphasis', () => {
    const ctx = context();
    const spec = (content: ParagraphSpec['content']): ParagraphSpec => ({ content, style: body, width: 200, lang: 'en', pos });
    const items = (content: ParagraphSpec['content']) => toItems(ctx, spec(content), segments(ctx, spec(content))).items;
    assert.equal(breaksBefore(items(text('the war — began')), '—'), false);
    assert.equal(breaksBefore(items(text('the war – began')), '–'), false);
    assert.equal(breaksBefore(items(text('the war —, began')), '—'), false);
    const emphasis = [{ kind: 'emphasis' as const, children: text('the war'), pos }, ...text(' — began')];
    assert.equal(breaksBefore(items(emphasis), '—'), false);
  });

  it('leaves a dash joined to the next word, and a hyphen, free to start a line', () => {
    const ctx = context();
    const spec = (t: string): ParagraphSpec => ({ content: text(t), style: body, width: 200, lang: 'es', pos });
    const items = (t: string) => toItems(ctx, spec(t), segments(ctx, spec(t))).items;
    assert.equal(breaksBefore(items('—¿Vienes? —dijo él.'), '—dijo'), true);
    assert.equal(breaksBefore(items('from 3 - 5 pm'), '-'), true);
  });
});
