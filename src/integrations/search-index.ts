/**
 * Builds the Pagefind search index of the built site: each shard with
 * Pagefind's CLI ({@link runPagefind}, faster than its Node API on the same
 * pages), and the search directory with the Node API (search-directory.ts),
 * whose custom records the CLI cannot take. Either way an error from
 * Pagefind fails the build.
 *
 * The index is split by period into shards (src/lib/search-shards.ts), each
 * of at most `siteConfig.search.shardSize` articles (twice that, and so on,
 * on an archive of more than `maxShards` shards), each built in a fresh
 * Pagefind process that is closed when the shard is written: the memory of
 * indexing is bounded by the shard size and the number of processes
 * (`siteConfig.search.indexingProcesses` on a large archive, one otherwise),
 * not by the archive. Most shards are built while Astro still renders the
 * rest of the site (search-index-early.ts, {@link prebuildShard}, in worker
 * threads: search-shard-workers.ts); after the last page
 * (`astro:build:done`), {@link buildSearchIndex} plans every shard again,
 * builds any not in the cache yet, checks the counts and writes the output:
 *
 *   pagefind/shards.json        the manifest the search page reads
 *   pagefind/pagefind.js, …     Pagefind's runtime, served once for all shards
 *   pagefind/shard-<k>/         one bundle per shard (k = 0 is the oldest)
 *   pagefind/directory/         which shards hold which words (search-directory.ts),
 *                               from two shards on
 *   pagefind/values.<hash>.json every filter value of the archive with its count
 *   pagefind/browse.<hash>/<group>/<slug>.json  the counts of a browse by one
 *                               filter value (src/lib/browse-rows.ts)
 *   pagefind/answers/<word>.json  the first results, total and counts of the
 *                               archive's most common words (src/lib/search-answers.ts),
 *                               from each shard's answers, computed in the worker threads
 *                               as each shard is built (`EarlyAnswers`) or at the end
 *
 * Each shard's bundle is cached under `.cache/search-shards/<hash>/`, keyed by
 * the HTML of its pages without their `data-other-articles` blocks (related
 * articles, which change when any other article changes and which Pagefind
 * ignores), so a rebuild after editing one article re-indexes only that
 * article's shard and copies the others.
 *
 * The build fails when Pagefind reports any error, when an article page lacks
 * its `data-pagefind-body` marker or sort date (it would be indexed whole, or
 * drop out of sorted searches), and when the shards together hold a number of
 * pages other than the number of published articles. Only article pages are
 * given to Pagefind, so listing pages can never pollute results.
 */
import type { AstroIntegration, AstroIntegrationLogger, AstroPrerenderer } from 'astro';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, linkSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as pagefind from 'pagefind';
import { siteConfig } from '../site.config.ts';
import { BrowseRowCounter } from '../lib/browse-rows.ts';
import {
  PAGEFIND_ENTRY_FILE,
  filtersFile,
  metaHash,
  parsePagefindEntry,
  readShardFilterData,
  type CheckedPagefindEntry,
  type FilterChunk,
} from '../lib/pagefind-facets.ts';
import { sumCounts } from '../scripts/search/merge.ts';
import type { FilterCounts } from '../scripts/search/filter-values.ts';
import { EarlyShardIndexer } from './search-index-early.ts';
import { cachedAnswers, sampleTexts } from './search-answers.ts';
import { ShardWorkers, type BuiltShard } from './search-shard-workers.ts';
import { cachedDirectory, writeShardVocabulary } from './search-directory.ts';
import { ENTRY_COMPLETE, isCompleteEntry, writeCacheEntry } from '../lib/cache-entry.ts';
import { PageReadCache, fileStamp } from '../lib/page-read-cache.ts';
import { DIRECTORY_DIR, type DirectoryEntry } from '../lib/search-directory.ts';
import {
  ANSWERS_DIR,
  answerFile,
  commonWords,
  mergeShardAnswers,
  type ShardAnswer,
} from '../lib/search-answers.ts';
import {
  SHARD_MANIFEST_FILE,
  compareShardPages,
  planShards,
  shardDir,
  shardManifest,
  shardSizeFor,
  type PlannedShard,
  type ShardPage,
} from '../lib/search-shards.ts';

/** Folder of the index inside the output directory; the search page loads `/pagefind/pagefind.js`. */
export const SEARCH_BUNDLE_DIR = 'pagefind';

/** Folder of the article pages in the output (`/articles/<slug>/index.html`). */
const ARTICLE_PAGES_DIR = 'articles';

/**
 * Pagefind's runtime, the same bytes in every bundle of one Pagefind version:
 * served once from `/pagefind/`, so a search over many shards downloads it
 * once. Shards keep `pagefind.js` and the worker so that each stays a
 * complete bundle (the worker is started from the first shard searched).
 */
const ROOT_RUNTIME = /^(pagefind\.js|pagefind-worker\.js|pagefind-highlight\.js|wasm\.[^/]+\.pagefind)$/;
/**
 * What a shard folder leaves out of the site: the WebAssembly and the
 * highlighter (served from the root), and the files the directory is built
 * from (search-directory.ts).
 */
const NOT_IN_SHARDS = /^(pagefind-highlight\.js|wasm\.[^/]+\.pagefind|directory-(tokens|words)\.txt)$/;
/** Pagefind's prebuilt UIs, which this site does not use (its search page is written on the JS API). */
const UNUSED = /^pagefind-(ui|modular-ui|component-ui)\./;

/** Bumped when what is cached per shard changes, so old entries are not reused. */
const CACHE_FORMAT = 4;

type Logger = Pick<AstroIntegrationLogger, 'info' | 'warn' | 'error'>;

