// What the Markdown parser will pair or scan, counted before it runs (src/limits/markers.ts):
// on the runs it reads one by one (paragraphs, headings, table cells), at the line where each
// starts, whatever block they sit in; and the raw HTML lowering, bounded however deep it nests.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Nodes } from 'mdast';
import { formatDiagnostic, Reporter } from '../../src/diagnostics/diagnostic.js';
import { checkArticleText, checkFieldText, DEFAULT_LIMITS } from '../../src/limits/limits.js';
import { chunksAreSafe, inlineRuns, MAX_MARKERS, markerProblem } from '../../src/limits/markers.js';
import { lowerBlocks } from '../../src/markdown/lower/blocks.js';
import { newLowerContext } from '../../src/markdown/lower/context.js';
import { parseMarkdown, parseSyntax } from '../../src/markdown/parse.js';
import { blocksText } from '../../src/model/inline-text.js';
import type { Block } from '../../src/model/types.js';

/** Each run as `kind line:column markers`. */
const runs = (text: string) => inlineRuns(text).map((r) => `${r.kind} ${r.line}:${r.column} ${r.markers}`);
const stars = (n: number) => '*a '.repeat(n).trim();
const message = (text: string) => {
  const d = checkArticleText(text, 'one.md', DEFAULT_LIMITS);
  return d && formatDiagnostic(d).split('\n')[0];
};

describe('the runs of inline content, as the parser will read them', () => {
  it('finds each paragraph, heading and table cell, at the line and column where its text starts', () => {
    const text = [
      '---', // 1
      'title: *not* [counted]', // 2
      '---', // 3
      '', // 4
      '# A *heading*', // 5
      '', // 6
      '> a *quote* and', // 7
      '> [more]', // 8
      '', // 9
      '- an *item*', // 10
      '  - a _nested_ one', // 11
      '', // 12
      '| a | *b* |', // 13
      '|---|-----|', // 14
      '| [1] | ~2~ |', // 15
      '', // 16
      'Setext *heading*', // 17
      '===', // 18
      '', // 19
      '[def]: https://example.org/a_b_c "a *title*"', // 20
      '[^note]: a *note*', // 21
    ].join('\n');
    assert.deepEqual(runs(text), [
      'heading 5:3 2',
      'paragraph 7:3 4',
      'paragraph 10:3 2',
      'paragraph 11:5 2',
      'table cell 13:3 0',
      'table cell 13:7 2',
      'table cell 15:3 2',
      'table cell 15:9 2',
      'heading 17:1 2',
      'paragraph 21:10 2',
    ]);
  });

  it('leaves out code blocks, HTML blocks, definitions, front matter and escaped markers', () => {
    const text = [
      '```js',
      'a[i] = b_c * d;',
      '```',
      '',
      '    indented *code*',
      '',
      '<div>',
      '*html block*',
      '</div>',
      '',
      '[a]: https://example.org/x_y',
      '[b]: <https://example.org/[z]>',
      '',
      'Escaped: \\* \\_ \\~ \\[ \\] and one *real*',
    ].join('\n');
    assert.deepEqual(runs(text), ['paragraph 14:1 2']);
  });

  it('counts where the old line scan was fooled: fake fences, lazy lines, tables that are not tables', () => {
    // A backtick fence's info string may not hold a backtick: a paragraph.
    assert.deepEqual(runs('``` a`b\n*a* *b*'), ['paragraph 1:1 4']);
    // A tilde fence is not closed by backticks: all code.
    assert.deepEqual(runs('~~~\ncode\n```\n*a* *b*'), []);
    // A fence inside a quote ends with the quote.
    assert.deepEqual(runs('> ```\n> code\n\n*a* *b*'), ['paragraph 4:1 4']);
    // Indented lines after a paragraph continue it (indented code cannot interrupt a paragraph).
    assert.deepEqual(runs('para\n    *a*\n\t*b*\n    ```\n*c*'), ['paragraph 1:1 6']);
    // A delimiter row whose cells do not match the header: no table, one paragraph.
    assert.deepEqual(runs('a | b\n|---|\n*a* | *b*'), ['paragraph 1:1 4']);
    // A quote's lazy line is in its paragraph; a deeper quote starts another.
    assert.deepEqual(runs('> > *a*\nlazy *b*\n> > > *c*'), ['paragraph 1:5 4', 'paragraph 3:7 2']);
    // A list of links written without blank lines: one paragraph per item.
    assert.deepEqual(runs('- [a](https://x.org/)\n- [b](https://x.org/)\n- [c](https://x.org/)'), ['paragraph 1:3 2', 'paragraph 2:3 2', 'paragraph 3:3 2']);
  });

  it('counts what makes the parser read a run again: backtick runs and HTML openers that nothing after them closes', () => {
    const rescan = (text: string) => inlineRuns(text).map((r) => [r.unclosed, r.rescan]);
    // The closing run of the last code span of each length is one of them (more, never less).
    assert.deepEqual(rescan('`a` and `` b `` closed'), [[2, 20 + 9]]);
    assert.deepEqual(rescan('`a` `b` `c` `d`.'), [[1, 2]]);
    assert.deepEqual(rescan('one ` stray'), [[1, 7]]);
    assert.deepEqual(rescan('x <!-- never closed'), [[1, 17]]);
    assert.deepEqual(rescan('x <!-- closed --> <!--> <?php ok ?> <![CDATA[ ok ]]> <!DOCTYPE html> .'), [[0, 0]]);
    // `<?>` does not close itself; `\`` is a literal backtick, then a run of one opens.
    assert.deepEqual(rescan('x <?> y'), [[1, 5]]);
    assert.deepEqual(rescan('\\`` x'), [[1, 4]]);
    assert.deepEqual(rescan('\\`` x ` y'), [[1, 3]]);
    // Runs of different lengths close nothing: each reads to the end.
    assert.deepEqual(rescan('` `` ```'), [[3, 8 + 6 + 3]]);
  });
});

