// Helpers to build xast trees and serialize them as well-formed XML. The XHTML of every
// article is built as a tree, never by gluing strings, so escaping is never forgotten.
//
// The serializer is ours rather than xast-util-to-xml's: that one writes `&` as `&#x26;` and
// closes every empty element (`<td/>`, `<p/>`), which a reader that parses XHTML as HTML
// misreads. Here only void elements close themselves in XHTML, and escapes are the named ones.
import type { Element, ElementContent, Text } from 'xast';

export type Attrs = Record<string, string | number | null | undefined>;
export type Child = ElementContent | string | null | undefined | false | readonly Child[];

/**
 * Characters that may not appear in an XML 1.0 document: C0 controls other than tab, line
 * feed and carriage return, lone surrogates, U+FFFE and U+FFFF.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the characters XML 1.0 forbids are what this finds
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** The string without the characters XML cannot carry. */
export function xmlSafe(value: string): string {
  return value.replace(NOT_XML, '');
}

export function text(value: string): Text {
  return { type: 'text', value: xmlSafe(value) };
}

/** An element; `null`/`undefined` attributes are left out, string children become text. */
export function h(name: string, attrs: Attrs = {}, ...children: Child[]): Element {
  const attributes: Record<string, string> = {};
  for (const [key, value] of Object.entries(attrs)) {
    if (value !== null && value !== undefined) attributes[key] = xmlSafe(String(value));
  }
  return { type: 'element', name, attributes, children: flatten(children) };
}

function flatten(children: readonly Child[]): ElementContent[] {
  const out: ElementContent[] = [];
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (typeof child === 'string') out.push(text(child));
    else if (Array.isArray(child)) out.push(...flatten(child as readonly Child[]));
    else out.push(child as ElementContent);
  }
  return out;
}

/** XHTML elements that never have content; every other element gets an end tag. */
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);

export interface SerializeOptions {
  /**
   * `xhtml` (default): void elements are written `<br/>`, others always get an end tag.
   * `xml`: any element without content is written `<content src="…"/>` (NCX, SVG).
   */
  vocabulary?: 'xhtml' | 'xml';
}

export function escapeText(value: string): string {
  return xmlSafe(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function escapeAttribute(value: string): string {
  return escapeText(value).replace(/"/g, '&quot;');
}

/** `lang` and `xml:lang` for an element whose language differs from its parent's (none for `null`). */
export function langAttrs(lang: string | null): Attrs {
  return lang === null ? {} : { lang, 'xml:lang': lang };
}

/** Serialize nodes as XML (elements and text only: this backend makes nothing else). */
export function serialize(nodes: ElementContent | readonly ElementContent[], opts: SerializeOptions = {}): string {
  const list: readonly ElementContent[] = Array.isArray(nodes) ? nodes : [nodes as ElementContent];
  const selfClose = opts.vocabulary === 'xml' ? () => true : (name: string) => VOID.has(name);
  let out = '';
  const write = (node: ElementContent): void => {
    switch (node.type) {
      case 'text':
        out += escapeText(node.value);
        return;
      case 'element': {
        out += `<${node.name}`;
        for (const [key, value] of Object.entries(node.attributes ?? {})) {
          if (value !== null && value !== undefined) out += ` ${key}="${escapeAttribute(String(value))}"`;
        }
        if (node.children.length === 0 && selfClose(node.name)) {
          out += '/>';
          return;
        }
        out += '>';
        node.children.forEach(write);
        out += `</${node.name}>`;
        return;
      }
      default:
        throw new Error(`cannot serialize a ${node.type} node`);
    }
  };
  list.forEach(write);
  return out;
}
