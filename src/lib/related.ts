/**
 * Related articles: up to N others sharing the most regions and themes, more
 * recent first. Computed once for the whole collection.
 *
 * Scoring every article against every other is quadratic (10^10 steps at
 * 100,000 articles), and so was comparing every distinct term set with every
 * other: at 100,000 articles of the benchmark corpus (about 25,000 distinct
 * sets of regions and themes) that took minutes. This works from the other
 * side. For every subset U of an article's terms we keep the newest N + 1
 * articles whose terms include U (one pass over the collection). The
 * articles sharing exactly k terms with a term set T are found among the
 * lists of T's k-subsets, and the lists are long enough: if an article
 * sharing k terms is missing from the list of its shared subset, that list
 * holds N + 1 newer articles sharing at least k terms, which fill the result
 * before level k is reached. Levels are taken from |T| down, newest first
 * within a level, until N + 1 are picked (one more than needed, so leaving
 * out the article itself still leaves N). Work per term set is bounded by
 * the number of its subsets, not by the collection.
 *
 * An article with more than {@link MAX_INDEXED_TERMS} terms would have too
 * many subsets to list: such "wide" articles are scored directly against each
 * term set instead, and a wide term set is scored against every article.
 * Both are rare in a real archive; in a corpus made only of them this is as
 * slow as scoring every pair, never wrong.
 */

/** Articles with more terms than this are scored one by one rather than indexed by subset (2^8 subsets at most). */
const MAX_INDEXED_TERMS = 8;

export interface RelatedInput {
  slug: string;
  /** Region and theme ids, already distinct; prefix them so a region and theme id never collide. */
  terms: readonly string[];
}

/** Calls `visit` with the key of every non-empty subset of `terms` (sorted, distinct) of size `size`, or of any size. */
function forEachSubset(terms: readonly string[], visit: (key: string) => void, size?: number): void {
  const subsets = 2 ** terms.length;
  for (let mask = 1; mask < subsets; mask++) {
    const chosen: string[] = [];
    for (let bit = 0; bit < terms.length; bit++) if (mask & (2 ** bit)) chosen.push(terms[bit] as string);
    if (size === undefined || chosen.length === size) visit(chosen.join('\u0000'));
  }
}

/**
 * @param articles in listing order (newest first, ties by slug): the order
 *   in which equally related articles are preferred.
 * @returns slug → related slugs, best first.
 */
export function computeRelated(articles: readonly RelatedInput[], count: number): Map<string, string[]> {
  const wanted = count + 1;
  const termsOf = articles.map((article) => [...new Set(article.terms)].sort());

  const sharedCount = (terms: readonly string[], other: number): number => {
    const otherTerms = termsOf[other] as string[];
    return terms.reduce((n, term) => (otherTerms.includes(term) ? n + 1 : n), 0);
  };

  // Subset key → indexes of the newest `wanted` articles whose terms include it;
  // wide articles are kept aside.
  const newestWith = new Map<string, number[]>();
  const wide: number[] = [];
  termsOf.forEach((terms, index) => {
    if (terms.length > MAX_INDEXED_TERMS) {
      wide.push(index);
      return;
    }
    forEachSubset(terms, (key) => {
      let list = newestWith.get(key);
      if (!list) newestWith.set(key, (list = []));
      if (list.length < wanted) list.push(index);
    });
  });

  /** Indexes of the `wanted` best candidates for an article with these terms (itself possibly among them). */
  const candidatesFor = (terms: readonly string[]): number[] => {
    if (terms.length > MAX_INDEXED_TERMS) {
      return termsOf
        .map((_, other) => ({ other, shared: sharedCount(terms, other) }))
        .filter(({ shared }) => shared > 0)
        .sort((a, b) => b.shared - a.shared || a.other - b.other)
        .slice(0, wanted)
        .map(({ other }) => other);
    }
    const wideScores = wide.map((other) => ({ other, score: sharedCount(terms, other) }));
    const picked: number[] = [];
    const taken = new Set<number>();
    for (let shared = terms.length; shared >= 1 && picked.length < wanted; shared--) {
      const level = new Set<number>();
      forEachSubset(
        terms,
        (key) => {
          for (const index of newestWith.get(key) ?? []) if (!taken.has(index)) level.add(index);
        },
        shared,
      );
      for (const { other, score } of wideScores) if (score === shared) level.add(other);
      for (const index of [...level].sort((a, b) => a - b).slice(0, wanted - picked.length)) {
        picked.push(index);
        taken.add(index);
      }
    }
    return picked;
  };

  const candidatesByTerms = new Map<string, number[]>();
  const related = new Map<string, string[]>();
  articles.forEach((article, index) => {
    const terms = termsOf[index] as string[];
    const key = terms.join('\u0000');
    let candidates = candidatesByTerms.get(key);
    if (!candidates) candidatesByTerms.set(key, (candidates = candidatesFor(terms)));
    related.set(
      article.slug,
      candidates
        .filter((i) => i !== index)
        .slice(0, count)
        .map((i) => (articles[i] as RelatedInput).slug),
    );
  });
  return related;
}
