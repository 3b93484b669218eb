// Hostile templates (issue 15, "never lose a file, never hang, never crash"): a project's
// template is input, held to the rules of the EPUB it makes. What it renders must be
// well-formed XML, it may reference nothing outside the EPUB (a remote stylesheet, a tracking
// image, a data: URL), and what it renders is bounded in size and time while it renders. Each
// case runs the command line under the hostile-input budget and expects its exact exit code
// and diagnostic code, at the template's line; a refused build writes nothing.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { BUILTIN_TEMPLATES_DIR } from '../../src/templates/builtin-dir.js';
import { MINIMAL_ARTICLE, MINIMAL_MANIFEST, writeEdition, type Files } from '../support/edition.js';
import { assertRefused, runHostile, type HostileRun } from '../support/hostile.js';

const builtIn = (name: string) => readFileSync(path.join(BUILTIN_TEMPLATES_DIR, name), 'utf8');

/** The built-in template `name` with `from` replaced by `to` (which must be there). */
function edited(name: string, from: string, to: string): string {
  const text = builtIn(name);
  assert.ok(text.includes(from), `${name} has ${from}`);
  return text.replace(from, to);
}

/** The line of `text` on which `needle` first appears. */
function lineOf(text: string, needle: string): number {
  return text.slice(0, text.indexOf(needle)).split('\n').length;
}

async function build(templates: Record<string, string | Buffer>, args: string[] = []): Promise<{ run: HostileRun; root: string }> {
  const files: Files = { 'edition.yaml': MINIMAL_MANIFEST, 'articles/one.md': MINIMAL_ARTICLE };
  for (const [name, text] of Object.entries(templates)) files[`templates/${name}`] = text;
  const root = path.dirname(writeEdition(files));
  return { run: await runHostile(['build', 'edition', '--out', 'out', ...args], root), root };
}

/** Refused with `diagnostic`, exit 1, nothing written, the first message at `place` (`file:line`). */
function refused(r: { run: HostileRun; root: string }, diagnostic: string, place?: RegExp): void {
  assertRefused(r.run, { code: 1, diagnostic });
  assert.match(r.run.stderr, /nothing was written/);
  assert.equal(existsSync(path.join(r.root, 'out/edition.epub')), false, 'no EPUB written');
  if (place) assert.match(r.run.stderr.split('\n')[0], place, r.run.stderr);
}

const ARTICLE = 'article.xhtml.hbs';
const at = (name: string, line: number) => new RegExp(`^edition/templates/${name.replace(/\./g, '\\.')}:${line}:\\d+: error: template `);

