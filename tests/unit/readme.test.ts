import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { manifestReference, REFERENCE_END, REFERENCE_START } from '../../src/manifest/reference.js';

describe('README', () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

  it('holds the manifest reference generated from the schema (run `npm run reference`)', () => {
    const start = readme.indexOf(REFERENCE_START) + REFERENCE_START.length;
    const end = readme.indexOf(REFERENCE_END);
    assert.equal(readme.slice(start, end).trim(), manifestReference().trim());
  });

  it('keeps the quick start to exactly the two commands', () => {
    const quick = /## Quick start\n\n```sh\n([\s\S]*?)```/.exec(readme)?.[1];
    assert.equal(quick, 'npm install && npm start\nnpm test\n');
  });
});
