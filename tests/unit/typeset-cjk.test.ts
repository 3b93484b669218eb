// Japanese and Chinese in print: fonts chosen per run by the text's language, breaks
// between characters by UAX #14 with kinsoku, lines justified by spreading the space
// between characters (no spaces inserted), Latin words inside CJK kept whole; Tagalog
// (no hyphenation patterns) still justifies.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cjkBreaks, NO_BREAK_AFTER, NO_BREAK_BEFORE } from '../../src/typeset/text/break-items.js';
import { MAGAZINE } from '../../src/settings/layout.js';
import { setParagraph } from '../../src/typeset/text/paragraph.js';
import type { SetLine } from '../../src/typeset/text/paragraph-spec.js';
import { body, context, lineText, rightEdge, runs, textAt } from '../support/paragraph.js';

const pos = { file: 'articles/11-test.md', line: 9, column: 1 };
const text = textAt(pos);

const JA =
  'わたしは二十三年間、瀬戸内海に面した小さな港町の験潮所で働いてきた。験潮所というのは、海面の高さ、つまり潮位を休みなく記録しつづける小さな建物のことだ。' +
  '岸壁のそばに井戸が掘ってあり、底のほうで細い管によって海とつながっている。「潮が満ちれば上がり、引けば下がる」と先輩は言った。' +
  'その動きをワイヤーで記録計に伝える。仕組みとしては、ほとんどそれだけである。ことしの春、カロウという港町で、潮を知らせる鐘が五十二年ぶりに鳴ったというニュースを、同僚がインターネットで見つけてきた。';
const ZH =
  '我母亲有一个习惯：每年秋天，她都会把最老的那根丝瓜留在藤上，不摘，也不吃，一直等到它发黄、变轻，摇起来沙沙作响。' +
  '然后她把瓜剖开，把黑色的种子一粒一粒抠出来，摊在旧报纸上晒干；再装进信封，在上面写好年份！她说：“那边吃不到像样的丝瓜，你自己种。”' +
  '五年前我搬到卡罗，行李箱里除了衣服和书，还有一个母亲硬塞进来的信封？第一年，我在阳台上种了三棵，到八月底才开出第一朵黄花。';

/** Closing punctuation and small kana that must never begin a line. */
const NEVER_FIRST = [...'、。，．」』）！？・ーぁぃぅぇぉっゃゅょァィゥェォッャュョ；：”'];
/** Opening brackets that must never end one. */
const NEVER_LAST = [...'「『（“'];

function checkKinsoku(lines: SetLine[]) {
  for (const [i, l] of lines.entries()) {
    const t = lineText(l);
    assert.ok(!NEVER_FIRST.includes(t[0]), `line ${i + 1} starts with "${t[0]}": ${t}`);
    assert.ok(!NEVER_LAST.includes(t[t.length - 1]), `line ${i + 1} ends with "${t[t.length - 1]}": ${t}`);
  }
}

function checkFlush(lines: SetLine[], width: number) {
  for (const [i, l] of lines.slice(0, -1).entries()) {
    assert.ok(Math.abs(rightEdge(l) - width) < 0.05, `line ${i + 1} ends at ${rightEdge(l).toFixed(2)} of ${width}: ${lineText(l)}`);
  }
  const last = lines[lines.length - 1];
  assert.ok(
    runs(last).every((r) => !((r.wordSpacing ?? 0) > 0) && !((r.letterSpacing ?? 0) > 0)) && rightEdge(last) <= width + 0.05,
    'the last line is never stretched',
  );
}

describe('fonts for Japanese and Chinese', () => {
  it('sets kana and kanji in Noto Serif JP, hanzi in Noto Serif SC, Latin in Source Serif', () => {
    const ctx = context();
    const ja = setParagraph(ctx, { content: text('港町のGPS記録計'), style: body, width: 200, lang: 'ja', pos });
    const fonts = runs(ja[0]).map((r) => `${r.font} ${r.text}`);
    assert.deepEqual(fonts, ['cjk-ja:regular 港町の', 'body:regular GPS', 'cjk-ja:regular 記録計']);
    const zh = setParagraph(ctx, { content: text('丝瓜种子ABC'), style: body, width: 200, lang: 'zh', pos });
    assert.deepEqual(
      runs(zh[0]).map((r) => r.font),
      ['cjk-zh:regular', 'body:regular'],
    );
    assert.equal(ctx.warnings.length, 0);
  });

  it('never opens a CJK font for Latin and Cyrillic text (7–10 MB each)', () => {
    const ctx = context();
    const t = 'Łódź, Ærøskøbing, „Zitat“ and «guillemets» — Привет, ещё! ąęłőșñç… “quoted”';
    for (const lang of ['en', 'pl', 'ru', 'de', 'fr']) setParagraph(ctx, { content: text(t), style: body, width: 200, lang, pos });
    for (const k of ['cjk-ja:regular', 'cjk-zh:regular', 'cjk-ja:bold', 'cjk-zh:bold'] as const) assert.ok(!ctx.fonts.isOpen(k), k);
    assert.equal(ctx.warnings.length, 0);
  });

  it('falls back to a CJK font for a stray ideograph in an English paragraph', () => {
    const ctx = context();
    const lines = setParagraph(ctx, { content: text('The word 潮 means tide.'), style: body, width: 300, lang: 'en', pos });
    assert.ok(runs(lines[0]).some((r) => r.text.includes('潮') && r.font.startsWith('cjk-')));
    assert.equal(ctx.warnings.length, 0);
  });

  it('sets Korean in Noto Sans KR and emoji in Noto Emoji, after every other font', () => {
    const ctx = context();
    const lines = setParagraph(ctx, { content: text('🌍 Deutsch ∙ 한국어 ∙ 日本語 ❤'), style: body, width: 300, lang: 'en', pos });
    const fonts = runs(lines[0]).map((r) => `${r.font} ${r.text.trim()}`);
    assert.ok(fonts.includes('emoji:regular 🌍'), fonts.join(' | '));
    assert.ok(
      fonts.some((f) => f.startsWith('hangul:regular 한국어')),
      fonts.join(' | '),
    );
    assert.ok(!fonts.some((f) => f.startsWith('emoji') && f.includes('❤')), 'a symbol the text fonts have stays in them');
    assert.equal(ctx.warnings.length, 0);
  });

  it('names a character no font has, with its code point and position', () => {
    const ctx = context();
    setParagraph(ctx, { content: text('潮\u{10900}'), style: body, width: 300, lang: 'ja', pos });
    assert.equal(ctx.warnings.length, 1);
    assert.match(ctx.warnings[0].message, /U\+10900/);
    assert.equal(ctx.warnings[0].file, 'articles/11-test.md');
    assert.equal(ctx.warnings[0].line, 9);
  });
});

