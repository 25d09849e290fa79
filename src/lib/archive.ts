/**
 * The archive, loaded from the content collections ONCE per build and shared
 * by every route (the same idea as Starlight's routing module). Routes ask it
 * for small slices; nothing passes the whole collection to a page.
 */
import { getCollection } from 'astro:content';
import { siteConfig } from '../site.config.ts';
import { buildArchiveIndex, type ArchiveIndex } from './archive-index.ts';

let archive: Promise<ArchiveIndex> | undefined;

export function getArchive(): Promise<ArchiveIndex> {
  archive ??= (async () => {
    const [articles, regions, themes, publications] = await Promise.all([
      getCollection('articles'),
      getCollection('regions'),
      getCollection('themes'),
      getCollection('publications'),
    ]);
    return buildArchiveIndex({
      articles: articles.map(({ id, data: { derived, ...data } }) => ({ slug: id, data, derived })),
      regions: regions.map((r) => r.data),
      themes: themes.map((t) => t.data),
      publications: publications.map((p) => p.data),
      // Drafts are visible while editing, never in a production build.
      includeDrafts: import.meta.env.MODE === 'development',
      relatedCount: siteConfig.relatedCount,
      wordsPerMinute: siteConfig.wordsPerMinute,
    });
  })();
  return archive;
}
