// Which link targets the EPUB keeps. Anything but web and mail addresses (`javascript:`,
// `data:`, `file:`, relative paths that point nowhere inside the package) becomes plain text.
// What is kept is a URI as RFC 3986 (and so epubcheck) reads it: a host of letters, digits,
// dots and hyphens (or an IP address), and every other character percent-encoded.

const ALLOWED = new Set(['http:', 'https:', 'mailto:']);

const LABEL = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';
const HOST = new RegExp(`^(?:${LABEL}\\.)*${LABEL}\\.?$|^\\[[0-9a-f:.]+\\]$`, 'i');

/** The normalized URL to write in `href`, or `undefined` when the link must not be kept. */
export function safeHref(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return undefined;
  }
  if (!ALLOWED.has(parsed.protocol)) return undefined;
  if (parsed.protocol !== 'mailto:' && (!parsed.hostname || !HOST.test(parsed.hostname))) return undefined;
  if (parsed.username || parsed.password) return undefined;
  const href = strictUri(parsed.href, parsed.protocol === 'mailto:' ? 0 : parsed.protocol.length + 2 + parsed.host.length);
  return href;
}

/**
 * `href` with the characters RFC 3986 does not allow percent-encoded (`\`, `` ` ``, `^`, `{`,
 * `|`, `}`, and `[`/`]` outside the host) and a `%` that starts no escape written as `%25`.
 * `authorityEnd`: where the scheme and host end (brackets are kept before it).
 */
function strictUri(href: string, authorityEnd: number): string {
  let out = '';
  for (let i = 0; i < href.length; i++) {
    const c = href[i];
    if (c === '%' && /^[0-9A-Fa-f]{2}$/.test(href.slice(i + 1, i + 3))) out += c;
    else if (/[A-Za-z0-9\-._~:/?#@!$&'()*+,;=]/.test(c) || ((c === '[' || c === ']') && i < authorityEnd)) out += c;
    else out += encodeURIComponent(c).replace(/[!'()*]/g, (x) => `%${x.charCodeAt(0).toString(16).toUpperCase()}`);
  }
  return out;
}
