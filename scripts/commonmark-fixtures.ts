// Writes tests/fixtures/commonmark: a varied subset of the CommonMark spec's examples (every
// section, spread over it), copied from ../shared/corpus/commonmark so the CommonMark test
// runs without ../shared. `npm run commonmark-fixtures`.
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const SOURCE = path.resolve(import.meta.dirname, '../../shared/corpus/commonmark');
const TARGET = path.resolve(import.meta.dirname, '../tests/fixtures/commonmark');
/** About this many examples in all; each section gets its share, and at least two. */
const WANTED = 90;

interface Entry {
  example: number;
  section: string;
}

const index = JSON.parse(readFileSync(path.join(SOURCE, 'examples.json'), 'utf8')) as Entry[];
const sections = new Map<string, number[]>();
for (const e of index) sections.set(e.section, [...(sections.get(e.section) ?? []), e.example]);

const chosen: Entry[] = [];
for (const [section, numbers] of sections) {
  const share = Math.min(numbers.length, Math.max(2, Math.round((numbers.length * WANTED) / index.length)));
  // Evenly spread, first and last included.
  for (let k = 0; k < share; k++) {
    const n = numbers[share === 1 ? 0 : Math.round((k * (numbers.length - 1)) / (share - 1))];
    if (!chosen.some((c) => c.example === n)) chosen.push({ example: n, section });
  }
}
chosen.sort((a, b) => a.example - b.example);

rmSync(TARGET, { recursive: true, force: true });
mkdirSync(TARGET, { recursive: true });
for (const c of chosen) {
  const name = String(c.example).padStart(4, '0');
  for (const ext of ['md', 'html']) copyFileSync(path.join(SOURCE, 'examples', `${name}.${ext}`), path.join(TARGET, `${name}.${ext}`));
}
writeFileSync(path.join(TARGET, 'examples.json'), `${JSON.stringify(chosen, null, 1)}\n`);
const source = readFileSync(path.join(SOURCE, 'source.txt'), 'utf8');
writeFileSync(
  path.join(TARGET, 'README.md'),
  `# CommonMark spec examples (a subset)

${chosen.length} of the ${index.length} examples of the CommonMark specification, chosen from every
section (\`examples.json\` lists them with their sections): \`NNNN.md\` is an example's input,
\`NNNN.html\` the HTML the spec expects. Written by \`npm run commonmark-fixtures\` from
\`../shared/corpus/commonmark\`; \`tests/e2e/commonmark.test.ts\` builds them as one edition.

The CommonMark specification is by John MacFarlane and is licensed under the Creative Commons
Attribution-ShareAlike 4.0 International licence (CC BY-SA 4.0,
https://creativecommons.org/licenses/by-sa/4.0/). These files are the spec's examples,
unchanged except that each is cut out into its own pair of files (tabs as in the spec, "→"
replaced by a tab); they are shared under the same licence.

Source:

\`\`\`
${source.trim()}
\`\`\`
`,
);
console.log(`wrote ${chosen.length} examples to ${path.relative(process.cwd(), TARGET)}`);
