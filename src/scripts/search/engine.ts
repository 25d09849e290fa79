/**
 * The search engine of the search page, on Pagefind's JS API, over the shards
 * of the index listed in `/pagefind/shards.json` (newest period first). It
 * resolves URL filter slugs to index values, queries the shards, merges their
 * answers, and computes faceted counts: a group with a selection counts its
 * values with its own selection cleared, so OR within a group reads right.
 *
 * Pagefind's runtime (`pagefind.js`) runs in workers of the page's own
 * (src/scripts/search/shard-workers.ts, shard-worker.ts: why not Pagefind's
 * own worker), and each shard is an instance of it in one of them, started
 * the first time it is searched, so a shard nobody needs costs nothing. A
 * worker runs its searches one shard after another, and a search for a word
 * in every article costs Pagefind a good part of a second per shard of
 * 2,500, so with several shards the page starts up to {@link MAX_RUNTIMES}
 * workers (one per core) and deals the shards out among them, which search
 * them in parallel on the reader's cores. An extra worker costs its script
 * and its own copy of Pagefind's runtime (the files are downloaded once).
 *
 * What each kind of search reads:
 *  - relevance, for one of the archive's most common words and no filter:
 *    one precomputed answer file (src/lib/search-answers.ts: the first
 *    results, 50 by default, the total and the counts, computed at build
 *    time by Pagefind with this engine's merge), and the index only for
 *    results past those;
 *  - relevance: every shard that holds the query's words (scores can only
 *    be compared once all are known), merged by score;
 *  - newest / oldest, and browse mode: shards in date order, only until the
 *    page of results asked for is filled (`ShardedResults`); "load more"
 *    continues into the next shards;
 *  - the counts of a browse by one filter value (no words): one row the
 *    build wrote for that value (src/lib/browse-rows.ts), not every shard.
 *
 * Which shards hold the query's words comes from the index's directory
 * (src/lib/search-directory.ts): one more small Pagefind bundle, asked once
 * per term before any shard. A rare word then reads one or two shards, not
 * all of them, and a shard without a word is not asked about it (Pagefind
 * would answer with pages of a shorter word it holds). A query without
 * words (browse mode) reads the shards in date order as before.
 *
 * Filters never reach Pagefind: it searches each shard unfiltered, and the
 * page narrows the results to the selection and counts filter values itself
 * (src/lib/pagefind-facets.ts, from the shard's own metadata and filter
 * chunks), because Pagefind's counting grows with results × pages and
 * doubled the time of a frequent word's search.
 *
 * Counts and the total are exact: they are what the status line and the
 * filter panel (visible beside the results) show. They come from every shard,
 * the only exact source for a search with words, or from the one row of a
 * browse by one filter value. So a search answers in two steps: `slice()`
 * returns the first page as soon as the shards that hold it have answered,
 * and `complete` resolves with the exact total and counts once every shard
 * has, and its filter data has loaded (off the path of the first results).
 * Filtered searches need every shard's filter values before the first page
 * (to resolve the URL's slugs to values, and to filter).
 */
import { SEARCH_ROOT, bundleFileUrl } from './bundles.ts';
import { parseFilterCounts, resolveSelection, type FilterCounts } from './filter-values.ts';
import { ShardedResults, mergeResults, sumCounts } from './merge.ts';
import {
  effectiveSort,
  emptyFilters,
  hasFilters,
  type FilterSelection,
  type SearchState,
  type SortMode,
} from './url-state.ts';
import {
  SHARD_MANIFEST_FILE,
  parseShardManifest,
  shardsInDateOrder,
  type ShardManifestEntry,
} from '../../lib/search-shards.ts';
import {
  EXCERPT_LENGTH,
  answerFile,
  parseWordAnswer,
  type PagefindResultData,
  type WordAnswer,
} from '../../lib/search-answers.ts';
import { PAGEFIND_ENTRY_FILE, loadShardFacets, type ShardFacets } from '../../lib/pagefind-facets.ts';
import { candidateShards, queryTerms } from '../../lib/search-directory.ts';
import { browseCounts, browseRowPath, parseBrowseRow, singleValue } from '../../lib/browse-rows.ts';
import { ShardWorker, type PagefindResult } from './shard-workers.ts';

