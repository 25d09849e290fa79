/**
 * Streams a synthetic corpus to disk: the three registries, one file per
 * article, and `bench-manifest.json` (counts and the words the benchmark
 * searches for). Articles are written as they are generated, so memory stays
 * flat whatever the corpus size.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { AUTHORS, createCorpus, DEFAULT_SEED, probeWord } from './corpus.ts';

/** Written next to the registries; the site never reads it (only `articles/**` and the YAML files). */
export const MANIFEST_FILE = 'bench-manifest.json';

export interface CorpusManifest {
  seed: number;
  articles: number;
  /** Distinct authors the articles are credited to (drawn from; a small corpus may not use all). */
  authors: number;
  published: number;
  drafts: number;
  /** Slugs of the drafts, so the benchmark can check none of them was published. */
  draftSlugs: string[];
  /** Body words of published articles. */
  publishedWords: number;
  /** The most frequent word: it occurs in every article. */
  mostCommonWord: string;
  /** A word that occurs in exactly one published article, and that article. */
  rareWord: string;
  rareWordSlug: string;
  /** A published article the benchmark edits to time a rebuild. */
  editTarget: string;
  /** Region and theme ids with their published article counts. */
  regionCounts: Record<string, number>;
  themeCounts: Record<string, number>;
  /** The fixed query list for latency measurements. */
  queries: string[];
}

export interface WriteCorpusOptions {
  articles: number;
  out: string;
  seed?: number | undefined;
  /** Distinct author names to draw from (`authorNames` in corpus.ts); 40 by default. */
  authors?: number | undefined;
  /** Called every `progressEvery` articles. */
  onProgress?: ((written: number) => void) | undefined;
  progressEvery?: number | undefined;
}

export function writeCorpus(options: WriteCorpusOptions): CorpusManifest {
  const seed = options.seed ?? DEFAULT_SEED;
  const authors = options.authors ?? AUTHORS.length;
  const corpus = createCorpus({ articles: options.articles, seed, authors });
  mkdirSync(options.out, { recursive: true });
  for (const [name, text] of Object.entries(corpus.registries)) {
    writeFileSync(join(options.out, name), text);
  }

  const madeDirs = new Set<string>();
  const regionCounts: Record<string, number> = {};
  const themeCounts: Record<string, number> = {};
  let published = 0;
  let drafts = 0;
  const draftSlugs: string[] = [];
  let publishedWords = 0;
  let rare: { word: string; slug: string } | undefined;
  let editTarget: string | undefined;
  const middle = Math.floor(options.articles / 2);
  const third = Math.floor(options.articles / 3);

  for (const article of corpus.articles()) {
    const path = join(options.out, article.contentPath);
    const dir = dirname(path);
    if (!madeDirs.has(dir)) {
      mkdirSync(dir, { recursive: true });
      madeDirs.add(dir);
    }
    writeFileSync(path, article.text);
    if (article.draft) {
      drafts++;
      draftSlugs.push(article.slug);
    } else {
      published++;
      publishedWords += article.words;
      for (const id of article.regions) regionCounts[id] = (regionCounts[id] ?? 0) + 1;
      for (const id of article.themes) themeCounts[id] = (themeCounts[id] ?? 0) + 1;
      if (!rare && article.index >= middle) rare = { word: article.probe, slug: article.slug };
      if (!editTarget && article.index >= third && article.index !== middle) {
        editTarget = article.contentPath;
      }
    }
    const every = options.progressEvery ?? 10_000;
    if (options.onProgress && (article.index + 1) % every === 0) options.onProgress(article.index + 1);
  }

  const words = corpus.vocabulary.words;
  const rareWord = rare?.word ?? probeWord(0);
  const manifest: CorpusManifest = {
    seed,
    articles: options.articles,
    authors,
    published,
    drafts,
    draftSlugs,
    publishedWords,
    mostCommonWord: words[0] as string,
    rareWord,
    rareWordSlug: rare?.slug ?? '',
    editTarget: editTarget ?? '',
    regionCounts,
    themeCounts,
    queries: [
      words[0] as string,
      words[60] as string,
      words[200] as string,
      words[1000] as string,
      words[5000] as string,
      words[20000] as string,
      `${words[100] as string} ${words[3000] as string}`,
      `${words[61] as string} ${words[62] as string} ${words[63] as string}`,
      'vucic',
      'djokovic',
      'lodz',
      'oresund',
      'strasse',
      'government',
      rareWord,
    ],
  };
  writeFileSync(join(options.out, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

export { DEFAULT_SEED };
