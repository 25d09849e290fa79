/**
 * Renders article bodies into the render cache with one worker thread per
 * core. Tasks are handed out one at a time, so a slow article never holds up
 * a whole batch and memory stays flat whatever the corpus size.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { RenderOutcome, RenderTask } from '../markdown/render-worker.ts';

export type RenderJob = Omit<RenderTask, 'id'>;

export interface RenderFailure {
  job: RenderJob;
  message: string;
}

export async function renderInPool(
  jobs: readonly RenderJob[],
  workerFile: string,
  threads = Math.min(availableParallelism(), Math.max(1, jobs.length)),
): Promise<RenderFailure[]> {
  if (jobs.length === 0) return [];
  const failures: RenderFailure[] = [];
  let next = 0;
  const runWorker = () =>
    new Promise<void>((resolvePromise, reject) => {
      const worker = new Worker(workerFile);
      const feed = () => {
        if (next >= jobs.length) {
          void worker.terminate().then(() => resolvePromise());
          return;
        }
        const id = next++;
        worker.postMessage({ ...jobs[id], id } satisfies RenderTask);
      };
      worker.on('message', (outcome: RenderOutcome) => {
        if (outcome.error) failures.push({ job: jobs[outcome.id] as RenderJob, message: outcome.error });
        feed();
      });
      worker.on('error', reject);
      feed();
    });
  await Promise.all(Array.from({ length: threads }, runWorker));
  return failures.sort((a, b) => a.job.path.localeCompare(b.job.path));
}
