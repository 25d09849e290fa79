/**
 * The search page filters and counts results itself (src/lib/pagefind-facets.ts)
 * instead of asking Pagefind. Here both run over every shard of the built
 * fixture site, and must agree exactly: Pagefind's runtime in Node, with its
 * filter chunks loaded and the filters passed to it (as the page did before),
 * against an unfiltered search narrowed and counted by ShardFacets.
 *
 * Results of equal score are compared as a group: Pagefind sorts by score
 * with an unstable sort, so its order among ties depends on the set sorted
 * (measured: two results of equal score swapped between the filtered and the
 * unfiltered search). Narrowing an unfiltered search keeps its order instead.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  loadShardFacets,
  metaHash,
  parseFiltersFile,
  readShardFilterData,
  type PagefindEntry,
  type ShardFacets,
  type ValueSelection,
} from '../../src/lib/pagefind-facets.ts';
import { parseShardManifest } from '../../src/lib/search-shards.ts';
import { browseCounts, browseRowPath, parseBrowseRow } from '../../src/lib/browse-rows.ts';
import { parseFilterCounts } from '../../src/scripts/search/filter-values.ts';
import { sumCounts } from '../../src/scripts/search/merge.ts';
import { fixtureDist } from './fixture.ts';

type Counts = Record<string, Record<string, number>>;
type Filters = Record<string, { any: string[] }>;
type Result = { id: string; score: number };

/** Results in score order, each run of equal scores as a sorted set of ids. */
function byScore(results: readonly Result[]): [number, string[]][] {
  const runs: [number, string[]][] = [];
  for (const { id, score } of results) {
    const last = runs.at(-1);
    if (last && last[0] === score) last[1].push(id);
    else runs.push([score, [id]]);
  }
  return runs.map(([score, ids]) => [score, ids.sort()]);
}

interface Instance {
  init(): Promise<void>;
  filters(): Promise<Counts>;
  search(
    term: string | null,
    options?: { filters?: Filters; sort?: Record<string, string> },
  ): Promise<{ results: Result[]; filters: Counts }>;
}

interface Runtime {
  createInstance(options: Record<string, unknown>): Instance;
}

const ORIGIN = 'http://facets.invalid';
let dist: string;
let runtime: Runtime;
const originalFetch = globalThis.fetch;

beforeAll(async () => {
  dist = fixtureDist();
  // Pagefind's runtime fetches its files by URL: serve them from the built site.
  globalThis.fetch = (async (input: string | URL | Request) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    try {
      return new Response(await readFile(join(dist, decodeURIComponent(new URL(url, ORIGIN).pathname))));
    } catch {
      return new Response(null, { status: 404 });
    }
  }) as typeof fetch;
  runtime = (await import(pathToFileURL(join(dist, 'pagefind/pagefind.js')).href)) as Runtime;
}, 120_000);

afterAll(() => {
  globalThis.fetch = originalFetch;
});

/** Pagefind's own answer: filtered by it, each selected group counted by a search without its selection. */
async function pagefindAnswer(
  instance: Instance,
  term: string | null,
  selection: ValueSelection,
  sort: Record<string, string> | undefined,
) {
  const filters = (except?: string): Filters =>
    Object.fromEntries(
      Object.entries(selection)
        .filter(([key, values]) => key !== except && values.length > 0)
        .map(([key, values]) => [key, { any: [...values] }]),
    );
  const main = await instance.search(term, { filters: filters(), ...(sort ? { sort } : {}) });
  const counts = { ...main.filters };
  for (const [key, values] of Object.entries(selection)) {
    if (values.length === 0 || !(key in counts)) continue;
    const without = await instance.search(term, { filters: filters(key), ...(sort ? { sort } : {}) });
    counts[key] = without.filters[key] ?? {};
  }
  return { results: byScore(main.results), counts };
}

/**
 * A started instance of Pagefind's runtime on one shard, and the shard's filter totals. One instance at a
 * time: the runtime keeps its WebAssembly in one variable. Reading the totals loads every filter chunk, and
 * Pagefind counts only the groups it has loaded.
 */
async function openShard(bundle: string): Promise<{ instance: Instance; totals: Counts }> {
  const instance = runtime.createInstance({
    basePath: bundle,
    baseUrl: '/',
    excerptLength: 30,
    noWorker: true,
  });
  await instance.init();
  await instance.search('');
  return { instance, totals: await instance.filters() };
}

