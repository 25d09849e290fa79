/** The main RSS 2.0 feed: the newest `siteConfig.feedSize` articles of the archive. */
import type { APIRoute } from 'astro';
import { getArchive } from '../lib/archive.ts';
import { feedSite, feedResponse } from '../lib/feed-routes.ts';
import { feedArticles, rssDocument } from '../lib/feeds.ts';
import { siteConfig } from '../site.config.ts';

export const GET: APIRoute = async () => {
  const archive = await getArchive();
  const xml = await rssDocument(
    { title: siteConfig.name, description: siteConfig.description, pagePath: '/', feedPath: '/rss.xml' },
    feedArticles(archive.articles, siteConfig.feedSize),
    archive,
    feedSite,
  );
  return feedResponse(xml);
};
