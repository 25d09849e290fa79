/**
 * Builds the directory of the search index (src/lib/search-directory.ts):
 * a Pagefind bundle with one record per shard, whose text is every distinct
 * token of the shard's pages, so that the search page asks only the shards
 * that hold a query's words.
 *
 * Each shard's cache entry keeps two files for it, written right after the
 * shard is indexed (in the shard's worker thread, while pages render):
 *
 *   directory-tokens.txt  the distinct tokens of the shard's fragments
 *                         (Pagefind's extract of each page: what it indexed)
 *   directory-words.txt   the words Pagefind indexed for the shard, read
 *                         back from its index chunks
 *
 * each distinct and sorted, so that the directory, built after the last
 * shard, reads them as they are: sorting them there took 0.6 s of the
 * 4 s of a 4-shard directory.
 *
 * After the last shard, {@link cachedDirectory} indexes the tokens, one
 * record per shard and one of the tokens every shard holds
 * (`directoryRecords` in src/lib/search-directory.ts), in a Pagefind process
 * of its own, and checks that each shard's record, with the shared one,
 * holds every word of its shard's index. That check is what makes the
 * directory safe on text it was never tried on: a record missing a word
 * would hide that shard's results for it, so the directory is then left
 * out and every search reads every shard, as without it. Cached under
 * `.cache/search-shards/directory-<hash>/` by the sets of tokens and words of
 * its shards, so a rebuild that changes no shard's words (an edit in words its
 * shard already holds) does not index it again. Each record lists its tokens
 * sorted, whatever order the fragments gave them in.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import * as pagefind from 'pagefind';
import { decodeCbor, parseMeta } from '../lib/pagefind-facets.ts';
import { isCompleteEntry, writeCacheEntry } from '../lib/cache-entry.ts';
import {
  directoryRecords,
  distinctTokens,
  indexChunkWordList,
  indexChunkWords,
  sharedRecordText,
} from '../lib/search-directory.ts';

/** A shard's distinct tokens, separated by single spaces. */
export const TOKENS_FILE = 'directory-tokens.txt';
/** A shard's indexed words, one per line. */
export const WORDS_FILE = 'directory-words.txt';
/** In a directory's cache entry: its record ids by shard, or why it cannot be used. */
const OUTCOME_FILE = 'directory.json';
/** Bumped when the directory's cache entries change shape. */
const FORMAT = 4;
/** URL of the record of the tokens every shard holds (a shard's record is `/<position>/`). */
const EVERY_SHARD_URL = '/every/';
/** The position {@link checkDirectory} gives that record: it stands for every shard. */
const EVERY_SHARD = -1;

/** Pagefind's data files start with this signature, after gunzip. */
const SIGNATURE = 'pagefind_dcd';

function unpack(bytes: Buffer, name: string): Buffer {
  const plain = gunzipSync(bytes);
  if (plain.subarray(0, SIGNATURE.length).toString('latin1') !== SIGNATURE) {
    throw new Error(`${name} lacks Pagefind's signature`);
  }
  return plain.subarray(SIGNATURE.length);
}

/**
 * One of a bundle's thousands of small files, read synchronously: this runs in
 * a shard's worker thread, or after the last page when nothing else runs, and
 * one awaited read per file took 0.66–0.87 s for a shard's 2,500 fragments
 * against 0.05–0.09 s.
 */
function readPagefindFile(path: string): Buffer {
  return readFileSync(path);
}

async function filesIn(dir: string, suffix: string): Promise<string[]> {
  return (await readdir(dir).catch(() => [] as string[])).filter((name) => name.endsWith(suffix)).sort();
}

/**
 * Each fragment of a bundle: the page's id (its file name), its URL and the
 * text Pagefind indexed for it: the page's content and the values of its
 * metadata (Pagefind indexes those too: the date's numbers are words).
 */
async function* fragments(
  bundleDir: string,
): AsyncGenerator<{ id: string; url: string; content: string; meta: string[] }> {
  const dir = join(bundleDir, 'fragment');
  for (const name of await filesIn(dir, '.pf_fragment')) {
    const json = JSON.parse(unpack(readPagefindFile(join(dir, name)), name).toString('utf8')) as {
      url?: unknown;
      content?: unknown;
      meta?: unknown;
    };
    const meta = typeof json.meta === 'object' && json.meta !== null ? Object.values(json.meta) : [];
    yield {
      id: name.slice(0, -'.pf_fragment'.length),
      url: typeof json.url === 'string' ? json.url : '',
      content: typeof json.content === 'string' ? json.content : '',
      meta: meta.filter((value): value is string => typeof value === 'string'),
    };
  }
}