/** Selections worth comparing in a shard: none, each value alone, two groups, two values of a group, a missing value. */
function selections(totals: Counts): ValueSelection[] {
  const groups = Object.entries(totals).map(([key, values]) => [key, Object.keys(values)] as const);
  const out: ValueSelection[] = [{}];
  for (const [key, values] of groups) for (const value of values) out.push({ [key]: [value] });
  const [first, second] = groups;
  if (first && second) out.push({ [first[0]]: first[1].slice(0, 1), [second[0]]: second[1].slice(0, 1) });
  for (const [key, values] of groups) if (values.length > 1) out.push({ [key]: values.slice(0, 2) });
  out.push({ region: ['Atlantis'] }, { region: [] }, { nosuchgroup: ['x'] });
  return out;
}

describe("the page's own filtering and counting, against Pagefind's", () => {
  it('agrees on every shard of the fixture site: totals, results in score order, and counts', async () => {
    const manifest = parseShardManifest(
      JSON.parse(await readFile(join(dist, 'pagefind/shards.json'), 'utf8')),
    );
    expect(manifest.shards.length).toBeGreaterThan(1);
    let compared = 0;
    const groupsSeen = new Set<string>();
    for (const shard of manifest.shards) {
      const folder = join(dist, shard.bundle);
      // The manifest names the metadata file Pagefind's runtime loads (as the entry leads it there).
      const entry = JSON.parse(await readFile(join(folder, 'pagefind-entry.json'), 'utf8')) as PagefindEntry;
      expect(shard.meta).toBe(`pagefind.${metaHash(entry, 'en')}.pf_meta`);
      // The page reads the filter chunks from the one file the build wrote, which holds them all.
      const read = (path: string) => readFile(join(folder, path));
      expect(shard.filters).toMatch(/^filters\.[0-9a-f]+\.json$/);
      expect(parseFiltersFile(JSON.parse(await readFile(join(folder, shard.filters ?? ''), 'utf8')))).toEqual(
        (await readShardFilterData(read, shard.meta ?? '')).chunks,
      );
      const facets: ShardFacets = await loadShardFacets(read, {
        language: 'en',
        metaFile: shard.meta,
        filters: shard.filters,
      });
      const { instance, totals } = await openShard(shard.bundle);
      expect(facets.totals()).toEqual(totals);
      for (const group of Object.keys(totals)) groupsSeen.add(group);

      for (const term of [null, 'fixture', 'the', 'zebracorn']) {
        for (const sort of [undefined, { date: 'desc' }]) {
          const unfiltered = await instance.search(term, sort ? { sort } : {});
          for (const selection of selections(totals)) {
            const mine = facets.select(unfiltered.results, selection);
            const theirs = await pagefindAnswer(instance, term, selection, sort);
            expect(
              { results: byScore(mine.results), counts: mine.counts },
              JSON.stringify({ term, selection }),
            ).toEqual(theirs);
            compared++;
          }
        }
      }
    }
    expect(compared).toBeGreaterThan(500);
    // Some shard lacks a group (no source in it): selecting that group must match nothing there, as in Pagefind.
    expect([...groupsSeen].sort()).toEqual(['author', 'region', 'source', 'theme', 'year']);
  }, 120_000);

  it("gives a browse by one value the total and counts of Pagefind's own browse of every shard, from the value's row", async () => {
    const manifest = parseShardManifest(
      JSON.parse(await readFile(join(dist, 'pagefind/shards.json'), 'utf8')),
    );
    expect(manifest.browse).toMatch(/^browse\.[0-9a-f]{16}$/);
    const available = parseFilterCounts(
      JSON.parse(await readFile(join(dist, 'pagefind', manifest.values ?? ''), 'utf8')),
    );
    // Pagefind's own browse of each shard, filtered by each value.
    const values = Object.entries(available).flatMap(([group, counts]) =>
      Object.keys(counts).map((value) => ({ group, value })),
    );
    const answers = values.map(() => [] as Awaited<ReturnType<typeof pagefindAnswer>>[]);
    for (const shard of manifest.shards) {
      const { instance } = await openShard(shard.bundle);
      for (const [i, { group, value }] of values.entries()) {
        answers[i]?.push(await pagefindAnswer(instance, null, { [group]: [value] }, { date: 'desc' }));
      }
    }
    let compared = 0;
    for (const [i, { group, value }] of values.entries()) {
      // Summed over the shards as the page sums them.
      const perShard = answers[i] ?? [];
      const expected = {
        total: perShard.reduce((n, shard) => n + shard.results.flatMap(([, ids]) => ids).length, 0),
        counts: sumCounts(perShard.map((shard) => shard.counts)),
      };
      const row = parseBrowseRow(
        JSON.parse(
          await readFile(join(dist, 'pagefind', manifest.browse ?? '', browseRowPath(group, value)), 'utf8'),
        ),
        group,
        value,
      );
      expect({ total: row.total, counts: browseCounts(row, available) }, `${group}: ${value}`).toEqual(
        expected,
      );
      compared++;
    }
    expect(compared).toBeGreaterThan(20);
  }, 120_000);
});
