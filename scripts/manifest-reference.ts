// Rewrites the manifest reference in README.md from the schema (`npm run reference`).
import { readFileSync, writeFileSync } from 'node:fs';
import { manifestReference, REFERENCE_END, REFERENCE_START } from '../src/manifest/reference.js';

const readme = readFileSync('README.md', 'utf8');
const start = readme.indexOf(REFERENCE_START);
const end = readme.indexOf(REFERENCE_END);
if (start < 0 || end < 0) throw new Error('README.md lacks the manifest-reference markers');
writeFileSync('README.md', `${readme.slice(0, start + REFERENCE_START.length)}\n${manifestReference()}\n${readme.slice(end)}`);
