// Hostile values in messages (issue 15, "never lose a file, never hang, never crash"): every
// diagnostic is one line with a code, whatever it quotes. A value with line breaks, terminal
// escapes or bidirectional overrides, or of 50 000 characters, is shown on one line of
// bounded length (its start and end around a …), on the terminal and under --json alike.
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { diagnosticJson, error, formatDiagnostic, MESSAGE_MAX, warning } from '../../src/diagnostics/diagnostic.js';
import { MINIMAL_ARTICLE, MINIMAL_MANIFEST, writeEdition, type Files } from '../support/edition.js';
import { assertRefused, runHostile } from '../support/hostile.js';

const LONG = 'x'.repeat(25_000) + 'y'.repeat(25_000);
/** A line break of each kind, a tab, an escape sequence that would recolour the terminal, a bidi override. */
const NASTY = 'first\nsecond\r\nthird\rfourth\u2028fifth\u0085sixth\tseventh\u001b[31mred\u001b[0m\u202Eesrever';
// biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters are what this looks for
const RAW_CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/;

async function build(files: Files, args: string[] = []) {
  const dir = writeEdition({ 'edition.yaml': MINIMAL_MANIFEST, 'articles/one.md': MINIMAL_ARTICLE, ...files });
  return runHostile(['build', 'edition', '--out', 'out', ...args], path.dirname(dir), { ms: 30_000 });
}

/** Each message line of stderr: one line, at most the bound (with its place and code), no raw control character. */
function assertBounded(stderr: string): void {
  for (const line of stderr.split('\n')) {
    assert.ok(line.length <= MESSAGE_MAX + 200, `a line of ${line.length} characters: ${line.slice(0, 120)}…`);
    assert.doesNotMatch(line, RAW_CONTROL, `a control character in: ${JSON.stringify(line.slice(0, 200))}`);
  }
}