export interface SearchIndexOptions {
  /** The built site. */
  outDir: string;
  logger: Logger;
  /** Pages the index must hold; defaults to the article pages found in `outDir`. */
  expectedPages?: number;
  /** Most articles per shard; by default `shardSizeFor` the pages and `siteConfig.search`. */
  shardSize?: number;
  /** Where built shards are kept between builds; defaults to `.cache/search-shards` (`ARCHIVE_CACHE_DIR`). */
  cacheDir?: string;
  /** Cache entries this build wrote while pages rendered ({@link prebuildShard}), for the log. */
  builtEarly?: ReadonlySet<string>;
  /** Article pages read while pages rendered ({@link prebuildShard}), by file: not read again. */
  readEarly?: ReadonlyMap<string, IndexedPage>;
  /** What the last build read of its pages ({@link loadPageReads}); by default loaded from `cacheDir` for `outDir`. */
  pageReads?: PageReadCache;
  /**
   * Worker threads to compute the shards' precomputed answers in (they run
   * Pagefind's runtime, which must not run in this thread); by default a
   * pool of one, opened and closed here.
   */
  workers?: ShardWorkers;
  /**
   * Settles when the precomputed answers begun while pages rendered are
   * written into the shard cache: awaited only before the archive's answers
   * are assembled, so the search directory is built beside them, and no
   * shard's answers are computed twice.
   */
  answersBegun?: Promise<unknown>;
}

export interface SearchIndexResult {
  pageCount: number;
  milliseconds: number;
  /** Words with a precomputed answer, most common first. */
  answered: string[];
  /** Shards newest first, and whether each was indexed anew or copied from the cache. */
  shards: { dir: string; pages: number; reused: boolean; early: boolean }[];
}

export class SearchIndexError extends Error {
  override name = 'SearchIndexError';
}

/** The default cache of built shards. */
export function searchShardCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(env.ARCHIVE_CACHE_DIR || '.cache', 'search-shards');
}

/**
 * The number of published articles, read from the output: one
 * `articles/<slug>/index.html` per article. Counting built pages rather than
 * re-reading the collection keeps this step free of the content store (which
 * at scale is the expensive part of a build) and works the same for a build
 * of any corpus; drafts never get a page in a production build, and the build
 * tests assert separately that every published article has exactly one page.
 */
export async function countArticlePages(outDir: string): Promise<number> {
  return (await articlePageFiles(outDir)).length;
}

async function articlePageFiles(outDir: string): Promise<{ url: string; file: string }[]> {
  let entries;
  try {
    entries = await readdir(join(outDir, ARTICLE_PAGES_DIR), { withFileTypes: true });
  } catch {
    return [];
  }
  const pages: { url: string; file: string }[] = [];
  for (const entry of entries) {
    if (!entry.isDirectory()) continue;
    const file = join(outDir, ARTICLE_PAGES_DIR, entry.name, 'index.html');
    // A synchronous check per folder: 100,000 awaited calls cost seconds for nothing.
    if (statSync(file, { throwIfNoEntry: false })?.isFile()) {
      pages.push({ url: `/${ARTICLE_PAGES_DIR}/${entry.name}/`, file });
    }
  }
  return pages;
}

/** Pages in a written Pagefind bundle, over all its languages. */
export async function indexedPageCount(bundleDir: string): Promise<number> {
  return (await readBundleEntry(bundleDir)).pageCount;
}

/**
 * Writes the filter chunks of the bundle in `bundleDir` into one file for the
 * search page (src/lib/pagefind-facets.ts), named by its content's hash so
 * browsers may keep it; returns its name, and every filter value of the
 * shard with its number of pages (for {@link writeValuesFile}). Written here
 * rather than into the shard cache: it takes milliseconds, and older cache
 * entries need no change.
 */
async function writeFiltersFile(
  bundleDir: string,
  metaFile: string,
): Promise<{ name: string; totals: FilterCounts; chunks: FilterChunk[] }> {
  const { chunks, facets } = await readShardFilterData((path) => readFile(join(bundleDir, path)), metaFile);
  const json = JSON.stringify(filtersFile(chunks));
  const name = `filters.${createHash('sha256').update(json).digest('hex').slice(0, 16)}.json`;
  await writeFile(join(bundleDir, name), json);
  return { name, totals: facets.totals(), chunks };
}

/**
 * Writes the row of every filter value (src/lib/browse-rows.ts) into a
 * folder named by a hash of them all (`browse.<hash>/`), so the page may
 * keep a row as long as it likes, and returns the folder's name (none
 * when no article carries a filter value).
 */
async function writeBrowseRows(searchDir: string, counter: BrowseRowCounter): Promise<string | undefined> {
  const rows = counter.rows().map(({ path, row }) => ({ path, json: JSON.stringify(row) }));
  if (rows.length === 0) return undefined;
  const hash = createHash('sha256');
  for (const { path, json } of rows) hash.update(`${path}\n${json}\n`);
  const folder = `browse.${hash.digest('hex').slice(0, 16)}`;
  for (const { path, json } of rows) {
    const file = join(searchDir, folder, path);
    await mkdir(join(file, '..'), { recursive: true });
    await writeFile(file, json);
  }
  return folder;
}

/**
 * Writes every filter value of the archive with its number of articles into
 * one file named by its content's hash (`values.<hash>.json`), and returns
 * its name: what the search page shows before a search, and the values a
 * search's counts list even when the directory spared it the shards that
 * hold them.
 */
async function writeValuesFile(searchDir: string, perShard: readonly FilterCounts[]): Promise<string> {
  const json = JSON.stringify(sumCounts(perShard));
  const name = `values.${createHash('sha256').update(json).digest('hex').slice(0, 16)}.json`;
  await writeFile(join(searchDir, name), json);
  return name;
}

