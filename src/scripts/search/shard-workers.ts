/**
 * The search page's side of a worker that runs Pagefind
 * (src/scripts/search/shard-worker.ts, which says why the page does not use
 * Pagefind's own worker). Each worker searches the shards dealt to it one
 * after another; several workers search in parallel on the reader's cores.
 */
import type {
  ShardSearchAnswer,
  ShardWorkerQuestion,
  ShardWorkerReply,
  ShardWorkerRequest,
} from './shard-worker-protocol.ts';
import type { PagefindResultData } from '../../lib/search-answers.ts';

/** The page's copy of a distributive question: the same question without the id the worker answers by. */
type Question = ShardWorkerQuestion extends infer Q
  ? Q extends { id: number }
    ? Omit<Q, 'id'>
    : never
  : never;

/** One result of a shard's search: what the engine merges and shows. */
export interface PagefindResult {
  id: string;
  score: number;
  data(): Promise<PagefindResultData>;
}

export class ShardWorker {
  /** Resolves once the worker has loaded Pagefind's runtime; rejects when it could not. */
  readonly ready: Promise<void>;
  readonly #worker: Worker;
  #nextQuestion = 0;
  #nextSearch = 0;
  readonly #waiting = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  /**
   * Every result of a search holds the search's token; once the page holds
   * none of them, the worker is told to drop the search, with one message.
   */
  readonly #released = new FinalizationRegistry<number>((search) => this.#send({ kind: 'release', search }));

  /** Starts a worker that loads Pagefind's runtime from `runtime` (an absolute URL). */
  constructor(runtime: string, excerptLength: number) {
    this.#worker = new Worker(new URL('./shard-worker.ts', import.meta.url), {
      type: 'module',
      name: 'search',
    });
    this.#worker.addEventListener('message', ({ data: reply }: MessageEvent<ShardWorkerReply>) => {
      const waiting = this.#waiting.get(reply.id);
      if (!waiting) return;
      this.#waiting.delete(reply.id);
      if ('error' in reply) waiting.reject(new Error(reply.error));
      else waiting.resolve(reply.value);
    });
    // The worker's script failed to load or run: nothing asked will be answered.
    this.#worker.addEventListener('error', (event) => {
      const error = new Error(`search worker: ${event.message || 'failed to start'}`);
      for (const waiting of this.#waiting.values()) waiting.reject(error);
      this.#waiting.clear();
    });
    this.ready = this.#ask({ kind: 'setup', runtime, excerptLength });
    // Reported to whoever awaits `ready`, and to each question, which needs the runtime.
    this.ready.catch(() => undefined);
  }

  #send(request: ShardWorkerRequest): void {
    this.#worker.postMessage(request);
  }

  #ask<T>(question: Question): Promise<T> {
    const id = this.#nextQuestion++;
    return new Promise<T>((resolve, reject) => {
      this.#waiting.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.#send({ ...question, id } as ShardWorkerQuestion);
    });
  }

  /** Gives the worker the entries of the bundles it may open (bundle folder → entry text). */
  sendEntries(entries: Record<string, string>): void {
    this.#send({ kind: 'entries', entries });
  }

  /** Loads the index chunks of `term` in `bundle`, starting the bundle's instance if needed. */
  preload(bundle: string, term: string): Promise<void> {
    return this.#ask({ kind: 'preload', bundle, term });
  }

  /** Searches `bundle` for `term` (`null`: every page), in Pagefind's order. */
  async search(
    bundle: string,
    term: string | null,
    sort: Record<string, 'asc' | 'desc'> | undefined,
  ): Promise<PagefindResult[]> {
    const search = this.#nextSearch++;
    const { ids, scores } = await this.#ask<ShardSearchAnswer>({
      kind: 'search',
      bundle,
      term,
      sort,
      search,
    });
    const token = { search };
    this.#released.register(token, search);
    const data = (position: number) =>
      this.#ask<PagefindResultData>({ kind: 'data', search: token.search, position });
    return ids.map((id, position) => ({ id, score: scores[position] ?? 0, data: () => data(position) }));
  }
}
