/**
 * Everything an article page needs to credit its sources, computed in one
 * place so the page only renders: the props of SourcesSection and CiteThis,
 * and the NewsArticle JSON-LD. Pure.
 */
import { originalSourceUrl } from './attribution.ts';
import { apaCitation, bibtexCitation } from './citation.ts';
import type { ArticleFrontmatter, Publication } from './schema.ts';
import { buildNewsArticleJsonLd } from './structured-data.ts';
import { waybackUrl } from './wayback.ts';
import type { Citation } from '../markdown/render.ts';

export interface ArticleSourcesInput {
  slug: string;
  data: Pick<
    ArticleFrontmatter,
    'title' | 'subtitle' | 'authors' | 'published' | 'updated' | 'source' | 'copyright' | 'language'
  >;
  /** The citations of the rendered body. */
  citations: readonly Citation[];
  /** The entry of `source.name` in sources.yaml, when listed. */
  publication?: Publication | undefined;
  /** Every publication name of sources.yaml, so authors named like one are organisations. */
  knownPublications?: readonly string[];
  /** Summary for the JSON-LD description. */
  summary?: string | undefined;
  /** The article image's URL, absolute or root-relative. */
  imageUrl?: string | undefined;
  site: { name: string; url: string; language: string };
}

export interface OriginalSource {
  name: string;
  url?: string;
  published?: string;
  archivedUrl?: string;
}

export interface ArticleSources {
  /** Props of SourcesSection's `original`; undefined when the article was first published here. */
  original: OriginalSource | undefined;
  citations: Citation[];
  apa: string;
  bibtex: string;
  jsonLd: Record<string, unknown>;
  /** The archive page's absolute URL (canonical). */
  pageUrl: string;
}

export function articleSources(input: ArticleSourcesInput): ArticleSources {
  const { data, site, publication } = input;
  const pageUrl = new URL(`/articles/${input.slug}/`, site.url).href;
  let original: OriginalSource | undefined;
  if (data.source) {
    const url = originalSourceUrl(data, publication);
    // The snapshot nearest the original publication; failing that, the day it came here.
    const snapshotDate = data.source.published ?? data.published;
    original = {
      name: data.source.name,
      ...(url ? { url, archivedUrl: waybackUrl(url, snapshotDate) } : {}),
      ...(data.source.published ? { published: data.source.published } : {}),
    };
  }
  const knownPublications = input.knownPublications ?? [];
  const citationInput = { data, pageUrl, siteName: site.name, knownPublications };
  return {
    original,
    citations: [...input.citations],
    apa: apaCitation(citationInput),
    bibtex: bibtexCitation(citationInput),
    jsonLd: buildNewsArticleJsonLd({
      data,
      pageUrl,
      citedUrls: input.citations.map((c) => c.url),
      knownPublications,
      site,
      ...(publication ? { publication } : {}),
      ...(input.summary ? { description: input.summary } : {}),
      ...(input.imageUrl ? { imageUrl: new URL(input.imageUrl, site.url).href } : {}),
    }),
    pageUrl,
  };
}
