/**
 * What a build wrote, and whether it is complete: file and byte counts (static
 * hosts cap files per site), the search index's share, and counts of article
 * pages, search records and sitemap entries against the corpus.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { findPagefindBundles } from './search-probe.ts';

export interface OutputStats {
  files: number;
  bytes: number;
  htmlFiles: number;
  htmlBytes: number;
  searchFiles: number;
  searchBytes: number;
  /** The largest file, which some hosts also cap (25 MiB on Cloudflare Pages). */
  largestFile: { path: string; bytes: number };
}

/** Walks the output folder once; files under a `pagefind*` folder count as search index. */
export function outputStats(outDir: string): OutputStats {
  const stats: OutputStats = {
    files: 0,
    bytes: 0,
    htmlFiles: 0,
    htmlBytes: 0,
    searchFiles: 0,
    searchBytes: 0,
    largestFile: { path: '', bytes: 0 },
  };
  const walk = (dir: string, rel: string, inSearch: boolean): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      const relPath = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        walk(path, relPath, inSearch || /^pagefind/i.test(entry.name));
        continue;
      }
      const size = statSync(path).size;
      stats.files++;
      stats.bytes += size;
      if (entry.name.endsWith('.html')) {
        stats.htmlFiles++;
        stats.htmlBytes += size;
      }
      if (inSearch) {
        stats.searchFiles++;
        stats.searchBytes += size;
      }
      if (size > stats.largestFile.bytes) stats.largestFile = { path: relPath, bytes: size };
    }
  };
  walk(outDir, '', false);
  return stats;
}

export interface Completeness {
  publishedArticles: number;
  /** Folders under /articles/ with an index.html. */
  articlePages: number;
  /** Draft slugs that got a page anyway (must be 0). */
  draftPages: number;
  /** Pages Pagefind says it indexed, summed over bundles and languages; undefined without an index. */
  searchRecords?: number | undefined;
  /** `<loc>` entries over all sitemap files, and those of article pages; undefined without a sitemap. */
  sitemapEntries?: number | undefined;
  sitemapArticleEntries?: number | undefined;
  /** Items of /rss.xml, when it exists. */
  rssItems?: number | undefined;
}

export function completeness(
  outDir: string,
  corpus: { published: number; draftSlugs: readonly string[] },
): Completeness {
  const articlesDir = join(outDir, 'articles');
  let articlePages = 0;
  if (existsSync(articlesDir)) {
    for (const entry of readdirSync(articlesDir, { withFileTypes: true })) {
      if (entry.isDirectory() && existsSync(join(articlesDir, entry.name, 'index.html'))) articlePages++;
    }
  }
  const draftPages = corpus.draftSlugs.filter((slug) =>
    existsSync(join(articlesDir, slug, 'index.html')),
  ).length;

  let searchRecords: number | undefined;
  for (const bundle of findPagefindBundles(outDir)) {
    const entry = JSON.parse(readFileSync(join(outDir, bundle, 'pagefind-entry.json'), 'utf8')) as {
      languages?: Record<string, { page_count?: number }> | undefined;
    };
    for (const language of Object.values(entry.languages ?? {})) {
      searchRecords = (searchRecords ?? 0) + (language.page_count ?? 0);
    }
  }

  let sitemapEntries: number | undefined;
  let sitemapArticleEntries: number | undefined;
  const sitemaps = readdirSync(outDir).filter((f) => /^sitemap.*\.xml$/.test(f) && !/index/.test(f));
  for (const file of sitemaps) {
    const xml = readFileSync(join(outDir, file), 'utf8');
    const locs = [...xml.matchAll(/<loc>([^<]*)<\/loc>/g)].map((m) => m[1] as string);
    sitemapEntries = (sitemapEntries ?? 0) + locs.length;
    sitemapArticleEntries =
      (sitemapArticleEntries ?? 0) + locs.filter((l) => /\/articles\/[^/]+\/$/.test(l)).length;
  }

  let rssItems: number | undefined;
  const rss = join(outDir, 'rss.xml');
  if (existsSync(rss)) rssItems = (readFileSync(rss, 'utf8').match(/<item>/g) ?? []).length;

  return {
    publishedArticles: corpus.published,
    articlePages,
    draftPages,
    searchRecords,
    sitemapEntries,
    sitemapArticleEntries,
    rssItems,
  };
}
