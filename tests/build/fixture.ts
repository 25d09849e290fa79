/**
 * Builds fixture corpora through ARCHIVE_CONTENT_DIR, exactly as an editor
 * would build any corpus: a real `astro build` in a child process.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parse, type HTMLElement } from 'node-html-parser';

export const ROOT = resolve(import.meta.dirname, '../..');
export const FIXTURE_CORPUS = join(ROOT, 'tests/fixtures/corpus');
/** Where `npm run build:fixture` writes the fixture site; vitest and Playwright share it. */
export const FIXTURE_DIST = join(ROOT, '.cache/fixture-dist');

export interface BuildResult {
  status: number | null;
  output: string;
}

export function buildCorpus(contentDir: string, outDir: string, env: NodeJS.ProcessEnv = {}): BuildResult {
  const result = spawnSync(join(ROOT, 'node_modules/.bin/astro'), ['build'], {
    cwd: ROOT,
    encoding: 'utf8',
    env: {
      ...process.env,
      // The project's Node 22 must run Astro, whatever node launched the tests.
      PATH: `${join(ROOT, 'node_modules/.bin')}:${process.env.PATH ?? ''}`,
      ARCHIVE_CONTENT_DIR: contentDir,
      ARCHIVE_OUT_DIR: outDir,
      FORCE_COLOR: '0',
      // vitest sets NODE_ENV=test, which would make Astro build in a non-production mode.
      NODE_ENV: 'production',
      ...env,
    },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
}

/**
 * How the fixture site is built: its search index split into shards of 5
 * articles (6 shards for its 30 published articles), so every search test
 * runs against a sharded index, as a large archive has, and those shards
 * indexed by two Pagefind processes at once, as a large archive's are.
 */
export const FIXTURE_BUILD_ENV: NodeJS.ProcessEnv = {
  ARCHIVE_SEARCH_SHARD_SIZE: '5',
  ARCHIVE_SEARCH_PARALLEL_FROM_SHARDS: '1',
  // Answers hold a page and a bit: the search page's second page comes from the index.
  ARCHIVE_SEARCH_ANSWER_RESULTS: '12',
};

/** The built fixture site; builds it when `npm run build:fixture` has not. */
export function fixtureDist(): string {
  if (!existsSync(join(FIXTURE_DIST, 'index.html'))) {
    const result = buildCorpus(FIXTURE_CORPUS, FIXTURE_DIST, FIXTURE_BUILD_ENV);
    if (result.status !== 0) throw new Error(`fixture build failed:\n${result.output}`);
  }
  return FIXTURE_DIST;
}

/** Parsed HTML of a built page, by URL path (`/articles/x/`). */
export function page(dist: string, urlPath: string): HTMLElement {
  const file = urlPath.endsWith('/') ? join(dist, urlPath, 'index.html') : join(dist, urlPath);
  return parse(readFileSync(file, 'utf8'));
}

export function pageExists(dist: string, urlPath: string): boolean {
  return existsSync(join(dist, urlPath, 'index.html'));
}

/** Every built HTML file, as URL paths. */
export async function allPages(dist: string): Promise<string[]> {
  const files = await readdir(dist, { recursive: true });
  return files
    .filter((f) => f.endsWith('.html'))
    .map((f) =>
      `/${f.split('\\').join('/')}`.replace(/index\.html$/, '').replace(/\/404\.html$/, '/404.html'),
    )
    .sort();
}

/** Visible text of an element with whitespace folded, for sentence assertions. */
export function text(el: HTMLElement | null | undefined): string {
  return (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
}