/** Each word of a bundle's index with the pages (positions in its metadata) that hold it. */
async function* indexedWords(bundleDir: string): AsyncGenerator<{ word: string; pages: number[] }> {
  const dir = join(bundleDir, 'index');
  for (const name of await filesIn(dir, '.pf_index')) {
    yield* indexChunkWords(decodeCbor(unpack(readPagefindFile(join(dir, name)), name)));
  }
}

/** Writes the two files the directory is built from into a shard's bundle folder (see the module's comment). */
export async function writeShardVocabulary(bundleDir: string): Promise<void> {
  const texts: string[] = [];
  for await (const page of fragments(bundleDir)) texts.push(page.content, ...page.meta);
  const words: string[] = [];
  const dir = join(bundleDir, 'index');
  for (const name of await filesIn(dir, '.pf_index')) {
    words.push(...indexChunkWordList(unpack(readPagefindFile(join(dir, name)), name)));
  }
  await writeFile(join(bundleDir, TOKENS_FILE), distinctTokens(texts).sort().join(' '));
  await writeFile(join(bundleDir, WORDS_FILE), [...new Set(words)].sort().join('\n'));
}

export type DirectoryOutcome =
  /**
   * The directory's bundle, the id of each shard's record, in the order the
   * shards were given, and the id of the record of the tokens every shard holds.
   */
  | { dir: string; pages: string[]; everyShard?: string }
  /** Why the directory cannot be used. */
  | { problem: string };

/**
 * The directory of these shards (bundle folders in the shard cache, in the
 * manifest's order), from the cache or built. `finish` prepares a written
 * bundle as the shards' are (shared WebAssembly, no unused files).
 */
export async function cachedDirectory({
  bundleDirs,
  cacheDir,
  version,
  language,
  finish,
}: {
  bundleDirs: readonly string[];
  cacheDir: string;
  version: string;
  language: string;
  finish: (dir: string) => Promise<void>;
}): Promise<DirectoryOutcome> {
  // Keyed by what the directory is made of, each shard's tokens and words as sets
  // (sorted, so that the order Pagefind and the fragments happen to give them in
  // does not count): a rebuild after an edit that leaves its shard's words as they
  // were (a rewording, a correction to a word used elsewhere in the shard) reuses it.
  const shards = await Promise.all(
    bundleDirs.map(async (bundleDir) => ({
      tokens: sortedList(await readFile(join(bundleDir, TOKENS_FILE), 'utf8'), ' '),
      words: sortedList(await readFile(join(bundleDir, WORDS_FILE), 'utf8'), '\n'),
    })),
  );
  const hash = createHash('sha256').update(JSON.stringify({ format: FORMAT, pagefind: version, language }));
  for (const { tokens, words } of shards) hash.update(`\n${tokens.join(' ')}\n${words.join('\n')}\n`);
  const key = hash.digest('hex').slice(0, 32);
  const dir = join(cacheDir, `directory-${key}`);
  const outcomeOf = async (at: string): Promise<DirectoryOutcome> => {
    const saved = JSON.parse(await readFile(join(at, OUTCOME_FILE), 'utf8')) as {
      pages?: string[];
      everyShard?: string;
      problem?: string;
    };
    if (saved.problem !== undefined) return { problem: saved.problem };
    return {
      dir,
      pages: saved.pages ?? [],
      ...(saved.everyShard !== undefined ? { everyShard: saved.everyShard } : {}),
    };
  };
  if (!(await isCompleteEntry(dir))) {
    await writeCacheEntry(dir, async (partial) => {
      const records = directoryRecords(shards.map((shard) => shard.tokens));
      const shared = records.everyShard.length > 0;
      await indexTokens(
        [
          ...records.shards.map((tokens, position) => ({ url: `/${position}/`, content: tokens.join(' ') })),
          ...(shared
            ? [{ url: EVERY_SHARD_URL, content: sharedRecordText(records.everyShard, shards.length) }]
            : []),
        ],
        partial,
        language,
      );
      const saved = await checkDirectory(
        partial,
        shards.map((shard) => shard.words),
        bundleDirs.map((bundleDir) => basename(bundleDir)),
        shared,
      );
      await finish(partial);
      await writeFile(join(partial, OUTCOME_FILE), JSON.stringify(saved));
    });
  }
  return outcomeOf(dir);
}

