/**
 * Sharding of the search index by period: which article pages go into which
 * Pagefind bundle, and the manifest (`/pagefind/shards.json`) the search page
 * reads to find the bundles. Pure, so the build (src/integrations/search-index.ts)
 * and the browser (src/scripts/search/engine.ts) share one definition.
 *
 * Why shards: Pagefind holds a whole index in memory while it builds it
 * (measured 4.5–4.9 GB at 10,000 pages, linear in pages), so one index of
 * 100,000 articles does not fit the machine. Bundles of at most a shard
 * size ({@link shardSizeFor}) pages, built one after another, bound the
 * memory by the shard size.
 */

import type { DirectoryEntry } from './search-directory.ts';
import { parsePagefindEntry, type CheckedPagefindEntry } from './pagefind-facets.ts';
import { BROWSE_FOLDER } from './browse-rows.ts';

/** Name of the manifest inside the search folder of the output. */
export const SHARD_MANIFEST_FILE = 'shards.json';

/** Bumped when the manifest's shape changes. */
export const SHARD_MANIFEST_VERSION = 1;

/** One article page to index. */
export interface ShardPage {
  /** URL path of the page (`/articles/<slug>/`); unique. */
  url: string;
  /** The page's sort date (`YYYY-MM-DD`). */
  date: string;
}

export interface PlannedShard<P extends ShardPage = ShardPage> {
  /** Position in chronological order, 0 = oldest; names the bundle folder (`shard-<id>`). */
  id: number;
  /** Pages oldest first (date, then URL): the order they are added to the index, so output is deterministic. */
  pages: P[];
  /** Date of the newest page. */
  newest: string;
  /** Date of the oldest page. */
  oldest: string;
}

/** One bundle as the search page sees it. */
export interface ShardManifestEntry {
  /** Root-relative URL of the bundle folder, ending in `/` (`/pagefind/shard-3/`). */
  bundle: string;
  newest: string;
  oldest: string;
  pages: number;
  /**
   * The metadata file Pagefind's runtime loads for the site's language
   * (`pagefind.<hash>.pf_meta`), which the page also reads for its filter
   * data (src/lib/pagefind-facets.ts); with it the page need not fetch the
   * bundle's entry a second time (Pagefind fetches its own copy past the cache).
   */
  meta?: string;
  /**
   * The shard's filter chunks in one file named by its content's hash
   * (`filters.<hash>.json`, src/lib/pagefind-facets.ts), which the page reads
   * instead of one request per filter group.
   */
  filters?: string;
  /**
   * The bundle's `pagefind-entry.json` as it is, so that the page's runtime
   * need not fetch it before the metadata (src/scripts/search/pagefind-fetch.ts).
   */
  entry?: CheckedPagefindEntry;
}

export interface ShardManifest {
  version: number;
  /** Pages over all shards. */
  pages: number;
  /** Newest period first; periods do not overlap except at a shared boundary date. */
  shards: ShardManifestEntry[];
  /** Queries with a precomputed answer (`answers/<query>.json`, src/lib/search-answers.ts). */
  answers: string[];
  /** Which shards hold which words (src/lib/search-directory.ts); absent: search every shard. */
  directory?: DirectoryEntry;
  /**
   * Every filter value of the archive with its number of articles, in one
   * file (`values.<hash>.json`, a FilterCounts); absent: sum each shard's.
   */
  values?: string;
  /**
   * The folder of the counts of a browse by one filter value
   * (`browse.<hash>/<group>/<slug>.json`, src/lib/browse-rows.ts); absent:
   * count from every shard.
   */
  browse?: string;
}

/**
 * The order of pages inside and across shards: date, then URL (compared as
 * strings, so `/articles/a-b/` sorts before `/articles/a/`). The article route
 * lists its pages in this order too, so that shards can be indexed while the
 * rest of the site renders (src/integrations/search-index-early.ts).
 */
export function compareShardPages(a: ShardPage, b: ShardPage): number {
  if (a.date !== b.date) return a.date < b.date ? -1 : 1;
  return a.url < b.url ? -1 : a.url > b.url ? 1 : 0;
}

