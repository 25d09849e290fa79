/**
 * Writes a deterministic synthetic corpus to the content contract.
 *
 *   node scripts/bench/generate-corpus.ts --articles N --out DIR [--seed S] [--authors A]
 *
 * DIR becomes a content root (regions.yaml, themes.yaml, sources.yaml,
 * articles/YYYY/MM/<slug>.md) to build with ARCHIVE_CONTENT_DIR=DIR.
 */
import { existsSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_SEED, writeCorpus } from './write-corpus.ts';

function fail(message: string): never {
  console.error(`generate-corpus: ${message}`);
  console.error(
    'usage: node scripts/bench/generate-corpus.ts --articles N --out DIR [--seed S] [--authors A]',
  );
  process.exit(2);
}

const { values } = parseArgs({
  options: {
    articles: { type: 'string' },
    out: { type: 'string' },
    seed: { type: 'string' },
    authors: { type: 'string' },
  },
});

const articles = Number(values.articles);
if (!Number.isInteger(articles) || articles < 1) fail('--articles must be a positive whole number');
if (!values.out) fail('--out DIR is required');
const seed = values.seed === undefined ? DEFAULT_SEED : Number(values.seed);
if (!Number.isInteger(seed)) fail('--seed must be a whole number');
const authors = values.authors === undefined ? undefined : Number(values.authors);
if (authors !== undefined && (!Number.isInteger(authors) || authors < 1))
  fail('--authors must be a positive whole number');
const out = resolve(values.out);
if (existsSync(resolve(out, 'articles')) && readdirSync(resolve(out, 'articles')).length > 0) {
  fail(`${out}/articles already holds files; choose an empty folder so no stale article is mixed in`);
}

const started = performance.now();
const manifest = writeCorpus({
  articles,
  out,
  seed,
  authors,
  onProgress: (n) => console.log(`  ${n.toLocaleString('en')} articles written`),
});
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(
  `generate-corpus: ${manifest.articles} articles (${manifest.published} published, ${manifest.drafts} drafts, ` +
    `${manifest.publishedWords.toLocaleString('en')} words) in ${out} in ${seconds} s`,
);
