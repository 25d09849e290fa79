/**
 * Merging the answers of the shards of the index (one Pagefind bundle per
 * period, src/lib/search-shards.ts) into one, so results, filters and counts
 * read as if there were a single index. Shards are listed newest period
 * first and cover periods that do not overlap, so date order is shard order;
 * relevance merges by Pagefind score.
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
  if (perBundle.every(bestFirst)) return mergeBestFirst(perBundle);
  return perBundle
    .flatMap((results, bundle) => results.map((result, rank) => ({ result, bundle, rank })))
    .sort((a, b) => b.result.score - a.result.score || a.bundle - b.bundle || a.rank - b.rank)
    .map(({ result }) => result);
}

/** Whether `results` never score higher than the result before them (Pagefind's relevance order). */
function bestFirst(results: readonly Scored[]): boolean {
  for (let i = 1; i < results.length; i++) {
    if (!((results[i - 1] as Scored).score >= (results[i] as Scored).score)) return false;
  }
  return true;
}

/**
 * The merge of lists that each come best first: the same order as sorting
 * them all by score (ties: bundle, then rank), by merging halves of the
 * bundles pairwise, the earlier bundles' results first on a tie, instead of
 * sorting every result (a common word has tens of thousands across the
 * shards of a large archive: about five passes over them for 20 shards).
 */
function mergeBestFirst<T extends Scored>(perBundle: readonly (readonly T[])[]): T[] {
  if (perBundle.length < 2) return [...(perBundle[0] ?? [])];
  const merge = (from: number, to: number): readonly T[] => {
    if (to - from === 1) return perBundle[from] as readonly T[];
    const middle = (from + to) >> 1;
    const earlier = merge(from, middle);
    const later = merge(middle, to);
    const merged: T[] = [];
    let i = 0;
    let j = 0;
    while (i < earlier.length && j < later.length) {
      const a = earlier[i] as T;
      const b = later[j] as T;
      if (a.score >= b.score) {
        merged.push(a);
        i++;
      } else {
        merged.push(b);
        j++;
      }
    }
    while (i < earlier.length) merged.push(earlier[i++] as T);
    while (j < later.length) merged.push(later[j++] as T);
    return merged;
  };
  // Of two bundles or more, a merge is a list of its own, never one of the bundles.
  return merge(0, perBundle.length) as T[];
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

/**
 * The results of a date-sorted search, read shard by shard in date order
 * (each shard's results already sorted by Pagefind): a shard is searched only
 * when the shards before it do not fill the slice asked for, so the first
 * page of "newest first" usually reads the newest shard alone, and "load
 * more" continues into the next ones.
 */
export class ShardedResults<T> {
  readonly #searches: readonly (() => Promise<readonly T[]>)[];
  readonly #results: T[] = [];
  #searched = 0;
  /** Fills run one after another, so shards are appended in order even when slices overlap. */
  #queue: Promise<void> = Promise.resolve();

  /** `searches[i]` searches the i-th shard in date order. */
  constructor(searches: readonly (() => Promise<readonly T[]>)[]) {
    this.#searches = searches;
  }

  /** Shards searched so far. */
  get shardsSearched(): number {
    return this.#searched;
  }

  /** Results `start` to `start + count` (fewer at the end), searching further shards as needed. */
  slice(start: number, count: number): Promise<T[]> {
    const fill = this.#queue.then(async () => {
      while (this.#results.length < start + count && this.#searched < this.#searches.length) {
        const search = this.#searches[this.#searched];
        if (!search) break;
        const results = await search();
        this.#results.push(...results);
        this.#searched++;
      }
    });
    // A failed search is reported to its caller and does not block later ones.
    this.#queue = fill.catch(() => undefined);
    return fill.then(() => this.#results.slice(start, start + count));
  }
}
