/**
 * Structured data of an article page: a schema.org `NewsArticle` in JSON-LD.
 * The page is the archive's own (`mainEntityOfPage`, `url`): the original is
 * credited through `isBasedOn`, `sourceOrganization` and the copyright fields,
 * not through a cross-domain canonical, which Lighthouse fails and which is
 * not what syndication guidance recommends for republished text.
 */
import { deriveCopyright } from './attribution.ts';
import { authorKind } from './author-kind.ts';
import { toIsoTimestamp } from './dates.ts';
import type { ArticleFrontmatter, Publication } from './schema.ts';

export interface NewsArticleInput {
  data: Pick<
    ArticleFrontmatter,
    'title' | 'subtitle' | 'authors' | 'published' | 'updated' | 'source' | 'copyright' | 'language'
  >;
  /** Absolute URL of the article's page in the archive. */
  pageUrl: string;
  /** The summary shown in listings and the meta description. */
  description?: string;
  /** URLs cited in the body, distinct, in order (the citations of the rendered article). */
  citedUrls?: readonly string[];
  /** The publication of `source.name` from sources.yaml, when listed. */
  publication?: Pick<Publication, 'name' | 'homepage'>;
  /** Names of known publications, so authors named like them are organisations. */
  knownPublications?: readonly string[];
  /** Absolute URL of the article's image, when it has one. */
  imageUrl?: string;
  /** The archive: the publisher of this page. */
  site: { name: string; url: string; language: string };
}

type Agent = { '@type': 'Person' | 'Organization'; name: string; url?: string };

export function buildNewsArticleJsonLd(input: NewsArticleInput): Record<string, unknown> {
  const { data, pageUrl, site, publication } = input;
  const known = [
    ...(input.knownPublications ?? []),
    ...(data.source ? [data.source.name] : []),
    ...(publication ? [publication.name] : []),
  ];
  const agent = (name: string): Agent => {
    const kind = authorKind(name, known);
    const url =
      kind === 'Organization' && publication?.homepage && name.trim() === publication.name.trim()
        ? publication.homepage
        : undefined;
    return { '@type': kind, name: name.trim(), ...(url ? { url } : {}) };
  };
  const copyright = deriveCopyright(data, site.name);
  const cited = [...new Set(input.citedUrls ?? [])];

  return stripUndefined({
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    '@id': `${pageUrl}#article`,
    headline: data.title.trim(),
    alternativeHeadline: data.subtitle,
    description: input.description,
    author: data.authors.map(agent),
    datePublished: toIsoTimestamp(data.published),
    dateModified: toIsoTimestamp(data.updated ?? data.published),
    isBasedOn: data.source?.url,
    sourceOrganization: data.source
      ? {
          '@type': 'Organization',
          name: data.source.name,
          ...(publication?.homepage ? { url: publication.homepage } : {}),
        }
      : undefined,
    citation: cited.length > 0 ? cited : undefined,
    copyrightHolder: agent(copyright.holder),
    copyrightYear: copyright.year,
    publisher: { '@type': 'Organization', name: site.name, url: site.url },
    image: input.imageUrl ? [input.imageUrl] : undefined,
    inLanguage: data.language ?? site.language,
    url: pageUrl,
    mainEntityOfPage: { '@type': 'WebPage', '@id': pageUrl },
  });
}

function stripUndefined(object: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined));
}

/**
 * JSON for a `<script type="application/ld+json">` element. `<`, `>` and `&`
 * become JSON escapes so no string (a title with `</script>` or `<!--`) can end
 * or alter the element, and U+2028/U+2029 are escaped for old JavaScript
 * parsers. The result is still exactly the same JSON value.
 */
export function serializeJsonLd(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
