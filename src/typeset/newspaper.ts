// A newspaper's front: the masthead and index page, with the first stories under them.
import type { Issue } from '../model/types.js';
import type { Layout, TextBlock } from '../settings/layout.js';
import type { StructElement } from '../pages/page.js';
import type { Structure } from '../pages/structure.js';
import { frontPage } from './front/front-page.js';
import type { TypesetContext } from './text/context.js';
import { layoutArticles, MAX_ROUNDS, startPages, type FrontPageOut } from './issue-articles.js';

/**
 * A newspaper (run-on layouts) opens with its front page: the masthead and an index, with
 * the first story under them. The index gives page numbers, its height moves the stories:
 * laid out again until both are stable.
 */
export function newspaperFront(
  ctx: TypesetContext,
  issue: Issue,
  layout: Layout,
  geom: TextBlock,
  structure: Structure,
  coverSect: StructElement,
  contentsSect: StructElement,
) {
  let numbers = issue.articles.map(() => 1);
  // Each layout of the front page gathers its own warnings; the last one's are reported.
  const front = () => {
    const fctx: TypesetContext = { ...ctx, diagnostics: ctx.diagnostics.trial() };
    return { fctx, page: frontPage(fctx, issue, geom, numbers, structure, coverSect, contentsSect) };
  };
  let set = front();
  let page = set.page;
  // Each layout of the stories gathers its own warnings; the last one's are reported.
  const stories = (top: number) => {
    const actx: TypesetContext = { ...ctx, diagnostics: ctx.diagnostics.trial() };
    return { actx, bodies: layoutArticles(actx, issue, layout, geom, structure, top) };
  };
  let laid = stories(page.height);
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const starts = startPages(2, laid.bodies);
    if (starts.every((p, i) => p === numbers[i])) break;
    numbers = starts;
    const height = page.height;
    set = front();
    page = set.page;
    if (page.height !== height) laid = stories(page.height);
  }
  set.fctx.diagnostics.keep();
  laid.actx.diagnostics.keep();
  return { front: [{ items: page.items }] as FrontPageOut[], bodies: laid.bodies };
}
