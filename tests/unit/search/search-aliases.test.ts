import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { asciiSpellings, searchAliases, wordsOutsideAscii } from '../../../src/lib/search-aliases.ts';

describe('asciiSpellings', () => {
  it('spells letters Pagefind does not fold', () => {
    expect(asciiSpellings('Đoković')).toEqual(['Djokovic', 'Dokovic']);
    expect(asciiSpellings('Łódź')).toEqual(['Lodz']);
    expect(asciiSpellings('Straße')).toEqual(['Strasse']);
    expect(asciiSpellings('Øresund')).toEqual(['Oresund', 'Oeresund']);
    expect(asciiSpellings('Þór')).toEqual(['Thor']);
    expect(asciiSpellings('Ærø')).toEqual(['AEro', 'AEroe']);
    expect(asciiSpellings('Diyarbakır')).toEqual(['Diyarbakir']);
    expect(asciiSpellings('Œuvre')).toEqual(['OEuvre']);
  });

  it('uses the same alternative for every special letter of a word', () => {
    expect(asciiSpellings('Đorđević')).toEqual(['Djordjevic', 'Dordevic']);
  });

  it('leaves words Pagefind folds by itself alone', () => {
    expect(asciiSpellings('Vučić')).toEqual([]);
    expect(asciiSpellings('Müller')).toEqual([]);
    expect(asciiSpellings('Şişli')).toEqual([]);
    expect(asciiSpellings('plain')).toEqual([]);
    expect(asciiSpellings('2019')).toEqual([]);
  });

  it('gives no alias for scripts without a Latin spelling here', () => {
    expect(asciiSpellings('Москва')).toEqual([]);
    expect(asciiSpellings('Łódź東京')).toEqual([]);
  });

  it('opens ligatures', () => {
    expect(asciiSpellings('ﬁnałe')).toEqual(['finale']);
  });
});

describe('searchAliases', () => {
  it('collects the aliases of a text once each, in order of first appearance', () => {
    const text = 'Novak Đoković met Vučić in Łódź. ŁÓDŹ welcomed Đoković again; Straße.';
    expect(searchAliases(text)).toEqual(['Djokovic', 'Dokovic', 'Lodz', 'Strasse']);
  });

  it('finds words inside punctuation and Markdown', () => {
    expect(searchAliases('**Łódź**, [Gdańsk](https://x.pl) "Ørsted"')).toEqual(['Lodz', 'Orsted', 'Oersted']);
  });

  it('returns nothing for text Pagefind already handles', () => {
    expect(searchAliases('Aleksandar Vučić said the S-400 deal stands.')).toEqual([]);
    expect(searchAliases('')).toEqual([]);
  });
});

describe('wordsOutsideAscii', () => {
  /** The definition: every run of letters, marks and digits with a character outside ASCII. */
  const reference = (text: string) =>
    [...text.matchAll(/[\p{L}\p{M}\p{N}]+/gu)]
      .map(([word]) => word)
      .filter((word) => /\P{ASCII}/u.test(word));

  it('finds the words with letters outside ASCII, skipping punctuation outside ASCII', () => {
    expect([...wordsOutsideAscii('Don’t miss Łódź — or Đoković’s 𝐁old café.')]).toEqual([
      'Łódź',
      'Đoković',
      '𝐁old',
      'café',
    ]);
  });

  it('agrees with the definition on any text', () => {
    const pieces = [
      'a',
      'Z',
      '9',
      ' ',
      '’',
      '—',
      'é',
      'Ł',
      'e\u0301',
      '😀',
      '𝐁',
      '\u00a0',
      '-',
      '\n',
      'ß',
      '٣',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 40 }), (parts) => {
        const text = parts.join('');
        expect([...wordsOutsideAscii(text)]).toEqual(reference(text));
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (text) => {
        expect([...wordsOutsideAscii(text)]).toEqual(reference(text));
      }),
      { numRuns: 2000 },
    );
  });
});