/** How large the shards of an archive are (`search` in src/site.config.ts). */
export interface ShardSizing {
  /** Most pages per shard of an archive of up to `shardSize × maxShards` pages. */
  shardSize: number;
  /** Shards an archive may have before its shards grow. */
  maxShards: number;
  /** The size shards never grow beyond. */
  largestShardSize: number;
}

/**
 * The shard size of an archive of `pages` pages: `shardSize`, doubled while
 * the archive would need more than `maxShards` shards and the double is at
 * most `largestShardSize`.
 *
 * Why grow: every shard adds fixed work to a relevance search (its files, its
 * Pagefind instance, its answer to merge); at 10,000 articles two shards of
 * 5,000 answered the benchmark's queries about 15% faster than four of 2,500
 * (BENCHMARKS.md). Why not everywhere: a shard's Pagefind process holds the
 * whole shard, and a rebuild indexes the edited article's shard again. Why
 * in doublings rather than `pages / maxShards`: a size that moved with every
 * new article would move every shard boundary, and each addition would
 * re-index every shard; a doubling re-plans the shards once.
 */
export function shardSizeFor(pages: number, sizing: ShardSizing): number {
  let size = sizing.shardSize;
  while (Math.ceil(pages / size) > sizing.maxShards && size * 2 <= sizing.largestShardSize) size *= 2;
  return size;
}

/**
 * Splits pages into shards of consecutive periods, each of at most
 * `shardSize` pages, and returns them newest first.
 *
 * Shards are filled from the OLDEST page on, so the boundaries of every older
 * shard stay where they are when new articles arrive (the usual change to an
 * archive): only the newest shard changes, and the build re-indexes only it.
 * Editing an article in place changes only its own shard. Inserting or
 * removing an old article shifts the boundaries of the shards after it (they
 * are re-indexed; the output is still right). The cost is that the newest
 * shard may hold few pages, so a date-sorted search sometimes reads two.
 *
 * A shard boundary may fall inside one date; shards then share that date,
 * which keeps date order across shards (newest shard first) intact.
 */
export function planShards<P extends ShardPage>(pages: readonly P[], shardSize: number): PlannedShard<P>[] {
  if (!Number.isInteger(shardSize) || shardSize < 1) {
    throw new RangeError(`search shard size must be a positive integer, got ${shardSize}`);
  }
  const seen = new Set<string>();
  for (const page of pages) {
    if (seen.has(page.url)) throw new Error(`page ${page.url} is listed twice`);
    seen.add(page.url);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(page.date)) throw new Error(`page ${page.url} has no sort date`);
  }
  const sorted = [...pages].sort(compareShardPages);
  const shards: PlannedShard<P>[] = [];
  for (let start = 0; start < sorted.length; start += shardSize) {
    const chunk = sorted.slice(start, start + shardSize);
    const [first, last] = [chunk[0], chunk[chunk.length - 1]];
    if (!first || !last) break;
    shards.push({ id: shards.length, pages: chunk, oldest: first.date, newest: last.date });
  }
  return shards.reverse();
}

/** Folder of a shard's bundle inside the search folder. */
export function shardDir(id: number): string {
  return `shard-${id}`;
}

/** The manifest of planned shards (given newest first, as {@link planShards} returns them). */
export function shardManifest(
  shards: readonly PlannedShard[],
  searchRoot: string,
  answers: readonly string[] = [],
  /** Each shard's metadata file, filters file and entry, in `shards` order. */
  files: readonly { meta: string; filters: string; entry?: CheckedPagefindEntry }[] = [],
  {
    directory,
    values,
    browse,
  }: {
    directory?: DirectoryEntry | undefined;
    values?: string | undefined;
    browse?: string | undefined;
  } = {},
): ShardManifest {
  const root = searchRoot.endsWith('/') ? searchRoot : `${searchRoot}/`;
  return {
    version: SHARD_MANIFEST_VERSION,
    pages: shards.reduce((sum, s) => sum + s.pages.length, 0),
    shards: shards.map((s, i) => ({
      bundle: `${root}${shardDir(s.id)}/`,
      newest: s.newest,
      oldest: s.oldest,
      pages: s.pages.length,
      ...files[i],
    })),
    answers: [...answers],
    ...(directory ? { directory } : {}),
    ...(values ? { values } : {}),
    ...(browse ? { browse } : {}),
  };
}

