/**
 * Between the URL's filter slugs (`region=europe`) and the index's filter
 * values (`Europe`, as readers see them): resolving a selection, and listing
 * each group's options with counts.
 * Pure, so it is unit tested without a browser.
 */
import { toSlug } from '../../lib/slug.ts';
import { FILTER_KEYS, emptyFilters, type FilterKey, type FilterSelection } from './url-state.ts';

/** Pagefind's shape of filter counts: group → value → number of pages. */
export type FilterCounts = Record<string, Record<string, number>>;

export interface FilterOption {
  value: string;
  slug: string;
  count: number;
  checked: boolean;
}

/** Reads filter counts from JSON (the build's `values.<hash>.json`), refusing anything of another shape. */
export function parseFilterCounts(value: unknown): FilterCounts {
  const isObject = (v: unknown): v is Record<string, unknown> =>
    typeof v === 'object' && v !== null && !Array.isArray(v);
  if (
    !isObject(value) ||
    !Object.values(value).every(
      (group) =>
        isObject(group) && Object.values(group).every((n) => Number.isInteger(n) && (n as number) >= 0),
    )
  ) {
    throw new Error('search filter values: not a map of groups to value counts');
  }
  return value as FilterCounts;
}

/** The URL slug of a filter value: the same slug as its browse page (`/authors/<slug>/`). */
export function valueSlug(value: string): string {
  return toSlug(value, 'unnamed');
}

/**
 * The index values selected by the URL's slugs. A slug matching no value is
 * kept as it is, so a stale or mistyped filter matches nothing rather than
 * silently widening the search.
 */
export function resolveSelection(selection: FilterSelection, available: FilterCounts): FilterSelection {
  const resolved = emptyFilters();
  for (const key of FILTER_KEYS) {
    const values = Object.keys(available[key] ?? {});
    for (const slug of selection[key]) {
      const matches = values.filter((value) => valueSlug(value) === slug);
      resolved[key].push(...(matches.length > 0 ? matches : [slug]));
    }
  }
  return resolved;
}

/**
 * A group's options: every value with its count, selected ones always listed.
 * Years run newest first; other groups alphabetically.
 */
export function filterOptions(
  key: FilterKey,
  counts: Record<string, number> | undefined,
  selection: FilterSelection,
): FilterOption[] {
  const all = new Map(Object.entries(counts ?? {}));
  const selectedSlugs = new Set(selection[key]);
  const options = [...all].map(([value, count]) => {
    const slug = valueSlug(value);
    return { value, slug, count, checked: selectedSlugs.has(slug) };
  });
  for (const slug of selectedSlugs) {
    if (!options.some((o) => o.slug === slug)) options.push({ value: slug, slug, count: 0, checked: true });
  }
  const compare =
    key === 'year'
      ? (a: FilterOption, b: FilterOption) => b.value.localeCompare(a.value)
      : (a: FilterOption, b: FilterOption) =>
          a.value.localeCompare(b.value, 'en', { sensitivity: 'base' }) || (a.value < b.value ? -1 : 1);
  return options.sort(compare);
}
