// The raw-HTML policy: the safe list reaches the EPUB as well-formed XHTML and the model as
// its text with the style the model has; everything else is dropped with a warning at its place.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderBlocks } from '../../src/backends/epub/render-blocks.js';
import { createXhtmlContext } from '../../src/backends/epub/xhtml-context.js';
import { serialize } from '../../src/backends/epub/xml.js';
import { formatDiagnostic, Reporter } from '../../src/diagnostics/diagnostic.js';
import { lowerBlocks } from '../../src/markdown/lower/blocks.js';
import { newLowerContext } from '../../src/markdown/lower/context.js';
import { tokenizeHtml } from '../../src/markdown/lower/html.js';
import { quoteSettings, type QuoteSettings } from '../../src/i18n/quotes.js';
import { parseMarkdown } from '../../src/markdown/parse.js';
import { blocksText } from '../../src/model/inline-text.js';

function lower(markdown: string, lang = 'en', quotes: QuoteSettings = {}) {
  const reporter = new Reporter();
  const ctx = newLowerContext({ file: 'a.md', articleId: '01-a', reporter, lang, quotes });
  const blocks = lowerBlocks(parseMarkdown(markdown, lang, quotes).children, ctx);
  return {
    blocks,
    xhtml: serialize(renderBlocks(blocks, createXhtmlContext())),
    text: blocksText(blocks),
    warnings: reporter.all.map((d) => formatDiagnostic(d).split('\n')[0]),
  };
}

describe('raw HTML: the safe list', () => {
  it('keeps sup, sub, small, mark, abbr title, span lang, kbd, cite and br as XHTML', () => {
    const r = lower(
      'E = mc<sup>2</sup>, H<sub>2</sub>O, <small>fine</small> <mark>print</mark>, <abbr title="World Health Organization">WHO</abbr>, ' +
        '<span lang="fr">bonjour</span>, <kbd>Ctrl</kbd>, <cite>Ulysses</cite><br>next',
    );
    assert.deepEqual(r.warnings, []);
    assert.equal(
      r.xhtml,
      '<p>E = mc<sup>2</sup>, H<sub>2</sub>O, <small>fine</small> <mark>print</mark>, <abbr title="World Health Organization">WHO</abbr>, ' +
        '<span lang="fr" xml:lang="fr">bonjour</span>, <kbd>Ctrl</kbd>, <cite>Ulysses</cite><br/>next</p>',
    );
    // Print reads the model: the text, with the style the model has (kbd is code, cite emphasis).
    assert.equal(r.text, 'E = mc2, H2O, fine print, WHO, bonjour, Ctrl, Ulysses next');
    const para = r.blocks[0];
    assert.ok(para.kind === 'paragraph');
    assert.deepEqual(
      para.content.filter((n) => n.kind !== 'text').map((n) => `${n.kind}${'tag' in n && n.tag ? `/${n.tag}` : ''}`),
      ['code/kbd', 'emphasis/cite', 'line-break'],
    );
  });

  it('maps em, i, strong, b, del, s, code and a href onto the model', () => {
    const r = lower('<em>a</em> <i>b</i> <strong>c</strong> <b>d</b> <del>e</del> <s>f</s> <code>g</code> <a href="https://example.org/">h</a>');
    assert.deepEqual(r.warnings, []);
    assert.equal(r.xhtml, '<p><em>a</em> <i>b</i> <strong>c</strong> <b>d</b> <del>e</del> <s>f</s> <code>g</code> <a href="https://example.org/">h</a></p>');
  });

  it('nests safe elements, with Markdown inside them', () => {
    const r = lower('x<sup><sub>*deep*</sub> y</sup>');
    assert.equal(r.xhtml, '<p>x<sup><sub><em>deep</em></sub> y</sup></p>');
  });

  it('sets <q> in the quotation marks of the language', () => {
    assert.equal(lower('<q>quoted</q>').xhtml, '<p>“quoted”</p>');
  });

  it('sets <q> in the marks the edition chose for the language', () => {
    assert.equal(lower('Disse <q>olá</q>.', 'pt', quoteSettings({ pt: '«»“”' })).text, 'Disse «olá».');
    assert.equal(lower('Disse <q>olá</q>.', 'pt').text, 'Disse “olá”.');
  });

  it('leaves code as written: no French spacing inside <code> or <kbd>', () => {
    const { text } = lower('Tapez <code>a : b ?</code> puis <kbd>x;y</kbd> : voilà !', 'fr');
    assert.equal(text, 'Tapez a : b ? puis x;y\u00a0: voilà\u202f!');
  });

  it('drops comments silently', () => {
    const r = lower('a <!-- note --> b\n\n<!-- a block comment -->\n');
    assert.deepEqual(r.warnings, []);
    assert.equal(r.xhtml, '<p>a  b</p>');
  });
});

