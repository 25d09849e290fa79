/**
 * The attribution facts a page shows about an article's origin: where it was
 * first published, the link to follow, and the copyright line.
 */
import { yearOf } from './dates.ts';
import type { ArticleFrontmatter, Publication } from './schema.ts';

/** The link for "The original source of this article is …": the article, else the publication's homepage. */
export function originalSourceUrl(
  data: Pick<ArticleFrontmatter, 'source'>,
  publication: Pick<Publication, 'homepage'> | undefined,
): string | undefined {
  return data.source?.url ?? publication?.homepage;
}

export interface Copyright {
  holder: string;
  year: number;
}

/**
 * The copyright notice as the contract defines it: the explicit `copyright`
 * field, else the authors, the original publication (or this site) and the
 * year of the original publication (or of publication here).
 */
export function deriveCopyright(
  data: Pick<ArticleFrontmatter, 'copyright' | 'authors' | 'source' | 'published'>,
  siteName: string,
): Copyright {
  if (data.copyright) return data.copyright;
  return {
    holder: [...data.authors, data.source?.name ?? siteName].join(', '),
    year: yearOf(data.source?.published ?? data.published),
  };
}

export function copyrightLine(copyright: Copyright): string {
  return `Copyright © ${copyright.holder}, ${copyright.year}`;
}

/** "A", "A and B", "A, B and C": how bylines and "Articles by" list people. */
export function joinNames(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}
