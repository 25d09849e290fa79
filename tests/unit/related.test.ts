import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeRelated, type RelatedInput } from '../../src/lib/related.ts';

/** The definition, by brute force: every other article scored by shared terms, newer first on ties. */
function bruteForce(articles: readonly RelatedInput[], count: number): Map<string, string[]> {
  const sets = articles.map((a) => new Set(a.terms));
  return new Map(
    articles.map((article, index) => {
      const scored = articles
        .map((_, other) => ({
          other,
          score: [...(sets[index] ?? [])].filter((t) => sets[other]?.has(t)).length,
        }))
        .filter(({ other, score }) => other !== index && score > 0)
        .sort((a, b) => b.score - a.score || a.other - b.other);
      return [article.slug, scored.slice(0, count).map(({ other }) => articles[other]?.slug ?? '')];
    }),
  );
}

/** Articles in listing order: index 0 is the newest. */
const articles = [
  { slug: 'newest-europe-military', terms: ['r:europe', 't:military'] },
  { slug: 'europe-only', terms: ['r:europe'] },
  { slug: 'europe-military-older', terms: ['r:europe', 't:military'] },
  { slug: 'asia-economy', terms: ['r:asia', 't:economy'] },
  { slug: 'military-only', terms: ['t:military'] },
  { slug: 'oldest-europe-military-usa', terms: ['r:europe', 't:military', 'r:usa'] },
  { slug: 'no-terms', terms: [] },
];

describe('computeRelated', () => {
  const related = computeRelated(articles, 5);

  it('ranks by the number of shared terms first', () => {
    // Two shared terms (newest first), then one shared term (newest first).
    expect(related.get('newest-europe-military')).toEqual([
      'europe-military-older',
      'oldest-europe-military-usa',
      'europe-only',
      'military-only',
    ]);
  });

  it('breaks ties by recency: the newer of equally related articles comes first', () => {
    expect(related.get('europe-only')).toEqual([
      'newest-europe-military',
      'europe-military-older',
      'oldest-europe-military-usa',
    ]);
    expect(related.get('military-only')).toEqual([
      'newest-europe-military',
      'europe-military-older',
      'oldest-europe-military-usa',
    ]);
  });

  it('never lists an article as related to itself', () => {
    for (const [slug, list] of related) expect(list).not.toContain(slug);
  });

  it('gives nothing to an article that shares no term with any other', () => {
    expect(related.get('asia-economy')).toEqual([]);
    expect(related.get('no-terms')).toEqual([]);
  });

  it('caps the list at the count', () => {
    expect(computeRelated(articles, 2).get('newest-europe-military')).toEqual([
      'europe-military-older',
      'oldest-europe-military-usa',
    ]);
  });

  it('keeps the cap when many articles share the same term set', () => {
    const same = Array.from({ length: 12 }, (_, i) => ({ slug: `s${i}`, terms: ['t:x'] }));
    const result = computeRelated(same, 5);
    expect(result.get('s0')).toEqual(['s1', 's2', 's3', 's4', 's5']);
    expect(result.get('s3')).toEqual(['s0', 's1', 's2', 's4', 's5']);
  });

  it('gives exactly what scoring every pair gives, on any collection', () => {
    // Twelve terms, so some articles have more than the eight indexed by subset.
    const term = fc.constantFrom(...'abcdef'.split('').flatMap((c) => [`r:${c}`, `t:${c}`]));
    fc.assert(
      fc.property(
        fc.array(fc.array(term, { maxLength: 12 }), { maxLength: 60 }),
        fc.integer({ min: 1, max: 6 }),
        (termLists, count) => {
          const input = termLists.map((terms, i) => ({ slug: `a${i}`, terms: [...new Set(terms)] }));
          expect(computeRelated(input, count)).toEqual(bruteForce(input, count));
        },
      ),
      { numRuns: 300 },
    );
  });
});