/**
 * A bundle's number of pages, the metadata file the search page's runtime
 * loads, and the entry itself, which the manifest carries so that the search
 * page need not fetch it (src/scripts/search/pagefind-fetch.ts).
 */
async function readBundleEntry(
  bundleDir: string,
): Promise<{ pageCount: number; metaFile: string; entry: CheckedPagefindEntry }> {
  const entry = parsePagefindEntry(JSON.parse(await readFile(join(bundleDir, PAGEFIND_ENTRY_FILE), 'utf8')));
  if (!entry) throw new SearchIndexError(`${bundleDir}: ${PAGEFIND_ENTRY_FILE} is not a Pagefind entry`);
  return {
    pageCount: Object.values(entry.languages).reduce((sum, language) => sum + language.page_count, 0),
    metaFile: `pagefind.${metaHash(entry, siteConfig.language)}.pf_meta`,
    entry,
  };
}

function check<T extends { errors: string[] }>(response: T, step: string): T {
  if (response.errors.length > 0) {
    throw new SearchIndexError(
      `Pagefind failed to ${step}:\n${response.errors.map((e) => `  ${e}`).join('\n')}`,
    );
  }
  return response;
}

export interface IndexedPage extends ShardPage {
  file: string;
  /** SHA-256 of the page's HTML without its blocks about other articles: what the shard cache is keyed by. */
  hash: string;
}

const SORT_DATE = /data-pagefind-sort="date"[^>]*>\s*(\d{4}-\d{2}-\d{2})\s*</;
const BODY_MARKER = /\sdata-pagefind-body[\s=>]/;
/**
 * An element listing other articles, marked `data-other-articles` (and
 * `data-pagefind-ignore="all"`): it is not indexed, and it changes whenever
 * another article does, so it is left out of the cache key. It must not
 * contain an element of its own kind.
 */
const OTHER_ARTICLES = /<(aside|section|nav|div)\b[^>]*\sdata-other-articles[\s=>][\s\S]*?<\/\1>/g;

/** The part of a page's HTML that decides what Pagefind indexes for it. */
export function indexedHtml(html: string): string {
  return html.replace(OTHER_ARTICLES, '');
}

/** Reads every article page once: its sort date, its hash, and whether Pagefind will find its body. */
async function readArticlePages(
  outDir: string,
  known: ReadonlyMap<string, IndexedPage>,
  reads: PageReadCache,
): Promise<IndexedPage[]> {
  return readPages(await articlePageFiles(outDir), known, reads);
}

/**
 * What is learned from reading a page ({@link readPages}, {@link indexedHtml}):
 * when it changes, the record of the last build's reads is not used.
 */
const PAGE_READ_FORMAT = [CACHE_FORMAT, OTHER_ARTICLES.source, SORT_DATE.source, BODY_MARKER.source].join(
  '\n',
);

/**
 * The record of the pages the last build into `outDir` read
 * (src/lib/page-read-cache.ts), in the shard cache: one per output folder,
 * since builds of other corpora (tests, the benchmark) may share the cache.
 */
export function loadPageReads(cacheDir: string, outDir: string): Promise<PageReadCache> {
  return PageReadCache.load(join(cacheDir, `page-reads-${outputFolderKey(outDir)}.json`), PAGE_READ_FORMAT);
}

/** A short key of an output folder, for the records the cache keeps of each site built into it. */
function outputFolderKey(outDir: string): string {
  return createHash('sha256').update(resolve(outDir)).digest('hex').slice(0, 16);
}

/** The file of the shard keys of the last build into `outDir` (`EarlyShardIndexer.shardKeys`). */
function renderedShardsFile(cacheDir: string, outDir: string): string {
  return join(cacheDir, `rendered-shards-${outputFolderKey(outDir)}.json`);
}

/** The shard keys the last successful build into `outDir` rendered; none when unknown or unreadable. */
export function readRenderedShards(cacheDir: string, outDir: string): Set<string> {
  try {
    const keys: unknown = JSON.parse(readFileSync(renderedShardsFile(cacheDir, outDir), 'utf8'));
    return new Set(Array.isArray(keys) ? keys.filter((key): key is string => typeof key === 'string') : []);
  } catch {
    return new Set();
  }
}

/** Keeps this build's shard keys for the next build's render order. */
export async function writeRenderedShards(
  cacheDir: string,
  outDir: string,
  keys: readonly string[],
): Promise<void> {
  await mkdir(cacheDir, { recursive: true });
  await writeFile(renderedShardsFile(cacheDir, outDir), JSON.stringify(keys));
}

/** Pages read in a row before {@link readPages} lets other work on its thread run. */
const PAGES_BETWEEN_TURNS = 100;

/**
 * Reads these article pages once: their sort dates and hashes; throws when
 * one is not indexable as it is. Pages in `known` (read while the site was
 * rendering, after Astro wrote them, which it does once) are not read again,
 * nor those whose file is the one the last build read (`reads`).
 */
