// A small strict XML reader for SVG files: well-formedness checked as XML 1.0 asks, with
// nothing fetched and nothing expanded but the five predefined entities and character
// references. A DOCTYPE with an internal subset (where entities are declared: billion
// laughs, external entities) is refused before anything in it is read. Iterative, so no
// nesting can exhaust the stack; counting elements and depth as it goes, so a file over
// the limits is refused as soon as it passes them.

export interface XmlAttr {
  /** As written, with its prefix (`xlink:href`). */
  name: string;
  value: string;
}

export interface XmlElement {
  type: 'element';
  /** As written, with its prefix (`svg:rect`). */
  name: string;
  attrs: XmlAttr[];
  children: XmlNode[];
  line: number;
  column: number;
}

export interface XmlText {
  type: 'text';
  text: string;
}

export type XmlNode = XmlElement | XmlText;

export interface XmlDocument {
  root: XmlElement;
  /** Processing instructions other than the XML declaration (`xml-stylesheet`), with their places. */
  instructions: { target: string; line: number }[];
  /** A DOCTYPE without an internal subset (an external one is never read). */
  doctype?: string;
  /** Elements in the document. */
  elements: number;
}

/** Not well-formed XML, at a place in the file (1-based). */
export class XmlSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
  }
}

/** A DOCTYPE with an internal subset: refused unread. */
export class XmlDoctypeRefused extends Error {
  constructor(
    readonly line: number,
    readonly column: number,
  ) {
    super('a DOCTYPE with an internal subset');
  }
}

/** More elements, or deeper nesting, than allowed. */
export class XmlLimitError extends Error {
  constructor(
    readonly limit: 'elements' | 'depth',
    readonly max: number,
    readonly line: number,
  ) {
    super(`over the ${limit} limit of ${max}`);
  }
}

export interface XmlLimits {
  elements: number;
  depth: number;
}

const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
// Name characters: XML's set, taken broadly above ASCII (no document is refused for a name a stricter reader would take).
const NAME =
  /[A-Za-z_:\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02FF\u0370-\u037D\u037F-\u1FFF\u200C-\u200D\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD][-.0-9A-Za-z_:\u00B7\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u037D\u037F-\u1FFF\u200C-\u200D\u203F\u2040\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD]*/y;
// biome-ignore lint/suspicious/noControlCharactersInRegex: the characters XML forbids are what this finds
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;
const SPACE = /[ \t\r\n]*/y;

/** Reads `text` (already decoded, without its BOM) as an XML document. */
export function readXml(text: string, limits: XmlLimits): XmlDocument {
  return new Reader(text, limits).document();
}

class Reader {
  private pos = 0;
  private lineStarts: number[] | undefined;
  private elements = 0;

  constructor(
    private readonly s: string,
    private readonly limits: XmlLimits,
  ) {}