export type { PagefindResult, PagefindResultData };

interface PagefindSearchOptions {
  sort?: Record<string, 'asc' | 'desc'> | undefined;
}

interface PagefindAnswer {
  results: PagefindResult[];
}

export interface SearchAnswer {
  /** Results `start` to `start + count` in display order; only their data is loaded page by page. */
  slice(start: number, count: number): Promise<PagefindResult[]>;
  /** The exact number of results and, per group and value, how many results that value would give. */
  complete: Promise<{ total: number; counts: FilterCounts }>;
  /** The selection as index values, for describing the search to the reader. */
  resolved: FilterSelection;
  sort: SortMode;
}

/**
 * Most workers (each with its copy of Pagefind's runtime) a search runs on.
 * Each costs a worker's memory.
 */
export const MAX_RUNTIMES = 4;

/** How many workers to search `shards` shards with, on a device with `cores` cores. */
export function runtimeCount(shards: number, cores: number | undefined): number {
  return Math.max(1, Math.min(shards, MAX_RUNTIMES, Math.floor(cores ?? 1)));
}

/** Typing pauses this long before a search runs. */
const DEBOUNCE_MS = 250;

function sortOption(sort: SortMode): PagefindSearchOptions['sort'] {
  if (sort === 'newest') return { date: 'desc' };
  if (sort === 'oldest') return { date: 'asc' };
  return undefined;
}

const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

class Shard {
  readonly entry: ShardManifestEntry;
  readonly #worker: ShardWorker;
  #facets: Promise<ShardFacets> | undefined;

  constructor(worker: ShardWorker, entry: ShardManifestEntry) {
    this.#worker = worker;
    this.entry = entry;
  }

  /**
   * The shard's filter data: its metadata (shared with Pagefind) and the
   * filters file the build wrote (src/lib/pagefind-facets.ts). A failure is
   * not kept, so the next search tries again.
   */
  facets(): Promise<ShardFacets> {
    if (this.#facets) return this.#facets;
    this.#facets = loadShardFacets(
      async (path) => {
        // Pagefind fetches the metadata too. It and the filters file are named by their
        // content's hash, so a cached copy is never stale: take it without asking the
        // server again. The entry (read only when the manifest names no metadata file)
        // has a fixed name: revalidate it as usual.
        const cache = path === PAGEFIND_ENTRY_FILE ? 'default' : 'force-cache';
        const response = await fetch(bundleFileUrl(this.entry.bundle, path), { cache });
        if (!response.ok) throw new Error(`search filters: HTTP ${response.status} for ${path}`);
        return new Uint8Array(await response.arrayBuffer());
      },
      {
        language: document.documentElement.lang || 'en',
        metaFile: this.entry.meta,
        filters: this.entry.filters,
      },
    );
    this.#facets.catch(() => (this.#facets = undefined));
    return this.#facets;
  }

  async search(term: string | null, options: PagefindSearchOptions): Promise<PagefindAnswer> {
    return { results: await this.#worker.search(this.entry.bundle, term, options.sort) };
  }

  /** Starts loading the index chunks of `term`, for a search to come. */
  preload(term: string): Promise<void> {
    return this.#worker.preload(this.entry.bundle, term);
  }
}

/** The same values with every count 0. */
function zeroCounts(counts: FilterCounts): FilterCounts {
  return Object.fromEntries(
    Object.entries(counts).map(([key, values]) => [
      key,
      Object.fromEntries(Object.keys(values).map((v) => [v, 0])),
    ]),
  );
}

/** `compute`, run at most once per shard: later calls get the first call's promise. */
function oncePerShard<T>(compute: (shard: Shard) => Promise<T>): (shard: Shard) => Promise<T> {
  const known = new Map<Shard, Promise<T>>();
  return (shard) => {
    let value = known.get(shard);
    if (!value) {
      value = compute(shard);
      known.set(shard, value);
    }
    return value;
  };
}

/**
 * The index's directory: a bundle with one record per shard, the shard each
 * record stands for, and the record of the words every shard holds.
 */
interface Directory {
  bundle: Shard;
  shardOf: Map<string, number>;
  everyShard: string | undefined;
}

/** Queries whose shards are remembered, so that a preload and its search ask the directory once. */
const REMEMBERED_QUERIES = 50;

export class SearchEngine {
  readonly #root: string;
  #shards: Promise<Shard[]> | undefined;
  #directory: Directory | undefined;
  /** The file of every filter value of the archive, from the manifest. */
  #valuesFile: string | undefined;
  /** The folder of the counts of a browse by one value, from the manifest. */
  #browseFolder: string | undefined;
  /** The shards that can answer each recent query, by query. */
  readonly #shardsOfQuery = new Map<string, Promise<Shard[]>>();
  #available: Promise<FilterCounts> | undefined;
  /** Queries with a precomputed answer, from the manifest. */
  #answerable = new Set<string>();
  readonly #answers = new Map<string, Promise<WordAnswer>>();
  /** Increases with every search; a debounced search that is no longer the latest is dropped. */
  #latest = 0;

