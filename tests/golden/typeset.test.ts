// Golden test of the page builder: the debug dump of a small hand-built issue against a
// checked-in text file. A change in line breaks, positions or pagination shows as a
// readable diff. After an intended change: UPDATE_GOLDEN=1 node --import tsx --test tests/golden/typeset.test.ts
import assert from 'node:assert/strict';
import path from 'node:path';
import { it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Issue } from '../../src/model/types.js';
import { dumpPages } from '../../src/pages/dump.js';
import { MAGAZINE } from '../../src/settings/layout.js';
import { typesetIssue } from '../../src/typeset/typeset-issue.js';
import { compareGolden } from './golden.js';
import { article, sizedImage } from './sample-issue.js';

const here = path.dirname(fileURLToPath(import.meta.url));

/** An image asset without pixels: the page builder only reads its size. */
const picture = sizedImage('img-golden', 400, 300);

function smallIssue(): Issue {
  const a = article(
    1,
    'small-hours',
    { title: 'Small Hours', deck: 'A short article with one of everything', byline: 'By Gold N. Test', department: 'Notes' },
    (b) => ({
      blocks: [
        b.p('The night shift at the press began at ten. By midnight the first formes were locked up, and the proofs came back marked in red.[^1]'),
        b.p('Every correction meant another trip to the case: a letter pulled, a letter dropped in, the line respaced by hand until it was tight again.'),
        b.h(2, 'The checklist', 'checklist'),
        b.list(true, ['Lock up the forme', 'Pull a proof', 'Read it *twice*']),
        b.table(
          ['Hour', 'Task'],
          [
            ['22:00', 'Composing'],
            ['00:00', 'Proofs'],
            ['03:00', 'Press run'],
          ],
          ['right', null],
        ),
        b.figure(picture, 'The composing room at night.', 1, 'fig-room'),
        b.code('lock(forme)\nproof()'),
        b.quote(['Type is a beautiful group of letters, not a group of beautiful letters.'], 'Matthew Carter'),
        b.p('By dawn the run was done, and the [first copies](https://example.org/copies) went out with the milk.'),
      ],
      footnotes: [b.note(1, 'Red for the compositor, blue for the editor.')],
    }),
  );
  return {
    publication: 'The Golden Gazette',
    issue: 'No. 1',
    date: '2026-01-15',
    dateline: 'Winter 2026',
    language: 'en',
    identifier: 'urn:uuid:00000000-0000-4000-8000-000000000001',
    articles: [a],
    departments: ['Notes'],
  };
}

it('typesets a small issue as the golden dump says', () => {
  const { pages, warnings } = typesetIssue(smallIssue(), MAGAZINE);
  assert.deepEqual(warnings, []);
  compareGolden(path.join(here, 'small-issue.txt'), dumpPages(pages));
});
