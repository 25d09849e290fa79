import { XMLParser } from 'fast-xml-parser';
import { xmlProblems } from '../../xml.ts';
import { describe, expect, it } from 'vitest';
import {
  addCreators,
  escapeXml,
  feedArticles,
  jsonFeedDocument,
  rssDocument,
  termFeedChannel,
  type JsonFeed,
} from '../../../src/lib/feeds.ts';
import { SITE, smallArchive } from './archive-helpers.ts';

const parser = new XMLParser({
  ignoreAttributes: false,
  parseTagValue: false,
  isArray: (name) => ['item', 'category', 'dc:creator'].includes(name),
});

interface RssItem {
  title: string;
  link: string;
  guid: { '#text': string; '@_isPermaLink': string };
  description: string;
  pubDate: string;
  'content:encoded': string;
  'dc:creator': string[];
  category?: string[];
  source?: { '#text': string; '@_url': string };
}

async function parseRss(xml: string) {
  expect(xmlProblems(xml)).toEqual([]);
  const doc = parser.parse(xml) as {
    rss: { '@_version': string; channel: Record<string, unknown> & { item?: RssItem[] } };
  };
  return doc.rss;
}

const archive = smallArchive(
  {
    'old-piece': { title: 'Old piece', published: '2019-01-02', regions: ['usa'] },
    seed: {
      title: 'US Threatens Sanctions on Serbia',
      published: '2019-11-18',
      authors: ['Zero Hedge', 'Jane Doe'],
      source: {
        name: 'Zero Hedge',
        url: 'https://www.zerohedge.com/geopolitical/x?a=1&b=2',
        published: '2019-11-10',
      },
      regions: ['europe', 'usa'],
      themes: ['military'],
    },
    'homepage-only': {
      title: 'From a listed publication',
      published: '2019-06-01',
      source: { name: 'Global Research' },
    },
    'first-here': { title: 'First published here', published: '2019-05-01' },
    'a-draft': { title: 'Secret draft', published: '2019-12-01', draft: true },
  },
  true,
);
const channel = { title: 'News Archive', description: 'An archive.', pagePath: '/', feedPath: '/rss.xml' };

describe('RSS feed', () => {
  it('has the channel elements RSS 2.0 requires, and a self link', async () => {
    const rss = await parseRss(await rssDocument(channel, feedArticles(archive.articles, 50), archive, SITE));
    expect(rss['@_version']).toBe('2.0');
    expect(rss.channel.title).toBe('News Archive');
    expect(rss.channel.link).toBe('https://archive.example.org/');
    expect(rss.channel.description).toBe('An archive.');
    expect(rss.channel.language).toBe('en');
    expect(rss.channel['atom:link']).toMatchObject({
      '@_href': 'https://archive.example.org/rss.xml',
      '@_rel': 'self',
    });
    // Newest article date, not the clock.
    expect(rss.channel.lastBuildDate).toBe('Mon, 18 Nov 2019 00:00:00 GMT');
  });

  it('leaves drafts out and keeps listing order, newest first', async () => {
    const rss = await parseRss(await rssDocument(channel, feedArticles(archive.articles, 50), archive, SITE));
    expect(rss.channel.item?.map((i) => i.title)).toEqual([
      'US Threatens Sanctions on Serbia',
      'From a listed publication',
      'First published here',
      'Old piece',
    ]);
  });

  it('keeps only the newest N items', async () => {
    const rss = await parseRss(await rssDocument(channel, feedArticles(archive.articles, 2), archive, SITE));
    expect(rss.channel.item).toHaveLength(2);
    expect(rss.channel.item?.[1]?.link).toBe('https://archive.example.org/articles/homepage-only/');
  });

  it('gives every item full attribution: authors, original source and link, categories, summary', async () => {
    const rss = await parseRss(await rssDocument(channel, feedArticles(archive.articles, 50), archive, SITE));
    const seed = rss.channel.item?.[0] as RssItem;
    expect(seed.link).toBe('https://archive.example.org/articles/seed/');
    expect(seed.guid).toEqual({ '#text': seed.link, '@_isPermaLink': 'true' });
    expect(seed.pubDate).toBe('Mon, 18 Nov 2019 00:00:00 GMT');
    expect(seed.description).toBe('Summary of US Threatens Sanctions on Serbia');
    expect(seed['dc:creator']).toEqual(['Zero Hedge', 'Jane Doe']);
    expect(seed.category).toEqual(['Europe', 'USA', 'Military & WMD']);
    expect(seed.source).toEqual({
      '#text': 'Zero Hedge',
      '@_url': 'https://www.zerohedge.com/geopolitical/x?a=1&b=2',
    });
    expect(seed['content:encoded']).toContain('<p>Summary of US Threatens Sanctions on Serbia</p>');
    expect(seed['content:encoded']).toContain(
      'By Zero Hedge and Jane Doe. Originally published by <a href="https://www.zerohedge.com/geopolitical/x?a=1&amp;b=2">Zero Hedge</a> on November 10, 2019.',
    );

    const listed = rss.channel.item?.[1] as RssItem;
    // No article URL: the publication's homepage from sources.yaml.
    expect(listed.source?.['@_url']).toBe('https://www.globalresearch.ca/');
    const here = rss.channel.item?.[2] as RssItem;
    expect(here.source).toBeUndefined();
    expect(here['content:encoded']).toContain('First published in the News Archive.');
  });

  it('escapes hostile text everywhere and keeps number-like names as written', async () => {
    const hostile = '</title><script>alert(1)</script> & "quotes" \'apos\' ]]>';
    const evil = smallArchive({
      evil: {
        title: hostile,
        published: '2020-01-01',
        authors: ['007', `<b onmouseover="x">${hostile}`],
        source: { name: hostile, url: 'https://example.com/?q=<x>&y="1"' },
        summary: hostile,
      },
    });
    // The summary comes from derived data; make it hostile too, with a control character XML forbids.
    const article = { ...evil.articles[0]!, summary: `${hostile}\u0007` };
    const xml = await rssDocument({ ...channel, title: hostile }, [article], evil, SITE);
    expect(xml).not.toMatch(/<script|<b /);
    const rss = await parseRss(xml);
    const item = rss.channel.item?.[0] as RssItem;
    expect(rss.channel.title).toBe(hostile);
    expect(item.title).toBe(hostile);
    expect(item.description).toBe(hostile);
    expect(item['dc:creator']).toEqual(['007', `<b onmouseover="x">${hostile}`]);
    expect(item.source?.['#text']).toBe(hostile);
    // The HTML inside content:encoded is itself escaped: no element but p and a.
    expect(item['content:encoded']).not.toMatch(/<(?!\/?(p|a)[ >])/);
  });
});

