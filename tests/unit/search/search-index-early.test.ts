import type { AstroPrerenderer } from 'astro';
import { describe, expect, it } from 'vitest';
import {
  ARTICLE_ROUTE,
  EarlyShardIndexer,
  type EarlyShardPage,
} from '../../../src/integrations/search-index-early.ts';

type PathWithRoute = Awaited<ReturnType<AstroPrerenderer['getStaticPaths']>>[number];
type RouteData = PathWithRoute['route'];

const articleRoute = { route: ARTICLE_ROUTE } as RouteData;
const listingRoute = { route: '/[...page]' } as RouteData;

/** A prerenderer that lists these paths and records what it is asked to render. */
function fakePrerenderer(paths: PathWithRoute[]) {
  const rendered: string[] = [];
  const inner: AstroPrerenderer = {
    name: 'fake',
    getStaticPaths: () => Promise.resolve(paths),
    render: (request) => {
      rendered.push(new URL(request.url).pathname);
      return Promise.resolve(new Response('<html></html>'));
    },
  };
  return { inner, rendered };
}

// Every path has a cacheKey, as this site's routes give them for Astro's incremental build.
const article = (slug: string): PathWithRoute => ({
  pathname: `/articles/${slug}/`,
  route: articleRoute,
  cacheKey: `key of ${slug}`,
});
const listing = (path: string): PathWithRoute => ({ pathname: path, route: listingRoute, cacheKey: path });

function indexer(shardSize: number) {
  const handed: { id: number; urls: string[] }[] = [];
  const early = new EarlyShardIndexer({
    outDir: '/site',
    shardSize,
    indexShard: (id: number, pages: EarlyShardPage[]) => {
      handed.push({ id, urls: pages.map((p) => p.url) });
      return Promise.resolve();
    },
  });
  return { early, handed };
}

/**
 * Renders the paths as Astro's build does; `skip` lists the pages its
 * incremental build finds unchanged, which it never renders when they have
 * a cacheKey.
 */
async function renderAll(prerenderer: AstroPrerenderer, skip = new Set<string>()) {
  const paths = await prerenderer.getStaticPaths();
  for (const { pathname, route, cacheKey } of paths) {
    if (cacheKey !== undefined && skip.has(pathname)) continue;
    await prerenderer.render(new Request(`http://localhost${pathname}`), { routeData: route });
  }
  await prerenderer.teardown?.();
  return paths.map((p) => p.pathname);
}

