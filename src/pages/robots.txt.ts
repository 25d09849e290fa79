/** robots.txt: everything may be crawled; the sitemap index says what there is. */
import type { APIRoute } from 'astro';
import { SITEMAP_INDEX_NAME } from '../lib/sitemap.ts';
import { siteConfig } from '../site.config.ts';

export const GET: APIRoute = ({ site }) => {
  const sitemap = new URL(SITEMAP_INDEX_NAME, site ?? `${siteConfig.url}/`).href;
  return new Response(`User-agent: *\nAllow: /\n\nSitemap: ${sitemap}\n`, {
    headers: { 'Content-Type': 'text/plain; charset=utf-8' },
  });
};
