import { describe, expect, it } from 'vitest';
import { buildArchiveIndex, type ArticleEntryInput } from '../../src/lib/archive-index.ts';
import { copyrightLine, deriveCopyright, joinNames, originalSourceUrl } from '../../src/lib/attribution.ts';
import { formatLongDate, isRealIsoDate } from '../../src/lib/dates.ts';
import { paginate } from '../../src/lib/pagination.ts';
import { articleSlug, toSlug, truncateSlug } from '../../src/lib/slug.ts';
import { closestMatches } from '../../src/lib/suggest.ts';
import { countWords, defaultSummary } from '../../src/lib/text-stats.ts';

describe('pagination', () => {
  it('makes /page/N/ URLs with prev and next', () => {
    const pages = paginate([1, 2, 3, 4, 5], 2, '/regions/europe/');
    expect(pages.map((p) => [p.url, p.param, p.prevUrl, p.nextUrl, p.items])).toEqual([
      ['/regions/europe/', undefined, undefined, '/regions/europe/page/2/', [1, 2]],
      ['/regions/europe/page/2/', 'page/2', '/regions/europe/', '/regions/europe/page/3/', [3, 4]],
      ['/regions/europe/page/3/', 'page/3', '/regions/europe/page/2/', undefined, [5]],
    ]);
    expect(pages[2]).toMatchObject({ number: 3, lastPage: 3, total: 5, start: 4 });
  });

  it('makes one empty page for an empty listing', () => {
    expect(paginate([], 10, '/')).toEqual([
      expect.objectContaining({ items: [], number: 1, lastPage: 1, url: '/', param: undefined }),
    ]);
  });
});

describe('dates', () => {
  it('knows real calendar days', () => {
    expect(isRealIsoDate('2020-02-29')).toBe(true);
    expect(isRealIsoDate('2019-02-29')).toBe(false);
    expect(isRealIsoDate('2019-13-01')).toBe(false);
    expect(isRealIsoDate('2019-1-01')).toBe(false);
  });

  it('formats in UTC whatever the machine zone', () => {
    expect(formatLongDate('2019-11-18', 'en-US')).toBe('November 18, 2019');
  });
});

describe('attribution', () => {
  const seed = {
    authors: ['Zero Hedge'],
    published: '2019-11-18',
    source: { name: 'Zero Hedge', published: '2019-11-10' },
  };

  it('derives the seed copyright line', () => {
    expect(copyrightLine(deriveCopyright(seed, 'News Archive'))).toBe(
      'Copyright © Zero Hedge, Zero Hedge, 2019',
    );
  });

  it('falls back to the site name and the published year', () => {
    expect(copyrightLine(deriveCopyright({ authors: ['A', 'B'], published: '2021-01-01' }, 'Site'))).toBe(
      'Copyright © A, B, Site, 2021',
    );
  });

  it('prefers an explicit copyright', () => {
    expect(deriveCopyright({ ...seed, copyright: { holder: 'H', year: 2000 } }, 'Site')).toEqual({
      holder: 'H',
      year: 2000,
    });
  });

  it('links to source.url, else the publication homepage', () => {
    expect(originalSourceUrl({ source: { name: 'X', url: 'https://a/' } }, { homepage: 'https://b/' })).toBe(
      'https://a/',
    );
    expect(originalSourceUrl({ source: { name: 'X' } }, { homepage: 'https://b/' })).toBe('https://b/');
    expect(originalSourceUrl({ source: { name: 'X' } }, undefined)).toBeUndefined();
  });

  it('joins names', () => {
    expect(joinNames(['A'])).toBe('A');
    expect(joinNames(['A', 'B'])).toBe('A and B');
    expect(joinNames(['A', 'B', 'C'])).toBe('A, B and C');
  });
});

describe('slugs and text', () => {
  it('transliterates and cuts at a word', () => {
    expect(toSlug('Vučić meets Đoković in Łódź')).toBe('vucic-meets-dokovic-in-lodz');
    expect(truncateSlug('aaa-bbb-ccc', 9)).toBe('aaa-bbb');
    expect(articleSlug('x'.repeat(100))).toHaveLength(80);
    expect(toSlug('!!!')).toBe('untitled');
  });

  it('suggests close ids', () => {
    expect(closestMatches('eurpe', ['usa', 'europe', 'asia'])[0]).toBe('europe');
  });

  it('summarises and counts words', () => {
    expect(defaultSummary(`${'word '.repeat(100)}`, 20)).toBe('word word word word…');
    expect(countWords('Two [linked words](https://x.org/) here.')).toBe(4);
  });
});

describe('the archive index', () => {
  const entry = (slug: string, published: string, extra: Partial<ArticleEntryInput['data']> = {}) =>
    ({
      slug,
      data: { title: slug, authors: ['A'], published, regions: [], themes: [], draft: false, ...extra },
      derived: { summary: '', wordCount: 460, contentPath: `articles/x/${slug}.md`, renderKey: '' },
    }) as ArticleEntryInput;
  const index = buildArchiveIndex({
    articles: [
      entry('b', '2020-01-01', { regions: ['europe'] }),
      entry('a', '2020-01-01', { regions: ['europe'], source: { name: 'Zero Hedge' } }),
      entry('c', '2021-05-01', { draft: true }),
      entry('d', '2019-03-01', { authors: ['A', 'Vučić'] }),
    ],
    regions: [{ id: 'europe', name: 'Europe' }],
    themes: [],
    publications: [],
    includeDrafts: false,
    relatedCount: 5,
    wordsPerMinute: 230,
  });

  it('sorts newest first with slug tie-break and leaves drafts out', () => {
    expect(index.articles.map((a) => a.slug)).toEqual(['a', 'b', 'd']);
    expect(index.articles[0]?.readingMinutes).toBe(2);
  });

  it('groups by region, author, source and date', () => {
    expect(index.regionById.get('europe')?.articles.map((a) => a.slug)).toEqual(['a', 'b']);
    expect(index.authorBySlug.get('vucic')?.name).toBe('Vučić');
    expect(index.sourceBySlug.get('zero-hedge')?.articles.map((a) => a.slug)).toEqual(['a']);
    expect(index.years.map((y) => [y.year, y.months.map((m) => m.month)])).toEqual([
      [2020, ['01']],
      [2019, ['03']],
    ]);
  });
});
