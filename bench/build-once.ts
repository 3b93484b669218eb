// One build in its own process, so peak memory belongs to that edition alone.
// Prints one JSON line: stage timings, total, pages, warnings, peak RSS.
import { buildEdition } from '../src/build.js';

const [editionDir, outDir] = process.argv.slice(2);
const started = performance.now();
const r = await buildEdition({ editionDir, outDir });
const total = performance.now() - started;
process.stdout.write(
  `${JSON.stringify({
    timings: r.timings,
    total,
    pages: r.pages,
    articles: r.issue.articles.length,
    warnings: r.warnings.length,
    peakMB: process.resourceUsage().maxRSS / 1024,
  })}\n`,
);
