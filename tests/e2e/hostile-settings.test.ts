// Hostile settings (issue 15, "never lose a file, never hang, never crash"): a length of
// absurd magnitude (1e308, 1e-9), not a number at all (.nan, .inf), or impossible with the
// others (margins wider than the page, leading of a thousand lines) is refused at its line of
// edition.yaml, with `manifest/invalid-value` and the range it must be in, before anything is
// typeset. Each case runs the command line under the hostile-input budget.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { MINIMAL_ARTICLE, MINIMAL_MANIFEST, writeEdition } from '../support/edition.js';
import { assertRefused, runHostile } from '../support/hostile.js';

/** Quick: refused at the manifest, before any typesetting. */
const QUICK = { ms: 30_000 };

async function build(yaml: string) {
  const root = path.dirname(writeEdition({ 'edition.yaml': MINIMAL_MANIFEST + yaml, 'articles/one.md': MINIMAL_ARTICLE }));
  return { run: await runHostile(['build', 'edition', '--out', 'out'], root, QUICK), root };
}

// MINIMAL_MANIFEST has five lines: `layout:` (or `press:`) is line 6, its first key line 7.
const CASES: { name: string; yaml: string; expect: RegExp }[] = [
  {
    name: 'a page 1e308 points wide',
    yaml: 'layout:\n  page: {width: 1e308, height: 792}\n',
    expect: /^edition\/edition\.yaml:7:17: error: `layout\.page\.width`: at most 195in \(got 1e\+308\)/,
  },
  {
    name: 'a page 1e-9 points wide',
    yaml: 'layout:\n  page: {width: 1e-9, height: 792}\n',
    expect: /^edition\/edition\.yaml:7:17: error: `layout\.page\.width`: at least 1in/,
  },
  {
    name: 'a page -1 points wide',
    yaml: 'layout:\n  page: {width: -1, height: 792}\n',
    expect: /^edition\/edition\.yaml:7:17: error: `layout\.page\.width`: at least 1in/,
  },
  {
    name: 'a page .nan tall',
    yaml: 'layout:\n  page: {width: 612, height: .nan}\n',
    expect: /^edition\/edition\.yaml:7:30: error: `layout\.page\.height`: a finite length, not \.nan or \.inf/,
  },
  {
    name: 'a page .inf tall',
    yaml: 'layout:\n  page: {width: 612, height: .inf}\n',
    expect: /^edition\/edition\.yaml:7:30: error: `layout\.page\.height`: a finite length/,
  },
  {
    name: 'a page -.inf wide',
    yaml: 'layout:\n  page:\n    width: -.inf\n    height: 792\n',
    expect: /^edition\/edition\.yaml:8:12: error: `layout\.page\.width`: a finite length/,
  },
  {
    name: 'a page of 1e308in',
    yaml: 'layout:\n  page: {width: 1e308in, height: 11in}\n',
    expect: /^edition\/edition\.yaml:7:17: error: `layout\.page\.width`: /,
  },
  {
    name: 'a page of 9999in',
    yaml: 'layout:\n  page: {width: 9999in, height: 11in}\n',
    expect: /^edition\/edition\.yaml:7:17: error: `layout\.page\.width`: at most 195in \(got "9999in"\)/,
  },
  { name: 'margins of 1e308', yaml: 'layout:\n  margins: 1e308\n', expect: /^edition\/edition\.yaml:7:12: error: `layout\.margins`: / },
  {
    name: 'a top margin of .nan',
    yaml: 'layout:\n  margins: {top: .nan, bottom: 1in, inside: 1in, outside: 1in}\n',
    expect: /^edition\/edition\.yaml:7:18: error: `layout\.margins\.top`: a finite length/,
  },
  {
    name: 'top and bottom margins larger than the page',
    yaml: 'layout:\n  margins:\n    top: 6in\n    bottom: 6in\n    inside: 1in\n    outside: 1in\n',
    expect: /^edition\/edition\.yaml:8:10: error: `layout\.margins\.top`: the top margin \(432 pt\) is more than half the page height \(792 pt\)/,
  },
  {
    name: 'one margin for all sides wider than half the page',
    yaml: 'layout:\n  margins: 5in\n',
    expect: /^edition\/edition\.yaml:7:12: error: `layout\.margins`: the inside margin \(360 pt\) is more than half the page width \(612 pt\)/,
  },
  {
    name: "a page too small for the preset's margins",
    yaml: 'layout:\n  page: {width: 1in, height: 1in}\n',
    expect: /^edition\/edition\.yaml:7:9: error: `layout\.page`: the preset's top margin \(54 pt\) is more than half the page height \(72 pt\)/,
  },
  { name: 'text of 0.001 points', yaml: 'layout:\n  size: 0.001\n', expect: /^edition\/edition\.yaml:7:9: error: `layout\.size`: at least 4pt \(got 0\.001\)/ },
  { name: 'text of 1e308 points', yaml: 'layout:\n  size: 1e308\n', expect: /^edition\/edition\.yaml:7:9: error: `layout\.size`: at most 72pt/ },
  { name: 'text .nan points', yaml: 'layout:\n  size: .nan\n', expect: /^edition\/edition\.yaml:7:9: error: `layout\.size`: a finite length/ },
  {
    name: 'leading of 1e6',
    yaml: 'layout:\n  leading: 1e6\n',
    expect: /^edition\/edition\.yaml:7:12: error: `layout\.leading`: at most 288pt \(got 1000000\)/,
  },
  {
    name: 'leading smaller than the size',
    yaml: 'layout:\n  size: 12pt\n  leading: 6pt\n',
    expect: /^edition\/edition\.yaml:8:12: error: `layout\.leading` \(6 pt\) is smaller than the text size \(12 pt\): lines would overlap/,
  },
  {
    name: 'leading more than 4 times the size',
    yaml: 'layout:\n  size: 8pt\n  leading: 1in\n',
    expect: /^edition\/edition\.yaml:8:12: error: `layout\.leading` \(72 pt\) is more than 4 times the text size \(8 pt\)/,
  },
  { name: 'a gutter of 1e308', yaml: 'layout:\n  gutter: 1e308\n', expect: /^edition\/edition\.yaml:7:11: error: `layout\.gutter`: at most 2in/ },
  {
    name: 'a gutter wider than the page',
    yaml: 'layout:\n  gutter: 9in\n',
    expect: /^edition\/edition\.yaml:7:11: error: `layout\.gutter`: at most 2in \(got "9in"\)/,
  },
  {
    name: 'a gutter that leaves the columns no room',
    yaml: 'layout:\n  columns: 5\n  gutter: 2in\n',
    expect: /^edition\/edition\.yaml:7:3: error: `layout`: the text area is too small \(columns -\d+ pt wide/,
  },
  {
    name: 'text too large for its columns',
    yaml: 'layout:\n  size: 72pt\n',
    expect: /^edition\/edition\.yaml:7:3: error: `layout`: the text area is too small/,
  },
  { name: 'a bleed of 1e308', yaml: 'press:\n  bleed: 1e308\n', expect: /^edition\/edition\.yaml:7:10: error: `press\.bleed`: at most 1in \(got 1e\+308\)/ },
  { name: 'a bleed of -1', yaml: 'press:\n  bleed: -1\n', expect: /^edition\/edition\.yaml:7:10: error: `press\.bleed`: at least 0/ },
  { name: 'a bleed of .inf', yaml: 'press:\n  bleed: .inf\n', expect: /^edition\/edition\.yaml:7:10: error: `press\.bleed`: a finite length/ },
  { name: 'six columns', yaml: 'layout:\n  columns: 6\n', expect: /^edition\/edition\.yaml:7:12: error: `layout\.columns`: / },
  { name: 'a length with an exponent in a string', yaml: 'layout:\n  gutter: "1e3pt"\n', expect: /^edition\/edition\.yaml:7:11: error: `layout\.gutter`: / },
];

describe('hostile settings: refused at their line of edition.yaml', { concurrency: 2 }, () => {
  for (const c of CASES) {
    it(`refuses ${c.name}`, async () => {
      const { run, root } = await build(c.yaml);
      assertRefused(run, { code: 1, diagnostic: 'manifest/invalid-value' }, QUICK);
      assert.match(run.stderr.split('\n')[0], c.expect, run.stderr);
      assert.match(run.stderr, /nothing was written/);
      assert.equal(existsSync(path.join(root, 'out')), false, 'nothing written');
    });
  }

  it('builds at the edges of the ranges: a 3 × 4 in page, no bleed or gutter, 4 pt type on 16 pt leading', async () => {
    // Margins of 0 are in range, but the running heads and the folio then print past the
    // page's edge, which the typesetter's last check refuses (typeset/does-not-fit): the
    // margins here leave them room.
    const { run } = await build(
      'layout:\n  page: {width: 3in, height: 4in}\n  margins: {top: 0.6in, bottom: 0.6in, inside: 0.1in, outside: 0.1in}\n  columns: 1\n  gutter: 0\n  size: 4pt\n  leading: 16pt\npress:\n  bleed: 0\n',
    );
    assert.equal(run.code, 0, run.stderr);
  });

  it('margins of 0 are in range, and the running heads that would print past the edge are refused, not cut off silently', async () => {
    const { run } = await build('layout:\n  page: {width: 3in, height: 4in}\n  margins: 0\n  columns: 1\n  size: 4pt\n  leading: 16pt\n');
    assertRefused(run, { code: 1, diagnostic: 'typeset/does-not-fit' });
  });
});
