/**
 * Static paths of every listing route, computed from the shared archive index.
 * Each page receives only its own slice of articles.
 */
import { siteConfig } from '../site.config.ts';
import type { ArchiveIndex, Article, TermGroup } from './archive-index.ts';
import { pageCacheKey } from './page-cache-keys.ts';
import { paginate, type Page } from './pagination.ts';

export interface ListingProps {
  page: Page<Article>;
}

/** Paths for one paginated listing rooted at `basePath`; `extra` names the other route params. */
export function listingPaths<P extends Record<string, string | undefined>>(
  archive: ArchiveIndex,
  articles: readonly Article[],
  basePath: string,
  extra: P,
  props: Record<string, unknown> = {},
) {
  return paginate(articles, siteConfig.pageSize, basePath).map((page) => {
    const path = { params: { ...extra, page: page.param }, props: { ...props, page } };
    return { ...path, cacheKey: pageCacheKey(archive, path.params, path.props) };
  });
}

/** Paths for every paginated group of a kind (regions, themes, authors, sources). */
export function groupPaths<G extends TermGroup>(
  archive: ArchiveIndex,
  groups: readonly G[],
  paramName: string,
) {
  return groups.flatMap((group) =>
    listingPaths(archive, group.articles, group.url, { [paramName]: group.id }, { group }),
  );
}
