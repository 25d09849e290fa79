/**
 * Static paths of every listing route, computed from the shared archive index.
 * Each page receives only its own slice of articles.
 */
import { siteConfig } from '../site.config.ts';
import type { Article, TermGroup } from './archive-index.ts';
import { paginate, type Page } from './pagination.ts';

export interface ListingProps {
  page: Page<Article>;
}

/** Paths for one paginated listing rooted at `basePath`; `extra` names the other route params. */
export function listingPaths<P extends Record<string, string | undefined>>(
  articles: readonly Article[],
  basePath: string,
  extra: P,
  props: Record<string, unknown> = {},
) {
  return paginate(articles, siteConfig.pageSize, basePath).map((page) => ({
    params: { ...extra, page: page.param },
    props: { ...props, page },
  }));
}

/** Paths for every paginated group of a kind (regions, themes, authors, sources). */
export function groupPaths<G extends TermGroup>(groups: readonly G[], paramName: string) {
  return groups.flatMap((group) =>
    listingPaths(group.articles, group.url, { [paramName]: group.id }, { group }),
  );
}
