/**
 * XML sitemaps (https://www.sitemaps.org/protocol.html): an index file and
 * one or more URL sets of at most `splitSize` URLs each (the protocol caps a
 * file at 50,000). Pure: entries in, file names and XML out.
 */
import { normaliseText, parseArticleFile } from './frontmatter.ts';
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
 *
 * Parsing the YAML of every article again cost the sitemap 78 s at 100,000
 * articles, so frontmatter in plain block style (top-level `key: value` lines,
 * the shape of nearly every article) is read with {@link plainFrontmatterDates};
 * anything else goes through the YAML parser.
 */
export function articleLastmod(text: string): { lastmod: string } | undefined {
  const plain = plainFrontmatterDates(text);
  const { published, updated, draft } = plain ?? yamlFrontmatterDates(text) ?? {};
  if (draft === true) return undefined;
  const date = typeof updated === 'string' ? updated : typeof published === 'string' ? published : undefined;
  return date && /^\d{4}-\d{2}-\d{2}$/.test(date) ? { lastmod: date } : undefined;
}

interface FrontmatterDates {
  published?: unknown;
  updated?: unknown;
  draft?: unknown;
}

function yamlFrontmatterDates(text: string): FrontmatterDates | undefined {
  const { data } = parseArticleFile(text);
  return data && typeof data === 'object' ? (data as FrontmatterDates) : undefined;
}

/** A line of plain block-style frontmatter: a top-level key, an indented line, a comment or nothing. */
const PLAIN_LINE = /^(?:[A-Za-z_][\w-]*:(?:[ \t].*)?|[ \t].*|#.*)?$/;
const DATE_VALUE = /^[ \t]*(["']?)(\d{4}-\d{2}-\d{2})\1[ \t]*(?:#.*)?$/;
const BOOLEAN_VALUE = /^[ \t]*(true|True|TRUE|false|False|FALSE)[ \t]*(?:#.*)?$/;

/**
 * `published`, `updated` and `draft` read line by line, or undefined when the
 * frontmatter is not plain block style or one of them is written in a way
 * only the YAML parser can be trusted with (then it decides).
 */
export function plainFrontmatterDates(rawText: string): FrontmatterDates | undefined {
  const text = normaliseText(rawText);
  if (!text.startsWith('---\n')) return undefined;
  const end = /^---[ \t]*$/m.exec(text.slice(4));
  if (!end) return undefined;
  const found: FrontmatterDates = {};
  for (const line of text.slice(4, 4 + end.index).split('\n')) {
    if (!PLAIN_LINE.test(line)) return undefined;
    const key = /^(published|updated|draft):/.exec(line)?.[1] as keyof FrontmatterDates | undefined;
    if (!key) continue;
    if (key in found) return undefined;
    const value = line.slice(key.length + 1);
    if (key === 'draft') {
      const match = BOOLEAN_VALUE.exec(value);
      if (!match?.[1]) return undefined;
      found.draft = match[1].toLowerCase() === 'true';
    } else {
      const match = DATE_VALUE.exec(value);
      if (!match?.[2]) return undefined;
      found[key] = match[2];
    }
  }
  return found;
}
