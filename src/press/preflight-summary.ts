// The terminal's summary of a preflight report. Its own module, with nothing but types from
// the preflight: the command line prints it from the main thread, which must not load the
// PDF libraries the build's worker has loaded already.
import type { PreflightReport } from './preflight.js';

/** The terminal summary: a few lines a person reads before sending the file. */
export function preflightSummary(r: PreflightReport, paths: { pdf: string; json: string }): string {
  const lines: string[] = [];
  const claimed = r.pdfx.claimed ? `${r.pdfx.claimed}, ${r.pdfx.outputIntent ?? 'no output intent'}` : 'not PDF/X';
  lines.push(`preflight of ${paths.pdf} (${claimed}, ${r.color === 'gray' ? 'gray' : 'CMYK'}):`);
  lines.push(`  trim ${r.trim.inches} in, bleed ${r.bleed.inches} in${r.marks ? ', crop marks' : ''}`);
  const blank = r.pages.blank.length;
  lines.push(
    `  ${r.pages.count} pages (multiple of ${r.pages.multiple})` +
      (blank ? `: ${r.pages.typeset} laid out + ${blank} blank (page${blank === 1 ? '' : 's'} ${r.pages.blank.join(', ')})` : ''),
  );
  const missing = r.fonts.filter((f) => !f.embedded);
  lines.push(`  fonts: ${r.fonts.length}, ${missing.length ? `${missing.length} NOT embedded (${missing.map((f) => f.name).join(', ')})` : 'all embedded'}`);
  if (r.images.length) {
    const ppis = r.images.map((i) => i.ppi);
    const spaces = [...new Set(r.images.map((i) => i.colorSpace))].join(', ');
    const [lo, hi] = [Math.min(...ppis), Math.max(...ppis)];
    lines.push(`  images: ${r.images.length}, ${spaces}, ${lo === hi ? lo : `${lo}–${hi}`} ppi`);
    for (const i of r.images.filter((i) => i.status !== 'ok' || i.converted))
      lines.push(
        `    page ${i.page}: ${i.source ?? 'image'} ${i.ppi} ppi ${i.colorSpace}${i.converted ? ', converted from RGB' : ''}${i.status !== 'ok' ? ` (${i.status})` : ''}`,
      );
  } else lines.push('  images: none');
  const none = (n: number) => (n ? String(n) : 'none');
  lines.push(
    `  overset: ${none(r.overset.length)} · missing glyphs: ${none(r.missingGlyphs.length)} · RGB: ${none(r.rgb.length)} · ` +
      `past the trim: ${none(r.inBleed.filter((b) => b.problem === 'crosses-trim').length)} · near the trim: ${none(r.inBleed.filter((b) => b.problem === 'near-trim').length)}`,
  );
  const broken = r.pdfx.rules.filter((x) => !x.ok).map((x) => x.rule);
  lines.push(
    `  PDF/X-1a rules: ${r.pdfx.rules.length - broken.length} of ${r.pdfx.rules.length} pass${broken.length ? ` (failing: ${broken.join(', ')})` : ''}`,
  );
  lines.push(`  ${r.errors} error${r.errors === 1 ? '' : 's'}, ${r.warnings} warning${r.warnings === 1 ? '' : 's'}; report: ${paths.json}`);
  return lines.join('\n');
}
