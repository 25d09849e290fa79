/**
 * The filter data of one Pagefind index (a shard of the search index), read
 * from Pagefind's own files, so that the search page filters results and
 * counts filter values itself, in time linear in the results.
 *
 * Why not let Pagefind do it: once an instance has loaded its filter chunks,
 * every search counts every filter value, twice (within the filters and
 * without them), checking each page of each value against the list of
 * results with a linear scan (`get_filters` in pagefind_web/src/filter.rs,
 * Pagefind 1.6): time proportional to results × pages × values per page.
 * Measured in Chromium on the 10,000-article benchmark corpus (4 shards), a
 * search for a word in 86% of the articles took 346–382 ms with the filters
 * loaded and 158–210 ms without. Counting here costs a few milliseconds.
 *
 * So the page never hands Pagefind a filter: it searches unfiltered, and
 * this module narrows the results to the selection (same semantics as
 * Pagefind's `{ group: { any: [values] } }`: any selected value within a
 * group, every group with a selection) and counts, from the data Pagefind
 * would have used: its metadata (`pagefind.<hash>.pf_meta`: the page hashes
 * that results are identified by, in page order) and its filter chunks
 * (`filter/<hash>.pf_filter`, one per group: each value's pages).
 *
 * Both are CBOR (fixed arrays of strings, unsigned integers and arrays;
 * layouts in pagefind_web/src/metadata.rs and filter_index.rs), gzipped
 * after the signature `pagefind_dcd`. The build copies each shard's filter
 * chunks into one JSON file (`filters.<hash>.json`, see {@link filtersFile}),
 * which the page reads in one request instead of one per group (the chunks
 * stay, for Pagefind's own API); the metadata it shares with Pagefind.
 * Pure apart from `DecompressionStream`, which browsers and Node both have,
 * so the same code runs in the page, the build and its tests.
 */
import type { FilterCounts } from '../scripts/search/filter-values.ts';

/** Reads a file of a Pagefind bundle, by its path relative to the bundle's folder. */
export type BundleReader = (path: string) => Promise<Uint8Array>;

/** A selection of filter values, group → values (as in the index); an empty group does not filter. */
export type ValueSelection = Readonly<Record<string, readonly string[]>>;

const SIGNATURE = 'pagefind_dcd';

/** The one file of a bundle whose name is not its content's hash. */
export const PAGEFIND_ENTRY_FILE = 'pagefind-entry.json';

function signed(bytes: Uint8Array): boolean {
  return new TextDecoder().decode(bytes.subarray(0, SIGNATURE.length)) === SIGNATURE;
}

/**
 * A Pagefind data file as Pagefind's runtime reads it once unzipped: gunzipped
 * unless already plain, signature included. Native decompression, which the
 * search worker uses in place of the runtime's own JavaScript inflate.
 */
export async function plainPagefindFile(bytes: Uint8Array, name: string): Promise<Uint8Array> {
  if (signed(bytes)) return bytes;
  let plain: Uint8Array;
  try {
    // From memory, not through a Blob: a browser keeps a Blob's bytes in another process.
    const source = new ReadableStream<Uint8Array<ArrayBuffer>>({
      start(controller) {
        controller.enqueue(bytes as Uint8Array<ArrayBuffer>);
        controller.close();
      },
    });
    const stream = source.pipeThrough(new DecompressionStream('gzip'));
    plain = new Uint8Array(await new Response(stream).arrayBuffer());
  } catch (error) {
    throw new Error(`${name} is neither gzip nor a plain Pagefind file`, { cause: error });
  }
  if (!signed(plain)) throw new Error(`${name} lacks Pagefind's signature`);
  return plain;
}

/** The content of a Pagefind data file: gunzipped unless already plain, without its signature. */
export async function unpackPagefindFile(bytes: Uint8Array, name: string): Promise<Uint8Array> {
  return (await plainPagefindFile(bytes, name)).subarray(SIGNATURE.length);
}

