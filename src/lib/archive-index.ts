/**
 * Every index the site needs, derived once from the loaded collections:
 * articles in listing order, and per region, theme, author, source, year and
 * month. Pages look things up here by id; none scans the collection itself.
 *
 * Pure: it takes plain data, so it is tested without Astro.
 */
import { monthKey, yearOf } from './dates.ts';
import { computeRelated } from './related.ts';
import type { ArticleFrontmatter, ArticleDerived, Publication, TaxonomyTerm } from './schema.ts';
import { toSlug } from './slug.ts';
import { readingMinutes } from './text-stats.ts';

export interface ArticleEntryInput {
  slug: string;
  data: ArticleFrontmatter;
  derived: ArticleDerived;
}

export interface NamedLink {
  name: string;
  slug: string;
}

export interface Article {
  slug: string;
  url: string;
  data: ArticleFrontmatter;
  summary: string;
  wordCount: number;
  readingMinutes: number;
  /** Path of the Markdown file relative to the content root. */
  contentPath: string;
  /** Key of its rendered body in the render cache. */
  renderKey: string;
  authors: NamedLink[];
  /** The original publication, with its page slug. */
  source?: NamedLink;
}

export interface TermGroup {
  id: string;
  name: string;
  description?: string;
  url: string;
  articles: Article[];
}

export interface PublicationGroup extends TermGroup {
  homepage?: string;
}

export interface MonthGroup {
  year: number;
  /** Two digits, as in URLs. */
  month: string;
  url: string;
  articles: Article[];
}

export interface YearGroup {
  year: number;
  url: string;
  articles: Article[];
  months: MonthGroup[];
}

export interface ArchiveIndex {
  /** Published articles, newest first, ties broken by slug. */
  articles: Article[];
  bySlug: ReadonlyMap<string, Article>;
  regions: TermGroup[];
  regionById: ReadonlyMap<string, TermGroup>;
  themes: TermGroup[];
  themeById: ReadonlyMap<string, TermGroup>;
  authors: TermGroup[];
  authorBySlug: ReadonlyMap<string, TermGroup>;
  sources: PublicationGroup[];
  sourceBySlug: ReadonlyMap<string, PublicationGroup>;
  /** Publication registry entry by exact name. */
  publicationByName: ReadonlyMap<string, Publication>;
  /** Every name in the publication registry (authors named like one are organisations). */
  publicationNames: readonly string[];
  years: YearGroup[];
  related: ReadonlyMap<string, string[]>;
}

export interface ArchiveInput {
  articles: readonly ArticleEntryInput[];
  regions: readonly TaxonomyTerm[];
  themes: readonly TaxonomyTerm[];
  publications: readonly Publication[];
  includeDrafts: boolean;
  relatedCount: number;
  wordsPerMinute: number;
}

/** Listing order: newest first; the slug makes the order total, so builds are deterministic. */
export function compareArticles(
  a: { slug: string; data: { published: string } },
  b: { slug: string; data: { published: string } },
): number {
  return b.data.published.localeCompare(a.data.published) || (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0);
}

function byName<T extends { name: string; id: string }>(a: T, b: T): number {
  return a.name.localeCompare(b.name, 'en') || (a.id < b.id ? -1 : 1);
}

