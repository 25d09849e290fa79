import { XMLParser } from 'fast-xml-parser';
import { xmlProblems } from '../../xml.ts';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readHead } from '../../../src/integrations/sitemap.ts';
import { parseArticleFile } from '../../../src/lib/frontmatter.ts';
import {
  articleLastmod,
  buildSitemaps,
  plainFrontmatterDates,
  sitemapPaths,
} from '../../../src/lib/sitemap.ts';

const parser = new XMLParser({
  parseTagValue: false,
  isArray: (name) => name === 'url' || name === 'sitemap',
});
const site = 'https://archive.example.org';

function urls(xml: string): { loc: string; lastmod?: string }[] {
  expect(xmlProblems(xml)).toEqual([]);
  return (parser.parse(xml) as { urlset: { url?: { loc: string; lastmod?: string }[] } }).urlset.url ?? [];
}

const entries = ['/', '/articles/b/', '/articles/a/', '/regions/', '/themes/'].map((path, i) => ({
  loc: `${site}${path}`,
  lastmod: path.startsWith('/articles/') ? `2019-11-1${i}` : undefined,
}));

describe('buildSitemaps', () => {
  it('writes one URL set and an index below the split size', () => {
    const files = buildSitemaps(entries, { site });
    expect(files.map((f) => f.name)).toEqual(['sitemap-index.xml', 'sitemap-0.xml']);
    expect(urls(files[1]!.xml).map((u) => u.loc)).toEqual([
      `${site}/`,
      `${site}/articles/a/`,
      `${site}/articles/b/`,
      `${site}/regions/`,
      `${site}/themes/`,
    ]);
  });

  it('splits into several files, every URL exactly once, past the split size', () => {
    const files = buildSitemaps(entries, { site, splitSize: 2 });
    expect(files.map((f) => f.name)).toEqual([
      'sitemap-index.xml',
      'sitemap-0.xml',
      'sitemap-1.xml',
      'sitemap-2.xml',
    ]);
    const index = parser.parse(files[0]!.xml) as {
      sitemapindex: { sitemap: { loc: string; lastmod?: string }[] };
    };
    expect(index.sitemapindex.sitemap).toEqual([
      { loc: `${site}/sitemap-0.xml`, lastmod: '2019-11-12' },
      { loc: `${site}/sitemap-1.xml`, lastmod: '2019-11-11' },
      { loc: `${site}/sitemap-2.xml` },
    ]);
    const all = files.slice(1).flatMap((f) => urls(f.xml));
    expect(files.slice(1).map((f) => urls(f.xml).length)).toEqual([2, 2, 1]);
    expect(all.map((u) => u.loc).sort()).toEqual(entries.map((e) => e.loc).sort());
  });

  it('puts lastmod on the URLs that have one', () => {
    const all = urls(buildSitemaps(entries, { site })[1]!.xml);
    expect(all.find((u) => u.loc.endsWith('/articles/a/'))?.lastmod).toBe('2019-11-12');
    expect(all.find((u) => u.loc.endsWith('/regions/'))?.lastmod).toBeUndefined();
  });

  it('lists a URL given twice once', () => {
    const files = buildSitemaps([...entries, entries[0]!], { site });
    expect(urls(files[1]!.xml)).toHaveLength(5);
  });

  it('escapes URLs', () => {
    const xml = buildSitemaps([{ loc: `${site}/a/?x=1&y=<2>` }], { site })[1]!.xml;
    expect(xml).toContain('<loc>https://archive.example.org/a/?x=1&amp;y=&lt;2&gt;</loc>');
  });

  it('still writes an index and an empty URL set for an empty site', () => {
    const files = buildSitemaps([], { site });
    expect(files.map((f) => f.name)).toEqual(['sitemap-index.xml', 'sitemap-0.xml']);
    expect(urls(files[1]!.xml)).toEqual([]);
  });

  it('rejects a split size the protocol does not allow', () => {
    expect(() => buildSitemaps(entries, { site, splitSize: 0 })).toThrow(RangeError);
    expect(() => buildSitemaps(entries, { site, splitSize: 50_001 })).toThrow(RangeError);
  });
});