describe('the bounds, and the error at the run that breaks them', () => {
  it('refuses a paragraph, a heading or a table cell over the marker limit, at its line', () => {
    assert.equal(
      message(`Plain.\n\n> ${stars(MAX_MARKERS + 1)}`),
      'one.md:3:3: error: a paragraph with more than 1000 emphasis and link markers (`*`, `_`, `~`, `[`, `]`): 1001 [limit/nesting]',
    );
    assert.match(message(`## ${stars(1001)}`) ?? '', /^one\.md:1:4: error: a heading with more than 1000 .*: 1001 \[limit\/nesting\]$/);
    assert.match(message(`| a | b |\n|---|---|\n| x | ${stars(1001)} |`) ?? '', /^one\.md:3:7: error: a table cell with more than 1000 /);
    assert.match(message(`x ${'['.repeat(1001)}`) ?? '', /^one\.md:1:1: error: a paragraph with more than 1000 .*: 1001 /);
    assert.match(message(`x ${'!['.repeat(1001)}`) ?? '', /: 1001 \[limit\/nesting\]$/);
    // At the limit, and cells of a table counted one by one, it passes.
    assert.equal(message(stars(MAX_MARKERS)), undefined);
    assert.equal(message(`| a | b |\n|---|---|\n${`| ${stars(600)} | ${stars(600)} |\n`.repeat(3)}`), undefined);
  });

  it('builds what the old count refused: long lists of links, many reference definitions', () => {
    const list = Array.from({ length: 2000 }, (_, i) => `- [link ${i}](https://example.org/p_${i})`).join('\n');
    assert.equal(message(list), undefined);
    const defs = `See [d1].\n\n${Array.from({ length: 5000 }, (_, i) => `[d${i}]: https://example.org/a_${i}`).join('\n')}`;
    assert.equal(message(defs), undefined);
  });

  it('bounds the whole article: many paragraphs near the limit, openers that never close, long paragraphs', () => {
    const near = Array.from({ length: 80 }, () => stars(900)).join('\n\n');
    const p = markerProblem(near);
    assert.equal(p?.reason, 'marker-work');
    assert.equal(p?.run.line, 2 * 79 + 1); // the 80th paragraph: 80 × 900² > 64 × 1000²
    assert.match(
      message(near) ?? '',
      /^one\.md:159:1: error: up to this paragraph, the article takes as long to parse as 65 paragraphs of 1000 .*; an article may take 64 \[limit\/nesting\]$/,
    );
    const ticks = `x ${Array.from({ length: 1500 }, (_, i) => `${'`'.repeat(i + 1)} a`).join(' ')}`;
    assert.match(
      message(ticks) ?? '',
      /^one\.md:1:1: error: a paragraph with 1500 backtick runs or HTML openers .* that nothing after them closes: the parser would read [\d.]+ GB again/,
    );
    assert.match(message(`x ${'<!-- '.repeat(20_000)}`) ?? '', /^one\.md:1:1: error: a paragraph with 20000 backtick runs or HTML openers/);
    const lines = 'The quick brown fox jumps over the lazy dog again.\n'.repeat(20_000);
    assert.match(message(lines) ?? '', /^one\.md:1:1: error: a paragraph of 20000 lines \(996\.1 KB\) with no blank line/);
    assert.equal(message('The quick brown fox.\n'.repeat(2000)), undefined);
  });

  it('refuses a 2 MB article of markers in about a second', () => {
    for (const text of ['*a'.repeat(1_000_000), `${'*a'.repeat(40)}\n`.repeat(25_000)]) {
      const started = performance.now();
      const p = markerProblem(text);
      const ms = performance.now() - started;
      assert.equal(p?.reason, 'markers');
      assert.equal(p?.run.line, 1);
      assert.ok(ms < 3000, `${ms} ms`);
    }
  });

  it('reports a front matter field at the field', () => {
    const d = checkFieldText(stars(1001), { file: 'one.md', line: 3, column: 7 }, 32);
    assert.match(d ? formatDiagnostic(d) : '', /^one\.md:3:7: error: a paragraph with more than 1000 /);
    assert.match(formatDiagnostic(checkFieldText('> '.repeat(40), { file: 'one.md', line: 3, column: 7 }, 32)!), /^one\.md:3:7: error: content nested 40 deep/);
    assert.equal(checkFieldText('An *ordinary* deck with a [link](https://x.org/).', { file: 'one.md', line: 3, column: 7 }, 32), undefined);
  });

  it('refuses a list indented past the limit, even after a fence the parser does not see', () => {
    const deep = Array.from({ length: 80 }, (_, i) => `${' '.repeat(i * 2)}- item`).join('\n');
    assert.match(message(`\`\`\` a\`b\n${deep}`) ?? '', /^one\.md:69:1: error: a list item indented 134 columns/);
  });
});

