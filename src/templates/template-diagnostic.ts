// A template problem (an override that does not parse, names a field its view lacks, leads out
// of its folder…) as the located error of the input it is: `file:line:col: error: …` with a
// hint, exit 1, never a crash. The EPUB's templates and the download site's say it the same way.
import { type Diagnostic, error, oneLine } from '../diagnostics/diagnostic.js';
import type { TemplateError } from './engine.js';

const PROBLEM_CODES = {
  invalid: 'template/invalid',
  outside: 'path/outside-edition',
  remote: 'template/remote',
  'too-large': 'limit/file-size',
  'not-a-file': 'path/not-a-file',
} as const;

/**
 * `e` as an error at `file` (the template's path as the user knows it). `views` says where the
 * fields a template receives are described, for the hint.
 */
export function templateDiagnostic(e: TemplateError, file: string, views: string): Diagnostic {
  const raw = e.message.startsWith(`${e.file}: `) ? e.message.slice(e.file.length + 2) : e.message;
  const lines = raw.split('\n');
  const field = /^"([^"]+)" not defined in .* - (\d+):(\d+)$/.exec(lines[0]);
  const message = field
    ? `line ${field[2]}: the view of this template has no field \`${oneLine(field[1], 80)}\``
    : /^Parse error/.test(lines[0])
      ? `${lines[0]} ${lines[lines.length - 1]}`
      : lines[0];
  const hint =
    e.hint ??
    (e.reason === 'outside'
      ? 'copy the template into the templates folder of the edition instead of linking to it'
      : `a template receives the fields of its view in ${views}; plain text is placed with {{ }}, markup (fields ending in Html or Xml) with {{{ }}}`);
  const where = e.line !== undefined ? { file, line: e.line, column: e.column } : { file };
  return error(PROBLEM_CODES[e.reason], `template ${message}`, where, [hint]);
}