describe('hostile messages: one bounded line each, whatever they quote', { concurrency: 2 }, () => {
  it('an unknown key with line breaks, an escape sequence and a bidi override', async () => {
    const run = await build({ 'edition.yaml': `${MINIMAL_MANIFEST}${JSON.stringify(NASTY)}: 1\n` });
    assertRefused(run, { code: 1, diagnostic: 'manifest/unknown-key' });
    assertBounded(run.stderr);
    assert.match(
      run.stderr.split('\n')[0],
      /unknown key `first second third fourth fifth sixth seventh\uFFFD\[31mred\uFFFD\[0m\uFFFDesrever` of the manifest \[manifest\/unknown-key\]$/,
    );
  });

  it('an unknown key of 50 000 characters', async () => {
    // An explicit key (`? …`): YAML limits an implicit one to 1024 characters.
    const run = await build({ 'edition.yaml': `${MINIMAL_MANIFEST}? ${LONG}\n: 1\n` });
    assertRefused(run, { code: 1, diagnostic: 'manifest/unknown-key' });
    assertBounded(run.stderr);
    assert.match(run.stderr.split('\n')[0], /unknown key `x+…` of the manifest \[manifest\/unknown-key\]$/);
  });

  it('a date of 50 000 characters', async () => {
    const run = await build({ 'edition.yaml': MINIMAL_MANIFEST.replace('date: 2026-03-01', `date: "${LONG}"`) });
    assertRefused(run, { code: 1, diagnostic: 'manifest/invalid-value' });
    assertBounded(run.stderr);
    assert.match(
      run.stderr.split('\n')[0],
      /^edition\/edition\.yaml:3:7: error: `date`: an ISO date such as 2011-09-15 \(got "x+…\) \[manifest\/invalid-value\]$/,
    );
  });

  it('a language of 50 000 characters with line breaks', async () => {
    const run = await build({ 'edition.yaml': `${MINIMAL_MANIFEST}language: ${JSON.stringify(NASTY + LONG)}\n` });
    assertRefused(run, { code: 1, diagnostic: 'manifest/invalid-value' });
    assertBounded(run.stderr);
  });

  it('a dateline, publisher and description of 50 000 characters each, refused for an unknown key: nothing of them is echoed whole', async () => {
    const run = await build({
      'edition.yaml': `${MINIMAL_MANIFEST}dateline: "${LONG}"\npublisher: "${LONG}"\ndescription: ${JSON.stringify(NASTY + LONG)}\ncolour: blue\n`,
    });
    assertRefused(run, { code: 1, diagnostic: 'manifest/unknown-key' });
    assertBounded(run.stderr);
  });

  it("an article's lang of 50 000 characters in the front matter", async () => {
    const run = await build({ 'articles/one.md': `---\ntitle: A Plain Article\nlang: "${LONG}"\n---\n\nText.\n` });
    assertRefused(run, { code: 1, diagnostic: 'article/front-matter' });
    assertBounded(run.stderr);
  });

  it('an article path of 50 000 characters with line breaks', async () => {
    const run = await build({ 'edition.yaml': MINIMAL_MANIFEST.replace('articles/one.md', JSON.stringify(`articles/${NASTY}${LONG}.md`)) });
    assertRefused(run, { code: 1, diagnostic: 'path/not-found' });
    assertBounded(run.stderr);
  });

  it('a template field of 50 000 characters', async () => {
    const run = await build({ 'templates/article.xhtml.hbs': `<html xmlns="http://www.w3.org/1999/xhtml">{{${LONG}}}</html>` });
    assertRefused(run, { code: 1, diagnostic: 'template/invalid' });
    assertBounded(run.stderr);
    assert.match(run.stderr.split('\n')[0], /template line 1: the view of this template has no field `x+…y+` \[template\/invalid\]$/);
  });

  it('the same under --json: one line of JSON each, the message bounded', async () => {
    const run = await build({ 'edition.yaml': `${MINIMAL_MANIFEST}? ${JSON.stringify(NASTY + LONG)}\n: 1\n` }, ['--json']);
    assertRefused(run, { code: 1, diagnostic: 'manifest/unknown-key' });
    const lines = run.stdout.split('\n').filter(Boolean);
    assert.ok(lines.length >= 1);
    for (const l of lines) {
      const d = JSON.parse(l) as { message: string; code: string };
      assert.ok(d.message.length <= MESSAGE_MAX, `a message of ${d.message.length} characters`);
      assert.doesNotMatch(d.message, RAW_CONTROL);
      assert.match(d.code, /^[a-z-]+\/[a-z-]+$/);
    }
  });
});

describe('hostile messages: the diagnostic constructors and formatters', () => {
  it('make a message with line breaks one line, and replace control characters', () => {
    const d = error('image/not-an-image', `sharp said: ${NASTY}`, { file: 'articles/one.md', line: 3, column: 1 }, ['first\nsecond']);
    assert.equal(
      formatDiagnostic(d),
      'articles/one.md:3:1: error: sharp said: first second third fourth fifth sixth seventh\uFFFD[31mred\uFFFD[0m\uFFFDesrever [image/not-an-image]\n  hint: first second',
    );
  });

  it('cut a long message to its bound, keeping its start and its end', () => {
    const d = warning('link/unresolved', `link to \`${LONG}\`: printed as plain text`);
    assert.equal(d.message.length, MESSAGE_MAX);
    assert.match(d.message, /^link to `x+…y+`: printed as plain text$/);
  });

  it('never split a surrogate pair where they cut', () => {
    for (let shift = 0; shift < 4; shift++) {
      const d = error('internal/crash', `${'a'.repeat(shift)}${'😀'.repeat(10_000)}`);
      assert.doesNotMatch(d.message, /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
      assert.ok(d.message.length <= MESSAGE_MAX);
    }
  });

  it('bound diagnostics made without the constructors too, and the file name', () => {
    const raw = { severity: 'error' as const, code: 'internal/crash' as const, message: `a\nb${LONG}`, file: `dir/${LONG}\n.md`, hints: [LONG] };
    const shown = formatDiagnostic(raw).split('\n');
    assert.equal(shown.length, 2);
    for (const line of shown) assert.ok(line.length <= 2 * MESSAGE_MAX, `${line.length}`);
    const json = diagnosticJson(raw);
    assert.doesNotMatch(json, /\\n/);
    assert.ok(json.length < 4 * MESSAGE_MAX);
  });
});
