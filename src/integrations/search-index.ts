/**
 * Builds the Pagefind search index over the built site, after Astro has
 * written every page (`astro:build:done`), through Pagefind's Node API (as
 * Starlight does) rather than its CLI, so errors surface in the build.
 *
 * The build fails when Pagefind reports any error, and when the number of
 * pages it indexed differs from the number of published articles: a page that
 * lost its `data-pagefind-body` marker (it would silently drop out of search)
 * or a non-article page that gained one (listings would pollute results).
 */
import type { AstroIntegration, AstroIntegrationLogger } from 'astro';
import { readFile, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as pagefind from 'pagefind';
import { siteConfig } from '../site.config.ts';

/** Folder of the index inside the output directory; the search page loads `/pagefind/pagefind.js`. */
export const SEARCH_BUNDLE_DIR = 'pagefind';

/** Folder of the article pages in the output (`/articles/<slug>/index.html`). */
const ARTICLE_PAGES_DIR = 'articles';

type Logger = Pick<AstroIntegrationLogger, 'info' | 'warn' | 'error'>;

export interface SearchIndexOptions {
  /** The built site. */
  outDir: string;
  logger: Logger;
  /** Pages the index must hold; defaults to the article pages found in `outDir`. */
  expectedPages?: number;
}

export interface SearchIndexResult {
  pageCount: number;
  milliseconds: number;
}

export class SearchIndexError extends Error {
  override name = 'SearchIndexError';
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
  let entries;
  try {
    entries = await readdir(join(outDir, ARTICLE_PAGES_DIR), { withFileTypes: true });
  } catch {
    return 0;
  }
  let count = 0;
  for (const entry of entries) {
    if (!entry.isDirectory()) continue;
    const page = await stat(join(outDir, ARTICLE_PAGES_DIR, entry.name, 'index.html')).catch(() => undefined);
    if (page?.isFile()) count++;
  }
  return count;
}

/** Pages in a written Pagefind bundle, over all its languages. */
export async function indexedPageCount(bundleDir: string): Promise<number> {
  const entry = JSON.parse(await readFile(join(bundleDir, 'pagefind-entry.json'), 'utf8')) as {
    languages: Record<string, { page_count: number }>;
  };
  return Object.values(entry.languages).reduce((sum, language) => sum + language.page_count, 0);
}

function check<T extends { errors: string[] }>(response: T, step: string): T {
  if (response.errors.length > 0) {
    throw new SearchIndexError(
      `Pagefind failed to ${step}:\n${response.errors.map((e) => `  ${e}`).join('\n')}`,
    );
  }
  return response;
}

/** Indexes `outDir` into `outDir/pagefind/`; throws on any error or count mismatch. */
export async function buildSearchIndex({
  outDir,
  logger,
  expectedPages,
}: SearchIndexOptions): Promise<SearchIndexResult> {
  const started = performance.now();
  const expected = expectedPages ?? (await countArticlePages(outDir));
  try {
    const { index } = check(
      await pagefind.createIndex({
        // One index for the whole archive: Pagefind splits indexes by page
        // language, and the search page only queries its own language's
        // index, so an article in another language would be unfindable.
        forceLanguage: siteConfig.language,
      }),
      'create an index',
    );
    if (!index) throw new SearchIndexError('Pagefind returned no index.');
    const outputPath = join(outDir, SEARCH_BUNDLE_DIR);
    if (expected > 0) {
      check(await index.addDirectory({ path: outDir }), 'index the site');
    } else {
      // With no page marked `data-pagefind-body` Pagefind would index every
      // page of an empty archive; an empty index keeps the search page working.
      logger.warn('no published articles: writing an empty search index');
    }
    // Pagefind adds to an existing folder; a copy of public/pagefind/ (npm run
    // dev:search-index) would leave stale fragments beside the new index.
    await rm(outputPath, { recursive: true, force: true });
    check(await index.writeFiles({ outputPath }), 'write the index');
    // addDirectory's `page_count` counts the HTML files it read, including
    // pages it then skipped for lacking the body marker; the entry file holds
    // the number of pages actually in the index.
    const pageCount = await indexedPageCount(outputPath);
    if (pageCount !== expected) {
      // Never leave an index that disagrees with the site where it could be deployed.
      await rm(outputPath, { recursive: true, force: true });
      throw new SearchIndexError(
        `Pagefind indexed ${pageCount} pages but the site has ${expected} published articles. ` +
          'Every article page must carry data-pagefind-body, and no other page may.',
      );
    }
    const milliseconds = Math.round(performance.now() - started);
    // The benchmark parses this line: keep its wording.
    logger.info(`indexed ${pageCount} pages in ${milliseconds} ms`);
    return { pageCount, milliseconds };
  } finally {
    await pagefind.close();
  }
}

/** The Astro integration: runs {@link buildSearchIndex} on the build output. */
export function searchIndex(): AstroIntegration {
  return {
    name: 'search-index',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        await buildSearchIndex({ outDir: fileURLToPath(dir), logger });
      },
    },
  };
}
