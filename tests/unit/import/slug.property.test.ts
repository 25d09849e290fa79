/**
 * Property tests of the importer's slugs: for any title (and any clash), the
 * slug is valid for the contract, deterministic, and at most 80 characters.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isRealIsoDate } from '../../../src/lib/dates.ts';
import { allocateSlug, candidateSlug } from '../../../src/lib/import/slug-allocation.ts';
import { articleSlug, MAX_SLUG_LENGTH, SLUG_PATTERN } from '../../../src/lib/slug.ts';

/**
 * Titles mixing ASCII, accented Latin, other scripts, symbols, emoji and whitespace.
 * `size: 'max'` matters: by default fast-check keeps strings and arrays short, and
 * the interesting cases (cutting at 80 characters, dated suffixes) need long titles.
 */
const title = fc.oneof(
  fc.string({ maxLength: 400, size: 'max' }),
  fc.string({ unit: 'grapheme', maxLength: 200, size: 'max' }),
  fc
    .array(fc.stringMatching(/^[A-Za-z0-9]{1,14}$/), { minLength: 8, maxLength: 40, size: 'max' })
    .map((words) => words.join(' ')),
  fc
    .array(
      fc.constantFrom(
        'Vučić',
        'Łódź',
        'Đoković',
        'S-400',
        'US',
        '&',
        '—',
        'Москва',
        '北京',
        '🙂',
        'ß',
        'Æther',
        '--',
        ' ',
      ),
      { maxLength: 60, size: 'max' },
    )
    .map((words) => words.join(' ')),
);
const isoDate = fc
  .date({ min: new Date(Date.UTC(1900, 0, 1)), max: new Date(Date.UTC(2100, 11, 31)), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10))
  .filter(isRealIsoDate);

describe('articleSlug', () => {
  it('is always valid for the contract and at most 80 characters', () => {
    fc.assert(
      fc.property(title, (t) => {
        const slug = articleSlug(t);
        expect(slug).toMatch(SLUG_PATTERN);
        expect(slug.length).toBeLessThanOrEqual(MAX_SLUG_LENGTH);
      }),
      { numRuns: 2000 },
    );
  });

  it('is deterministic', () => {
    fc.assert(
      fc.property(title, (t) => articleSlug(t) === articleSlug(`${t}`)),
      { numRuns: 500 },
    );
  });

  it('cuts only between words: the slug is a prefix of the full slug ending at a hyphen', () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[a-z]{1,12}$/), { minLength: 1, maxLength: 30 }), (words) => {
        const full = words.join('-');
        const slug = articleSlug(words.join(' '));
        expect(full === slug || full.startsWith(`${slug}-`)).toBe(true);
      }),
    );
  });

  it('transliterates to ASCII', () => {
    expect(articleSlug('Vučić meets Đoković in Łódź')).toBe('vucic-meets-dokovic-in-lodz');
  });
});

describe('slug allocation', () => {
  it('gives valid, deterministic slugs of at most 80 characters, whatever clashes', () => {
    fc.assert(
      fc.property(title, isoDate, fc.integer({ min: 0, max: 12 }), (t, date, clashes) => {
        // The first `clashes` candidates are taken by other articles (other dates).
        const taken = new Set(Array.from({ length: clashes }, (_, i) => candidateSlug(t, date, i)));
        const lookup = (slug: string) =>
          taken.has(slug) ? { path: `articles/x/${slug}.md`, published: '1999-01-01' } : undefined;
        const first = allocateSlug(t, date, lookup);
        const second = allocateSlug(t, date, lookup);
        expect(first).toEqual(second);
        expect(first.kind).toBe('new');
        expect(first.slug).toMatch(SLUG_PATTERN);
        expect(first.slug.length).toBeLessThanOrEqual(MAX_SLUG_LENGTH);
        expect(taken.has(first.slug)).toBe(false);
        if (clashes > 0) expect(first.slug).toContain(date);
      }),
      { numRuns: 1000 },
    );
  });

  it('recognises the same article (same slug, same date) instead of inventing a new slug', () => {
    const allocation = allocateSlug('A Title', '2020-01-02', (slug) =>
      slug === 'a-title' ? { path: 'articles/2020/01/a-title.md', published: '2020-01-02' } : undefined,
    );
    expect(allocation).toEqual({
      kind: 'existing',
      slug: 'a-title',
      existing: { path: 'articles/2020/01/a-title.md', published: '2020-01-02' },
    });
  });
});
