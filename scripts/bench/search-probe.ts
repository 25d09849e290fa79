/**
 * Measures search in headless Chromium against the built site, served by the
 * benchmark's gzip-capable static server:
 *
 *  - engine: Pagefind's own JS API, loaded from a blank page (so no site CSS
 *    or script is counted). Every Pagefind bundle found in the output is
 *    queried (a sharded index has several). Cold = a fresh browser context
 *    with an empty cache; a "search" = `search()` plus the data of the first
 *    10 results, which is what a results page needs before it can draw.
 *  - page: the site's own /search/ page, opened cold with the query in its URL
 *    (`/search/?q=…`, `/search/?region=…&sort=newest`), counted until the
 *    network is idle. Skipped with a message while the page does not exist.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { chromium, type Browser } from '@playwright/test';
import type { StaticServer } from './static-server.ts';

export const CHROMIUM_PATH = '/usr/bin/chromium';
const BLANK_PAGE = '/__bench__/blank.html';
export const EXTRA_PAGES = { [BLANK_PAGE]: '<!doctype html><title>bench</title>' };

export interface Transfer {
  requests: number;
  bytes: number;
  /** Bytes of Pagefind files among them. */
  searchBytes: number;
  /** Bytes by kind of file: script, wasm, meta, index, filter, fragment, other. */
  byKind: Record<string, number>;
}

