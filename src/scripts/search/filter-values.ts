/**
 * Between the URL's filter slugs (`region=europe`) and the index's filter
 * values (`Europe`, as readers see them): resolving a selection, building the
 * Pagefind filter object, and listing each group's options with counts.
 * Pure, so it is unit tested without a browser.
 */
import { toSlug } from '../../lib/slug.ts';
import { FILTER_KEYS, emptyFilters, type FilterKey, type FilterSelection } from './url-state.ts';

/** Pagefind's shape of filter counts: group → value → number of pages. */
export type FilterCounts = Record<string, Record<string, number>>;

/** Pagefind's filter argument: within a group any selected value matches; groups combine with AND. */
export type PagefindFilters = Partial<Record<FilterKey, { any: string[] }>>;

export interface FilterOption {
  value: string;
  slug: string;
  count: number;
  checked: boolean;
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

/** The Pagefind filter object of resolved values, leaving out `except` (for that group's own counts). */
export function pagefindFilters(resolved: FilterSelection, except?: FilterKey): PagefindFilters {
  const filters: PagefindFilters = {};
  for (const key of FILTER_KEYS) {
    if (key !== except && resolved[key].length > 0) filters[key] = { any: [...resolved[key]] };
  }
  return filters;
}

/**
 * Groups whose counts need a search of their own: a group with a selection
 * counts its values as if its own selection were cleared (the other groups'
 * still applied), so ticking a second region shows how many it would add.
 */
export function groupsCountedSeparately(resolved: FilterSelection): FilterKey[] {
  return FILTER_KEYS.filter((key) => resolved[key].length > 0);
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
