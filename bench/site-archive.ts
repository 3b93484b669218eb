// The download site of a back catalogue: the generated archive of 200 small issues in three
// languages (tests/support/archive.ts) made into a site from the command line with two jobs,
// cold (an empty cache), after one issue's article changed, and with nothing changed; wall
// time and peak memory (the process's largest resident set, its worker threads included).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MALLOC_ENV } from '../src/cli/relaunch.js';
import { archiveFolder, writeArchive } from '../tests/support/archive.js';

const COUNT = 200;

interface SiteRun {
  seconds: number;
  peakMB?: number;
  line: string;
}

export function benchSiteArchive(root: string): void {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pressroom-bench-site-'));
  const editions = path.join(dir, 'editions');
  writeArchive(editions, COUNT);
  const site = path.join(dir, 'site');
  const env = { ...process.env, ...MALLOC_ENV, PRESSROOM_CACHE: path.join(dir, 'cache') };
  const time = existsSync('/usr/bin/time');
  const run = (): SiteRun => {
    const args = [path.join(root, 'bin/pressroom.js'), 'site', editions, '--out', site, '--jobs', '2', '--quiet'];
    const started = performance.now();
    const r = time
      ? spawnSync('/usr/bin/time', ['-f', 'maxrss %M', process.execPath, ...args], { env, encoding: 'utf8' })
      : spawnSync(process.execPath, args, { env, encoding: 'utf8' });
    const seconds = (performance.now() - started) / 1000;
    if (r.status !== 0) throw new Error(`pressroom site failed: ${r.stderr}`);
    const rss = /maxrss (\d+)/.exec(r.stderr ?? '');
    return { seconds, ...(rss ? { peakMB: Number(rss[1]) / 1024 } : {}), line: '' };
  };
  const cold = run();
  const article = path.join(editions, archiveFolder('de', 10), 'articles', '2.md');
  writeFileSync(article, `${readFileSync(article, 'utf8')}\nEin Absatz, der neu hinzugekommen ist.\n`);
  const edited = run();
  const unchanged = run();
  const mb = (r: SiteRun) => (r.peakMB === undefined ? '' : `, peak ${r.peakMB.toFixed(0)} MB`);
  console.log(
    `\ndownload site of ${COUNT} generated issues in three languages (pressroom site --jobs 2, one run each):\n` +
      `  cold (empty cache)            ${cold.seconds.toFixed(2)} s${mb(cold)}\n` +
      `  one issue's article changed   ${edited.seconds.toFixed(2)} s${mb(edited)}\n` +
      `  nothing changed               ${unchanged.seconds.toFixed(2)} s${mb(unchanged)}`,
  );
}
