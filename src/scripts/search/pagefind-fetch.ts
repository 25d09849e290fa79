/**
 * The `fetch` that Pagefind's runtime uses inside a search worker
 * (src/scripts/search/shard-worker.ts). It saves the runtime round trips and
 * work it would otherwise repeat for every shard it opens:
 *
 *  - a bundle's `pagefind-entry.json` is answered from the copy in the
 *    search manifest, when it has one. Pagefind asks for the entry with a new
 *    `?ts=` each time (it cannot be cached), and only once it has it does it
 *    ask for the metadata and the WebAssembly: one round trip more per shard;
 *  - the WebAssembly (one file for every shard) is fetched and unzipped once
 *    per worker, not once per shard;
 *  - Pagefind's gzipped files are unzipped natively (`DecompressionStream`)
 *    before the runtime sees them. The runtime takes a file that starts with
 *    Pagefind's signature as already unzipped (as when a host sends it with
 *    `Content-Encoding: gzip`) and skips its own JavaScript inflate, which was
 *    a tenth of a worker's time on the first search of a frequent word.
 *
 * Anything else, and any answer that is not a success, passes through as it
 * is, so Pagefind reports failures as it always does.
 */
import { PAGEFIND_ENTRY_FILE, plainPagefindFile } from '../../lib/pagefind-facets.ts';

/** Pagefind's gzipped files: metadata, index, filter and fragment chunks, WebAssembly. */
const PAGEFIND_DATA_FILE = /\.(pf_meta|pf_index|pf_filter|pf_fragment|pagefind)$/;
/** The WebAssembly, the same file for every bundle of the site. */
const PAGEFIND_WASM_FILE = /\/wasm\.[^/]+\.pagefind$/;

export interface PagefindFetchOptions {
  /** The network's fetch. */
  network: typeof fetch;
  /** The URL relative paths are resolved against (the worker's location). */
  base: string;
  /** The text of a bundle's entry by the bundle's path (`/pagefind/shard-3/`), when the manifest has it. */
  entryOf(bundle: string): string | undefined;
}

function requestUrl(input: RequestInfo | URL, base: string): URL {
  if (input instanceof URL) return input;
  return new URL(typeof input === 'string' ? input : input.url, base);
}

/** A successful answer's body, unzipped; undefined for any other answer. */
async function unzippedBody(response: Response, name: string): Promise<Uint8Array | undefined> {
  if (!response.ok) return undefined;
  const bytes = new Uint8Array(await response.arrayBuffer());
  // A file that is neither gzip nor plain is handed over as it came: Pagefind then says what is wrong.
  return plainPagefindFile(bytes, name).catch(() => bytes);
}

function answer(body: Uint8Array, like: Response): Response {
  return new Response(body as Uint8Array<ArrayBuffer>, { status: like.status, headers: like.headers });
}

export function createPagefindFetch({ network, base, entryOf }: PagefindFetchOptions): typeof fetch {
  /** The WebAssembly's answer and unzipped body by URL; a failure is not kept. */
  const wasm = new Map<string, Promise<{ response: Response; body: Uint8Array | undefined }>>();

  return async (input, init) => {
    const url = requestUrl(input, base);
    // Resolved here, as the worker would resolve it, so the network need not know the base.
    const target = input instanceof Request ? input : url;
    const path = url.pathname;
    if (path.endsWith(`/${PAGEFIND_ENTRY_FILE}`)) {
      const entry = entryOf(path.slice(0, -PAGEFIND_ENTRY_FILE.length));
      if (entry === undefined) return network(target, init);
      return new Response(entry, { headers: { 'content-type': 'application/json' } });
    }
    if (!PAGEFIND_DATA_FILE.test(path)) return network(target, init);

    if (!PAGEFIND_WASM_FILE.test(path)) {
      const response = await network(target, init);
      const body = await unzippedBody(response, path);
      return body ? answer(body, response) : response;
    }
    let loaded = wasm.get(url.href);
    if (!loaded) {
      loaded = network(target, init).then(async (response) => ({
        response,
        body: await unzippedBody(response, path),
      }));
      wasm.set(url.href, loaded);
      loaded.then(
        ({ body }) => body ?? wasm.delete(url.href),
        () => wasm.delete(url.href),
      );
    }
    const { response, body } = await loaded;
    return body ? answer(body, response) : response;
  };
}
