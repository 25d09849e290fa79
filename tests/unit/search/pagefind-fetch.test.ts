/**
 * The fetch Pagefind's runtime uses in the search page's workers
 * (src/scripts/search/pagefind-fetch.ts), against a real static server on
 * 127.0.0.1 and the platform's own fetch.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStaticServer, type StaticServer } from '../../../src/lib/static-server.ts';
import { createPagefindFetch } from '../../../src/scripts/search/pagefind-fetch.ts';

const signed = (text: string) => Buffer.from(`pagefind_dcd${text}`);
const ENTRY = '{"version":"1.6.0","languages":{"en":{"hash":"en_1","wasm":"en","page_count":2}}}';

let root: string;
let server: StaticServer;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'pagefind-fetch-'));
  await mkdir(join(root, 'pagefind/shard-0/index'), { recursive: true });
  await mkdir(join(root, 'pagefind/shard-0/fragment'), { recursive: true });
  await writeFile(join(root, 'pagefind/wasm.en.pagefind'), gzipSync(signed('wasm bytes')));
  await writeFile(join(root, 'pagefind/shard-0/pagefind-entry.json'), ENTRY.replace('en_1', 'en_network'));
  await writeFile(join(root, 'pagefind/shard-0/pagefind.en_1.pf_meta'), gzipSync(signed('meta')));
  await writeFile(join(root, 'pagefind/shard-0/index/en_a.pf_index'), gzipSync(signed('index chunk')));
  // As a host that sent it with Content-Encoding: gzip would hand it over: already plain.
  await writeFile(join(root, 'pagefind/shard-0/fragment/en_b.pf_fragment'), signed('{"url":"/a/"}'));
  await writeFile(join(root, 'pagefind/shard-0/fragment/en_c.pf_fragment'), 'neither gzip nor signed');
  await writeFile(join(root, 'pagefind/shard-0/other.json'), '{"kept":true}');
  server = await startStaticServer({ root });
});

afterAll(async () => {
  await server.close();
  await rm(root, { recursive: true, force: true });
});

/** A fetch like the worker's, with entries for `known` bundles, and the requests the server saw. */
function workerFetch(known: Record<string, string> = {}) {
  server.requests.length = 0;
  return createPagefindFetch({
    network: fetch,
    base: `${server.origin}/search/`,
    entryOf: (bundle) => known[bundle],
  });
}
const requested = () => server.requests.map((r) => r.path.split('?')[0]);

describe('the fetch of Pagefind in a search worker', () => {
  it("answers a bundle's entry from the manifest, with no request, and asks the network for others", async () => {
    const get = workerFetch({ '/pagefind/shard-0/': ENTRY });
    const response = await get('/pagefind/shard-0/pagefind-entry.json?ts=1795934269815');
    expect(response.ok).toBe(true);
    expect(await response.json()).toEqual(JSON.parse(ENTRY));
    expect(requested()).toEqual([]);

    const unknown = workerFetch({ '/pagefind/shard-9/': ENTRY });
    const fetched = await unknown('/pagefind/shard-0/pagefind-entry.json?ts=1');
    expect((await fetched.json()).languages.en.hash).toBe('en_network');
    expect(requested()).toEqual(['/pagefind/shard-0/pagefind-entry.json']);
  });

  it("unzips Pagefind's files natively and keeps the signature the runtime checks", async () => {
    const get = workerFetch();
    for (const [path, text] of [
      ['/pagefind/shard-0/pagefind.en_1.pf_meta', 'meta'],
      ['/pagefind/shard-0/index/en_a.pf_index', 'index chunk'],
      ['/pagefind/shard-0/fragment/en_b.pf_fragment', '{"url":"/a/"}'],
    ] as const) {
      const response = await get(path);
      expect(response.status).toBe(200);
      expect(new TextDecoder().decode(await response.arrayBuffer())).toBe(`pagefind_dcd${text}`);
    }
  });

  it('hands over a file it cannot unzip, a missing file and any other file as they came', async () => {
    const get = workerFetch();
    const broken = await get('/pagefind/shard-0/fragment/en_c.pf_fragment');
    expect(await broken.text()).toBe('neither gzip nor signed');
    const missing = await get('/pagefind/shard-0/index/en_missing.pf_index');
    expect(missing.status).toBe(404);
    const other = await get(new URL('/pagefind/shard-0/other.json', server.origin));
    expect(await other.json()).toEqual({ kept: true });
  });

  it('fetches the WebAssembly once for every shard that asks, each with a body of its own', async () => {
    const get = workerFetch();
    // Each shard asks through its own folder; the URLs resolve to the one shared file.
    const answers = await Promise.all(
      [0, 1, 2].map((k) => get(`/pagefind/shard-${k}/wasm.en/../../wasm.en.pagefind`)),
    );
    const later = await get('/pagefind/wasm.en.pagefind');
    for (const response of [...answers, later]) {
      expect(new TextDecoder().decode(await response.arrayBuffer())).toBe('pagefind_dcdwasm bytes');
    }
    expect(requested()).toEqual(['/pagefind/wasm.en.pagefind']);
  });

  it('asks again for a WebAssembly that failed to load', async () => {
    const get = workerFetch();
    const missing = '/pagefind/wasm.xx.pagefind';
    expect((await get(missing)).status).toBe(404);
    expect((await get(missing)).status).toBe(404);
    expect(requested()).toEqual([missing, missing]);
  });
});
