/**
 * What the search index learned of each article page in the last build (its
 * sort date and the hash that keys its shard in the cache), kept by the
 * file's identity so that a rebuild need not read its pages again.
 *
 * Why: after one edit of 10,000 articles, reading and hashing every page to
 * find which shards changed took about 5 s of the main thread, while Astro
 * was still writing pages on it, and the edited article's shard, the
 * rebuild's longest step, could not start before its pages were read. A
 * rebuild leaves unchanged pages as they were (Astro keeps or restores them,
 * and `npm run build` links them from the last build), so their files keep
 * their inode, size and modification time, as Git's index relies on.
 *
 * A page is read again when any of those differ, and the whole record is
 * dropped when what is learned from a page changes (`format`). The record is
 * written only after a successful build, and only with that build's pages.
 * As in Git, a file modified shortly before the record is written is left
 * out of it ("racy"): on a file system that keeps coarse times, it could be
 * written again within the same tick, keeping its size, unnoticed.
 */
import { statSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/** What is learned from reading a page. */
export interface PageFacts {
  /** The page's sort date (`YYYY-MM-DD`). */
  date: string;
  /** The hash of what Pagefind indexes of it. */
  hash: string;
}

/** A file's identity and version. */
export interface FileStamp {
  /** Device, inode, size and modification time in nanoseconds. */
  id: string;
  /** Modification time, in milliseconds since the epoch. */
  modified: number;
}

/** Files modified less than this before the record is written are left out of it. */
const RACY_MS = 3000;

/** The stamp of a file as it is now, or undefined when it cannot be read. */
export function fileStamp(file: string): FileStamp | undefined {
  const stats = statSync(file, { bigint: true, throwIfNoEntry: false });
  if (!stats?.isFile()) return undefined;
  return {
    id: `${stats.dev}:${stats.ino}:${stats.size}:${stats.mtimeNs}`,
    modified: Number(stats.mtimeNs / 1_000_000n),
  };
}

/** What the record keeps of a page: its file's stamp, its date and hash. */
type Known = [stamp: string, modified: number, date: string, hash: string];

interface SavedRecord {
  format: string;
  /** URL → what is known of it. */
  pages: Record<string, Known>;
}

export class PageReadCache {
  readonly #file: string;
  readonly #format: string;
  readonly #previous: Map<string, Known>;
  readonly #learned = new Map<string, Known>();

  private constructor(file: string, format: string, previous: Map<string, Known>) {
    this.#file = file;
    this.#format = format;
    this.#previous = previous;
  }

  /**
   * The record in `file`, written by a build whose reading of pages was
   * `format`; empty when there is none, it is unreadable or of another format.
   */
  static async load(file: string, format: string): Promise<PageReadCache> {
    let previous = new Map<string, Known>();
    try {
      const saved = JSON.parse(await readFile(file, 'utf8')) as Partial<SavedRecord>;
      if (saved.format === format && saved.pages && typeof saved.pages === 'object') {
        previous = new Map(Object.entries(saved.pages));
      }
    } catch {
      // No record yet, or a broken one: every page is read.
    }
    return new PageReadCache(file, format, previous);
  }

  /** An empty record that is never saved anywhere (tests, one-off indexing). */
  static none(): PageReadCache {
    return new PageReadCache('', '', new Map());
  }

  /** What the last build learned of the page at `url`, if its file is still the one it read. */
  get(url: string, stamp: FileStamp | undefined): PageFacts | undefined {
    const known = this.#learned.get(url) ?? this.#previous.get(url);
    if (!known || stamp === undefined || known[0] !== stamp.id) return undefined;
    this.#learned.set(url, known);
    return { date: known[2], hash: known[3] };
  }

  /**
   * Notes what was learned of the page at `url` from its file as it was at
   * `stamp`, taken before the file was read: a file written in between then
   * has another stamp next time, and is read again.
   */
  set(url: string, stamp: FileStamp | undefined, facts: PageFacts): void {
    if (stamp === undefined) return;
    this.#learned.set(url, [stamp.id, stamp.modified, facts.date, facts.hash]);
  }

  /** Writes the record of these pages (the build's), as found or read in this build, racy ones left out. */
  async save(urls: Iterable<string>, now = Date.now()): Promise<void> {
    if (!this.#file) return;
    const pages: SavedRecord['pages'] = {};
    for (const url of urls) {
      const known = this.#learned.get(url);
      if (known && known[1] < now - RACY_MS) pages[url] = known;
    }
    await mkdir(dirname(this.#file), { recursive: true });
    const partial = `${this.#file}.partial-${process.pid}`;
    await writeFile(partial, JSON.stringify({ format: this.#format, pages } satisfies SavedRecord));
    await rename(partial, this.#file);
  }
}
