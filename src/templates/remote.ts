// What counts as a template reaching outside the EPUB. An EPUB is read offline and its
// reading system must not fetch anything to show it: a stylesheet, image, font or frame from
// the web would be fetched (a tracker), fail offline, or change what the reader sees after
// the issue is published. So no URL with a scheme (`http:`, `data:`, `file:`…) or a leading
// `//` (protocol-relative) may stand where a resource is loaded: `href`, `src`,
// `xlink:href`, `poster`, `srcset`, `xml:base`…, nor in CSS `url()`, `image-set()`, `src()`
// or `@import`. A hyperlink is not a resource: `<a href>` and `<area href>` may lead to
// `http:`, `https:` and `mailto:` addresses, as an article's links do.
//
// `data:` URLs are refused too: what they hold (an SVG with its own remote references, a
// font) is not checked, and a file the EPUB needs belongs in the package.

/** Attributes (local names, lower case) whose value a reading system may load. */
const URL_ATTRIBUTES = new Set(['href', 'src', 'poster', 'data', 'srcset', 'imagesrcset', 'background', 'codebase', 'manifest', 'base']);
/** Hyperlinks: followed only when the reader asks, never loaded to show the page. */
const LINK_ELEMENTS = new Set(['a', 'area']);
const LINK_SCHEMES = /^(https?:\/\/[^/\\]|mailto:)/i;

/** A reference to something outside the package: the URL as written, and where it stands. */
export interface RemoteReference {
  url: string;
  /** `the href of <link>`, `url() in CSS`… */
  where: string;
  /** Offset of the reference in the text checked. */
  offset: number;
}

/** Whether `url` leads out of the package: it has a scheme or starts with `//`. */
export function isRemote(url: string): boolean {
  // As a URL parser reads it: tabs and newlines anywhere are dropped, leading controls and spaces too.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: a URL parser skips these, so must this
  const u = url.replace(/[\t\n\r]/g, '').replace(/^[\u0000-\u0020]+/, '');
  return /^[A-Za-z][A-Za-z0-9+.-]*:/.test(u) || /^[/\\]{2}/.test(u);
}

/**
 * The remote reference an attribute makes, or undefined. `element` and `name` as written
 * (qualified names); `value` decoded.
 */
