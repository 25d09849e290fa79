/**
 * The importer's file-system side: listing inputs, indexing the slugs already
 * used under `articles/`, and writing files atomically (a temporary file in
 * the same folder, renamed over the target), so a crash or a full disk never
 * leaves a half-written article or taxonomy file behind.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative } from 'node:path';
import { parseArticleFile } from '../frontmatter.ts';
import type { ExistingArticle } from './slug-allocation.ts';

/** Every file under a folder, depth first in name order, hidden files and folders left out. */
export async function listFiles(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const files: string[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const path = join(folder, entry.name);
    if (entry.isDirectory()) files.push(...(await listFiles(path)));
    else if (entry.isFile()) files.push(path);
  }
  return files;
}

export async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

/**
 * The slugs used under `<root>/articles/`, each with its file. `published` is
 * read only when a slug clashes, so indexing a large archive stays cheap.
 */
export class SlugIndex {
  private readonly root: string;
  private readonly files = new Map<string, string>();
  private readonly known = new Map<string, ExistingArticle>();

  private constructor(root: string) {
    this.root = root;
  }

  static async load(root: string): Promise<SlugIndex> {
    const index = new SlugIndex(root);
    const articles = join(root, 'articles');
    if (!(await isDirectory(articles))) return index;
    for (const file of await listFiles(articles)) {
      if (!file.endsWith('.md')) continue;
      const slug = basename(file, '.md');
      if (!index.files.has(slug)) index.files.set(slug, relative(root, file).split('\\').join('/'));
    }
    return index;
  }

  /** The article using `slug`, reading its `published` date from the file on first use. */
  async get(slug: string): Promise<ExistingArticle | undefined> {
    const cached = this.known.get(slug);
    if (cached) return cached;
    const path = this.files.get(slug);
    if (path === undefined) return undefined;
    const existing: ExistingArticle = { path };
    try {
      const data = parseArticleFile(await readFile(join(this.root, path), 'utf8')).data as
        { published?: unknown } | undefined;
      if (typeof data?.published === 'string') existing.published = data.published;
    } catch {
      // An unreadable file still holds its slug; it just cannot be the same article.
    }
    this.known.set(slug, existing);
    return existing;
  }

  /** Synchronous lookup, for slugs already read with `get`. */
  peek(slug: string): ExistingArticle | undefined {
    return this.known.get(slug);
  }

  /** Records an article written (or, in a dry run, that would be written) during this run. */
  add(slug: string, article: ExistingArticle): void {
    this.files.set(slug, article.path);
    this.known.set(slug, article);
  }
}

/** Writes `content` to `path` whole or not at all. */
export async function writeFileAtomic(path: string, content: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = join(
    dirname(path),
    `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`,
  );
  try {
    await writeFile(temporary, content, { encoding: 'utf8', flag: 'wx' });
    await rename(temporary, path);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
}

export async function readOptionalText(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
