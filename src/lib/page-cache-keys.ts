/**
 * Cache keys for Astro's incremental build (`experimental.incrementalBuild`):
 * a page whose key and code are unchanged since the last build is copied from
 * Astro's cache instead of rendered again, so a rebuild after one edit renders
 * only the pages that show the edited article.
 *
 * A key must change whenever anything its page shows changes, so it hashes
 * every piece of data the page renders:
 *  - what every page may show: the site configuration, the vocabularies and
 *    the publication registry ({@link archiveWideKey}, hashed once per build);
 *  - the page's own props, with the article lists of groups left out (a
 *    listing page shows only its own slice, which `page.items` holds);
 *  - for an article page, the related articles it lists.
 * The code of the page (templates, components, this module) is tracked by
 * Astro itself through the page's module graph.
 */
import { createHash } from 'node:crypto';
import { siteConfig } from '../site.config.ts';
import type { Article, ArchiveIndex } from './archive-index.ts';

const archiveWideKeys = new WeakMap<ArchiveIndex, string>();

/** The hash of everything about the archive that any page may show, computed once per archive. */
function archiveWideKey(archive: ArchiveIndex): string {
  let key = archiveWideKeys.get(archive);
  if (key === undefined) {
    const terms = (groups: readonly { id: string; name: string; description?: string; url: string }[]) =>
      groups.map(({ id, name, description, url }) => ({ id, name, description, url }));
    key = hash([
      siteConfig,
      terms(archive.regions),
      terms(archive.themes),
      terms(archive.sources),
      [...archive.publicationByName.values()],
      archive.publicationNames,
    ]);
    archiveWideKeys.set(archive, key);
  }
  return key;
}

/**
 * Props with the article lists of groups (`group.articles`, `year.months`)
 * reduced to their lengths: no page shows such a list whole (its slice is in
 * `page.items`), and hashing it on every page would cost time in proportion
 * to the archive on each of them.
 */
function withoutArticleLists(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutArticleLists);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [name, inner] of Object.entries(value)) {
    if (name === 'page') out[name] = inner;
    else if ((name === 'articles' || name === 'months') && Array.isArray(inner)) out[name] = inner.length;
    else out[name] = withoutArticleLists(inner);
  }
  return out;
}

/**
 * The hash of each article of the archive, computed once: an article appears
 * in the key of its own page, of the pages that list it as related, and of
 * every listing that shows it, so serialising it again for each of them cost
 * about a tenth of a millisecond per page (2 s of a 10,000-article build, on
 * the rebuild's path to its first page).
 */
const articleHashes = new WeakMap<Article, string>();

function articleHash(article: Article): string {
  let digest = articleHashes.get(article);
  if (digest === undefined) {
    digest = hash(article);
    articleHashes.set(article, digest);
  }
  return digest;
}

/** Marks an article replaced by its hash in a key's input; no other string of a page's data starts so. */
const ARTICLE_MARK = '\u0000article:';

/** The cache key of a page rendered from `props` (params included, to tell pages apart). */
export function pageCacheKey(archive: ArchiveIndex, params: unknown, props: unknown): string {
  return hash([archiveWideKey(archive), params, withoutArticleLists(props)], (_name, value: unknown) =>
    // An article of the archive (the cards of a listing) stands for itself by its hash.
    typeof value === 'object' &&
    value !== null &&
    'slug' in value &&
    typeof value.slug === 'string' &&
    archive.bySlug.get(value.slug) === value
      ? `${ARTICLE_MARK}${articleHash(value as Article)}`
      : value,
  );
}

/**
 * The cache key of an article page: the article itself and the cards of its
 * related articles. It is written `<own>.<whole>`: `<own>` hashes what the
 * page shows of its own article (with the archive-wide data), which is what
 * the page's search record is made of ({@link ownArticleKey}); `<whole>`
 * adds the related articles. (A base64url hash holds no `.`.)
 */
export function articlePageCacheKey(archive: ArchiveIndex, article: Article): string {
  const related = (archive.related.get(article.slug) ?? []).flatMap((slug) => archive.bySlug.get(slug) ?? []);
  const own = hash([archiveWideKey(archive), articleHash(article)]);
  return `${own}.${hash([own, related.map(articleHash)])}`;
}

/**
 * The part of an article page's cache key ({@link articlePageCacheKey}) that
 * changes with the article alone, not with its related articles: the early
 * search indexing orders shards by it (src/integrations/search-index-early.ts),
 * since a related article's edit re-renders a page but leaves its search
 * record as it was. Any other key is returned whole.
 */
export function ownArticleKey(cacheKey: string): string {
  return cacheKey.split('.')[0] ?? cacheKey;
}

function hash(value: unknown, replacer?: (name: string, value: unknown) => unknown): string {
  return createHash('sha256').update(JSON.stringify(value, replacer)).digest('base64url');
}
