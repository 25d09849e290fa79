/**
 * The search index of the built fixture corpus holds exactly the published
 * articles, with their filters, metadata and aliases, and no draft or
 * boilerplate text. The fixture is built with shards of 5 articles
 * (FIXTURE_BUILD_ENV), so the index is the shards listed in
 * `pagefind/shards.json` together. Pagefind's fragments (gzip, `pagefind_dcd`
 * + JSON, one per page) are read directly, so this needs no browser.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_BUILD_ENV, FIXTURE_CORPUS, allPages, fixtureDist } from './fixture.ts';
import type { ShardManifest } from '../../src/lib/search-shards.ts';
import { siteConfig } from '../../src/site.config.ts';

interface Fragment {
  url: string;
  content: string;
  filters: Record<string, string[]>;
  meta: Record<string, string>;
}

let dist: string;
let manifest: ShardManifest;
/** Fragments of every shard, and the shard (bundle path) each came from. */
let fragments: (Fragment & { bundle: string })[];

function readFragments(bundle: string): Fragment[] {
  const dir = join(bundle, 'fragment');
  return readdirSync(dir).map((file) => {
    const raw = gunzipSync(readFileSync(join(dir, file))).toString('utf8');
    expect(raw.startsWith('pagefind_dcd')).toBe(true);
    return JSON.parse(raw.slice('pagefind_dcd'.length)) as Fragment;
  });
}

/** Slugs of the corpus's articles, published or not, read from the Markdown files. */
function corpusSlugs(): { published: string[]; drafts: string[] } {
  const root = join(FIXTURE_CORPUS, 'articles');
  const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.md'));
  const published: string[] = [];
  const drafts: string[] = [];
  for (const file of files) {
    const slug = relative(root, join(root, file)).split('/').at(-1)!.replace(/\.md$/, '');
    const text = readFileSync(join(root, file), 'utf8');
    (/^draft: true$/m.test(text) ? drafts : published).push(slug);
  }
  return { published: published.sort(), drafts };
}

const bySlug = (slug: string) => fragments.find((f) => f.url === `/articles/${slug}/`);

/** The folder of a bundle path of the manifest (`/pagefind/shard-3/`). */
const bundleDir = (bundle: string) => join(dist, bundle);

function pageCount(bundle: string): number {
  const entry = JSON.parse(readFileSync(join(bundleDir(bundle), 'pagefind-entry.json'), 'utf8'));
  return entry.languages.en.page_count;
}

beforeAll(() => {
  dist = fixtureDist();
  manifest = JSON.parse(readFileSync(join(dist, 'pagefind/shards.json'), 'utf8')) as ShardManifest;
  fragments = manifest.shards.flatMap((s) =>
    readFragments(bundleDir(s.bundle)).map((f) => ({ ...f, bundle: s.bundle })),
  );
});

describe('search index of the fixture corpus', () => {
  it('holds exactly the published articles, each once, and no draft', async () => {
    const { published, drafts } = corpusSlugs();
    expect(drafts.length).toBeGreaterThan(0);
    const urls = fragments.map((f) => f.url).sort();
    expect(urls).toEqual(published.map((slug) => `/articles/${slug}/`).sort());
    expect(new Set(urls).size).toBe(urls.length);
    const articlePages = (await allPages(dist)).filter((p) => /^\/articles\/[^/]+\/$/.test(p));
    expect(articlePages.sort()).toEqual(urls);
    for (const fragment of fragments) expect(fragment.content.toLowerCase()).not.toContain('zebracorn');
  });

  it('is split into shards of consecutive periods, newest first, each within the shard size', () => {
    const size = Number(FIXTURE_BUILD_ENV['ARCHIVE_SEARCH_SHARD_SIZE']);
    const { published } = corpusSlugs();
    expect(manifest.shards).toHaveLength(Math.ceil(published.length / size));
    expect(manifest.pages).toBe(published.length);
    for (const [i, shard] of manifest.shards.entries()) {
      const own = fragments.filter((f) => f.bundle === shard.bundle);
      expect(own).toHaveLength(shard.pages);
      expect(pageCount(shard.bundle)).toBe(shard.pages);
      expect(shard.pages).toBeLessThanOrEqual(size);
      for (const f of own) {
        expect(f.meta['date']! >= shard.oldest && f.meta['date']! <= shard.newest).toBe(true);
      }
      const older = manifest.shards[i + 1];
      if (older) expect(shard.oldest >= older.newest).toBe(true);
    }
    // Pagefind's runtime is served once, beside the shards.
    expect(readFileSync(join(dist, 'pagefind/pagefind.js'), 'utf8')).toContain('createInstance');
  });

  it('indexes titles and bodies, not the notices around them', () => {
    const disclaimerWords = siteConfig.notices.fairUse.slice(0, 60);
    for (const fragment of fragments) {
      expect(fragment.content).not.toContain(disclaimerWords);
      expect(fragment.content).not.toContain('Articles by');
      expect(fragment.content).not.toContain('Related articles');
    }
    const seed = bySlug('us-threatens-sanctions-on-serbia-scrambles-to-thwart-possible-russian-s-400');
    expect(seed?.content).toContain('US Threatens Sanctions on Serbia');
    expect(seed?.content).toContain('S-400');
  });

  it('carries one filter value per region, theme, source, author and year, and the result metadata', () => {
    const vucic = bySlug('vucic-meets-eu-envoys-in-belgrade');
    expect(vucic?.filters).toEqual({
      region: ['Europe'],
      theme: ['Law and Justice'],
      source: ['Balkan Insight'],
      author: expect.arrayContaining(['Milica Jovanović', 'Reuters Staff']),
      year: ['2020'],
    });
    expect(vucic?.meta).toMatchObject({
      title: 'Vučić Meets EU Envoys in Belgrade',
      date: '2020-03-02',
      source: 'Balkan Insight',
    });
    expect(vucic?.meta['summary']).toMatch(/^Serbian President Aleksandar Vučić met envoys/);
    const dokovic = bySlug('dokovic-wins-in-melbourne');
    expect(dokovic?.filters['region']?.sort()).toEqual(['Europe', 'Oceania']);
    expect(dokovic?.meta['image']).toBe('/articles/dokovic-wins-in-melbourne/melbourne-court.png');
    for (const fragment of fragments) {
      expect(fragment.meta['date']).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(fragment.filters['year']).toEqual([fragment.meta['date']!.slice(0, 4)]);
    }
  });

  it('indexes ASCII aliases of letters Pagefind does not fold', () => {
    expect(bySlug('dokovic-wins-in-melbourne')?.content).toMatch(/\bDjokovic\b/);
    expect(bySlug('lodz-film-school-turns-seventy')?.content).toMatch(/\bLodz\b/);
    expect(bySlug('oresund-bridge')?.content).toMatch(/\bOresund\b/);
  });

  it('sorts every article by date, so none drops out of a sorted search', () => {
    expect(manifest.shards.reduce((sum, s) => sum + pageCount(s.bundle), 0)).toBe(fragments.length);
    for (const file of readdirSync(join(dist, 'articles'))) {
      const html = readFileSync(join(dist, 'articles', file, 'index.html'), 'utf8');
      expect(html).toMatch(/data-pagefind-sort="date"[^>]*>\d{4}-\d{2}-\d{2}</);
    }
  });
});