export function buildArchiveIndex(input: ArchiveInput): ArchiveIndex {
  const authorNames = new Map<string, string>();
  const sourceNames = new Map<string, string>();
  const link = (names: Map<string, string>, name: string): NamedLink => {
    const slug = toSlug(name, 'unnamed');
    if (!names.has(slug)) names.set(slug, name);
    return { name, slug };
  };

  const articles: Article[] = input.articles
    .filter((entry) => input.includeDrafts || !entry.data.draft)
    .slice()
    .sort(compareArticles)
    .map((entry) => ({
      slug: entry.slug,
      url: `/articles/${entry.slug}/`,
      data: entry.data,
      summary: entry.derived.summary,
      wordCount: entry.derived.wordCount,
      readingMinutes: readingMinutes(entry.derived.wordCount, input.wordsPerMinute),
      contentPath: entry.derived.contentPath,
      renderKey: entry.derived.renderKey,
      authors: entry.data.authors.map((name) => link(authorNames, name)),
      source: entry.data.source ? link(sourceNames, entry.data.source.name) : undefined,
    }));

  const group = <G extends TermGroup>(
    groups: Map<string, G>,
    key: string,
    make: () => G,
    article: Article,
  ) => {
    let g = groups.get(key);
    if (!g) groups.set(key, (g = make()));
    // Articles arrive in listing order, so every group stays sorted.
    if (g.articles.at(-1) !== article) g.articles.push(article);
  };

  const termGroups = (terms: readonly TaxonomyTerm[], base: string) =>
    new Map(
      terms.map((t) => [
        t.id,
        {
          id: t.id,
          name: t.name,
          description: t.description,
          url: `/${base}/${t.id}/`,
          articles: [] as Article[],
        },
      ]),
    );
  const regionById = termGroups(input.regions, 'regions');
  const themeById = termGroups(input.themes, 'themes');
  const publicationByName = new Map(input.publications.map((p) => [p.name, p]));
  const sourceBySlug = new Map<string, PublicationGroup>();
  for (const p of input.publications) {
    const slug = toSlug(p.name, 'unnamed');
    if (!sourceBySlug.has(slug)) {
      sourceBySlug.set(slug, {
        id: slug,
        name: p.name,
        description: p.description,
        homepage: p.homepage,
        url: `/sources/${slug}/`,
        articles: [],
      });
    }
  }
  const authorBySlug = new Map<string, TermGroup>();
  const yearByNumber = new Map<number, YearGroup>();
  const monthByKey = new Map<string, MonthGroup>();

  for (const article of articles) {
    for (const id of article.data.regions) regionById.get(id)?.articles.push(article);
    for (const id of article.data.themes) themeById.get(id)?.articles.push(article);
    for (const author of article.authors) {
      group(
        authorBySlug,
        author.slug,
        () => ({
          id: author.slug,
          name: authorNames.get(author.slug) ?? author.name,
          url: `/authors/${author.slug}/`,
          articles: [],
        }),
        article,
      );
    }
    if (article.source) {
      const { slug } = article.source;
      const publication = publicationByName.get(article.source.name);
      group(
        sourceBySlug,
        slug,
        () => ({
          id: slug,
          name: sourceNames.get(slug) ?? slug,
          description: publication?.description,
          homepage: publication?.homepage,
          url: `/sources/${slug}/`,
          articles: [],
        }),
        article,
      );
    }
    const year = yearOf(article.data.published);
    const month = monthKey(article.data.published);
    let yearGroup = yearByNumber.get(year);
    if (!yearGroup) {
      yearGroup = { year, url: `/archive/${year}/`, articles: [], months: [] };
      yearByNumber.set(year, yearGroup);
    }
    yearGroup.articles.push(article);
    let monthGroup = monthByKey.get(`${year}-${month}`);
    if (!monthGroup) {
      monthGroup = { year, month, url: `/archive/${year}/${month}/`, articles: [] };
      monthByKey.set(`${year}-${month}`, monthGroup);
      yearGroup.months.push(monthGroup);
    }
    monthGroup.articles.push(article);
  }

  const related = computeRelated(
    articles.map((a) => ({
      slug: a.slug,
      terms: [...a.data.regions.map((r) => `r:${r}`), ...a.data.themes.map((t) => `t:${t}`)],
    })),
    input.relatedCount,
  );

  return {
    articles,
    bySlug: new Map(articles.map((a) => [a.slug, a])),
    regions: [...regionById.values()].sort(byName),
    regionById,
    themes: [...themeById.values()].sort(byName),
    themeById,
    authors: [...authorBySlug.values()].sort(byName),
    authorBySlug,
    sources: [...sourceBySlug.values()].sort(byName),
    sourceBySlug,
    publicationByName,
    publicationNames: [...publicationByName.keys()],
    // Years newest first; months within a year newest first (articles arrive newest first).
    years: [...yearByNumber.values()].sort((a, b) => b.year - a.year),
    related,
  };
}
