/**
 * Related articles: up to N others sharing the most regions and themes, more
 * recent first. Computed once for the whole collection.
 *
 * Scanning every article for every article is quadratic (10^10 steps at
 * 100,000 articles). Articles with the same set of terms have the same related
 * list (but for themselves), so the work is done once per distinct term set
 * ("signature"), and only over signatures that share at least one term.
 */

export interface RelatedInput {
  slug: string;
  /** Region and theme ids, already distinct; prefix them so a region and theme id never collide. */
  terms: readonly string[];
}

/**
 * @param articles in listing order (newest first, ties by slug): the order
 *   in which equally related articles are preferred.
 * @returns slug → related slugs, best first.
 */
export function computeRelated(articles: readonly RelatedInput[], count: number): Map<string, string[]> {
  interface Signature {
    terms: string[];
    /** Indexes into `articles`, ascending = newest first. */
    members: number[];
  }
  const signatures = new Map<string, Signature>();
  const signatureOf: Signature[] = [];
  articles.forEach((article, index) => {
    const terms = [...new Set(article.terms)].sort();
    const key = terms.join('\u0000');
    let signature = signatures.get(key);
    if (!signature) {
      signature = { terms, members: [] };
      signatures.set(key, signature);
    }
    signature.members.push(index);
    signatureOf.push(signature);
  });

  const signaturesByTerm = new Map<string, Signature[]>();
  for (const signature of signatures.values()) {
    for (const term of signature.terms) {
      let list = signaturesByTerm.get(term);
      if (!list) signaturesByTerm.set(term, (list = []));
      list.push(signature);
    }
  }

  // One more than needed, so excluding the article itself still leaves `count`.
  const wanted = count + 1;
  const candidatesBySignature = new Map<Signature, number[]>();
  for (const signature of signatures.values()) {
    if (signature.terms.length === 0) {
      candidatesBySignature.set(signature, []);
      continue;
    }
    const shared = new Map<Signature, number>();
    for (const term of signature.terms) {
      for (const other of signaturesByTerm.get(term) ?? []) {
        shared.set(other, (shared.get(other) ?? 0) + 1);
      }
    }
    const byScore = new Map<number, Signature[]>();
    for (const [other, score] of shared) {
      let list = byScore.get(score);
      if (!list) byScore.set(score, (list = []));
      list.push(other);
    }
    const picked: number[] = [];
    for (const score of [...byScore.keys()].sort((a, b) => b - a)) {
      if (picked.length >= wanted) break;
      // Newest first among equally related articles: merge the heads of each member list.
      const heads = (byScore.get(score) ?? []).flatMap((s) => s.members.slice(0, wanted));
      heads.sort((a, b) => a - b);
      picked.push(...heads.slice(0, wanted - picked.length));
    }
    candidatesBySignature.set(signature, picked);
  }

  const related = new Map<string, string[]>();
  articles.forEach((article, index) => {
    const candidates = candidatesBySignature.get(signatureOf[index] as Signature) ?? [];
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
