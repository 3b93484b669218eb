// Line breaking: the box/glue/penalty breaker and paragraphs set with real fonts.
// Lines never exceed their width, hyphens are real "-" at line ends, a word too long
// for any line is cut with a warning, and justified lines end flush.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Inline } from '../../src/model/types.js';
import { INFINITY, lineSpans, measureLine, type BreakItem } from '../../src/typeset/text/break-lines.js';
import { firstFit } from '../../src/typeset/text/first-fit.js';
import { setParagraph } from '../../src/typeset/text/paragraph.js';
import { body, context, lineText, rightEdge, runs, textAt } from '../support/paragraph.js';

const pos = { file: 'articles/01-test.md', line: 7, column: 1 };
const text = textAt(pos);

const PROSE =
  'Electronic typesetting inherited these constraints as conventions. Knuth and Plass showed that breaking ' +
  'a whole paragraph at once, rather than line by line, gives markedly more uniform spacing; their algorithm ' +
  'still sets the standard against which other line breakers are measured, and typographers everywhere ' +
  'acknowledge its extraordinary contribution to computational typography.';

describe('firstFit on boxes, glue and penalties', () => {
  const box = (width: number): BreakItem => ({ type: 'box', width });
  const glue: BreakItem = { type: 'glue', width: 3, stretch: 2, shrink: 1 };
  const end: BreakItem[] = [
    { type: 'glue', width: 0, stretch: 1e5, shrink: 0 },
    { type: 'penalty', width: 0, penalty: -INFINITY, flagged: false },
  ];

  it('never makes a line wider than its width, even with glue shrunk', () => {
    const items: BreakItem[] = [];
    for (let i = 0; i < 60; i++) items.push(box(10 + ((i * 7) % 23)), glue);
    items.pop();
    items.push(...end);
    const breaks = firstFit(items, () => 100)!.breaks;
    for (const span of lineSpans(items, breaks)) {
      const m = measureLine(items, span);
      assert.ok(m.width - m.shrink <= 100 + 1e-6, `line ${span.start}…${span.end} is ${m.width - m.shrink} wide`);
    }
    assert.equal(breaks[breaks.length - 1], items.length - 1, 'the last break is the final penalty');
  });

  it('breaks at a penalty and counts its width (the hyphen) in the line', () => {
    // "aaaa bbb-ccc": only the hyphen break lets the second word start on line one.
    const items: BreakItem[] = [box(40), glue, box(30), { type: 'penalty', width: 5, penalty: 50, flagged: true }, box(40), ...end];
    const breaks = firstFit(items, () => 80)!.breaks;
    assert.equal(breaks[0], 3);
    assert.equal(measureLine(items, lineSpans(items, breaks)[0]).width, 78);
  });

  it('breaks before a box when no legal break fits (an emergency)', () => {
    const items: BreakItem[] = [box(60), box(60), ...end];
    const breaks = firstFit(items, () => 80)!.breaks;
    assert.deepEqual(breaks.slice(0, 1), [1]);
  });
});

