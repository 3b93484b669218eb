// The progress line on a terminal, driven by hand: a fake terminal (isTTY, 60 columns) that
// collects what is written and a clock whose time and timer the test moves.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cells, type Clock, NO_PROGRESS, progressFor, REDRAW_MS } from '../../src/cli/progress.js';

function fakeTerminal(isTTY = true, columns = 60) {
  const writes: string[] = [];
  return { isTTY, columns, writes, write: (s: string) => writes.push(s) };
}

function fakeClock() {
  const timers: { ms: number; tick: () => void; stopped: boolean }[] = [];
  const clock = {
    t: 0,
    timers,
    now: () => clock.t,
    every(ms: number, tick: () => void) {
      const timer = { ms, tick, stopped: false };
      timers.push(timer);
      return () => {
        timer.stopped = true;
      };
    },
    /** Moves time on by one redraw interval and fires the running timers. */
    advance(ms = REDRAW_MS) {
      clock.t += ms;
      for (const timer of timers) if (!timer.stopped) timer.tick();
    },
  };
  return clock satisfies Clock;
}

const TERM = { TERM: 'xterm-256color' };
/** What a write leaves on screen: the text between \r and ESC[K. */
const EL = '\x1b[K';
const visible = (w: string) => w.replace(/^\r/, '').replaceAll(EL, '');

describe('progress on a terminal', () => {
  it('draws one line, rewritten in place with \\r and ESC[K, naming the edition, its stage and the time', () => {
    const term = fakeTerminal();
    const clock = fakeClock();
    const p = progressFor(term, true, clock, TERM);
    p.step('editions/sample', { doing: 'reading article 3', file: 'articles/03-the-market.md' });
    clock.advance(3100);
    p.step('editions/sample', { doing: 'typesetting the issue', file: 'edition.yaml' });
    clock.advance();
    assert.equal(term.writes.length, 2);
    for (const w of term.writes) {
      assert.ok(w.startsWith('\r') && w.endsWith(EL), 'rewritten from its start and cleared to its end');
      assert.doesNotMatch(visible(w), /[\r\n]/, 'one line');
    }
    assert.match(visible(term.writes[0]), /^⠙ sample: reading article 3 \(03-the-market\.md\) · 3\.1 s$/);
    assert.match(visible(term.writes[1]), /^⠹ sample: typesetting the issue · 3\.2 s$/);
  });

  it('redraws on its timer only, ten times a second, however fast the steps come', () => {
    const term = fakeTerminal();
    const clock = fakeClock();
    const p = progressFor(term, true, clock, TERM);
    for (let k = 1; k <= 50; k++) p.step('sample', { doing: `reading article ${k}` });
    assert.equal(term.writes.length, 0, 'no write on a step');
    assert.equal(clock.timers.length, 1, 'one timer for all the steps');
    assert.equal(clock.timers[0].ms, 100);
    clock.advance();
    assert.equal(term.writes.length, 1);
    assert.match(term.writes[0], /reading article 50/, 'the latest step is shown');
  });

  it('cuts the line to the terminal width, keeping the time at the end', () => {
    const term = fakeTerminal();
    const clock = fakeClock();
    const p = progressFor(term, true, clock, TERM);
    p.step('sample', { doing: `typesetting and writing the PDF of article 12 ${'with a very long name '.repeat(5)}` });
    clock.advance(1500);
    const line = visible(term.writes[0]);
    assert.ok(cells(line) < 60, `${cells(line)} cells: ${line}`);
    assert.match(line, /^⠙ sample: typesetting and writing.*… · 1\.5 s$/);
  });

  it('counts a wide character as two cells', () => {
    const term = fakeTerminal();
    const clock = fakeClock();
    const p = progressFor(term, true, clock, TERM);
    p.step('sample', { doing: 'reading article 11', file: `articles/${'潮の鐘'.repeat(12)}.md` });
    clock.advance();
    const line = visible(term.writes[0]);
    assert.ok(cells(line) < 60, `${cells(line)} cells: ${line}`);
    assert.ok(cells(line) >= 57, 'the room is used');
    assert.equal(cells('潮の鐘'), 6);
  });

  it('joins several editions building at once on the one line, and drops each as it is done', () => {
    const term = fakeTerminal(true, 200);
    const clock = fakeClock();
    const p = progressFor(term, true, clock, TERM);
    p.step('editions/sample', { doing: 'writing the PDF of the issue', file: 'edition.yaml' });
    p.step('editions/gazette', { doing: 'reading article 3', file: 'articles/03.md' });
    clock.advance();
    assert.match(visible(term.writes[0]), /^. sample: writing the PDF of the issue · gazette: reading article 3 \(03\.md\) · 0\.1 s$/);
    p.done('editions/sample');
    clock.advance();
    assert.match(visible(term.writes[1]), /^. gazette: reading article 3 \(03\.md\) · 0\.2 s$/);
    p.done('editions/gazette');
    assert.equal(term.writes[2], '\r\x1b[K', 'the last build done: the line is erased');
    assert.ok(
      clock.timers.every((t) => t.stopped),
      'and the timer stopped',
    );
    clock.advance();
    assert.equal(term.writes.length, 3);
  });

  it('clear() erases the line before other output, and the next tick draws it again', () => {
    const term = fakeTerminal();
    const clock = fakeClock();
    const p = progressFor(term, true, clock, TERM);
    p.clear();
    assert.deepEqual(term.writes, [], 'nothing to erase yet');
    p.step('sample', { doing: 'making the EPUB', file: 'edition.yaml' });
    clock.advance();
    p.clear();
    p.clear();
    assert.deepEqual(term.writes.slice(1), ['\r\x1b[K'], 'erased once');
    clock.advance();
    assert.match(term.writes[2], /making the EPUB/);
  });

  it('shows no control character that a folder or file name carries', () => {
    const term = fakeTerminal();
    const clock = fakeClock();
    const p = progressFor(term, true, clock, TERM);
    p.step('evil\x1b]0;title\x07', { doing: 'reading article 1', file: 'articles/a\x1b[2Jb.md' });
    clock.advance();
    // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for them is the test
    assert.doesNotMatch(visible(term.writes[0]), /[\x00-\x1f\x7f]/);
  });

  it('writes nothing at all when the stream is not a terminal, when disabled, or on a dumb terminal', () => {
    for (const [term, enabled, env] of [
      [fakeTerminal(false), true, TERM],
      [fakeTerminal(true), false, TERM],
      [fakeTerminal(true), true, { TERM: 'dumb' }],
    ] as const) {
      const clock = fakeClock();
      const p = progressFor(term, enabled, clock, env);
      assert.equal(p, NO_PROGRESS);
      p.step('sample', { doing: 'reading article 1' });
      clock.advance();
      p.done('sample');
      p.clear();
      assert.deepEqual(term.writes, []);
      assert.equal(clock.timers.length, 0);
    }
  });
});