export async function readPages(
  files: readonly { url: string; file: string }[],
  known: ReadonlyMap<string, IndexedPage> = new Map(),
  reads: PageReadCache = PageReadCache.none(),
): Promise<IndexedPage[]> {
  const pages: IndexedPage[] = new Array<IndexedPage>(files.length);
  const unmarked: string[] = [];
  const undated: string[] = [];
  for (const [i, { url, file }] of files.entries()) {
    // Read synchronously: a page just written is in the page cache, and Node's
    // asynchronous read costs four round trips to its thread pool per file.
    // Astro's thread, which this may share, gets a turn between batches.
    if (i > 0 && i % PAGES_BETWEEN_TURNS === 0) await new Promise((resume) => setImmediate(resume));
    const read = known.get(file);
    if (read?.url === url) {
      pages[i] = read;
      continue;
    }
    // Taken before the file is read: a file written in between is read again next time.
    const stamp = fileStamp(file);
    const facts = reads.get(url, stamp);
    if (facts) {
      pages[i] = { url, file, ...facts };
      continue;
    }
    const html = readFileSync(file, 'utf8');
    const marked = BODY_MARKER.test(html);
    if (!marked) unmarked.push(url);
    const date = SORT_DATE.exec(html)?.[1] ?? '';
    if (!date) undated.push(url);
    const page: IndexedPage = {
      url,
      file,
      date,
      hash: createHash('sha256').update(indexedHtml(html)).digest('hex'),
    };
    pages[i] = page;
    // Only an indexable page: any other fails the build, and must fail the next one too.
    if (marked && date) reads.set(url, stamp, { date, hash: page.hash });
  }
  const problems: string[] = [];
  const list = (urls: string[]) =>
    urls
      .sort()
      .slice(0, 10)
      .map((u) => `  ${u}`)
      .concat(urls.length > 10 ? [`  … and ${urls.length - 10} more`] : []);
  if (unmarked.length > 0)
    problems.push(
      `${unmarked.length} article page(s) lack data-pagefind-body, so Pagefind would index the whole page:`,
      ...list(unmarked),
    );
  if (undated.length > 0)
    problems.push(
      `${undated.length} article page(s) have no data-pagefind-sort="date" (YYYY-MM-DD), so sorted searches would miss them:`,
      ...list(undated),
    );
  if (problems.length > 0) throw new SearchIndexError(problems.join('\n'));
  return pages;
}

/** The installed pagefind package's folder and manifest (it exports no package.json, so look it up). */
function pagefindPackage(): { dir: string; version: string; bin: string } {
  const require = createRequire(import.meta.url);
  for (const modules of require.resolve.paths('pagefind') ?? []) {
    const dir = join(modules, 'pagefind');
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg))
      return { dir, ...(JSON.parse(readFileSync(pkg, 'utf8')) as { version: string; bin: string }) };
  }
  throw new SearchIndexError('cannot find the installed pagefind package');
}

/** Pagefind's version, part of every cache key. */
export function pagefindVersion(): string {
  return pagefindPackage().version;
}

/** The cache key of a shard: everything its bundle is made from. */
function shardKey(shard: PlannedShard<IndexedPage>, version: string): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify({ format: CACHE_FORMAT, pagefind: version, language: siteConfig.language }));
  for (const page of shard.pages) hash.update(`\n${page.url}\t${page.hash}`);
  return hash.digest('hex').slice(0, 32);
}

/**
 * Points a shard's entry at the WebAssembly in the folder above it. Pagefind
 * fetches `<bundle>wasm.<wasm>.pagefind`; with `<wasm>` = `en/../../wasm.en`
 * that URL resolves to `/pagefind/wasm.en.pagefind`, one file the browser
 * fetches and caches once for all shards instead of 60 kB per shard searched.
 * The e2e tests exercise this; re-check it when upgrading Pagefind.
 */
async function shareWasm(bundleDir: string): Promise<void> {
  const path = join(bundleDir, 'pagefind-entry.json');
  const entry = JSON.parse(await readFile(path, 'utf8')) as {
    languages: Record<string, { wasm?: string | null }>;
  };
  for (const language of Object.values(entry.languages)) {
    const wasm = language.wasm || 'unknown';
    language.wasm = `${wasm}/../../wasm.${wasm}`;
  }
  await writeFile(path, JSON.stringify(entry));
}

/** Readies a written bundle for the site: the shared WebAssembly, without Pagefind's unused UIs. */
async function finishBundle(bundleDir: string): Promise<void> {
  await shareWasm(bundleDir);
  for (const name of await readdir(bundleDir)) {
    if (UNUSED.test(name)) await rm(join(bundleDir, name));
  }
}

/** The path of an article page inside the site: slugs are `[a-z0-9-]` (content contract). */
function articlePagePath(page: ShardPage): string {
  const slug = /^\/articles\/([a-z0-9-]+)\/$/.exec(page.url)?.[1];
  if (!slug) throw new SearchIndexError(`cannot index ${page.url}: not an article URL`);
  return join(ARTICLE_PAGES_DIR, slug, 'index.html');
}

/**
 * Puts these pages of the site into `stageDir` at their paths in the site, as
 * hard links (copies across file systems): a folder that holds exactly one
 * shard, for Pagefind's CLI to walk. Linking 2,500 pages takes a tenth of a
 * second; a glob of their names would not do, as Pagefind's glob parser
 * refuses braces of a few thousand names.
 */
