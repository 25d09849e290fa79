/** A small archive index built from plain frontmatter, for feed, sitemap and head tests. */
import { buildArchiveIndex, type ArchiveIndex } from '../../../src/lib/archive-index.ts';
import type { ArticleFrontmatter } from '../../../src/lib/schema.ts';

export type Draftable = Partial<ArticleFrontmatter> & Pick<ArticleFrontmatter, 'title' | 'published'>;

export function smallArchive(entries: Record<string, Draftable>, includeDrafts = false): ArchiveIndex {
  return buildArchiveIndex({
    articles: Object.entries(entries).map(([slug, fm]) => ({
      slug,
      data: { authors: ['Zero Hedge'], regions: [], themes: [], draft: false, ...fm },
      derived: {
        summary: `Summary of ${fm.title}`,
        wordCount: 500,
        contentPath: `articles/${slug}.md`,
        renderKey: '',
      },
    })),
    regions: [
      { id: 'europe', name: 'Europe' },
      { id: 'usa', name: 'USA' },
    ],
    themes: [{ id: 'military', name: 'Military & WMD' }],
    publications: [{ name: 'Global Research', homepage: 'https://www.globalresearch.ca/' }],
    includeDrafts,
    relatedCount: 5,
    wordsPerMinute: 230,
  });
}

export const SITE = {
  name: 'News Archive',
  description: 'An archive.',
  url: 'https://archive.example.org',
  language: 'en',
  dateLocale: 'en-US',
};
