/**
 * Shard planning and the manifest of the sharded search index
 * (src/lib/search-shards.ts), and the client's reading of shards in date
 * order (ShardedResults in src/scripts/search/merge.ts).
 */
import { describe, expect, it } from 'vitest';
import {
  SHARD_MANIFEST_VERSION,
  parseShardManifest,
  planShards,
  shardManifest,
  shardSizeFor,
  shardsInDateOrder,
  type ShardPage,
} from '../../../src/lib/search-shards.ts';
import { ShardedResults } from '../../../src/scripts/search/merge.ts';

const page = (slug: string, date: string): ShardPage => ({ url: `/articles/${slug}/`, date });

/** Pages a..g, one a year from 2010, listed out of order. */
const pages = ['d', 'a', 'g', 'c', 'f', 'b', 'e'].map((slug) =>
  page(slug, `${2010 + slug.charCodeAt(0) - 97}-01-01`),
);

describe('shardSizeFor', () => {
  const sizing = { shardSize: 2500, maxShards: 20, largestShardSize: 5000 };

  it('keeps shardSize up to maxShards shards of it', () => {
    for (const pages of [0, 1, 2500, 10_000, 49_999, 50_000]) expect(shardSizeFor(pages, sizing)).toBe(2500);
  });

  it('doubles it on a larger archive, but never beyond largestShardSize', () => {
    expect(shardSizeFor(50_001, sizing)).toBe(5000);
    expect(shardSizeFor(100_000, sizing)).toBe(5000);
    // 21 shards of 5,000: the largest size holds, and the number of shards grows instead.
    expect(shardSizeFor(100_001, sizing)).toBe(5000);
    expect(shardSizeFor(1_000_000, sizing)).toBe(5000);
  });

  it('grows in doublings, so the size stays put between them as articles arrive', () => {
    const open = { shardSize: 5, maxShards: 4, largestShardSize: 1000 };
    expect([20, 21, 40, 41, 80, 81, 160].map((pages) => shardSizeFor(pages, open))).toEqual([
      5, 10, 10, 20, 20, 40, 40,
    ]);
    // Never past the largest size, even when it is no doubling of shardSize.
    expect(shardSizeFor(10_000, { shardSize: 5, maxShards: 4, largestShardSize: 30 })).toBe(20);
  });
});

describe('planShards', () => {
  it('fills shards of at most shardSize from the oldest page, and lists them newest first', () => {
    const shards = planShards(pages, 3);
    expect(shards.map((s) => [s.id, s.pages.map((p) => p.url.split('/')[2]), s.oldest, s.newest])).toEqual([
      [2, ['g'], '2016-01-01', '2016-01-01'],
      [1, ['d', 'e', 'f'], '2013-01-01', '2015-01-01'],
      [0, ['a', 'b', 'c'], '2010-01-01', '2012-01-01'],
    ]);
  });

  it('puts every page in exactly one shard, whatever the size', () => {
    for (const size of [1, 2, 3, 7, 100]) {
      const shards = planShards(pages, size);
      expect(shards).toHaveLength(Math.ceil(pages.length / size));
      const urls = shards.flatMap((s) => s.pages.map((p) => p.url));
      expect([...urls].sort()).toEqual(pages.map((p) => p.url).sort());
      for (const s of shards) expect(s.pages.length).toBeLessThanOrEqual(size);
      // Newest first, and periods do not interleave.
      for (let i = 1; i < shards.length; i++) expect(shards[i - 1]!.oldest >= shards[i]!.newest).toBe(true);
    }
  });

  it('orders pages of one date by URL, so the plan does not depend on the order pages were found', () => {
    const sameDay = ['c', 'a', 'b'].map((slug) => page(slug, '2020-05-05'));
    const shards = planShards(sameDay, 2);
    expect(shards.map((s) => s.pages.map((p) => p.url))).toEqual([
      ['/articles/c/'],
      ['/articles/a/', '/articles/b/'],
    ]);
    expect(planShards([...sameDay].reverse(), 2)).toEqual(shards);
  });

  it('keeps older shards unchanged when newer articles arrive, so they are not re-indexed', () => {
    const before = planShards(pages, 3);
    const after = planShards([...pages, page('h', '2017-01-01'), page('i', '2018-01-01')], 3);
    expect(after.slice(1)).toEqual(before.slice(1));
    expect(after[0]!.pages.map((p) => p.url)).toEqual(['/articles/g/', '/articles/h/', '/articles/i/']);
  });

  it('plans nothing for no pages, and refuses bad input', () => {
    expect(planShards([], 5)).toEqual([]);
    expect(() => planShards(pages, 0)).toThrow(/positive integer/);
    expect(() => planShards(pages, 2.5)).toThrow(/positive integer/);
    expect(() => planShards([page('a', '2020-01-01'), page('a', '2021-01-01')], 5)).toThrow(/twice/);
    expect(() => planShards([page('a', '')], 5)).toThrow(/no sort date/);
  });
});

