/**
 * The search page's state, kept in its URL so a search can be bookmarked,
 * shared and restored with the back button:
 *
 *   /search/?q=s-400&region=europe&region=usa&sort=newest
 *
 * Filter values in the URL are slugs (`europe`, `zero-hedge`, `2019`), the same
 * segments as the browse pages' URLs; filter-values.ts maps them to the index's
 * display values. Pure: no DOM, no Pagefind, so it is unit tested exhaustively.
 */

/** Filter groups, in the order the page shows them and the URL lists them. */
export const FILTER_KEYS = ['region', 'theme', 'source', 'author', 'year'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

export const SORT_MODES = ['relevance', 'newest', 'oldest'] as const;
export type SortMode = (typeof SORT_MODES)[number];

export const QUERY_PARAM = 'q';
export const SORT_PARAM = 'sort';
/** Parameter Pagefind's highlighter reads on article pages. */
export const HIGHLIGHT_PARAM = 'highlight';

export type FilterSelection = Record<FilterKey, string[]>;

export interface SearchState {
  /** The words typed, trimmed; empty in browse mode. */
  query: string;
  /** Selected slugs per group: sorted, unique. */
  filters: FilterSelection;
  /** As chosen; see {@link effectiveSort} for what a search uses. */
  sort: SortMode;
}

/** Longest query kept from a URL; Pagefind gains nothing from more. */
export const MAX_QUERY_LENGTH = 200;

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function emptyFilters(): FilterSelection {
  return { region: [], theme: [], source: [], author: [], year: [] };
}

export function emptyState(): SearchState {
  return { query: '', filters: emptyFilters(), sort: 'relevance' };
}

function isSortMode(value: string | null): value is SortMode {
  return (SORT_MODES as readonly (string | null)[]).includes(value);
}

function normalizeSlugs(values: readonly string[]): string[] {
  const slugs = values.map((v) => v.trim().toLowerCase()).filter((v) => SLUG.test(v));
  return [...new Set(slugs)].sort();
}

/** The canonical form of a state: trimmed query, sorted unique valid slugs. */
export function normalizeState(state: SearchState): SearchState {
  const filters = emptyFilters();
  for (const key of FILTER_KEYS) filters[key] = normalizeSlugs(state.filters[key]);
  return {
    query: state.query.trim().slice(0, MAX_QUERY_LENGTH).trim(),
    filters,
    sort: isSortMode(state.sort) ? state.sort : 'relevance',
  };
}

/** Reads a state from `location.search` (or any query string). Never throws; ignores what it does not know. */
export function parseSearchState(search: string | URLSearchParams): SearchState {
  const params = typeof search === 'string' ? new URLSearchParams(search) : search;
  const filters = emptyFilters();
  for (const key of FILTER_KEYS) filters[key] = params.getAll(key);
  const sort = params.get(SORT_PARAM);
  return normalizeState({
    query: params.get(QUERY_PARAM) ?? '',
    filters,
    sort: isSortMode(sort) ? sort : 'relevance',
  });
}

/**
 * The query string of a state, `?`-prefixed, or '' for the empty state.
 * Parameters come in a fixed order and the default sort is left out, so one
 * state has exactly one URL.
 */
export function serializeSearchState(state: SearchState): string {
  const normal = normalizeState(state);
  const params = new URLSearchParams();
  if (normal.query) params.set(QUERY_PARAM, normal.query);
  for (const key of FILTER_KEYS) for (const slug of normal.filters[key]) params.append(key, slug);
  if (normal.sort !== 'relevance') params.set(SORT_PARAM, normal.sort);
  const query = params.toString();
  return query ? `?${query}` : '';
}

export function hasFilters(state: SearchState): boolean {
  return FILTER_KEYS.some((key) => state.filters[key].length > 0);
}

/** Browse mode: no words, some filters: every matching article, newest first. */
export function isBrowse(state: SearchState): boolean {
  return state.query === '' && hasFilters(state);
}

/** Nothing to search for yet. */
export function isIdle(state: SearchState): boolean {
  return state.query === '' && !hasFilters(state);
}

/** The order a search uses: relevance means nothing without words, so browsing lists newest first. */
export function effectiveSort(state: SearchState): SortMode {
  return state.query === '' && state.sort === 'relevance' ? 'newest' : state.sort;
}

/** `?highlight=` parameters for a result link: one per word, as Pagefind's highlighter matches each whole. */
export function highlightParams(query: string): string {
  const params = new URLSearchParams();
  for (const word of query.split(/\s+/).filter(Boolean)) params.append(HIGHLIGHT_PARAM, word);
  const encoded = params.toString();
  return encoded ? `?${encoded}` : '';
}

export function statesEqual(a: SearchState, b: SearchState): boolean {
  return serializeSearchState(a) === serializeSearchState(b);
}