describe('hostile templates: what a template renders is well-formed XML', { concurrency: 2 }, () => {
  const cases: { name: string; file: string; text: string; line: number }[] = [
    // Found where the element around it closes: the </div> two lines down.
    {
      name: 'an unclosed tag',
      file: ARTICLE,
      text: edited(ARTICLE, '<div class="body">', '<div class="body"><p>never closed'),
      line: lineOf(builtIn(ARTICLE), '<div class="body">') + 2,
    },
    {
      name: 'an entity XML does not define (&nbsp;)',
      file: ARTICLE,
      text: edited(ARTICLE, '<header class="opener">', '<header class="opener">&nbsp;'),
      line: 0,
    },
    {
      name: 'two root elements',
      file: ARTICLE,
      text: `${builtIn(ARTICLE)}<html xmlns="http://www.w3.org/1999/xhtml"><body/></html>\n`,
      line: builtIn(ARTICLE).split('\n').length,
    },
    { name: 'an unquoted attribute', file: ARTICLE, text: edited(ARTICLE, '<div class="body">', '<div class=body>'), line: 0 },
    { name: 'an attribute given twice', file: ARTICLE, text: edited(ARTICLE, '<div class="body">', '<div class="body" class="again">'), line: 0 },
    {
      name: 'a bare ampersand in text',
      file: ARTICLE,
      text: edited(ARTICLE, '<header class="opener">', '<header class="opener"><p>Fish & Chips</p>'),
      line: 0,
    },
    { name: 'a prefix never declared', file: ARTICLE, text: edited(ARTICLE, '<div class="body">', '<div class="body" svg:x="1">'), line: 0 },
    {
      name: 'a DOCTYPE declaring entities (billion laughs)',
      file: ARTICLE,
      text: edited(ARTICLE, '<!DOCTYPE html>', '<!DOCTYPE html [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>'),
      line: 0,
    },
    {
      name: 'a package document with an unclosed item',
      file: 'content.opf.hbs',
      text: edited('content.opf.hbs', '{{/if}}/>', '{{/if}}>'),
      line: lineOf(builtIn('content.opf.hbs'), '</manifest>'),
    },
    { name: 'an NCX with a stray end tag', file: 'toc.ncx.hbs', text: edited('toc.ncx.hbs', '</navMap>', '</navMap></head>'), line: 0 },
    { name: 'a cover with an end tag out of order', file: 'cover.xhtml.hbs', text: edited('cover.xhtml.hbs', '</div>\n</body>', '</body>\n</div>'), line: 0 },
  ];
  for (const c of cases) {
    it(`refuses ${c.name}, at the template's line`, async () => {
      // The line of the change: the first line that differs from the built-in template.
      const original = builtIn(c.file).split('\n');
      const line = c.line || c.text.split('\n').findIndex((l, i) => l !== original[i]) + 1;
      refused(await build({ [c.file]: c.text }), 'template/invalid', at(c.file, line));
    });
  }

  it('says where in what it renders, and in the template, on one line', async () => {
    const text = edited(ARTICLE, '<div class="body">', '<div class="body"><p>never closed');
    const r = await build({ [ARTICLE]: text });
    refused(r, 'template/invalid');
    const first = r.run.stderr.split('\n')[0];
    assert.match(
      first,
      /^edition\/templates\/article\.xhtml\.hbs:\d+:\d+: error: template renders XML that is not well-formed: the end tag <\/div> where <p> is still open/,
    );
    assert.match(first, /\(line \d+, column \d+ of what it renders\) \[template\/invalid\]$/);
  });

  it('builds with every built-in template and the stylesheet copied as overrides (no false alarm)', async () => {
    const all: Record<string, string> = {};
    for (const name of readdirSync(BUILTIN_TEMPLATES_DIR)) all[name] = builtIn(name);
    const r = await build(all);
    assert.equal(r.run.code, 0, r.run.stderr);
    assert.ok(existsSync(path.join(r.root, 'out/edition.epub')));
  });
});

