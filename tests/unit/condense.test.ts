// The terminal shows at most five warnings of one kind per file, then how many more.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { condense, moreLine } from '../../src/cli/condense.js';
import { error, warning, type Diagnostic } from '../../src/diagnostics/diagnostic.js';

const link = (file: string, line: number) => warning('link/unresolved', `link ${line}`, { file, line, column: 1 });
const lines = (ds: Diagnostic[]) =>
  condense(ds, 2).map((s) => ('diagnostic' in s ? `${s.diagnostic.file}:${s.diagnostic.line} ${s.diagnostic.code}` : moreLine(s)));

describe('condensed warnings', () => {
  it('shows the first of each kind per file, then a count right after them', () => {
    const ds = [link('a.md', 1), link('a.md', 2), link('a.md', 3), link('a.md', 4), warning('image/remote', 'x', { file: 'a.md', line: 5 }), link('b.md', 1)];
    assert.deepEqual(lines(ds), [
      'a.md:1 link/unresolved',
      'a.md:2 link/unresolved',
      'a.md: 2 more warnings like these [link/unresolved] (--all-warnings lists every one)',
      'a.md:5 image/remote',
      'b.md:1 link/unresolved',
    ]);
  });

  it('never hides an error', () => {
    const ds = [link('a.md', 1), link('a.md', 2), error('link/unresolved', 'bad', { file: 'a.md', line: 3 }), link('a.md', 4)];
    assert.deepEqual(lines(ds), [
      'a.md:1 link/unresolved',
      'a.md:2 link/unresolved',
      'a.md:3 link/unresolved',
      'a.md: 1 more warning like these [link/unresolved] (--all-warnings lists every one)',
    ]);
  });
});
