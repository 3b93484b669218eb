// The image files a test hands to the PDF and EPUB writers: converted from an edition's
// files as a build does, or those of images made by hand (which carry their files).
import assert from 'node:assert/strict';
import { NO_CACHE } from '../../src/cache/disk-cache.js';
import { Reporter } from '../../src/diagnostics/diagnostic.js';
import { printFiles, screenFiles } from '../../src/images/issue-images.js';
import { DEFAULT_IMAGE_LIMITS } from '../../src/images/load-image.js';
import type { ConvertedImage, ImageAsset, Issue } from '../../src/model/types.js';
import { issueImageUses } from '../../src/model/walk.js';
import { nodeWorld } from '../../src/world.js';

/** The files of an issue read from the edition folder `dir`, converted as a build converts them; none may fail. */
export async function imageFilesOf(issue: Issue, dir: string): Promise<Map<string, ConvertedImage>> {
  const reporter = new Reporter();
  const sources = { world: nodeWorld, dir, limits: DEFAULT_IMAGE_LIMITS, cache: NO_CACHE };
  const prints = await printFiles(issue, sources, reporter);
  const screens = await screenFiles(issue, sources, reporter);
  assert.deepEqual(reporter.all, []);
  return new Map(
    [...prints].map(([id, image]) => {
      const screen = screens.get(id)?.screen;
      if (!screen) throw new Error(`the image ${id} has a print file and no screen file`);
      return [id, { ...image, screen }];
    }),
  );
}

/** The files of an issue whose images were made by hand, each with its files. */
export function handMadeFiles(issue: Issue): Map<string, ConvertedImage> {
  const all: ImageAsset[] = [...(issue.cover ? [issue.cover] : []), ...[...issueImageUses(issue).values()].map((u) => u.image)];
  return new Map(
    all.map((image) => {
      if (!('screen' in image && 'print' in image)) throw new Error(`the image ${image.id} was not made with its files`);
      return [image.id, image as ConvertedImage];
    }),
  );
}
