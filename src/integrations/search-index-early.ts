/**
 * Indexes search shards while Astro is still rendering pages.
 *
 * Astro renders pages one at a time on one core, and Pagefind used to start
 * only after the last page was written (`astro:build:done`), so one of the
 * machine's two cores idled through page rendering and the other through
 * indexing. This module wraps Astro's prerenderer (`setPrerenderer` in
 * `astro:build:start`) to render the article pages first, in the order the
 * shards hold them (date, then URL: the article route lists them so), and to
 * index each shard as soon as its last page is written, in the background,
 * while the listing pages and the remaining articles render.
 *
 * Astro tells the wrapper only of the pages it renders. On a rebuild it skips
 * unchanged pages silently, so the first page after each shard, and the
 * first after the articles, are rendered every time (their paths lose their
 * `cacheKey`): each one's render says that every page before it is written,
 * and the edited article's shard starts then rather than at teardown.
 *
 * And on a rebuild the shards whose articles changed render first: each
 * shard has a key made of its pages' paths and the part of their cache keys
 * that changes with their own article ({@link EarlyShardIndexer.shardKeys}),
 * and a shard whose key the last build also had goes after the others
 * (`unchangedShards`): Pagefind will find it in its cache, even when some of
 * its pages render again because a related article changed. Restoring an
 * unchanged page costs about half a millisecond, so the edited article's
 * shard would otherwise wait for every shard before it: a few seconds at
 * 10,000 articles, most of a minute at 100,000 for an edit in the newest
 * shard.
 *
 * It only fills the shard cache (`cachedShard`): `astro:build:done` still
 * lists every article page, plans the shards and checks the counts exactly as
 * before, and finds the shards built here already cached under the same key
 * (the hash of their pages). So the output cannot differ from a build without
 * this step; when the early plan does not match the final one (an article
 * route listed out of order, stale pages in the output folder) the early work
 * is wasted, never used.
 */
import type { AstroPrerenderer } from 'astro';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { ownArticleKey } from '../lib/page-cache-keys.ts';

type PathWithRoute = Awaited<ReturnType<AstroPrerenderer['getStaticPaths']>>[number];

/** The route of article pages: `src/pages/articles/[slug].astro`. */
export const ARTICLE_ROUTE = '/articles/[slug]';

/** One article page of a shard: its URL path and its file in the output. */
export interface EarlyShardPage {
  url: string;
  file: string;
}

/** A shard's claim on one of the indexing slots ({@link EarlyIndexingOptions.indexShard}). */
export interface ShardSlot {
  /** Resolves once the shard holds a slot. */
  acquire(): Promise<void>;
  /** Gives the slot up (or the claim, before it was granted); later calls do nothing. */
  release(): void;
}

export interface EarlyIndexingOptions {
  /** The build's output folder (absolute path). */
  outDir: string;
  /**
   * Most articles per shard, or how many given the number of articles
   * (known once Astro lists the pages): must be what `astro:build:done`
   * plans with ({@link EarlyShardIndexer.shardSize}), or nothing is reused.
   */
  shardSize: number | ((articles: number) => number);
  /**
   * Indexes shard `id` (counted from the oldest) of these pages into the
   * shard cache. Called for each shard as soon as its pages are written;
   * it must not throw. The work whose memory the limit bounds (a Pagefind
   * process) waits for `slot.acquire()`: at most `concurrency(shards)`
   * shards hold a slot at a time, given out in the order asked. What comes
   * before (reading the pages, finding the shard in the cache, which on a
   * rebuild is all most shards need) runs at once, so a cached shard never
   * holds up the edited one. `slot.release()` gives the slot up before the
   * promise settles: the Pagefind process has ended, and what is left of
   * the job (reading the shard back, its precomputed answers) may run
   * beside the next shard. A slot still held is released when the promise
   * settles.
   */
  indexShard: (id: number, pages: EarlyShardPage[], slot: ShardSlot) => Promise<void>;
  /**
   * How many shards may be indexed at the same time, given the number of
   * shards of the archive (known once Astro lists the article pages); one
   * by default.
   */
  concurrency?: (shards: number) => number;
  /**
   * The keys of the shards the last build rendered ({@link EarlyShardIndexer.shardKeys}):
   * a shard with one of them is unchanged, and renders after the others.
   */
  unchangedShards?: ReadonlySet<string>;
}

