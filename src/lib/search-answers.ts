/**
 * Precomputed answers for the most common words of the archive.
 *
 * A relevance search reads every shard of the index, and for a word found in
 * nearly every article (English "the", "of", "and") it reads every shard's
 * whole posting list: 1.3 MB at 10,000 articles, 12.3 MB at 100,000, growing
 * with the archive. Yet the search page shows only the first page of results,
 * the total and the filter counts. So the build asks Pagefind itself, in
 * Node, the question the search page would ask for each of a few common
 * words, shard by shard (src/integrations/search-answers.ts), and merges the
 * shards' answers here exactly as the page's engine merges them
 * (src/scripts/search/merge.ts): results by score, ties by shard order then
 * Pagefind's order, counts summed. The search page then answers such a query
 * from one small file and reads the index only when the reader asks for more.
 *
 * Which words: those in at least `minShare` of a sample of articles, those
 * with the most occurrences first. Only the choice of words depends on the
 * sample; every answer is Pagefind's own.
 */
import { mergeResults, sumCounts } from '../scripts/search/merge.ts';
import type { FilterCounts } from '../scripts/search/filter-values.ts';

/** Folder of the answer files inside the search folder (`/pagefind/answers/`). */
export const ANSWERS_DIR = 'answers';

/**
 * Words of Pagefind's excerpts on the search page; the precomputed answers
 * are computed with the same, or their excerpts would differ.
 */
export const EXCERPT_LENGTH = 30;

/** Bumped when an answer file's shape changes. */
export const ANSWER_FORMAT = 1;

/** What the search page shows of one result, as Pagefind's `data()` gives it (it gives more). */
export interface PagefindResultData {
  url: string;
  excerpt: string;
  meta: Record<string, string | undefined>;
  filters: Record<string, string[] | undefined>;
}

export interface AnswerResult {
  /** Pagefind's id of the page within its shard. */
  id: string;
  score: number;
  data: PagefindResultData;
}

/** One shard's answer to one word: its first results, its total and its filter counts. */
export interface ShardAnswer {
  total: number;
  counts: FilterCounts;
  /** The shard's first results in Pagefind's order, as many as an answer holds. */
  first: AnswerResult[];
}

/** The answer file of one word: the whole archive's first results, total and counts. */
export interface WordAnswer extends ShardAnswer {
  format: number;
  query: string;
}

/**
 * The archive's answer from the shards' answers, given newest shard first
 * (the manifest's order, which the page's engine merges in).
 */
export function mergeShardAnswers(
  query: string,
  perShard: readonly ShardAnswer[],
  pageSize: number,
): WordAnswer {
  return {
    format: ANSWER_FORMAT,
    query,
    total: perShard.reduce((sum, answer) => sum + answer.total, 0),
    counts: sumCounts(perShard.map((answer) => answer.counts)),
    first: mergeResults(
      perShard.map((answer) => answer.first),
      'relevance',
    ).slice(0, pageSize),
  };
}

/** The file of a word's answer, relative to the search folder. */
export function answerFile(word: string): string {
  return `${ANSWERS_DIR}/${encodeURIComponent(word)}.json`;
}

/**
 * Words that get an answer: lower-case letters only, so that the file name,
 * the query a reader types and the word Pagefind searches are one string.
 * (Pagefind answers "The" differently from "the": the query must match exactly.)
 */
const ANSWERABLE = /^\p{Ll}+$/u;

export function isAnswerableWord(word: string): boolean {
  return ANSWERABLE.test(word);
}

/**
 * The common words of a sample of article texts: words found in at least
 * `minShare` of them, at most `limit`, those with the most occurrences
 * first (a search's cost grows with its word's occurrences, and many words
 * are in every article), then alphabetically, so the choice is deterministic.
 */
export function commonWords(
  texts: readonly string[],
  { limit, minShare }: { limit: number; minShare: number },
): string[] {
  if (texts.length === 0 || limit < 1) return [];
  const documents = new Map<string, number>();
  const occurrences = new Map<string, number>();
  for (const text of texts) {
    // "Russia's" is one word, not "russia" and "s" (which would rank among the most common).
    const words = text.toLowerCase().match(/\p{L}+(?:['’]\p{L}+)*/gu) ?? [];
    for (const word of words) occurrences.set(word, (occurrences.get(word) ?? 0) + 1);
    for (const word of new Set(words)) documents.set(word, (documents.get(word) ?? 0) + 1);
  }
  const needed = Math.max(1, Math.ceil(minShare * texts.length));
  return [...documents]
    .filter(([word, count]) => count >= needed && isAnswerableWord(word))
    .map(([word]) => ({ word, occurrences: occurrences.get(word) ?? 0 }))
    .sort((a, b) => b.occurrences - a.occurrences || (a.word < b.word ? -1 : 1))
    .slice(0, limit)
    .map(({ word }) => word);
}

/** Checks an answer file fetched by the browser; throws on anything of another shape. */
export function parseWordAnswer(value: unknown, query: string): WordAnswer {
  const answer = value as Partial<WordAnswer> | null;
  if (
    !answer ||
    answer.format !== ANSWER_FORMAT ||
    answer.query !== query ||
    typeof answer.total !== 'number' ||
    typeof answer.counts !== 'object' ||
    !Array.isArray(answer.first)
  ) {
    throw new Error(`search answer for "${query}": not a valid answer file`);
  }
  return answer as WordAnswer;
}