describe('sitemapPaths', () => {
  it('keeps HTML pages, drops the 404 page, endpoints and excluded paths', () => {
    expect(
      sitemapPaths(['', 'articles/a/', '404/', 'rss.xml', 'regions/europe/rss.xml', 'search/'], ['/search/']),
    ).toEqual(['/', '/articles/a/']);
  });
});

describe('articleLastmod', () => {
  it('takes updated, else published, and nothing for drafts', () => {
    expect(articleLastmod('---\ntitle: A\npublished: 2019-11-18\n---\nBody')).toEqual({
      lastmod: '2019-11-18',
    });
    expect(articleLastmod('---\ntitle: A\npublished: 2019-11-18\nupdated: 2020-01-02\n---\n')).toEqual({
      lastmod: '2020-01-02',
    });
    expect(articleLastmod('---\ntitle: A\npublished: 2019-11-18\ndraft: true\n---\n')).toBeUndefined();
    expect(articleLastmod('no frontmatter')).toBeUndefined();
  });
});

describe('plainFrontmatterDates', () => {
  const FIXTURES = join(import.meta.dirname, '../../fixtures');
  const yamlDates = (text: string) => {
    const data = parseArticleFile(text).data as Record<string, unknown> | undefined;
    if (!data || typeof data !== 'object') return undefined;
    const picked: Record<string, unknown> = {};
    for (const key of ['published', 'updated', 'draft']) if (key in data) picked[key] = data[key];
    return picked;
  };

  // The sitemap runs after a successful build, so only frontmatter the YAML parser accepts matters.
  it('reads every valid fixture article as the YAML parser does, or leaves it to the parser', () => {
    let read = 0;
    for (const corpus of ['corpus', 'hostile-corpus', 'injection-corpus', 'invalid-corpus']) {
      const dir = join(FIXTURES, corpus, 'articles');
      for (const file of readdirSync(dir, { recursive: true }) as string[]) {
        if (!file.endsWith('.md')) continue;
        const text = readFileSync(join(dir, file), 'utf8');
        const plain = plainFrontmatterDates(text);
        if (plain === undefined || parseArticleFile(text).errors.length > 0) continue;
        read++;
        expect(plain, file).toEqual(yamlDates(text));
      }
    }
    expect(read).toBeGreaterThan(30);
  });

  it('leaves to the YAML parser what only it can read', () => {
    for (const text of [
      '---\n{title: A, published: 2019-11-18}\n---\n',
      '---\npublished: &d 2019-11-18\nupdated: *d\n---\n',
      '---\npublished: 2019-11-18\npublished: 2019-11-19\n---\n',
      '---\ndraft: yes\npublished: 2019-11-18\n---\n',
      '---\npublished: !!str 2019-11-18\n---\n',
      'no frontmatter',
    ]) {
      expect(plainFrontmatterDates(text), text).toBeUndefined();
    }
    expect(
      plainFrontmatterDates('---\r\ntitle: A\r\npublished: "2019-11-18" # first\r\ndraft: False\r\n---\r\n'),
    ).toEqual({
      published: '2019-11-18',
      draft: false,
    });
    // Nested keys are not the article's own dates.
    expect(
      plainFrontmatterDates('---\nsource:\n  published: 2001-01-01\npublished: 2019-11-18\n---\n'),
    ).toEqual({
      published: '2019-11-18',
    });
  });
});

describe('readHead', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sitemap-head-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads enough of a file for its frontmatter, however long', () => {
    const short = join(dir, 'short.md');
    writeFileSync(short, `---\ntitle: A\npublished: 2019-11-18\n---\n${'body '.repeat(10_000)}`);
    const head = readHead(short, 64);
    expect(head.length).toBe(64);
    expect(articleLastmod(head)).toEqual({ lastmod: '2019-11-18' });

    const long = join(dir, 'long.md');
    writeFileSync(
      long,
      `---\nsummary: "${'x'.repeat(200)}"\npublished: 2019-11-18\nupdated: 2020-02-03\n---\nbody`,
    );
    expect(articleLastmod(readHead(long, 64))).toEqual({ lastmod: '2020-02-03' });
  });
});
