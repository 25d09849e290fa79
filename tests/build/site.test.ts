import { readFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'node-html-parser';
import { indexedHtml } from '../../src/integrations/search-index.ts';
import { toSlug } from '../../src/lib/slug.ts';
import { siteConfig } from '../../src/site.config.ts';
import { readFixtureArticles, type FixtureArticle } from './corpus.ts';
import { allPages, fixtureDist, page, pageExists, text } from './fixture.ts';

const SEED_SLUG = 'us-threatens-sanctions-on-serbia-scrambles-to-thwart-possible-russian-s-400';
const SEED_TEXT = readFileSync(
  join(import.meta.dirname, '../fixtures/seed/000_6b7ba81664c089ef.txt'),
  'utf8',
);

let dist: string;
const articles = readFixtureArticles();
const published = articles.filter((a) => !a.data.draft);
const drafts = articles.filter((a) => a.data.draft);

beforeAll(() => {
  dist = fixtureDist();
});

/** Slugs of the articles listed on every page of a paginated listing. */
function listed(basePath: string): string[] {
  const slugs: string[] = [];
  let url: string | undefined = basePath;
  while (url) {
    const doc = page(dist, url);
    for (const a of doc.querySelectorAll('.article-list .card-title a')) {
      slugs.push((a.getAttribute('href') ?? '').replace(/^\/articles\/|\/$/g, ''));
    }
    url = doc.querySelector('link[rel=next]')?.getAttribute('href');
  }
  return slugs;
}

function newestFirst(list: FixtureArticle[]): string[] {
  return [...list]
    .sort((a, b) => b.data.published.localeCompare(a.data.published) || (a.slug < b.slug ? -1 : 1))
    .map((a) => a.slug);
}

describe('the built fixture site', () => {
  it('has exactly one page per published article and none for drafts', async () => {
    const pages = await allPages(dist);
    const articlePages = pages.filter((p) => p.startsWith('/articles/'));
    expect(articlePages.sort()).toEqual(published.map((a) => `/articles/${a.slug}/`).sort());
    for (const draft of drafts) expect(pageExists(dist, `/articles/${draft.slug}/`)).toBe(false);
  });

  it('never mentions a draft anywhere in the output', async () => {
    const files = (await readdir(dist, { recursive: true })).filter((f) => /\.(html|xml|json|txt)$/.test(f));
    for (const draft of drafts) {
      for (const file of files) {
        const content = readFileSync(join(dist, file), 'utf8');
        expect(content.includes(draft.slug), `${draft.slug} found in ${file}`).toBe(false);
        expect(content.includes(draft.data.title), `${draft.data.title} found in ${file}`).toBe(false);
      }
    }
  });

  it('lists every published article on the home page, newest first, ties by slug', () => {
    expect(listed('/')).toEqual(newestFirst(published));
  });

  it('paginates with /page/N/ URLs and rel prev/next links', () => {
    const lastPage = Math.ceil(published.length / siteConfig.pageSize);
    expect(lastPage).toBeGreaterThan(1);
    const first = page(dist, '/');
    expect(first.querySelector('link[rel=prev]')).toBeNull();
    expect(first.querySelector('link[rel=next]')?.getAttribute('href')).toBe('/page/2/');
    expect(first.querySelector('.pagination a[rel=next]')?.getAttribute('href')).toBe('/page/2/');
    const second = page(dist, '/page/2/');
    expect(second.querySelector('link[rel=prev]')?.getAttribute('href')).toBe('/');
    expect(text(second.querySelector('h1'))).toContain('page 2');
    expect(second.querySelectorAll('.article-list > li')).toHaveLength(
      Math.min(siteConfig.pageSize, published.length - siteConfig.pageSize),
    );
    expect(pageExists(dist, `/page/${lastPage + 1}/`)).toBe(false);
  });

  it('lists each article on its region, theme, author, source, year and month pages', () => {
    const regions = new Set(published.flatMap((a) => a.data.regions ?? []));
    for (const region of regions) {
      const expected = newestFirst(published.filter((a) => a.data.regions?.includes(region)));
      expect(listed(`/regions/${region}/`), region).toEqual(expected);
    }
    const themes = new Set(published.flatMap((a) => a.data.themes ?? []));
    for (const theme of themes) {
      expect(listed(`/themes/${theme}/`), theme).toEqual(
        newestFirst(published.filter((a) => a.data.themes?.includes(theme))),
      );
    }
    const authors = new Set(published.flatMap((a) => a.data.authors));
    for (const author of authors) {
      expect(listed(`/authors/${toSlug(author)}/`), author).toEqual(
        newestFirst(published.filter((a) => a.data.authors.includes(author))),
      );
    }
    const sources = new Set(published.flatMap((a) => (a.data.source ? [a.data.source.name] : [])));
    for (const source of sources) {
      expect(listed(`/sources/${toSlug(source)}/`), source).toEqual(
        newestFirst(published.filter((a) => a.data.source?.name === source)),
      );
    }
    const months = new Set(published.map((a) => a.data.published.slice(0, 7)));
    for (const month of months) {
      const [year, mm] = month.split('-');
      expect(listed(`/archive/${year}/${mm}/`), month).toEqual(
        newestFirst(published.filter((a) => a.data.published.startsWith(month))),
      );
      expect(listed(`/archive/${year}/`)).toEqual(
        newestFirst(published.filter((a) => a.data.published.startsWith(`${year}-`))),
      );
    }
  });

  it('shows article counts on the index pages', () => {
    const counts = (url: string) =>
      new Map(
        page(dist, url)
          .querySelectorAll('.term-index > li')
          .map((li) => [
            text(li.querySelector('a')),
            Number(text(li.querySelector('.count')).replace(/\D/g, '')),
          ]),
      );
    const regionCounts = counts('/regions/');
    expect(regionCounts.get('Europe')).toBe(
      published.filter((a) => a.data.regions?.includes('europe')).length,
    );
    const authorCounts = counts('/authors/');
    expect(authorCounts.get('Zero Hedge')).toBe(
      published.filter((a) => a.data.authors.includes('Zero Hedge')).length,
    );
    expect(authorCounts.get('Milica Jovanović')).toBe(1);
    const sourceCounts = counts('/sources/');
    expect(sourceCounts.get('Balkan Insight')).toBe(
      published.filter((a) => a.data.source?.name === 'Balkan Insight').length,
    );
    const years = page(dist, '/archive/').querySelectorAll('.year-index > li');
    const total = years.reduce(
      (sum, li) => sum + Number(text(li.querySelector('.count')).replace(/\D/g, '')),
      0,
    );
    expect(total).toBe(published.length);
  });

  it('gives non-ASCII authors transliterated pages', () => {
    expect(text(page(dist, '/authors/milica-jovanovic/').querySelector('h1'))).toBe(
      'Articles by Milica Jovanović',
    );
  });

  it('keeps everything about other articles out of the search cache key', () => {
    let withRelated = 0;
    for (const article of published) {
      const html = readFileSync(join(dist, 'articles', article.slug, 'index.html'), 'utf8');
      if (page(dist, `/articles/${article.slug}/`).querySelector('.related .card-title')) withRelated++;
      // Only the article's own words remain: no card, title or word count of another article.
      const rest = parse(indexedHtml(html));
      expect(rest.querySelectorAll('.card-title, .related')).toHaveLength(0);
      expect(text(rest.querySelector('h1'))).toBe(article.data.title);
    }
    expect(withRelated).toBeGreaterThan(0);
  });

  it('has a 404 page', () => {
    expect(text(page(dist, '/404.html').querySelector('h1'))).toBe('Page not found');
  });
});

describe('the seed article page', () => {
  const seed = () => page(dist, `/articles/${SEED_SLUG}/`);

  it('contains every sentence of the seed body', () => {
    const bodyText = text(seed().querySelector('.article-body'));
    const start = SEED_TEXT.indexOf('In a largely unreported');
    const end = SEED_TEXT.indexOf('\n*\n');
    const paragraphs = SEED_TEXT.slice(start, end)
      .split(/\n\s*\n/)
      .map((p) =>
        p
          .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
          .replace(/\s+/g, ' ')
          .trim(),
      )
      .filter(Boolean);
    expect(paragraphs.length).toBe(15);
    for (const paragraph of paragraphs) expect(bodyText).toContain(paragraph);
  });

  it('shows title, byline, both dates, regions, themes and the image caption', () => {
    const doc = seed();
    expect(text(doc.querySelector('h1'))).toBe(
      'US Threatens Sanctions on Serbia, Scrambles to Thwart Possible Russian S-400 Missile Defense Purchase',
    );
    const byline = doc.querySelector('.byline a');
    expect(text(byline)).toBe('Zero Hedge');
    expect(byline?.getAttribute('href')).toBe('/authors/zero-hedge/');
    const times = doc.querySelectorAll('.dates time').map((t) => t.getAttribute('datetime'));
    expect(times).toEqual(['2019-11-18', '2019-11-10']);
    const terms = doc.querySelectorAll('.terms a').map((a) => [text(a), a.getAttribute('href')]);
    expect(terms).toEqual([
      ['Europe', '/regions/europe/'],
      ['Russia and FSU', '/regions/russia-and-fsu/'],
      ['USA', '/regions/usa/'],
      ['Intelligence', '/themes/intelligence/'],
      ['Military', '/themes/military/'],
      ['Military and WMD', '/themes/military-and-wmd/'],
    ]);
    expect(text(doc.querySelector('figcaption'))).toBe(
      'Featured image: Vladimir Putin and Aleksandar Vučić, via EWB',
    );
  });

  it('renders every boilerplate line from the configuration and frontmatter', () => {
    const doc = seed();
    const footer = text(doc.querySelector('.article-footer'));
    expect(footer).toContain(siteConfig.notices.noteToReaders);
    expect(footer).toContain(siteConfig.notices.disclaimer);
    expect(footer).toContain(siteConfig.notices.fairUse);
    expect(text(doc.querySelector('.site-footer'))).toContain(siteConfig.notices.mediaContact);
    expect(text(doc.querySelector('.original-source'))).toBe(
      'The original source of this article is Zero Hedge',
    );
    // No source.url: the attribution links to the publication's homepage from sources.yaml.
    expect(doc.querySelector('.original-source a')?.getAttribute('href')).toBe('https://www.zerohedge.com/');
    expect(text(doc.querySelector('.copyright'))).toBe('Copyright © Zero Hedge, Zero Hedge, 2019');
    expect(text(doc.querySelector('.articles-by'))).toBe('Articles by: Zero Hedge');
  });

  it('keeps the seed boilerplate out of the body', () => {
    const bodyText = text(seed().querySelector('.article-body'));
    for (const line of [
      'Note to readers',
      'The original source of this article',
      'Copyright ©',
      'Disclaimer',
    ]) {
      expect(bodyText).not.toContain(line);
    }
  });

  it('says so when an article was first published here', () => {
    const doc = page(dist, '/articles/archive-launches-reader-notes/');
    expect(text(doc.querySelector('.original-source'))).toBe(
      `This article was first published in the ${siteConfig.name}.`,
    );
    expect(text(doc.querySelector('.copyright'))).toBe(
      `Copyright © Editorial Team, ${siteConfig.name}, 2020`,
    );
    expect(text(doc.querySelector('.subtitle'))).toBe('A first piece written for the archive itself');
  });

  it('publishes an image stored beside its article, with alt text and credit', () => {
    const doc = page(dist, '/articles/dokovic-wins-in-melbourne/');
    const img = doc.querySelector('.featured-image img');
    expect(img?.getAttribute('src')).toBe('/articles/dokovic-wins-in-melbourne/melbourne-court.png');
    expect(img?.getAttribute('alt')).toBe('The centre court in Melbourne');
    expect(text(doc.querySelector('figcaption'))).toBe('Featured image: Rod Laver Arena (Fixture photo)');
    const bytes = readFileSync(join(dist, 'articles/dokovic-wins-in-melbourne/melbourne-court.png'));
    expect(bytes.subarray(1, 4).toString()).toBe('PNG');
  });

  it('links the attribution to source.url when it is known', () => {
    const doc = page(dist, '/articles/vucic-meets-eu-envoys-in-belgrade/');
    expect(doc.querySelector('.original-source a')?.getAttribute('href')).toBe(
      'https://balkaninsight.com/2020/03/01/vucic-meets-eu-envoys/',
    );
    expect(text(doc.querySelector('.articles-by'))).toBe('Articles by: Milica Jovanović and Reuters Staff');
  });
});