  /** Line and column (1-based) of an offset, for messages. */
  place(at: number): { line: number; column: number } {
    if (!this.lineStarts) {
      this.lineStarts = [0];
      for (let i = this.s.indexOf('\n'); i !== -1; i = this.s.indexOf('\n', i + 1)) this.lineStarts.push(i + 1);
    }
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= at) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: at - this.lineStarts[lo] + 1 };
  }

  fail(message: string, at = this.pos): never {
    const p = this.place(at);
    throw new XmlSyntaxError(message, p.line, p.column);
  }

  private startsWith(t: string): boolean {
    return this.s.startsWith(t, this.pos);
  }

  private skipSpace(): boolean {
    SPACE.lastIndex = this.pos;
    SPACE.exec(this.s);
    const moved = SPACE.lastIndex > this.pos;
    this.pos = SPACE.lastIndex;
    return moved;
  }

  private name(what: string): string {
    NAME.lastIndex = this.pos;
    const m = NAME.exec(this.s);
    if (!m) this.fail(`expected ${what}`);
    this.pos = NAME.lastIndex;
    return m[0];
  }

  private until(end: string, what: string): string {
    const i = this.s.indexOf(end, this.pos);
    if (i === -1) this.fail(`${what} is not closed (no \`${end}\`)`);
    const body = this.s.slice(this.pos, i);
    this.pos = i + end.length;
    return body;
  }

  document(): XmlDocument {
    const instructions: XmlDocument['instructions'] = [];
    let doctype: string | undefined;
    if (this.startsWith('<?xml') && /[ \t\r\n?]/.test(this.s[5] ?? '')) this.declaration();
    // Prolog: comments, instructions, one DOCTYPE.
    for (;;) {
      this.skipSpace();
      if (this.startsWith('<!--')) this.comment();
      else if (this.startsWith('<?')) instructions.push(this.instruction());
      else if (this.startsWith('<!DOCTYPE')) {
        if (doctype !== undefined) this.fail('a second DOCTYPE');
        doctype = this.doctype();
      } else break;
    }
    if (this.pos >= this.s.length) this.fail('the file has no root element');
    if (this.s[this.pos] !== '<') this.fail('text before the root element');
    const root = this.content(instructions);
    // Misc after the root.
    for (;;) {
      this.skipSpace();
      if (this.pos >= this.s.length) break;
      if (this.startsWith('<!--')) this.comment();
      else if (this.startsWith('<?')) instructions.push(this.instruction());
      else this.fail('content after the root element');
    }
    return { root, instructions, doctype, elements: this.elements };
  }

  private declaration(): void {
    const start = this.pos;
    const body = this.until('?>', 'the XML declaration');
    const enc = /encoding\s*=\s*["']([^"']*)["']/.exec(body);
    if (enc && !/^(utf-?8|us-ascii|ascii)$/i.test(enc[1])) this.fail(`the file says it is encoded in ${enc[1]}; only UTF-8 is read`, start);
  }

  private comment(): void {
    const start = this.pos;
    this.pos += 4;
    const body = this.until('-->', 'a comment');
    if (body.includes('--') || body.endsWith('-')) this.fail('`--` inside a comment', start);
  }

  private instruction(): { target: string; line: number } {
    const start = this.pos;
    this.pos += 2;
    const target = this.name('the target of a processing instruction');
    if (target.toLowerCase() === 'xml') this.fail('an XML declaration that is not at the very start of the file', start);
    this.until('?>', 'a processing instruction');
    return { target, line: this.place(start).line };
  }

  /** `<!DOCTYPE name (SYSTEM "…" | PUBLIC "…" "…")? >`; an internal subset `[…]` is refused. */
  private doctype(): string {
    const start = this.pos;
    this.pos += '<!DOCTYPE'.length;
    if (!this.skipSpace()) this.fail('expected a space after <!DOCTYPE');
    const name = this.name('the name of the DOCTYPE');
    for (;;) {
      this.skipSpace();
      const c = this.s[this.pos];
      if (c === undefined) this.fail('the DOCTYPE is not closed', start);
      if (c === '>') {
        this.pos++;
        return name;
      }
      if (c === '[') {
        const p = this.place(this.pos);
        throw new XmlDoctypeRefused(p.line, p.column);
      }
      if (c === '"' || c === "'") {
        const end = this.s.indexOf(c, this.pos + 1);
        if (end === -1) this.fail('a quoted string in the DOCTYPE is not closed');
        this.pos = end + 1;
        continue;
      }
      if (this.startsWith('SYSTEM') || this.startsWith('PUBLIC')) {
        this.pos += 6;
        continue;
      }
      this.fail(`unexpected \`${c}\` in the DOCTYPE`);
    }
  }

  /** The root element and everything in it, without recursion. */
  private content(instructions: XmlDocument['instructions']): XmlElement {
    const stack: XmlElement[] = [];
    for (;;) {
      if (this.pos >= this.s.length) {
        const open = stack[stack.length - 1];
        this.fail(`the element <${open.name}> opened at line ${open.line} is not closed`);
      }
      const top = stack[stack.length - 1];
      if (this.s[this.pos] !== '<') {
        const at = this.pos;
        let end = this.s.indexOf('<', this.pos);
        if (end === -1) end = this.s.length;
        const raw = this.s.slice(this.pos, end);
        if (raw.includes(']]>')) this.fail('`]]>` in text', at + raw.indexOf(']]>'));
        const text = this.decode(raw, at);
        this.pos = end;
        top.children.push({ type: 'text', text });
        continue;
      }
      if (this.startsWith('<!--')) {
        this.comment();
        continue;
      }
      if (this.startsWith('<![CDATA[')) {
        this.pos += 9;
        const at = this.pos;
        const text = this.until(']]>', 'a CDATA section');
        this.check(text, at);
        top.children.push({ type: 'text', text });
        continue;
      }
      if (this.startsWith('<?')) {
        instructions.push(this.instruction());
        continue;
      }
      if (this.startsWith('</')) {
        const at = this.pos;
        this.pos += 2;
        const name = this.name('the name of an end tag');
        this.skipSpace();
        if (this.s[this.pos] !== '>') this.fail(`expected \`>\` to end </${name}`);
        this.pos++;
        if (name !== top.name) this.fail(`</${name}> closes <${top.name}> (opened at line ${top.line})`, at);
        stack.pop();
        if (stack.length === 0) return top;
        continue;
      }
      if (this.startsWith('<!')) this.fail('a declaration inside the document');
      const el = this.startTag();
      if (++this.elements > this.limits.elements) throw new XmlLimitError('elements', this.limits.elements, el.line);
      if (stack.length + 1 > this.limits.depth) throw new XmlLimitError('depth', this.limits.depth, el.line);
      top?.children.push(el);
      if (el.children === SELF_CLOSED) {
        el.children = [];
        if (!top) return el;
        continue;
      }
      stack.push(el);
    }
  }

  private startTag(): XmlElement {
    const at = this.pos;
    this.pos++;
    const name = this.name('an element name after `<`');
    const { line, column } = this.place(at);
    const attrs: XmlAttr[] = [];
    const seen = new Set<string>();
    for (;;) {
      const spaced = this.skipSpace();
      const c = this.s[this.pos];
      if (c === '>') {
        this.pos++;
        return { type: 'element', name, attrs, children: [], line, column };
      }
      if (c === '/' && this.s[this.pos + 1] === '>') {
        this.pos += 2;
        return { type: 'element', name, attrs, children: SELF_CLOSED, line, column };
      }
      if (c === undefined) this.fail(`the tag <${name}> is not closed`, at);
      if (!spaced) this.fail(`expected a space before the attribute in <${name}>`);
      const attrAt = this.pos;
      const attr = this.name(`an attribute name in <${name}>`);
      if (seen.has(attr)) this.fail(`the attribute ${attr} is given twice in <${name}>`, attrAt);
      seen.add(attr);
      this.skipSpace();
      if (this.s[this.pos] !== '=') this.fail(`expected \`=\` after the attribute ${attr}`);
      this.pos++;
      this.skipSpace();
      const q = this.s[this.pos];
      if (q !== '"' && q !== "'") this.fail(`the value of ${attr} is not quoted`);
      const end = this.s.indexOf(q, this.pos + 1);
      if (end === -1) this.fail(`the value of ${attr} is not closed`);
      const raw = this.s.slice(this.pos + 1, end);
      const lt = raw.indexOf('<');
      if (lt !== -1) this.fail(`\`<\` in the value of ${attr}`, this.pos + 1 + lt);
      const value = this.decode(raw, this.pos + 1).replace(/[\t\n\r]/g, ' ');
      this.pos = end + 1;
      attrs.push({ name: attr, value });
    }
  }

  private check(text: string, at: number): void {
    const bad = FORBIDDEN.exec(text);
    if (bad) this.fail(`a character XML does not allow (U+${bad[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')})`, at + bad.index);
  }

  /** Text with its references replaced: the five predefined entities and character references only. */
  private decode(raw: string, at: number): string {
    this.check(raw, at);
    if (!raw.includes('&')) return raw;
    return raw.replace(/&([^;&<\s]*)(;?)/g, (whole, ref: string, semi: string, offset: number) => {
      if (!semi) this.fail('`&` that starts no reference (write &amp;)', at + offset);
      if (ref.startsWith('#')) {
        const hex = /^#x([0-9a-fA-F]{1,6})$/.exec(ref);
        const dec = /^#([0-9]{1,7})$/.exec(ref);
        const cp = hex ? parseInt(hex[1], 16) : dec ? parseInt(dec[1], 10) : NaN;
        const ok =
          cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
        if (!ok) this.fail(`the character reference ${whole} names no character XML allows`, at + offset);
        return String.fromCodePoint(cp);
      }
      const v = PREDEFINED[ref];
      if (v === undefined) this.fail(`the entity &${ref}; is not defined (XML knows only &amp; &lt; &gt; &quot; &apos; and character references)`, at + offset);
      return v;
    });
  }
}

/** Marks a start tag that closed itself (`<rect/>`): swapped for an empty list when seen. */
const SELF_CLOSED: XmlNode[] = [];