  constructor(root: string = SEARCH_ROOT) {
    this.#root = root;
  }

  /** Starts the search workers and reads the shard manifest, once; rejects when the index is missing. */
  load(): Promise<Shard[]> {
    this.#shards ??= (async () => {
      // Started before the manifest is read, so Pagefind's runtime loads meanwhile.
      const runtime = bundleFileUrl(this.#root, 'pagefind.js');
      const startWorker = () => new ShardWorker(runtime, EXCERPT_LENGTH);
      const first = startWorker();
      const [response] = await Promise.all([
        fetch(bundleFileUrl(this.#root, SHARD_MANIFEST_FILE)),
        first.ready,
      ]);
      if (!response.ok) throw new Error(`search manifest: HTTP ${response.status}`);
      const manifest = parseShardManifest(await response.json());
      this.#answerable = new Set(manifest.answers);
      this.#valuesFile = manifest.values;
      this.#browseFolder = manifest.browse;
      const count = runtimeCount(manifest.shards.length, navigator.hardwareConcurrency);
      const workers = [first, ...Array.from({ length: count - 1 }, startWorker)];
      const directory = manifest.directory;
      // Each bundle's entry, which the manifest carries, so that the workers' runtime need not
      // fetch it before the bundle's metadata (src/scripts/search/pagefind-fetch.ts).
      const entries = Object.fromEntries(
        [...manifest.shards, ...(directory ? [directory] : [])].flatMap(({ bundle, entry }) =>
          entry ? [[bundle, JSON.stringify(entry)]] : [],
        ),
      );
      for (const worker of workers) worker.sendEntries(entries);
      if (directory) {
        // A bundle like a shard's, without dates or filters: only ever searched.
        const entry = { bundle: directory.bundle, meta: directory.meta, newest: '', oldest: '', pages: 0 };
        this.#directory = {
          bundle: new Shard(first, entry),
          shardOf: new Map(directory.pages.map((id, position) => [id, position])),
          everyShard: directory.everyShard,
        };
      }
      // Dealt out in turn, so the shards of a relevance search spread evenly, and the
      // newest shards (read first by date-sorted searches) land on different workers.
      return manifest.shards.map((entry, i) => new Shard(workers[i % workers.length] ?? first, entry));
    })();
    return this.#shards;
  }

