// The EPUB backend's model → XHTML handlers, read as a specification: small hand-built
// nodes in, the exact XHTML out.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { loadHighlighter } from '../../src/model/highlight.js';
import { renderBlocks } from '../../src/backends/epub/render-blocks.js';
import { renderFootnotes } from '../../src/backends/epub/render-footnotes.js';
import { renderInlines } from '../../src/backends/epub/render-inlines.js';
import { safeHref } from '../../src/backends/epub/safe-href.js';
import { createXhtmlContext } from '../../src/backends/epub/xhtml-context.js';
import { serialize } from '../../src/backends/epub/xml.js';
import { InternalError } from '../../src/diagnostics/crash.js';
import type { Block, Footnote, ImageAsset, Inline, Position } from '../../src/model/types.js';

const pos: Position = { file: 'a.md', line: 1, column: 1 };
const t = (text: string): Inline => ({ kind: 'text', text, pos });
const em = (...children: Inline[]): Inline => ({ kind: 'emphasis', children, pos });
const link = (url: string, ...children: Inline[]): Inline => ({ kind: 'link', url, children, pos });
const p = (...content: Inline[]): Block => ({ kind: 'paragraph', content, pos });
const call = (noteId: string, number: number): Inline => ({ kind: 'footnote-ref', noteId, number, pos });

/** The XHTML of blocks, followed by the article's notes section when it has notes. */
function xhtml(blocks: Block[], footnotes: Footnote[] = []): string {
  const ctx = createXhtmlContext(footnotes);
  const body = serialize(renderBlocks(blocks, ctx));
  const notes = renderFootnotes(footnotes, ctx);
  return body + (notes ? serialize(notes) : '');
}

const inline = (...content: Inline[]) => serialize(renderInlines(content, createXhtmlContext()));

const image: ImageAsset = {
  id: 'c0ffee',
  source: 'images/boat.jpg',
  key: 'c0ffee',
  width: 3000,
  height: 2000,
  vector: false,
  screenType: 'image/jpeg',
};

describe('inlines → XHTML', () => {
  it('a paragraph with emphasis', () => {
    assert.equal(xhtml([p(t('A '), em(t('quiet')), t(' harbour.'))]), '<p>A <em>quiet</em> harbour.</p>');
  });

  it('strong, strike, code and a line break', () => {
    assert.equal(
      inline(
        { kind: 'strong', children: [t('bold')], pos },
        { kind: 'strike', children: [t('gone')], pos },
        { kind: 'code', text: 'x < y', pos },
        { kind: 'line-break', pos },
      ),
      '<strong>bold</strong><del>gone</del><code>x &lt; y</code><br/>',
    );
  });

  it('escapes < & " in text and in attributes', () => {
    assert.equal(inline(t('a < b & "c" > d')), 'a &lt; b &amp; "c" &gt; d');
    assert.equal(
      xhtml([{ kind: 'figure', image, alt: 'Fish & "chips" <hot>', number: 1, id: 'f1', pos }]),
      '<figure id="f1"><img src="images/c0ffee.jpg" alt="Fish &amp; &quot;chips&quot; &lt;hot&gt;"/></figure>',
    );
  });

  it('drops characters XML cannot carry', () => {
    assert.equal(inline(t('bell\u0007 and \uFFFF gone')), 'bell and  gone');
  });

  it('keeps http, https and mailto links', () => {
    assert.equal(inline(link('https://example.org/a b', t('web'))), '<a href="https://example.org/a%20b">web</a>');
    assert.equal(inline(link('http://example.org/?q=1&r=2', t('old'))), '<a href="http://example.org/?q=1&amp;r=2">old</a>');
    assert.equal(inline(link('mailto:editor@example.org', t('mail'))), '<a href="mailto:editor@example.org">mail</a>');
  });

  it('renders a javascript: link, or any other scheme, as its text', () => {
    assert.equal(inline(t('see '), link('javascript:alert(1)', em(t('this')))), 'see <em>this</em>');
    assert.equal(inline(link('JaVaScRiPt:alert(1)', t('x'))), 'x');
    assert.equal(inline(link('data:text/html,hi', t('x'))), 'x');
    assert.equal(inline(link('file:///etc/passwd', t('x'))), 'x');
    assert.equal(inline(link('other.md', t('x'))), 'x');
    assert.equal(safeHref(' https://example.org '), 'https://example.org/');
  });
});

