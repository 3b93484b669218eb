// The issue's images with their files, for the backends: the variants whose conversion began
// when the articles were read (load-image.ts) are awaited here, after the issue is set. An
// image sharp could check but not decode is an error at the first place that shows it.
import path from 'node:path';
import type { BuildCache } from '../cache/disk-cache.js';
import { during } from '../diagnostics/crash.js';
import { error, type Reporter } from '../diagnostics/diagnostic.js';
import { issueImageUses } from '../model/walk.js';
import type { ConvertedImage, ImageAsset, ImageFiles, Issue, Position } from '../model/types.js';
import type { World } from '../world.js';
import { convertedImage, ImageProblem, isImageProblem, type ImageLimits } from './load-image.js';

export interface ImageSources {
  world: World;
  /** The edition folder, which images' sources are relative to. */
  dir: string;
  limits: ImageLimits;
  cache: BuildCache;
  /** Where the manifest names the cover. */
  coverAt?: Position;
}

/** Every image of `issue` by id, the cover's included; a failure is reported to `reporter` as an error, and the build then stops (`checkpoint`). */
export async function convertIssueImages(issue: Issue, o: ImageSources, reporter: Reporter): Promise<Map<string, ConvertedImage>> {
  const uses = [...issueImageUses(issue).values()];
  if (issue.cover) uses.unshift({ image: issue.cover, pos: o.coverAt ?? { file: 'edition.yaml', line: 1, column: 1 } });
  const done = await Promise.all(uses.map(({ image, pos }) => converted(image, pos, o, reporter)));
  // Only then: under --strict the warnings so far are errors too, and they wait for the end.
  if (done.includes(undefined)) reporter.checkpoint();
  return new Map(done.filter((c) => c !== undefined).map((c) => [c.id, c]));
}

async function converted(image: ImageAsset, pos: Position, o: ImageSources, reporter: Reporter): Promise<ConvertedImage | undefined> {
  // An article kept from an earlier build names a file this process has not read.
  const reread = async () => {
    const read = await o.world.readInside(o.dir, path.normalize(image.source), o.limits.maxBytes);
    if (!read.ok) throw new ImageProblem('image/not-found', `\`${image.source}\` cannot be read again (${read.reason})`, 'build again');
    return read.data;
  };
  try {
    return await during(`converting the image \`${image.source}\``, pos, () => convertedImage(image, reread, o.limits, o.cache), 'sharp', isImageProblem);
  } catch (e) {
    if (!(e instanceof ImageProblem)) throw e;
    reporter.report(error(e.code, e.message, pos, e.hint ? [e.hint] : undefined));
    return undefined;
  }
}

/** `image` with its files: a backend asking for an image the build did not convert is a bug. */
export function filesOf(images: ImageFiles, image: Pick<ImageAsset, 'id' | 'source'>): ConvertedImage {
  const c = images.get(image.id);
  if (!c) throw new Error(`the image \`${image.source}\` (${image.id}) was not converted for this build`);
  return c;
}
