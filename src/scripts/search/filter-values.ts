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

/**
 * Slugs already computed, by value. The filter panel lists every value of the
 * archive again after each search, and transliterating a name is far slower
 * than looking it up; an archive has at most a few thousand values.
 */
const slugs = new Map<string, string>();

/** The URL slug of a filter value: the same slug as its browse page (`/authors/<slug>/`). */
export function valueSlug(value: string): string {
  let slug = slugs.get(value);
  if (slug === undefined) {
    slug = toSlug(value, 'unnamed');
    slugs.set(value, slug);
  }
  return slug;
}

/**
 * One collator for every sort: `localeCompare` with a locale or options sets
 * up a collator on each call, which dominated sorting a few thousand authors.
 */
const byName = new Intl.Collator('en', { sensitivity: 'base' });

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
          byName.compare(a.value, b.value) || (a.value < b.value ? -1 : 1);
  return options.sort(compare);
}

/** A group's values in the panel's order with their slugs, and the set of those slugs. */
interface PanelOrder {
  values: { value: string; slug: string }[];
  slugs: Set<string>;
}

/** By group (years sort another way), the order of each set of its values, computed once per set. */
const panelOrders = new Map<FilterKey, WeakMap<Record<string, number>, PanelOrder>>();

function panelOrder(key: FilterKey, every: Record<string, number>): PanelOrder {
  let orders = panelOrders.get(key);
  if (!orders) panelOrders.set(key, (orders = new WeakMap()));
  let order = orders.get(every);
  if (!order) {
    const values = filterOptions(key, every, emptyFilters()).map(({ value, slug }) => ({ value, slug }));
    order = { values, slugs: new Set(values.map(({ slug }) => slug)) };
    orders.set(every, order);
  }
  return order;
}

/**
 * The options of a group on the search page's filter panel: every value of
 * the archive (`every`) with its count in `counts` (0 when it has none), and
 * the selected ones. The same list as `filterOptions` of `every`'s values
 * with `counts` laid over them, but the values are sorted once per page, not
 * after every search: an archive may have 20,000 authors, whose sort takes
 * 30–80 ms. A count or a selection outside `every` (never, with the build's
 * file of values) falls back to `filterOptions`.
 */
export function panelOptions(
  key: FilterKey,
  every: Record<string, number>,
  counts: Record<string, number> | undefined,
  selection: FilterSelection,
): FilterOption[] {
  const order = panelOrder(key, every);
  const found = counts ?? {};
  const outside =
    Object.keys(found).some((value) => !Object.hasOwn(every, value)) ||
    selection[key].some((slug) => !order.slugs.has(slug));
  if (outside) {
    const zeroes = Object.fromEntries(Object.keys(every).map((value) => [value, 0]));
    return filterOptions(key, { ...zeroes, ...found }, selection);
  }
  const selected = new Set(selection[key]);
  return order.values.map(({ value, slug }) => ({
    value,
    slug,
    count: Object.hasOwn(found, value) ? (found[value] ?? 0) : 0,
    checked: selected.has(slug),
  }));
}