describe('EarlyShardIndexer', () => {
  const paths = [
    listing('/'),
    article('a'),
    listing('/page/2/'),
    article('b'),
    article('c'),
    article('d'),
    article('e'),
  ];

  it('renders article pages first, in their listed order, and everything else after', async () => {
    const { inner } = fakePrerenderer(paths);
    const { early } = indexer(2);
    const order = (await early.wrap(inner).getStaticPaths()).map((p) => p.pathname);
    expect(order).toEqual([
      '/articles/a/',
      '/articles/b/',
      '/articles/c/',
      '/articles/d/',
      '/articles/e/',
      '/',
      '/page/2/',
    ]);
  });

  it('hands out each shard once all its pages are written, and the short newest one at the end', async () => {
    const { inner, rendered } = fakePrerenderer(paths);
    const seen: { id: number; urls: string[]; renderedBefore: string[] }[] = [];
    const early = new EarlyShardIndexer({
      outDir: '/site',
      shardSize: 2,
      indexShard: (id, pages) => {
        seen.push({ id, urls: pages.map((p) => p.url), renderedBefore: [...rendered] });
        return Promise.resolve();
      },
    });
    await renderAll(early.wrap(inner));
    await early.settled();
    expect(seen.map((s) => [s.id, s.urls])).toEqual([
      [0, ['/articles/a/', '/articles/b/']],
      [1, ['/articles/c/', '/articles/d/']],
      [2, ['/articles/e/']],
    ]);
    for (const shard of seen) {
      // Never before its pages are written…
      for (const url of shard.urls) expect(shard.renderedBefore).toContain(url);
    }
    // …and the first while articles are still rendering: that is the overlap.
    expect(seen[0]?.renderedBefore).not.toContain('/articles/e/');
  });

  it('counts pages restored from the cache as written, and hands out every shard', async () => {
    const { inner, rendered } = fakePrerenderer(paths);
    const { early, handed } = indexer(3);
    // A rebuild where nothing changed.
    await renderAll(early.wrap(inner), new Set(paths.map((p) => p.pathname)));
    await early.settled();
    expect(handed.map((h) => [h.id, h.urls.length])).toEqual([
      [0, 3],
      [1, 2],
    ]);
    // Only the pages that tell a shard is complete: the first after each shard.
    expect(rendered).toEqual(['/articles/d/', '/']);
  });

  it("on a rebuild, hands out the edited article's shard once its pages are written, not at teardown", async () => {
    const { inner, rendered } = fakePrerenderer(paths);
    const handedAfter: { id: number; rendered: string[]; tornDown: boolean }[] = [];
    let tornDown = false;
    const early = new EarlyShardIndexer({
      outDir: '/site',
      shardSize: 2,
      // Every shard starts when it is complete, not when a slot frees.
      concurrency: () => 3,
      indexShard: (id) => {
        handedAfter.push({ id, rendered: [...rendered], tornDown });
        return Promise.resolve();
      },
    });
    const wrapped = early.wrap(inner);
    const order = await wrapped.getStaticPaths();
    // The first page after each shard, and the first after the articles, lose their cacheKey.
    expect(order.filter((p) => p.cacheKey === undefined).map((p) => p.pathname)).toEqual([
      '/articles/c/',
      '/articles/e/',
      '/',
    ]);
    // Only article d changed: every other page is unchanged and skipped.
    const unchanged = new Set(paths.map((p) => p.pathname).filter((p) => p !== '/articles/d/'));
    const teardown = wrapped.teardown?.bind(wrapped);
    wrapped.teardown = async () => {
      tornDown = true;
      await teardown?.();
    };
    await renderAll(wrapped, unchanged);
    expect(tornDown).toBe(true);
    await early.settled();
    expect(rendered).toEqual(['/articles/c/', '/articles/d/', '/articles/e/', '/']);
    // Each shard as soon as the page after it is asked for (Astro has then
    // written every page before it), not at teardown: shard 1 (c, d) when e is.
    expect(handedAfter).toEqual([
      { id: 0, rendered: [], tornDown: false },
      { id: 1, rendered: ['/articles/c/', '/articles/d/'], tornDown: false },
      { id: 2, rendered: ['/articles/c/', '/articles/d/', '/articles/e/'], tornDown: false },
    ]);
  });

  it('on a rebuild, renders the shards with a changed page first, and hands them out first', async () => {
    // The first build: every shard renders, oldest first, and its keys are kept.
    const first = indexer(2);
    await renderAll(first.early.wrap(fakePrerenderer(paths).inner));
    await first.early.settled();
    expect(first.handed.map((h) => h.id)).toEqual([0, 1, 2]);
    const keys = new Set(first.early.shardKeys);
    expect(keys.size).toBe(3);

    // Article d (shard 1) is edited: its cache key changes, and with it its shard's key.
    const edited = paths.map((p) =>
      p.pathname === '/articles/d/' ? { ...p, cacheKey: 'key of d, edited' } : p,
    );
    const { inner, rendered } = fakePrerenderer(edited);
    const handed: { id: number; urls: string[]; rendered: string[] }[] = [];
    const early = new EarlyShardIndexer({
      outDir: '/site',
      shardSize: 2,
      concurrency: () => 3,
      unchangedShards: keys,
      indexShard: (id, pages) => {
        handed.push({ id, urls: pages.map((p) => p.url), rendered: [...rendered] });
        return Promise.resolve();
      },
    });
    const wrapped = early.wrap(inner);
    const order = await wrapped.getStaticPaths();
    expect(order.map((p) => p.pathname)).toEqual([
      '/articles/c/',
      '/articles/d/',
      '/articles/a/',
      '/articles/b/',
      '/articles/e/',
      '/',
      '/page/2/',
    ]);
    // The first page after each shard, in this order, is rendered every time.
    expect(order.filter((p) => p.cacheKey === undefined).map((p) => p.pathname)).toEqual([
      '/articles/a/',
      '/articles/e/',
      '/',
    ]);
    const unchanged = new Set(paths.map((p) => p.pathname).filter((p) => p !== '/articles/d/'));
    await renderAll(wrapped, unchanged);
    await early.settled();
    // The edited shard is handed out as soon as its own pages are written (when the page
    // after it is asked for), before any other.
    expect(handed).toEqual([
      { id: 1, urls: ['/articles/c/', '/articles/d/'], rendered: ['/articles/d/'] },
      { id: 0, urls: ['/articles/a/', '/articles/b/'], rendered: ['/articles/d/', '/articles/a/'] },
      { id: 2, urls: ['/articles/e/'], rendered: ['/articles/d/', '/articles/a/', '/articles/e/'] },
    ]);
    // Its keys are this build's: the edited shard's is new.
    expect(early.shardKeys.filter((key) => !keys.has(key))).toHaveLength(1);
  });

  it("keeps the usual order when every shard changed or a page has no cache key, and orders by the pages' own articles", async () => {
    const { early } = indexer(2);
    const order = async (unchangedShards: Set<string>, list = paths) => {
      const wrapped = new EarlyShardIndexer({
        outDir: '/site',
        shardSize: 2,
        unchangedShards,
        indexShard: () => Promise.resolve(),
      }).wrap(fakePrerenderer(list).inner);
      return (await wrapped.getStaticPaths())
        .map((p) => p.pathname)
        .filter((p) => p.startsWith('/articles/'));
    };
    const usual = ['/articles/a/', '/articles/b/', '/articles/c/', '/articles/d/', '/articles/e/'];
    expect(await order(new Set())).toEqual(usual);
    await early.wrap(fakePrerenderer(paths).inner).getStaticPaths();
    const keys = new Set(early.shardKeys);
    expect(await order(keys)).toEqual(usual);
    // A page that renders again for a related article (the part of its key after the `.`)
    // leaves its shard's key, and so its place, as it was.
    const withParts = (list: PathWithRoute[], whole: string) =>
      list.map((p) => (p.route === articleRoute ? { ...p, cacheKey: `own of ${p.pathname}.${whole}` } : p));
    const parted = new EarlyShardIndexer({
      outDir: '/site',
      shardSize: 2,
      indexShard: () => Promise.resolve(),
    });
    await parted.wrap(fakePrerenderer(withParts(paths, 'before')).inner).getStaticPaths();
    // Every page renders again (a related article changed everywhere), but only d's own article did.
    const afterEdit = withParts(paths, 'after').map((p) =>
      p.pathname === '/articles/d/' ? { ...p, cacheKey: 'own of d, edited.after' } : p,
    );
    expect(await order(new Set(parted.shardKeys), afterEdit)).toEqual([
      '/articles/c/',
      '/articles/d/',
      '/articles/a/',
      '/articles/b/',
      '/articles/e/',
    ]);
    // A page without a cache key always renders: its shard has no key, and counts as changed.
    const uncached = paths.map((p) => (p.pathname === '/articles/e/' ? { ...p, cacheKey: undefined } : p));
    expect(await order(keys, uncached)).toEqual(['/articles/e/', ...usual.slice(0, 4)]);
  });

  it('asks for the shard size once the article pages are known, and plans with it', async () => {
    const { inner } = fakePrerenderer(paths);
    const handed: string[][] = [];
    const asked: number[] = [];
    const early = new EarlyShardIndexer({
      outDir: '/site',
      shardSize: (articles) => {
        asked.push(articles);
        return articles > 4 ? 3 : 1;
      },
      indexShard: (_id, pages) => {
        handed.push(pages.map((p) => p.url.split('/')[2] ?? ''));
        return Promise.resolve();
      },
    });
    expect(early.shardSize).toBeUndefined();
    await renderAll(early.wrap(inner));
    await early.settled();
    expect(asked).toEqual([5]);
    expect(early.shardSize).toBe(3);
    expect(handed).toEqual([
      ['a', 'b', 'c'],
      ['d', 'e'],
    ]);
  });

  it('gives the files of the pages in the output folder', async () => {
    const { inner } = fakePrerenderer([article('a')]);
    const files: string[] = [];
    const early = new EarlyShardIndexer({
      outDir: '/site',
      shardSize: 5,
      indexShard: (_id, pages) => {
        files.push(...pages.map((p) => p.file));
        return Promise.resolve();
      },
    });
    await renderAll(early.wrap(inner));
    await early.settled();
    expect(files).toEqual(['/site/articles/a/index.html']);
  });

  it('indexes as many shards at once as the concurrency allows, and settles after the last', async () => {
    const many = Array.from({ length: 9 }, (_, i) => article(`a${i}`));
    const { inner } = fakePrerenderer(many);
    let running = 0;
    let most = 0;
    const finished: number[] = [];
    const shardCounts: number[] = [];
    const early = new EarlyShardIndexer({
      outDir: '/site',
      shardSize: 2,
      concurrency: (shards) => {
        shardCounts.push(shards);
        return 2;
      },
      indexShard: async (id, _pages, slot) => {
        await slot.acquire();
        running++;
        most = Math.max(most, running);
        // Long enough that every shard is handed out while the first ones still run.
        await new Promise((resolve) => setTimeout(resolve, 20));
        running--;
        finished.push(id);
      },
    });
    await renderAll(early.wrap(inner));
    await early.settled();
    expect(shardCounts).toEqual([5]);
    expect(most).toBe(2);
    expect(running).toBe(0);
    expect([...finished].sort()).toEqual([0, 1, 2, 3, 4]);
  });

  it('indexes one shard at a time by default, a slot asked for twice being one claim', async () => {
    const many = Array.from({ length: 6 }, (_, i) => article(`a${i}`));
    const { inner } = fakePrerenderer(many);
    let running = 0;
    let most = 0;
    const early = new EarlyShardIndexer({
      outDir: '/site',
      shardSize: 2,
      indexShard: async (_id, _pages, slot) => {
        // The second ask must wait as the first does, not pass for a slot.
        void slot.acquire();
        await slot.acquire();
        running++;
        most = Math.max(most, running);
        await new Promise((resolve) => setTimeout(resolve, 10));
        running--;
      },
    });
    await renderAll(early.wrap(inner));
    await early.settled();
    expect(most).toBe(1);
    expect(running).toBe(0);
  });

  it('frees a slot when its shard says it is indexed, and settles only once every shard is done', async () => {
    const many = Array.from({ length: 6 }, (_, i) => article(`a${i}`));
    const { inner } = fakePrerenderer(many);
    let indexing = 0;
    let mostIndexing = 0;
    let unfinished = 0;
    let mostUnfinished = 0;
    const early = new EarlyShardIndexer({
      outDir: '/site',
      shardSize: 2,
      indexShard: async (_id, _pages, slot) => {
        await slot.acquire();
        indexing++;
        unfinished++;
        mostIndexing = Math.max(mostIndexing, indexing);
        mostUnfinished = Math.max(mostUnfinished, unfinished);
        await new Promise((resolve) => setTimeout(resolve, 5));
        indexing--;
        slot.release();
        // Called twice, the slot is still given up only once.
        slot.release();
        // What is left of the job runs beside the next shard's indexing.
        await new Promise((resolve) => setTimeout(resolve, 30));
        unfinished--;
      },
    });
    await renderAll(early.wrap(inner));
    await early.settled();
    expect(mostIndexing).toBe(1);
    expect(mostUnfinished).toBeGreaterThan(1);
    expect(unfinished).toBe(0);
  });

  it('never holds up a shard that needs no slot (one found in the cache) behind one that holds it', async () => {
    const many = Array.from({ length: 6 }, (_, i) => article(`a${i}`));
    const { inner } = fakePrerenderer(many);
    const events: string[] = [];
    let finishFirst: () => void = () => undefined;
    const early = new EarlyShardIndexer({
      outDir: '/site',
      shardSize: 2,
      indexShard: async (id, _pages, slot) => {
        // Shard 1 is cached: it reads its pages and is done, without a slot.
        if (id === 1) {
          events.push('1 done');
          return;
        }
        await slot.acquire();
        events.push(`${id} indexing`);
        if (id === 0) await new Promise<void>((resolve) => (finishFirst = resolve));
        events.push(`${id} done`);
      },
    });
    await renderAll(early.wrap(inner));
    // Every shard is handed out; shard 0 still holds the only slot.
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(events).toEqual(['0 indexing', '1 done']);
    finishFirst();
    await early.settled();
    expect(events).toEqual(['0 indexing', '1 done', '0 done', '2 indexing', '2 done']);
  });

  it('frees the slot of a shard whose indexing rejects', async () => {
    const { inner } = fakePrerenderer(paths);
    const done: number[] = [];
    const early = new EarlyShardIndexer({
      outDir: '/site',
      shardSize: 2,
      indexShard: async (id, _pages, slot) => {
        await slot.acquire();
        if (id === 0) throw new Error('broken');
        done.push(id);
      },
    });
    await renderAll(early.wrap(inner));
    await early.settled();
    expect(done).toEqual([1, 2]);
  });

  it('hands out nothing for a site without articles', async () => {
    const { inner } = fakePrerenderer([listing('/')]);
    const { early, handed } = indexer(2);
    await renderAll(early.wrap(inner));
    await early.settled();
    expect(handed).toEqual([]);
  });
});