describe('shard manifest', () => {
  it('lists each bundle with its period and page count, newest first, and reads back', () => {
    const manifest = shardManifest(planShards(pages, 3), '/pagefind', ['the', 'of']);
    expect(manifest).toEqual({
      version: SHARD_MANIFEST_VERSION,
      pages: 7,
      shards: [
        { bundle: '/pagefind/shard-2/', newest: '2016-01-01', oldest: '2016-01-01', pages: 1 },
        { bundle: '/pagefind/shard-1/', newest: '2015-01-01', oldest: '2013-01-01', pages: 3 },
        { bundle: '/pagefind/shard-0/', newest: '2012-01-01', oldest: '2010-01-01', pages: 3 },
      ],
      answers: ['the', 'of'],
    });
    expect(parseShardManifest(JSON.parse(JSON.stringify(manifest)))).toEqual(manifest);
    // A manifest written before precomputed answers existed reads as one without them.
    const { answers: _none, ...older } = manifest;
    expect(parseShardManifest(older)).toEqual({ ...manifest, answers: [] });
  });

  it("names each bundle's metadata and filters files when given, in shard order", () => {
    const files = [2, 1, 0].map((k) => ({ meta: `pagefind.en_${k}.pf_meta`, filters: `filters.${k}a.json` }));
    const manifest = shardManifest(planShards(pages, 3), '/pagefind', [], files);
    expect(manifest.shards.map((s) => [s.bundle, s.meta, s.filters])).toEqual([
      ['/pagefind/shard-2/', 'pagefind.en_2.pf_meta', 'filters.2a.json'],
      ['/pagefind/shard-1/', 'pagefind.en_1.pf_meta', 'filters.1a.json'],
      ['/pagefind/shard-0/', 'pagefind.en_0.pf_meta', 'filters.0a.json'],
    ]);
    expect(parseShardManifest(JSON.parse(JSON.stringify(manifest)))).toEqual(manifest);
    const shard = { bundle: '/pagefind/shard-0/', newest: 'x', oldest: 'x', pages: 1 };
    for (const meta of ['../secret.pf_meta', 'pagefind.en_0.pf_index', 7]) {
      expect(() => parseShardManifest({ version: 1, shards: [{ ...shard, meta }] })).toThrow(/metadata file/);
    }
    for (const filters of ['../filters.00.json', 'filters.json', 'filters.0G.json', null]) {
      expect(() => parseShardManifest({ version: 1, shards: [{ ...shard, filters }] })).toThrow(
        /filters file/,
      );
    }
  });

  it("carries each bundle's Pagefind entry when given, and refuses one without its languages", () => {
    const entry = {
      version: '1.6.0',
      languages: { en: { hash: 'en_2', wasm: 'en/../../wasm.en', page_count: 1 } },
      include_characters: ['_'],
    };
    const files = [2, 1, 0].map((k) => ({
      meta: `pagefind.en_${k}.pf_meta`,
      filters: `filters.${k}a.json`,
      entry,
    }));
    const manifest = shardManifest(planShards(pages, 3), '/pagefind', [], files);
    expect(manifest.shards.map((s) => s.entry)).toEqual([entry, entry, entry]);
    expect(parseShardManifest(JSON.parse(JSON.stringify(manifest)))).toEqual(manifest);
    const shard = { bundle: '/pagefind/shard-0/', newest: 'x', oldest: 'x', pages: 1 };
    const broken = [
      null,
      'entry',
      { version: '1.6.0' },
      { languages: {} },
      { languages: { en: { hash: 'en_2' } } },
      { languages: { en: { hash: 2, page_count: 1 } } },
    ];
    for (const wrong of broken) {
      expect(() => parseShardManifest({ version: 1, shards: [{ ...shard, entry: wrong }] })).toThrow(
        /shard 0 has a broken entry/,
      );
    }
    const directory = { bundle: '/pagefind/directory/', meta: 'pagefind.en_d.pf_meta', pages: ['en_a'] };
    expect(
      parseShardManifest({ version: 1, shards: [shard], directory: { ...directory, entry } }).directory,
    ).toEqual({ ...directory, entry });
    expect(() =>
      parseShardManifest({
        version: 1,
        shards: [shard],
        directory: { ...directory, entry: { languages: 1 } },
      }),
    ).toThrow(/directory has a broken entry/);
  });

  it('names the directory and the values file when given, and refuses them malformed', () => {
    const directory = {
      bundle: '/pagefind/directory/',
      meta: 'pagefind.en_d.pf_meta',
      pages: ['en_a', 'en_b', 'en_c'],
    };
    const manifest = shardManifest(planShards(pages, 3), '/pagefind', [], [], {
      directory,
      values: 'values.0f.json',
    });
    expect(manifest.directory).toEqual(directory);
    expect(manifest.values).toBe('values.0f.json');
    expect(parseShardManifest(JSON.parse(JSON.stringify(manifest)))).toEqual(manifest);
    // Older manifests have neither: every shard is searched, every shard's values summed.
    expect(shardManifest(planShards(pages, 3), '/pagefind')).not.toHaveProperty('directory');
    const broken = [
      [{ ...directory, bundle: 'directory/' }, /directory has no bundle path/],
      [{ ...directory, meta: '../x.pf_meta' }, /directory names no metadata file/],
      [{ ...directory, pages: ['en_a'] }, /one record per shard/],
      [{ ...directory, pages: ['en_a', 'en_b', 3] }, /one record per shard/],
    ] as const;
    for (const [wrong, error] of broken) {
      expect(() => parseShardManifest({ ...manifest, directory: wrong })).toThrow(error);
    }
    for (const values of ['../values.0f.json', 'values.json', 7]) {
      expect(() => parseShardManifest({ ...manifest, values })).toThrow(/values file/);
    }
  });

  it('names the browse folder when given, and refuses it malformed', () => {
    const manifest = shardManifest(planShards(pages, 3), '/pagefind', [], [], {
      browse: 'browse.0123456789abcdef',
    });
    expect(parseShardManifest(JSON.parse(JSON.stringify(manifest))).browse).toBe('browse.0123456789abcdef');
    expect(shardManifest(planShards(pages, 3), '/pagefind')).not.toHaveProperty('browse');
    for (const browse of ['../browse.0123456789abcdef', 'browse', 'browse.0123456789abcdef/x', 7]) {
      expect(() => parseShardManifest({ ...manifest, browse })).toThrow(/browse folder/);
    }
  });

  it('refuses a manifest of another shape', () => {
    expect(() => parseShardManifest(null)).toThrow(/not an object/);
    expect(() => parseShardManifest({ version: 99, shards: [] })).toThrow(/version/);
    expect(() => parseShardManifest({ version: 1 })).toThrow(/no shard list/);
    expect(() =>
      parseShardManifest({ version: 1, shards: [{ bundle: 'shard-0', newest: 'x', oldest: 'x', pages: 1 }] }),
    ).toThrow(/bundle path/);
    expect(() => parseShardManifest({ version: 1, shards: [], answers: [1] })).toThrow(/word list/);
  });

  it('reads shards newest first for newest, reversed for oldest', () => {
    expect(shardsInDateOrder(['s2', 's1', 's0'], 'newest')).toEqual(['s2', 's1', 's0']);
    expect(shardsInDateOrder(['s2', 's1', 's0'], 'oldest')).toEqual(['s0', 's1', 's2']);
  });
});

