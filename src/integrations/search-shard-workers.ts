/**
 * Builds search shards in worker threads, so that several can be indexed at
 * the same time (search-index-early.ts decides how many), and computes their
 * precomputed answers there (search-answers.ts, which must not run in
 * Astro's thread).
 *
 * Why threads: each shard is indexed by a Pagefind process of its own
 * (`cachedShard`), but reading its bundle back for the search directory's
 * vocabulary takes seconds of JavaScript per shard, which would hold up
 * Astro's rendering in its thread; and Pagefind's runtime, which computes the
 * answers, must not run in Astro's thread.
 */
import { Worker } from 'node:worker_threads';
import type { PlannedShard } from '../lib/search-shards.ts';
import type { ShardAnswer } from '../lib/search-answers.ts';
import type { IndexedPage } from './search-index.ts';

/** What a worker builds: `cachedShard(shard, siteDir, cacheDir, version)`. */
export interface ShardJob {
  shard: PlannedShard<IndexedPage>;
  siteDir: string;
  cacheDir: string;
  version: string;
}

/** What a worker answers: `shardAnswers(bundleDir, words, pageSize)`. */
export interface AnswersJob {
  bundleDir: string;
  words: string[];
  pageSize: number;
}

export type BuiltShard = { dir: string; reused: boolean };

export type ShardJobMessage = { id: number } & (
  ({ kind: 'build' } & ShardJob) | ({ kind: 'answers' } & AnswersJob)
);

export type ShardJobOutcome = { id: number } & ({ value: unknown } | { error: string });

/** Sent by a worker during a build job, once the shard's Pagefind process has ended. */
export interface ShardJobIndexed {
  id: number;
  indexed: true;
}

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  /** Called when the worker says the job's Pagefind process has ended. */
  indexed?: (() => void) | undefined;
}

export class ShardWorkers {
  readonly #workerFile: string | URL;
  readonly #size: number;
  readonly #workers: Worker[] = [];
  readonly #idle: Worker[] = [];
  readonly #queue: ShardJobMessage[] = [];
  readonly #pending = new Map<number, Pending>();
  /** The job each busy worker runs, to fail it if the worker dies. */
  readonly #busy = new Map<Worker, number>();
  /** Workers to stop once their job is done (see {@link ShardWorkers.answers}). */
  readonly #retiring = new Set<Worker>();
  #nextId = 0;

  /** `workerFile` is search-shard-worker.ts; at most `size` threads run at once. */
  constructor(workerFile: string | URL, size: number) {
    this.#workerFile = workerFile;
    this.#size = Math.max(1, size);
  }

  /**
   * Builds the shard into the cache (or finds it there) in a worker thread;
   * `indexed` is called once its Pagefind process has ended (not when the
   * shard was found in the cache), before the shard is read back.
   */
  build(job: ShardJob, indexed?: () => void): Promise<BuiltShard> {
    return this.#run({ kind: 'build', ...job }, indexed) as Promise<BuiltShard>;
  }

  /**
   * A built shard's answers to these words, by word. Each such job runs in a
   * new thread, stopped after it: Pagefind's WebAssembly seeds each new hash
   * map from a counter, so its scores vary in the last bits with everything
   * the thread's runtime did before, and the answers (files of the site)
   * must not depend on which thread ran which shard before.
   */
  answers(job: AnswersJob): Promise<Record<string, ShardAnswer>> {
    return this.#run({ kind: 'answers', ...job }) as Promise<Record<string, ShardAnswer>>;
  }

  #run(job: Omit<ShardJobMessage, 'id'>, indexed?: () => void): Promise<unknown> {
    const id = this.#nextId++;
    const done = new Promise<unknown>((resolve, reject) =>
      this.#pending.set(id, { resolve, reject, indexed }),
    );
    this.#queue.push({ ...job, id } as ShardJobMessage);
    this.#dispatch();
    return done;
  }

  /** Stops the threads; jobs not finished yet fail. */
  async close(): Promise<void> {
    this.#queue.length = 0;
    await Promise.all(this.#workers.map((worker) => worker.terminate()));
    for (const [id, pending] of this.#pending) {
      pending.reject(new Error('the shard workers were closed'));
      this.#pending.delete(id);
    }
  }

  #dispatch(): void {
    while (this.#queue.length > 0) {
      const worker = this.#idle.pop() ?? (this.#workers.length < this.#size ? this.#spawn() : undefined);
      if (!worker) return;
      const job = this.#queue.shift() as ShardJobMessage;
      this.#busy.set(worker, job.id);
      if (job.kind === 'answers') this.#retiring.add(worker);
      // A busy worker keeps the process alive; an idle one must not (a build that fails
      // before closing the pool would otherwise never exit).
      worker.ref();
      worker.postMessage(job);
    }
  }

  #spawn(): Worker {
    const worker = new Worker(this.#workerFile);
    this.#workers.push(worker);
    worker.on('message', (outcome: ShardJobOutcome | ShardJobIndexed) => {
      if ('indexed' in outcome) {
        this.#pending.get(outcome.id)?.indexed?.();
        return;
      }
      this.#busy.delete(worker);
      const pending = this.#pending.get(outcome.id);
      this.#pending.delete(outcome.id);
      if ('error' in outcome) pending?.reject(new Error(outcome.error));
      else pending?.resolve(outcome.value);
      if (this.#retiring.delete(worker)) {
        // Out of the pool before it stops, so its exit is not taken for a crash.
        this.#workers.splice(this.#workers.indexOf(worker), 1);
        void worker.terminate();
      } else {
        worker.unref();
        this.#idle.push(worker);
      }
      this.#dispatch();
    });
    // A worker that failed to start, crashed or stopped: its job fails, the others go on.
    const lost = (error: Error) => {
      const index = this.#workers.indexOf(worker);
      if (index < 0) return; // already handled (an error is followed by an exit)
      this.#workers.splice(index, 1);
      const idle = this.#idle.indexOf(worker);
      if (idle >= 0) this.#idle.splice(idle, 1);
      const id = this.#busy.get(worker);
      this.#busy.delete(worker);
      this.#retiring.delete(worker);
      if (id !== undefined) {
        this.#pending.get(id)?.reject(error);
        this.#pending.delete(id);
      }
      this.#dispatch();
    };
    worker.on('error', lost);
    worker.on('exit', (code) => lost(new Error(`a search shard worker stopped (exit code ${code})`)));
    return worker;
  }
}
