// One of two processes racing on the same cache keys (tests/unit/disk-cache.test.ts):
//   node --import tsx tests/support/cache-writer.ts <dir> <version> <mine> <other> <rounds>
// It opens the cache, prints `ready`, waits for a line on stdin (so both start together),
// then puts its own payload under each race key and reads it back, `rounds` times over. It
// prints its stats and how many reads were neither payload whole (`torn`), as one JSON line.
import { once } from 'node:events';
import { pathToFileURL } from 'node:url';
import { cacheKey, openCache } from '../../src/cache/disk-cache.js';

export const RACE_KEYS = 50;

/** The key of race entry `i`. */
export const raceKey = (i: number): string => cacheKey('race', i);

/** Writer `tag`'s payload for entry `i`: tens of KB, its length varying, so a torn write would show. */
export function racePayload(tag: string, i: number): Buffer {
  return Buffer.from(`${tag}:${i};`.repeat(2000 + 97 * i));
}

async function main(args: string[]): Promise<void> {
  const [dir, version, mine, other, rounds] = args;
  const cache = openCache({ dir, version });
  process.stdout.write('ready\n');
  await once(process.stdin, 'data');
  process.stdin.pause();
  let torn = 0;
  for (let r = 0; r < Number(rounds); r++) {
    for (let i = 0; i < RACE_KEYS; i++) {
      await cache.put('race', raceKey(i), racePayload(mine, i));
      const got = await cache.get('race', raceKey(i));
      if (got && !got.equals(racePayload(mine, i)) && !got.equals(racePayload(other, i))) torn++;
    }
  }
  process.stdout.write(`${JSON.stringify({ torn, ...cache.stats() })}\n`);
}

// Run only as a script: the test imports the keys and payloads from here too.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main(process.argv.slice(2));
