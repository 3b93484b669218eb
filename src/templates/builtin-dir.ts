import { fileURLToPath } from 'node:url';

/** The folder of the layouts that ship with Pressroom (`templates/` at the package root). */
export const BUILTIN_TEMPLATES_DIR = fileURLToPath(new URL('../../templates/', import.meta.url));
