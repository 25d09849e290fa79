import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  AUTHORS,
  authorNames,
  createCorpus,
  MAX_WORDS,
  MIN_WORDS,
  REGIONS,
  THEMES,
  type GeneratedArticle,
} from '../../../scripts/bench/corpus.ts';
import { writeCorpus } from '../../../scripts/bench/write-corpus.ts';
import { createRandom } from '../../../scripts/bench/random.ts';
import { toSlug } from '../../../src/lib/slug.ts';
import { parseArticleFile } from '../../../src/lib/frontmatter.ts';
import { parsePublications, parseTaxonomy } from '../../../src/lib/taxonomy.ts';
import { validateArticleFile } from '../../../src/lib/validate-article.ts';

const COUNT = 200;
const corpus = createCorpus({ articles: COUNT, seed: 7 });
const articles: GeneratedArticle[] = [...corpus.articles()];

/** Every problem the site's validation finds in `generated`, against the corpus's own registries. */
function validationProblems(generated: readonly GeneratedArticle[], registries: typeof corpus.registries) {
  const vocabulary = {
    regions: new Set(parseTaxonomy(registries['regions.yaml'], 'r').items.map((r) => r.id)),
    themes: new Set(parseTaxonomy(registries['themes.yaml'], 't').items.map((t) => t.id)),
  };
  return generated.flatMap(
    (a) =>
      validateArticleFile({
        displayPath: a.contentPath,
        contentPath: a.contentPath,
        text: a.text,
        vocabulary,
      }).problems,
  );
}

