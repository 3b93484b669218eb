// One Typst compile of the book in its own process, as build-once.ts is for Pressroom: a
// cold compile (new compiler, compile, PDF), then, in the same process, the compile after
// one chapter is edited, which Typst's memoization makes incremental.
//
// The bench runs this file as plain JavaScript (transpiled, not under tsx), so the process
// pays for Node and the Typst library and nothing else: it imports only Node's modules, and
// the compiler is loaded from the repository's node_modules, whose path the job names.
// Prints one JSON line (TypstRun).
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { NodeCompiler, NodeTypstDocument } from '@myriaddreamin/typst-ts-node-compiler';

/** What the bench hands this process, as a JSON file. */
export interface TypstJob {
  /** The repository, whose node_modules holds the compiler. */
  root: string;
  /** Typst's workspace: the edition folder, where the images are. */
  workspace: string;
  fonts: string[];
  main: string;
  chapters: { file: string; source: string }[];
  /** One chapter again, with a paragraph added. */
  edited: { file: string; source: string };
  /** Where the cold compile's PDF goes; the edited one goes beside it. */
  pdf: string;
}

/** Times are from the process's start (performance.now()'s origin). */
export interface TypstRun {
  pages: number;
  pagesAfterEdit: number;
  warnings: number;
  /** When the cold compile's PDF was written. */
  coldEndMs: number;
  incrementalMs: number;
  coldPeakMB: number;
  /** Peak of the whole process, so at least coldPeakMB. */
  incrementalPeakMB: number;
  /** When this line was written: the parent takes (its wall time − endMs + coldEndMs) as the cold time. */
  endMs: number;
}

const MAIN = 'typst/main.typ';

function loadCompiler(root: string): typeof NodeCompiler {
  const require = createRequire(path.join(root, 'package.json'));
  return (require('@myriaddreamin/typst-ts-node-compiler') as { NodeCompiler: typeof NodeCompiler }).NodeCompiler;
}

/** Compiles and writes the PDF; a compile error ends the process with Typst's diagnostics. */
function compileToPdf(compiler: NodeCompiler, workspace: string, out: string): { doc: NodeTypstDocument; warnings: number } {
  const result = compiler.compile({ mainFilePath: path.join(workspace, MAIN) });
  const doc = result.result;
  if (result.hasError() || !doc) {
    result.printDiagnostics();
    process.stderr.write('typst: the book did not compile\n');
    process.exit(1);
  }
  const warnings = result.takeWarnings();
  const count = warnings ? compiler.fetchDiagnostics(warnings).length : 0;
  if (count) result.printDiagnostics();
  writeFileSync(out, compiler.pdf(doc));
  return { doc, warnings: count };
}

const peakMB = () => process.resourceUsage().maxRSS / 1024;

const job = JSON.parse(readFileSync(process.argv[2], 'utf8')) as TypstJob;
const compiler = loadCompiler(job.root).create({ workspace: job.workspace, fontArgs: [{ fontPaths: job.fonts }] });
const at = (file: string) => path.join(job.workspace, file);
compiler.addSource(at(MAIN), job.main);
for (const c of job.chapters) compiler.addSource(at(c.file), c.source);
const cold = compileToPdf(compiler, job.workspace, job.pdf);
const coldEndMs = performance.now();
const coldPeakMB = peakMB();

compiler.addSource(at(job.edited.file), job.edited.source);
const edited = compileToPdf(compiler, job.workspace, job.pdf.replace(/\.pdf$/, '.edited.pdf'));
const incrementalMs = performance.now() - coldEndMs;

const run: TypstRun = {
  pages: cold.doc.numOfPages,
  pagesAfterEdit: edited.doc.numOfPages,
  warnings: cold.warnings,
  coldEndMs,
  incrementalMs,
  coldPeakMB,
  incrementalPeakMB: peakMB(),
  endMs: performance.now(),
};
process.stdout.write(`${JSON.stringify(run)}\n`);
