import type { ServiceName } from '@rackeval/testing';
import type { Api } from '../support/api';
import { log } from '../support/report';
import { latencySummary, now, since } from '../support/stats';

/** A cursor-paginated list, read from page 1 (its path carries its filters and `limit`, no cursor). */
export interface PagedList {
  name: string;
  user: string;
  service: ServiceName;
  path: string;
}

/** The page the deep reads fetch: page 1,000, or the list's last page when it has fewer. */
export const DEEP_PAGE = 1_000;

export interface DeepPage {
  /** The page reached (1 = the first). */
  depth: number;
  /** Whether the list ends there (fewer than DEEP_PAGE pages). */
  last: boolean;
  /** Items skipped to reach it: what a keyset must not read again. */
  before: number;
  cursor?: string;
}

type Body = Record<string, unknown>;
const withCursor = (path: string, cursor?: string) => (cursor ? `${path}&cursor=${encodeURIComponent(cursor)}` : path);

async function page(api: Api, list: PagedList, cursor?: string): Promise<{ items: unknown[]; nextCursor: string | null }> {
  const answer = await api.get(list.user, list.service, withCursor(list.path, cursor));
  const body = answer.body as Body;
  if (answer.status !== 200 || !Array.isArray(body.items))
    throw new Error(`${list.name}: ${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`);
  return { items: body.items, nextCursor: (body.nextCursor as string | null) ?? null };
}

/** Walks the list by its own next cursors (not timed) to page DEEP_PAGE, or to its last page. */
export async function walkToDeepPage(api: Api, list: PagedList, deepest = DEEP_PAGE): Promise<DeepPage> {
  let cursor: string | undefined;
  let before = 0;
  let current = await page(api, list);
  let depth = 1;
  while (depth < deepest && current.nextCursor) {
    before += current.items.length;
    cursor = current.nextCursor;
    current = await page(api, list, cursor);
    depth++;
  }
  if (!current.items.length) throw new Error(`${list.name}: page ${depth} is empty`);
  return { depth, last: current.nextCursor === null, before, cursor };
}

export interface DeepPageFigures {
  list: PagedList;
  deep: DeepPage;
  first: ReturnType<typeof latencySummary>;
  deepest: ReturnType<typeof latencySummary>;
  walkSeconds: number;
}

/**
 * Page 1 and the deep page of each list, `samples` requests each, alternating (so both meet the same
 * moments of a shared machine), after five warm-up requests of each.
 */
export async function deepPageLatencies(api: Api, lists: readonly PagedList[], samples: number): Promise<DeepPageFigures[]> {
  const out: DeepPageFigures[] = [];
  for (const list of lists) {
    const walkStarted = now();
    const deep = await walkToDeepPage(api, list);
    const walkSeconds = since(walkStarted) / 1000;
    log(
      `    ${list.name}: page ${deep.depth}${deep.last ? ' (the last)' : ''}, after ${deep.before} items, walked in ${walkSeconds.toFixed(1)} s`,
    );
    const first: number[] = [];
    const deepest: number[] = [];
    for (let i = -5; i < samples; i++) {
      for (const [cursor, times] of [
        [undefined, first],
        [deep.cursor, deepest],
      ] as const) {
        const start = now();
        const answer = await page(api, list, cursor);
        if (i >= 0) times.push(since(start));
        if (!answer.items.length) throw new Error(`${list.name}: an empty page`);
      }
    }
    out.push({ list, deep, first: latencySummary(first), deepest: latencySummary(deepest), walkSeconds });
  }
  return out;
}