/** A shard's pages in render order: from `start` to `end` (exclusive) of the article pages. */
interface ShardBlock {
  id: number;
  start: number;
  end: number;
}

/**
 * The key of a shard's pages: their paths, the part of their cache keys that
 * changes with their own article ({@link ownArticleKey}: a related article's
 * edit re-renders a page but leaves its search record as it was), and the
 * shard size. Undefined when a page has no cache key: Astro renders it every
 * time.
 */
function shardKey(shardSize: number, paths: readonly PathWithRoute[]): string | undefined {
  if (paths.some((path) => path.cacheKey === undefined)) return undefined;
  const hash = createHash('sha256').update(String(shardSize));
  for (const { pathname, cacheKey } of paths) {
    hash.update(`\n${pathname}\n${ownArticleKey(String(cacheKey))}`);
  }
  return hash.digest('hex').slice(0, 32);
}

/** The path without its `cacheKey`, which Astro's incremental build then never skips. */
function alwaysRendered(path: PathWithRoute): PathWithRoute {
  const rendered = { ...path };
  delete rendered.cacheKey;
  return rendered;
}

function urlPath(pathname: string): string {
  const path = pathname.startsWith('/') ? pathname : `/${pathname}`;
  return path.endsWith('/') ? path : `${path}/`;
}

/**
 * Follows page rendering and hands each complete shard to `indexShard` in the
 * background, in render order (oldest first, after those with a changed
 * page on a rebuild), with a claim on one of `concurrency` slots for
 * its indexing (each shard indexing is one Pagefind process, and its memory
 * grows with the shard, so the limit is what bounds the build's memory).
 */
export class EarlyShardIndexer {
  private readonly options: EarlyIndexingOptions;
  /** URL paths of the article pages, in the order Astro renders them. */
  private articles: string[] = [];
  private positionOf = new Map<string, number>();
  /** The shard size, once the article pages are known. */
  private size: number | undefined;
  /** The shards in render order, once the article pages are known. */
  private blocks: ShardBlock[] = [];
  /** The key of each shard whose pages all have a cache key. */
  private keys: string[] = [];
  /** Article pages written so far (every page before the one being rendered). */
  private written = 0;
  /** The next shard to hand out, as a position in `blocks`. */
  private nextBlock = 0;
  /** Shards waiting for an indexing slot, in the order they asked. */
  private readonly waiting: (() => void)[] = [];
  /** Shards holding a slot. */
  private running = 0;
  /** Shards handed out whose promise has not settled yet. */
  private unsettled = 0;
  private limit = 1;
  private idle: (() => void)[] = [];

  constructor(options: EarlyIndexingOptions) {
    this.options = options;
  }

