import { describe, expect, it } from 'vitest';
import { buildNewsArticleJsonLd, serializeJsonLd } from '../../../src/lib/structured-data.ts';

const site = { name: 'News Archive', url: 'https://archive.example.org', language: 'en' };
const pageUrl = 'https://archive.example.org/articles/seed/';
const seedData = {
  title: 'US Threatens Sanctions on Serbia',
  authors: ['Zero Hedge'],
  published: '2019-11-18',
  source: { name: 'Zero Hedge', published: '2019-11-10' },
};

describe('NewsArticle JSON-LD', () => {
  it('describes the seed: the archive page is the main entity, the original is credited', () => {
    const data = buildNewsArticleJsonLd({
      data: seedData,
      pageUrl,
      description: 'Summary',
      citedUrls: ['https://tass.com/a', 'https://reuters.com/b', 'https://tass.com/a'],
      publication: { name: 'Zero Hedge', homepage: 'https://www.zerohedge.com/' },
      site,
    });
    expect(data).toEqual({
      '@context': 'https://schema.org',
      '@type': 'NewsArticle',
      '@id': `${pageUrl}#article`,
      headline: 'US Threatens Sanctions on Serbia',
      description: 'Summary',
      author: [{ '@type': 'Organization', name: 'Zero Hedge', url: 'https://www.zerohedge.com/' }],
      datePublished: '2019-11-18T00:00:00.000Z',
      dateModified: '2019-11-18T00:00:00.000Z',
      sourceOrganization: { '@type': 'Organization', name: 'Zero Hedge', url: 'https://www.zerohedge.com/' },
      citation: ['https://tass.com/a', 'https://reuters.com/b'],
      copyrightHolder: { '@type': 'Organization', name: 'Zero Hedge, Zero Hedge' },
      copyrightYear: 2019,
      publisher: { '@type': 'Organization', name: 'News Archive', url: 'https://archive.example.org' },
      inLanguage: 'en',
      url: pageUrl,
      mainEntityOfPage: { '@type': 'WebPage', '@id': pageUrl },
    });
  });

  it('adds isBasedOn, people, the updated date, the image and the article language when known', () => {
    const data = buildNewsArticleJsonLd({
      data: {
        ...seedData,
        authors: ['Tyler Durden', 'TASS'],
        updated: '2020-01-02',
        language: 'sr-Latn',
        source: { name: 'Zero Hedge', url: 'https://www.zerohedge.com/a', published: '2019-11-10' },
        copyright: { holder: 'Tyler Durden', year: 2018 },
      },
      pageUrl,
      imageUrl: 'https://archive.example.org/articles/seed/photo.jpg',
      site,
    });
    expect(data).toMatchObject({
      author: [
        { '@type': 'Person', name: 'Tyler Durden' },
        { '@type': 'Organization', name: 'TASS' },
      ],
      isBasedOn: 'https://www.zerohedge.com/a',
      dateModified: '2020-01-02T00:00:00.000Z',
      inLanguage: 'sr-Latn',
      image: ['https://archive.example.org/articles/seed/photo.jpg'],
      copyrightHolder: { '@type': 'Person', name: 'Tyler Durden' },
      copyrightYear: 2018,
    });
    expect(data).not.toHaveProperty('citation');
  });
});

describe('serializeJsonLd', () => {
  const hostile = {
    headline: 'Breaking </script><script>alert(1)</script> <!-- & more \u2028\u2029',
  };

  it('cannot end or alter the script element', () => {
    const json = serializeJsonLd(hostile);
    expect(json).not.toMatch(/[<>&\u2028\u2029]/);
    expect(json).toContain('\\u003c/script\\u003e');
  });

  it('is still the same JSON value', () => {
    expect(JSON.parse(serializeJsonLd(hostile))).toEqual(hostile);
  });
});
