/**
 * The search engine of the search page, on Pagefind's JS API. It queries every
 * bundle of bundles.ts and merges their answers, resolves URL filter slugs to
 * index values, and computes faceted counts: a group with a selection counts
 * its values with its own selection cleared, so OR within a group reads right.
 */
import { SEARCH_BUNDLES, bundleFileUrl } from './bundles.ts';
import {
  groupsCountedSeparately,
  pagefindFilters,
  resolveSelection,
  type FilterCounts,
  type PagefindFilters,
} from './filter-values.ts';
import { mergeResults, sumCounts } from './merge.ts';
import { effectiveSort, type FilterSelection, type SearchState, type SortMode } from './url-state.ts';

export interface PagefindResultData {
  url: string;
  excerpt: string;
  meta: Record<string, string | undefined>;
  filters: Record<string, string[] | undefined>;
}

export interface PagefindResult {
  id: string;
  score: number;
  data(): Promise<PagefindResultData>;
}

interface PagefindSearchOptions {
  filters?: PagefindFilters;
  sort?: Record<string, 'asc' | 'desc'> | undefined;
}

interface PagefindAnswer {
  results: PagefindResult[];
  filters: FilterCounts;
}

/** The part of Pagefind's JS API (pagefind.js) this page uses. */
interface PagefindApi {
  options(options: Record<string, unknown>): Promise<void>;
  init(): Promise<void>;
  search(term: string | null, options?: PagefindSearchOptions): Promise<PagefindAnswer>;
  debouncedSearch(
    term: string | null,
    options?: PagefindSearchOptions,
    milliseconds?: number,
  ): Promise<PagefindAnswer | null>;
  preload(term: string, options?: PagefindSearchOptions): Promise<void>;
  filters(): Promise<FilterCounts>;
}

export interface SearchAnswer {
  /** Every matching result, in display order; only their data is loaded page by page. */
  results: PagefindResult[];
  /** Per group and value: how many results that value would give (see the module comment). */
  counts: FilterCounts;
  /** The selection as index values, for describing the search to the reader. */
  resolved: FilterSelection;
  sort: SortMode;
}

/** Typing pauses this long before a search runs. */
const DEBOUNCE_MS = 250;

function sortOption(sort: SortMode): PagefindSearchOptions['sort'] {
  if (sort === 'newest') return { date: 'desc' };
  if (sort === 'oldest') return { date: 'asc' };
  return undefined;
}

export class SearchEngine {
  readonly #bundles: readonly string[];
  #apis: Promise<PagefindApi[]> | undefined;
  #available: Promise<FilterCounts> | undefined;

  constructor(bundles: readonly string[] = SEARCH_BUNDLES) {
    this.#bundles = bundles;
  }

  /** Loads every bundle's pagefind.js once; rejects when the index is missing. */
  load(): Promise<PagefindApi[]> {
    this.#apis ??= Promise.all(
      this.#bundles.map(async (bundle) => {
        // A runtime URL, kept out of Vite's bundling: the index exists only in the built site.
        const url = bundleFileUrl(bundle, 'pagefind.js');
        const api = (await import(/* @vite-ignore */ url)) as PagefindApi;
        await api.options({ basePath: bundle, excerptLength: 30 });
        await api.init();
        return api;
      }),
    );
    return this.#apis;
  }

  /** Every filter value of the archive with its number of articles. */
  async allFilters(): Promise<FilterCounts> {
    this.#available ??= this.load().then(async (apis) =>
      sumCounts(await Promise.all(apis.map((a) => a.filters()))),
    );
    return this.#available;
  }

  /** Starts fetching the index chunks for a term while the reader is still typing. */
  async preload(term: string): Promise<void> {
    if (!term.trim()) return;
    const apis = await this.load();
    await Promise.all(apis.map((api) => api.preload(term)));
  }

  /**
   * Runs the search of `state`. With `debounce`, returns null when a newer
   * debounced search superseded this one (the reader kept typing).
   */
  async run(state: SearchState, { debounce = false } = {}): Promise<SearchAnswer | null> {
    const apis = await this.load();
    const resolved = resolveSelection(state.filters, await this.allFilters());
    const sort = effectiveSort(state);
    const term = state.query || null;
    const options = { filters: pagefindFilters(resolved), sort: sortOption(sort) };
    const answers = await Promise.all(
      apis.map((api) =>
        debounce ? api.debouncedSearch(term, options, DEBOUNCE_MS) : api.search(term, options),
      ),
    );
    if (answers.some((a) => a === null)) return null;
    const main = answers as PagefindAnswer[];
    const counts = sumCounts(main.map((a) => a.filters));
    const available = await this.allFilters();
    for (const key of groupsCountedSeparately(resolved)) {
      const without = { filters: pagefindFilters(resolved, key) };
      if (term === null && Object.keys(without.filters).length === 0) {
        // Browsing by this group alone: its counts are the archive's.
        counts[key] = available[key] ?? {};
        continue;
      }
      const own = await Promise.all(apis.map((api) => api.search(term, without)));
      counts[key] = sumCounts(own.map((a) => a.filters))[key] ?? {};
    }
    return {
      results: mergeResults(
        main.map((a) => a.results),
        sort,
      ),
      counts,
      resolved,
      sort,
    };
  }
}