/** A Pagefind metadata file name: nothing that could leave the bundle's folder. */
const META_FILE = /^pagefind\.[A-Za-z0-9_-]+\.pf_meta$/;
const FILTERS_FILE = /^filters\.[0-9a-f]+\.json$/;
const VALUES_FILE = /^values\.[0-9a-f]+\.json$/;

/** Reads a manifest fetched by the browser, refusing anything of another shape. */
export function parseShardManifest(value: unknown): ShardManifest {
  const fail = (why: string): never => {
    throw new Error(`search manifest: ${why}`);
  };
  if (typeof value !== 'object' || value === null) return fail('not an object');
  const {
    version,
    pages,
    shards,
    answers = [],
    directory,
    values,
    browse,
  } = value as Record<string, unknown>;
  if (version !== SHARD_MANIFEST_VERSION) fail(`unsupported version ${String(version)}`);
  if (!Array.isArray(shards)) return fail('no shard list');
  const entries = shards.map((raw: unknown, i): ShardManifestEntry => {
    const s = (raw ?? {}) as Record<string, unknown>;
    if (typeof s['bundle'] !== 'string' || !s['bundle'].startsWith('/') || !s['bundle'].endsWith('/'))
      fail(`shard ${i} has no bundle path`);
    if (typeof s['newest'] !== 'string' || typeof s['oldest'] !== 'string') fail(`shard ${i} has no dates`);
    if (typeof s['pages'] !== 'number') fail(`shard ${i} has no page count`);
    if (s['meta'] !== undefined && (typeof s['meta'] !== 'string' || !META_FILE.test(s['meta'])))
      fail(`shard ${i} names no metadata file`);
    if (s['filters'] !== undefined && (typeof s['filters'] !== 'string' || !FILTERS_FILE.test(s['filters'])))
      fail(`shard ${i} names no filters file`);
    if (s['entry'] !== undefined && !parsePagefindEntry(s['entry'])) fail(`shard ${i} has a broken entry`);
    return s as unknown as ShardManifestEntry;
  });
  if (!Array.isArray(answers) || answers.some((a) => typeof a !== 'string'))
    fail('answers is not a word list');
  if (directory !== undefined) {
    const d = (directory ?? {}) as Record<string, unknown>;
    if (typeof d['bundle'] !== 'string' || !d['bundle'].startsWith('/') || !d['bundle'].endsWith('/'))
      fail('the directory has no bundle path');
    if (typeof d['meta'] !== 'string' || !META_FILE.test(d['meta']))
      fail('the directory names no metadata file');
    const ids = d['pages'];
    if (!Array.isArray(ids) || ids.length !== entries.length || ids.some((id) => typeof id !== 'string'))
      fail('the directory does not name one record per shard');
    if (d['everyShard'] !== undefined && typeof d['everyShard'] !== 'string')
      fail("the directory's shared record has no id");
    if (d['entry'] !== undefined && !parsePagefindEntry(d['entry'])) fail('the directory has a broken entry');
  }
  if (values !== undefined && (typeof values !== 'string' || !VALUES_FILE.test(values)))
    fail('names no values file');
  if (browse !== undefined && (typeof browse !== 'string' || !BROWSE_FOLDER.test(browse)))
    fail('names no browse folder');
  return {
    version: SHARD_MANIFEST_VERSION,
    pages: typeof pages === 'number' ? pages : 0,
    shards: entries,
    answers: answers as string[],
    ...(directory !== undefined ? { directory: directory as DirectoryEntry } : {}),
    ...(typeof values === 'string' ? { values } : {}),
    ...(typeof browse === 'string' ? { browse } : {}),
  };
}

/** Date sorts read shards in date order: the manifest's order for newest first, reversed for oldest. */
export function shardsInDateOrder<T>(shards: readonly T[], direction: 'newest' | 'oldest'): T[] {
  return direction === 'newest' ? [...shards] : [...shards].reverse();
}
