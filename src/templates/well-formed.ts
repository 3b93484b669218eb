// A strict check that a document is well-formed XML 1.0 with namespaces, as a reading system
// parses an EPUB's XHTML, package and NCX: a document that is not is shown as an error page,
// or not at all. Written here rather than taken from a library because the lenient parsers at
// hand (htmlparser2) repair what this must refuse, and the check must stay linear in the size
// of the document (a chapter can run to megabytes). No DTD is read and no entity but the five
// XML defines is known: an EPUB's XHTML has no other, and a DOCTYPE that declares some (the
// "billion laughs") is refused.

/** Where a document stops being well-formed: an offset into it and what is wrong there. */
export interface XmlProblem {
  offset: number;
  message: string;
}

/** Called for what the caller checks beyond well-formedness (remote references). */
export interface XmlVisitor {
  /** Every attribute, its value decoded; `offset` is where the value starts. */
  attribute?(element: string, name: string, value: string, offset: number): XmlProblem | undefined;
  /** The text of a `<style>` element, decoded; `offset` is where it starts. */
  style?(text: string, offset: number): XmlProblem | undefined;
}

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', apos: "'", quot: '"' };

// XML 1.0 (fifth edition) NameStartChar and NameChar, less the colon: names are split on it.
const START =
  'A-Z_a-z\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C\\u200D\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD\\u{10000}-\\u{EFFFF}';
const CHAR = `${START}\\-.0-9\\u00B7\\u0300-\\u036F\\u203F\\u2040`;
const NCNAME = `[${START}][${CHAR}]*`;
/** A qualified name: an NCName, or a prefix, a colon and an NCName. */
const QNAME = new RegExp(`${NCNAME}(?::${NCNAME})?`, 'uy');
/** Any name (a processing instruction's target, a DOCTYPE's name): colons allowed. */
const NAME = new RegExp(`[:${START}][:${CHAR}]*`, 'uy');
/** The first character XML 1.0 does not allow anywhere in a document. */
const NOT_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
const SPACE = /[ \t\r\n]/;

const XML_NS = 'http://www.w3.org/XML/1998/namespace';

interface Open {
  name: string;
  offset: number;
  scope: Map<string, string>;
}

/** Undefined when `doc` is well-formed (and the visitor found nothing), else the first problem. */
export function checkXml(doc: string, visit: XmlVisitor = {}): XmlProblem | undefined {
  try {
    new Checker(doc, visit).document();
    return undefined;
  } catch (e) {
    if (e instanceof Stop) return e.problem;
    throw e;
  }
}

