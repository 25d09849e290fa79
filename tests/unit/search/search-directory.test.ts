/**
 * The pure part of the search index's directory (src/lib/search-directory.ts):
 * how a query is split into the terms looked up, which shards can answer a
 * query from the shards that match each term, and the reading of Pagefind's
 * index chunks that the build checks the directory with.
 */
import { describe, expect, it } from 'vitest';
import {
  candidateShards,
  directoryRecords,
  distinctTokens,
  indexChunkWordList,
  indexChunkWords,
  queryTerms,
  sharedRecordText,
} from '../../../src/lib/search-directory.ts';
import type { CborValue } from '../../../src/lib/pagefind-facets.ts';
import { encodeCbor } from './cbor.ts';

describe('queryTerms', () => {
  it("splits on spaces as Pagefind does, without an exact search's quotes", () => {
    expect(queryTerms('census')).toEqual(['census']);
    expect(queryTerms('  putin   zelensky ')).toEqual(['putin', 'zelensky']);
    expect(queryTerms('"border question"')).toEqual(['border', 'question']);
    // Punctuation stays: each term goes through Pagefind's own normalisation.
    expect(queryTerms('Łódź, - Vučić')).toEqual(['Łódź,', '-', 'Vučić']);
  });

  it('declines what it cannot split exactly like Pagefind: nothing, or other whitespace inside', () => {
    expect(queryTerms('')).toBeUndefined();
    expect(queryTerms('   ')).toBeUndefined();
    expect(queryTerms('a\u00a0b')).toBeUndefined();
    expect(queryTerms('a\tb')).toBeUndefined();
  });
});

describe('candidateShards', () => {
  const sets = (...shards: number[][]) => shards.map((s) => new Set(s));

  it('keeps the shards that hold every term', () => {
    expect([...candidateShards(sets([0, 1, 2], [1, 2, 3]))]).toEqual([1, 2]);
    expect([...candidateShards(sets([4]))]).toEqual([4]);
    expect([...candidateShards(sets([0, 1], [2]))]).toEqual([]);
  });

  it('drops a term the archive does not hold, as Pagefind does; with none left there are no results', () => {
    expect([...candidateShards(sets([0, 3], []))]).toEqual([0, 3]);
    expect([...candidateShards(sets([], []))]).toEqual([]);
    expect([...candidateShards([])]).toEqual([]);
  });
});

describe('directoryRecords', () => {
  it('puts the tokens every shard holds in one record, and each shard keeps only its others', () => {
    expect(
      directoryRecords([
        ['the', 'cat', 'sat', 'mat'],
        ['mat', 'dog', 'the', 'cat'],
        ['cat', 'the', 'bird', 'mat'],
      ]),
    ).toEqual({
      everyShard: ['the', 'cat', 'mat'],
      shards: [['sat'], ['dog'], ['bird']],
    });
  });

  it('answers for every shard as the records of whole shards would: a shard holds a token exactly when its record or the shared one does', () => {
    const shardTokens = [
      ['a', 'b', 'c', 'd'],
      ['a', 'c', 'e'],
      ['c', 'a', 'f', 'b'],
    ];
    const { everyShard, shards } = directoryRecords(shardTokens);
    const tokens = new Set(shardTokens.flat());
    for (const token of tokens) {
      shardTokens.forEach((own, position) => {
        expect(everyShard.includes(token) || (shards[position] ?? []).includes(token)).toBe(
          own.includes(token),
        );
      });
    }
    // And no token is listed twice where it need not be.
    expect(everyShard.filter((token) => shards.some((record) => record.includes(token)))).toEqual([]);
  });

  it('never leaves a record empty: a shard whose tokens are all shared keeps the first of them', () => {
    expect(
      directoryRecords([
        ['x', 'y'],
        ['y', 'x', 'z'],
      ]),
    ).toEqual({ everyShard: ['x', 'y'], shards: [['x'], ['z']] });
    expect(directoryRecords([['x'], ['x']])).toEqual({ everyShard: ['x'], shards: [['x'], ['x']] });
  });

  it('shares nothing with a single shard or when the shards have no token in common', () => {
    expect(directoryRecords([['a', 'b']])).toEqual({ everyShard: [], shards: [['a', 'b']] });
    expect(directoryRecords([['a'], ['b']])).toEqual({ everyShard: [], shards: [['a'], ['b']] });
    expect(directoryRecords([])).toEqual({ everyShard: [], shards: [] });
  });
});

