// The issue's images with their files, for the backends: the variants whose conversion began
// when the articles were read (load-image.ts) are awaited here, the print ones after the
// issue is set, the screen ones before the EPUB. An image sharp could check but not decode is
// an error at the first place that shows it.
import path from 'node:path';
import type { BuildCache } from '../cache/disk-cache.js';
import { during } from '../diagnostics/crash.js';
import { error, type Reporter } from '../diagnostics/diagnostic.js';
import { issueImageUses } from '../model/walk.js';
import type { ImageAsset, ImageData, Issue, Position, PrintImage, ScreenFiles, ScreenImage } from '../model/types.js';
import type { World } from '../world.js';
import { ImageProblem, isImageProblem, type ImageLimits, type Variant, variantOf } from './load-image.js';

export interface ImageSources {
  world: World;
  /** The edition folder, which images' sources are relative to. */
  dir: string;
  limits: ImageLimits;
  cache: BuildCache;
  /** Where the manifest names the cover. */
  coverAt?: Position;
}

/** Every image of `issue` by id, the cover's included, with the file the PDFs draw. */
export async function printFiles(issue: Issue, o: ImageSources, reporter: Reporter): Promise<Map<string, PrintImage>> {
  return new Map((await filesFor(issue, 'print', o, reporter)).map(([image, print]) => [image.id, { ...image, print }]));
}

/** Every image of `issue` by id, the cover's included, with the file the EPUB holds. */
export async function screenFiles(issue: Issue, o: ImageSources, reporter: Reporter): Promise<Map<string, ScreenImage>> {
  return new Map((await filesFor(issue, 'screen', o, reporter)).map(([image, screen]) => [image.id, { ...image, screen }]));
}

/** Each image with its file; a failure is reported to `reporter` as an error, and the build then stops (`checkpoint`). */
async function filesFor(issue: Issue, variant: Variant, o: ImageSources, reporter: Reporter): Promise<[ImageAsset, ImageData][]> {
  const uses = [...issueImageUses(issue).values()];
  if (issue.cover) uses.unshift({ image: issue.cover, pos: o.coverAt ?? { file: 'edition.yaml', line: 1, column: 1 } });
  const done = await Promise.all(uses.map(({ image, pos }) => fileOf(image, variant, pos, o, reporter)));
  // Only then: under --strict the warnings so far are errors too, and they wait for the end.
  if (done.includes(undefined)) reporter.checkpoint();
  return uses.flatMap(({ image }, i) => {
    const file = done[i];
    return file ? [[image, file] as [ImageAsset, ImageData]] : [];
  });
}

async function fileOf(image: ImageAsset, variant: Variant, pos: Position, o: ImageSources, reporter: Reporter): Promise<ImageData | undefined> {
  // An article kept from an earlier build names a file this process has not read.
  const reread = async () => {
    const read = await o.world.readInside(o.dir, path.normalize(image.source), o.limits.maxBytes);
    if (!read.ok) throw new ImageProblem('image/not-found', `\`${image.source}\` cannot be read again (${read.reason})`, 'build again');
    return read.data;
  };
  try {
    return await during(`converting the image \`${image.source}\``, pos, () => variantOf(image, variant, reread, o.limits, o.cache), 'sharp', isImageProblem);
  } catch (e) {
    if (!(e instanceof ImageProblem)) throw e;
    reporter.report(error(e.code, e.message, pos, e.hint ? [e.hint] : undefined));
    return undefined;
  }
}

/** `image` with its screen file: a backend asking for an image the build did not convert is a bug. */
export function screenFileOf(images: ScreenFiles, image: Pick<ImageAsset, 'id' | 'source'>): ScreenImage {
  const c = images.get(image.id);
  if (!c) throw new Error(`the image \`${image.source}\` (${image.id}) was not converted for this build`);
  return c;
}
