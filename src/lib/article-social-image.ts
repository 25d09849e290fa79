/**
 * Which social image an article page shows, and the text of its generated
 * image. Pure, shared by the page head and the image endpoint so both agree.
 */
import type { Article } from './archive-index.ts';
import { articleImageUrl } from './article-body.ts';
import { formatLongDate } from './dates.ts';
import type { SocialImageText } from './social-image.ts';

export interface SocialImageOptions {
  default: string;
  perArticle: boolean;
}

/** Root-relative URL of an article's generated image. */
export function generatedImagePath(slug: string): string {
  return `/og/${slug}.png`;
}

/** The article's own image, else its generated image when that option is on, else the site's. */
export function articleSocialImage(
  article: Pick<Article, 'slug' | 'data'>,
  options: SocialImageOptions,
): { src: string; alt?: string | undefined; generated: boolean } {
  const own = article.data.image;
  if (own?.src) return { src: articleImageUrl(article.slug, own.src), alt: own.alt, generated: false };
  if (options.perArticle)
    return { src: generatedImagePath(article.slug), alt: article.data.title, generated: true };
  return { src: options.default, generated: false };
}

/** Title, then "Source · date" (or the site's name when first published here). */
export function articleImageText(
  article: Pick<Article, 'data'>,
  site: { name: string; dateLocale: string },
): SocialImageText {
  const date = formatLongDate(article.data.published, site.dateLocale);
  return {
    siteName: site.name,
    title: article.data.title,
    subtitle: `${article.data.source?.name ?? site.name} · ${date}`,
  };
}
