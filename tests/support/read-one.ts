// One article read as the build reads it, from an edition written to a temp folder: the
// article (when it could be read) and the first line of each message, in the order of their places.
import assert from 'node:assert/strict';
import { formatDiagnostic, Reporter, sortByPlace } from '../../src/diagnostics/diagnostic.js';
import { loadManifest } from '../../src/manifest/load-manifest.js';
import { readArticle } from '../../src/markdown/read-article.js';
import type { Article } from '../../src/model/types.js';
import { nodeWorld } from '../../src/world.js';
import { type Files, writeEdition } from './edition.js';

/** Reads the manifest's first article from an edition of `files`. */
export async function readFirstArticle(files: Files): Promise<{ article?: Article; messages: string[] }> {
  const dir = writeEdition(files);
  const reporter = new Reporter();
  const manifest = await loadManifest(nodeWorld, dir, reporter);
  assert.ok(manifest, reporter.all.map((d) => formatDiagnostic(d)).join('\n'));
  const article = await readArticle({ world: nodeWorld, manifest, entry: manifest.articles[0], index: 1, reporter });
  return { article, messages: sortByPlace(reporter.all).map((d) => formatDiagnostic(d).split('\n')[0]) };
}
