// Editions written into a temporary folder, for tests that need real files.
import { mkdtempSync, mkdirSync, writeFileSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';

export type Files = Record<string, string | Buffer | { symlink: string }>;

/** Write `files` (paths relative to the edition) into a new temp folder; returns its path. */
export function writeEdition(files: Files, root = mkdtempSync(path.join(os.tmpdir(), 'pressroom-test-'))): string {
  const dir = path.join(root, 'edition');
  mkdirSync(dir, { recursive: true });
  for (const [rel, content] of Object.entries(files)) {
    const p = path.join(dir, rel);
    mkdirSync(path.dirname(p), { recursive: true });
    if (typeof content === 'object' && !Buffer.isBuffer(content)) symlinkSync(content.symlink, p);
    else writeFileSync(p, content);
  }
  return dir;
}

export const MINIMAL_MANIFEST = `publication: The Test Gazette
issue: No. 1
date: 2026-03-01
articles:
  - articles/one.md
`;

export const MINIMAL_ARTICLE = `---
title: A Plain Article
byline: By Ada Test
---

Some text for the article, long enough to be a paragraph of its own.
`;

/** A small PNG of the given size, drawn so it compresses well. */
export async function png(width: number, height: number, background = '#88aacc'): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background } })
    .png()
    .toBuffer();
}
