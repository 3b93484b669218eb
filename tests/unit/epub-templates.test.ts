// The Handlebars engine behind the EPUB layouts: strict, escaping, overridable by file name.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { EPUB_ASSETS, EPUB_TEMPLATES, type EpubViews } from '../../src/backends/epub/views.js';
import { loadTemplates, TemplateError } from '../../src/templates/engine.js';

interface Views {
  'page.hbs': { title: string; bodyHtml: string; subtitle: string | null };
}

function folders(builtin: Record<string, string>, override: Record<string, string> = {}) {
  const root = mkdtempSync(path.join(os.tmpdir(), 'pressroom-templates-'));
  const write = (dir: string, files: Record<string, string>) => {
    mkdirSync(dir, { recursive: true });
    for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  };
  write(path.join(root, 'builtin'), builtin);
  if (Object.keys(override).length > 0) write(path.join(root, 'override'), override);
  return { builtinDir: path.join(root, 'builtin'), overrideDir: path.join(root, 'override') };
}

const PAGE = '<h1>{{title}}</h1>{{#if subtitle}}<p>{{subtitle}}</p>{{/if}}{{{bodyHtml}}}';

describe('templates', () => {
  it('escapes {{ }} and places {{{ }}} as it is', async () => {
    const t = await loadTemplates<Views>(['page.hbs'], [], folders({ 'page.hbs': PAGE }));
    assert.equal(
      t.render('page.hbs', { title: 'Fish & "Chips" <now>', subtitle: null, bodyHtml: '<p>ours</p>' }),
      '<h1>Fish &amp; &quot;Chips&quot; &lt;now&gt;</h1><p>ours</p>',
    );
  });

  it('a project template overrides the built-in of the same name; a missing folder is fine', async () => {
    const dirs = folders({ 'page.hbs': PAGE, 'style.css': 'p{}' }, { 'page.hbs': '<main>{{title}}</main>' });
    const t = await loadTemplates<Views>(['page.hbs'], ['style.css'], dirs);
    assert.equal(t.render('page.hbs', { title: 'Hi', subtitle: null, bodyHtml: '' }), '<main>Hi</main>');
    assert.equal(t.asset('style.css'), 'p{}');
    assert.equal(t.sources.get('page.hbs'), path.join(dirs.overrideDir, 'page.hbs'));
    const none = await loadTemplates<Views>(['page.hbs'], [], { ...dirs, overrideDir: path.join(dirs.overrideDir, 'nope') });
    assert.equal(none.render('page.hbs', { title: 'Hi', subtitle: 'x', bodyHtml: '' }), '<h1>Hi</h1><p>x</p>');
  });

  it('is strict: a field the view does not have is an error naming the template file', async () => {
    const dirs = folders({ 'page.hbs': '{{titel}}' });
    const t = await loadTemplates<Views>(['page.hbs'], [], dirs);
    assert.throws(
      () => t.render('page.hbs', { title: 'x', subtitle: null, bodyHtml: '' }),
      (e: unknown) => e instanceof TemplateError && e.file.endsWith('page.hbs') && /"titel" not defined/.test(e.message),
    );
  });

  it('rejects helpers it does not know and syntax errors when loading', async () => {
    await assert.rejects(loadTemplates<Views>(['page.hbs'], [], folders({ 'page.hbs': '{{shout title}}' })), TemplateError);
    await assert.rejects(loadTemplates<Views>(['page.hbs'], [], folders({ 'page.hbs': '{{#if title}}open' })), /page\.hbs: Parse error/);
  });

  it('gives no access to prototype properties', async () => {
    const t = await loadTemplates<Views>(['page.hbs'], [], folders({ 'page.hbs': '{{title.constructor.name}}' }));
    assert.throws(() => t.render('page.hbs', { title: 'x', subtitle: null, bodyHtml: '' }), TemplateError);
  });

  it('ships every built-in EPUB template and they compile', async () => {
    const t = await loadTemplates<EpubViews>(EPUB_TEMPLATES, EPUB_ASSETS);
    assert.deepEqual([...t.sources.keys()].sort(), [...EPUB_TEMPLATES, ...EPUB_ASSETS].sort());
  });
});
