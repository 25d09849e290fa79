import { describe, expect, it } from 'vitest';
import { excerptSegments } from '../../../src/scripts/search/excerpt.ts';
import {
  filterOptions,
  panelOptions,
  parseFilterCounts,
  resolveSelection,
  valueSlug,
} from '../../../src/scripts/search/filter-values.ts';
import { MAX_RUNTIMES, runtimeCount } from '../../../src/scripts/search/engine.ts';
import { mergeResults, sumCounts } from '../../../src/scripts/search/merge.ts';
import { emptyFilters } from '../../../src/scripts/search/url-state.ts';

describe('excerptSegments', () => {
  it('splits on Pagefind mark tags and decodes its escapes, as text', () => {
    expect(
      excerptSegments('Tom & Jerry &lt;b&gt; <mark>Zork</mark> says &lt;script&gt; <mark>zork.</mark>'),
    ).toEqual([
      { text: 'Tom & Jerry <b> ', marked: false },
      { text: 'Zork', marked: true },
      { text: ' says <script> ', marked: false },
      { text: 'zork.', marked: true },
    ]);
  });

  it('handles excerpts with no marks, only marks, and adjacent marks', () => {
    expect(excerptSegments('plain')).toEqual([{ text: 'plain', marked: false }]);
    expect(excerptSegments('')).toEqual([]);
    expect(excerptSegments('<mark>a</mark><mark>b</mark>')).toEqual([{ text: 'ab', marked: true }]);
  });

  it('never turns escaped text into a mark', () => {
    expect(excerptSegments('&lt;mark&gt;x&lt;/mark&gt;')).toEqual([
      { text: '<mark>x</mark>', marked: false },
    ]);
  });
});

describe('filter values', () => {
  const available = {
    region: { Europe: 8, 'Russia and FSU': 4, USA: 3 },
    author: { 'Milica Jovanović': 1, 'Zero Hedge': 9 },
    year: { '2019': 9, '2021': 11 },
  };

  it('slugs values as their browse pages do', () => {
    expect(valueSlug('Milica Jovanović')).toBe('milica-jovanovic');
    expect(valueSlug('Russia and FSU')).toBe('russia-and-fsu');
    expect(valueSlug('2019')).toBe('2019');
  });

  it('resolves URL slugs to index values, keeping unknown slugs so they match nothing', () => {
    const selection = { ...emptyFilters(), region: ['europe', 'atlantis'], author: ['milica-jovanovic'] };
    const resolved = resolveSelection(selection, available);
    expect(resolved.region).toEqual(['Europe', 'atlantis']);
    expect(resolved.author).toEqual(['Milica Jovanović']);
  });

  it('lists options alphabetically, years newest first, selected ones always', () => {
    const selection = { ...emptyFilters(), region: ['usa', 'oceania'], year: ['2021'] };
    expect(
      filterOptions('region', available.region, selection).map((o) => [o.value, o.count, o.checked]),
    ).toEqual([
      ['Europe', 8, false],
      ['oceania', 0, true],
      ['Russia and FSU', 4, false],
      ['USA', 3, true],
    ]);
    expect(filterOptions('year', available.year, selection).map((o) => o.value)).toEqual(['2021', '2019']);
    expect(filterOptions('theme', undefined, selection)).toEqual([]);
  });
});

describe('panelOptions', () => {
  const every = {
    Europe: 8,
    'Russia and FSU': 4,
    USA: 3,
    Asia: 2,
    constructor: 1,
    'Évora region': 1,
  };

  it('lists every value in the order filterOptions gives, with counts laid over them', () => {
    const counts = { USA: 2, Europe: 5 };
    const selection = { ...emptyFilters(), region: ['usa'] };
    const zeroes = Object.fromEntries(Object.keys(every).map((value) => [value, 0]));
    expect(panelOptions('region', every, counts, selection)).toEqual(
      filterOptions('region', { ...zeroes, ...counts }, selection),
    );
    expect(panelOptions('region', every, undefined, emptyFilters()).map((o) => [o.value, o.count])).toEqual([
      ['Asia', 0],
      ['constructor', 0],
      ['Europe', 0],
      ['Évora region', 0],
      ['Russia and FSU', 0],
      ['USA', 0],
    ]);
  });

  it('falls back to filterOptions for a count or a selection outside the values', () => {
    const zeroes = Object.fromEntries(Object.keys(every).map((value) => [value, 0]));
    const counts = { Oceania: 1, Asia: 2 };
    expect(panelOptions('region', every, counts, emptyFilters())).toEqual(
      filterOptions('region', { ...zeroes, ...counts }, emptyFilters()),
    );
    const selection = { ...emptyFilters(), region: ['atlantis'] };
    const options = panelOptions('region', every, { Asia: 2 }, selection);
    expect(options).toEqual(filterOptions('region', { ...zeroes, Asia: 2 }, selection));
    expect(options.find((o) => o.slug === 'atlantis')).toEqual({
      value: 'atlantis',
      slug: 'atlantis',
      count: 0,
      checked: true,
    });
  });

  it('agrees with filterOptions on many random panels, years included', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const names = ['Ana', 'ana', 'Ána', 'Zoë', 'Zoe', 'Łódź', 'Bob', '2019', '2021', 'toString', 'b', 'B'];
    for (let round = 0; round < 300; round++) {
      const pool = names.filter(() => random() < 0.7);
      const all = Object.fromEntries(pool.map((name) => [name, Math.floor(random() * 5)]));
      const counts = Object.fromEntries(
        pool.filter(() => random() < 0.5).map((name) => [name, Math.floor(random() * 5)]),
      );
      const selection = {
        ...emptyFilters(),
        author: pool.filter(() => random() < 0.2).map((n) => n.toLowerCase()),
      };
      const zeroes = Object.fromEntries(pool.map((name) => [name, 0]));
      for (const key of ['author', 'year'] as const) {
        expect(panelOptions(key, all, counts, selection)).toEqual(
          filterOptions(key, { ...zeroes, ...counts }, selection),
        );
      }
    }
  });
});

