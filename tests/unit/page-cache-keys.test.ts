/**
 * Cache keys of the incremental build (src/lib/page-cache-keys.ts): a page's
 * key changes with anything it shows (its article, a related article, a card
 * of its listing) and with nothing else. Articles enter keys by their hashes,
 * computed once per article; these tests hold that to the same promise.
 */
import { describe, expect, it } from 'vitest';
import { articlePageCacheKey, ownArticleKey, pageCacheKey } from '../../src/lib/page-cache-keys.ts';
import { smallArchive, type Draftable } from './reach/archive-helpers.ts';

const ENTRIES: Record<string, Draftable> = {
  first: { title: 'First', published: '2020-01-01', regions: ['europe'], themes: ['military'] },
  second: { title: 'Second', published: '2020-02-01', regions: ['europe'], themes: ['military'] },
  third: { title: 'Third', published: '2020-03-01', regions: ['usa'] },
};

/** The archive with one article's frontmatter changed. */
function edited(slug: string, change: Partial<Draftable>) {
  return smallArchive({ ...ENTRIES, [slug]: { ...ENTRIES[slug], ...change } as Draftable });
}

/** A listing page's props as the routes give them: a slice of the group's articles in `page.items`. */
function listingProps(archive: ReturnType<typeof smallArchive>, region: string) {
  const group = archive.regionById.get(region);
  return { group, page: { number: 1, items: group?.articles.slice(0, 20) ?? [] } };
}

describe('page cache keys', () => {
  it('are the same for the same data, in another archive object', () => {
    const [a, b] = [smallArchive(ENTRIES), smallArchive(ENTRIES)];
    const article = (archive: typeof a) => archive.bySlug.get('first');
    expect(articlePageCacheKey(a, article(a)!)).toBe(articlePageCacheKey(b, article(b)!));
    expect(pageCacheKey(a, { region: 'europe' }, listingProps(a, 'europe'))).toBe(
      pageCacheKey(b, { region: 'europe' }, listingProps(b, 'europe')),
    );
  });

  it("change with the page's article and with its related articles, not with others", () => {
    const base = smallArchive(ENTRIES);
    const key = (archive: typeof base) => articlePageCacheKey(archive, archive.bySlug.get('first')!);
    const related = base.related.get('first') ?? [];
    expect(related).toContain('second');
    expect(related).not.toContain('third');
    expect(key(edited('first', { title: 'First, corrected' }))).not.toBe(key(base));
    expect(key(edited('second', { title: 'Second, corrected' }))).not.toBe(key(base));
    expect(key(edited('third', { title: 'Third, corrected' }))).toBe(key(base));
  });

  it("of an article page have a part that changes with the page's article alone, not with a related one", () => {
    const base = smallArchive(ENTRIES);
    const own = (archive: typeof base) =>
      ownArticleKey(articlePageCacheKey(archive, archive.bySlug.get('first')!));
    expect(own(base)).not.toBe(articlePageCacheKey(base, base.bySlug.get('first')!));
    expect(own(edited('first', { title: 'First, corrected' }))).not.toBe(own(base));
    expect(own(edited('second', { title: 'Second, corrected' }))).toBe(own(base));
    // Another page's key is its own part whole.
    expect(ownArticleKey('abc')).toBe('abc');
  });

  it("of a listing change with any card's article, and with the page's own data", () => {
    const base = smallArchive(ENTRIES);
    const key = (archive: typeof base, params: unknown = { region: 'europe' }) =>
      pageCacheKey(archive, params, listingProps(archive, 'europe'));
    expect(key(edited('second', { title: 'Second, corrected' }))).not.toBe(key(base));
    expect(key(edited('first', { authors: ['Someone Else'] }))).not.toBe(key(base));
    // An article the listing does not show leaves it alone.
    expect(key(edited('third', { title: 'Third, corrected' }))).toBe(key(base));
    expect(key(base, { region: 'europe', page: '2' })).not.toBe(key(base));
    const props = listingProps(base, 'europe');
    expect(pageCacheKey(base, {}, { ...props, page: { ...props.page, number: 2 } })).not.toBe(
      pageCacheKey(base, {}, props),
    );
  });
});
