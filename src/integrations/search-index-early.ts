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
 * It only fills the shard cache (`cachedShard`): `astro:build:done` still
 * lists every article page, plans the shards and checks the counts exactly as
 * before, and finds the shards built here already cached under the same key
 * (the hash of their pages). So the output cannot differ from a build without
 * this step; when the early plan does not match the final one (an article
 * route listed out of order, stale pages in the output folder) the early work
 * is wasted, never used.
 */
import type { AstroPrerenderer } from 'astro';
import { join } from 'node:path';

/** The route of article pages: `src/pages/articles/[slug].astro`. */
export const ARTICLE_ROUTE = '/articles/[slug]';

/** One article page of a shard: its URL path and its file in the output. */
export interface EarlyShardPage {
  url: string;
  file: string;
}

export interface EarlyIndexingOptions {
  /** The build's output folder (absolute path). */
  outDir: string;
  /** Most articles per shard: must be what `astro:build:done` plans with, or nothing is reused. */
  shardSize: number;
  /**
   * Indexes shard `id` (counted from the oldest) of these pages into the
   * shard cache. Called one shard at a time, in order; it must not throw.
   */
  indexShard: (id: number, pages: EarlyShardPage[]) => Promise<void>;
}

function urlPath(pathname: string): string {
  const path = pathname.startsWith('/') ? pathname : `/${pathname}`;
  return path.endsWith('/') ? path : `${path}/`;
}

/**
 * Follows page rendering and hands each complete shard to `indexShard` in the
 * background, one shard at a time (Pagefind's Node API drives one process,
 * and one shard beside the build keeps memory within bounds).
 */
export class EarlyShardIndexer {
  /** URL paths of the article pages, in the order Astro renders them. */
  private articles: string[] = [];
  private positionOf = new Map<string, number>();
  /** Article pages written so far (every page before the one being rendered). */
  private written = 0;
  /** The next shard to start, counted from the oldest. */
  private nextShard = 0;
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly options: EarlyIndexingOptions) {}

  /** Wraps Astro's prerenderer: article pages first, and a note of each page's progress. */
  wrap(inner: AstroPrerenderer): AstroPrerenderer {
    const wrapped: AstroPrerenderer = {
      name: `${inner.name}+early-search-index`,
      getStaticPaths: async () => {
        const paths = await inner.getStaticPaths();
        const articles = paths.filter((p) => p.route.route === ARTICLE_ROUTE);
        this.articles = articles.map((p) => urlPath(p.pathname));
        this.positionOf = new Map(this.articles.map((path, i) => [path, i]));
        return [...articles, ...paths.filter((p) => p.route.route !== ARTICLE_ROUTE)];
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

  /** Resolves when every shard handed out so far is indexed. */
  settled(): Promise<void> {
    return this.queue;
  }

  private progress(written: number): void {
    if (written <= this.written) return;
    this.written = written;
    const { shardSize, outDir, indexShard } = this.options;
    const total = this.articles.length;
    for (;;) {
      const start = this.nextShard * shardSize;
      const end = Math.min(start + shardSize, total);
      // A shard is complete when all its pages are written; the newest one
      // (possibly short) when every article is.
      if (start >= total || end > written) return;
      const id = this.nextShard++;
      const pages = this.articles
        .slice(start, end)
        .map((url) => ({ url, file: join(outDir, url, 'index.html') }));
      this.queue = this.queue.then(() => indexShard(id, pages));
    }
  }
}
