import { describe, expect, it } from 'vitest';
import { articleSources } from '../../../src/lib/article-sources.ts';

const site = { name: 'News Archive', url: 'https://archive.example.org', language: 'en' };
const data = {
  title: 'US Threatens Sanctions on Serbia',
  authors: ['Zero Hedge'],
  published: '2019-11-18',
  source: { name: 'Zero Hedge', published: '2019-11-10' },
};
const citation = {
  text: 'Reuters',
  url: 'https://www.reuters.com/a',
  domain: 'reuters.com',
  archivedUrl: 'https://web.archive.org/web/20191118/https://www.reuters.com/a',
  line: 20,
};

describe('articleSources', () => {
  it('links the original to the homepage when the article URL is unknown, archived at the original date', () => {
    const sources = articleSources({
      slug: 'seed',
      data,
      citations: [citation],
      publication: { name: 'Zero Hedge', homepage: 'https://www.zerohedge.com/' },
      imageUrl: '/articles/seed/photo.jpg',
      site,
    });
    expect(sources.pageUrl).toBe('https://archive.example.org/articles/seed/');
    expect(sources.original).toEqual({
      name: 'Zero Hedge',
      url: 'https://www.zerohedge.com/',
      archivedUrl: 'https://web.archive.org/web/20191110/https://www.zerohedge.com/',
      published: '2019-11-10',
    });
    expect(sources.apa).toContain('https://archive.example.org/articles/seed/');
    expect(sources.bibtex).toMatch(/^@misc\{zerohedge2019us,/);
    expect(sources.jsonLd).toMatchObject({
      citation: ['https://www.reuters.com/a'],
      image: ['https://archive.example.org/articles/seed/photo.jpg'],
      mainEntityOfPage: { '@id': 'https://archive.example.org/articles/seed/' },
    });
  });

  it('prefers source.url, and has no original for an article first published here', () => {
    const withUrl = articleSources({
      slug: 'x',
      data: { ...data, source: { name: 'Zero Hedge', url: 'https://www.zerohedge.com/a' } },
      citations: [],
      site,
    });
    expect(withUrl.original).toEqual({
      name: 'Zero Hedge',
      url: 'https://www.zerohedge.com/a',
      archivedUrl: 'https://web.archive.org/web/20191118/https://www.zerohedge.com/a',
    });
    expect(withUrl.jsonLd).toMatchObject({ isBasedOn: 'https://www.zerohedge.com/a' });
    const { source: _source, ...own } = data;
    expect(articleSources({ slug: 'y', data: own, citations: [], site }).original).toBeUndefined();
  });
});