describe('hostile templates: nothing is referenced from outside the EPUB', { concurrency: 2 }, () => {
  const head = '<link rel="stylesheet" type="text/css" href="{{stylesheet}}"/>';
  const cases: { name: string; templates: Record<string, string>; place: RegExp }[] = [
    {
      name: 'a remote stylesheet (href)',
      templates: { [ARTICLE]: edited(ARTICLE, head, `${head}<link rel="stylesheet" type="text/css" href="http://evil.example/evil.css"/>`) },
      place: at(ARTICLE, lineOf(builtIn(ARTICLE), head)),
    },
    {
      name: 'a remote image (src)',
      templates: { 'cover.xhtml.hbs': edited('cover.xhtml.hbs', '</div>', '<img src="https://tracker.example/pixel.gif" alt=""/></div>') },
      place: at('cover.xhtml.hbs', lineOf(builtIn('cover.xhtml.hbs'), '</div>')),
    },
    {
      name: 'a protocol-relative URL (//host/…)',
      templates: { [ARTICLE]: edited(ARTICLE, head, `${head}<link rel="stylesheet" href="//cdn.example/x.css"/>`) },
      place: at(ARTICLE, lineOf(builtIn(ARTICLE), head)),
    },
    {
      name: 'an SVG image by xlink:href',
      templates: {
        [ARTICLE]: edited(
          ARTICLE,
          '<div class="body">',
          '<div class="body"><svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><image xlink:href="http://evil.example/i.png"/></svg>',
        ),
      },
      place: at(ARTICLE, lineOf(builtIn(ARTICLE), '<div class="body">')),
    },
    {
      name: 'a video poster',
      templates: { [ARTICLE]: edited(ARTICLE, '<div class="body">', '<div class="body"><video poster="https://evil.example/p.jpg"></video>') },
      place: at(ARTICLE, lineOf(builtIn(ARTICLE), '<div class="body">')),
    },
    {
      name: 'a remote candidate in srcset',
      templates: {
        [ARTICLE]: edited(ARTICLE, '<div class="body">', '<div class="body"><img src="a.png" srcset="a.png 1x, http://evil.example/b.png 2x" alt=""/>'),
      },
      place: at(ARTICLE, lineOf(builtIn(ARTICLE), '<div class="body">')),
    },
    {
      name: 'url() in a style attribute',
      templates: { [ARTICLE]: edited(ARTICLE, '<div class="body">', '<div class="body" style="background: url(http://evil.example/bg.png)">') },
      place: at(ARTICLE, lineOf(builtIn(ARTICLE), '<div class="body">')),
    },
    {
      name: '@import in a <style> element',
      templates: { [ARTICLE]: edited(ARTICLE, '</head>', '<style>\n@import "https://evil.example/x.css";\n</style>\n</head>') },
      place: at(ARTICLE, lineOf(builtIn(ARTICLE), '</head>') + 1),
    },
    {
      name: 'xml:base leading out',
      templates: { [ARTICLE]: edited(ARTICLE, '<div class="body">', '<div class="body" xml:base="http://evil.example/">') },
      place: at(ARTICLE, lineOf(builtIn(ARTICLE), '<div class="body">')),
    },
    {
      name: 'a URL hidden behind a character reference (&#104;ttp:)',
      templates: { [ARTICLE]: edited(ARTICLE, head, `${head}<link rel="stylesheet" href="&#104;ttp://evil.example/x.css"/>`) },
      place: at(ARTICLE, lineOf(builtIn(ARTICLE), head)),
    },
    {
      name: 'a data: URL (what it holds is not checked, so it is refused too)',
      templates: { [ARTICLE]: edited(ARTICLE, '<div class="body">', '<div class="body"><img alt="" src="data:image/svg+xml,%3Csvg%2F%3E"/>') },
      place: at(ARTICLE, lineOf(builtIn(ARTICLE), '<div class="body">')),
    },
    {
      name: 'a URL assembled from fields, found in what the template renders',
      templates: { [ARTICLE]: edited(ARTICLE, 'href="{{stylesheet}}"', 'href="ht{{#if lang}}tp:{{/if}}//evil.example/x.css"') },
      place: at(ARTICLE, lineOf(builtIn(ARTICLE), head)),
    },
    {
      name: 'a remote item in the package document',
      templates: {
        'content.opf.hbs': edited('content.opf.hbs', '</manifest>', '<item id="evil" href="https://evil.example/x.css" media-type="text/css"/>\n</manifest>'),
      },
      place: at('content.opf.hbs', lineOf(builtIn('content.opf.hbs'), '</manifest>')),
    },
    {
      name: '@import url(//…) in an overriding stylesheet',
      templates: { 'style.css': `/* house style */\n@import url(//evil.example/x.css);\nbody { margin: 0 }\n` },
      place: /^edition\/templates\/style\.css:2:\d+: error: template references `\/\/evil\.example\/x\.css` \(url\(\) in CSS\), outside the EPUB/,
    },
    {
      name: 'a quoted url() in an overriding stylesheet',
      templates: { 'style.css': `${builtIn('style.css')}\nbody { background: url("https://evil.example/bg.png") }\n` },
      place: new RegExp(`^edition/templates/style\\.css:${builtIn('style.css').split('\n').length + 1}:\\d+: error: template references`),
    },
    {
      name: 'url() spelled with a CSS escape (\\75 rl)',
      templates: { 'style.css': 'body { background: \\75 rl(http://evil.example/bg.png) }\n' },
      place: /^edition\/templates\/style\.css:1:\d+: /,
    },
    {
      name: 'a web font in @font-face',
      templates: { 'style.css': '@font-face { font-family: X; src: url(https://fonts.example/x.woff2) format("woff2") }\n' },
      place: /^edition\/templates\/style\.css:1:\d+: /,
    },
  ];
  for (const c of cases) {
    it(`refuses ${c.name}`, async () => {
      refused(await build(c.templates), 'template/remote', c.place);
    });
  }

  it('keeps hyperlinks to the web (<a href="https:…">, mailto:) and the namespaces of the built-ins', async () => {
    const text = edited(
      ARTICLE,
      '<div class="body">',
      '<div class="body"><p><a href="https://example.org/">site</a> <a href="mailto:desk@example.org">desk</a></p>',
    );
    const r = await build({ [ARTICLE]: text, 'style.css': `${builtIn('style.css')}\n.x { background: url(images/local.png) }\n` });
    assert.equal(r.run.code, 0, r.run.stderr);
  });
});

