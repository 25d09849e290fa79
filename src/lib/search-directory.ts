/**
 * The directory of the search index: which shards hold which words, so that
 * a search reads only the shards that can answer it.
 *
 * Why: without it every search reads every shard (its metadata, an index
 * chunk, a search), 3.3 MB and seconds for a rare word at 100,000 articles.
 * And a shard searched for a word it lacks does not answer "nothing":
 * Pagefind drops a query term with no match in an index, and for a term with
 * no word starting with it falls back to the longest indexed word that is a
 * prefix of it (`search_term`, `find_word_extensions` in pagefind_web). One
 * index of the whole archive applies those rules to the archive's words; a
 * shard applies them to its own, so "brovea" in a shard without it would
 * find the pages with "bro". The directory restores the archive-wide rule.
 *
 * What it is: one more Pagefind bundle (`pagefind/directory/`) with one
 * record per shard, whose text is the distinct tokens of that shard's pages
 * (taken from Pagefind's own extract of each page, its fragments), and one
 * record of the tokens every shard holds, which the shards' records then
 * leave out ({@link directoryRecords}). Searching it for one term runs
 * Pagefind's own normalisation, stemming, prefix extension and prefix
 * fallback over the archive's words and answers with the records whose
 * words match: a shard's own, or the shared one, which stands for every
 * shard. No rule of Pagefind's is re-implemented
 * here, which is what keeps the directory exact for any language Pagefind
 * stems. The build checks that each record holds every word Pagefind
 * indexed for its shard (src/integrations/search-directory.ts) and leaves
 * the directory out, so every shard is searched, if one does not.
 *
 * How a query is answered (single index semantics, see {@link candidateShards}):
 * each term is looked up on its own; terms that match nothing in the archive
 * are dropped, as Pagefind drops them; a page must match every other term,
 * so only shards holding every one of them can have results.
 */

import { CborReader, type CheckedPagefindEntry } from './pagefind-facets.ts';

/** Folder of the directory bundle inside the search folder. */
export const DIRECTORY_DIR = 'directory';

/** The directory as the shard manifest names it. */
export interface DirectoryEntry {
  /** Root-relative URL of the bundle folder, ending in `/` (`/pagefind/directory/`). */
  bundle: string;
  /** The metadata file Pagefind's runtime loads for the site's language. */
  meta: string;
  /** For each shard of the manifest, in its order, the Pagefind id (page hash) of the shard's record. */
  pages: string[];
  /**
   * The Pagefind id of the record of the tokens every shard holds, which the
   * shards' records leave out: a term it matches is in every shard. Absent
   * when the shards share no token.
   */
  everyShard?: string;
  /** The bundle's `pagefind-entry.json` as it is (see `ShardManifestEntry.entry`). */
  entry?: CheckedPagefindEntry;
}

/**
 * The terms of a query as Pagefind splits them, looked up one by one, or
 * undefined when the query is not one the directory can answer exactly.
 *
 * Pagefind strips the quotes of an exact search (`"…"`) and then splits on
 * single spaces after dropping punctuation and collapsing runs of
 * whitespace. A term that is only punctuation becomes empty and is ignored
 * on both sides. Whitespace other than spaces inside a term (a no-break
 * space, a tab) stays part of a Pagefind term but not of one here, so such
 * queries search every shard.
 */
export function queryTerms(query: string): string[] | undefined {
  const trimmed = query.trim();
  if (!trimmed) return undefined;
  const unquoted = /^".+"$/s.test(trimmed) ? trimmed.slice(1, -1) : trimmed;
  const terms = unquoted.split(/ +/).filter((term) => term.length > 0);
  if (terms.some((term) => /\s/.test(term))) return undefined;
  return terms;
}

/**
 * The shards a query can have results in, from the shards that match each of
 * its terms (by position in the manifest). Pagefind drops a term that
 * matches nothing and requires every other: with no term left there are no
 * results; otherwise a shard must match every term left. An exact search
 * needs more (the words in sequence), which the shards themselves check:
 * this only narrows which shards are asked.
 */
