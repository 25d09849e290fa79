/**
 * Feed items and documents for the archive: RSS 2.0 (through @astrojs/rss) and
 * JSON Feed 1.1. Pure: it takes articles from the archive index and returns
 * strings or plain objects, so it is tested without Astro.
 *
 * Every value from content reaches a feed escaped: @astrojs/rss escapes the
 * text of each element it builds; the HTML put into `content:encoded` is
 * escaped here first (it is HTML inside XML text); the only XML written by
 * hand (`dc:creator`, `atom:link`) is escaped with `escapeXml`.
 */
import { getRssString, type RSSFeedItem } from '@astrojs/rss';
import type { Article, TermGroup } from './archive-index.ts';
import { articleImageUrl } from './article-body.ts';
import { joinNames, originalSourceUrl } from './attribution.ts';
import { formatLongDate, toIsoTimestamp } from './dates.ts';
import type { Publication } from './schema.ts';
import { escapeXml, xmlSafeText } from './xml.ts';

export { escapeXml };

export const DUBLIN_CORE_NS = 'http://purl.org/dc/elements/1.1/';
export const ATOM_NS = 'http://www.w3.org/2005/Atom';

/** What feeds need of the site configuration. */
export interface FeedSite {
  name: string;
  description: string;
  /** Absolute URL of the site, without trailing slash. */
  url: string;
  language: string;
  dateLocale: string;
}

/** Lookups the attribution of an item needs, taken from the archive index. */
export interface FeedLookups {
  publicationByName: ReadonlyMap<string, Publication>;
  regionById: ReadonlyMap<string, Pick<TermGroup, 'name'>>;
  themeById: ReadonlyMap<string, Pick<TermGroup, 'name'>>;
}

export function absoluteUrl(path: string, site: string): string {
  return new URL(path, `${site}/`).href;
}

/** Region and theme names of an article, regions first, in the article's order. */
export function articleCategories(article: Article, lookups: FeedLookups): string[] {
  return [
    ...article.data.regions.map((id) => lookups.regionById.get(id)?.name ?? id),
    ...article.data.themes.map((id) => lookups.themeById.get(id)?.name ?? id),
  ];
}

/** The attribution of one item as plain facts, shared by every feed format. */
export interface ItemAttribution {
  authors: string[];
  sourceName?: string | undefined;
  /** The original article, else the publication's homepage. */
  sourceUrl?: string | undefined;
  sourcePublished?: string | undefined;
  sourceByline?: string | undefined;
}

export function itemAttribution(article: Article, lookups: FeedLookups): ItemAttribution {
  const { source } = article.data;
  return {
    authors: [...article.data.authors],
    sourceName: source?.name,
    sourceUrl: source
      ? originalSourceUrl(article.data, lookups.publicationByName.get(source.name))
      : undefined,
    sourcePublished: source?.published,
    sourceByline: source?.byline,
  };
}

/**
 * The HTML body of an item: the summary and a full attribution paragraph, so a
 * reader who only sees the feed still sees who wrote it and where it first
 * appeared. Every value is escaped.
 */
export function itemHtml(article: Article, attribution: ItemAttribution, site: FeedSite): string {
  const e = escapeXml;
  const parts: string[] = [];
  if (article.summary) parts.push(`<p>${e(article.summary)}</p>`);
  let credit = `By ${e(joinNames(attribution.authors))}`;
  if (attribution.sourceByline) credit += ` (originally credited to ${e(attribution.sourceByline)})`;
  credit += '.';
  if (attribution.sourceName) {
    const name = attribution.sourceUrl
      ? `<a href="${e(attribution.sourceUrl)}">${e(attribution.sourceName)}</a>`
      : e(attribution.sourceName);
    credit += ` Originally published by ${name}`;
    if (attribution.sourcePublished) {
      credit += ` on ${e(formatLongDate(attribution.sourcePublished, site.dateLocale))}`;
    }
    credit += '.';
  } else {
    credit += ` First published in the ${e(site.name)}.`;
  }
  parts.push(`<p>${credit}</p>`);
  parts.push(`<p><a href="${e(absoluteUrl(article.url, site.url))}">Read the full article</a></p>`);
  return parts.join('');
}

/** One RSS item; authors travel apart, as `dc:creator` elements added by `rssDocument`. */
export function rssItem(article: Article, lookups: FeedLookups, site: FeedSite): RSSFeedItem {
  const attribution = itemAttribution(article, lookups);
  const item: RSSFeedItem = {
    title: xmlSafeText(article.data.title),
    link: absoluteUrl(article.url, site.url),
    pubDate: new Date(toIsoTimestamp(article.data.published)),
    description: xmlSafeText(article.summary || article.data.title),
    content: itemHtml(article, attribution, site),
    categories: articleCategories(article, lookups).map(xmlSafeText),
  };
  // RSS 2.0 <source> requires a URL; without one the attribution is in the content only.
  if (attribution.sourceName && attribution.sourceUrl) {
    item.source = { title: xmlSafeText(attribution.sourceName), url: attribution.sourceUrl };
  }
  return item;
}

export interface FeedChannel {
  title: string;
  description: string;
  /** Root-relative URL of the page the feed follows, e.g. `/regions/europe/`. */
  pagePath: string;
  /** Root-relative URL of the feed itself, e.g. `/regions/europe/rss.xml`. */
  feedPath: string;
}

/** Newest `size` articles; the archive's lists are newest first and never hold drafts. */
export function feedArticles(articles: readonly Article[], size: number): Article[] {
  return articles.filter((a) => !a.data.draft).slice(0, size);
}

