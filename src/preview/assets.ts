// The preview page's own files, read from assets/preview/ at the root of the package (the
// same place whether this runs compiled from dist/ or from src/ under tsx) once, at start:
// the server answers from this fixed list, so no request names a file on disk.
import { readFileSync } from 'node:fs';

const FOLDER = new URL('../../assets/preview/', import.meta.url);

const FILES: Record<string, string> = {
  'index.html': 'text/html; charset=utf-8',
  'preview.js': 'text/javascript; charset=utf-8',
  'preview.css': 'text/css; charset=utf-8',
};

export interface Asset {
  body: Buffer;
  type: string;
}

export function loadAssets(): Map<string, Asset> {
  return new Map(Object.entries(FILES).map(([name, type]) => [name, { body: readFileSync(new URL(name, FOLDER)), type }]));
}