  /** Wraps Astro's prerenderer: article pages first, and a note of each page's progress. */
  wrap(inner: AstroPrerenderer): AstroPrerenderer {
    const wrapped: AstroPrerenderer = {
      name: `${inner.name}+early-search-index`,
      getStaticPaths: async () => {
        const paths = await inner.getStaticPaths();
        const listed = paths.filter((p) => p.route.route === ARTICLE_ROUTE);
        const { shardSize: sizing } = this.options;
        const shardSize = typeof sizing === 'number' ? sizing : sizing(listed.length);
        this.size = shardSize;
        const shards = Array.from({ length: Math.ceil(listed.length / shardSize) }, (_, id) => {
          const pages = listed.slice(id * shardSize, (id + 1) * shardSize);
          return { id, pages, key: shardKey(shardSize, pages) };
        });
        this.keys = shards.flatMap(({ key }) => (key === undefined ? [] : [key]));
        this.limit = Math.max(1, Math.floor(this.options.concurrency?.(shards.length) ?? 1));
        const unchanged = ({ key }: { key: string | undefined }) =>
          key !== undefined && this.options.unchangedShards?.has(key) === true;
        const inOrder = [...shards.filter((shard) => !unchanged(shard)), ...shards.filter(unchanged)];
        let offset = 0;
        this.blocks = inOrder.map(({ id, pages }) => {
          const block = { id, start: offset, end: offset + pages.length };
          offset = block.end;
          return block;
        });
        const articles = inOrder.flatMap(({ pages }) => pages);
        this.articles = articles.map((p) => urlPath(p.pathname));
        this.positionOf = new Map(this.articles.map((path, i) => [path, i]));
        const ordered = [...articles, ...paths.filter((p) => p.route.route !== ARTICLE_ROUTE)];
        // On a rebuild Astro skips unchanged pages without a word to us, so a
        // shard would be known complete only when a later page happens to be
        // rendered, often not before teardown. The first page after each
        // shard is rendered every time instead (a path without a cacheKey is
        // never skipped): a few pages' work, and the edited article's shard
        // starts as soon as its pages are all written.
        const after = new Set(this.blocks.map(({ end }) => end));
        return ordered.map((path, i) => (i > 0 && after.has(i) ? alwaysRendered(path) : path));
      },
      render: (request, options) => {
        // Astro writes each page before it asks for the next, so every article
        // before this one is on disk (rendered now, or restored from its cache).
        const position =
          options.routeData.route === ARTICLE_ROUTE
            ? this.positionOf.get(urlPath(new URL(request.url).pathname))
            : undefined;
        this.progress(position ?? this.articles.length);
        return inner.render(request, options);
      },
      teardown: async () => {
        this.progress(this.articles.length);
        await inner.teardown?.();
      },
    };
    if (inner.setup) wrapped.setup = () => inner.setup?.() ?? Promise.resolve();
    if (inner.collectStaticImages) {
      wrapped.collectStaticImages = () => inner.collectStaticImages?.() ?? Promise.resolve(new Map());
    }
    return wrapped;
  }

  /** The shard size the pages were planned with; undefined before Astro lists them. */
  get shardSize(): number | undefined {
    return this.size;
  }

  /**
   * The keys of this build's shards, for the next build's `unchangedShards`
   * (to be kept only once this build has succeeded); empty before Astro
   * lists the pages.
   */
  get shardKeys(): readonly string[] {
    return this.keys;
  }

  /** Resolves when every shard handed out so far is indexed. */
  settled(): Promise<void> {
    if (this.unsettled === 0) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  /** Grants waiting shards their slots while slots are free. */
  private grant(): void {
    while (this.running < this.limit) {
      const next = this.waiting.shift();
      if (!next) break;
      this.running++;
      next();
    }
  }

  /** Hands shard `id` to `indexShard` with a slot it may ask for; wakes `settled()` once nothing is left. */
  private handOut(id: number, pages: EarlyShardPage[]): void {
    let state: 'none' | 'waiting' | 'held' | 'released' = 'none';
    let granted: () => void = () => undefined;
    // Asked twice, the claim is the same one; asked after the release, there is nothing to wait for.
    let claim: Promise<void> | undefined;
    const slot: ShardSlot = {
      acquire: () => {
        if (state === 'released') return Promise.resolve();
        claim ??= new Promise<void>((resolve) => {
          state = 'waiting';
          granted = () => {
            state = 'held';
            resolve();
          };
          this.waiting.push(granted);
          this.grant();
        });
        return claim;
      },
      release: () => {
        if (state === 'held') {
          this.running--;
          this.grant();
        } else if (state === 'waiting') {
          const at = this.waiting.indexOf(granted);
          if (at >= 0) this.waiting.splice(at, 1);
        }
        state = 'released';
      },
    };
    this.unsettled++;
    // `indexShard` must not throw; a rejection would still free its slot.
    void this.options
      .indexShard(id, pages, slot)
      .catch(() => undefined)
      .finally(() => {
        slot.release();
        if (--this.unsettled > 0) return;
        const idle = this.idle;
        this.idle = [];
        for (const resolve of idle) resolve();
      });
  }

  private progress(written: number): void {
    if (written <= this.written) return;
    this.written = written;
    const { outDir } = this.options;
    for (;;) {
      const block = this.blocks[this.nextBlock];
      // A shard is complete when all its pages are written.
      if (!block || block.end > written) return;
      this.nextBlock++;
      const pages = this.articles
        .slice(block.start, block.end)
        .map((url) => ({ url, file: join(outDir, url, 'index.html') }));
      this.handOut(block.id, pages);
    }
  }
}
