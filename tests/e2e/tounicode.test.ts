// Text reads back from every PDF a process writes, not only the first. fontkit keeps a
// glyph with the code points it was first made with; writing one PDF's subset makes the D
// inside a composite Ď with none, and a later PDF then mapped its D to no text. (Its own
// file: the test needs a process whose fonts have not yet set a D.)
import assert from 'node:assert/strict';
import path from 'node:path';
import { it } from 'node:test';
import { buildEdition } from '../../src/build.js';
import { writeEdition } from '../support/edition.js';
import { pdfText, requireValidators } from '../support/validators.js';

const MANIFEST = `publication: The Test Gazette
issue: No. 1
date: 2026-03-01
articles:
  - articles/one.md
`;
const article = (title: string, text: string) => `---\ntitle: ${title}\n---\n\n${text}\n`;

it('maps a letter to its text in a later PDF after a subset used it inside an accented letter', async () => {
  requireValidators();
  // No plain D in the body font here: only the one inside Ď.
  const first = writeEdition({ 'edition.yaml': MANIFEST, 'articles/one.md': article('Czech Letters', 'Ďáblice is north of Prague.') });
  await buildEdition({ editionDir: first, outDir: path.join(path.dirname(first), 'out') });
  const second = writeEdition({ 'edition.yaml': MANIFEST, 'articles/one.md': article('Harbour', 'Dover is a port.') });
  await buildEdition({ editionDir: second, outDir: path.join(path.dirname(second), 'out') });
  const text = pdfText(path.join(path.dirname(second), 'out', 'edition.pdf')).replace(/\s+/g, ' ');
  assert.match(text, /Dover is a port\./);
});
