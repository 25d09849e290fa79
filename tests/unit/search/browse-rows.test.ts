import { describe, expect, it } from 'vitest';
import {
  BROWSE_ROW_FORMAT,
  BrowseRowCounter,
  browseCounts,
  browseRowPath,
  parseBrowseRow,
  singleValue,
} from '../../../src/lib/browse-rows.ts';
import { ShardFacets, type FilterChunk } from '../../../src/lib/pagefind-facets.ts';
import { sumCounts } from '../../../src/scripts/search/merge.ts';
import { emptyFilters } from '../../../src/scripts/search/url-state.ts';

/** A shard of `pages` pages: its filter chunks and the facets the search page would count with. */
function shard(name: string, pages: number, chunks: FilterChunk[]) {
  const ids = Array.from({ length: pages }, (_, i) => `${name}_${i}`);
  return { ids, chunks, facets: new ShardFacets({ pages: ids, filterChunks: new Map() }, chunks) };
}

// Two shards; page 3 of the first carries no theme, page 1 of the second two regions.
const shards = [
  shard('a', 4, [
    {
      group: 'region',
      values: [
        ['Europe', [0, 1, 3]],
        ['Asia', [2]],
      ],
    },
    {
      group: 'theme',
      values: [
        ['History', [0, 2]],
        ['Science', [1]],
      ],
    },
    { group: 'year', values: [['2019', [0, 1, 2, 3]]] },
  ]),
  shard('b', 3, [
    {
      group: 'region',
      values: [
        ['Europe', [1]],
        ['Asia', [0, 1, 2]],
      ],
    },
    { group: 'theme', values: [['History', [0, 1, 2]]] },
    { group: 'author', values: [['Đoković Novak', [2]]] },
    { group: 'year', values: [['2020', [0, 1, 2]]] },
  ]),
];

function counter(): BrowseRowCounter {
  const counting = new BrowseRowCounter();
  for (const { chunks } of shards) counting.addShard(chunks);
  return counting;
}

describe('BrowseRowCounter', () => {
  it("gives every value's total and counts exactly as counting every shard's pages would", () => {
    const available = sumCounts(shards.map((s) => s.facets.totals()));
    const rows = counter().rows();
    expect(rows.length).toBe(
      Object.values(available).reduce((n, values) => n + Object.keys(values).length, 0),
    );
    for (const { path, row } of rows) {
      expect(path).toBe(browseRowPath(row.group, row.value));
      // What the page computed before rows: every shard's search narrowed to the value, counted.
      const selection = { [row.group]: [row.value] };
      const perShard = shards.map((s) =>
        s.facets.select(
          s.ids.map((id) => ({ id })),
          selection,
        ),
      );
      const expected = {
        total: perShard.reduce((n, s) => n + s.results.length, 0),
        counts: sumCounts(perShard.map((s) => s.counts)),
      };
      expect({ total: row.total, counts: browseCounts(row, available) }).toEqual(expected);
    }
  });

  it('keeps only the values that share an article, and never counts a group against itself', () => {
    const asia = counter()
      .rows()
      .find(({ row }) => row.group === 'region' && row.value === 'Asia')?.row;
    expect(asia).toEqual({
      format: BROWSE_ROW_FORMAT,
      group: 'region',
      value: 'Asia',
      total: 4,
      counts: {
        theme: { History: 4 },
        year: { '2019': 1, '2020': 3 },
        author: { 'Đoković Novak': 1 },
      },
    });
  });

  it('names rows by group and URL slug, in a fixed order', () => {
    const paths = counter()
      .rows()
      .map(({ path }) => path);
    expect(paths).toContain('author/dokovic-novak.json');
    expect(paths).toEqual([...paths].sort());
  });

  it('writes no row for values of one group that share a slug: the page counts those from the shards', () => {
    const counting = new BrowseRowCounter();
    counting.addShard([
      {
        group: 'author',
        values: [
          ['Łódź Team', [0]],
          ['Lodz Team', [1]],
          ['Other', [0, 1]],
        ],
      },
      { group: 'region', values: [['Lodz Team', [0]]] },
    ]);
    expect(counting.rows().map(({ path }) => path)).toEqual(['author/other.json', 'region/lodz-team.json']);
  });

  it('writes nothing for an archive without filter values', () => {
    expect(new BrowseRowCounter().rows()).toEqual([]);
  });
});

describe('singleValue', () => {
  it('finds the one value of a selection, and nothing in a selection of none or several', () => {
    expect(singleValue({ ...emptyFilters(), region: ['Europe'] })).toEqual({
      group: 'region',
      value: 'Europe',
    });
    expect(singleValue(emptyFilters())).toBeUndefined();
    expect(singleValue({ ...emptyFilters(), region: ['Europe', 'Asia'] })).toBeUndefined();
    expect(singleValue({ ...emptyFilters(), region: ['Europe'], theme: ['History'] })).toBeUndefined();
  });
});

describe('parseBrowseRow', () => {
  const row = {
    format: BROWSE_ROW_FORMAT,
    group: 'region',
    value: 'Asia',
    total: 2,
    counts: { theme: { X: 1 } },
  };

  it('accepts the row of the value asked for', () => {
    expect(parseBrowseRow(JSON.parse(JSON.stringify(row)), 'region', 'Asia')).toEqual(row);
  });

  it("refuses another value's row, another format and broken counts", () => {
    expect(() => parseBrowseRow(row, 'region', 'Europe')).toThrow(/not a valid row/);
    expect(() => parseBrowseRow(row, 'theme', 'Asia')).toThrow(/not a valid row/);
    expect(() => parseBrowseRow({ ...row, format: 99 }, 'region', 'Asia')).toThrow(/not a valid row/);
    expect(() => parseBrowseRow({ ...row, total: -1.5 }, 'region', 'Asia')).toThrow(/not a valid row/);
    expect(() => parseBrowseRow({ ...row, total: -1 }, 'region', 'Asia')).toThrow(/not a valid row/);
    expect(() => parseBrowseRow({ ...row, counts: { theme: { X: 'one' } } }, 'region', 'Asia')).toThrow(
      /not a valid row/,
    );
    expect(() => parseBrowseRow(null, 'region', 'Asia')).toThrow(/not a valid row/);
  });
});
