/**
 * Feeds, sitemap, robots.txt and head metadata of the built fixture site,
 * checked against an independent reading of the fixture corpus.
 */
import { existsSync, readFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { xmlProblems } from '../xml.ts';
import { beforeAll, describe, expect, it } from 'vitest';
import { toSlug } from '../../src/lib/slug.ts';
import { siteConfig } from '../../src/site.config.ts';
import { readFixtureArticles, type FixtureArticle } from './corpus.ts';
import { allPages, fixtureDist, page } from './fixture.ts';

const SITE = siteConfig.url;
const SEED_SLUG = 'us-threatens-sanctions-on-serbia-scrambles-to-thwart-possible-russian-s-400';

const parser = new XMLParser({
  ignoreAttributes: false,
  parseTagValue: false,
  isArray: (name) => ['item', 'category', 'dc:creator', 'url', 'sitemap'].includes(name),
});

interface RssItem {
  title: string;
  link: string;
  guid: { '#text': string };
  pubDate: string;
  description: string;
  'dc:creator': string[];
  category?: string[];
  source?: { '#text': string; '@_url': string };
}
interface RssChannel {
  title: string;
  link: string;
  description: string;
  item?: RssItem[];
}

let dist: string;
const articles = readFixtureArticles();
const published = articles.filter((a) => !a.data.draft);
const drafts = articles.filter((a) => a.data.draft);

beforeAll(() => {
  dist = fixtureDist();
});

function read(path: string): string {
  return readFileSync(join(dist, path), 'utf8');
}

function rss(path: string): RssChannel {
  const xml = read(path);
  expect(xmlProblems(xml), path).toEqual([]);
  const doc = parser.parse(xml) as { rss?: { '@_version': string; channel: RssChannel } };
  expect(doc.rss?.['@_version'], path).toBe('2.0');
  const channel = doc.rss!.channel;
  for (const field of ['title', 'link', 'description'] as const)
    expect(channel[field], `${path} ${field}`).toBeTruthy();
  for (const item of channel.item ?? []) {
    expect(item.title, path).toBeTruthy();
    expect(item.link, path).toMatch(new RegExp(`^${SITE}/articles/[a-z0-9-]+/$`));
    expect(item.guid['#text']).toBe(item.link);
    expect(new Date(item.pubDate).toString()).not.toBe('Invalid Date');
    expect(item['dc:creator'].length, `${path} ${item.link} authors`).toBeGreaterThan(0);
  }
  return channel;
}

function newestFirst(list: FixtureArticle[]): string[] {
  return [...list]
    .sort((a, b) => b.data.published.localeCompare(a.data.published) || (a.slug < b.slug ? -1 : 1))
    .map((a) => a.slug);
}

const slugOf = (link: string) => link.replace(`${SITE}/articles/`, '').replace(/\/$/, '');

describe('feeds of the fixture site', () => {
  it('main RSS feed: the newest articles, newest first, with attribution', () => {
    const channel = rss('rss.xml');
    const expected = newestFirst(published).slice(0, siteConfig.feedSize);
    expect(channel.item?.map((i) => slugOf(i.link))).toEqual(expected);
    const seed = channel.item?.find((i) => slugOf(i.link) === SEED_SLUG);
    expect(seed?.title).toBe(
      'US Threatens Sanctions on Serbia, Scrambles to Thwart Possible Russian S-400 Missile Defense Purchase',
    );
    expect(seed?.['dc:creator']).toEqual(['Zero Hedge']);
    expect(seed?.pubDate).toBe('Mon, 18 Nov 2019 00:00:00 GMT');
    expect(seed?.category).toEqual(expect.arrayContaining(['Europe', 'USA']));
  });

  it('every item names the original source it has, with its link', () => {
    const channel = rss('rss.xml');
    for (const item of channel.item ?? []) {
      const article = published.find((a) => a.slug === slugOf(item.link))!;
      if (article.data.source?.url) {
        expect(item.source).toEqual({ '#text': article.data.source.name, '@_url': article.data.source.url });
      }
    }
  });

  it('JSON Feed: the same items as the RSS feed', () => {
    const feed = JSON.parse(read('feed.json')) as {
      version: string;
      items: { url: string; authors: unknown[] }[];
    };
    expect(feed.version).toBe('https://jsonfeed.org/version/1.1');
    expect(feed.items.map((i) => slugOf(i.url))).toEqual(
      newestFirst(published).slice(0, siteConfig.feedSize),
    );
    for (const item of feed.items) expect(item.authors.length).toBeGreaterThan(0);
  });

  it('one feed per region, theme, author and source, each listing exactly its articles', () => {
    const kinds: [string, (a: FixtureArticle) => string[]][] = [
      ['regions', (a) => a.data.regions ?? []],
      ['themes', (a) => a.data.themes ?? []],
      ['authors', (a) => a.data.authors.map((n) => toSlug(n, 'unnamed'))],
      ['sources', (a) => (a.data.source ? [toSlug(a.data.source.name, 'unnamed')] : [])],
    ];
    for (const [kind, termsOf] of kinds) {
      const ids = [...new Set(published.flatMap(termsOf))];
      expect(ids.length, kind).toBeGreaterThan(0);
      for (const id of ids) {
        const channel = rss(`${kind}/${id}/rss.xml`);
        expect(channel.link).toBe(`${SITE}/${kind}/${id}/`);
        const expected = newestFirst(published.filter((a) => termsOf(a).includes(id))).slice(
          0,
          siteConfig.feedSize,
        );
        expect(channel.item?.map((i) => slugOf(i.link)) ?? [], `${kind}/${id}`).toEqual(expected);
      }
    }
  });

  it('each listing page announces the feed that exists', async () => {
    const pages = (await allPages(dist)).filter((p) => p.endsWith('/'));
    let announced = 0;
    for (const path of pages) {
      for (const link of page(dist, path).querySelectorAll('link[rel=alternate]')) {
        const href = link.getAttribute('href') ?? '';
        expect(existsSync(join(dist, href)), `${path} announces ${href}`).toBe(true);
        announced += 1;
      }
    }
    expect(announced).toBeGreaterThan(10);
    const home = page(dist, '/');
    expect(home.querySelector('link[rel=alternate][type="application/rss+xml"]')?.getAttribute('href')).toBe(
      '/rss.xml',
    );
    expect(
      home.querySelector('link[rel=alternate][type="application/feed+json"]')?.getAttribute('href'),
    ).toBe('/feed.json');
  });
});

describe('sitemap of the fixture site', () => {
  function sitemapUrls(): { loc: string; lastmod?: string }[] {
    const index = read('sitemap-index.xml');
    expect(xmlProblems(index)).toEqual([]);
    const sets = (parser.parse(index) as { sitemapindex: { sitemap: { loc: string }[] } }).sitemapindex
      .sitemap;
    return sets.flatMap(({ loc }) => {
      const xml = read(loc.replace(`${SITE}/`, ''));
      expect(xmlProblems(xml)).toEqual([]);
      return (parser.parse(xml) as { urlset: { url: { loc: string; lastmod?: string }[] } }).urlset.url;
    });
  }

  it('lists every published page exactly once, and nothing else', async () => {
    const locs = sitemapUrls().map((u) => u.loc);
    expect(new Set(locs).size).toBe(locs.length);
    const pages = (await allPages(dist)).filter((p) => p.endsWith('/')).map((p) => `${SITE}${p}`);
    expect([...locs].sort()).toEqual(pages.sort());
    for (const article of published) expect(locs).toContain(`${SITE}/articles/${article.slug}/`);
  });

  it('gives article pages a lastmod from updated or published', () => {
    const urls = sitemapUrls();
    for (const article of published) {
      const entry = urls.find((u) => u.loc === `${SITE}/articles/${article.slug}/`);
      const data = article.data as FixtureArticle['data'] & { updated?: string };
      expect(entry?.lastmod, article.slug).toBe(data.updated ?? data.published);
    }
  });

  it('is named by robots.txt', () => {
    expect(read('robots.txt')).toContain(`Sitemap: ${SITE}/sitemap-index.xml`);
  });
});

describe('drafts', () => {
  it('appear in no feed and no sitemap', async () => {
    expect(drafts.length).toBeGreaterThan(0);
    const feedsAndSitemaps = (await readdir(dist, { recursive: true })).filter(
      (f) => f.endsWith('rss.xml') || f === 'feed.json' || /^sitemap-.*\.xml$/.test(f),
    );
    expect(feedsAndSitemaps.length).toBeGreaterThan(20);
    for (const file of feedsAndSitemaps) {
      const content = read(file);
      for (const draft of drafts) {
        expect(content.includes(draft.slug), `${draft.slug} in ${file}`).toBe(false);
        expect(content.includes(draft.data.title), `${draft.data.title} in ${file}`).toBe(false);
      }
    }
  });
});

describe('head metadata of the seed article', () => {
  const path = `/articles/${SEED_SLUG}/`;
  const meta = (attr: 'property' | 'name', key: string) =>
    page(dist, path)
      .querySelectorAll(`meta[${attr}="${key}"]`)
      .map((m) => m.getAttribute('content'));

  it('has title, description and canonical URL', () => {
    const doc = page(dist, path);
    expect(doc.querySelector('title')?.textContent).toBe(
      'US Threatens Sanctions on Serbia, Scrambles to Thwart Possible Russian S-400 Missile Defense Purchase · News Archive',
    );
    expect(meta('name', 'description')[0]).toMatch(/^In a largely unreported but hugely important story/);
    expect(doc.querySelector('link[rel=canonical]')?.getAttribute('href')).toBe(`${SITE}${path}`);
    expect(doc.querySelector('link[rel=icon]')?.getAttribute('href')).toBe('/favicon.svg');
    expect(doc.querySelector('link[rel=manifest]')?.getAttribute('href')).toBe('/site.webmanifest');
  });

  it('has Open Graph article tags, field by field', () => {
    expect(meta('property', 'og:type')).toEqual(['article']);
    expect(meta('property', 'og:url')).toEqual([`${SITE}${path}`]);
    expect(meta('property', 'og:site_name')).toEqual(['News Archive']);
    expect(meta('property', 'og:title')).toEqual([
      'US Threatens Sanctions on Serbia, Scrambles to Thwart Possible Russian S-400 Missile Defense Purchase',
    ]);
    expect(meta('property', 'og:description')[0]).toMatch(/^In a largely unreported/);
    expect(meta('property', 'article:published_time')).toEqual(['2019-11-18T00:00:00.000Z']);
    expect(meta('property', 'article:modified_time')).toEqual([]);
    expect(meta('property', 'article:section')).toEqual(['Europe']);
    expect(meta('property', 'article:tag')).toEqual([
      'Europe',
      'Russia and FSU',
      'USA',
      'Intelligence',
      'Military',
      'Military and WMD',
    ]);
    expect(meta('property', 'article:author')).toEqual(['Zero Hedge']);
    // The seed has a caption but no image file: the site's default image.
    expect(meta('property', 'og:image')).toEqual([`${SITE}/social-default.png`]);
    expect(meta('property', 'og:image:width')).toEqual(['1200']);
    expect(meta('property', 'og:image:height')).toEqual(['630']);
  });

  it('has a large Twitter card', () => {
    expect(meta('name', 'twitter:card')).toEqual(['summary_large_image']);
    expect(meta('name', 'twitter:title')).toEqual(meta('property', 'og:title'));
    expect(meta('name', 'twitter:image')).toEqual([`${SITE}/social-default.png`]);
  });

  it('ships the default image, icons and manifest it points to', () => {
    for (const file of [
      'social-default.png',
      'favicon.svg',
      'icon-192.png',
      'icon-512.png',
      'apple-touch-icon.png',
    ]) {
      expect(existsSync(join(dist, file)), file).toBe(true);
    }
    const manifest = JSON.parse(read('site.webmanifest')) as { name: string; icons: { src: string }[] };
    expect(manifest.name).toBe(siteConfig.name);
    for (const icon of manifest.icons) expect(existsSync(join(dist, icon.src))).toBe(true);
  });

  it('gives the home page website tags and its own canonical URL', () => {
    const home = page(dist, '/');
    expect(home.querySelector('meta[property="og:type"]')?.getAttribute('content')).toBe('website');
    expect(home.querySelector('link[rel=canonical]')?.getAttribute('href')).toBe(`${SITE}/`);
    expect(home.querySelector('meta[property="article:published_time"]')).toBeNull();
  });
});
