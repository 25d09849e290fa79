/**
 * Splits a listing into pages with `/page/2/`-style URLs. Astro's `paginate()`
 * only makes `/2/` URLs, so listings use this instead; it is pure and tested.
 */
export interface Page<T> {
  items: T[];
  /** 1-based. */
  number: number;
  lastPage: number;
  total: number;
  /** Index of the first item on this page in the whole listing (0-based). */
  start: number;
  url: string;
  prevUrl?: string;
  nextUrl?: string;
  /** The rest parameter of the route: undefined on page 1, `page/2` after. */
  param: string | undefined;
}

/** URL of page `n` of a listing rooted at `basePath` (which ends with `/`). */
export function pageUrl(basePath: string, n: number): string {
  return n <= 1 ? basePath : `${basePath}page/${n}/`;
}

export function paginate<T>(items: readonly T[], pageSize: number, basePath: string): Page<T>[] {
  if (pageSize < 1) throw new Error('pageSize must be at least 1');
  const lastPage = Math.max(1, Math.ceil(items.length / pageSize));
  return Array.from({ length: lastPage }, (_, index) => {
    const number = index + 1;
    return {
      items: items.slice(index * pageSize, number * pageSize),
      number,
      lastPage,
      total: items.length,
      start: index * pageSize,
      url: pageUrl(basePath, number),
      prevUrl: number > 1 ? pageUrl(basePath, number - 1) : undefined,
      nextUrl: number < lastPage ? pageUrl(basePath, number + 1) : undefined,
      param: number === 1 ? undefined : `page/${number}`,
    };
  });
}