describe('ShardedResults', () => {
  /** Shards of results in date order, recording which were searched. */
  function shards(...sizes: number[]) {
    const searched: number[] = [];
    const searches = sizes.map((size, shard) => async () => {
      searched.push(shard);
      return Array.from({ length: size }, (_, i) => `${shard}.${i}`);
    });
    return { searched, results: new ShardedResults(searches) };
  }

  it('searches shards in order only until the slice is filled', async () => {
    const { searched, results } = shards(4, 3, 5, 2);
    expect(await results.slice(0, 3)).toEqual(['0.0', '0.1', '0.2']);
    expect(searched).toEqual([0]);
    expect(await results.slice(3, 3)).toEqual(['0.3', '1.0', '1.1']);
    expect(searched).toEqual([0, 1]);
    expect(results.shardsSearched).toBe(2);
  });

  it('continues past empty shards and stops at the end', async () => {
    const { searched, results } = shards(0, 1, 0, 2);
    expect(await results.slice(0, 10)).toEqual(['1.0', '3.0', '3.1']);
    expect(searched).toEqual([0, 1, 2, 3]);
    expect(await results.slice(3, 10)).toEqual([]);
    expect(searched).toEqual([0, 1, 2, 3]);
  });

  it('searches each shard once when slices are asked for at the same time', async () => {
    const { searched, results } = shards(2, 2, 2);
    const [a, b] = await Promise.all([results.slice(0, 3), results.slice(3, 3)]);
    expect(a).toEqual(['0.0', '0.1', '1.0']);
    expect(b).toEqual(['1.1', '2.0', '2.1']);
    expect(searched).toEqual([0, 1, 2]);
  });

  it('reports a failed shard to its caller and tries it again on the next slice', async () => {
    let fail = true;
    const results = new ShardedResults([
      async () => ['a'],
      async () => {
        if (fail) throw new Error('offline');
        return ['b'];
      },
    ]);
    await expect(results.slice(0, 2)).rejects.toThrow('offline');
    fail = false;
    expect(await results.slice(0, 2)).toEqual(['a', 'b']);
  });
});