describe('synthetic benchmark corpus', () => {
  it('writes registries the site reads without problems', () => {
    const regions = parseTaxonomy(corpus.registries['regions.yaml'], 'regions.yaml');
    const themes = parseTaxonomy(corpus.registries['themes.yaml'], 'themes.yaml');
    const sources = parsePublications(corpus.registries['sources.yaml'], 'sources.yaml');
    expect([...regions.problems, ...themes.problems, ...sources.problems]).toEqual([]);
    expect(regions.items.map((r) => r.id)).toEqual(REGIONS.map(([id]) => id));
    expect(themes.items.map((t) => t.id)).toEqual(THEMES.map(([id]) => id));
    expect(sources.items.length).toBeGreaterThan(5);
  });

  it('generates 200 articles that all pass validateArticleFile', () => {
    expect(validationProblems(articles, corpus.registries)).toEqual([]);
  });

  it('gives every article a unique slug that matches its file name and date folder', () => {
    expect(new Set(articles.map((a) => a.slug)).size).toBe(COUNT);
    for (const a of articles) {
      expect(a.contentPath).toBe(
        `articles/${a.published.slice(0, 4)}/${a.published.slice(5, 7)}/${a.slug}.md`,
      );
    }
  });

  it('is deterministic: the same seed gives the same bytes, another seed other text', () => {
    const again = [...createCorpus({ articles: COUNT, seed: 7 }).articles()];
    expect(again.map((a) => a.text)).toEqual(articles.map((a) => a.text));
    const other = createCorpus({ articles: 3, seed: 8 }).articles().next().value as GeneratedArticle;
    expect(other.text).not.toBe(articles[0]?.text);
  });

  it('uses every region and theme, several authors and sources, and spreads dates over years', () => {
    const regions = new Set(articles.flatMap((a) => a.regions));
    const themes = new Set(articles.flatMap((a) => a.themes));
    expect(regions.size).toBe(REGIONS.length);
    expect(themes.size).toBe(THEMES.length);
    const frontmatters = articles.map((a) => parseArticleFile(a.text).data as Record<string, unknown>);
    const authors = new Set(frontmatters.flatMap((fm) => fm.authors as string[]));
    const sources = new Set(frontmatters.map((fm) => (fm.source as { name?: string } | undefined)?.name));
    expect(authors.size).toBeGreaterThan(20);
    expect(sources.size).toBeGreaterThan(10);
    const years = new Set(articles.map((a) => a.published.slice(0, 4)));
    expect(years.size).toBeGreaterThanOrEqual(9);
  });

  it('writes bodies of 400 to 2,500 words with headings, quotes, lists, links and non-ASCII names', () => {
    for (const a of articles) {
      expect(a.words).toBeGreaterThanOrEqual(MIN_WORDS);
      expect(a.words).toBeLessThanOrEqual(MAX_WORDS + 120);
    }
    const all = articles.map((a) => a.text).join('\n');
    expect(all).toMatch(/^## /m);
    expect(all).toMatch(/^> /m);
    expect(all).toMatch(/^- /m);
    expect(all).toMatch(/\]\(https:\/\/[a-z0-9.-]+\//);
    expect(all).toMatch(/\]\(#\)/);
    for (const name of ['Vučić', 'Đoković', 'Łódź', 'Øresund', 'Straße']) expect(all).toContain(name);
  });

  it('makes about 2% drafts and gives each article a probe word found in no other', () => {
    const big = [...createCorpus({ articles: 1500, seed: 7 }).articles()];
    const drafts = big.filter((a) => a.draft).length;
    expect(drafts / big.length).toBeGreaterThan(0.01);
    expect(drafts / big.length).toBeLessThan(0.03);
    const probe = articles[100]?.probe as string;
    const holders = articles.filter((a) => new RegExp(`\\b${probe}\\b`).test(a.text));
    expect(holders.map((a) => a.index)).toEqual([100]);
  });
});

describe('many authors (--authors)', () => {
  it('keeps the list of 40 by default, so earlier corpora stay byte for byte the same', () => {
    expect(authorNames()).toEqual(AUTHORS);
    expect(authorNames(3)).toEqual(AUTHORS.slice(0, 3));
  });

  it('adds generated names, each with a slug of its own, up to the number asked for', () => {
    const names = authorNames(6000);
    expect(names).toHaveLength(6000);
    expect(names.slice(0, AUTHORS.length)).toEqual(AUTHORS);
    expect(new Set(names.map((name) => toSlug(name))).size).toBe(6000);
    // Past every pair of given and family names: middle initials.
    expect(names.some((name) => /^\S+ [A-Z]\. \S/.test(name))).toBe(true);
  });

  it('credits the articles of a corpus to thousands of authors, and its articles still pass validation', () => {
    const many = createCorpus({ articles: 300, seed: 7, authors: 5000 });
    const generated = [...many.articles()];
    const credited = new Set(
      generated.flatMap((a) => (parseArticleFile(a.text).data as { authors: string[] }).authors),
    );
    expect(credited.size).toBeGreaterThan(250);
    expect(validationProblems(generated, many.registries)).toEqual([]);
  });

  it('draws samples exactly as from a shrinking copy of the list, without copying it', () => {
    const items = Array.from({ length: 50 }, (_, i) => i);
    const reference = (seed: number, count: number) => {
      const random = createRandom(seed);
      const pool = [...items];
      const taken: number[] = [];
      while (taken.length < count && pool.length > 0)
        taken.push(pool.splice(Math.floor(random.next() * pool.length), 1)[0] as number);
      return taken;
    };
    for (let seed = 1; seed <= 200; seed++) {
      for (const count of [1, 3, 7, 50, 60]) {
        expect(createRandom(seed).sample(items, count)).toEqual(reference(seed, count));
      }
    }
  });
});

describe('writeCorpus', () => {
  const out = mkdtempSync(join(tmpdir(), 'bench-corpus-test-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('streams files to disk in the contract layout and writes a manifest that matches them', () => {
    const manifest = writeCorpus({ articles: 60, out, seed: 7 });
    expect(readdirSync(out).sort()).toEqual([
      'articles',
      'bench-manifest.json',
      'regions.yaml',
      'sources.yaml',
      'themes.yaml',
    ]);
    const files = readdirSync(join(out, 'articles'), { recursive: true }).filter((f) =>
      String(f).endsWith('.md'),
    );
    expect(files).toHaveLength(60);
    expect(manifest.published + manifest.drafts).toBe(60);
    const first = articles[0] as GeneratedArticle;
    expect(readFileSync(join(out, first.contentPath), 'utf8')).toBe(first.text);
    const rareFile = files.find((f) => String(f).endsWith(`/${manifest.rareWordSlug}.md`));
    expect(readFileSync(join(out, 'articles', String(rareFile)), 'utf8')).toContain(manifest.rareWord);
    expect(manifest.queries).toContain(manifest.rareWord);
    expect(manifest.mostCommonWord).toBe('the');
    const edit = readFileSync(join(out, manifest.editTarget), 'utf8');
    expect(edit).not.toContain('draft: true');
  });
});
