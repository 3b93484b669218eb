// The CommonMark spec's examples as an edition: one article per example, titled `Example N`
// by front matter written in front of the example's own text, and the "visible text" each
// example must show in the EPUB and the PDF.
//
// Visible text: the text nodes of the example's expected HTML (from the spec), as a browser
// shows them — without comments, without what `<script>`, `<style>`, `<iframe>`… hold (never
// shown, and dropped by our raw-HTML policy too), and without attributes (an image's alt
// text and a link's address are not text). Compared with every whitespace removed, hyphens
// and dashes removed (print hyphenates and breaks at them), quotes and ellipses straight
// (smart punctuation curls them) and case folded; word by word and in order.
import { readdirSync, readFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Parser } from 'htmlparser2';
import { png } from './edition.js';

export const SHARED_COMMONMARK = path.resolve(import.meta.dirname, '../../../shared/corpus/commonmark');
export const FIXTURE_COMMONMARK = path.resolve(import.meta.dirname, '../fixtures/commonmark');

export interface Example {
  /** Number in the spec, 1-based. */
  n: number;
  markdown: string;
  html: string;
}

/** Examples of a folder holding `NNNN.md` and `NNNN.html` (the corpus's `examples/`, or the fixture). */
export function loadExamples(dir: string): Example[] {
  const names = readdirSync(dir)
    .filter((f) => /^\d{4}\.md$/.test(f))
    .sort();
  return names.map((f) => ({
    n: Number(f.slice(0, 4)),
    markdown: readFileSync(path.join(dir, f), 'utf8'),
    html: readFileSync(path.join(dir, f.replace(/\.md$/, '.html')), 'utf8'),
  }));
}

export function articleFile(n: number): string {
  return `articles/${String(n).padStart(4, '0')}.md`;
}

/**
 * Write the edition into `dir`. The images the examples name (`![foo](/url)`, `train.jpg`) are
 * provided as small PNG files where the example expects them, as an editor would provide them.
 */
export async function writeCommonmarkEdition(examples: readonly Example[], dir: string): Promise<void> {
  mkdirSync(path.join(dir, 'articles'), { recursive: true });
  // One column: text extraction then reads every page in the order it was set (with two
  // balanced columns, pdftotext reads a short article's lines across the columns).
  const manifest = ['publication: CommonMark Spec', 'issue: Examples', 'date: 2024-01-28', 'layout:', '  columns: 1', 'articles:'];
  const picture = await png(40, 30);
  for (const ex of examples) {
    const file = articleFile(ex.n);
    manifest.push(`  - ${file}`);
    writeFileSync(path.join(dir, file), `---\ntitle: Example ${ex.n}\n---\n\n${ex.markdown}`);
    for (const src of imageSources(ex.html)) {
      let rel: string;
      try {
        rel = decodeURI(src);
      } catch {
        continue;
      }
      if (/^[a-z][a-z0-9+.-]*:/i.test(rel)) continue;
      const target = rel.startsWith('/') ? path.join(dir, rel) : path.join(dir, 'articles', rel);
      if (!target.startsWith(dir + path.sep) || existsSync(target)) continue;
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, picture);
    }
  }
  writeFileSync(path.join(dir, 'edition.yaml'), `${manifest.join('\n')}\n`);
}

function imageSources(html: string): string[] {
  const out: string[] = [];
  // Only images the Markdown makes: raw `<img>` in the example is dropped by the HTML policy.
  const p = new Parser({ onopentag: (name, attrs) => name === 'img' && attrs.src !== undefined && out.push(attrs.src) }, { decodeEntities: true });
  p.write(html);
  p.end();
  return out;
}

/** Elements whose content a browser does not show as text. */
const HIDDEN = new Set(['script', 'style', 'template', 'iframe', 'object', 'noembed', 'noframes', 'svg', 'math', 'head', 'title']);

/** The text an HTML (or XHTML) fragment shows. */
export function visibleText(html: string): string {
  let hidden = 0;
  let out = '';
  const p = new Parser(
    {
      onopentag: (name) => {
        if (HIDDEN.has(name)) hidden++;
        else out += ' ';
      },
      onclosetag: (name) => {
        if (HIDDEN.has(name)) hidden = Math.max(0, hidden - 1);
        else out += ' ';
      },
      ontext: (t) => {
        if (!hidden) out += t;
      },
    },
    { decodeEntities: true },
  );
  p.write(html);
  p.end();
  return out;
}

/** Text in the form both sides are compared in. */
export function comparable(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[\u201C\u201D\u201E\u201F\u00AB\u00BB]/g, '"')
    .replace(/[\u2018\u2019\u201A\u201B]/g, "'")
    .replace(/\u2026/g, '...')
    .replace(/\uFB01/g, 'fi')
    .replace(/\uFB02/g, 'fl')
    .replace(/[\s\u00AD\u200B\-\u2010\u2011\u2012\u2013\u2014\u2015]+/g, '')
    .toLowerCase();
}

/**
 * Does `haystack` show the words of `needle` in order (both raw text)? Words, not the whole
 * string: print adds list markers (`•`, `1.`) and running heads between them.
 */
export function shows(haystack: string, needle: string): boolean {
  const text = comparable(haystack);
  let from = 0;
  for (const word of needle.split(/\s+/).map(comparable).filter(Boolean)) {
    const at = text.indexOf(word, from);
    if (at < 0) return false;
    from = at + word.length;
  }
  return true;
}
