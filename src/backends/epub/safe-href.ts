// Which link targets the EPUB keeps. Anything but web and mail addresses (`javascript:`,
// `data:`, `file:`, relative paths that point nowhere inside the package) becomes plain text.

const ALLOWED = new Set(['http:', 'https:', 'mailto:']);

/** The normalized URL to write in `href`, or `undefined` when the link must not be kept. */
export function safeHref(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return undefined;
  }
  if (!ALLOWED.has(parsed.protocol)) return undefined;
  if (parsed.protocol !== 'mailto:' && !parsed.hostname) return undefined;
  return parsed.href;
}