describe('footnotes → EPUB 3 notes', () => {
  const note: Footnote = { id: '01-harbour-fn1', number: 1, blocks: [p(t('Six in summer.'))], pos };

  it('links the call to the note and the note back to the call', () => {
    assert.equal(
      xhtml([p(t('The ferry leaves at six'), call('01-harbour-fn1', 1), t('.'))], [note]),
      '<p>The ferry leaves at six<sup><a epub:type="noteref" role="doc-noteref" href="#fn-01-harbour-fn1" id="fnref-01-harbour-fn1">1</a></sup>.</p>' +
        '<section class="footnotes" epub:type="footnotes"><h2 class="footnotes-title">Notes</h2>' +
        '<aside epub:type="footnote" role="doc-footnote" id="fn-01-harbour-fn1">' +
        '<p><span class="note-number"><a href="#fnref-01-harbour-fn1" role="doc-backlink" title="Back to text">1</a>. </span>Six in summer.</p>' +
        '</aside></section>',
    );
  });

  it('gives a second call to the same note its own id; the note links back to the first', () => {
    const out = xhtml([p(call('01-harbour-fn1', 1), call('01-harbour-fn1', 1))], [note]);
    assert.match(out, /id="fnref-01-harbour-fn1">1<\/a>/);
    assert.match(out, /id="fnref-01-harbour-fn1-2">1<\/a>/);
    assert.match(out, /<a href="#fnref-01-harbour-fn1" role="doc-backlink"/);
  });

  it('gives a note nobody calls its number but no back link to a call that does not exist', () => {
    assert.match(xhtml([p(t('no call'))], [note]), /<p><span class="note-number"><span>1<\/span>. <\/span>Six in summer.<\/p>/);
  });

  it('puts the number in a paragraph of its own when the note starts with something else', () => {
    const listNote: Footnote = { ...note, blocks: [{ kind: 'list', ordered: false, start: 1, items: [[p(t('a'))]], pos }] };
    assert.match(
      xhtml([p(call(note.id, 1))], [listNote]),
      /<aside [^>]+><p><span class="note-number"><a [^>]+>1<\/a>. <\/span><\/p><ul><li>a<\/li><\/ul><\/aside>/,
    );
  });

  it('fails loudly, with the place, on a call to a note the article does not have', () => {
    assert.throws(
      () => xhtml([p(call('01-harbour-fn9', 9))], [note]),
      (e: unknown) => e instanceof InternalError && /^a\.md:1:1: error: epub: footnote call to note 01-harbour-fn9/.test(e.message),
    );
  });
});

// Its code block names a language: the build loads the highlighter for such an issue.
before(loadHighlighter);

describe('blocks → XHTML', () => {
  it('a heading keeps the id the model gave it', () => {
    assert.equal(xhtml([{ kind: 'heading', level: 3, content: [t('Cranes')], id: '01-harbour-cranes', pos }]), '<h3 id="01-harbour-cranes">Cranes</h3>');
  });

  it('table alignment becomes a class, the header goes in <thead>', () => {
    assert.equal(
      xhtml([{ kind: 'table', align: ['left', 'right', null], header: [[t('Boat')], [t('kg')], [t('Note')]], rows: [[[t('Marie')], [t('1,200')], []]], pos }]),
      '<table><thead><tr><th scope="col" class="align-left">Boat</th><th scope="col" class="align-right">kg</th><th scope="col">Note</th></tr></thead>' +
        '<tbody><tr><td class="align-left">Marie</td><td class="align-right">1,200</td><td></td></tr></tbody></table>',
    );
  });

  it('a figure: <img> with its alt text and file named by image id, and a caption', () => {
    assert.equal(
      xhtml([{ kind: 'figure', image, alt: 'A red boat', caption: [t('The '), em(t('Marie')), t(' at rest.')], number: 1, id: '01-harbour-fig1', pos }]),
      '<figure id="01-harbour-fig1"><img src="images/c0ffee.jpg" alt="A red boat"/><figcaption>The <em>Marie</em> at rest.</figcaption></figure>',
    );
  });

  it('a block quote with its attribution in a footer', () => {
    assert.equal(
      xhtml([{ kind: 'blockquote', blocks: [p(t('The sea is the same everywhere.'))], attribution: [t('An old sailor')], pos }]),
      '<blockquote><p>The sea is the same everywhere.</p><footer class="attribution">—\u00a0An old sailor</footer></blockquote>',
    );
    assert.equal(xhtml([{ kind: 'blockquote', blocks: [p(t('Unsigned.'))], pos }]), '<blockquote><p>Unsigned.</p></blockquote>');
  });

  it('an ordered list keeps its start; a list starting at 1 needs none', () => {
    const items = [[p(t('Third'))], [p(t('Fourth'))]];
    assert.equal(xhtml([{ kind: 'list', ordered: true, start: 3, items, pos }]), '<ol start="3"><li>Third</li><li>Fourth</li></ol>');
    assert.equal(xhtml([{ kind: 'list', ordered: true, start: 1, items, pos }]), '<ol><li>Third</li><li>Fourth</li></ol>');
  });

  it('a list item of several blocks keeps its paragraphs', () => {
    assert.equal(xhtml([{ kind: 'list', ordered: false, start: 1, items: [[p(t('One')), p(t('Two'))]], pos }]), '<ul><li><p>One</p><p>Two</p></li></ul>');
  });

  it('a code block, a rule', () => {
    assert.equal(
      xhtml([
        { kind: 'code-block', lang: 'ts', text: 'const a = b < c && d;', pos },
        { kind: 'rule', pos },
      ]),
      '<pre><code class="language-ts"><span class="hl-keyword">const</span> a = b &lt; c &amp;&amp; d;</code></pre><hr/>',
    );
  });

  it('fails loudly, with the place, on a kind it does not know', () => {
    const stray = { kind: 'marquee', pos: { file: 'articles/03-harbour.md', line: 14, column: 1 } } as unknown as Block;
    assert.throws(
      () => xhtml([stray]),
      (e: unknown) =>
        e instanceof InternalError &&
        e.diagnostic.code === 'internal/crash' &&
        e.message.startsWith('articles/03-harbour.md:14:1: error: epub: no XHTML handler for block node "marquee"'),
    );
    const strayInline = { kind: 'blink', pos } as unknown as Inline;
    assert.throws(() => inline(strayInline), /a\.md:1:1: error: epub: no XHTML handler for inline node "blink"/);
  });
});
