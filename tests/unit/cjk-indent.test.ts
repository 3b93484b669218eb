// Paragraph indents by the language's convention, in print and in the EPUB: Chinese two
// characters on every paragraph, the first after a heading too (空两格); Japanese one (a
// full-width space, 字下げ), also on every paragraph; other languages only a paragraph
// that follows another.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { formatDiagnostic, Reporter } from '../../src/diagnostics/diagnostic.js';
import { loadManifest } from '../../src/manifest/load-manifest.js';
import { readArticle } from '../../src/markdown/read-article.js';
import type { Article, Issue } from '../../src/model/types.js';
import type { TextItem } from '../../src/pages/page.js';
import { MAGAZINE } from '../../src/settings/layout.js';
import { typeScale } from '../../src/settings/type-scale.js';
import { paragraphIndent } from '../../src/typeset/page/paragraph-block.js';
import { typesetArticle } from '../../src/typeset/typeset-issue.js';
import { nodeWorld } from '../../src/world.js';
import { MINIMAL_MANIFEST, writeEdition } from '../support/edition.js';

const LONG: Record<string, string> = {
  zh: '四瓜村的粽子用的是山上的箬叶，包的是本地的糯米和腊肉，每年端午前一周，全村的人都聚在祠堂里一起包，老人教孩子怎样折叶、怎样扎绳，一边包一边说去年的收成和今年的雨水。',
  ja: '潮の鐘は港の入口に立つ古い灯台の下に吊るされていて、満潮になるたびに波に押されてひとりでに鳴る。町の人はその音で潮の時刻を知り、漁に出る支度を始めたものだった。',
  en: 'The tide clock on the harbour wall, silent since the war, began to strike again on Tuesday, and half the town came down to the quay to hear it; the other half heard it from their kitchens.',
};

async function article(lang: string): Promise<Article> {
  const p = LONG[lang];
  const md = `---\ntitle: T\nlang: ${lang}\n---\n\n${p}\n\n${p}\n\n## ${lang === 'en' ? 'Heading' : '小见出し'}\n\n${p}\n\n${p}\n`;
  const dir = writeEdition({ 'edition.yaml': MINIMAL_MANIFEST, 'articles/one.md': md });
  const reporter = new Reporter();
  const manifest = await loadManifest(nodeWorld, dir, reporter);
  assert.ok(manifest, reporter.all.map(formatDiagnostic).join('\n'));
  const a = await readArticle({ world: nodeWorld, manifest, entry: manifest.articles[0], index: 1, reporter });
  assert.ok(a, reporter.all.map(formatDiagnostic).join('\n'));
  return a;
}

const issueOf = (a: Article): Issue => ({
  publication: 'The Test Gazette',
  issue: 'No. 1',
  date: '2026-03-01',
  dateline: 'March 2026',
  language: a.lang,
  identifier: 'urn:uuid:00000000-0000-4000-8000-000000000011',
  articles: [a],
  departments: [],
});

/** Each body paragraph's first-line indent, in reading order: its first line's x less its second's. */
async function printedIndents(lang: string): Promise<number[]> {
  const a = await article(lang);
  const lines = new Set(a.blocks.filter((b) => b.kind === 'paragraph').map((b) => b.pos.line));
  const { pages } = typesetArticle(issueOf(a), a, MAGAZINE);
  const byLine = new Map<number, TextItem[]>();
  for (const page of pages) {
    for (const it of page.items) {
      const line = it.kind === 'text' ? it.place?.line : undefined;
      if (it.kind !== 'text' || line === undefined || !lines.has(line)) continue;
      byLine.set(line, [...(byLine.get(line) ?? []), it]);
      // Lines of one paragraph on one page: a page's items are read on only while it continues.
    }
    if (byLine.size === lines.size) break;
  }
  return [...lines].map((l) => {
    const items = byLine.get(l) ?? [];
    const ys = [...new Set(items.map((i) => i.y))].sort((p, q) => p - q);
    assert.ok(ys.length >= 2, `paragraph at line ${l} has ${ys.length} lines`);
    const start = (y: number) => Math.min(...items.filter((i) => i.y === y).map((i) => i.x));
    return Math.round((start(ys[0]) - start(ys[1])) * 100) / 100;
  });
}

describe('paragraph indents in print', () => {
  const s = typeScale(MAGAZINE);

  it('Chinese: two ems on every paragraph, the first of the article and after a heading too', async () => {
    assert.deepEqual(await printedIndents('zh'), [2 * s.size, 2 * s.size, 2 * s.size, 2 * s.size]);
  });

  it('Japanese: one em on every paragraph', async () => {
    assert.deepEqual(await printedIndents('ja'), [s.size, s.size, s.size, s.size]);
  });

  it('other languages: only a paragraph after a paragraph', async () => {
    const i = Math.round(s.indent * 100) / 100;
    assert.deepEqual(await printedIndents('en'), [0, i, 0, i]);
  });

  it('by the language’s primary tag', () => {
    assert.equal(paragraphIndent('zh-Hant-TW', 'heading', 12, 10), 20);
    assert.equal(paragraphIndent('ja_JP', null, 12, 10), 10);
    assert.equal(paragraphIndent('ru', 'paragraph', 12, 10), 12);
    assert.equal(paragraphIndent('ru', 'list', 12, 10), 0);
  });
});

describe('paragraph indents in the EPUB', () => {
  const css = readFileSync(path.join(import.meta.dirname, '../../templates/style.css'), 'utf8');

  it('indents Chinese and Japanese body paragraphs, the first too, a signature not', () => {
    // `.body > p:not(.signature):lang(zh)` (specificity 0,3,1) outweighs the flush first
    // paragraph's `.body > p:first-child` (0,2,1) and `h2 + p` (0,0,2).
    for (const [lang, indent] of [
      ['zh', '2em'],
      ['ja', '1em'],
    ]) {
      const rule = new RegExp(`\\.body > p:not\\(\\.signature\\):lang\\(${lang}\\)\\s*\\{\\s*text-indent: ${indent};`);
      assert.ok(rule.test(css), `no text-indent: ${indent} for ${lang}`);
    }
    assert.match(css, /\.body > p:first-child,\s*h2 \+ p/);
  });
});
