import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ShardFacets,
  decodeCbor,
  filtersFile,
  loadShardFacets,
  metaHash,
  parseFilterChunk,
  parseFiltersFile,
  parseMeta,
  unpackPagefindFile,
  type CborValue,
  type FilterChunk,
  type PagefindMeta,
  type ValueSelection,
} from '../../../src/lib/pagefind-facets.ts';
import { encodeCbor } from './cbor.ts';

/** A small CBOR encoder of the same three kinds, to write test files as Pagefind does. */

const pagefindFile = (value: CborValue, { gzip = true } = {}): Uint8Array => {
  const plain = Buffer.concat([Buffer.from('pagefind_dcd'), Buffer.from(encodeCbor(value))]);
  return new Uint8Array(gzip ? gzipSync(plain) : plain);
};

describe('decodeCbor', () => {
  it('reads unsigned integers of every width, text and nested arrays', () => {
    const value: CborValue = [
      0,
      23,
      24,
      255,
      256,
      65535,
      65536,
      4294967295,
      'Đoković',
      // ASCII up to its last byte, and long strings, either kind.
      'Malmö',
      'en_4795dbb',
      'x'.repeat(200),
      'Łódź '.repeat(40),
      ['', [1, 'x']],
      [],
    ];
    expect(decodeCbor(new Uint8Array(encodeCbor(value)))).toEqual(value);
    // An 8-byte integer within JavaScript's safe range.
    expect(decodeCbor(new Uint8Array([0x1b, 0, 0, 0, 1, 0, 0, 0, 0]))).toBe(2 ** 32);
  });

  it('reads negative integers, which mark word weights in index chunks', () => {
    expect(decodeCbor(new Uint8Array([0x83, 0x20, 0x38, 0x18, 0x39, 0x01, 0x00]))).toEqual([-1, -25, -257]);
  });

  it('refuses what Pagefind never writes, and truncated or oversized input', () => {
    expect(() => decodeCbor(new Uint8Array([0xa0]))).toThrow(/major type 5/); // a map
    expect(() => decodeCbor(new Uint8Array([0xc0]))).toThrow(/major type 6/); // a tag
    expect(() => decodeCbor(new Uint8Array([0x9f]))).toThrow(/length encoding/); // an indefinite array
    expect(() => decodeCbor(new Uint8Array([0x63, 0x61]))).toThrow(/truncated/);
    expect(() => decodeCbor(new Uint8Array([0x9a, 0xff, 0xff, 0xff, 0xff]))).toThrow(/truncated/);
    expect(() => decodeCbor(new Uint8Array([0x1b, 0xff, 0, 0, 0, 0, 0, 0, 0]))).toThrow(/too large/);
    expect(() => decodeCbor(new Uint8Array([]))).toThrow(/truncated/);
  });
});

