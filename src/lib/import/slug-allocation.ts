/**
 * Chooses the slug of an imported article. The slug comes from the title
 * (`articleSlug`: ASCII, at most 80 characters, whole words) and must be
 * unique across all of `articles/`. When another article already uses it, the
 * publication date is appended (`<slug>-2019-11-18`), the title part being
 * shortened first so the whole stays within 80 characters; should that clash
 * too, a counter follows (`-2`, `-3`, …).
 *
 * An existing file with the same slug and the same `published` date is taken
 * to be this very article imported before: the caller reports it (or
 * overwrites it with `--force`) instead of creating a duplicate.
 */
import type { IsoDate } from '../dates.ts';
import { articleSlug, MAX_SLUG_LENGTH, truncateSlug } from '../slug.ts';

export interface ExistingArticle {
  /** Path of the existing file, for messages. */
  path: string;
  /** Its `published` date, when the file could be read. */
  published?: IsoDate;
}

export type SlugAllocation =
  { kind: 'new'; slug: string } | { kind: 'existing'; slug: string; existing: ExistingArticle };

/** The n-th candidate slug: the plain title slug, then dated, then dated with a counter. */
export function candidateSlug(title: string, published: IsoDate, attempt: number): string {
  const base = articleSlug(title);
  if (attempt === 0) return base;
  const suffix = attempt === 1 ? `-${published}` : `-${published}-${attempt}`;
  return `${truncateSlug(base, MAX_SLUG_LENGTH - suffix.length)}${suffix}`;
}

export function allocateSlug(
  title: string,
  published: IsoDate,
  lookup: (slug: string) => ExistingArticle | undefined,
): SlugAllocation {
  for (let attempt = 0; ; attempt++) {
    const slug = candidateSlug(title, published, attempt);
    const existing = lookup(slug);
    if (existing === undefined) return { kind: 'new', slug };
    if (existing.published === published) return { kind: 'existing', slug, existing };
  }
}
