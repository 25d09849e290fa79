/**
 * Renders article bodies into the render cache with one worker thread per
 * core. Jobs are queued as the loader validates each file, so rendering runs
 * beside validation instead of after it; each worker takes one job at a time,
 * so a slow article never holds up a batch and memory stays flat whatever the
 * corpus size.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { RenderOutcome, RenderTask } from '../markdown/render-worker.ts';

export type RenderJob = Omit<RenderTask, 'id'>;

export interface RenderFailure {
  job: RenderJob;
  message: string;
}

export class RenderPool {
  readonly #workerFile: string;
  readonly #threads: number;
  readonly #workers: Worker[] = [];
  /** Workers waiting for a job. */
  readonly #idle: Worker[] = [];
  readonly #jobs: RenderJob[] = [];
  readonly #failures: RenderFailure[] = [];
  #next = 0;
  #running = 0;
  #closed = false;
  #error: Error | undefined;
  #settle: (() => void) | undefined;

  constructor(workerFile: string, threads = availableParallelism()) {
    this.#workerFile = workerFile;
    this.#threads = Math.max(1, threads);
  }

  /** Number of jobs queued so far. */
  get size(): number {
    return this.#jobs.length;
  }

  /** Queues a body; a worker starts on it as soon as one is free (workers start on demand). */
  add(job: RenderJob): void {
    if (this.#closed) throw new Error('the render pool is closed');
    this.#jobs.push(job);
    if (this.#idle.length === 0 && this.#workers.length < this.#threads) this.#spawn();
    const worker = this.#idle.pop();
    if (worker) this.#feed(worker);
  }

  /**
   * Waits for every queued job and stops the workers. With `abandon`, jobs not
   * yet started are dropped (the build is failing anyway).
   */
  async finish({ abandon = false } = {}): Promise<RenderFailure[]> {
    this.#closed = true;
    if (abandon) this.#next = this.#jobs.length;
    if (this.#running > 0) await new Promise<void>((resolve) => (this.#settle = resolve));
    await Promise.all(this.#workers.map((w) => w.terminate()));
    if (this.#error) throw this.#error;
    return this.#failures.sort((a, b) => a.job.path.localeCompare(b.job.path));
  }

  #spawn(): void {
    const worker = new Worker(this.#workerFile);
    this.#workers.push(worker);
    worker.on('message', (outcome: RenderOutcome) => {
      this.#running--;
      if (outcome.error)
        this.#failures.push({ job: this.#jobs[outcome.id] as RenderJob, message: outcome.error });
      this.#feed(worker);
    });
    worker.on('error', (error) => {
      this.#error ??= error;
      this.#running = 0;
      this.#settle?.();
    });
    this.#idle.push(worker);
  }

  #feed(worker: Worker): void {
    if (this.#error) return;
    if (this.#next >= this.#jobs.length) {
      this.#idle.push(worker);
      if (this.#running === 0) this.#settle?.();
      return;
    }
    const id = this.#next++;
    this.#running++;
    worker.postMessage({ ...this.#jobs[id], id } satisfies RenderTask);
  }
}
