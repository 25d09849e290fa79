/**
 * A worker thread of ShardWorkers (search-shard-workers.ts): builds one shard
 * at a time into the shard cache with its own Pagefind process, or computes a
 * built shard's precomputed answers with Pagefind's runtime.
 */
import { parentPort } from 'node:worker_threads';
import { shardAnswers } from './search-answers.ts';
import { cachedShard } from './search-index.ts';
import type { ShardJobIndexed, ShardJobMessage, ShardJobOutcome } from './search-shard-workers.ts';

function run(job: ShardJobMessage): Promise<unknown> {
  // Told as soon as the shard's Pagefind process has ended, before the rest of the job.
  const indexed = () => parentPort?.postMessage({ id: job.id, indexed: true } satisfies ShardJobIndexed);
  return job.kind === 'build'
    ? cachedShard(job.shard, job.siteDir, job.cacheDir, job.version, indexed)
    : shardAnswers(job.bundleDir, job.words, job.pageSize);
}

parentPort?.on('message', (job: ShardJobMessage) => {
  run(job).then(
    (value) => parentPort?.postMessage({ id: job.id, value } satisfies ShardJobOutcome),
    (error: unknown) =>
      parentPort?.postMessage({
        id: job.id,
        error: error instanceof Error ? error.message : String(error),
      } satisfies ShardJobOutcome),
  );
});
