import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  FILTER_KEYS,
  SORT_MODES,
  effectiveSort,
  emptyFilters,
  highlightParams,
  isBrowse,
  isIdle,
  normalizeState,
  parseSearchState,
  serializeSearchState,
  type FilterKey,
  type SearchState,
  type SortMode,
} from '../../../src/scripts/search/url-state.ts';

/** Two sample values per group, as the URL carries them. */
const SAMPLE: Record<FilterKey, [string, string]> = {
  region: ['europe', 'russia-and-fsu'],
  theme: ['military-and-wmd', 'history'],
  source: ['zero-hedge', 'balkan-insight'],
  author: ['milica-jovanovic', 'zero-hedge'],
  year: ['2019', '2021'],
};

/** Every subset of the filter groups. */
function subsets<T>(items: readonly T[]): T[][] {
  return items.reduce<T[][]>((acc, item) => [...acc, ...acc.map((s) => [...s, item])], [[]]);
}

const roundTrip = (state: SearchState) => parseSearchState(serializeSearchState(state));

describe('URL state: every combination of query, filters and sort round-trips', () => {
  const queries = ['', 's-400', 'Vučić & "EU" <b>?', '  spaced   words  '];
  const cases: { query: string; groups: FilterKey[]; sort: SortMode; many: boolean }[] = [];
  for (const query of queries)
    for (const groups of subsets(FILTER_KEYS))
      for (const sort of SORT_MODES)
        for (const many of [false, true]) cases.push({ query, groups, sort, many });

  it(`covers ${cases.length} combinations`, () => {
    expect(cases.length).toBe(queries.length * 32 * 3 * 2);
  });

  it.each(cases)('query=$query groups=$groups sort=$sort many=$many', ({ query, groups, sort, many }) => {
    const filters = emptyFilters();
    for (const key of groups) filters[key] = many ? [...SAMPLE[key]] : [SAMPLE[key][0]];
    const state: SearchState = { query, filters, sort };
    const url = serializeSearchState(state);
    expect(roundTrip(state)).toEqual(normalizeState(state));
    // One state, one URL: serializing the parsed state gives the same string.
    expect(serializeSearchState(parseSearchState(url))).toBe(url);
    // The URL says what it holds, readably.
    if (query.trim()) expect(new URLSearchParams(url).get('q')).toBe(query.trim());
    for (const key of groups) expect(new URLSearchParams(url).getAll(key)).toEqual([...filters[key]].sort());
    expect(new URLSearchParams(url).get('sort')).toBe(sort === 'relevance' ? null : sort);
  });
});

describe('URL state: properties', () => {
  const slug = fc.stringMatching(/^[a-z0-9]{1,6}(?:-[a-z0-9]{1,6}){0,2}$/);
  const stateArb = fc.record({
    query: fc.string({ maxLength: 60, unit: 'grapheme' }),
    filters: fc.record(
      Object.fromEntries(FILTER_KEYS.map((k) => [k, fc.array(slug, { maxLength: 4 })])) as Record<
        FilterKey,
        fc.Arbitrary<string[]>
      >,
    ),
    sort: fc.constantFrom(...SORT_MODES),
  });

  it('parse(serialize(state)) is the normalized state, for arbitrary queries and slugs', () => {
    fc.assert(
      fc.property(stateArb, (state) => {
        expect(roundTrip(state)).toEqual(normalizeState(state));
      }),
    );
  });

  it('parsing any query string never throws and yields a canonical state', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 120 }), (raw) => {
        const state = parseSearchState(raw);
        expect(normalizeState(state)).toEqual(state);
      }),
    );
  });
});

describe('URL state: parsing', () => {
  it('reads the example URL of the issue', () => {
    const state = parseSearchState('?q=s-400&region=europe&sort=newest');
    expect(state).toEqual({
      query: 's-400',
      filters: { ...emptyFilters(), region: ['europe'] },
      sort: 'newest',
    });
    expect(serializeSearchState(state)).toBe('?q=s-400&region=europe&sort=newest');
  });

  it('drops unknown parameters, bad sorts and values that are not slugs', () => {
    const state = parseSearchState(
      '?q=x&utm_source=mail&sort=random&region=Europe&region=%3Cimg%20src%3Dx%3E&theme=&author=a--b&year=2019',
    );
    expect(state).toEqual({
      query: 'x',
      filters: { ...emptyFilters(), region: ['europe'], year: ['2019'] },
      sort: 'relevance',
    });
  });

  it('keeps hostile query text as plain text, to be rendered with textContent', () => {
    expect(parseSearchState('?q=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E').query).toBe(
      '<img src=x onerror=alert(1)>',
    );
  });

  it('caps absurdly long queries', () => {
    expect(parseSearchState(`?q=${'a'.repeat(5000)}`).query).toHaveLength(200);
  });

  it('gives the empty state an empty query string', () => {
    expect(serializeSearchState(parseSearchState(''))).toBe('');
    expect(serializeSearchState(parseSearchState('?q=%20%20'))).toBe('');
  });
});

describe('modes and sort', () => {
  it('browses newest first when there are filters but no words', () => {
    const browse = parseSearchState('?theme=history');
    expect(isBrowse(browse)).toBe(true);
    expect(effectiveSort(browse)).toBe('newest');
    expect(effectiveSort(parseSearchState('?theme=history&sort=oldest'))).toBe('oldest');
  });

  it('uses the chosen sort when there are words', () => {
    expect(effectiveSort(parseSearchState('?q=x'))).toBe('relevance');
    expect(effectiveSort(parseSearchState('?q=x&sort=newest'))).toBe('newest');
    expect(isBrowse(parseSearchState('?q=x&region=europe'))).toBe(false);
  });

  it('is idle with neither words nor filters', () => {
    expect(isIdle(parseSearchState('?sort=newest'))).toBe(true);
    expect(isIdle(parseSearchState('?year=2019'))).toBe(false);
  });
});

describe('highlightParams', () => {
  it('passes one highlight parameter per word', () => {
    expect(highlightParams('s-400  Serbia')).toBe('?highlight=s-400&highlight=Serbia');
    expect(highlightParams('  ')).toBe('');
    expect(highlightParams('a&b')).toBe('?highlight=a%26b');
  });
});
