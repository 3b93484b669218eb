// Typesetting alone, in its own process (cold caches, as in a build): the whole issue and
// every article's own pages, with the breaker named on the command line. Prints one JSON
// line: wall and CPU milliseconds (CPU time is steadier on a busy machine), pages. Usage: typeset-once.ts EDITION_DIR first-fit|total-fit
import { readIssue } from '../src/build.js';
import { Reporter } from '../src/diagnostics/diagnostic.js';
import { loadManifest } from '../src/manifest/load-manifest.js';
import { firstFit } from '../src/typeset/text/first-fit.js';
import { totalFit } from '../src/typeset/text/total-fit.js';
import { typesetArticle, typesetIssue } from '../src/typeset/typeset-issue.js';
import { nodeWorld } from '../src/world.js';

const [editionDir, which] = process.argv.slice(2);
const breaker = which === 'first-fit' ? firstFit : totalFit;
const reporter = new Reporter();
const manifest = await loadManifest(nodeWorld, editionDir, reporter);
if (!manifest) throw new Error(`cannot read the manifest of ${editionDir}`);
const issue = await readIssue(nodeWorld, manifest, reporter, undefined, () => {});
const articles = issue.articles;
const started = performance.now();
const cpu = process.cpuUsage();
const { pages } = typesetIssue(issue, manifest.layout, { breaker });
for (const a of articles) typesetArticle(issue, a, manifest.layout, { breaker });
const used = process.cpuUsage(cpu);
process.stdout.write(`${JSON.stringify({ ms: performance.now() - started, cpuMs: (used.user + used.system) / 1000, pages: pages.length })}\n`);
