/**
 * Filter counts of a browse by one filter value, computed at build time.
 *
 * Browsing the search page by one value (`/search/?region=asia`, no words)
 * lists that value's articles newest first, which reads the newest shard
 * alone, but its counts (the filter panel and the total) are exact, so they
 * need every shard: each shard's search and filter data. At 100,000 articles
 * that was 1.8 MB in 144 requests for one region. Yet those counts depend on
 * the value alone: how many articles carry the value and each other value
 * together. So the build counts every pair of values that share an article,
 * over every shard's filter data, and writes one small row per value
 * (`<browse folder>/<group>/<slug>.json`); the page reads the one row it needs.
 *
 * A row holds the counts of the other groups' values that share an article
 * with its value. The page completes them as the shards' own counting would
 * have (src/lib/pagefind-facets.ts, `select`): every value of the archive is
 * listed, 0 where no article carries both, and the selected group itself
 * counts with its selection cleared, that is, over every article: the
 * archive's totals. Pure, so the build, the page and the tests share it.
 */
import { parseFilterCounts, valueSlug, type FilterCounts } from '../scripts/search/filter-values.ts';
import type { FilterSelection } from '../scripts/search/url-state.ts';
import type { FilterChunk } from './pagefind-facets.ts';

/** Bumped when a row's shape changes. */
export const BROWSE_ROW_FORMAT = 1;

/** The folder of the rows inside the search folder: `browse.<hash of every row>`, named by the manifest. */
export const BROWSE_FOLDER = /^browse\.[0-9a-f]{16}$/;

/** The counts of a browse by one value. */
export interface BrowseRow {
  format: number;
  group: string;
  value: string;
  /** Articles that carry the value. */
  total: number;
  /** Other group → value → articles that carry both; values of no such article are left out. */
  counts: FilterCounts;
}

/** Where a value's row is, inside the browse folder: its group and its URL slug. */
export function browseRowPath(group: string, value: string): string {
  return `${group}/${valueSlug(value)}.json`;
}

/**
 * Counts, shard by shard, the articles each value shares with each value of
 * another group, and gives every value's row. Shards hold disjoint articles,
 * so their counts add up.
 */
export class BrowseRowCounter {
  /** Every value seen, numbered: `group\0value` → its number. */
  readonly #ids = new Map<string, number>();
  readonly #values: { group: string; value: string; total: number }[] = [];
  /** value number → other value number → articles with both. */
  readonly #pairs: Map<number, number>[] = [];

  #id(group: string, value: string): number {
    const key = `${group}\u0000${value}`;
    let id = this.#ids.get(key);
    if (id === undefined) {
      id = this.#values.length;
      this.#ids.set(key, id);
      this.#values.push({ group, value, total: 0 });
      this.#pairs.push(new Map());
    }
    return id;
  }

  /** Adds one shard's filter data (its filter chunks: each value with its pages). */
  addShard(chunks: readonly FilterChunk[]): void {
    const ofPage = new Map<number, number[]>();
    for (const { group, values } of chunks) {
      for (const [value, pages] of values) {
        const id = this.#id(group, value);
        const entry = this.#values[id];
        if (entry) entry.total += pages.length;
        for (const page of pages) {
          const list = ofPage.get(page);
          if (list) list.push(id);
          else ofPage.set(page, [id]);
        }
      }
    }
    for (const ids of ofPage.values()) {
      for (const a of ids) {
        const row = this.#pairs[a];
        if (!row) continue;
        const group = this.#values[a]?.group;
        for (const b of ids) {
          if (this.#values[b]?.group === group) continue;
          row.set(b, (row.get(b) ?? 0) + 1);
        }
      }
    }
  }

  /**
   * Every value's row with its path, in a fixed order (group, then value).
   * A value whose slug is another value's of the same group gets no row:
   * the page resolves such a slug to both values and counts from the shards.
   */
  rows(): { path: string; row: BrowseRow }[] {
    const paths = new Map<string, number>();
    for (const { group, value } of this.#values) {
      const path = browseRowPath(group, value);
      paths.set(path, (paths.get(path) ?? 0) + 1);
    }
    return this.#values
      .map(({ group, value, total }, id) => {
        const counts: FilterCounts = {};
        const row = [...(this.#pairs[id] ?? new Map<number, number>())].sort(([a], [b]) => a - b);
        for (const [other, count] of row) {
          const o = this.#values[other];
          if (o) (counts[o.group] ??= {})[o.value] = count;
        }
        return {
          path: browseRowPath(group, value),
          row: { format: BROWSE_ROW_FORMAT, group, value, total, counts },
        };
      })
      .filter(({ path }) => paths.get(path) === 1)
      .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }
}

/** The one value a selection holds, when it holds exactly one (in one group). */
export function singleValue(selection: FilterSelection): { group: string; value: string } | undefined {
  const chosen = Object.entries(selection).flatMap(([group, values]) =>
    values.map((value) => ({ group, value })),
  );
  return chosen.length === 1 ? chosen[0] : undefined;
}

/** Checks a row fetched by the browser; throws on anything of another shape or of another value. */
export function parseBrowseRow(value: unknown, group: string, selected: string): BrowseRow {
  const row = value as Partial<BrowseRow> | null;
  const fail = (): never => {
    throw new Error(`browse counts for ${group} "${selected}": not a valid row`);
  };
  if (
    !row ||
    row.format !== BROWSE_ROW_FORMAT ||
    row.group !== group ||
    row.value !== selected ||
    !Number.isInteger(row.total) ||
    (row.total ?? -1) < 0
  ) {
    return fail();
  }
  try {
    parseFilterCounts(row.counts);
  } catch {
    fail();
  }
  return row as BrowseRow;
}

/**
 * The counts of a browse by the row's value, as the shards would give them:
 * every value of `available` (the archive's values and totals), the row's
 * own group with the archive's totals, the others from the row, 0 where the
 * row has none.
 */
export function browseCounts(row: BrowseRow, available: FilterCounts): FilterCounts {
  const counts: FilterCounts = {};
  for (const [group, values] of Object.entries(available)) {
    counts[group] =
      group === row.group
        ? { ...values }
        : Object.fromEntries(Object.keys(values).map((value) => [value, row.counts[group]?.[value] ?? 0]));
  }
  return counts;
}