describe('sharedRecordText', () => {
  it('lists each shared token four times, or once per shard with fewer shards', () => {
    expect(sharedRecordText(['the', 'of'], 20)).toBe('the the the the of of of of');
    expect(sharedRecordText(['the', 'of'], 4)).toBe('the the the the of of of of');
    expect(sharedRecordText(['the', 'of'], 2)).toBe('the the of of');
    expect(sharedRecordText([], 4)).toBe('');
  });
});

describe('distinctTokens', () => {
  it('lists each whitespace-separated token once, in first-seen order', () => {
    expect(distinctTokens(['cat dog\tcat\n  bird', 'dog fish'])).toEqual(['cat', 'dog', 'bird', 'fish']);
  });

  it('merges only the forms Pagefind indexes as one word: a capital, and one trailing mark', () => {
    expect(
      distinctTokens([
        'The cat, the  cat.\nThe',
        'dog\tCat! Malmö MALMÖ NATO iPhone camelCase McDonald, “18 from…',
      ]),
    ).toEqual([
      'the',
      'cat',
      'dog',
      // Not ASCII letters: kept as written.
      'Malmö',
      'MALMÖ',
      // Capitals inside a word: Pagefind may split it into parts, so it is kept as written.
      'NATO',
      'iPhone',
      'camelCase',
      'McDonald,',
      '“18',
      'from…',
    ]);
  });
});

describe('indexChunkWords', () => {
  it('reads pages written as differences, and words with diacritics filed under their plain form', () => {
    const chunk = [
      [
        [
          'a',
          [
            [0, [-25, 7]],
            [1, [-25, 7]],
            [1, [-25, 7]],
          ],
          [],
        ],
        [
          'malmo',
          [],
          [
            [
              'malmö',
              [
                [2, [-25, 17]],
                [3, [4]],
              ],
            ],
          ],
        ],
        ['oresund', [[1, [3]]], [['øresund', [[4, [5]]]]]],
      ],
    ];
    expect(indexChunkWords(chunk)).toEqual([
      { word: 'a', pages: [0, 1, 2] },
      { word: 'malmo', pages: [2, 5] },
      { word: 'malmö', pages: [2, 5] },
      { word: 'oresund', pages: [1, 4] },
      { word: 'øresund', pages: [4] },
    ]);
  });

  it('lists the same words from the raw bytes, stepping over the postings', () => {
    const long = Array.from({ length: 300 }, (_, i) => [i % 7, [-25, i, 70000], []] as CborValue);
    const chunk: CborValue = [
      [
        [
          'a',
          [
            [0, [-25, 7]],
            [1, [-25, 7]],
          ],
          [],
        ],
        ['malmo', [], [['malmö', [[2, [-25, 17], [-3, 8]]]]]],
        ['word', long, []],
        ['oresund', [[1, [3]]], [['øresund', [[4, [5]]]]]],
      ],
    ];
    const bytes = new Uint8Array(encodeCbor(chunk));
    expect(indexChunkWordList(bytes)).toEqual(indexChunkWords(chunk).map((w) => w.word));
    expect(indexChunkWordList(bytes)).toEqual(['a', 'malmo', 'malmö', 'word', 'oresund', 'øresund']);
    expect(() => indexChunkWordList(bytes.subarray(0, bytes.length - 3))).toThrow(/truncated/);
    expect(() => indexChunkWordList(new Uint8Array(encodeCbor([[[7, [], []]]])))).toThrow(
      /a word and its pages/,
    );
    expect(() => indexChunkWordList(new Uint8Array([0xa0]))).toThrow(/major type 5/);
  });

  it('refuses a chunk of another shape', () => {
    expect(() => indexChunkWords('x')).toThrow(/list of words/);
    expect(() => indexChunkWords([[['a']]])).toThrow(/postings for "a"/);
    expect(() => indexChunkWords([[['a', [['x']], []]]])).toThrow(/no page for "a"/);
    expect(() => indexChunkWords([[[7, [], []]]])).toThrow(/a word and its pages/);
  });
});
