/**
 * Rendered article bodies, cached on disk by content hash.
 *
 * Rendering Markdown (micromark + rehype) is most of an article page's cost,
 * about 10 ms for a 1,500-word article: 17 minutes of one core at 100,000
 * articles. Rendering every body ahead of the page build in a pool of worker
 * threads uses every core, and keying the result by a hash of the body, its
 * date and the Markdown pipeline's own source means an unchanged article is
 * never rendered again: a rebuild after one edit renders one article.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { RenderedArticle } from '../markdown/render.ts';

/** Where rendered bodies are kept between builds (`ARCHIVE_CACHE_DIR`, default `.cache/rendered`). */
export function renderCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(env.ARCHIVE_CACHE_DIR || '.cache', 'rendered');
}

/** A hash of the Markdown pipeline's source files: changing a plugin invalidates every cached body. */
export async function pipelineVersion(markdownDir: string): Promise<string> {
  const hash = createHash('sha256');
  for (const name of (await readdir(markdownDir)).filter((n) => n.endsWith('.ts')).sort()) {
    hash
      .update(name)
      .update('\0')
      .update(await readFile(join(markdownDir, name)));
  }
  return hash.digest('hex').slice(0, 16);
}

/** The cache key of one article body as it renders on a given date with a given pipeline. */
export function renderKey(body: string, published: string, version: string): string {
  return createHash('sha256')
    .update(version)
    .update('\0')
    .update(published)
    .update('\0')
    .update(body)
    .digest('hex');
}

export function renderCachePath(cacheDir: string, key: string): string {
  return join(cacheDir, key.slice(0, 2), `${key}.json`);
}

export function isRendered(cacheDir: string, key: string): boolean {
  return existsSync(renderCachePath(cacheDir, key));
}

/** Folders known to exist: creating the folder before every write cost 3% of a render worker's time. */
const createdDirs = new Set<string>();

/*
 * Entries are written and read synchronously. They are small (tens of kB, in
 * the page cache), and each runs on a thread with nothing else to do meanwhile
 * (a render worker; Astro's thread rendering the page that needs the body).
 * Node's asynchronous calls hand every open, read, write and close to its
 * thread pool and back: at 10,000 articles that was about 450,000 futex calls.
 */

/** Written whole or not at all, so a build stopped midway never leaves a truncated entry. */
export function writeRendered(cacheDir: string, key: string, rendered: RenderedArticle): void {
  const path = renderCachePath(cacheDir, key);
  const dir = join(cacheDir, key.slice(0, 2));
  if (!createdDirs.has(dir)) {
    mkdirSync(dir, { recursive: true });
    createdDirs.add(dir);
  }
  const temporary = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  writeFileSync(temporary, JSON.stringify(rendered));
  renameSync(temporary, path);
}

export function readRendered(cacheDir: string, key: string): RenderedArticle | undefined {
  try {
    return JSON.parse(readFileSync(renderCachePath(cacheDir, key), 'utf8')) as RenderedArticle;
  } catch {
    return undefined;
  }
}
