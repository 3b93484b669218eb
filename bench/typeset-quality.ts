// Typeset quality on the reference article (../shared/corpus/sc-170), set exactly as the
// anchors in ../shared/corpus/README.md were: Letter, 0.6in margins, 2 columns, 0.25in
// gutter, 10/12pt DejaVu Serif. Measured with ../shared/tools/typeset-metrics.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { buildEdition } from '../src/build.js';

const require = createRequire(import.meta.url);

export interface Metrics {
  gap_p95_em: number;
  loose_lines_pct: number;
  hyphenated_lines_pct: number;
  max_consecutive_hyphens: number;
  justified_lines: number;
}

export const ANCHORS = [
  { tool: 'TeX (pandoc + xelatex)', gap_p95_em: 0.61, loose_lines_pct: 25, hyphenated_lines_pct: 32, max_consecutive_hyphens: 4 },
  { tool: 'WeasyPrint', gap_p95_em: 0.67, loose_lines_pct: 23, hyphenated_lines_pct: 33, max_consecutive_hyphens: 5 },
  { tool: 'required', gap_p95_em: 0.52, loose_lines_pct: 8, hyphenated_lines_pct: 25, max_consecutive_hyphens: 2 },
];

/** Build the reference article with the anchor layout; returns its per-article PDF path. */
export async function buildReference(sharedCorpus: string): Promise<string | undefined> {
  const src = path.join(sharedCorpus, 'sc-170/peruvian-elections.md');
  if (!existsSync(src)) return undefined;
  const dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'pressroom-sc170-')), 'sc-170');
  mkdirSync(path.join(dir, 'fonts'), { recursive: true });
  const ttf = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
  for (const f of ['DejaVuSerif.ttf', 'DejaVuSerif-Italic.ttf', 'DejaVuSerif-Bold.ttf', 'DejaVuSerif-BoldItalic.ttf'])
    copyFileSync(path.join(ttf, f), path.join(dir, 'fonts', f));
  copyFileSync(src, path.join(dir, 'peruvian-elections.md'));
  writeFileSync(
    path.join(dir, 'edition.yaml'),
    `publication: Spartacist Canada
issue: No. 170
date: 2011-09-01
dateline: Fall 2011
articles:
  - peruvian-elections.md
layout:
  page: letter
  margins: 0.6in
  columns: 2
  gutter: 0.25in
  size: 10pt
  leading: 12pt
  fonts:
    body: {regular: fonts/DejaVuSerif.ttf, italic: fonts/DejaVuSerif-Italic.ttf, bold: fonts/DejaVuSerif-Bold.ttf, bold-italic: fonts/DejaVuSerif-BoldItalic.ttf}
`,
  );
  const out = path.join(path.dirname(dir), 'out');
  const r = await buildEdition({ editionDir: dir, outDir: out });
  return path.join(out, 'articles', `${r.issue.articles[0].id}.pdf`);
}

export function measure(pdf: string, tool: string): Metrics {
  return JSON.parse(execFileSync('python3', [tool, pdf, '--json'], { encoding: 'utf8' })) as Metrics;
}

export function formatTable(ours: Metrics): string {
  const rows = [...ANCHORS.slice(0, 2), { tool: 'Pressroom', ...ours }, ANCHORS[2]];
  const line = (r: (typeof rows)[number]) =>
    `  ${r.tool.padEnd(24)} ${r.gap_p95_em.toFixed(2).padStart(6)} em ${`${Math.round(r.loose_lines_pct)} %`.padStart(6)} ${`${Math.round(r.hyphenated_lines_pct)} %`.padStart(8)} ${String(r.max_consecutive_hyphens).padStart(5)}`;
  return ['  tool                     gap p95    loose  hyphens  in a row', ...rows.map(line)].join('\n');
}

export const LANGUAGE_HEADER = '  lang  justified lines  gap p95    loose  hyphens  in a row';

/** One language's figures, in the columns of LANGUAGE_HEADER. */
export function formatLanguageRow(lang: string, m: Metrics): string {
  return `  ${lang.padEnd(5)} ${String(m.justified_lines).padStart(15)} ${m.gap_p95_em.toFixed(2).padStart(6)} em ${`${m.loose_lines_pct.toFixed(1)} %`.padStart(8)} ${`${m.hyphenated_lines_pct.toFixed(1)} %`.padStart(8)} ${String(m.max_consecutive_hyphens).padStart(9)}`;
}