describe('Pagefind files', () => {
  it('unpacks gzipped and plain files, and refuses a file without the signature', async () => {
    const value: CborValue = ['region', []];
    expect(decodeCbor(await unpackPagefindFile(pagefindFile(value), 'a'))).toEqual(value);
    expect(decodeCbor(await unpackPagefindFile(pagefindFile(value, { gzip: false }), 'b'))).toEqual(value);
    await expect(unpackPagefindFile(new Uint8Array(gzipSync('hello')), 'c')).rejects.toThrow(/c lacks/);
    await expect(unpackPagefindFile(new Uint8Array([1, 2, 3]), 'd')).rejects.toThrow(/d is neither/);
  });

  it('reads the metadata and filter chunk layouts, ignoring the fields it does not use', () => {
    const meta = parseMeta(
      new Uint8Array(
        encodeCbor([
          '1.6.0',
          [
            ['en_aaa', 120],
            ['en_bbb', 80],
          ],
          [['a', 'm', 'en_chunk']],
          [
            ['region', 'en_f1'],
            ['year', 'en_f2'],
          ],
          [['date', [1, 0]]],
          ['title'],
        ]),
      ),
    );
    expect(meta.pages).toEqual(['en_aaa', 'en_bbb']);
    // Another layout is refused, naming what was found wrong, rather than read as something else.
    const broken: [CborValue, RegExp][] = [
      ['1.6.0', /metadata: expected an array/],
      [['1.6.0', []], /expected version, pages, index and filters/],
      [['1.6.0', 'pages', [], []], /metadata pages: expected an array/],
      [['1.6.0', [[]], [], []], /page: expected a hash/],
      [['1.6.0', [[7, 1]], [], []], /page hash: expected a string/],
      [['1.6.0', [], [], [['region']]], /filter entry: expected a name and a hash/],
      [['1.6.0', [], [], [['region', 3]]], /filter chunk hash: expected a string/],
    ];
    for (const [value, error] of broken)
      expect(() => parseMeta(new Uint8Array(encodeCbor(value)))).toThrow(error);
    expect([...meta.filterChunks]).toEqual([
      ['region', 'en_f1'],
      ['year', 'en_f2'],
    ]);
  });

  it('chooses the language index as Pagefind does', () => {
    const entry = { languages: { en: { hash: 'en_1', page_count: 3 }, fr: { hash: 'fr_1', page_count: 9 } } };
    expect(metaHash(entry, 'en')).toBe('en_1');
    expect(metaHash(entry, 'en-GB')).toBe('en_1');
    expect(metaHash(entry, 'de')).toBe('fr_1');
    expect(() => metaHash({ languages: {} }, 'en')).toThrow(/no language/);
  });

  it('loads a shard through a reader, from the entry to every filter chunk', async () => {
    const files: Record<string, Uint8Array> = {
      'pagefind-entry.json': new TextEncoder().encode(
        JSON.stringify({ version: '1.6.0', languages: { en: { hash: 'en_m', wasm: 'en', page_count: 3 } } }),
      ),
      'pagefind.en_m.pf_meta': pagefindFile([
        '1.6.0',
        [
          ['en_p0', 1],
          ['en_p1', 1],
          ['en_p2', 1],
        ],
        [],
        [['region', 'en_r']],
        [],
      ]),
      'filter/en_r.pf_filter': pagefindFile([
        'region',
        [
          ['Asia', [0, 2]],
          ['Europe', [1, 2]],
        ],
      ]),
    };
    const read = (path: string) => {
      const file = files[path];
      return file ? Promise.resolve(file) : Promise.reject(new Error(`no ${path}`));
    };
    const facets = await loadShardFacets(read, { language: 'en' });
    // Named by the manifest, the metadata is read without the entry.
    delete files['pagefind-entry.json'];
    const named = await loadShardFacets(read, { language: 'en', metaFile: 'pagefind.en_m.pf_meta' });
    expect(named.totals()).toEqual(facets.totals());
    expect(facets.totals()).toEqual({ region: { Asia: 2, Europe: 2 } });
    const results = [{ id: 'en_p2' }, { id: 'en_p0' }, { id: 'en_p1' }];
    expect(facets.select(results, { region: ['Europe'] })).toEqual({
      results: [{ id: 'en_p2' }, { id: 'en_p1' }],
      counts: { region: { Asia: 2, Europe: 2 } },
    });
    expect(() => facets.select([{ id: 'en_zz' }], {})).toThrow(/en_zz/);
  });

  it('writes filter chunks into one file of page-number differences, and reads them back', () => {
    const chunks: FilterChunk[] = [
      {
        group: 'region',
        values: [
          ['Asia', [0, 2, 7]],
          ['Europe', []],
        ],
      },
      { group: 'year', values: [['2020', [1, 3, 4, 5, 6]]] },
    ];
    const file = filtersFile(chunks);
    expect(file).toEqual({
      version: 1,
      groups: { region: { Asia: [0, 2, 5], Europe: [] }, year: { '2020': [1, 2, 1, 1, 1] } },
    });
    expect(parseFiltersFile(JSON.parse(JSON.stringify(file)))).toEqual(chunks);
    expect(() => parseFiltersFile({ version: 2, groups: {} })).toThrow(/version 1/);
    expect(() => parseFiltersFile({ version: 1, groups: { region: { Asia: [1, -1] } } })).toThrow(
      /page list/,
    );
    expect(() => parseFiltersFile({ version: 1, groups: { region: null } })).toThrow(/no values/);
  });

  it('refuses a filter chunk naming a page the metadata lacks', () => {
    const meta: PagefindMeta = { pages: ['en_a'], filterChunks: new Map() };
    const chunk: FilterChunk = { group: 'region', values: [['Asia', [3]]] };
    expect(() => new ShardFacets(meta, [chunk])).toThrow(/page 3 of 1/);
    expect(() => parseFilterChunk(new Uint8Array(encodeCbor(['region', [['Asia', ['x']]]])))).toThrow(
      /expected an integer/,
    );
  });
});