/** A CBOR value of the kinds Pagefind writes in these files. */
export type CborValue = number | string | CborValue[];

/**
 * A cursor over CBOR bytes that reads one item's head at a time, for
 * {@link decodeCbor} and for readers that step over what they do not need
 * (src/lib/search-directory.ts). Integers, text strings and definite-length
 * arrays only (RFC 8949, major types 0, 1, 3 and 4): the only kinds in
 * Pagefind's metadata, filter and index chunks (negative integers mark word
 * weights in an index chunk's locations). Anything else is an error: it
 * would mean the format changed.
 */
/** Strings up to this many bytes are decoded by hand when they are ASCII. */
const SHORT_TEXT = 64;

export class CborReader {
  readonly #bytes: Uint8Array;
  readonly #view: DataView;
  readonly #text = new TextDecoder('utf-8', { fatal: true });
  #at = 0;
  /** The major type of the item whose head {@link head} read last. */
  major = 0;

  constructor(bytes: Uint8Array) {
    this.#bytes = bytes;
    this.#view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  #need(n: number): void {
    if (this.#at + n > this.#bytes.length) throw new Error('CBOR: truncated');
  }

  /** Reads the next item's head: sets {@link major}, returns its argument (a value, a length or a count). */
  head(): number {
    this.#need(1);
    const first = this.#bytes[this.#at++] as number;
    this.major = first >> 5;
    const info = first & 31;
    if (this.major !== 0 && this.major !== 1 && this.major !== 3 && this.major !== 4) {
      throw new Error(`CBOR: unsupported major type ${this.major}`);
    }
    if (info < 24) return info;
    const size = info === 24 ? 1 : info === 25 ? 2 : info === 26 ? 4 : info === 27 ? 8 : 0;
    if (size === 0) throw new Error(`CBOR: unsupported length encoding ${info}`);
    this.#need(size);
    const at = this.#at;
    const value =
      size === 1
        ? this.#view.getUint8(at)
        : size === 2
          ? this.#view.getUint16(at)
          : size === 4
            ? this.#view.getUint32(at)
            : Number(this.#view.getBigUint64(at));
    this.#at += size;
    if (!Number.isSafeInteger(value)) throw new Error('CBOR: integer too large');
    return value;
  }

  /** The text string of `length` bytes whose head was just read. */
  text(length: number): string {
    this.#need(length);
    const start = this.#at;
    this.#at += length;
    // Most strings of these files are short and ASCII (page hashes, words): read by hand they
    // decode three times as fast as through TextDecoder, whose every call costs about half a
    // microsecond in a browser, and a shard's metadata holds thousands.
    if (length <= SHORT_TEXT) {
      let ascii = '';
      for (let i = start; i < start + length; i++) {
        const byte = this.#bytes[i] as number;
        if (byte >= 0x80) return this.#text.decode(this.#bytes.subarray(start, start + length));
        ascii += String.fromCharCode(byte);
      }
      return ascii;
    }
    return this.#text.decode(this.#bytes.subarray(start, start + length));
  }

  /** Reads the head of an array and returns its length; throws naming `what` for any other item. */
  array(what: string): number {
    const length = this.head();
    if (this.major !== 4) throw new Error(`Pagefind ${what}: expected an array`);
    // Each item takes at least a byte: a longer count is a corrupt file.
    this.#need(length);
    return length;
  }

  /** Reads a text string; throws naming `what` for any other item. */
  string(what: string): string {
    const length = this.head();
    if (this.major !== 3) throw new Error(`Pagefind ${what}: expected a string`);
    return this.text(length);
  }

  /** Steps over the next item, nested arrays included. */
  skip(): void {
    const argument = this.head();
    if (this.major === 3) {
      this.#need(argument);
      this.#at += argument;
    } else if (this.major === 4) {
      for (let i = 0; i < argument; i++) this.skip();
    }
  }

  /** The next item, decoded. */
  item(): CborValue {
    const argument = this.head();
    if (this.major === 0) return argument;
    if (this.major === 1) return -1 - argument;
    if (this.major === 3) return this.text(argument);
    // Each item takes at least a byte: a longer count is a corrupt file, not an allocation.
    this.#need(argument);
    const values: CborValue[] = new Array<CborValue>(argument);
    for (let i = 0; i < argument; i++) values[i] = this.item();
    return values;
  }
}

/** Decodes one CBOR item of the kinds {@link CborReader} reads. */
export function decodeCbor(bytes: Uint8Array): CborValue {
  return new CborReader(bytes).item();
}

function array(value: CborValue | undefined, what: string): CborValue[] {
  if (!Array.isArray(value)) throw new Error(`Pagefind ${what}: expected an array`);
  return value;
}

function string(value: CborValue | undefined, what: string): string {
  if (typeof value !== 'string') throw new Error(`Pagefind ${what}: expected a string`);
  return value;
}

function integer(value: CborValue | undefined, what: string): number {
  if (typeof value !== 'number') throw new Error(`Pagefind ${what}: expected an integer`);
  return value;
}

export interface PagefindMeta {
  /** Page hashes (the `id` of a search result) in Pagefind's page order. */
  pages: string[];
  /** Filter group → hash of its chunk (`filter/<hash>.pf_filter`). */
  filterChunks: Map<string, string>;
}

/**
 * Pagefind's metadata file (version, pages, index chunks, filter chunks,
 * sorts, …), read for its pages and filter chunks only. It is read in one
 * pass that steps over the rest (the index chunks' word ranges, a third of
 * its strings), because the search page reads one per shard on its main
 * thread before it can count a search's filter values.
 */
export function parseMeta(bytes: Uint8Array): PagefindMeta {
  const cbor = new CborReader(bytes);
  const fields = cbor.array('metadata');
  if (fields < 4) throw new Error('Pagefind metadata: expected version, pages, index and filters');
  cbor.skip(); // the version
  const pages = new Array<string>(cbor.array('metadata pages'));
  for (let i = 0; i < pages.length; i++) {
    const parts = cbor.array('page');
    if (parts < 1) throw new Error('Pagefind page: expected a hash');
    pages[i] = cbor.string('page hash');
    for (let k = 1; k < parts; k++) cbor.skip();
  }
  cbor.skip(); // the index chunks
  const filterChunks = new Map<string, string>();
  const groups = cbor.array('metadata filters');
  for (let i = 0; i < groups; i++) {
    const parts = cbor.array('filter entry');
    if (parts < 2) throw new Error('Pagefind filter entry: expected a name and a hash');
    filterChunks.set(cbor.string('filter name'), cbor.string('filter chunk hash'));
    for (let k = 2; k < parts; k++) cbor.skip();
  }
  return { pages, filterChunks };
}

export interface FilterChunk {
  group: string;
  /** Each value with the page numbers (indexes into `PagefindMeta.pages`) that carry it. */
  values: [value: string, pages: number[]][];
}

/** One filter chunk of Pagefind, decoded. */
export function parseFilterChunk(bytes: Uint8Array): FilterChunk {
  const [group, values] = array(decodeCbor(bytes), 'filter chunk');
  return {
    group: string(group, 'filter chunk name'),
    values: array(values, 'filter values').map((entry) => {
      const [value, pages] = array(entry, 'filter value');
      return [
        string(value, 'filter value'),
        array(pages, 'filter pages').map((page) => integer(page, 'filter page')),
      ];
    }),
  };
}

/**
 * The filter chunks of a shard in one file: group → value → page numbers,
 * each list as the first number and then the differences (pages are listed
 * in ascending order), which keeps the numbers short before compression.
 */
export interface FiltersFile {
  version: 1;
  groups: Record<string, Record<string, number[]>>;
}

/** The {@link FiltersFile} of a shard's decoded filter chunks. */
export function filtersFile(chunks: readonly FilterChunk[]): FiltersFile {
  const groups: FiltersFile['groups'] = {};
  for (const { group, values } of chunks) {
    groups[group] = Object.fromEntries(
      values.map(([value, pages]) => [
        value,
        pages.map((page, i) => (i === 0 ? page : page - (pages[i - 1] ?? 0))),
      ]),
    );
  }
  return { version: 1, groups };
}

/** The filter chunks held by a {@link FiltersFile}, refusing anything of another shape. */
export function parseFiltersFile(value: unknown): FilterChunk[] {
  const file = value as Partial<FiltersFile> | null;
  if (typeof file !== 'object' || file === null || file.version !== 1 || typeof file.groups !== 'object') {
    throw new Error('filters file: not version 1');
  }
  return Object.entries(file.groups as Record<string, unknown>).map(([group, values]) => {
    if (typeof values !== 'object' || values === null)
      throw new Error(`filters file: group ${group} has no values`);
    return {
      group,
      values: Object.entries(values as Record<string, unknown>).map(([value, deltas]): [string, number[]] => {
        if (!Array.isArray(deltas) || deltas.some((d) => !Number.isInteger(d) || (d as number) < 0)) {
          throw new Error(`filters file: ${group} "${value}" has no page list`);
        }
        let page = 0;
        return [value, (deltas as number[]).map((d) => (page += d))];
      }),
    };
  });
}

/** One filter group of a shard: its values, and each page's values in compressed-row form. */
interface Group {
  key: string;
  values: string[];
  /** Pages per value, in `values` order. */
  totals: number[];
  /** The values of page p are `valueIds[rowStart[p] .. rowStart[p + 1]]`. */
  rowStart: Uint32Array;
  valueIds: Uint32Array;
}

function group(chunk: FilterChunk, pageCount: number): Group {
  const rowStart = new Uint32Array(pageCount + 1);
  for (const [, pages] of chunk.values) {
    for (const page of pages) {
      if (page >= pageCount)
        throw new Error(`Pagefind filter "${chunk.group}" names page ${page} of ${pageCount}`);
      rowStart[page + 1] = (rowStart[page + 1] as number) + 1;
    }
  }
  for (let p = 0; p < pageCount; p++) rowStart[p + 1] = (rowStart[p + 1] as number) + (rowStart[p] as number);
  const valueIds = new Uint32Array(rowStart[pageCount] as number);
  const next = rowStart.slice(0, pageCount);
  chunk.values.forEach(([, pages], id) => {
    for (const page of pages) valueIds[(next[page] as number)++] = id;
  });
  return {
    key: chunk.group,
    values: chunk.values.map(([value]) => value),
    totals: chunk.values.map(([, pages]) => pages.length),
    rowStart,
    valueIds,
  };
}

/** The filter values of every page of one shard, for filtering and counting its search results. */
export class ShardFacets {
  readonly #pageOf: Map<string, number>;
  readonly #groups: Group[];
  /** Where each group's values start in the numbering of all values of the shard, and their total. */
  readonly #offsets: number[];
  readonly #valueCount: number;
  /** Every value of page p, numbered across groups: `#allIds[#allRow[p] .. #allRow[p + 1]]`. */
  readonly #allRow: Uint32Array;
  readonly #allIds: Uint32Array;

  constructor(meta: PagefindMeta, chunks: readonly FilterChunk[]) {
    const pageCount = meta.pages.length;
    this.#pageOf = new Map(meta.pages.map((hash, index) => [hash, index]));
    this.#groups = chunks.map((chunk) => group(chunk, pageCount));
    this.#offsets = [];
    let offset = 0;
    for (const g of this.#groups) {
      this.#offsets.push(offset);
      offset += g.values.length;
    }
    this.#valueCount = offset;
    // Counting every group of a page is the common case (every result of an
    // unfiltered search): one row over all groups makes it one short loop.
    this.#allRow = new Uint32Array(pageCount + 1);
    for (let p = 0; p < pageCount; p++) {
      let width = 0;
      for (const g of this.#groups) width += (g.rowStart[p + 1] as number) - (g.rowStart[p] as number);
      this.#allRow[p + 1] = (this.#allRow[p] as number) + width;
    }
    this.#allIds = new Uint32Array(this.#allRow[pageCount] as number);
    let at = 0;
    for (let p = 0; p < pageCount; p++) {
      this.#groups.forEach((g, i) => {
        for (let k = g.rowStart[p] as number; k < (g.rowStart[p + 1] as number); k++) {
          this.#allIds[at++] = (g.valueIds[k] as number) + (this.#offsets[i] as number);
        }
      });
    }
  }

  /** Every value of every group with its number of pages: what Pagefind's `filters()` returns. */
  totals(): FilterCounts {
    const counts: FilterCounts = {};
    for (const g of this.#groups)
      counts[g.key] = Object.fromEntries(g.values.map((v, i) => [v, g.totals[i] ?? 0]));
    return counts;
  }

  /**
   * The results (a search of this shard without filters) that match
   * `selection`, in their order, and the counts the filter panel shows: for
   * a group without a selection, how many of those results carry each value;
   * for a group with one, how many results each value would give with that
   * group's own selection cleared (the other groups' kept), so ticking a
   * second value reads as adding its count. Every value of the shard is
   * listed, with 0 where no result carries it, as Pagefind lists them.
   * Without a selection the results are returned as they are, not copied.
   */
  select<T extends { id: string }>(
    results: readonly T[],
    selection: ValueSelection,
  ): { results: readonly T[]; counts: FilterCounts } {
    const groups = this.#groups;
    const offsets = this.#offsets;
    const pageOf = this.#pageOf;
    const allRow = this.#allRow;
    const allIds = this.#allIds;
    const tallies = new Uint32Array(this.#valueCount);
    // A selected group this shard lacks, or a value it lacks, matches no page (as in Pagefind).
    const constraints = Object.entries(selection)
      .filter(([, values]) => values.length > 0)
      .map(([key, values]) => {
        const index = groups.findIndex((g) => g.key === key);
        const g = groups[index];
        const allowed = new Uint8Array(g?.values.length ?? 0);
        for (const value of values) {
          const id = g?.values.indexOf(value) ?? -1;
          if (id >= 0) allowed[id] = 1;
        }
        return { index, group: g, allowed };
      });

    const kept: T[] = [];
    for (const result of results) {
      const page = pageOf.get(result.id);
      if (page === undefined) {
        throw new Error(`Pagefind returned page ${result.id}, which the shard's metadata does not list`);
      }
      let failures = 0;
      let failed = -1;
      for (const { index, group: g, allowed } of constraints) {
        let match = false;
        if (g) {
          for (let k = g.rowStart[page] as number; k < (g.rowStart[page + 1] as number); k++) {
            if (allowed[g.valueIds[k] as number]) {
              match = true;
              break;
            }
          }
        }
        if (!match) {
          failed = index;
          if (++failures > 1) break;
        }
      }
      if (failures === 0) {
        if (constraints.length > 0) kept.push(result);
        for (let k = allRow[page] as number; k < (allRow[page + 1] as number); k++) {
          const id = allIds[k] as number;
          tallies[id] = (tallies[id] as number) + 1;
        }
      } else if (failures === 1 && failed >= 0) {
        const g = groups[failed] as Group;
        const offset = offsets[failed] as number;
        for (let k = g.rowStart[page] as number; k < (g.rowStart[page + 1] as number); k++) {
          const id = (g.valueIds[k] as number) + offset;
          tallies[id] = (tallies[id] as number) + 1;
        }
      }
    }

    const counts: FilterCounts = {};
    groups.forEach((g, i) => {
      const offset = offsets[i] as number;
      counts[g.key] = Object.fromEntries(g.values.map((v, k) => [v, tallies[offset + k] ?? 0]));
    });
    return { results: constraints.length > 0 ? kept : results, counts };
  }
}

/** The entry file's languages, as Pagefind writes them. */
export interface PagefindEntry {
  languages?: Record<string, { hash?: string; page_count?: number }>;
}

/** An entry file whose every language names its index and page count; its other fields kept as they are. */
export interface CheckedPagefindEntry {
  languages: Record<string, { hash: string; page_count: number }>;
  [field: string]: unknown;
}

/** `value` when it has the shape of a Pagefind entry file (at least one language, each complete), else undefined. */
export function parsePagefindEntry(value: unknown): CheckedPagefindEntry | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const languages = (value as { languages?: unknown }).languages;
  if (typeof languages !== 'object' || languages === null) return undefined;
  const all = Object.values(languages as Record<string, unknown>);
  const complete = all.every((language) => {
    const { hash, page_count } = (language ?? {}) as Record<string, unknown>;
    return typeof hash === 'string' && typeof page_count === 'number';
  });
  return all.length > 0 && complete ? (value as CheckedPagefindEntry) : undefined;
}

/**
 * The metadata hash Pagefind's runtime chooses for a page in `language`
 * (`findIndex` in pagefind_web_js/lib/coupled_search.ts): that language,
 * else its primary subtag, else the language with the most pages. This
 * archive forces one language, so there is one.
 */
export function metaHash(entry: PagefindEntry, language: string): string {
  const languages = entry.languages ?? {};
  const chosen =
    languages[language] ??
    languages[language.split('-')[0] ?? ''] ??
    Object.values(languages).sort((a, b) => (b.page_count ?? 0) - (a.page_count ?? 0))[0];
  if (!chosen?.hash) throw new Error('Pagefind entry lists no language index');
  return chosen.hash;
}

async function readMeta(read: BundleReader, metaFile: string): Promise<PagefindMeta> {
  return parseMeta(await unpackPagefindFile(await read(metaFile), metaFile));
}

/** The filter chunks `meta` lists, decoded. */
function readChunks(read: BundleReader, meta: PagefindMeta): Promise<FilterChunk[]> {
  return Promise.all(
    [...meta.filterChunks.values()].map(async (hash) => {
      const file = `filter/${hash}.pf_filter`;
      return parseFilterChunk(await unpackPagefindFile(await read(file), file));
    }),
  );
}

/**
 * A shard's filter chunks, as listed by its metadata `metaFile`, decoded, and
 * its facets, from one read of its files. For the build, which writes the
 * chunks into one {@link FiltersFile} and the shard's values into the
 * archive's values file.
 */
export async function readShardFilterData(
  read: BundleReader,
  metaFile: string,
): Promise<{ chunks: FilterChunk[]; facets: ShardFacets }> {
  const meta = await readMeta(read, metaFile);
  const chunks = await readChunks(read, meta);
  return { chunks, facets: new ShardFacets(meta, chunks) };
}

/**
 * Reads a shard's facets through `read`: the metadata (named by `metaFile`,
 * else found through the bundle's entry as Pagefind finds it), and the
 * filter data from `filters` (a {@link FiltersFile}) at the same time, else
 * from every filter chunk the metadata lists.
 */
export async function loadShardFacets(
  read: BundleReader,
  {
    language,
    metaFile: knownMeta,
    filters,
  }: { language: string; metaFile?: string | undefined; filters?: string | undefined },
): Promise<ShardFacets> {
  if (knownMeta && filters) {
    const [meta, chunks] = await Promise.all([
      readMeta(read, knownMeta),
      read(filters).then((bytes) => parseFiltersFile(JSON.parse(new TextDecoder().decode(bytes)))),
    ]);
    return new ShardFacets(meta, chunks);
  }
  const entry = async () =>
    JSON.parse(new TextDecoder().decode(await read(PAGEFIND_ENTRY_FILE))) as PagefindEntry;
  const meta = await readMeta(read, knownMeta ?? `pagefind.${metaHash(await entry(), language)}.pf_meta`);
  return new ShardFacets(meta, await readChunks(read, meta));
}
