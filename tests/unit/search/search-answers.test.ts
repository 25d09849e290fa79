import { describe, expect, it } from 'vitest';
import {
  ANSWER_FORMAT,
  answerFile,
  commonWords,
  isAnswerableWord,
  mergeShardAnswers,
  parseWordAnswer,
  type AnswerResult,
  type ShardAnswer,
} from '../../../src/lib/search-answers.ts';

const result = (id: string, score: number): AnswerResult => ({
  id,
  score,
  data: { url: `/articles/${id}/`, excerpt: id, meta: { title: id }, filters: {} },
});

describe('commonWords', () => {
  const texts = [
    'The cat and the dog.',
    'A dog, the end; and then?',
    'THE Fox and Crow.',
    'Über die Brücke, the bridge — and more',
  ];

  it('keeps words in at least the given share of texts, most occurrences first, ties alphabetically', () => {
    expect(commonWords(texts, { limit: 10, minShare: 0.5 })).toEqual(['the', 'and', 'dog']);
    expect(commonWords(texts, { limit: 10, minShare: 1 })).toEqual(['the', 'and']);
    expect(commonWords(texts, { limit: 1, minShare: 0.5 })).toEqual(['the']);
  });

  it('qualifies a word by the texts it is in, whatever its case, and ranks it by its occurrences', () => {
    expect(commonWords(['the the the the', 'The', 'x'], { limit: 5, minShare: 0.6 })).toEqual(['the']);
    // "of" is in every text, "the" in two of three but more often: "of" alone qualifies at 100%.
    const sample = ['the the the of', 'the the of', 'of'];
    expect(commonWords(sample, { limit: 5, minShare: 1 })).toEqual(['of']);
    expect(commonWords(sample, { limit: 5, minShare: 0.6 })).toEqual(['the', 'of']);
  });

  it('keeps only lower-case letters, so the query, the file name and the searched word are one string', () => {
    expect(commonWords(['über 2024 café', 'über 2024 café'], { limit: 5, minShare: 1 })).toEqual([
      'café',
      'über',
    ]);
    expect(isAnswerableWord('the')).toBe(true);
    expect(isAnswerableWord('The')).toBe(false);
    expect(isAnswerableWord('the cat')).toBe(false);
    expect(isAnswerableWord('2024')).toBe(false);
    expect(isAnswerableWord('')).toBe(false);
  });

  it('reads a word with an apostrophe as one word, which is not answered: no "s" from "Russia\'s"', () => {
    const sample = ["Russia's plan and the EU's answer", 'The government’s plan and more'];
    expect(commonWords(sample, { limit: 10, minShare: 1 })).toEqual(['and', 'plan', 'the']);
    expect(commonWords(sample, { limit: 10, minShare: 0.5 })).not.toContain('s');
  });

  it('chooses nothing from nothing', () => {
    expect(commonWords([], { limit: 5, minShare: 0.5 })).toEqual([]);
    expect(commonWords(texts, { limit: 0, minShare: 0.5 })).toEqual([]);
  });
});

describe('mergeShardAnswers', () => {
  const newest: ShardAnswer = {
    total: 3,
    counts: { region: { Europe: 2, Asia: 1 } },
    first: [result('n1', 0.9), result('n2', 0.5)],
  };
  const oldest: ShardAnswer = {
    total: 4,
    counts: { region: { Europe: 1, Africa: 3 } },
    first: [result('o1', 0.9), result('o2', 0.7)],
  };

  it('sums totals and counts and merges results as the search page does (score, then shard order)', () => {
    const merged = mergeShardAnswers('the', [newest, oldest], 3);
    expect(merged.total).toBe(7);
    expect(merged.counts).toEqual({ region: { Europe: 3, Asia: 1, Africa: 3 } });
    expect(merged.first.map((r) => r.id)).toEqual(['n1', 'o1', 'o2']);
    expect(merged).toMatchObject({ format: ANSWER_FORMAT, query: 'the' });
  });

  it('round-trips through its file and refuses another query or shape', () => {
    const merged = mergeShardAnswers('the', [newest, oldest], 10);
    expect(parseWordAnswer(JSON.parse(JSON.stringify(merged)), 'the')).toEqual(merged);
    expect(() => parseWordAnswer(merged, 'of')).toThrow(/not a valid answer file/);
    expect(() => parseWordAnswer({ ...merged, format: 0 }, 'the')).toThrow(/not a valid/);
    expect(() => parseWordAnswer({ ...merged, first: null }, 'the')).toThrow(/not a valid/);
    expect(() => parseWordAnswer(null, 'the')).toThrow(/not a valid/);
  });

  it('names files by the encoded word', () => {
    expect(answerFile('the')).toBe('answers/the.json');
    expect(answerFile('über')).toBe('answers/%C3%BCber.json');
  });
});