export function remoteAttribute(element: string, name: string, value: string, offset: number): RemoteReference | undefined {
  const local = localName(name);
  const prefix = name.includes(':') ? name.slice(0, name.indexOf(':')).toLowerCase() : '';
  const el = localName(element);
  const where = `the ${name} of <${element}>`;
  if (local === 'style') {
    const r = remoteInCss(value);
    return r ? { ...r, where: `${r.where} in the style of <${element}>`, offset: offset + r.offset } : undefined;
  }
  if (el === 'meta' && local === 'content') {
    // <meta http-equiv="refresh" content="0; url=http://…"> loads a page on its own.
    const m = /url\s*=\s*['"]?([^'";\s]+)/i.exec(value);
    return m && isRemote(m[1]) ? { url: m[1], where, offset } : undefined;
  }
  if (!URL_ATTRIBUTES.has(local) || (local === 'base' && prefix !== 'xml')) return undefined;
  const urls = local === 'srcset' || local === 'imagesrcset' ? value.split(',').map((c) => c.trim().split(/\s+/)[0] ?? '') : [value];
  for (const url of urls) {
    if (!isRemote(url)) continue;
    if (local === 'href' && LINK_ELEMENTS.has(el) && LINK_SCHEMES.test(url.trim())) continue;
    return { url, where, offset };
  }
  return undefined;
}

/**
 * The first remote reference of a stylesheet (or a `style` attribute): `url()`, `src()`,
 * `image-set()` and `@import`, their names and arguments read with CSS escapes decoded
 * (`\75 rl(` is `url(`), comments skipped.
 */
export function remoteInCss(css: string): RemoteReference | undefined {
  let i = 0;
  const n = css.length;
  while (i < n) {
    const c = css[i];
    if (c === '/' && css[i + 1] === '*') {
      const end = css.indexOf('*/', i + 2);
      i = end === -1 ? n : end + 2;
    } else if (c === '"' || c === "'") {
      i = skipString(css, i).end;
    } else if (c === '@' || isIdentStart(css, i)) {
      const at = c === '@';
      const ident = readIdent(css, at ? i + 1 : i);
      if (!ident) {
        i++;
        continue;
      }
      const name = ident.value.toLowerCase();
      const after = ident.end;
      if (at && name === 'import') {
        let j = after;
        while (/\s/.test(css[j] ?? '')) j++;
        if (css[j] === '"' || css[j] === "'") {
          const s = skipString(css, j);
          if (isRemote(s.value)) return { url: s.value, where: '@import in CSS', offset: j };
        }
        i = j;
      } else if (!at && css[after] === '(' && (name === 'url' || name === 'src')) {
        const arg = urlArgument(css, after + 1);
        if (isRemote(arg.value)) return { url: arg.value, where: `${name}() in CSS`, offset: i };
        i = arg.end;
      } else if (!at && css[after] === '(' && /image-set$|^image$|^cross-fade$/.test(name)) {
        // Their URLs may be bare strings: any string inside the parentheses is one.
        let j = after + 1;
        let depth = 1;
        while (j < n && depth > 0) {
          if (css[j] === '(') depth++;
          else if (css[j] === ')') depth--;
          else if (css[j] === '"' || css[j] === "'") {
            const s = skipString(css, j);
            if (isRemote(s.value)) return { url: s.value, where: `${name}() in CSS`, offset: j };
            j = s.end;
            continue;
          }
          j++;
        }
        i = after + 1; // url() inside is found by the main loop
      } else i = after;
    } else i++;
  }
  return undefined;
}

/**
 * The first remote reference in a template's source, where its line can be told: the
 * attributes of its tags and the CSS of its `<style>` elements, with `{{…}}` blanked (a
 * value built from fields is checked again in what the template renders).
 */
export function remoteInTemplateSource(source: string): RemoteReference | undefined {
  const text = blankMustaches(source);
  const tag = /<([A-Za-z_][\w:.-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g;
  for (let m = tag.exec(text); m; m = tag.exec(text)) {
    const element = m[1];
    const attrsAt = m.index + 1 + element.length;
    const attr = /([A-Za-z_][\w:.-]*)\s*=\s*("([^"]*)"|'([^']*)')/g;
    for (let a = attr.exec(m[2]); a; a = attr.exec(m[2])) {
      const raw = a[3] ?? a[4] ?? '';
      const offset = attrsAt + a.index + a[0].length - raw.length - 1;
      const r = remoteAttribute(element, a[1], decodeXmlText(raw), offset);
      if (r) return r;
    }
    if (localName(element) === 'style') {
      const end = text.indexOf('</', tag.lastIndex);
      const css = text.slice(tag.lastIndex, end === -1 ? text.length : end);
      const r = remoteInCss(decodeXmlText(css));
      if (r) return { ...r, offset: tag.lastIndex + r.offset };
    }
  }
  return undefined;
}

/** The source with every `{{…}}` (and `{{{…}}}`) replaced by spaces, newlines kept: offsets stay. */
export function blankMustaches(source: string): string {
  return source.replace(/\{\{\{?[\s\S]*?\}?\}\}/g, (m) => m.replace(/[^\n]/g, ' '));
}

function localName(qname: string): string {
  return qname.slice(qname.indexOf(':') + 1).toLowerCase();
}

/** XML character and entity references decoded (unknown ones kept as written). */
function decodeXmlText(s: string): string {
  return s.replace(/&(#x[0-9A-Fa-f]+|#[0-9]+|lt|gt|amp|quot|apos);/g, (_, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return code <= 0x10ffff ? String.fromCodePoint(code) : '';
    }
    return ({ lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" } as Record<string, string>)[ref];
  });
}

function isIdentStart(css: string, i: number): boolean {
  const c = css[i];
  if (/[A-Za-z_\u0080-\uFFFF]/.test(c)) return true;
  if (c === '\\') return css[i + 1] !== '\n' && i + 1 < css.length;
  if (c === '-') return /[A-Za-z_\-\\\u0080-\uFFFF]/.test(css[i + 1] ?? '');
  return false;
}

/** An identifier at `i` with its escapes decoded, and where it ends. */
function readIdent(css: string, i: number): { value: string; end: number } | undefined {
  let value = '';
  let j = i;
  while (j < css.length) {
    const c = css[j];
    if (/[A-Za-z0-9_\-\u0080-\uFFFF]/.test(c)) {
      value += c;
      j++;
    } else if (c === '\\' && css[j + 1] !== undefined && css[j + 1] !== '\n') {
      const e = cssEscape(css, j);
      value += e.value;
      j = e.end;
    } else break;
  }
  return value ? { value, end: j } : undefined;
}

/** A CSS escape at `i` (the backslash): the character it stands for and where it ends. */
function cssEscape(css: string, i: number): { value: string; end: number } {
  const hex = /^[0-9A-Fa-f]{1,6}/.exec(css.slice(i + 1, i + 7));
  if (!hex) return { value: css[i + 1] ?? '', end: i + 2 };
  let end = i + 1 + hex[0].length;
  if (/\s/.test(css[end] ?? '')) end++;
  const code = parseInt(hex[0], 16);
  return { value: code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '\uFFFD', end };
}

/** A quoted string at `i`, escapes decoded, and the offset after its closing quote. */
function skipString(css: string, i: number): { value: string; end: number } {
  const quote = css[i];
  let value = '';
  let j = i + 1;
  while (j < css.length && css[j] !== quote && css[j] !== '\n') {
    if (css[j] === '\\') {
      if (css[j + 1] === '\n') {
        j += 2;
        continue;
      }
      const e = cssEscape(css, j);
      value += e.value;
      j = e.end;
    } else value += css[j++];
  }
  return { value, end: j + 1 };
}

/** The argument of `url(` / `src(` starting at `i`: a quoted string or the raw text up to `)`. */
function urlArgument(css: string, i: number): { value: string; end: number } {
  let j = i;
  while (/\s/.test(css[j] ?? '')) j++;
  if (css[j] === '"' || css[j] === "'") return skipString(css, j);
  let value = '';
  while (j < css.length && css[j] !== ')') {
    if (css[j] === '\\') {
      const e = cssEscape(css, j);
      value += e.value;
      j = e.end;
    } else value += css[j++];
  }
  return { value: value.trim(), end: j + 1 };
}
