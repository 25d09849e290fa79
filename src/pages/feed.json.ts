/** The main feed as JSON Feed 1.1: the same items as /rss.xml. */
import type { APIRoute } from 'astro';
import { getArchive } from '../lib/archive.ts';
import { feedSite, feedResponse } from '../lib/feed-routes.ts';
import { feedArticles, jsonFeedDocument } from '../lib/feeds.ts';
import { siteConfig } from '../site.config.ts';

export const GET: APIRoute = async () => {
  const archive = await getArchive();
  const json = jsonFeedDocument(
    { title: siteConfig.name, description: siteConfig.description, pagePath: '/', feedPath: '/feed.json' },
    feedArticles(archive.articles, siteConfig.feedSize),
    archive,
    feedSite,
  );
  return feedResponse(json, 'application/feed+json');
};
