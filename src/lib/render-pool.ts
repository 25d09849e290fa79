/**
 * Validates article files and renders their bodies into the render cache, with
 * one worker thread per core (src/markdown/render-worker.ts). The loader hands
 * each file over as glob() reads it, so validation and rendering run on every
 * core while the loader's own thread reads the next files and stores results.
 * Each worker holds at most {@link JOBS_PER_WORKER} jobs, so a slow article
 * holds up at most one other and memory stays flat whatever the corpus size.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type {
  ArticleTask,
  ArticleWorkerData,
  RenderOutcome,
  RenderTask,
  ValidateOutcome,
  ValidateTask,
} from '../markdown/render-worker.ts';
import type { Vocabulary } from './taxonomy.ts';

/**
 * Jobs a worker holds at once: the one it works on and the next, already in
 * its message queue. With one, a worker that finished waited for the loader's
 * thread, often busy reading files, to hand it the next: 14% of its time in
 * a 2,500-article profile.
 */
const JOBS_PER_WORKER = 2;

export type RenderJob = Omit<RenderTask, 'id' | 'kind'>;
export type ValidateJob = Omit<ValidateTask, 'id' | 'kind'>;
export type Validation = Omit<ValidateOutcome, 'id' | 'error' | 'renderError'>;

export interface RenderFailure {
  job: Pick<RenderJob, 'path' | 'displayPath'>;
  message: string;
}

type QueuedJob =
  | { kind: 'render'; job: RenderJob }
  | {
      kind: 'validate';
      job: ValidateJob;
      resolve: (validation: Validation) => void;
      reject: (error: Error) => void;
    };

export class RenderPool {
  readonly #workerFile: string;
  readonly #threads: number;
  readonly #workerData: ArticleWorkerData;
  readonly #workers: Worker[] = [];
  /** Jobs each worker holds (given and not answered yet). */
  readonly #held = new Map<Worker, number>();
  /** Jobs not started yet, from `#head` on; taken slots are cleared so a file's text is not kept. */
  #queue: (QueuedJob | undefined)[] = [];
  #head = 0;
  /** Jobs given to a worker and not answered yet, by id. */
  readonly #inFlight = new Map<number, QueuedJob>();
  readonly #failures: RenderFailure[] = [];
  #next = 0;
  #renders = 0;
  #closed = false;
  #error: Error | undefined;
  #settle: (() => void) | undefined;