describe('setParagraph', () => {
  it('keeps every line inside its width and justifies all but the last flush right', () => {
    const ctx = context();
    for (const width of [120, 180, 248.4]) {
      const lines = setParagraph(ctx, { content: text(PROSE), style: body, width, lang: 'en', pos });
      assert.ok(lines.length > 2);
      lines.forEach((l, i) => {
        assert.ok(rightEdge(l) <= width + 0.01, `line ${i} at ${width}: ${rightEdge(l)}`);
        if (i < lines.length - 1) assert.ok(Math.abs(rightEdge(l) - width) < 0.05, `line ${i} is not flush: ${rightEdge(l)}`);
      });
    }
    assert.deepEqual(ctx.warnings, []);
  });

  it('ends hyphenated lines with a real "-" and loses no letter', () => {
    const ctx = context();
    const lines = setParagraph(ctx, { content: text(PROSE), style: body, width: 120, lang: 'en', pos });
    const texts = lines.map(lineText);
    assert.ok(
      texts.some((t) => /\p{L}-$/u.test(t)),
      `no hyphenated line in:\n${texts.join('\n')}`,
    );
    assert.ok(
      texts.every((t) => !t.includes('\u00AD')),
      'a soft hyphen reached the page',
    );
    const joined = texts
      .map((t) => (/\p{L}-$/u.test(t) ? t.slice(0, -1) : t + ' '))
      .join('')
      .trim();
    assert.equal(joined, PROSE);
  });

  it('takes a soft hyphen in the source as a break, drawn as "-" and never as U+00AD', () => {
    const ctx = context();
    const lines = setParagraph(ctx, { content: text('Some supercali\u00ADfragilistic\u00ADexpialidocious words.'), style: body, width: 110, lang: 'en', pos });
    const texts = lines.map(lineText);
    assert.ok(texts.every((t) => !t.includes('\u00AD')));
    assert.ok(
      texts.some((t) => /(supercali|fragilistic)-$/.test(t)),
      texts.join(' | '),
    );
  });

  it('keeps spaces as characters, and widens them with word spacing', () => {
    const ctx = context();
    const [first] = setParagraph(ctx, { content: text(PROSE), style: body, width: 180, lang: 'en', pos });
    const [run] = runs(first);
    assert.match(run.text, / /);
    assert.ok((run.wordSpacing ?? 0) !== 0);
  });

  it('never breaks at a no-break space, and stretches it like the other spaces', () => {
    const ctx = context();
    // Russian sets a no-break space before a dash and after one-letter words.
    const ru =
      'Корабль пришёл в\u00a0порт поздно вечером\u00a0— и\u00a0никто не\u00a0встретил его у\u00a0причала. ' +
      'Смотритель маяка сказал, что в\u00a0такую погоду суда обычно ждут рассвета у\u00a0входа в\u00a0гавань.';
    const lines = setParagraph(ctx, { content: text(ru), style: body, width: 150, lang: 'ru', pos });
    assert.ok(lines.length >= 3);
    for (const [i, l] of lines.entries()) {
      const t = lineText(l);
      assert.ok(!/(^|\s)(в|и|у|а|с|к|о|я)$/.test(t), `line ${i + 1} ends with a one-letter word: ${t}`);
      assert.ok(!t.startsWith('—'), `line ${i + 1} starts with the dash: ${t}`);
      assert.ok(!t.includes('\u00a0'), 'drawn as a plain space, widened by word spacing');
    }
    const stretched = lines.slice(0, -1).filter((l) => (runs(l)[0].wordSpacing ?? 0) !== 0);
    assert.ok(stretched.length > 0, 'justified lines spread their spaces, the no-break ones included');
  });

  it('cuts a word too long for any line, warns with the paragraph position', () => {
    const ctx = context();
    const long = '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08';
    const lines = setParagraph(ctx, { content: text(`A word: ${long} ends here.`), style: body, width: 90, lang: 'en', pos });
    for (const l of lines) assert.ok(rightEdge(l) <= 90 + 0.01, `${lineText(l)} sticks out: ${rightEdge(l)}`);
    const w = ctx.warnings.filter((d) => d.code === 'typeset/overfull-line');
    assert.equal(w.length, 1);
    assert.equal(w[0].severity, 'warning');
    assert.deepEqual([w[0].file, w[0].line, w[0].column], [pos.file, pos.line, pos.column]);
    assert.equal(lines.map(lineText).join('').replace(/\s/g, ''), `Aword:${long}endshere.`);
  });

  it('breaks a URL after a slash without a hyphen and without a warning', () => {
    const ctx = context();
    const url = 'https://example.org/a/long/path/that/does/not/fit/in/a/column.html';
    const lines = setParagraph(ctx, { content: text(`See ${url} for more.`), style: body, width: 150, lang: 'en', pos });
    assert.ok(lines.length >= 2);
    for (const l of lines) assert.ok(rightEdge(l) <= 150 + 0.01);
    assert.equal(lines.map(lineText).join('').replace(/ /g, ''), `See${url}formore.`);
    assert.deepEqual(ctx.warnings, []);
  });

  it('does not hyphenate inline code', () => {
    const ctx = context();
    const content: Inline[] = [
      { kind: 'text', text: 'Call ', pos },
      { kind: 'code', text: 'internationalization', pos },
      { kind: 'text', text: ' and then more words follow to fill the line.', pos },
    ];
    const lines = setParagraph(ctx, { content, style: body, width: 115, lang: 'en', pos });
    assert.equal(lineText(lines[0]), 'Call');
    assert.match(lineText(lines[1]), /^internationalization$/, 'the code stays whole on a line of its own');
  });

  it('sets mixed runs on one baseline: italic, bold, code, links, footnote calls', () => {
    const ctx = context();
    const content: Inline[] = [
      { kind: 'emphasis', children: text('italic'), pos },
      { kind: 'text', text: ' ', pos },
      { kind: 'strong', children: text('bold'), pos },
      { kind: 'text', text: ' ', pos },
      { kind: 'code', text: 'code', pos },
      { kind: 'text', text: ' ', pos },
      { kind: 'link', url: 'https://example.org', children: text('link'), pos },
      { kind: 'footnote-ref', noteId: 'n1', number: 1, pos },
      { kind: 'text', text: ' ', pos },
      { kind: 'strike', children: text('gone'), pos },
    ];
    const [line] = setParagraph(ctx, { content, style: { ...body, align: 'left' }, width: 300, lang: 'en', pos });
    const words = runs(line)
      .filter((r) => r.text.trim())
      .map((r) => `${r.font} ${r.text.trim()}`);
    assert.deepEqual(words, ['body:italic italic', 'body:bold bold', 'mono:regular code', 'body:regular link', 'body:regular 1', 'body:regular gone']);
    const baselines = new Set(
      runs(line)
        .filter((r) => r.text.trim() !== '1')
        .map((r) => r.y),
    );
    assert.equal(baselines.size, 1, 'one baseline');
    const call = runs(line).find((r) => r.text === '1')!;
    assert.ok(call.y < [...baselines][0] && call.size < 10, 'the footnote call is raised and smaller');
    assert.deepEqual(line.notes, ['n1']);
    assert.ok(line.items.some((i) => i.kind === 'link' && i.target.kind === 'uri' && i.target.uri === 'https://example.org'));
    assert.ok(
      line.items.some((i) => i.kind === 'rule'),
      'strike draws a line through',
    );
  });

  it('breaks Japanese between characters, without overfull lines, in Noto Serif JP', () => {
    const ctx = context();
    const ja = '活版印刷は、活字を組んで版を作り、紙に印刷する技術である。日本では明治時代に広く普及した。';
    const lines = setParagraph(ctx, { content: text(ja), style: body, width: 50, lang: 'ja', pos });
    assert.ok(lines.length > 2);
    for (const l of lines) assert.ok(rightEdge(l) <= 50 + 0.01);
    assert.ok(!ctx.warnings.some((w) => w.code === 'typeset/overfull-line'));
    const missing = ctx.warnings.filter((w) => w.code === 'font/missing-glyph');
    assert.equal(missing.length, 0, 'Noto Serif JP has every character');
    assert.ok(lines.flatMap(runs).every((r) => !/[\u00AD\u200B]/.test(r.text)));
  });

  it('takes a character the body font lacks from a fallback font, and reports one no font has', () => {
    const ctx = context();
    const lines = setParagraph(ctx, { content: text('A hollow bullet ◦, a 漢 and a \u{10900} character.'), style: body, width: 300, lang: 'en', pos });
    const all = lines.flatMap(runs);
    const bullet = all.find((r) => r.text.includes('◦'))!;
    assert.notEqual(bullet.font, 'body:regular');
    assert.ok(all.find((r) => r.text.includes('漢'))!.font.startsWith('cjk-'), 'an ideograph from a CJK font, as a last resort');
    assert.ok(!all.some((r) => r.text.includes('\u{10900}')));
    assert.match(ctx.warnings[0]?.message ?? '', /U\+10900/);
    assert.equal(ctx.warnings.length, 1);
    assert.equal(ctx.warnings[0].code, 'font/missing-glyph');
    assert.equal(ctx.warnings[0].line, pos.line);
  });
});
