// A long real document can carry hundreds of warnings of one kind (every link to a page the
// edition does not have). The terminal shows the first few of each kind per file and counts
// the rest; `--all-warnings` and `--json` give every one.
import type { Diagnostic } from '../diagnostics/diagnostic.js';

const SHOWN_PER_KIND = 5;

export type Shown = { diagnostic: Diagnostic } | { more: number; file: string; code: string };

/** The warnings to print, in order: errors always, at most `limit` warnings per file and code. */
export function condense(diagnostics: readonly Diagnostic[], limit = SHOWN_PER_KIND): Shown[] {
  const seen = new Map<string, number>();
  const out: Shown[] = [];
  const lastOf = new Map<string, number>();
  for (const d of diagnostics) {
    const key = `${d.file ?? ''}\u0000${d.code}`;
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    if (d.severity === 'error' || n <= limit) {
      out.push({ diagnostic: d });
      lastOf.set(key, out.length);
    }
  }
  // Each count goes right after the last warning shown of its kind.
  const counts = [...seen].filter(([k, n]) => n > limit && lastOf.has(k)).sort((a, b) => lastOf.get(b[0])! - lastOf.get(a[0])!);
  for (const [key] of counts) {
    const [file, code] = key.split('\u0000');
    const hidden = diagnostics.filter((d) => `${d.file ?? ''}\u0000${d.code}` === key && d.severity !== 'error').length - limit;
    if (hidden > 0) out.splice(lastOf.get(key)!, 0, { more: hidden, file, code });
  }
  return out;
}

export function moreLine(s: { more: number; file: string; code: string }): string {
  return `${s.file ? `${s.file}: ` : ''}${s.more} more warning${s.more === 1 ? '' : 's'} like these [${s.code}] (--all-warnings lists every one)`;
}