describe('the cheap count and the first pass agree with the parser', () => {
  /** Paragraphs, headings and cells of the parser's own tree, by the line of their text. */
  function parserRuns(text: string): number[] {
    const out: number[] = [];
    const walk = (n: Nodes) => {
      if (n.type === 'paragraph' || n.type === 'heading' || n.type === 'tableCell') {
        const first = n.type === 'paragraph' ? n : n.children.find((c) => c.position);
        if (first?.position) out.push(first.position.start.line);
      } else if ('children' in n) for (const c of n.children) walk(c as Nodes);
    };
    walk(parseSyntax(text));
    return out;
  }

  // Lines of blocks that meet at their edges: containers, fences, tables, HTML, definitions.
  const PREFIXES = ['', '> ', '- ', '1. ', '  ', '    ', '\t', '[^n]: ', '- [ ] ', '> > '];
  const BODIES = ['text *a* _b_ [c]', '```', '~~~', '``` a`b', '| a | b |', '|---|---|', 'a | b', '---', '===', '# h *x*', '<div>', '</div>', '<!--', '-->'];
  const BODIES2 = ['[d]: /u_v "t', 'more*"', '\\*a', '`co*de`', '***', '<http://a_b>', 'x\\', '| x |', '[^n]: note *n*', '<pre>', '</pre>'];

  it('finds the runs the parser finds, and the cheap count never says less than a run holds', () => {
    let seed = 15;
    const random = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)];
    for (let k = 0; k < 400; k++) {
      const lines = Array.from({ length: 1 + Math.floor(random() * 10) }, () =>
        random() < 0.15 ? '' : pick(PREFIXES) + (random() < 0.3 ? pick(PREFIXES) : '') + pick(random() < 0.5 ? BODIES : BODIES2),
      );
      const text = lines.join(random() < 0.1 ? '\r\n' : '\n');
      const found = inlineRuns(text);
      assert.deepEqual(
        found.map((r) => r.line),
        parserRuns(text),
        JSON.stringify(text),
      );
      // Scaled so that a chunk over the limit is a run over it: the cheap count is an upper bound.
      const most = Math.max(0, ...found.map((r) => r.markers));
      if (most > 0) assert.equal(chunksAreSafe(text.replace(/[*_~[\]]/g, (m) => m.repeat(Math.ceil((MAX_MARKERS + 1) / most)))), false, JSON.stringify(text));
    }
  });
});