describe('raw HTML: everything else', () => {
  it('drops script, style and iframe with their content, each with a warning at its place', () => {
    const r = lower('a <script>alert(1)</script> b <style>p{}</style> c\n\n<iframe src="https://example.com/"></iframe>\n');
    assert.deepEqual(r.warnings, [
      'a.md:1:3: warning: raw HTML `<script>` is dropped with its content [markdown/raw-html]',
      'a.md:1:31: warning: raw HTML `<style>` is dropped with its content [markdown/raw-html]',
      'a.md:3:1: warning: raw HTML `<iframe>` is dropped with its content [markdown/raw-html]',
    ]);
    assert.equal(r.xhtml, '<p>a  b  c</p>');
  });

  it('never keeps an event handler, a style or a javascript: link', () => {
    const r = lower('<span onclick="evil()" style="color:red" title="t">x</span> <a href="javascript:alert(1)">y</a> <a href="//cdn.example/x">z</a>');
    assert.equal(r.xhtml, '<p><span title="t">x</span> y z</p>');
    assert.deepEqual(r.warnings, [
      'a.md:1:1: warning: attributes `onclick`, `style` of `<span>` are dropped [markdown/raw-html]',
      'a.md:1:61: warning: raw HTML link `<a href="javascript:alert(1)">` is kept as plain text [markdown/raw-html]',
      'a.md:1:97: warning: raw HTML link `<a href="//cdn.example/x">` is kept as plain text [markdown/raw-html]',
    ]);
  });

  it('drops unknown, unclosed and stray tags but keeps the text around them', () => {
    const r = lower('<blink>on</blink> <img src="x.png" alt="pic"> <sup>open and </sub>stray');
    assert.equal(r.xhtml, '<p>on  open and stray</p>');
    assert.deepEqual(
      r.warnings.map((w) => w.replace(/ \[markdown\/raw-html\]$/, '')),
      [
        'a.md:1:1: warning: raw HTML `<blink>` is not on the safe list and is dropped',
        'a.md:1:10: warning: raw HTML `</blink>` is dropped',
        'a.md:1:19: warning: raw HTML `<img>` is not on the safe list and is dropped',
        'a.md:1:47: warning: `<sup>` is never closed and is dropped',
        'a.md:1:61: warning: closing tag `</sub>` without its opening tag is dropped',
      ],
    );
  });

  it('keeps the text of an HTML block as paragraphs, its headings, quotes, code and rules', () => {
    const r = lower(
      '<div class="box">\n<h1>Title</h1>\n<p>One <b>bold</b> &amp; *literal*</p>\n<table><tr><td>cell</td><td>two</td></tr></table>\n' +
        '<blockquote><p>quoted</p></blockquote>\n<pre>  code\n    kept</pre>\n<hr>\n</div>\n',
    );
    assert.equal(
      r.xhtml,
      '<h2 id="01-a-title">Title</h2><p>One <b>bold</b> &amp; *literal*</p><p>cell</p><p>two</p><blockquote><p>quoted</p></blockquote>' +
        '<pre><code>  code\n    kept</code></pre><hr/>',
    );
    assert.deepEqual(r.warnings, [
      'a.md:1:1: warning: attribute `class` of `<div>` is dropped [markdown/raw-html]',
      'a.md:4:1: warning: raw HTML `<table>` is not on the safe list and is dropped; its text is kept [markdown/raw-html]',
      'a.md:4:8: warning: raw HTML `<tr>` is not on the safe list and is dropped; its text is kept [markdown/raw-html]',
      'a.md:4:12: warning: raw HTML `<td>` is not on the safe list and is dropped; its text is kept [markdown/raw-html]',
    ]);
  });

  it('tokenizes with entities decoded and places for every token', () => {
    assert.deepEqual(
      tokenizeHtml('<a href="x">&lt;b&gt;</a>').map((t) => [t.type, t.start, t.end]),
      [
        ['open', 0, 12],
        ['text', 12, 21],
        ['close', 21, 25],
      ],
    );
  });
});
