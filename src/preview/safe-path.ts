// The path of a request as a list of plain names, or undefined for any path that tries to
// leave where it points: `..` or `.` (raw or percent-encoded), backslashes, NUL and other
// control characters, empty segments (`//`, which some resolvers take for a root), and
// anything that is not an absolute path (`*`, `http://host/…`). The routes then match the
// names against what they hold (assets by name, EPUB entries by the archive's own list):
// no request path is ever joined onto a folder on disk.
const MAX_PATH = 2048;

export function requestSegments(rawUrl: string | undefined): string[] | undefined {
  if (!rawUrl || rawUrl.length > MAX_PATH || !rawUrl.startsWith('/')) return undefined;
  const pathname = rawUrl.split(/[?#]/, 1)[0];
  if (pathname === '/') return [];
  const raw = pathname.slice(1).split('/');
  const names: string[] = [];
  for (const part of raw) {
    let name: string;
    try {
      name = decodeURIComponent(part);
    } catch {
      return undefined; // a malformed escape such as %E0%A4%A
    }
    // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
    if (name === '' || name === '.' || name === '..' || /[\\/\u0000-\u001f\u007f]/.test(name) || name.includes('..')) return undefined;
    names.push(name);
  }
  return names;
}