export function candidateShards(perTerm: readonly ReadonlySet<number>[]): Set<number> {
  const matched = perTerm.filter((shards) => shards.size > 0);
  const [first, ...rest] = matched;
  if (!first) return new Set();
  return new Set([...first].filter((shard) => rest.every((shards) => shards.has(shard))));
}

/**
 * The texts of the directory's records, as token lists: the tokens every
 * shard holds (`everyShard`, in the first shard's order; written out by
 * {@link sharedRecordText}), and each shard's other tokens (`shards`, in the shards' order and each shard's).
 *
 * Why a shared record: most of a shard's tokens are in every shard (85% in
 * the benchmark's 10,000 articles), and Pagefind takes about twice as long
 * to index them as one posting per shard as to index them in one record
 * (4.0 s and 2.0 s for those 4 shards, measured together; on every rebuild
 * that adds a word). The answer is the same: Pagefind chooses the words a term matches from the
 * whole bundle's words, which the split leaves as they were, and then
 * answers with each record that holds one of them; a shard holds one
 * exactly when its own record or the shared one does.
 *
 * A record is never empty (Pagefind would leave it out): a shard whose
 * tokens are all shared keeps the first of them in its record too.
 */
export function directoryRecords(shardTokens: readonly (readonly string[])[]): {
  everyShard: string[];
  shards: string[][];
} {
  const [first, ...others] = shardTokens;
  if (!first || others.length === 0)
    return { everyShard: [], shards: shardTokens.map((tokens) => [...tokens]) };
  const sets = others.map((tokens) => new Set(tokens));
  const everyShard = [...new Set(first)].filter((token) => sets.every((set) => set.has(token)));
  const shared = new Set(everyShard);
  const shards = shardTokens.map((tokens) => {
    const own = tokens.filter((token) => !shared.has(token));
    return own.length > 0 || everyShard.length === 0 ? own : everyShard.slice(0, 1);
  });
  return { everyShard, shards };
}

/**
 * How many times the shared record lists each of its tokens, with at least
 * four shards (with fewer, once per shard). Pagefind cuts its index into
 * chunks by postings (a word weighs, for each record holding it, its
 * positions there plus one) and the search page fetches one chunk per term.
 * Listed once, a shared word would weigh 2 where it weighed 2 per shard,
 * chunks would hold four times the words, and a lookup would fetch 42 kB
 * instead of 30 kB (gzipped, average, 10,000 articles in 4 shards). Listed
 * four times they weigh about what they did, and the chunks are the size
 * they were (30.5 kB on average, measured both ways), while the directory
 * still holds half the tokens and takes half the time to build.
 */
export const SHARED_TOKEN_REPEATS = 4;

/** The text of the shared record: each token {@link SHARED_TOKEN_REPEATS} times (fewer with fewer shards). */
export function sharedRecordText(tokens: readonly string[], shards: number): string {
  const repeats = Math.max(1, Math.min(shards, SHARED_TOKEN_REPEATS));
  return tokens.map((token) => Array<string>(repeats).fill(token).join(' ')).join(' ');
}

/**
 * A word in lowercase letters, perhaps capitalized, perhaps followed by one
 * punctuation mark: Pagefind indexes it as the lowercase word alone. A word
 * with an inner capital is not one of these: Pagefind also indexes its parts
 * (`camelCase`: `camel`, `case`), so it is kept as written.
 */
const PLAIN_WORD = /^([A-Z]?[a-z]+)[,.;:!?]?$/;

/**
 * The distinct whitespace-separated tokens of `texts`, in first-seen order,
 * as written except where Pagefind is known to index two tokens as the same
 * word: `The`, `the`, `the,` and `the.` are listed once, as `the`. Everything
 * else is kept as it stands, because Pagefind's words keep some punctuation
 * (`from…` of a truncated summary, `“18`) and split others, and splits
 * `camelCase` words into their parts. Merging halves the tokens of the
 * benchmark corpus, and with them the time to index the directory; the
 * directory's check (every word of each shard in its record) stands behind it.
 */
