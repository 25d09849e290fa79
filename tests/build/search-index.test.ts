/**
 * The search-index integration run directly against small folders of built
 * HTML: it must index exactly the article pages and fail loudly otherwise.
 */
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  SearchIndexError,
  buildSearchIndex,
  countArticlePages,
} from '../../src/integrations/search-index.ts';

const dirs: string[] = [];

afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

function page(body: string): string {
  return `<!doctype html><html lang="en"><head><title>t</title></head><body>${body}</body></html>`;
}

const articlePage = (title: string) =>
  page(
    `<header>Site navigation</header><article data-pagefind-body><h1>${title}</h1><p>Body of ${title}.</p></article>`,
  );

/** A site with the given pages, path → HTML. */
async function site(pages: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'search-index-'));
  dirs.push(dir);
  for (const [path, html] of Object.entries(pages)) {
    await mkdir(join(dir, path, '..'), { recursive: true });
    await writeFile(join(dir, path), html);
  }
  return dir;
}

function recordingLogger() {
  const lines: string[] = [];
  const log = (line: string) => void lines.push(line);
  return { lines, logger: { info: log, warn: log, error: log } };
}

describe('buildSearchIndex', () => {
  it('indexes every article page and logs the line the benchmark parses', async () => {
    const dir = await site({
      'index.html': page('<h1>Latest</h1><ul><li>Alpha</li></ul>'),
      'articles/alpha/index.html': articlePage('Alpha'),
      'articles/beta/index.html': articlePage('Beta'),
      'regions/europe/index.html': page('<h1>Europe</h1>'),
    });
    const { lines, logger } = recordingLogger();
    const result = await buildSearchIndex({ outDir: dir, logger });
    expect(result.pageCount).toBe(2);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^indexed 2 pages in \d+ ms$/);
    const entry = JSON.parse(await readFile(join(dir, 'pagefind/pagefind-entry.json'), 'utf8'));
    expect(entry.languages.en.page_count).toBe(2);
    await expect(readFile(join(dir, 'pagefind/pagefind.js'), 'utf8')).resolves.toContain('search');
  });

  it('fails when an article page lacks the data-pagefind-body marker', async () => {
    const dir = await site({
      'articles/alpha/index.html': articlePage('Alpha'),
      'articles/beta/index.html': page('<article><h1>Beta</h1><p>Unmarked body.</p></article>'),
    });
    const { logger } = recordingLogger();
    const run = buildSearchIndex({ outDir: dir, logger });
    await expect(run).rejects.toBeInstanceOf(SearchIndexError);
    await expect(run).rejects.toThrow(/indexed 1 pages but the site has 2 published articles/);
    // The disagreeing index is not left behind to be deployed.
    await expect(readFile(join(dir, 'pagefind/pagefind-entry.json'))).rejects.toThrow(/ENOENT/);
  });

  it('fails when a page other than an article carries the marker', async () => {
    const dir = await site({
      'articles/alpha/index.html': articlePage('Alpha'),
      'themes/military/index.html': page('<main data-pagefind-body><h1>Military</h1></main>'),
    });
    const { logger } = recordingLogger();
    await expect(buildSearchIndex({ outDir: dir, logger })).rejects.toThrow(
      /indexed 2 pages but the site has 1 published articles/,
    );
  });

  it('fails when no page is marked, instead of indexing every page', async () => {
    const dir = await site({
      'index.html': page('<h1>Latest</h1>'),
      'articles/alpha/index.html': page('<article><h1>Alpha</h1></article>'),
    });
    const { logger } = recordingLogger();
    await expect(buildSearchIndex({ outDir: dir, logger })).rejects.toThrow(SearchIndexError);
  });

  it('writes an empty index for an archive without articles', async () => {
    const dir = await site({ 'index.html': page('<h1>Nothing yet</h1>') });
    const { lines, logger } = recordingLogger();
    const result = await buildSearchIndex({ outDir: dir, logger });
    expect(result.pageCount).toBe(0);
    expect(lines.at(-1)).toMatch(/^indexed 0 pages in \d+ ms$/);
    await expect(readFile(join(dir, 'pagefind/pagefind.js'), 'utf8')).resolves.toContain('search');
  });
});

describe('countArticlePages', () => {
  it('counts article folders holding an index.html, nothing else', async () => {
    const dir = await site({
      'articles/alpha/index.html': articlePage('Alpha'),
      'articles/beta/index.html': articlePage('Beta'),
      'articles/beta/photo.jpg': 'jpeg',
      'articles/stray.html': page('stray'),
      'articles/empty/readme.txt': 'x',
    });
    expect(await countArticlePages(dir)).toBe(2);
    expect(await countArticlePages(join(dir, 'missing'))).toBe(0);
  });
});
