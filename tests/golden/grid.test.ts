// The baseline grid: on every page of an article, the body lines of all its columns sit on
// one grid of the leading, whatever headings, quotes, lists, tables and figures come between
// them; full columns end on one baseline; the footnote rules of a page sit at one height.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page, TextItem } from '../../src/pages/page.js';
import { MAGAZINE, textBlock } from '../../src/settings/layout.js';
import { typeScale } from '../../src/settings/type-scale.js';
import { typesetIssue } from '../../src/typeset/typeset-issue.js';
import type { Issue } from '../../src/model/types.js';
import { article, sampleIssue } from './sample-issue.js';

const PARA =
  'The council met on Tuesday evening in the upstairs room of the library, where the heating had failed again, and the members kept their coats on while the clerk read the minutes.';

const scale = typeScale(MAGAZINE);
const geom = textBlock(MAGAZINE);
/** Runs of body text at the body size (not headings, quotes, captions, tables or notes). */
const bodyRuns = (p: Page) =>
  p.items.filter(
    (i): i is TextItem =>
      i.kind === 'text' &&
      i.font.startsWith('body:') &&
      Math.abs(i.size - scale.size) < 0.01 &&
      i.y > MAGAZINE.margins.top &&
      i.y < MAGAZINE.margins.top + geom.height,
  );

describe('the baseline grid', () => {
  it('puts every body line of a page, in every column, on one grid of the leading', async () => {
    const { issue } = await sampleIssue();
    const { pages } = typesetIssue(issue, MAGAZINE);
    let checked = 0;
    const off: string[] = [];
    for (const [n, p] of pages.entries()) {
      const runs = bodyRuns(p);
      if (runs.length < 2 || n < 2) continue;
      // The grid's origin: the lowest body baseline of the page, every other one a whole number of leadings above it.
      const low = Math.max(...runs.map((r) => r.y));
      for (const r of runs) {
        const k = (low - r.y) / scale.leading;
        if (Math.abs(k - Math.round(k)) > 0.01) off.push(`page ${n + 1}: "${r.text}" ${((k - Math.round(k)) * scale.leading).toFixed(2)} pt off the grid`);
        checked++;
      }
    }
    assert.ok(checked > 100, `${checked} runs checked`);
    assert.deepEqual(off, []);
  });

  it('rules the footnotes of a page at one height', () => {
    // Notes of different lengths called in both columns of one page.
    const a = article(1, 'notes', { title: 'Notes in Both Columns' }, (b) => ({
      blocks: Array.from({ length: 40 }, (_, i) => b.p(`${i + 1}. ${PARA}${i === 1 ? '[^1]' : i === 14 ? '[^2]' : ''}`)),
      footnotes: [b.note(1, 'A short note.'), b.note(2, `A longer note, which runs over several lines of the column: ${PARA}`)],
    }));
    const issue: Issue = {
      publication: 'P',
      issue: '1',
      date: '2026-01-01',
      dateline: 'x',
      language: 'en',
      identifier: 'urn:uuid:9',
      articles: [a],
      departments: [],
    };
    const { pages } = typesetIssue(issue, MAGAZINE);
    const noteRules = (p: Page) => p.items.filter((i) => i.kind === 'rule' && i.y1 === i.y2 && i.x2 - i.x1 < geom.width * 0.4 && i.thickness === 0.4);
    const page = pages.find((p) => noteRules(p).length === 2);
    assert.ok(page, 'a page with notes in both columns');
    const [left, right] = noteRules(page);
    assert.ok(left.kind === 'rule' && right.kind === 'rule');
    assert.ok(left.x1 !== right.x1, 'one rule in each column');
    assert.equal(left.y1.toFixed(2), right.y1.toFixed(2));
  });
});
