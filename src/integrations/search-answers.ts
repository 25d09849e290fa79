/**
 * Runs Pagefind's browser runtime in Node over one built shard, to compute the
 * precomputed answers of src/lib/search-answers.ts exactly as the search page
 * would: the same `pagefind.js`, the same WebAssembly and index files, the same
 * options and the same sequence of calls as src/scripts/search/engine.ts, and
 * the same counting of filter values (src/lib/pagefind-facets.ts).
 *
 * The runtime fetches its files by URL; here `fetch` reads them from the
 * shard's folder instead (Pagefind has no other way in). That replaces the
 * global `fetch` of the thread, so this module runs only in the search shard
 * workers (search-shard-worker.ts), never in Astro's own thread.
 *
 * Each shard's answers are cached beside its bundle in the shard cache
 * (`<bundle>.answers/<word>.<results>.json`): a shard is asked about a word
 * once, and a rebuild asks only the shards it re-indexed.
 */
import { readFileSync } from 'node:fs';
import { mkdir, readFile, readdir, rename, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { siteConfig } from '../site.config.ts';
import { loadShardFacets } from '../lib/pagefind-facets.ts';
import {
  EXCERPT_LENGTH,
  type AnswerResult,
  type PagefindResultData,
  type ShardAnswer,
} from '../lib/search-answers.ts';

/** The runtime's calls this module makes. */
interface NodePagefindInstance {
  init(): Promise<void>;
  search(
    term: string,
    options?: { sort?: undefined },
  ): Promise<{
    results: { id: string; score: number; data(): Promise<PagefindResultData> }[];
  }>;
}

interface NodePagefindModule {
  createInstance(options: {
    basePath: string;
    baseUrl: string;
    excerptLength: number;
    noWorker: boolean;
  }): NodePagefindInstance;
}

/** Fetched URLs are made absolute against this origin and read from the shard folders it maps. */
const ORIGIN = 'http://search-answers.invalid';
/** Shard folders by the URL path prefix they are served under (`/bundle-<n>/`). */
const served = new Map<string, string>();
let nextBundle = 0;

/**
 * Pagefind fetches `<basePath>pagefind-entry.json`, its metadata, index,
 * filter and fragment files below `basePath`, and the WebAssembly at the
 * path the entry names; a shard's entry points that one folder up (the site
 * serves one copy for all shards), and the cached bundle keeps its own copy.
 */
async function readServed(url: string): Promise<Response> {
  const path = decodeURIComponent(new URL(url, ORIGIN).pathname);
  const [, prefix = '', ...rest] = path.split('/');
  let dir = served.get(prefix);
  let file = rest.join('/');
  if (!dir && /^wasm\.[^/]+\.pagefind$/.test(basename(path))) {
    dir = [...served.values()].at(-1);
    file = basename(path);
  }
  if (!dir || file.split('/').includes('..')) return new Response(null, { status: 404 });
  try {
    // Synchronously: this thread waits for the file anyway, and an asynchronous
    // read is four round trips to Node's thread pool (thousands per shard).
    return new Response(readFileSync(join(dir, file)), { status: 200 });
  } catch {
    return new Response(null, { status: 404 });
  }
}

let runtime: Promise<NodePagefindModule> | undefined;

/** Loads the runtime once per thread, from the first bundle asked about (every bundle holds the same one). */
function loadRuntime(bundleDir: string): Promise<NodePagefindModule> {
  globalThis.fetch = (input: string | URL | Request) =>
    readServed(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
  runtime ??= import(pathToFileURL(join(bundleDir, 'pagefind.js')).href) as Promise<NodePagefindModule>;
  return runtime;
}

/** The cache folder of a bundle's answers. */
function answersDir(bundleDir: string): string {
  return `${bundleDir}.answers`;
}

/** Named by the number of results too, so a change of that number is not served stale answers. */
function answerPath(bundleDir: string, word: string, results: number): string {
  return join(answersDir(bundleDir), `${encodeURIComponent(word)}.${results}.json`);
}

/**
 * The answers of one shard (a Pagefind bundle in `bundleDir`) to each of
 * `words`, each with its first `pageSize` results (the answers' size, not the
 * search page's), from the cache where already computed. Searches run one
 * after another: Pagefind's runtime keeps its WebAssembly in one variable
 * per module, like the page's (see `InstanceGate` in engine.ts).
 */
export async function shardAnswers(
  bundleDir: string,
  words: readonly string[],
  pageSize: number,
): Promise<Record<string, ShardAnswer>> {
  const { answers, missing } = await cachedAnswers(bundleDir, words, pageSize);
  if (missing.length === 0) return answers;

  const module = await loadRuntime(bundleDir);
  const prefix = `bundle-${nextBundle++}`;
  served.set(prefix, bundleDir);
  try {
    // The search page's sequence (engine.ts): create, init, an empty search, then
    // the query without filters, whose results the shard's filter data counts.
    const instance = module.createInstance({
      basePath: `/${prefix}/`,
      // What the page's runtime derives from `/pagefind/shard-<k>/`.
      baseUrl: '/',
      excerptLength: EXCERPT_LENGTH,
      noWorker: true,
    });
    await instance.init();
    await instance.search('');
    const facets = await loadShardFacets((path) => readFile(join(bundleDir, path)), {
      language: siteConfig.language,
    });
    await mkdir(answersDir(bundleDir), { recursive: true });
    for (const word of missing) {
      const { results } = await instance.search(word, { sort: undefined });
      const first: AnswerResult[] = await Promise.all(
        results.slice(0, pageSize).map(async (result) => ({
          id: result.id,
          score: result.score,
          data: pickData(await result.data()),
        })),
      );
      const answer: ShardAnswer = { total: results.length, counts: facets.select(results, {}).counts, first };
      // Written beside and renamed, so an interrupted build leaves no half file.
      const path = answerPath(bundleDir, word, pageSize);
      await writeFile(`${path}.partial-${process.pid}`, JSON.stringify(answer));
      await rename(`${path}.partial-${process.pid}`, path);
      answers[word] = answer;
    }
  } finally {
    served.delete(prefix);
  }
  return answers;
}

/** The answers of a shard already in the cache, and the words it has not answered yet. Safe in any thread. */
export async function cachedAnswers(
  bundleDir: string,
  words: readonly string[],
  results: number,
): Promise<{ answers: Record<string, ShardAnswer>; missing: string[] }> {
  const answers: Record<string, ShardAnswer> = {};
  const missing: string[] = [];
  for (const word of words) {
    try {
      answers[word] = JSON.parse(await readFile(answerPath(bundleDir, word, results), 'utf8')) as ShardAnswer;
    } catch {
      missing.push(word);
    }
  }
  return { answers, missing };
}

/** What the search page reads of a result (Pagefind's data also holds the page's whole text). */
function pickData({ url, excerpt, meta, filters }: PagefindResultData): PagefindResultData {
  return { url, excerpt, meta, filters };
}

/**
 * The indexed text of up to `count` pages of a bundle, read from its
 * fragments (Pagefind's own extract of each page, so exactly what it
 * indexed), spread evenly over the fragments in name order, which is
 * Pagefind's hash of each page and so unrelated to date or topic.
 */
export async function sampleTexts(bundleDir: string, count: number): Promise<string[]> {
  const dir = join(bundleDir, 'fragment');
  const names = (await readdir(dir).catch(() => [] as string[]))
    .filter((n) => n.endsWith('.pf_fragment'))
    .sort();
  const step = Math.max(1, names.length / Math.max(1, count));
  const texts: string[] = [];
  for (let i = 0; i < names.length && texts.length < count; i += step) {
    const raw = gunzipSync(await readFile(join(dir, names[Math.floor(i)] as string))).toString('utf8');
    // A fragment is the signature `pagefind_dcd` followed by JSON.
    const json = JSON.parse(raw.slice(raw.indexOf('{'))) as { content?: unknown };
    if (typeof json.content === 'string') texts.push(json.content);
  }
  return texts;
}
