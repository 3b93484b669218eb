// A table's cells are hyphenated only where a word does not fit its column: a header
// "Residents per dwelling" in a column as wide as "Residents" breaks between its words,
// not "Resi-" / "dents per"; a word wider than its column is hyphenated rather than cut.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatDiagnostic, Reporter } from '../../src/diagnostics/diagnostic.js';
import { loadManifest } from '../../src/manifest/load-manifest.js';
import { readArticle } from '../../src/markdown/read-article.js';
import type { Article, Issue } from '../../src/model/types.js';
import type { TextItem } from '../../src/pages/page.js';
import { MAGAZINE } from '../../src/settings/layout.js';
import { typesetArticle } from '../../src/typeset/typeset-issue.js';
import { nodeWorld } from '../../src/world.js';
import { MINIMAL_MANIFEST, writeEdition } from '../support/edition.js';

async function article(lang: string, table: string): Promise<Article> {
  const md = `---\ntitle: T\nlang: ${lang}\n---\n\nThe table:\n\n${table}\n`;
  const dir = writeEdition({ 'edition.yaml': MINIMAL_MANIFEST, 'articles/one.md': md });
  const reporter = new Reporter();
  const manifest = await loadManifest(nodeWorld, dir, reporter);
  assert.ok(manifest, reporter.all.map(formatDiagnostic).join('\n'));
  const a = await readArticle({ world: nodeWorld, manifest, entry: manifest.articles[0], index: 1, reporter });
  assert.ok(a, reporter.all.map(formatDiagnostic).join('\n'));
  return a;
}

/** The table's text runs, and the warnings of setting it. */
async function tableRuns(lang: string, table: string): Promise<{ runs: string[]; warnings: string[] }> {
  const a = await article(lang, table);
  const line = a.blocks.find((b) => b.kind === 'table')?.pos.line;
  const issue: Issue = {
    publication: 'The Test Gazette',
    issue: 'No. 1',
    date: '2026-03-01',
    dateline: 'March 2026',
    language: lang,
    identifier: 'urn:uuid:00000000-0000-4000-8000-000000000012',
    articles: [a],
    departments: [],
  };
  const reporter = new Reporter();
  const { pages } = typesetArticle(issue, a, MAGAZINE, { report: reporter });
  const runs = pages.flatMap((p) => p.items.filter((i): i is TextItem => i.kind === 'text' && i.place?.line === line)).map((i) => i.text);
  return { runs, warnings: reporter.all.map((d) => d.message) };
}

// The sample's census table (articles/08-the-arithmetic-of-a-small-town.md).
const CENSUS = `| Census | Residents | Dwellings | Residents per dwelling | Boats registered |
|-------:|----------:|----------:|:----------------------:|-----------------:|
| 1921 | 6,140 | 1,310 | 4.7 | 212 |
| 1951 | 5,480 | 1,520 | 3.6 | 131 |
| 2021 | 4,130 | 2,410 | 1.7 | 22 |`;

describe('hyphens in a table', () => {
  it('none where each word fits its column: the header breaks between words', async () => {
    const { runs } = await tableRuns('en', CENSUS);
    assert.ok(runs.some((r) => /Residents/.test(r)) && runs.some((r) => /registered/.test(r)), runs.join(' | '));
    assert.deepEqual(
      runs.filter((r) => /\p{L}-$/u.test(r.trimEnd())),
      [],
    );
  });

  it('a word wider than its column is hyphenated, not cut', async () => {
    const long = 'Donaudampfschifffahrtsgesellschaftskapitän';
    const row = `| ${Array(6).fill(long).join(' | ')} |`;
    const table = `${row}\n|${'---|'.repeat(6)}\n${row}`;
    const { runs, warnings } = await tableRuns('de', table);
    assert.ok(
      runs.some((r) => /\p{L}-$/u.test(r.trimEnd())),
      runs.join(' | '),
    );
    assert.ok(!warnings.some((w) => /wider than its line|narrower than their words/.test(w)), warnings.join('\n'));
  });
});