describe('parseFilterCounts', () => {
  it("reads the build's file of every value and its count, and refuses another shape", () => {
    const counts = { region: { Europe: 3, Asia: 0 }, year: { '2020': 1 } };
    expect(parseFilterCounts(JSON.parse(JSON.stringify(counts)))).toEqual(counts);
    expect(parseFilterCounts({})).toEqual({});
    for (const wrong of [
      null,
      [],
      'x',
      { region: [] },
      { region: { Europe: -1 } },
      { region: { Europe: '3' } },
    ]) {
      expect(() => parseFilterCounts(wrong)).toThrow(/map of groups/);
    }
  });
});

describe('merging bundles', () => {
  const a = [
    { id: 'a1', score: 5 },
    { id: 'a2', score: 1 },
  ];
  const b = [
    { id: 'b1', score: 3 },
    { id: 'b2', score: 5 },
  ];

  it('orders relevance by score, stably', () => {
    expect(mergeResults([a, b], 'relevance').map((r) => r.id)).toEqual(['a1', 'b2', 'b1', 'a2']);
  });

  it('merges lists that come best first exactly as sorting them all would, ties by bundle then rank', () => {
    let seed = 11;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const sorted = (lists: { id: string; score: number }[][]) =>
      lists
        .flatMap((results, bundle) => results.map((result, rank) => ({ result, bundle, rank })))
        .sort((x, y) => y.result.score - x.result.score || x.bundle - y.bundle || x.rank - y.rank)
        .map(({ result }) => result.id);
    for (let round = 0; round < 300; round++) {
      const lists = Array.from({ length: 1 + Math.floor(random() * 6) }, (_, bundle) =>
        Array.from({ length: Math.floor(random() * 12) }, (_, rank) => ({
          id: `${bundle}-${rank}`,
          // Few distinct scores, so ties within and across bundles are common.
          score: Math.floor(random() * 4),
        })).sort((x, y) => y.score - x.score),
      );
      expect(mergeResults(lists, 'relevance').map((r) => r.id)).toEqual(sorted(lists));
      // A list out of Pagefind's order (never seen) is sorted rather than merged.
      const shuffled = lists.map((results) => [...results].reverse());
      expect(mergeResults(shuffled, 'relevance').map((r) => r.id)).toEqual(sorted(shuffled));
    }
  });

  it('keeps bundle order for date sorts (bundles are listed newest period first)', () => {
    expect(mergeResults([a, b], 'newest').map((r) => r.id)).toEqual(['a1', 'a2', 'b1', 'b2']);
    expect(mergeResults([a, b], 'oldest').map((r) => r.id)).toEqual(['b1', 'b2', 'a1', 'a2']);
  });

  it('adds filter counts value by value', () => {
    expect(
      sumCounts([{ region: { Europe: 2 } }, { region: { Europe: 3, Asia: 1 }, year: { '2019': 4 } }]),
    ).toEqual({
      region: { Europe: 5, Asia: 1 },
      year: { '2019': 4 },
    });
    expect(mergeResults([a], 'relevance')).toEqual([a[0], a[1]]);
  });
});

describe('runtimeCount', () => {
  it('searches with one copy of Pagefind per core, never more than shards or MAX_RUNTIMES', () => {
    expect(runtimeCount(1, 8)).toBe(1);
    expect(runtimeCount(6, 2)).toBe(2);
    expect(runtimeCount(40, 16)).toBe(MAX_RUNTIMES);
    expect(runtimeCount(3, 16)).toBe(3);
    // Browsers that do not tell, and an empty archive, still get one.
    expect(runtimeCount(40, undefined)).toBe(1);
    expect(runtimeCount(0, 4)).toBe(1);
  });
});