function stagePages(pages: readonly IndexedPage[], siteDir: string, stageDir: string): void {
  for (const page of pages) {
    const path = articlePagePath(page);
    mkdirSync(join(stageDir, path, '..'), { recursive: true });
    try {
      linkSync(join(siteDir, path), join(stageDir, path));
    } catch {
      try {
        copyFileSync(join(siteDir, path), join(stageDir, path));
      } catch (error) {
        throw new SearchIndexError(
          `cannot index ${page.url}: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    }
  }
}

/**
 * Environment variables by which Pagefind's CLI takes its options
 * (`PAGEFIND_GLOB`, `PAGEFIND_ROOT_SELECTOR`, …), which would change what it
 * indexes; not where its binary is (`PAGEFIND_BINARY_PATH`,
 * `PAGEFIND_EXTENDED_BINARY_PATH`), which installs on other platforms need.
 */
const PAGEFIND_SETTING = /^PAGEFIND_(?!(EXTENDED_)?BINARY_PATH$)/i;

/** Pagefind's command-line runner, from its package (`npx pagefind`), which finds the platform's binary. */
function pagefindRunner(): string {
  const { dir, bin } = pagefindPackage();
  return join(dir, bin);
}

/**
 * Indexes `pages` of the site in `siteDir` into `target` with Pagefind's CLI,
 * in a process of its own that ends with the shard (and with it all memory
 * of the shard).
 *
 * The CLI rather than the Node API: on the same 2,500 article pages the API's
 * process used 38 s of CPU and 29 s, the CLI 25–30 s and 20–23 s, for
 * byte-identical output from pages in the same order (measured; see
 * BENCHMARKS.md). `--silent` leaves only
 * errors in its output, and any output or exit status other than 0 fails the
 * build, as an error in the API's responses did. The CLI is run in an empty
 * working folder without {@link PAGEFIND_SETTING} variables, so no stray
 * Pagefind configuration file or setting of the machine changes the index.
 */
async function runPagefind(pages: readonly IndexedPage[], siteDir: string, target: string): Promise<void> {
  const stageDir = `${target}.pages`;
  await rm(stageDir, { recursive: true, force: true });
  try {
    mkdirSync(join(stageDir, 'site'), { recursive: true });
    stagePages(pages, siteDir, join(stageDir, 'site'));
    const env = Object.fromEntries(
      Object.entries(process.env).filter(([name]) => !PAGEFIND_SETTING.test(name)),
    );
    const { status, output } = await run(
      process.execPath,
      [
        pagefindRunner(),
        '--site',
        join(stageDir, 'site'),
        '--output-path',
        resolve(target),
        // One language for the whole archive: Pagefind splits indexes by page
        // language, and the search page only queries its own language's
        // index, so an article in another language would be unfindable.
        '--force-language',
        siteConfig.language,
        '--silent',
      ],
      { cwd: stageDir, env },
    );
    if (status !== 0 || output.trim() !== '') {
      throw new SearchIndexError(
        `Pagefind failed to index the articles (exit status ${status}):\n${output
          .trim()
          .split('\n')
          .map((line) => `  ${line}`)
          .join('\n')}`,
      );
    }
  } finally {
    await rm(stageDir, { recursive: true, force: true });
  }
}

/** Runs a command to its end; its standard output and error together. */
function run(
  command: string,
  args: readonly string[],
  options: { cwd: string; env: NodeJS.ProcessEnv },
): Promise<{ status: number | null; output: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => (output += text));
    child.stderr.setEncoding('utf8').on('data', (text: string) => (output += text));
    child.on('error', reject);
    child.on('close', (status) => resolvePromise({ status, output }));
  });
}

/**
 * The runtime files of an index with no pages, which Pagefind's CLI refuses
 * to write ("not able to build an index"): through the Node API.
 */
async function writeEmptyBundle(target: string): Promise<void> {
  try {
    const { index } = check(
      await pagefind.createIndex({ forceLanguage: siteConfig.language }),
      'create an index',
    );
    if (!index) throw new SearchIndexError('Pagefind returned no index.');
    check(await index.writeFiles({ outputPath: target }), 'write the index');
  } finally {
    await pagefind.close();
  }
}

/** The shard's complete cache entry, if there is one. */
export async function cachedShardDir(
  shard: PlannedShard<IndexedPage>,
  cacheDir: string,
  version: string,
): Promise<string | undefined> {
  const dir = join(cacheDir, shardKey(shard, version));
  return (await isCompleteEntry(dir)) ? dir : undefined;
}

/** The cached bundle of a shard, built when missing. */
export async function cachedShard(
  shard: PlannedShard<IndexedPage>,
  siteDir: string,
  cacheDir: string,
  version: string,
  /** Called once the shard's Pagefind process has ended, before the bundle is read back. */
  onIndexed?: () => void,
): Promise<{ dir: string; reused: boolean }> {
  const dir = join(cacheDir, shardKey(shard, version));
  if (await isCompleteEntry(dir)) return { dir, reused: true };
  await writeCacheEntry(dir, async (partial) => {
    await runPagefind(shard.pages, siteDir, partial);
    onIndexed?.();
    const indexed = await indexedPageCount(partial);
    if (indexed !== shard.pages.length) {
      throw new SearchIndexError(
        `Pagefind indexed ${indexed} pages of shard ${shardDir(shard.id)}, which has ${shard.pages.length}.`,
      );
    }
    await writeShardVocabulary(partial);
    await finishBundle(partial);
  });
  return { dir, reused: false };
}

/** An index with no pages, for the runtime files of an empty archive. */
async function emptyBundle(cacheDir: string, version: string): Promise<string> {
  const dir = join(cacheDir, `empty-${version}-${CACHE_FORMAT}`);
  if (await isCompleteEntry(dir)) return dir;
  await rm(dir, { recursive: true, force: true });
  await writeEmptyBundle(dir);
  await writeFile(join(dir, ENTRY_COMPLETE), '');
  return dir;
}

/**
 * Puts the files of a cached bundle into the site as hard links, or copies
 * when the two folders are on different file systems. A shard of 2,500
 * articles is about 2,700 files, and creating files is slow on some disks
 * (about 1 ms each measured here, with `fs.cp` slower still): linking is
 * twenty times faster, and synchronous calls three times faster again than
 * one awaited call per file (112,000 files at 100,000 articles; nothing else
 * runs while the index is assembled). Cache entries are never written after
 * they are complete, and builds replace the site's search folder rather than
 * edit its files, so sharing the bytes is safe.
 */
function linkTree(from: string, to: string, keep: (name: string) => boolean = () => true): void {
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (!keep(entry.name)) continue;
    const source = join(from, entry.name);
    const target = join(to, entry.name);
    if (entry.isDirectory()) {
      linkTree(source, target);
    } else {
      try {
        linkSync(source, target);
      } catch {
        copyFileSync(source, target);
      }
    }
  }
}

function formatMs(ms: number): string {
  return `${Math.round(ms).toLocaleString('en-US')} ms`;
}

/** The worker thread's module, for a pool opened outside Astro (tests, scripts). */
export const SHARD_WORKER_FILE = new URL('./search-shard-worker.ts', import.meta.url);

/**
 * The words that get a precomputed answer, from a sample of the oldest
 * shard's pages: that shard is complete first while pages render, and it
 * changes least from build to build, so the choice is stable.
 */
export async function chooseCommonWords(oldestBundleDir: string): Promise<string[]> {
  const { limit, minShare, sample } = siteConfig.search.commonWords;
  if (limit < 1) return [];
  return commonWords(await sampleTexts(oldestBundleDir, sample), { limit, minShare });
}

/** Results per precomputed answer: never fewer than the search page's first page. */
function answerResults(): number {
  return Math.max(siteConfig.search.commonWords.results, siteConfig.searchPageSize);
}

/**
 * A shard's answers to `words`: from the cache (usually all there, computed
 * while pages rendered), and from a new worker thread for any that are not.
 */
async function answersOf(
  bundleDir: string,
  words: readonly string[],
  workers: ShardWorkers,
): Promise<Record<string, ShardAnswer>> {
  const pageSize = answerResults();
  const { answers, missing } = await cachedAnswers(bundleDir, words, pageSize);
  if (missing.length === 0) return answers;
  return { ...answers, ...(await workers.answers({ bundleDir, words: missing, pageSize })) };
}

/**
 * Writes the archive's answer to each word into `searchDir/answers/`, from the
 * answers of every shard (given newest first, as the manifest lists them).
 */
async function writeAnswers(
  searchDir: string,
  bundleDirs: readonly string[],
  words: readonly string[],
  workers: ShardWorkers,
): Promise<void> {
  if (words.length === 0) return;
  const pageSize = answerResults();
  const perShard = await Promise.all(bundleDirs.map((bundleDir) => answersOf(bundleDir, words, workers)));
  await mkdir(join(searchDir, ANSWERS_DIR), { recursive: true });
  for (const word of words) {
    const shards = perShard.map((answers) => {
      const answer = answers[word];
      if (!answer) throw new SearchIndexError(`no precomputed answer for "${word}" from a shard`);
      return answer;
    });
    await writeFile(
      join(searchDir, answerFile(word)),
      JSON.stringify(mergeShardAnswers(word, shards, pageSize)),
    );
  }
}

/**
 * Puts the directory of the shards (search-directory.ts; in the manifest's
 * order) into `searchDir/directory/` and returns its manifest entry; none for
 * a single shard, which needs none, or when the directory failed its check.
 */
async function writeDirectory(
  searchDir: string,
  bundleDirs: readonly string[],
  cacheDir: string,
  version: string,
  logger: Logger,
): Promise<DirectoryEntry | undefined> {
  if (bundleDirs.length < 2) return undefined;
  const started = performance.now();
  const outcome = await cachedDirectory({
    bundleDirs,
    cacheDir,
    version,
    language: siteConfig.language,
    finish: finishBundle,
  });
  if ('problem' in outcome) {
    logger.warn(`search directory left out, so every search reads every shard: ${outcome.problem}`);
    return undefined;
  }
  const target = join(searchDir, DIRECTORY_DIR);
  // Its fragments (each shard's whole vocabulary) are never read by the page.
  linkTree(
    outcome.dir,
    target,
    (name) => name === 'index' || (name.startsWith('pagefind') && !NOT_IN_SHARDS.test(name)),
  );
  const { metaFile, entry } = await readBundleEntry(target);
  logger.info(`search directory of ${bundleDirs.length} shards in ${formatMs(performance.now() - started)}`);
  return {
    bundle: `/${SEARCH_BUNDLE_DIR}/${DIRECTORY_DIR}/`,
    meta: metaFile,
    pages: outcome.pages,
    ...(outcome.everyShard !== undefined ? { everyShard: outcome.everyShard } : {}),
    entry,
  };
}

/** Indexes the article pages of `outDir` into `outDir/pagefind/`; throws on any error or count mismatch. */
export async function buildSearchIndex({
  outDir,
  logger,
  expectedPages,
  shardSize,
  cacheDir = searchShardCacheDir(),
  builtEarly = new Set(),
  readEarly = new Map(),
  pageReads,
  workers,
  answersBegun,
}: SearchIndexOptions): Promise<SearchIndexResult> {
  const started = performance.now();
  const pool = workers ?? new ShardWorkers(SHARD_WORKER_FILE, 1);
  const searchDir = join(outDir, SEARCH_BUNDLE_DIR);
  // Start from an empty folder: a copy of public/pagefind/ (npm run dev:search-index)
  // or an earlier index would leave stale fragments beside the new one.
  await rm(searchDir, { recursive: true, force: true });
  try {
    const reads = pageReads ?? (await loadPageReads(cacheDir, outDir));
    const pages = await readArticlePages(outDir, readEarly, reads);
    const expected = expectedPages ?? pages.length;
    const shards = planShards(pages, shardSize ?? shardSizeFor(pages.length, siteConfig.search));
    const version = pagefindVersion();
    await mkdir(cacheDir, { recursive: true });
    const report: SearchIndexResult['shards'] = [];
    let runtimeFrom: string | undefined;
    let pageCount = 0;
    const bundleDirs: string[] = [];
    const bundleFiles: { meta: string; filters: string; entry: CheckedPagefindEntry }[] = [];
    const shardValues: FilterCounts[] = [];
    const browseCounter = new BrowseRowCounter();
    for (const shard of shards) {
      const shardStarted = performance.now();
      const { dir, reused } = await cachedShard(shard, outDir, cacheDir, version);
      bundleDirs.push(dir);
      const target = join(searchDir, shardDir(shard.id));
      linkTree(dir, target, (name) => name !== ENTRY_COMPLETE && !NOT_IN_SHARDS.test(name));
      const bundle = await readBundleEntry(target);
      pageCount += bundle.pageCount;
      const filters = await writeFiltersFile(target, bundle.metaFile);
      bundleFiles.push({ meta: bundle.metaFile, filters: filters.name, entry: bundle.entry });
      shardValues.push(filters.totals);
      browseCounter.addShard(filters.chunks);
      runtimeFrom ??= dir;
      const early = reused && builtEarly.has(dir);
      report.push({ dir: shardDir(shard.id), pages: shard.pages.length, reused: reused && !early, early });
      const how = early
        ? 'indexed while pages rendered, copied'
        : reused
          ? 'unchanged, copied from the cache'
          : 'built';
      logger.info(
        `${shardDir(shard.id)} (${shard.oldest} to ${shard.newest}): ${shard.pages.length} pages, ` +
          `${how} in ${formatMs(performance.now() - shardStarted)}`,
      );
    }
    if (shards.length === 0) {
      // With no page marked `data-pagefind-body` Pagefind would index every
      // page of an empty archive; an empty manifest keeps the search page working.
      logger.warn('no published articles: writing an empty search index');
      runtimeFrom = await emptyBundle(cacheDir, version);
    }
    if (runtimeFrom === undefined) throw new SearchIndexError('no bundle to take the runtime from');
    linkTree(runtimeFrom, searchDir, (name) => ROOT_RUNTIME.test(name));
    const directory = await writeDirectory(searchDir, bundleDirs, cacheDir, version, logger);
    const values = await writeValuesFile(searchDir, shardValues);
    const browse = await writeBrowseRows(searchDir, browseCounter);
    // Chosen again rather than taken from the early indexing (a few hundred small
    // reads): this step must stand on its own when shards were not built early.
    const oldest = bundleDirs.at(-1);
    const answered = oldest ? await chooseCommonWords(oldest) : [];
    await answersBegun;
    await writeAnswers(searchDir, bundleDirs, answered, pool);
    if (answered.length > 0)
      logger.info(`precomputed answers for ${answered.map((w) => `"${w}"`).join(', ')}`);
    await writeFile(
      join(searchDir, SHARD_MANIFEST_FILE),
      `${JSON.stringify(shardManifest(shards, `/${SEARCH_BUNDLE_DIR}/`, answered, bundleFiles, { directory, values, browse }), null, 1)}\n`,
    );
    if (pageCount !== expected) {
      throw new SearchIndexError(
        `Pagefind indexed ${pageCount} pages but the site has ${expected} published articles. ` +
          'Every article page must be indexed exactly once.',
      );
    }
    await reads.save(pages.map((page) => page.url));
    const milliseconds = Math.round(performance.now() - started);
    // The benchmark parses this line: keep its wording.
    logger.info(`indexed ${pageCount} pages in ${milliseconds} ms`);
    return { pageCount, milliseconds, answered, shards: report };
  } catch (error) {
    // Never leave an index that disagrees with the site where it could be deployed.
    await rm(searchDir, { recursive: true, force: true });
    throw error;
  } finally {
    if (!workers) await pool.close();
  }
}

/**
 * Builds shard `id` of these pages into the cache while the site is still
 * rendering ({@link EarlyShardIndexer}), so that {@link buildSearchIndex}
 * finds it there, and notes in `built` the cache entries it wrote and in
 * `read` the pages it read. Never throws: a shard that cannot be built early
 * is built, or reported, by {@link buildSearchIndex}. Logs only at debug
 * level: a line in the middle of Astro's page list would split one of its
 * lines.
 */
export async function prebuildShard(
  id: number,
  files: readonly { url: string; file: string }[],
  {
    logger,
    built,
    read,
    reads,
    inTurn = (read) => read(),
    cached,
    build,
  }: {
    logger: Pick<AstroIntegrationLogger, 'debug'>;
    /** Cache entries written here. */
    built: Set<string>;
    /** Pages read here, by file, for {@link buildSearchIndex}. */
    read: Map<string, IndexedPage>;
    /** What the last build read of its pages. */
    reads: Promise<PageReadCache>;
    /**
     * Runs the reading of the pages when earlier shards' readings are done:
     * without a record of the last build's reads, every shard of a rebuild is
     * complete at once, and reading them all together on the thread that
     * renders pages would delay the oldest (the first to be indexed) by the
     * time it takes to read them all.
     */
    inTurn?: <T>(read: () => Promise<T>) => Promise<T>;
    /** The shard's cache entry when it is complete there ({@link cachedShardDir}). */
    cached: (shard: PlannedShard<IndexedPage>) => Promise<string | undefined>;
    /** Builds the shard into the cache ({@link cachedShard}, in a {@link ShardWorkers} thread). */
    build: (shard: PlannedShard<IndexedPage>) => Promise<BuiltShard>;
  },
): Promise<string | undefined> {
  const started = performance.now();
  try {
    const record = await reads;
    const pages = await inTurn(() => readPages(files, new Map(), record));
    for (const page of pages) read.set(page.file, page);
    const [oldest, newest] = [pages[0], pages[pages.length - 1]];
    if (!oldest || !newest) return undefined;
    if (pages.some((page, i) => i > 0 && compareShardPages(pages[i - 1] as IndexedPage, page) > 0)) {
      logger.debug(`${shardDir(id)} not indexed early: article pages are not rendered in date order`);
      return undefined;
    }
    const shard = { id, pages, oldest: oldest.date, newest: newest.date };
    const inCache = await cached(shard);
    const { dir, reused } = inCache ? { dir: inCache, reused: true } : await build(shard);
    if (!reused) built.add(dir);
    logger.debug(
      `${shardDir(id)}: ${reused ? 'in the cache' : 'indexed'} in ${formatMs(performance.now() - started)}`,
    );
    return dir;
  } catch (error) {
    logger.debug(`${shardDir(id)} not indexed early, left to the end of the build: ${String(error)}`);
    return undefined;
  }
}

/**
 * Computes the precomputed answers of the shards built while pages render:
 * the words are chosen from the oldest shard (id 0, handed out first, or on
 * a rebuild after the shards with an edited article, which are then still
 * being indexed), and every shard's answers wait for them. Failures are left to
 * {@link buildSearchIndex}, which computes whatever is not cached.
 */
export class EarlyAnswers {
  readonly #workers: ShardWorkers;
  #chosen: (words: string[]) => void = () => undefined;
  readonly #words = new Promise<string[]>((resolve) => (this.#chosen = resolve));

  constructor(workers: ShardWorkers) {
    this.#workers = workers;
  }

  /** After shard `id` was built into `bundleDir` (undefined: it was not). Never throws. */
  async shardBuilt(id: number, bundleDir: string | undefined): Promise<void> {
    if (id === 0) {
      // Resolved whatever happens, or the other shards would wait for ever.
      this.#chosen(bundleDir ? await chooseCommonWords(bundleDir).catch(() => []) : []);
    }
    const words = await this.#words;
    if (!bundleDir || words.length === 0) return;
    await answersOf(bundleDir, words, this.#workers).catch(() => undefined);
  }
}

/**
 * The Astro integration: indexes shards while pages render
 * ({@link EarlyShardIndexer}), then runs {@link buildSearchIndex} on the
 * build output, which builds whatever is not cached yet and checks it all.
 */
export function searchIndex(
  options: {
    /** Another wrapper of Astro's prerenderer, applied inside ours (Astro takes only one `setPrerenderer`). */
    wrapPrerenderer?: (inner: AstroPrerenderer) => AstroPrerenderer;
  } = {},
): AstroIntegration {
  let outDir = '';
  let workerFile = '';
  let early: EarlyShardIndexer | undefined;
  let workers: ShardWorkers | undefined;
  let builtEarly = new Set<string>();
  let readEarly = new Map<string, IndexedPage>();
  /** What the last build read of its pages, loaded once for the early indexing and the end. */
  let pageReads: Promise<PageReadCache> | undefined;
  /** The early indexing's precomputed answers, which never reject (EarlyAnswers). */
  let answersBegun: Promise<void>[] = [];
  return {
    name: 'search-index',
    hooks: {
      'astro:config:done': ({ config }) => {
        outDir = fileURLToPath(config.outDir);
        workerFile = fileURLToPath(new URL('src/integrations/search-shard-worker.ts', config.root));
      },
      'astro:build:start': ({ setPrerenderer, logger }) => {
        const cacheDir = searchShardCacheDir();
        builtEarly = new Set();
        readEarly = new Map();
        answersBegun = [];
        const reads = loadPageReads(cacheDir, outDir);
        pageReads = reads;
        let reading: Promise<unknown> = Promise.resolve();
        const inTurn = <T>(read: () => Promise<T>): Promise<T> => {
          const done = reading.then(read, read);
          reading = done.catch(() => undefined);
          return done;
        };
        const [built, read] = [builtEarly, readEarly];
        const { indexingProcesses, parallelFromShards } = siteConfig.search;
        // One thread more than Pagefind processes: a shard is read back (its
        // vocabulary) and answered in a thread of its own while the next is indexed.
        const pool = new ShardWorkers(workerFile, indexingProcesses + 1);
        workers = pool;
        const answers = new EarlyAnswers(pool);
        const version = pagefindVersion();
        const indexer = new EarlyShardIndexer({
          outDir,
          shardSize: (articles) => shardSizeFor(articles, siteConfig.search),
          // More processes than cores would only share them, with the memory of each.
          concurrency: (shards) =>
            shards >= parallelFromShards ? Math.min(indexingProcesses, availableParallelism()) : 1,
          // A rebuild renders the shards with an edited page first, so their indexing starts sooner.
          unchangedShards: readRenderedShards(cacheDir, outDir),
          indexShard: async (id, pages, slot) => {
            const dir = await prebuildShard(id, pages, {
              logger,
              built,
              read,
              reads,
              inTurn,
              cached: (shard) => cachedShardDir(shard, cacheDir, version),
              // Only a shard that is not cached waits for a slot: its Pagefind process is what the slots bound.
              build: async (shard) => {
                await slot.acquire();
                return pool.build({ shard, siteDir: outDir, cacheDir, version }, slot.release);
              },
            });
            // Not awaited here: the next shard, and at the end the search
            // directory, need not wait for this shard's answers.
            answersBegun.push(answers.shardBuilt(id, dir));
          },
        });
        early = indexer;
        setPrerenderer((inner) => indexer.wrap(options.wrapPrerenderer?.(inner) ?? inner));
      },
      'astro:build:done': async ({ dir, logger }) => {
        await early?.settled();
        try {
          await buildSearchIndex({
            outDir: fileURLToPath(dir),
            logger,
            // The size the early indexing planned with, from the same article pages.
            shardSize: early?.shardSize,
            builtEarly,
            readEarly,
            pageReads: await pageReads,
            workers,
            answersBegun: Promise.all(answersBegun),
          });
          // Only now: a failed build may have left pages unrendered that the record would call unchanged.
          if (early) await writeRenderedShards(searchShardCacheDir(), outDir, early.shardKeys);
        } finally {
          await workers?.close();
        }
      },
    },
  };
}
