/**
 * The messages between the search page (src/scripts/search/shard-workers.ts)
 * and a worker that runs Pagefind for it (src/scripts/search/shard-worker.ts).
 *
 * Only what the page needs crosses threads: a search answers with its
 * results' ids and scores, and a result's data is asked for by its position.
 * The worker keeps each search's results until the page releases the whole
 * search with one message.
 */

/** Sent first, once: where Pagefind's runtime is and how it makes excerpts. Answered once the runtime is loaded. */
export interface ShardWorkerSetup {
  kind: 'setup';
  id: number;
  /** Absolute URL of `pagefind.js`. */
  runtime: string;
  excerptLength: number;
}

/** A request the worker answers with a {@link ShardWorkerReply} of the same `id`. */
export type ShardWorkerQuestion =
  | ShardWorkerSetup
  | {
      kind: 'search';
      id: number;
      /** The folder of the bundle (shard) to search. */
      bundle: string;
      term: string | null;
      sort: Record<string, 'asc' | 'desc'> | undefined;
      /** The page's number for this search, by which it asks for data and releases it. */
      search: number;
    }
  | { kind: 'preload'; id: number; bundle: string; term: string }
  | { kind: 'data'; id: number; search: number; position: number };

/** Tells the worker the page holds no result of `search` any more. Not answered. */
export interface ShardWorkerRelease {
  kind: 'release';
  search: number;
}

/**
 * The entries of the bundles the worker may open (bundle folder → the text of
 * its `pagefind-entry.json`), from the search manifest. Sent before any
 * question about those bundles; not answered.
 */
export interface ShardWorkerEntries {
  kind: 'entries';
  entries: Record<string, string>;
}

export type ShardWorkerRequest = ShardWorkerQuestion | ShardWorkerRelease | ShardWorkerEntries;

/** The results of a search, in Pagefind's order: `ids[i]` scored `scores[i]`. */
export interface ShardSearchAnswer {
  ids: string[];
  scores: number[];
}

export type ShardWorkerReply = { id: number; value: unknown } | { id: number; error: string };
