/**
 * Glue between the archive and the feed endpoints: one place that knows which
 * feeds exist, so the pages that announce them and the endpoints agree.
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import type { ArchiveIndex, TermGroup } from './archive-index.ts';
import { getArchive } from './archive.ts';
import { feedArticles, rssDocument, termFeedChannel, type FeedSite } from './feeds.ts';
import { siteConfig } from '../site.config.ts';

export const feedSite: FeedSite = {
  name: siteConfig.name,
  description: siteConfig.description,
  url: siteConfig.url,
  language: siteConfig.language,
  dateLocale: siteConfig.dateLocale,
};

export type TermKind = 'region' | 'theme' | 'author' | 'source';

const groupsOf: Record<TermKind, (a: ArchiveIndex) => readonly TermGroup[]> = {
  region: (a) => a.regions,
  theme: (a) => a.themes,
  author: (a) => a.authors,
  source: (a) => a.sources,
};

export function feedResponse(body: string, type = 'application/rss+xml'): Response {
  return new Response(body, { headers: { 'Content-Type': `${type}; charset=utf-8` } });
}

/** `getStaticPaths` and `GET` of the RSS feed of every term of one kind. */
export function termFeedRoute(kind: TermKind): { getStaticPaths: GetStaticPaths; GET: APIRoute } {
  return {
    getStaticPaths: async () =>
      groupsOf[kind](await getArchive()).map((group) => ({ params: { id: group.id }, props: { group } })),
    GET: async ({ props }) => {
      const { group } = props as { group: TermGroup };
      const archive = await getArchive();
      const xml = await rssDocument(
        termFeedChannel(kind, group, siteConfig.name),
        feedArticles(group.articles, siteConfig.feedSize),
        archive,
        feedSite,
      );
      return feedResponse(xml);
    },
  };
}
