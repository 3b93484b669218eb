// The layout of src/ as a rule, read from the imports themselves: each folder sits in a
// layer, and a file imports only from its own folder or from a layer below its own. So the
// manifest never reaches into the typesetter, the PDF writer never into the press, and the
// typesetter's text setting never into the page builder. README "How the code is laid out"
// draws the same layers.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src');

/** From the top (the command line) down; folders (or root files) of one layer never import each other. */
const LAYERS: readonly (readonly string[])[] = [
  ['cli'],
  ['site'],
  ['preview'],
  ['build.ts'],
  ['parallel'],
  ['outputs'],
  ['press'],
  ['backends/pdf', 'backends/epub'],
  ['typeset'],
  ['typeset/front'],
  ['typeset/page'],
  ['typeset/text'],
  ['pages'],
  ['templates'],
  ['markdown'],
  ['markdown/lower'],
  ['manifest'],
  ['images'],
  ['images/svg'],
  ['model'],
  ['settings', 'i18n', 'limits'],
  ['vendor'],
  ['cache'],
  ['diagnostics', 'world.ts', 'threads'],
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sourceFiles(p) : p.endsWith('.ts') && !p.endsWith('.d.ts') ? [p] : [];
  });
}

/** The room of a file: its folder relative to src/, or the file itself at the root. */
function roomOf(file: string): string {
  const rel = path.relative(SRC, file).split(path.sep).join('/');
  const dir = path.posix.dirname(rel);
  return dir === '.' ? rel : dir;
}

function layerOf(room: string): number {
  const i = LAYERS.findIndex((l) => l.includes(room));
  assert.notEqual(i, -1, `src/${room} is in no layer of this test: add it where it belongs`);
  return i;
}

/** Relative imports (value and type, static and dynamic) of a file, as absolute .ts paths. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|^import\s+)['"](\.{1,2}\/[^'"]+)['"]/gm)].map((m) => m[1]);
  return specs.map((s) => path.resolve(path.dirname(file), s).replace(/\.js$/, '.ts'));
}

const files = sourceFiles(SRC);
const graph = new Map(files.map((f) => [f, importsOf(f)]));

describe('the import graph of src/', () => {
  it('has every folder in a layer and every import resolving to a file', () => {
    for (const [file, targets] of graph) {
      layerOf(roomOf(file));
      for (const t of targets) assert.ok(graph.has(t), `${path.relative(SRC, file)} imports ${path.relative(SRC, t)}, which is not a source file`);
    }
  });

  it('points only down the layers (or within a folder)', () => {
    const upward: string[] = [];
    for (const [file, targets] of graph) {
      const from = roomOf(file);
      for (const t of targets) {
        const to = roomOf(t);
        if (from !== to && layerOf(to) <= layerOf(from)) upward.push(`${path.relative(SRC, file)} → ${path.relative(SRC, t)}`);
      }
    }
    assert.deepEqual(upward, []);
  });

  it('has no cycle between files', () => {
    // Tarjan's strongly connected components, iteratively.
    const index = new Map<string, number>();
    const low = new Map<string, number>();
    const onStack = new Set<string>();
    const stack: string[] = [];
    const cycles: string[][] = [];
    let n = 0;
    for (const root of files) {
      if (index.has(root)) continue;
      const work: { v: string; i: number }[] = [{ v: root, i: 0 }];
      index.set(root, n);
      low.set(root, n++);
      stack.push(root);
      onStack.add(root);
      while (work.length) {
        const top = work[work.length - 1];
        const targets = graph.get(top.v) ?? [];
        if (top.i < targets.length) {
          const w = targets[top.i++];
          if (!graph.has(w)) continue;
          if (!index.has(w)) {
            index.set(w, n);
            low.set(w, n++);
            stack.push(w);
            onStack.add(w);
            work.push({ v: w, i: 0 });
          } else if (onStack.has(w)) low.set(top.v, Math.min(low.get(top.v)!, index.get(w)!));
          continue;
        }
        work.pop();
        if (work.length) low.set(work[work.length - 1].v, Math.min(low.get(work[work.length - 1].v)!, low.get(top.v)!));
        if (low.get(top.v) === index.get(top.v)) {
          const scc: string[] = [];
          let w: string;
          do {
            w = stack.pop()!;
            onStack.delete(w);
            scc.push(path.relative(SRC, w));
          } while (w !== top.v);
          if (scc.length > 1) cycles.push(scc.sort());
        }
      }
    }
    assert.deepEqual(cycles, []);
  });

  it('keeps pdfkit and fontkit internals inside src/vendor', () => {
    const reaching = files.filter(
      (f) => roomOf(f) !== 'vendor' && /\b_(font|root|addInfo|closeTags|metadata)\b|\.getGlyph\b|layoutCache/.test(readFileSync(f, 'utf8')),
    );
    assert.deepEqual(
      reaching.map((f) => path.relative(SRC, f)),
      [],
    );
  });

  it('keeps the typesetter free of pdfkit', () => {
    const drawing = files.filter((f) => /^(typeset|pages)/.test(roomOf(f)) && /from 'pdfkit'/.test(readFileSync(f, 'utf8')));
    assert.deepEqual(drawing, []);
  });
});