/**
 * Inserts one `<dc:creator>` per author before each `</item>`. Done on the
 * built string because @astrojs/rss re-parses `customData` and turns
 * number-like text ("007") into numbers; `</item>` cannot occur elsewhere in
 * the document, since all text in it is escaped.
 */
export function addCreators(xml: string, authorsPerItem: readonly (readonly string[])[]): string {
  let index = 0;
  const out = xml.replace(/<\/item>/g, () => {
    const authors = authorsPerItem[index++] ?? [];
    return `${authors.map((a) => `<dc:creator>${escapeXml(a)}</dc:creator>`).join('')}</item>`;
  });
  if (index !== authorsPerItem.length) {
    throw new Error(`feed has ${index} items but ${authorsPerItem.length} author lists`);
  }
  return out;
}

/** A complete RSS 2.0 document. */
export async function rssDocument(
  channel: FeedChannel,
  articles: readonly Article[],
  lookups: FeedLookups,
  site: FeedSite,
): Promise<string> {
  const items = articles.map((a) => rssItem(a, lookups, site));
  const newest = articles[0];
  const lastBuild = newest
    ? new Date(toIsoTimestamp(newest.data.updated ?? newest.data.published))
    : undefined;
  const xml = await getRssString({
    title: xmlSafeText(channel.title),
    description: xmlSafeText(channel.description),
    site: absoluteUrl(channel.pagePath, site.url),
    items,
    trailingSlash: true,
    xmlns: { dc: DUBLIN_CORE_NS, atom: ATOM_NS },
    customData: [
      `<language>${escapeXml(site.language)}</language>`,
      // From content, not the clock, so two builds of the same content are identical.
      lastBuild ? `<lastBuildDate>${lastBuild.toUTCString()}</lastBuildDate>` : '',
      `<atom:link href="${escapeXml(absoluteUrl(channel.feedPath, site.url))}" rel="self" type="application/rss+xml"/>`,
    ].join(''),
  });
  return addCreators(
    xml,
    articles.map((a) => a.data.authors),
  );
}

/** JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/); JSON.stringify does the escaping. */
export interface JsonFeed {
  version: 'https://jsonfeed.org/version/1.1';
  title: string;
  description: string;
  home_page_url: string;
  feed_url: string;
  language: string;
  items: JsonFeedItem[];
}

export interface JsonFeedItem {
  id: string;
  url: string;
  /** The original article (or its publication), as JSON Feed's "external_url". */
  external_url?: string;
  title: string;
  summary: string;
  content_html: string;
  date_published: string;
  date_modified?: string;
  authors: { name: string }[];
  tags: string[];
  language?: string;
  image?: string;
  /** Extension (JSON Feed allows `_`-prefixed keys) with the structured attribution. */
  _source?: { name: string; url?: string; published?: string; byline?: string };
}

export function jsonFeedItem(article: Article, lookups: FeedLookups, site: FeedSite): JsonFeedItem {
  const attribution = itemAttribution(article, lookups);
  const url = absoluteUrl(article.url, site.url);
  const item: JsonFeedItem = {
    id: url,
    url,
    title: article.data.title,
    summary: article.summary || article.data.title,
    content_html: itemHtml(article, attribution, site),
    date_published: toIsoTimestamp(article.data.published),
    authors: attribution.authors.map((name) => ({ name })),
    tags: articleCategories(article, lookups),
  };
  if (attribution.sourceUrl) item.external_url = attribution.sourceUrl;
  if (article.data.updated) item.date_modified = toIsoTimestamp(article.data.updated);
  if (article.data.language) item.language = article.data.language;
  if (article.data.image?.src)
    item.image = absoluteUrl(articleImageUrl(article.slug, article.data.image.src), site.url);
  if (attribution.sourceName) {
    item._source = {
      name: attribution.sourceName,
      ...(attribution.sourceUrl && { url: attribution.sourceUrl }),
      ...(attribution.sourcePublished && { published: attribution.sourcePublished }),
      ...(attribution.sourceByline && { byline: attribution.sourceByline }),
    };
  }
  return item;
}

export function jsonFeedDocument(
  channel: FeedChannel,
  articles: readonly Article[],
  lookups: FeedLookups,
  site: FeedSite,
): string {
  const feed: JsonFeed = {
    version: 'https://jsonfeed.org/version/1.1',
    title: channel.title,
    description: channel.description,
    home_page_url: absoluteUrl(channel.pagePath, site.url),
    feed_url: absoluteUrl(channel.feedPath, site.url),
    language: site.language,
    items: articles.map((a) => jsonFeedItem(a, lookups, site)),
  };
  // "</" escaped too, so the document is also safe if ever inlined in HTML.
  return `${JSON.stringify(feed, null, 2).replace(/<\//g, '<\\/')}\n`;
}

/** Title and description of the feed of one region, theme, author or source page. */
export function termFeedChannel(
  kind: 'region' | 'theme' | 'author' | 'source',
  group: TermGroup,
  siteName: string,
): FeedChannel {
  const label = { region: 'Region', theme: 'Theme', author: 'Articles by', source: 'Articles from' }[kind];
  const title = kind === 'region' || kind === 'theme' ? `${label}: ${group.name}` : `${label} ${group.name}`;
  return {
    title: `${siteName}: ${title}`,
    description: group.description ?? `${title}, newest first, in the ${siteName}.`,
    pagePath: group.url,
    feedPath: `${group.url}rss.xml`,
  };
}
