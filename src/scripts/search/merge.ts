/**
 * Merging the answers of several Pagefind bundles (a sharded index) into one,
 * so results, filters and counts read as if there were a single index.
 * Bundles are listed newest period first (bundles.ts) and cover disjoint
 * periods, so date order is bundle order; relevance merges by Pagefind score.
 */
import type { SortMode } from './url-state.ts';
import type { FilterCounts } from './filter-values.ts';

export interface Scored {
  score: number;
}

export function mergeResults<T extends Scored>(perBundle: readonly (readonly T[])[], sort: SortMode): T[] {
  if (sort === 'newest') return perBundle.flat();
  if (sort === 'oldest') return [...perBundle].reverse().flat();
  // Stable: equal scores keep bundle order, then Pagefind's order within a bundle.
  return perBundle
    .flatMap((results, bundle) => results.map((result, rank) => ({ result, bundle, rank })))
    .sort((a, b) => b.result.score - a.result.score || a.bundle - b.bundle || a.rank - b.rank)
    .map(({ result }) => result);
}

/** Adds the filter counts of several bundles, value by value. */
export function sumCounts(perBundle: readonly FilterCounts[]): FilterCounts {
  const total: FilterCounts = {};
  for (const counts of perBundle) {
    for (const [key, values] of Object.entries(counts)) {
      const group = (total[key] ??= {});
      for (const [value, count] of Object.entries(values)) group[value] = (group[value] ?? 0) + count;
    }
  }
  return total;
}
