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
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
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

/** Written whole or not at all, so a build stopped midway never leaves a truncated entry. */
export async function writeRendered(cacheDir: string, key: string, rendered: RenderedArticle): Promise<void> {
  const path = renderCachePath(cacheDir, key);
  const dir = join(cacheDir, key.slice(0, 2));
  if (!createdDirs.has(dir)) {
    await mkdir(dir, { recursive: true });
    createdDirs.add(dir);
  }
  const temporary = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  await writeFile(temporary, JSON.stringify(rendered));
  await rename(temporary, path);
}

export async function readRendered(cacheDir: string, key: string): Promise<RenderedArticle | undefined> {
  try {
    return JSON.parse(await readFile(renderCachePath(cacheDir, key), 'utf8')) as RenderedArticle;
  } catch {
    return undefined;
  }
}
