/**
 * A worker thread of ShardWorkers (search-shard-workers.ts): builds one shard
 * at a time into the shard cache with its own Pagefind process.
 */
import { parentPort } from 'node:worker_threads';
import { cachedShard } from './search-index.ts';
import type { ShardJobMessage, ShardJobOutcome } from './search-shard-workers.ts';

parentPort?.on('message', (job: ShardJobMessage) => {
  cachedShard(job.shard, job.siteDir, job.cacheDir, job.version).then(
    ({ dir, reused }) => parentPort?.postMessage({ id: job.id, dir, reused } satisfies ShardJobOutcome),
    (error: unknown) =>
      parentPort?.postMessage({
        id: job.id,
        error: error instanceof Error ? error.message : String(error),
      } satisfies ShardJobOutcome),
  );
});