  constructor(workerFile: string, options: { threads?: number; vocabulary?: Vocabulary } = {}) {
    this.#workerFile = workerFile;
    this.#threads = Math.max(1, options.threads ?? availableParallelism());
    this.#workerData = {
      regions: [...(options.vocabulary?.regions ?? [])],
      themes: [...(options.vocabulary?.themes ?? [])],
    };
  }

  /** Number of bodies rendered (or attempted) so far. */
  get size(): number {
    return this.#renders;
  }

  /** Queues a body to render; a worker starts on it as soon as one is free (workers start on demand). */
  add(job: RenderJob): void {
    this.#enqueue({ kind: 'render', job });
  }

  /**
   * Validates an article file in a worker and, when it is valid and its body
   * is not rendered yet, renders it; resolves with the validation. A body that
   * cannot be rendered is reported by {@link finish}, as for {@link add}.
   */
  validate(job: ValidateJob): Promise<Validation> {
    return new Promise((resolve, reject) => this.#enqueue({ kind: 'validate', job, resolve, reject }));
  }

  /**
   * Waits for every queued job and stops the workers. With `abandon`, jobs not
   * yet started are dropped (the build is failing anyway).
   */
  async finish({ abandon = false } = {}): Promise<RenderFailure[]> {
    this.#closed = true;
    if (abandon) {
      for (const queued of this.#takeAll()) {
        if (queued.kind === 'validate') queued.reject(new Error('the render pool was stopped'));
      }
    }
    if (this.#inFlight.size > 0 || this.#head < this.#queue.length) {
      await new Promise<void>((resolve) => (this.#settle = resolve));
    }
    await Promise.all(this.#workers.map((w) => w.terminate()));
    if (this.#error) throw this.#error;
    return this.#failures.sort((a, b) => a.job.path.localeCompare(b.job.path));
  }

  #enqueue(queued: QueuedJob): void {
    if (this.#closed) throw new Error('the render pool is closed');
    if (queued.kind === 'render') this.#renders++;
    this.#queue.push(queued);
    // Another worker only when every one is busy: a small batch needs no more threads.
    if (this.#workers.length < this.#threads && this.#workers.every((w) => this.#jobsOf(w) > 0)) {
      this.#spawn();
    }
    // The least busy worker takes it, if any can hold one more.
    let worker: Worker | undefined;
    for (const candidate of this.#workers) {
      if (
        this.#jobsOf(candidate) < JOBS_PER_WORKER &&
        (!worker || this.#jobsOf(candidate) < this.#jobsOf(worker))
      ) {
        worker = candidate;
      }
    }
    if (worker) this.#feed(worker);
  }

  #jobsOf(worker: Worker): number {
    return this.#held.get(worker) ?? 0;
  }

  #spawn(): void {
    const worker = new Worker(this.#workerFile, { workerData: this.#workerData });
    this.#workers.push(worker);
    worker.on('message', (outcome: RenderOutcome | ValidateOutcome) => {
      const queued = this.#inFlight.get(outcome.id);
      this.#inFlight.delete(outcome.id);
      this.#held.set(worker, this.#jobsOf(worker) - 1);
      if (queued) this.#settleJob(queued, outcome);
      this.#feed(worker);
    });
    worker.on('error', (error) => {
      this.#error ??= error;
      for (const queued of [...this.#inFlight.values(), ...this.#takeAll()]) {
        if (queued.kind === 'validate') queued.reject(error);
      }
      this.#inFlight.clear();
      this.#settle?.();
    });
  }

  #settleJob(queued: QueuedJob, outcome: RenderOutcome | ValidateOutcome): void {
    if (queued.kind === 'render') {
      if (outcome.error) this.#failures.push({ job: queued.job, message: outcome.error });
      return;
    }
    const { id: _id, error, renderError, ...validation } = outcome as ValidateOutcome;
    if (error) {
      queued.reject(new Error(`${queued.job.displayPath}: ${error}`));
      return;
    }
    if (validation.rendered) this.#renders++;
    if (renderError) this.#failures.push({ job: queued.job, message: renderError });
    queued.resolve(validation);
  }

  /** The next job not started, if any. */
  #take(): QueuedJob | undefined {
    if (this.#head >= this.#queue.length) return undefined;
    const queued = this.#queue[this.#head];
    this.#queue[this.#head++] = undefined;
    // Drop the cleared slots now and then: a rebuild can queue 100,000 renders.
    if (this.#head > 4096 && this.#head * 2 > this.#queue.length) {
      this.#queue = this.#queue.slice(this.#head);
      this.#head = 0;
    }
    return queued;
  }

  /** Every job not started, taken from the queue. */
  #takeAll(): QueuedJob[] {
    const rest = this.#queue.slice(this.#head).filter((queued) => queued !== undefined);
    this.#queue = [];
    this.#head = 0;
    return rest;
  }

  /** Gives `worker` jobs until it holds {@link JOBS_PER_WORKER}; wakes `finish()` once nothing is left. */
  #feed(worker: Worker): void {
    if (this.#error) return;
    while (this.#jobsOf(worker) < JOBS_PER_WORKER) {
      const queued = this.#take();
      if (!queued) break;
      const id = this.#next++;
      this.#inFlight.set(id, queued);
      this.#held.set(worker, this.#jobsOf(worker) + 1);
      const task: ArticleTask =
        queued.kind === 'render'
          ? { ...queued.job, kind: 'render', id }
          : { ...queued.job, kind: 'validate', id };
      worker.postMessage(task);
    }
    if (this.#inFlight.size === 0 && this.#head >= this.#queue.length) this.#settle?.();
  }
}