/**
 * The counts by their definition: for each group, each value, the results
 * carrying it that match every selected group but that group.
 */
function expected(
  pageValues: Record<string, string[]>[],
  groups: Record<string, string[]>,
  resultPages: number[],
  selection: ValueSelection,
) {
  const matches = (page: number, except?: string) =>
    Object.entries(selection).every(
      ([key, values]) =>
        key === except ||
        values.length === 0 ||
        (pageValues[page]?.[key] ?? []).some((v) => values.includes(v)),
    );
  const counts: Record<string, Record<string, number>> = {};
  for (const [key, values] of Object.entries(groups)) {
    counts[key] = Object.fromEntries(
      values.map((value) => [
        value,
        resultPages.filter((p) => matches(p, key) && (pageValues[p]?.[key] ?? []).includes(value)).length,
      ]),
    );
  }
  return { results: resultPages.filter((p) => matches(p)), counts };
}

describe('ShardFacets.select', () => {
  const groupNames = ['region', 'theme', 'author'];
  const valueNames = ['A', 'B', 'C', 'D'];

  it('keeps the results matching any selected value of every selected group, and counts as defined', () => {
    const shard = fc
      .record({
        pages: fc.integer({ min: 1, max: 30 }),
        groups: fc.subarray(groupNames, { minLength: 1 }),
      })
      .chain(({ pages, groups }) =>
        fc.record({
          pages: fc.constant(pages),
          groups: fc.constant(groups),
          // Each page's values per group: none, one or several.
          pageValues: fc.array(
            fc.record(Object.fromEntries(groups.map((g) => [g, fc.subarray(valueNames)]))) as fc.Arbitrary<
              Record<string, string[]>
            >,
            { minLength: pages, maxLength: pages },
          ),
          results: fc.shuffledSubarray([...Array(pages).keys()]),
          // Selections may name groups and values the shard lacks.
          selection: fc.dictionary(
            fc.constantFrom(...groupNames, 'year'),
            fc.subarray([...valueNames, 'Z']),
          ) as fc.Arbitrary<ValueSelection>,
        }),
      );
    fc.assert(
      fc.property(shard, ({ pages, groups, pageValues, results, selection }) => {
        // Pagefind lists a value only if some page carries it.
        const values = Object.fromEntries(
          groups.map((g) => [g, valueNames.filter((v) => pageValues.some((pv) => pv[g]?.includes(v)))]),
        );
        const meta: PagefindMeta = {
          pages: Array.from({ length: pages }, (_, i) => `en_${i}`),
          filterChunks: new Map(),
        };
        const chunks: FilterChunk[] = groups.map((g) => ({
          group: g,
          values: (values[g] ?? []).map((v) => [
            v,
            pageValues.flatMap((pv, page) => (pv[g]?.includes(v) ? [page] : [])),
          ]),
        }));
        const facets = new ShardFacets(meta, chunks);
        const got = facets.select(
          results.map((p) => ({ id: `en_${p}` })),
          selection,
        );
        const want = expected(pageValues, values, results, selection);
        expect(got.results.map((r) => Number(r.id.slice(3)))).toEqual(want.results);
        expect(got.counts).toEqual(want.counts);
        expect(facets.totals()).toEqual(expected(pageValues, values, [...Array(pages).keys()], {}).counts);
      }),
      { numRuns: 300 },
    );
  });
});