describe('hostile templates: what a template renders is bounded in size and time', { concurrency: 2 }, () => {
  const nav = 'nav.xhtml.hbs';
  const loops = (depth: number, body: string) => `${'{{#each @root.landmarks}}'.repeat(depth)}${body}${'{{/each}}'.repeat(depth)}`;
  const inNav = (markup: string) => edited(nav, '{{{tocListHtml}}}', `{{{tocListHtml}}}\n<p>${markup}</p>`);
  const line = lineOf(builtIn(nav), '{{{tocListHtml}}}') + 1;

  it('stops a loop nested 18 deep over the same three items early, at the outermost loop (it once ran 225 s to write 387 MB)', async () => {
    const r = await build({ [nav]: inNav(loops(18, 'x')) });
    refused(r, 'template/invalid', at(nav, line));
    assert.match(r.run.stderr, /renders more than 16 MB for one document in the loop that starts here: stopped, nothing was written/);
    assert.ok(r.run.peakMb < 700, `peak ${r.run.peakMb} MB`);
  });

  it('stops nested loops that write nothing, by their count of passes', async () => {
    refused(await build({ [nav]: inNav(loops(18, '')) }), 'template/invalid', at(nav, line));
  });

  it('stops a template that would render 100 MB (3^12 passes of a 200-byte paragraph)', async () => {
    const r = await build({ [nav]: inNav(loops(12, `<span>${'word '.repeat(38)}</span>`)) });
    refused(r, 'template/invalid', at(nav, line));
    assert.ok(r.run.peakMb < 700, `peak ${r.run.peakMb} MB`);
  });

  it('stops loops through {{#list}} blocks, which Handlebars runs as each', async () => {
    const deep = `${'{{#@root.landmarks}}'.repeat(18)}x${'{{/@root.landmarks}}'.repeat(18)}`;
    refused(await build({ [nav]: inNav(deep) }), 'template/invalid');
  });

  it('refuses partials and inline partials, the one way a template recurses', async () => {
    const partial = '{{#*inline "again"}}{{> again}}{{/inline}}{{> again}}';
    refused(await build({ [nav]: inNav(partial) }), 'template/invalid', at(nav, line));
  });

  it('refuses a template file over 1 MB unread into the engine (limit/file-size)', async () => {
    const text = edited(ARTICLE, '<div class="body">', `<div class="body"><!-- ${'padding '.repeat(140_000)} -->`);
    refused(await build({ [ARTICLE]: text }), 'limit/file-size', /^edition\/templates\/article\.xhtml\.hbs: error: template is 1\.1 MB, over the 1 MB/);
  });
});

describe('hostile templates: {{log}} reaches neither stdout nor stderr', { concurrency: 2 }, () => {
  const withLog = edited(
    'nav.xhtml.hbs',
    '{{{tocListHtml}}}',
    '{{{tocListHtml}}}{{log "LOGGED-FROM-TEMPLATE" level="error"}}{{log "LOGGED-INFO"}}{{log landmarks}}',
  );

  it('keeps --json stdout to lines of JSON', async () => {
    const r = await build({ 'nav.xhtml.hbs': withLog }, ['--json']);
    assert.equal(r.run.code, 0, r.run.stderr);
    for (const l of r.run.stdout.split('\n').filter(Boolean)) assert.doesNotThrow(() => JSON.parse(l), `not JSON: ${l}`);
    assert.doesNotMatch(r.run.stdout + r.run.stderr, /LOGGED-/);
  });

  it('prints nothing of it on the terminal either', async () => {
    const r = await build({ 'nav.xhtml.hbs': withLog });
    assert.equal(r.run.code, 0, r.run.stderr);
    assert.doesNotMatch(r.run.stdout + r.run.stderr, /LOGGED-|\[object Object\]/);
  });
});