/** Line and column (1-based, in UTF-16 code units) of an offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, column: offset - start + 1 };
}

class Stop {
  constructor(readonly problem: XmlProblem) {}
}

class Checker {
  private i = 0;
  private readonly stack: Open[] = [];
  private rootSeen = false;

  constructor(
    private readonly doc: string,
    private readonly visit: XmlVisitor,
  ) {}

  private fail(offset: number, message: string): never {
    throw new Stop({ offset, message });
  }

  private report(problem: XmlProblem | undefined): void {
    if (problem) throw new Stop(problem);
  }

  document(): void {
    const d = this.doc;
    const bad = NOT_CHAR.exec(d);
    if (bad && !(bad.index === 0 && d.charCodeAt(0) === 0xfeff)) {
      this.fail(bad.index, `the character U+${d.codePointAt(bad.index)!.toString(16).toUpperCase().padStart(4, '0')}, which XML does not allow`);
    }
    if (d.charCodeAt(0) === 0xfeff) this.i = 1;
    if (/^<\?xml[ \t\r\n?]/.test(d.slice(this.i, this.i + 6))) this.declaration();
    let doctype = false;
    // Prolog, root element, epilog: only space, comments and processing instructions around it.
    while (this.i < d.length) {
      const at = this.i;
      const lt = d.indexOf('<', at);
      const text = d.slice(at, lt === -1 ? d.length : lt);
      if (/[^ \t\r\n]/.test(text)) {
        this.fail(at + text.search(/[^ \t\r\n]/), this.rootSeen ? 'text after the root element' : 'text before the root element');
      }
      if (lt === -1) break;
      this.i = lt;
      if (d.startsWith('<!--', lt)) this.comment();
      else if (d.startsWith('<?', lt)) this.instruction();
      else if (d.startsWith('<!DOCTYPE', lt)) {
        if (doctype || this.rootSeen) this.fail(lt, 'a DOCTYPE where none may be (a second one, or after the root element)');
        doctype = true;
        this.doctype();
      } else if (d.startsWith('<!', lt)) this.fail(lt, '`<!` outside an element: only comments and a DOCTYPE may stand there');
      else if (this.rootSeen) this.fail(lt, 'a second root element: a document has exactly one');
      else {
        this.rootSeen = true;
        this.element();
      }
    }
    if (!this.rootSeen) this.fail(d.length, 'no root element');
  }

  private declaration(): void {
    const end = this.doc.indexOf('?>', this.i);
    if (end === -1) this.fail(this.i, 'the XML declaration `<?xml …?>` is never closed');
    const body = this.doc.slice(this.i + 5, end);
    if (!/^\s+version\s*=\s*(["'])1\.[0-9]+\1(\s+encoding\s*=\s*(["'])[A-Za-z][A-Za-z0-9._-]*\3)?(\s+standalone\s*=\s*(["'])(yes|no)\5)?\s*$/.test(body)) {
      this.fail(this.i, 'a malformed XML declaration (expected `<?xml version="1.0" encoding="UTF-8"?>`)');
    }
    this.i = end + 2;
  }

  private comment(): void {
    const start = this.i;
    const end = this.doc.indexOf('-->', start + 4);
    if (end === -1) this.fail(start, 'a comment `<!--` that is never closed with `-->`');
    const dashes = this.doc.indexOf('--', start + 4);
    if (dashes < end || this.doc.charCodeAt(end - 1) === 0x2d) this.fail(dashes < end ? dashes : end - 1, '`--` inside a comment');
    this.i = end + 3;
  }

  private instruction(): void {
    const start = this.i;
    NAME.lastIndex = start + 2;
    const m = NAME.exec(this.doc);
    if (!m) this.fail(start, '`<?` not followed by the name of a processing instruction');
    if (m[0].toLowerCase() === 'xml') this.fail(start, 'an XML declaration `<?xml …?>` that is not at the very start of the document');
    const end = this.doc.indexOf('?>', start + 2);
    if (end === -1) this.fail(start, 'a processing instruction `<?` that is never closed with `?>`');
    this.i = end + 2;
  }

  private doctype(): void {
    const start = this.i;
    // Name, then an optional external identifier in quotes; an internal subset is refused.
    let j = start + '<!DOCTYPE'.length;
    while (j < this.doc.length) {
      const c = this.doc[j];
      if (c === '"' || c === "'") {
        const close = this.doc.indexOf(c, j + 1);
        if (close === -1) this.fail(j, 'a quoted identifier in the DOCTYPE that is never closed');
        j = close + 1;
      } else if (c === '[') {
        this.fail(j, 'a DOCTYPE that declares entities or elements (an internal subset `[…]`): write `<!DOCTYPE html>`');
      } else if (c === '>') {
        this.i = j + 1;
        return;
      } else j++;
    }
    this.fail(start, 'a DOCTYPE that is never closed with `>`');
  }

  private element(): void {
    const d = this.doc;
    const root = this.stack.length;
    this.startTag();
    while (this.stack.length > root) {
      const at = this.i;
      const next = nextMarkup(d, at);
      if (next > at) this.text(at, next);
      if (next >= d.length) {
        const open = this.stack[this.stack.length - 1];
        this.fail(open.offset, `the element <${open.name}> is never closed`);
      }
      this.i = next;
      if (d.charCodeAt(next) === 0x26 /* & */) {
        this.reference();
        continue;
      }
      if (d.startsWith('</', next)) this.endTag();
      else if (d.startsWith('<!--', next)) this.comment();
      else if (d.startsWith('<![CDATA[', next)) this.cdata();
      else if (d.startsWith('<?', next)) this.instruction();
      else if (d.startsWith('<!', next)) this.fail(next, '`<!` inside an element: only comments and CDATA sections start so');
      else this.startTag();
    }
  }

  /** Character data between markup: `]]>` may not appear in it. */
  private text(from: number, to: number): void {
    const chunk = this.doc.slice(from, to);
    const cdataEnd = chunk.indexOf(']]>');
    if (cdataEnd !== -1) this.fail(from + cdataEnd, '`]]>` in text: write `]]&gt;`');
    const open = this.stack[this.stack.length - 1];
    if (open && this.visit.style && localName(open.name) === 'style') this.report(this.visit.style(chunk, from));
  }

  private cdata(): void {
    const start = this.i;
    const end = this.doc.indexOf(']]>', start + 9);
    if (end === -1) this.fail(start, 'a CDATA section `<![CDATA[` that is never closed with `]]>`');
    const open = this.stack[this.stack.length - 1];
    if (open && this.visit.style && localName(open.name) === 'style') this.report(this.visit.style(this.doc.slice(start + 9, end), start + 9));
    this.i = end + 3;
  }

  /** `&…;` at `this.i`: one of the five entities XML defines, or a character reference. Returns what it stands for. */
  private reference(): string {
    const d = this.doc;
    const start = this.i;
    const semi = d.indexOf(';', start);
    const body = semi === -1 ? '' : d.slice(start + 1, semi);
    if (semi === -1 || semi - start > 40 || !/^(#[0-9]+|#x[0-9A-Fa-f]+|[^\s&<>"';]+)$/.test(body)) {
      this.fail(start, 'a `&` that starts no entity or character reference: write `&amp;`');
    }
    this.i = semi + 1;
    if (body.startsWith('#')) {
      const code = body[1] === 'x' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      const ok =
        code === 0x9 ||
        code === 0xa ||
        code === 0xd ||
        (code >= 0x20 && code <= 0xd7ff) ||
        (code >= 0xe000 && code <= 0xfffd) ||
        (code >= 0x10000 && code <= 0x10ffff);
      if (!ok) this.fail(start, `the character reference \`&${body};\` names a character XML does not allow`);
      return String.fromCodePoint(code);
    }
    const value = PREDEFINED[body];
    if (value === undefined) {
      this.fail(
        start,
        `the entity \`&${body.slice(0, 20)};\` is not defined in XML (only &amp; &lt; &gt; &quot; &apos; are): write the character itself or a numeric reference such as \`&#160;\``,
      );
    }
    return value;
  }

  private startTag(): void {
    const d = this.doc;
    const start = this.i;
    QNAME.lastIndex = start + 1;
    const m = QNAME.exec(d);
    if (!m) this.fail(start, '`<` not followed by an element name: write `&lt;` for a less-than sign');
    const name = m[0];
    let j = start + 1 + name.length;
    const attrs: { name: string; value: string; offset: number }[] = [];
    const seen = new Set<string>();
    const parent = this.stack[this.stack.length - 1]?.scope;
    let scope = parent ?? new Map([['xml', XML_NS]]);
    for (;;) {
      const before = j;
      while (SPACE.test(d[j] ?? '')) j++;
      if (j >= d.length) this.fail(start, `the start tag <${name}> is never closed with \`>\``);
      if (d[j] === '>' || d.startsWith('/>', j)) break;
      if (j === before) this.fail(j, `no space before the attribute at this point of <${name}>`);
      QNAME.lastIndex = j;
      const a = QNAME.exec(d);
      if (!a) this.fail(j, `a character that starts no attribute name inside <${name}>`);
      const attr = a[0];
      j += attr.length;
      while (SPACE.test(d[j] ?? '')) j++;
      if (d[j] !== '=') this.fail(j, `the attribute \`${attr}\` of <${name}> has no value (write ${attr}="…")`);
      j++;
      while (SPACE.test(d[j] ?? '')) j++;
      const quote = d[j];
      if (quote !== '"' && quote !== "'") this.fail(j, `the value of the attribute \`${attr}\` of <${name}> is not in quotes`);
      const close = d.indexOf(quote, j + 1);
      if (close === -1) this.fail(j, `the value of the attribute \`${attr}\` of <${name}> is never closed`);
      const value = this.attributeValue(j + 1, close, attr);
      if (seen.has(attr)) this.fail(before, `the attribute \`${attr}\` appears twice in <${name}>`);
      seen.add(attr);
      attrs.push({ name: attr, value, offset: j + 1 });
      if (attr === 'xmlns' || attr.startsWith('xmlns:')) {
        if (scope === parent) scope = new Map(parent);
        scope.set(attr === 'xmlns' ? '' : attr.slice(6), value);
      }
      j = close + 1;
    }
    // Namespaces: every prefix used is declared in scope (`xml` always is).
    for (const n of [name, ...attrs.map((x) => x.name)]) {
      const colon = n.indexOf(':');
      if (colon === -1) continue;
      const prefix = n.slice(0, colon);
      if (prefix !== 'xmlns' && !scope.has(prefix)) this.fail(start, `the prefix \`${prefix}:\` of \`${n}\` is not declared (xmlns:${prefix}="…")`);
    }
    for (const a of attrs) if (this.visit.attribute) this.report(this.visit.attribute(name, a.name, a.value, a.offset));
    if (d[j] === '/') {
      this.i = j + 2;
      return;
    }
    this.i = j + 1;
    this.stack.push({ name, offset: start, scope });
  }

  private attributeValue(from: number, to: number, attr: string): string {
    const raw = this.doc.slice(from, to);
    const lt = raw.indexOf('<');
    if (lt !== -1) this.fail(from + lt, `\`<\` inside the value of the attribute \`${attr}\`: write \`&lt;\``);
    if (raw.indexOf('&') === -1) return raw;
    let out = '';
    let k = from;
    for (let amp = this.doc.indexOf('&', k); amp !== -1 && amp < to; amp = this.doc.indexOf('&', k)) {
      out += this.doc.slice(k, amp);
      this.i = amp;
      out += this.reference();
      k = this.i;
    }
    return out + this.doc.slice(k, to);
  }

  private endTag(): void {
    const d = this.doc;
    const start = this.i;
    QNAME.lastIndex = start + 2;
    const m = QNAME.exec(d);
    if (!m) this.fail(start, '`</` not followed by an element name');
    let j = start + 2 + m[0].length;
    while (SPACE.test(d[j] ?? '')) j++;
    if (d[j] !== '>') this.fail(j, `the end tag </${m[0]}> is not closed with \`>\``);
    const open = this.stack.pop()!;
    if (open.name !== m[0]) {
      this.fail(start, `the end tag </${m[0]}> where <${open.name}> is still open: every element must be closed, in order`);
    }
    this.i = j + 1;
  }
}

/** The next `<` or `&` at or after `from`, or the end of `doc`. */
function nextMarkup(doc: string, from: number): number {
  const lt = doc.indexOf('<', from);
  const amp = doc.indexOf('&', from);
  const end = doc.length;
  return Math.min(lt === -1 ? end : lt, amp === -1 ? end : amp);
}

function localName(qname: string): string {
  return qname.slice(qname.indexOf(':') + 1).toLowerCase();
}