describe('addCreators', () => {
  it('refuses author lists that do not match the items', () => {
    expect(() => addCreators('<item></item><item></item>', [['a']])).toThrow(/2 items but 1/);
  });
});

describe('escapeXml', () => {
  it('escapes markup characters and drops characters XML forbids', () => {
    expect(escapeXml(`a<b>&"c"'\u0000\u0008\uFFFF😀`)).toBe('a&lt;b&gt;&amp;&quot;c&quot;&apos;😀');
  });
});

describe('JSON Feed', () => {
  it('is JSON Feed 1.1 with the same items and structured attribution', () => {
    const json = jsonFeedDocument(
      { ...channel, feedPath: '/feed.json' },
      feedArticles(archive.articles, 50),
      archive,
      SITE,
    );
    const feed = JSON.parse(json) as JsonFeed;
    expect(feed.version).toBe('https://jsonfeed.org/version/1.1');
    expect(feed.home_page_url).toBe('https://archive.example.org/');
    expect(feed.feed_url).toBe('https://archive.example.org/feed.json');
    expect(feed.items.map((i) => i.id)).toEqual([
      'https://archive.example.org/articles/seed/',
      'https://archive.example.org/articles/homepage-only/',
      'https://archive.example.org/articles/first-here/',
      'https://archive.example.org/articles/old-piece/',
    ]);
    const seed = feed.items[0]!;
    expect(seed.authors).toEqual([{ name: 'Zero Hedge' }, { name: 'Jane Doe' }]);
    expect(seed.external_url).toBe('https://www.zerohedge.com/geopolitical/x?a=1&b=2');
    expect(seed.date_published).toBe('2019-11-18T00:00:00.000Z');
    expect(seed.tags).toEqual(['Europe', 'USA', 'Military & WMD']);
    expect(seed._source).toEqual({
      name: 'Zero Hedge',
      url: 'https://www.zerohedge.com/geopolitical/x?a=1&b=2',
      published: '2019-11-10',
    });
  });

  it('never contains a raw "</" that could close a script element', () => {
    const evil = smallArchive({
      evil: { title: '</script><script>alert(1)</script>', published: '2020-01-01' },
    });
    const json = jsonFeedDocument(channel, evil.articles, evil, SITE);
    expect(json).not.toContain('</');
    expect((JSON.parse(json) as JsonFeed).items[0]?.title).toBe('</script><script>alert(1)</script>');
  });
});

describe('term feeds', () => {
  it('name the term and point at its page and feed', () => {
    const europe = archive.regionById.get('europe')!;
    expect(termFeedChannel('region', europe, 'News Archive')).toEqual({
      title: 'News Archive: Region: Europe',
      description: 'Region: Europe, newest first, in the News Archive.',
      pagePath: '/regions/europe/',
      feedPath: '/regions/europe/rss.xml',
    });
    const author = archive.authorBySlug.get('jane-doe')!;
    expect(termFeedChannel('author', author, 'News Archive').title).toBe(
      'News Archive: Articles by Jane Doe',
    );
  });

  it('list only the term articles', async () => {
    const europe = archive.regionById.get('europe')!;
    const rss = await parseRss(
      await rssDocument(
        termFeedChannel('region', europe, SITE.name),
        feedArticles(europe.articles, 50),
        archive,
        SITE,
      ),
    );
    expect(rss.channel.item?.map((i) => i.link)).toEqual(['https://archive.example.org/articles/seed/']);
    expect(rss.channel.link).toBe('https://archive.example.org/regions/europe/');
  });
});

describe('the XML check used by these tests', () => {
  it('rejects malformed XML and characters XML forbids', () => {
    expect(xmlProblems('<a>ok &amp; fine</a>')).toEqual([]);
    expect(xmlProblems('<a><b></a>')).not.toEqual([]);
    expect(xmlProblems('<a>&nope;</a>')).not.toEqual([]);
    expect(xmlProblems('<a>bell \u0007</a>')).not.toEqual([]);
    expect(xmlProblems('<a/><b/>')).not.toEqual([]);
  });
});
