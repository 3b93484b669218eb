/** A manifest length (`10pt`, `0.5in`, `12mm` or a bare number of points) in points. */
export function toPoints(v: number | string): number {
  if (typeof v === 'number') return v;
  const m = /^(\d+(?:\.\d+)?)\s*(pt|in|mm)$/.exec(v.trim());
  if (!m) throw new Error(`not a length: ${v}`); // the schema has already checked the form
  const n = Number(m[1]);
  return m[2] === 'pt' ? n : m[2] === 'in' ? n * 72 : (n * 72) / 25.4;
}