export function distinctTokens(texts: Iterable<string>): string[] {
  // Distinct first, then merged: a shard has millions of tokens but only some 130,000 distinct ones.
  const written = new Set<string>();
  for (const text of texts) {
    for (const token of text.split(/\s+/)) if (token) written.add(token);
  }
  const merged = new Set<string>();
  for (const token of written) merged.add(PLAIN_WORD.exec(token)?.[1]?.toLowerCase() ?? token);
  return [...merged];
}

/**
 * The words of a decoded Pagefind index chunk (`index/<hash>.pf_index`,
 * layout in pagefind_web/src/index.rs) with the pages (positions in the
 * bundle's metadata) that hold each. An entry is `[word, postings,
 * variants]`, a posting `[page, locations, …]` with the page as a
 * difference from the posting before; a word written with
 * diacritics is filed under its plain form, with its own postings as a
 * variant (`["malmo", [], [["malmö", postings]]]`): both forms are listed,
 * the plain one with the pages of every variant.
 */
export function indexChunkWords(chunk: unknown): { word: string; pages: number[] }[] {
  const fail = (why: string): never => {
    throw new Error(`Pagefind index chunk: ${why}`);
  };
  // Each posting's page is written as its difference from the posting before.
  const pagesOf = (word: string, postings: unknown): number[] => {
    let page = 0;
    return (Array.isArray(postings) ? (postings as unknown[]) : fail(`no postings for "${word}"`)).map(
      (posting) => {
        const delta: unknown = Array.isArray(posting) ? posting[0] : undefined;
        page += typeof delta === 'number' ? delta : fail(`no page for "${word}"`);
        return page;
      },
    );
  };
  const wordOf = (entry: unknown): [string, unknown[]] =>
    Array.isArray(entry) && typeof entry[0] === 'string'
      ? [entry[0], entry as unknown[]]
      : fail('expected a word and its pages');
  if (!Array.isArray(chunk) || !Array.isArray(chunk[0])) return fail('expected a list of words');
  return (chunk[0] as unknown[]).flatMap((raw) => {
    const [word, entry] = wordOf(raw);
    const variants = (Array.isArray(entry[2]) ? (entry[2] as unknown[]) : []).map((variantRaw) => {
      const [variant, variantEntry] = wordOf(variantRaw);
      return { word: variant, pages: pagesOf(variant, variantEntry[1]) };
    });
    const pages = [...pagesOf(word, entry[1]), ...variants.flatMap((v) => v.pages)];
    return [{ word, pages }, ...variants];
  });
}

/**
 * The words of an index chunk (its CBOR, after Pagefind's signature),
 * diacritic variants included, as {@link indexChunkWords} lists them but
 * without decoding the postings: it steps over them, allocating nothing
 * for them (a shard of 2,500 articles has 23 MB of index).
 */
export function indexChunkWordList(bytes: Uint8Array): string[] {
  const cbor = new CborReader(bytes);
  const fail = (why: string): never => {
    throw new Error(`Pagefind index chunk: ${why}`);
  };
  const array = (what: string): number => {
    const count = cbor.head();
    return cbor.major === 4 ? count : fail(`expected ${what}`);
  };
  const word = (): string => {
    const length = cbor.head();
    return cbor.major === 3 ? cbor.text(length) : fail('expected a word and its pages');
  };
  const words: string[] = [];
  if (array('a list of words') < 1) fail('expected a list of words');
  const entries = array('a list of words');
  for (let e = 0; e < entries; e++) {
    const fields = array('a word and its pages');
    if (fields < 2) fail('expected a word and its pages');
    words.push(word());
    cbor.skip();
    if (fields >= 3) {
      const variants = array('variants');
      for (let v = 0; v < variants; v++) {
        const variantFields = array('a variant');
        if (variantFields < 1) fail('expected a variant');
        words.push(word());
        for (let i = 1; i < variantFields; i++) cbor.skip();
      }
      for (let i = 3; i < fields; i++) cbor.skip();
    }
  }
  return words;
}