  /**
   * Every filter value of the archive with its number of articles: one file
   * the build wrote, or, from an index without it, every shard's filter data.
   */
  async allFilters(): Promise<FilterCounts> {
    if (this.#available) return this.#available;
    this.#available = this.load().then(async (shards) => {
      const file = this.#valuesFile;
      if (!file) return sumCounts((await Promise.all(shards.map((s) => s.facets()))).map((f) => f.totals()));
      // Named by its content's hash: a cached copy is never stale.
      const response = await fetch(bundleFileUrl(this.#root, file), { cache: 'force-cache' });
      if (!response.ok) throw new Error(`search filter values: HTTP ${response.status}`);
      return parseFilterCounts(await response.json());
    });
    // A failure is not kept: the next search tries again.
    this.#available.catch(() => (this.#available = undefined));
    return this.#available;
  }

  /** Starts fetching the index chunks of a term, in the shards its search will read first, while the reader types. */
  async preload(state: SearchState): Promise<void> {
    const term = state.query.trim();
    if (!term) return;
    await this.load();
    const sort = effectiveSort(state);
    if (this.#precomputed(state)) return;
    const shards = await this.#shardsFor(state.query);
    const first = sort === 'relevance' ? shards : shardsInDateOrder(shards, sort).slice(0, 1);
    await Promise.all(first.map((s) => s.preload(term)));
  }

  /**
   * Runs the search of `state` and returns once its first `pageSize` results
   * are known. With `debounce`, waits for the reader to stop typing and
   * returns null when a newer search superseded this one.
   */
  async run(
    state: SearchState,
    { debounce = false, pageSize = 10 }: { debounce?: boolean; pageSize?: number } = {},
  ): Promise<SearchAnswer | null> {
    const ticket = ++this.#latest;
    if (debounce) {
      await sleep(DEBOUNCE_MS);
      if (ticket !== this.#latest) return null;
    }
    await this.load();
    if (this.#precomputed(state)) {
      // A missing or broken answer file is not the reader's problem: search the index.
      const answer = await this.#answer(state.query).catch(() => undefined);
      if (answer) return this.#fromAnswer(answer, state, pageSize);
    }
    return this.#search(state, pageSize);
  }

  /** Whether `state` is answered by a precomputed answer file (valid once `load()` resolved). */
  #precomputed(state: SearchState): boolean {
    return effectiveSort(state) === 'relevance' && !hasFilters(state) && this.#answerable.has(state.query);
  }

  #answer(query: string): Promise<WordAnswer> {
    let answer = this.#answers.get(query);
    if (!answer) {
      answer = fetch(bundleFileUrl(this.#root, answerFile(query))).then(async (response) => {
        if (!response.ok) throw new Error(`search answer for "${query}": HTTP ${response.status}`);
        return parseWordAnswer(await response.json(), query);
      });
      // A failure is not kept: the next search for the word tries again.
      answer.catch(() => this.#answers.delete(query));
      this.#answers.set(query, answer);
    }
    return answer;
  }

  /**
   * The answer of a precomputed query: its first results from the file, and
   * any result past them from a search of the index, run only when asked for.
   */
  #fromAnswer(answer: WordAnswer, state: SearchState, pageSize: number): SearchAnswer {
    const first: PagefindResult[] = answer.first.map(({ id, score, data }) => ({
      id,
      score,
      data: () => Promise.resolve(data),
    }));
    let full: Promise<SearchAnswer> | undefined;
    return {
      slice: async (start, count) => {
        if (start + count <= first.length || first.length >= answer.total) {
          return first.slice(start, start + count);
        }
        full ??= this.#search(state, pageSize);
        return (await full).slice(start, count);
      },
      complete: Promise.resolve({ total: answer.total, counts: answer.counts }),
      resolved: emptyFilters(),
      sort: 'relevance',
    };
  }

  /**
   * The shards that can hold results for `query`, in manifest order: those
   * the directory finds every remaining term in (src/lib/search-directory.ts),
   * or every shard when there is no directory or no term to look up.
   */
  #shardsFor(query: string): Promise<Shard[]> {
    let known = this.#shardsOfQuery.get(query);
    if (known) return known;
    known = (async () => {
      const all = await this.load();
      const terms = queryTerms(query);
      const directory = this.#directory;
      if (!directory || !terms) return all;
      // Chunks load in parallel; the searches then run one after another on one instance.
      await Promise.all(terms.map((term) => directory.bundle.preload(term)));
      const perTerm: Set<number>[] = [];
      for (const term of terms) {
        const { results } = await directory.bundle.search(term, {});
        perTerm.push(
          new Set(
            results.flatMap((r) =>
              r.id === directory.everyShard
                ? all.map((_, position) => position)
                : (directory.shardOf.get(r.id) ?? []),
            ),
          ),
        );
      }
      const holding = candidateShards(perTerm);
      return all.filter((_, position) => holding.has(position));
    })();
    // A failure is not kept: the next search asks again.
    known.catch(() => this.#shardsOfQuery.delete(query));
    if (this.#shardsOfQuery.size >= REMEMBERED_QUERIES) this.#shardsOfQuery.clear();
    this.#shardsOfQuery.set(query, known);
    return known;
  }

  /**
   * The total and counts of a browse by `value` of `group`, from the value's
   * row; undefined when the index has no rows or the row cannot be read, and
   * the shards must count.
   */
  async #browseCounts(
    group: string,
    value: string,
  ): Promise<{ total: number; counts: FilterCounts } | undefined> {
    const folder = this.#browseFolder;
    if (!folder) return undefined;
    try {
      const available = await this.allFilters();
      if (available[group]?.[value] === undefined) return undefined;
      // Named by a hash of every row: a cached copy is never stale.
      const response = await fetch(bundleFileUrl(this.#root, `${folder}/${browseRowPath(group, value)}`), {
        cache: 'force-cache',
      });
      if (!response.ok) return undefined;
      const row = parseBrowseRow(await response.json(), group, value);
      return { total: row.total, counts: browseCounts(row, available) };
    } catch {
      return undefined;
    }
  }

  /** Searches the index's shards for `state` and returns once its first `pageSize` results are known. */
  async #search(state: SearchState, pageSize: number): Promise<SearchAnswer> {
    await this.load();
    const shards = state.query ? await this.#shardsFor(state.query) : await this.load();
    const sort = effectiveSort(state);
    const filtered = hasFilters(state);
    // Slugs resolve against every shard's values: an older shard may hold a value the newest lacks.
    const resolved = filtered ? resolveSelection(state.filters, await this.allFilters()) : emptyFilters();
    const term = state.query || null;
    const options: PagefindSearchOptions = { sort: sortOption(sort) };

    // Each shard is searched once per run, unfiltered; its results are narrowed and counted here.
    const search = oncePerShard((shard) => shard.search(term, options));
    const select = oncePerShard((shard) =>
      Promise.all([search(shard), shard.facets()]).then(([answer, facets]) =>
        facets.select(answer.results, resolved),
      ),
    );
    // Without filters the first page needs no filter data.
    const shardResults = async (shard: Shard) =>
      filtered ? (await select(shard)).results : (await search(shard)).results;

    let slice: SearchAnswer['slice'];
    let firstPage: Promise<unknown>;
    if (sort === 'relevance') {
      const merged = Promise.all(shards.map(shardResults)).then((all) => mergeResults(all, sort));
      slice = async (start, count) => (await merged).slice(start, start + count);
      firstPage = merged;
    } else {
      const ordered = new ShardedResults(shardsInDateOrder(shards, sort).map((s) => () => shardResults(s)));
      slice = (start, count) => ordered.slice(start, count);
      firstPage = ordered.slice(0, pageSize);
    }

    // A browse by one value counts from its row, not from every shard (src/lib/browse-rows.ts).
    const browsed = term === null ? singleValue(resolved) : undefined;
    const complete = (async () => {
      // Off the path of the first results: the rest of the shards and their filter data load after them.
      await firstPage.catch(() => undefined);
      // And after the page has asked for the first results' excerpts: counting takes the main
      // thread for a while (17 ms for 8,430 results in 4 shards), better spent while the
      // excerpts download than before they are asked for.
      await sleep(0);
      const fromRow = browsed && (await this.#browseCounts(browsed.group, browsed.value));
      if (fromRow) return fromRow;
      const all = await Promise.all(shards.map(select));
      // Values of shards the directory left out count 0, as in one index of the archive.
      const skipped = shards.length < (await this.load()).length;
      const zero = skipped ? [zeroCounts(await this.allFilters())] : [];
      return {
        total: all.reduce((sum, shard) => sum + shard.results.length, 0),
        counts: sumCounts([...zero, ...all.map((shard) => shard.counts)]),
      };
    })();
    // The page may leave a search before its counts arrive; its failure is reported where awaited.
    complete.catch(() => undefined);
    await firstPage;
    return { slice, complete, resolved, sort };
  }
}
