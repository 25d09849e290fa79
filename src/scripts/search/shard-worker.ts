/**
 * A worker of the search page: it runs Pagefind's runtime and searches the
 * shards the page deals to it (src/scripts/search/shard-workers.ts has the
 * page's side, shard-worker-protocol.ts the messages).
 *
 * Why not Pagefind's own worker: it registers every result of every search
 * for garbage collection and releases each one with a message and a reply.
 * After searches for common words the page and the worker exchanged tens of
 * thousands of messages whenever the page's garbage collector ran, and a
 * later search waited behind them: up to 2 s for a two-word search that takes
 * 40 ms otherwise (10,000 articles, measured in BENCHMARKS.md). Here a search
 * is released with one message, and only ids and scores cross threads.
 *
 * Pagefind's runtime fetches through src/scripts/search/pagefind-fetch.ts,
 * which answers a bundle's entry from the manifest, loads the WebAssembly
 * once for all the shards the worker opens, and unzips natively.
 *
 * Inside a worker, `pagefind.js` finds no window and runs in the worker's own
 * thread. It finds no document either, so it does not know the page's
 * language and opens the index's language with the most pages: the archive's
 * index has one.
 */
import type {
  ShardSearchAnswer,
  ShardWorkerQuestion,
  ShardWorkerReply,
  ShardWorkerRequest,
} from './shard-worker-protocol.ts';
import { createPagefindFetch } from './pagefind-fetch.ts';

interface PagefindResult {
  id: string;
  score: number;
  data(): Promise<unknown>;
}

interface PagefindInstance {
  init(): Promise<void>;
  search(
    term: string | null,
    options?: { sort?: Record<string, 'asc' | 'desc'> | undefined },
  ): Promise<{ results: PagefindResult[] }>;
  preload(term: string): Promise<void>;
}

interface PagefindModule {
  createInstance(options: { basePath: string; excerptLength?: number }): PagefindInstance;
}

/** The worker's global scope, as far as this file uses it (the project's types are the page's). */
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<ShardWorkerRequest>) => void) | null;
  postMessage(message: ShardWorkerReply): void;
  fetch: typeof fetch;
  location: { href: string };
};

/** Each bundle's entry text by the bundle's folder, from the manifest. */
const entries = new Map<string, string>();
// Pagefind's runtime calls the global fetch when it needs a file.
scope.fetch = createPagefindFetch({
  network: scope.fetch.bind(scope),
  base: scope.location.href,
  entryOf: (bundle) => entries.get(bundle),
});

let runtime: Promise<PagefindModule> | undefined;
let excerptLength: number | undefined;
/** Each bundle's Pagefind instance, started the first time the bundle is asked about. */
const instances = new Map<string, Promise<PagefindInstance>>();
/** The first instance, until it has started (see `open`). */
let firstStart: Promise<unknown> | undefined;
/** The results of each search the page has not released. */
const searches = new Map<number, PagefindResult[]>();

/**
 * The instance of `bundle`. Pagefind keeps its WebAssembly in one variable per
 * script: instances that start at the same moment each instantiate it, the
 * last one wins, and the others then read another instance's memory ("memory
 * access out of bounds"). So the first instance is fully started before any
 * other is created; the others reuse the module it loaded.
 */
function open(bundle: string): Promise<PagefindInstance> {
  let instance = instances.get(bundle);
  if (instance) return instance;
  instance = (async () => {
    if (!runtime) throw new Error('search worker: not set up');
    const module = await runtime;
    if (firstStart) await firstStart;
    const start = (async () => {
      const created = module.createInstance({ basePath: bundle, excerptLength });
      await created.init();
      // An empty term returns once the instance's WebAssembly and metadata are
      // loaded, and fetches nothing more.
      await created.search('');
      return created;
    })();
    if (!firstStart) {
      // A first instance that fails lets the next one be first.
      firstStart = start.catch(() => (firstStart = undefined));
    }
    return start;
  })();
  instances.set(bundle, instance);
  // A failure is not kept: the next question about the bundle tries again.
  instance.catch(() => instances.delete(bundle));
  return instance;
}

async function answer(question: ShardWorkerQuestion): Promise<unknown> {
  switch (question.kind) {
    case 'setup':
      excerptLength = question.excerptLength;
      runtime = import(/* @vite-ignore */ question.runtime) as Promise<PagefindModule>;
      await runtime;
      return null;
    case 'search': {
      const { results } = await (await open(question.bundle)).search(question.term, { sort: question.sort });
      searches.set(question.search, results);
      const reply: ShardSearchAnswer = {
        ids: results.map((result) => result.id),
        scores: results.map((result) => result.score),
      };
      return reply;
    }
    case 'preload':
      await (await open(question.bundle)).preload(question.term);
      return null;
    case 'data': {
      const result = searches.get(question.search)?.[question.position];
      if (!result)
        throw new Error(`search worker: no result ${question.position} of search ${question.search}`);
      return result.data();
    }
  }
}

scope.onmessage = ({ data: request }) => {
  if (request.kind === 'release') {
    searches.delete(request.search);
    return;
  }
  if (request.kind === 'entries') {
    for (const [bundle, entry] of Object.entries(request.entries)) entries.set(bundle, entry);
    return;
  }
  answer(request).then(
    (value) => scope.postMessage({ id: request.id, value }),
    (error: unknown) =>
      scope.postMessage({ id: request.id, error: error instanceof Error ? error.message : String(error) }),
  );
};