describe('break opportunities by UAX #14 and kinsoku', () => {
  it('never offers a break before closing punctuation or small kana, or after an opening bracket', () => {
    const s = '「ちょっと待って」と、彼は言った。';
    const at = cjkBreaks(s);
    for (const j of at) {
      assert.ok(!NO_BREAK_BEFORE.has(s[j]), `break before ${s[j]}`);
      assert.ok(!NO_BREAK_AFTER.has(s[j - 1]), `break after ${s[j - 1]}`);
    }
    assert.ok(!at.includes(2), 'not before the small っ');
    assert.ok(at.includes(9), 'between と and 、? no: after 」 and before と');
  });

  it('keeps Latin words inside Chinese whole', () => {
    const s = '我们用GPS记录';
    const at = cjkBreaks(s);
    assert.ok(!at.includes(3 + 1) && !at.includes(3 + 2), 'no break inside GPS');
    assert.ok(at.includes(3) && at.includes(6), 'breaks around it');
  });
});

describe('Japanese and Chinese paragraphs', () => {
  for (const width of [120, 157, 203, 241]) {
    it(`a Japanese paragraph at ${width} pt keeps kinsoku and is justified`, () => {
      const ctx = context();
      const lines = setParagraph(ctx, { content: text(JA), style: body, width, lang: 'ja', pos });
      assert.ok(lines.length > 3);
      checkKinsoku(lines);
      checkFlush(lines, width);
      assert.equal(lines.map(lineText).join(''), JA, 'no character added or lost, no space inserted');
      assert.equal(ctx.warnings.length, 0);
    });
    it(`a Chinese paragraph at ${width} pt keeps kinsoku and is justified`, () => {
      const ctx = context();
      const lines = setParagraph(ctx, { content: text(ZH), style: body, width, lang: 'zh', pos });
      checkKinsoku(lines);
      checkFlush(lines, width);
      assert.equal(lines.map(lineText).join(''), ZH);
      assert.equal(ctx.warnings.length, 0);
    });
  }

  it('never hyphenates Japanese or Chinese', () => {
    const ctx = context();
    for (const [lang, t] of [
      ['ja', JA + ' Typography inherited conventions from metal.'],
      ['zh', ZH],
    ] as const) {
      const lines = setParagraph(ctx, { content: text(t), style: body, width: 130, lang, pos });
      assert.ok(
        lines.every((l) => !l.hyphenated && !lineText(l).endsWith('-')),
        lang,
      );
    }
  });
});

describe('Tagalog: no hyphenation patterns, still justified', () => {
  const TL =
    'Ang pahayagan ay naglalathala ng mga balita tungkol sa pamayanan, sa mga pangingisda at sa mga pagdiriwang ' +
    'ng bayan. Tuwing umaga, binabasa ito ng mga mangingisda bago sila pumalaot, at ng mga guro bago sila pumasok ' +
    'sa paaralan. Mahalaga sa kanila ang katumpakan ng bawat ulat at ang kagandahan ng pagkakalimbag nito.';
  // The magazine's column: (612 − 54 − 43.2 − 18) / 2 pt.
  const column = (MAGAZINE.pageWidth - MAGAZINE.margins.inside - MAGAZINE.margins.outside - MAGAZINE.gutter) / 2;
  it('sets lines flush with moderate spacing and no hyphens', () => {
    const ctx = context();
    const lines = setParagraph(ctx, { content: text(TL + ' ' + TL), style: body, width: column, lang: 'tl', pos });
    assert.ok(lines.every((l) => !l.hyphenated));
    checkFlush(lines, column);
    // Without hyphens some lines run loose (long words such as "pagdiriwang"), but the
    // paragraph as a whole stays even: measured mean |ratio| ≈ 0.9, worst ≈ 3.1 (en: 0.8, 2.0).
    const ratios = lines.slice(0, -1).map((l) => l.ratio);
    const mean = ratios.reduce((a, r) => a + Math.abs(r), 0) / ratios.length;
    assert.ok(mean < 1.2, `mean spacing ratio ${mean.toFixed(2)}`);
    for (const [i, r] of ratios.entries()) assert.ok(r < 3.5 && r > -1, `spacing ratio ${r} on line ${i + 1}: ${lineText(lines[i])}`);
  });
});
