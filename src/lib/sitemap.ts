/**
 * XML sitemaps (https://www.sitemaps.org/protocol.html): an index file and
 * one or more URL sets of at most `splitSize` URLs each (the protocol caps a
 * file at 50,000). Pure: entries in, file names and XML out.
 */
import { parseArticleFile } from './frontmatter.ts';
import { escapeXml } from './xml.ts';

/** The protocol's limit of URLs per sitemap file. */
export const SITEMAP_URL_LIMIT = 50_000;

export const SITEMAP_INDEX_NAME = 'sitemap-index.xml';

export interface SitemapEntry {
  /** Absolute URL. */
  loc: string;
  /** `YYYY-MM-DD`. */
  lastmod?: string | undefined;
}

export interface SitemapFile {
  /** File name at the site root, e.g. `sitemap-0.xml`. */
  name: string;
  xml: string;
}

export interface SitemapOptions {
  /** Absolute URL of the site, without trailing slash. */
  site: string;
  /** URLs per file; the protocol allows at most 50,000. */
  splitSize?: number;
}

const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';
const SITEMAP_NS = 'http://www.sitemaps.org/schemas/sitemap/0.9';

function urlSet(entries: readonly SitemapEntry[]): string {
  const urls = entries.map(
    (e) =>
      `<url><loc>${escapeXml(e.loc)}</loc>${e.lastmod ? `<lastmod>${escapeXml(e.lastmod)}</lastmod>` : ''}</url>`,
  );
  return `${XML_DECLARATION}<urlset xmlns="${SITEMAP_NS}">\n${urls.join('\n')}\n</urlset>\n`;
}

/**
 * The index and its URL sets. Entries are sorted by URL and deduplicated, so
 * the output does not depend on the order pages were built in.
 */
export function buildSitemaps(entries: readonly SitemapEntry[], options: SitemapOptions): SitemapFile[] {
  const splitSize = options.splitSize ?? SITEMAP_URL_LIMIT;
  if (!Number.isInteger(splitSize) || splitSize < 1 || splitSize > SITEMAP_URL_LIMIT) {
    throw new RangeError(`sitemap split size must be a whole number from 1 to ${SITEMAP_URL_LIMIT}`);
  }
  const byLoc = new Map<string, SitemapEntry>();
  for (const entry of entries) if (!byLoc.has(entry.loc)) byLoc.set(entry.loc, entry);
  const sorted = [...byLoc.values()].sort((a, b) => (a.loc < b.loc ? -1 : a.loc > b.loc ? 1 : 0));

  const sets: (SitemapFile & { lastmod?: string | undefined })[] = [];
  for (let start = 0; start === 0 || start < sorted.length; start += splitSize) {
    const chunk = sorted.slice(start, start + splitSize);
    const newest = chunk
      .flatMap((e) => e.lastmod ?? [])
      .sort()
      .at(-1);
    sets.push({ name: `sitemap-${sets.length}.xml`, xml: urlSet(chunk), lastmod: newest });
  }
  const index = sets.map((set) => {
    const loc = escapeXml(new URL(set.name, `${options.site}/`).href);
    return `<sitemap><loc>${loc}</loc>${set.lastmod ? `<lastmod>${escapeXml(set.lastmod)}</lastmod>` : ''}</sitemap>`;
  });
  return [
    {
      name: SITEMAP_INDEX_NAME,
      xml: `${XML_DECLARATION}<sitemapindex xmlns="${SITEMAP_NS}">\n${index.join('\n')}\n</sitemapindex>\n`,
    },
    ...sets.map(({ name, xml }) => ({ name, xml })),
  ];
}

/**
 * Which built pages belong in the sitemap: HTML pages (directory URLs) but
 * the 404 page and any path in `exclude`. `pathname` is as Astro reports it:
 * relative, '' for the home page.
 */
export function sitemapPaths(pathnames: readonly string[], exclude: readonly string[] = []): string[] {
  const excluded = new Set(['/404/', ...exclude]);
  return pathnames.map((p) => `/${p.replace(/^\/+/, '')}`).filter((p) => p.endsWith('/') && !excluded.has(p));
}

/**
 * `lastmod` of an article file: `updated`, else `published`; undefined for
 * drafts and unreadable files (the content loader reports those).
 */
export function articleLastmod(text: string): { lastmod: string } | undefined {
  const { data } = parseArticleFile(text);
  if (!data || typeof data !== 'object') return undefined;
  const { published, updated, draft } = data as Record<string, unknown>;
  if (draft === true) return undefined;
  const date = typeof updated === 'string' ? updated : typeof published === 'string' ? published : undefined;
  return date && /^\d{4}-\d{2}-\d{2}$/.test(date) ? { lastmod: date } : undefined;
}