/** The kind of a Pagefind file from its name, to see which part of the index a search pulls. */
export function fileKind(path: string): string {
  const name = path.replace(/[?#].*$/, '');
  if (/\.pf_fragment$/.test(name)) return 'fragment';
  if (/\.pf_index$/.test(name)) return 'index';
  if (/\.pf_filter$/.test(name)) return 'filter';
  if (/\.pf_meta$|pagefind-entry\.json$/.test(name)) return 'meta';
  if (/wasm\.[^/]*\.pagefind$/.test(name)) return 'wasm';
  if (/\/answers\/[^/]+\.json$/.test(name)) return 'answer';
  if (/\.m?js$/.test(name)) return 'script';
  return 'other';
}

export interface ColdSearch extends Transfer {
  label: string;
  query: string | null;
  filters?: Record<string, string[]> | undefined;
  sort?: Record<string, 'asc' | 'desc'> | undefined;
  results: number;
  ms: number;
}

export interface PageVisit extends Transfer {
  label: string;
  url: string;
  /** Milliseconds from navigation to network idle (includes the 500 ms idle wait). */
  msToIdle: number;
}

export interface LatencyResult {
  queries: { query: string; results: number; ms: number }[];
  p50: number;
  p95: number;
}

export interface SearchProbe {
  bundles: string[];
  /** Queries the search page answers from a precomputed file (the manifest's `answers`). */
  answers?: string[] | undefined;
  skipped?: string | undefined;
  engine?: { cold: ColdSearch[]; latency: LatencyResult; filterUsed?: string | undefined } | undefined;
  page?: { skipped?: string; visits: PageVisit[]; latency?: PageLatencyResult } | undefined;
}

/** Latency as a reader of the search page sees it, per query. */
export interface PageLatencyResult {
  queries: { query: string; results: number; msToFirstResults: number; msToCounts: number }[];
  /** Until the first page of results is shown. */
  firstResults: { p50: number; p95: number };
  /** Until the exact total and the filter counts are shown too (the search is complete). */
  counts: { p50: number; p95: number };
}

/**
 * Runs in the search page: submits `query` through its form and times the
 * first results (the first list item, or the no-results message) and the end
 * of the search (the results list stops being `aria-busy` once the total and
 * the filter counts are shown).
 */
const searchThroughPage = async (
  query: string,
): Promise<{ results: number; first: number; done: number }> => {
  const input = document.querySelector<HTMLInputElement>('#search-query');
  // The page's own form (the header has a search form too, which would navigate).
  const form = input?.form;
  const list = document.querySelector<HTMLOListElement>('#search-results');
  if (!form || !input || !list) throw new Error('not the search page');
  input.value = query;
  // The previous query's results stay listed until this one's are ready: only a new item counts.
  for (const item of list.children) item.setAttribute('data-stale', '');
  const started = performance.now();
  let first = 0;
  const finished = new Promise<void>((resolve) => {
    const check = () => {
      if (!first && [...list.children].some((item) => !item.hasAttribute('data-stale'))) {
        first = performance.now() - started;
      }
      if (!list.hasAttribute('aria-busy')) {
        observer.disconnect();
        resolve();
      }
    };
    const observer = new MutationObserver(check);
    observer.observe(list, { attributes: true, childList: true });
  });
  // The page marks the list busy before its first await, so the observer sees the end.
  form.requestSubmit();
  await finished;
  const done = performance.now() - started;
  // No results: the first thing shown is the complete answer ("No articles match …").
  const status = document.querySelector('#search-status')?.textContent ?? '';
  const total = /([\d,]+) (?:result|article)/.exec(status)?.[1];
  return {
    results: total ? Number(total.replaceAll(',', '')) : list.children.length,
    first: first || done,
    done,
  };
};

/** Pagefind's own data folders inside a bundle: never bundles themselves, and huge. */
const BUNDLE_DATA_DIRS = new Set(['fragment', 'index', 'filter']);

/**
 * URL paths (ending in `/`) of the folders that hold a Pagefind bundle of
 * pages: the shards the manifest (`pagefind/shards.json`) lists, which
 * leaves out the index's directory, a bundle of shards rather than pages.
 * Without a manifest, every bundle found, looking only into folders named
 * like `pagefind*` or `search*` (and below them), so it never walks the
 * hundred thousand article folders.
 */
export function findPagefindBundles(outDir: string): string[] {
  const manifest = join(outDir, 'pagefind', 'shards.json');
  if (existsSync(manifest)) {
    const { shards } = JSON.parse(readFileSync(manifest, 'utf8')) as { shards?: { bundle?: unknown }[] };
    if (Array.isArray(shards)) return shards.map((shard) => String(shard.bundle)).sort();
  }
  const bundles: string[] = [];
  const walk = (dir: string, depth: number, underSearch: boolean): void => {
    if (existsSync(join(dir, 'pagefind-entry.json')) && existsSync(join(dir, 'pagefind.js'))) {
      bundles.push(`/${relative(outDir, dir).split(sep).join('/')}/`.replace(/^\/\/$/, '/'));
      return;
    }
    if (depth === 0) return;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (!entry.isDirectory() || BUNDLE_DATA_DIRS.has(entry.name)) continue;
      const searchish = /pagefind|search/i.test(entry.name);
      if (underSearch || searchish) walk(join(dir, entry.name), depth - 1, true);
    }
  };
  walk(outDir, 3, false);
  return bundles.sort();
}

/** Nearest-rank percentile of a list of numbers. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] as number;
}

function transfer(server: StaticServer): Transfer {
  let bytes = 0;
  let searchBytes = 0;
  const byKind: Record<string, number> = {};
  for (const r of server.requests) {
    bytes += r.bytes;
    if (/pagefind/i.test(r.path)) searchBytes += r.bytes;
    const kind = fileKind(r.path);
    byKind[kind] = (byKind[kind] ?? 0) + r.bytes;
  }
  return { requests: server.requests.length, bytes, searchBytes, byKind };
}

interface InPageSearch {
  bundles: string[];
  query: string | null;
  filters?: Record<string, string[]> | undefined;
  sort?: Record<string, 'asc' | 'desc'> | undefined;
}

/** Runs in the browser: loads every bundle, searches them all, loads the first 10 results. */
const runSearchInPage = async (args: InPageSearch): Promise<{ results: number; ms: number }> => {
  interface PagefindResult {
    data: () => Promise<unknown>;
  }
  interface Pagefind {
    options: (o: Record<string, unknown>) => Promise<void>;
    init: () => Promise<void>;
    search: (
      q: string | null,
      o: Record<string, unknown>,
    ) => Promise<{ results: PagefindResult[]; unfilteredResultCount: number }>;
  }
  const w = window as unknown as { __benchPagefind?: Pagefind[] };
  const started = performance.now();
  if (!w.__benchPagefind) {
    w.__benchPagefind = await Promise.all(
      args.bundles.map(async (base) => {
        const pf = (await import(`${base}pagefind.js`)) as Pagefind;
        await pf.options({ basePath: base });
        await pf.init();
        return pf;
      }),
    );
  }
  const options: Record<string, unknown> = {};
  if (args.filters) options.filters = args.filters;
  if (args.sort) options.sort = args.sort;
  const searches = await Promise.all(w.__benchPagefind.map((pf) => pf.search(args.query, options)));
  const results = searches.flatMap((s) => s.results);
  await Promise.all(results.slice(0, 10).map((r) => r.data()));
  return { results: results.length, ms: performance.now() - started };
};

/** Runs in the browser: the filter with most values, and its most used value. */
const pickFilterInPage = async (bundle: string): Promise<[string, string] | undefined> => {
  const pf = (await import(`${bundle}pagefind.js`)) as {
    filters: () => Promise<Record<string, Record<string, number>>>;
  };
  const filters = await pf.filters();
  const key = 'region' in filters ? 'region' : Object.keys(filters)[0];
  if (!key) return undefined;
  const values = Object.entries(filters[key] ?? {}).sort((a, b) => b[1] - a[1]);
  return values[0] ? [key, values[0][0]] : undefined;
};

export interface ProbeOptions {
  outDir: string;
  server: StaticServer;
  rareWord: string;
  commonWord: string;
  queries: readonly string[];
  /** Region id for the page's filtered browse URL. */
  browseRegion: string;
  log?: ((line: string) => void) | undefined;
}

/** The queries with a precomputed answer, from the search manifest, if the build wrote one. */
function precomputedAnswers(outDir: string): string[] | undefined {
  try {
    const manifest = JSON.parse(readFileSync(join(outDir, 'pagefind', 'shards.json'), 'utf8')) as {
      answers?: unknown;
    };
    return Array.isArray(manifest.answers) ? manifest.answers.map(String) : undefined;
  } catch {
    return undefined;
  }
}

export async function probeSearch(options: ProbeOptions): Promise<SearchProbe> {
  const { server, outDir } = options;
  const bundles = findPagefindBundles(outDir);
  const hasSearchPage = existsSync(join(outDir, 'search', 'index.html'));
  if (bundles.length === 0 && !hasSearchPage) {
    return {
      bundles,
      skipped:
        'no Pagefind bundle (pagefind-entry.json + pagefind.js) and no /search/ page in the build output: ' +
        'search is not built yet, so transfer and latency were not measured',
    };
  }

  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true });
    const result: SearchProbe = { bundles, answers: precomputedAnswers(outDir) };

    if (bundles.length > 0) {
      let filterUsed: [string, string] | undefined;
      {
        const context = await browser.newContext();
        const page = await context.newPage();
        await page.goto(server.url + BLANK_PAGE);
        filterUsed = await page.evaluate(pickFilterInPage, bundles[0] as string);
        await context.close();
      }
      const scenarios: Omit<ColdSearch, keyof Transfer | 'results' | 'ms'>[] = [
        { label: 'rare word', query: options.rareWord },
        { label: 'most common word', query: options.commonWord },
        {
          label: 'filtered browse, newest first',
          query: null,
          filters: filterUsed ? { [filterUsed[0]]: [filterUsed[1]] } : undefined,
          sort: { date: 'desc' },
        },
      ];
      const cold: ColdSearch[] = [];
      for (const scenario of scenarios) {
        const context = await browser.newContext();
        const page = await context.newPage();
        await page.goto(server.url + BLANK_PAGE);
        server.reset();
        const { results, ms } = await page.evaluate(runSearchInPage, {
          bundles,
          query: scenario.query,
          filters: scenario.filters,
          sort: scenario.sort,
        });
        cold.push({ ...scenario, ...transfer(server), results, ms });
        options.log?.(
          `  cold search, ${scenario.label}: ${results} results, ${(transfer(server).bytes / 1024).toFixed(1)} kB`,
        );
        await context.close();
      }

      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(server.url + BLANK_PAGE);
      // Warm the engine (script, WebAssembly, metadata) so latency is per query, not per page load.
      await page.evaluate(runSearchInPage, { bundles, query: 'warmup' });
      const measured: LatencyResult['queries'] = [];
      for (const query of options.queries) {
        const { results, ms } = await page.evaluate(runSearchInPage, { bundles, query });
        measured.push({ query, results, ms });
      }
      await context.close();
      const times = measured.map((q) => q.ms);
      result.engine = {
        cold,
        latency: { queries: measured, p50: percentile(times, 50), p95: percentile(times, 95) },
        filterUsed: filterUsed ? `${filterUsed[0]}=${filterUsed[1]}` : undefined,
      };
    }

    if (!hasSearchPage) {
      result.page = {
        skipped: 'the build has no /search/ page yet: page-level transfer was not measured',
        visits: [],
      };
    } else {
      const visits: PageVisit[] = [];
      const urls: [string, string][] = [
        ['rare word', `/search/?q=${encodeURIComponent(options.rareWord)}`],
        ['most common word', `/search/?q=${encodeURIComponent(options.commonWord)}`],
        [
          'filtered browse, newest first',
          `/search/?region=${encodeURIComponent(options.browseRegion)}&sort=newest`,
        ],
      ];
      for (const [label, url] of urls) {
        const context = await browser.newContext();
        const page = await context.newPage();
        server.reset();
        const started = performance.now();
        await page.goto(server.url + url, { waitUntil: 'networkidle' });
        visits.push({ label, url, ...transfer(server), msToIdle: performance.now() - started });
        await context.close();
      }
      // The same fixed queries as above, through the page's own engine (the one readers use:
      // merged shards, exact counts), in one warm page, submitted one after another.
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`${server.url}/search/`, { waitUntil: 'networkidle' });
      await page.evaluate(searchThroughPage, 'warmup');
      const queries: PageLatencyResult['queries'] = [];
      for (const query of options.queries) {
        const { results, first, done } = await page.evaluate(searchThroughPage, query);
        queries.push({ query, results, msToFirstResults: first, msToCounts: done });
      }
      await context.close();
      const firsts = queries.map((q) => q.msToFirstResults);
      const dones = queries.map((q) => q.msToCounts);
      result.page = {
        visits,
        latency: {
          queries,
          firstResults: { p50: percentile(firsts, 50), p95: percentile(firsts, 95) },
          counts: { p50: percentile(dones, 50), p95: percentile(dones, 95) },
        },
      };
    }
    return result;
  } finally {
    await browser?.close();
  }
}