describe('raw HTML nested past the limit', () => {
  function lower(markdown: string, nesting = 32) {
    const reporter = new Reporter();
    const ctx = newLowerContext({ file: 'a.md', articleId: '01-a', reporter, lang: 'en', quotes: {}, nesting });
    const blocks = lowerBlocks(parseMarkdown(markdown, 'en').children, ctx);
    return { blocks, text: blocksText(blocks), messages: reporter.all.map((d) => formatDiagnostic(d).split('\n')[0]) };
  }
  const depth = (blocks: readonly Block[]): number => Math.max(0, ...blocks.map((b) => (b.kind === 'blockquote' ? 1 + depth(b.blocks) : 0)));
  const nest = (open: string, close: string, n: number) => `${open.repeat(n)}deep${close.repeat(n)}`;

  it('keeps nesting within the limit as it was', () => {
    const r = lower(`x ${nest('<b>', '</b>', 5)} y`);
    assert.deepEqual(r.messages, []);
    assert.equal(r.text, 'x deep y');
    assert.equal(depth(lower(nest('<blockquote>', '</blockquote>', 5)).blocks), 5);
  });

  it('drops the tags past the limit, keeps the text, and says where with limit/nesting', () => {
    for (const tag of ['b', 'span', 'q', 'em', 'a href="https://x.org/"']) {
      const name = tag.split(' ')[0];
      const r = lower(`x ${nest(`<${tag}>`, `</${name}>`, 40)} y`);
      assert.deepEqual(r.messages.length, 1, r.messages.join('\n'));
      assert.match(
        r.messages[0],
        new RegExp(
          `^a\\.md:1:\\d+: error: raw HTML nested 33 deep \\(\`<${name}>\` inside 32 elements\\), over the limit of 32: the tags past it are dropped \\[limit/nesting\\]$`,
        ),
      );
      assert.match(r.text, /deep/);
    }
    const q = lower(nest('<blockquote>', '</blockquote>', 40));
    assert.equal(depth(q.blocks), 32);
    assert.equal(q.text.trim(), 'deep');
    assert.match(q.messages[0], /^a\.md:1:385: error: raw HTML nested 33 deep \(`<blockquote>` inside 32 elements\)/);
    assert.equal(lower(nest('<b>', '</b>', 5), 4).messages.length, 1);
  });

  it('lowers 20 000 nested elements in linear time', () => {
    for (const [open, close] of [
      ['<b>', '</b>'],
      ['<span>', '</span>'],
      ['<blockquote>', '</blockquote>'],
      ['<div>', '</div>'],
    ]) {
      const started = performance.now();
      const r = lower(nest(open, close, 20_000));
      assert.ok(performance.now() - started < 10_000, `${open}: ${performance.now() - started} ms`);
      assert.match(r.text, /deep/);
    }
  });
});
