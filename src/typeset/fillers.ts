// Fillers and runt pages. Once the articles are laid out, every article's last page that
// no article runs on to is a bin: the room under its balanced columns. Fillers (short
// boxed items of the manifest) go into the bins, each once: pages an article would leave
// mostly blank first (the runts), then the largest rooms. A bin takes the set of fillers
// whose heights fill it best (a small knapsack, tried exhaustively: a manifest lists a
// handful). A runt no filler could save is reported, with what would save it.
import { warning } from '../diagnostics/diagnostic.js';
import type { Filler, Issue } from '../model/types.js';
import { append, translateItems, type StructElement } from '../pages/page.js';
import type { Structure } from '../pages/structure.js';
import type { TextBlock } from '../settings/layout.js';
import { fillerBox } from './page/filler-box.js';
import type { FlowPage } from './page/paginate.js';
import type { TypesetContext } from './text/context.js';

/** A last page used less than this share of the text block's height is a runt. */
export const RUNT_SHARE = 0.5;

/** Fillers tried together in one bin: 2^n sets are weighed, so n stays small. */
const MOST_TRIED = 12;

/** An article's pages as the filler pass sees them. */
export interface FillableBody {
  pages: FlowPage[];
  /** Where its first page starts below the text block's top (run-on articles). */
  offset: number;
  /** It starts under the article before (that one's last page is then not its own). */
  runOn: boolean;
  /** Index of its article in the issue. */
  article: number;
}

export interface PlacedFiller {
  id: string;
  /** Index of the body (in `bodies`) whose last page holds it. */
  after: number;
}

/**
 * Places the issue's fillers on the articles' last pages (their items and `used` grow) and
 * reports the runt pages left. `reserved[i]`: the structure element, made right after
 * article i's, that holds the fillers set after it (so they read after that article).
 */
export function placeFillers(
  ctx: TypesetContext,
  issue: Issue,
  bodies: readonly FillableBody[],
  geom: TextBlock,
  structure: Structure,
  reserved: readonly StructElement[],
): PlacedFiller[] {
  const gap = 2 * ctx.scale.leading;
  const fillers = issue.fillers ?? [];
  const heights = new Map(fillers.map((f) => [f, fillerBox(ctx, f, geom.width).height]));
  const bins = lastPages(bodies, geom).map((b) => ({ ...b, room: geom.height - b.used - gap }));
  const runt = (used: number) => used < RUNT_SHARE * geom.height;
  bins.sort((a, b) => Number(runt(b.used)) - Number(runt(a.used)) || (runt(a.used) ? a.used - b.used : b.room - a.room) || a.i - b.i);

  const left = fillers.slice();
  const placed: PlacedFiller[] = [];
  for (const bin of bins) {
    // A runt takes the smallest set that brings it to the share (the rest may save another
    // runt); any other page, the set that fills its room best.
    const need = runt(bin.used) ? RUNT_SHARE * geom.height - bin.used + ctx.scale.leading : Infinity;
    const chosen = bestFit(
      left.slice(0, MOST_TRIED).map((f) => ({ f, h: heights.get(f)! + gap })),
      bin.room + gap,
      need,
    );
    if (!chosen.length) continue;
    const body = bodies[bin.i];
    const page = body.pages[body.pages.length - 1];
    // Relative to the article's own origin: a run-on article's first page starts `offset` down.
    let y = bin.used - (body.pages.length === 1 ? body.offset : 0) + gap;
    for (const f of chosen) {
      const box = fillerBox(ctx, f, geom.width, { structure, parent: reserved[bin.i] });
      append(page.items, translateItems(box.items, 0, y));
      page.log.push(`filler ${f.id} under the columns, ${Math.round(box.height)} pt`);
      y += box.height + gap;
      left.splice(left.indexOf(f), 1);
      placed.push({ id: f.id, after: bin.i });
    }
    page.used = y - gap;
    bin.used = y - gap + (body.pages.length === 1 ? body.offset : 0);
  }

  for (const bin of bins) {
    // A short article on a page of its own is short, not a few lines run over from a page before.
    if (!runt(bin.used) || bodies[bin.i].pages.length < 2) continue;
    const a = issue.articles[bodies[bin.i].article];
    const lines = Math.max(1, Math.round(bin.used / ctx.scale.leading));
    ctx.diagnostics.report(
      warning(
        'typeset/runt-page',
        `"${a.titleText}" ends with about ${lines} lines alone on its last page: the page is ${Math.round((100 * bin.used) / geom.height)} % used`,
        { file: a.pos.file, line: a.pos.line, column: a.pos.column },
        [
          `cut about ${lines} lines to end a page earlier, or add fillers to edition.yaml (\`fillers:\`) for the ${Math.round(bin.room)} pt left, or let the next article run on (\`run-on: true\` on its entry)`,
        ],
      ),
    );
  }
  return placed;
}

/**
 * The last page of each article that no article runs on to (one an article runs on to is
 * that one's to fill), and how far down it is used.
 */
function lastPages(bodies: readonly FillableBody[], geom: TextBlock): { i: number; used: number }[] {
  return bodies
    .map((b, i) => ({ i, used: (b.pages.length === 1 ? b.offset : 0) + b.pages[b.pages.length - 1].used }))
    .filter((p) => !bodies[p.i + 1]?.runOn && p.used <= geom.height);
}

/** Indexes of the articles whose last page is used less than RUNT_SHARE, in order. */
export function runtPages(bodies: readonly FillableBody[], geom: TextBlock): number[] {
  return lastPages(bodies, geom)
    .filter((p) => p.used < RUNT_SHARE * geom.height)
    .map((p) => p.i);
}

/**
 * Of the subsets of items (kept in their given order) whose total height is at most `room`:
 * the smallest that reaches `need`, or when none does, the largest.
 */
function bestFit(items: readonly { f: Filler; h: number }[], room: number, need: number): Filler[] {
  let best = 0;
  let bestMask = 0;
  let reached = false;
  for (let mask = 1; mask < 1 << items.length; mask++) {
    let h = 0;
    for (let k = 0; k < items.length; k++) if (mask & (1 << k)) h += items[k].h;
    if (h > room) continue;
    const reaches = h >= need;
    if ((reaches && (!reached || h < best)) || (!reached && !reaches && h > best)) {
      best = h;
      bestMask = mask;
      reached = reaches;
    }
  }
  return items.filter((_, k) => bestMask & (1 << k)).map((x) => x.f);
}
