/**
 * Per-article social images (option `socialImages.perArticle`, off by
 * default). Articles with an image of their own use it instead. Each PNG is
 * cached by a hash of its text under .cache/og/, so a rebuild draws only
 * new or changed articles.
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import type { Article } from '../../lib/archive-index.ts';
import { getArchive } from '../../lib/archive.ts';
import { articleImageText, articleSocialImage } from '../../lib/article-social-image.ts';
import { cachedSocialImage } from '../../lib/social-image-cache.ts';
import { siteConfig } from '../../site.config.ts';

export const getStaticPaths: GetStaticPaths = async () => {
  if (!siteConfig.socialImages.perArticle) return [];
  return (await getArchive()).articles
    .filter((article) => articleSocialImage(article, siteConfig.socialImages).generated)
    .map((article) => ({ params: { slug: article.slug }, props: { article } }));
};

export const GET: APIRoute = async ({ props }) => {
  const { article } = props as { article: Article };
  const { png } = await cachedSocialImage(articleImageText(article, siteConfig));
  return new Response(new Uint8Array(png), { headers: { 'Content-Type': 'image/png' } });
};