/**
 * The distinct non-empty items of a list, sorted: as written
 * ({@link writeShardVocabulary} sorts them), or sorted here when written by
 * an older build.
 */
function sortedList(text: string, separator: string): string[] {
  const items = text.split(separator).filter(Boolean);
  const sorted = items.every((item, i) => i === 0 || (items[i - 1] as string) < item);
  return sorted ? items : [...new Set(items)].sort();
}

/** One record per shard (URL `/<position>/`, its text the shard's tokens) and the shared one. */
async function indexTokens(
  records: readonly { url: string; content: string }[],
  target: string,
  language: string,
): Promise<void> {
  const check = <T extends { errors: string[] }>(response: T, step: string): T => {
    if (response.errors.length > 0) {
      throw new Error(
        `Pagefind failed to ${step} of the search directory:\n  ${response.errors.join('\n  ')}`,
      );
    }
    return response;
  };
  try {
    const { index } = check(await pagefind.createIndex({ forceLanguage: language }), 'create the index');
    if (!index) throw new Error('Pagefind returned no index for the search directory.');
    for (const { url, content } of records) {
      check(await index.addCustomRecord({ url, content, language }), 'add a shard');
    }
    check(await index.writeFiles({ outputPath: target }), 'write the files');
  } finally {
    await pagefind.close();
  }
}

/**
 * The ids of the shards' records (and of the shared one, when `shared`), or
 * the problem that keeps the directory out: a word some shard's index holds
 * that neither its record nor the shared one holds.
 */
async function checkDirectory(
  dir: string,
  wordsOf: readonly (readonly string[])[],
  names: readonly string[],
  shared: boolean,
): Promise<{ pages: string[]; everyShard?: string } | { problem: string }> {
  const positionOf = new Map<string, number>();
  for await (const { id, url } of fragments(dir)) {
    const position = url === EVERY_SHARD_URL ? EVERY_SHARD : /^\/(\d+)\/$/.exec(url)?.[1];
    if (position !== undefined) positionOf.set(id, Number(position));
  }
  const metaName = (await readdir(dir)).find((name) => name.endsWith('.pf_meta'));
  const order = metaName ? parseMeta(unpack(await readFile(join(dir, metaName)), metaName)).pages : [];
  const idOf = new Map([...positionOf].map(([id, position]) => [position, id]));
  const pages = wordsOf.map((_, position) => idOf.get(position));
  const everyShard = idOf.get(EVERY_SHARD);
  if (
    order.length !== wordsOf.length + (shared ? 1 : 0) ||
    pages.some((id) => id === undefined) ||
    (shared && everyShard === undefined)
  ) {
    // Not the build's failure: searches then read every shard, as without a directory.
    return {
      problem: `it has ${order.length} records for ${wordsOf.length} shards${shared ? ' and the words they share' : ''}`,
    };
  }

  const shardsOf = new Map<string, Set<number>>();
  for await (const { word, pages: held } of indexedWords(dir)) {
    const shards = shardsOf.get(word) ?? new Set<number>();
    for (const page of held) {
      const position = positionOf.get(order[page] ?? '');
      if (position !== undefined) shards.add(position);
    }
    shardsOf.set(word, shards);
  }
  for (const [position, words] of wordsOf.entries()) {
    const missing = words.filter((word) => {
      const holders = shardsOf.get(word);
      return !holders?.has(position) && !holders?.has(EVERY_SHARD);
    });
    if (missing.length > 0) {
      return {
        problem:
          `the record of shard ${names[position] ?? position} lacks ${missing.length} of its ${words.length} words ` +
          `(${missing
            .slice(0, 5)
            .map((w) => JSON.stringify(w))
            .join(', ')})`,
      };
    }
  }
  return { pages: pages as string[], ...(everyShard !== undefined ? { everyShard } : {}) };
}
