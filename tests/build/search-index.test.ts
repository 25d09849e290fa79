/**
 * The search-index integration run directly against small folders of built
 * HTML: it must index exactly the article pages, in shards, and fail loudly
 * otherwise.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, mkdir, readFile, readdir, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import {
  EarlyAnswers,
  SHARD_WORKER_FILE,
  SearchIndexError,
  buildSearchIndex,
  cachedShard,
  countArticlePages,
  pagefindVersion,
  readPages,
} from '../../src/integrations/search-index.ts';
import { ShardWorkers } from '../../src/integrations/search-shard-workers.ts';
import { planShards } from '../../src/lib/search-shards.ts';
import { parseWordAnswer } from '../../src/lib/search-answers.ts';

const dirs: string[] = [];

afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

function page(body: string): string {
  return `<!doctype html><html lang="en"><head><title>t</title></head><body>${body}</body></html>`;
}

const articlePage = (title: string, date = '2020-01-01') =>
  page(
    `<header>Site navigation</header><article data-pagefind-body><h1>${title}</h1><p>Body of ${title}.</p>` +
      `<div hidden data-pagefind-ignore><span data-pagefind-sort="date">${date}</span></div></article>`,
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

/** A fresh shard cache per test, so no test reuses another's shards. */
async function cache(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'search-shards-'));
  dirs.push(dir);
  return dir;
}

/** Path → SHA-256 of every file under `dir`. */
async function tree(dir: string): Promise<Map<string, string>> {
  const files = (await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile());
  const out = new Map<string, string>();
  for (const f of files) {
    const path = join(f.parentPath, f.name);
    out.set(
      path.slice(dir.length),
      createHash('sha256')
        .update(await readFile(path))
        .digest('hex'),
    );
  }
  return out;
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
    const result = await buildSearchIndex({ outDir: dir, logger, cacheDir: await cache() });
    expect(result.pageCount).toBe(2);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^shard-0 \(2020-01-01 to 2020-01-01\): 2 pages, built in [\d,]+ ms$/);
    // Words in at least half the (two) articles, most occurrences first.
    expect(lines[1]).toBe('precomputed answers for "alpha", "beta", "body", "of"');
    expect(lines[2]).toMatch(/^indexed 2 pages in \d+ ms$/);
    const entry = JSON.parse(await readFile(join(dir, 'pagefind/shard-0/pagefind-entry.json'), 'utf8'));
    expect(entry.languages.en.page_count).toBe(2);
    // The shard fetches the WebAssembly from the folder above, shared by all shards.
    expect(entry.languages.en.wasm).toBe('en/../../wasm.en');
    expect(new URL(`/pagefind/shard-0/wasm.${entry.languages.en.wasm}.pagefind`, 'http://x').pathname).toBe(
      '/pagefind/wasm.en.pagefind',
    );
    await expect(readFile(join(dir, 'pagefind/wasm.en.pagefind'))).resolves.toBeTruthy();
    await expect(readFile(join(dir, 'pagefind/pagefind.js'), 'utf8')).resolves.toContain('search');
    const manifest = JSON.parse(await readFile(join(dir, 'pagefind/shards.json'), 'utf8'));
    expect(manifest.shards).toEqual([
      {
        bundle: '/pagefind/shard-0/',
        newest: '2020-01-01',
        oldest: '2020-01-01',
        pages: 2,
        // The metadata file the entry leads Pagefind's runtime to, and it exists.
        meta: `pagefind.${entry.languages.en.hash}.pf_meta`,
        filters: expect.stringMatching(/^filters\.[0-9a-f]{16}\.json$/),
        // The entry itself, as the bundle has it, so the search page need not fetch it.
        entry,
      },
    ]);
    await expect(readFile(join(dir, 'pagefind/shard-0', manifest.shards[0].meta))).resolves.toBeTruthy();
    // The test pages carry no filter: the file lists no group.
    await expect(readFile(join(dir, 'pagefind/shard-0', manifest.shards[0].filters), 'utf8')).resolves.toBe(
      '{"version":1,"groups":{}}',
    );
  });

  it('writes a directory whose record of each shard holds every word of that shard, or leaves it out', async () => {
    const pages: Record<string, string> = {};
    for (let i = 0; i < 7; i++) {
      pages[`articles/a${i}/index.html`] = articlePage(`Alpha ${i}`, `201${i}-06-01`).replace(
        `Body of Alpha ${i}.`,
        i === 4 ? 'A report from Malmö, by the Øresund.' : `Body of Alpha ${i}.`,
      );
    }
    const dir = await site(pages);
    const cacheDir = await cache();
    const first = recordingLogger();
    await buildSearchIndex({ outDir: dir, logger: first.logger, shardSize: 3, cacheDir });
    const manifest = JSON.parse(await readFile(join(dir, 'pagefind/shards.json'), 'utf8'));
    expect(manifest.directory).toEqual({
      bundle: '/pagefind/directory/',
      meta: expect.stringMatching(/^pagefind\.en_[0-9a-f]+\.pf_meta$/),
      pages: [expect.any(String), expect.any(String), expect.any(String)],
      // The record of the words every shard holds ("alpha", "body", "of"), indexed once.
      everyShard: expect.any(String),
      entry: JSON.parse(await readFile(join(dir, 'pagefind/directory/pagefind-entry.json'), 'utf8')),
    });
    expect(new Set([...manifest.directory.pages, manifest.directory.everyShard]).size).toBe(4);
    expect(first.lines).toContainEqual(expect.stringMatching(/^search directory of 3 shards in [\d,]+ ms$/));
    // What the page reads: the entry, the metadata and the index; not the records' whole text.
    const files = await readdir(join(dir, 'pagefind/directory'));
    expect(files).toEqual(expect.arrayContaining(['index', 'pagefind-entry.json', manifest.directory.meta]));
    expect(files).not.toContain('fragment');
    expect(files.filter((f) => f.startsWith('directory-'))).toEqual([]);
    // Each shard's vocabulary is kept distinct and sorted, so the directory need not sort it.
    for (const entry of await readdir(cacheDir)) {
      for (const [file, separator] of [
        ['directory-tokens.txt', ' '],
        ['directory-words.txt', '\n'],
      ] as const) {
        const text = await readFile(join(cacheDir, entry, file), 'utf8').catch(() => undefined);
        if (text === undefined) continue;
        const items = text.split(separator);
        expect(items.length).toBeGreaterThan(0);
        expect(items).toEqual([...new Set(items)].sort());
      }
    }
    // The archive's filter values in one file (these pages have none).
    expect(manifest.values).toMatch(/^values\.[0-9a-f]{16}\.json$/);
    await expect(readFile(join(dir, 'pagefind', manifest.values), 'utf8')).resolves.toBe('{}');
    // No value, so no browse rows: the manifest names no folder, and none is written.
    expect(manifest).not.toHaveProperty('browse');
    expect((await readdir(join(dir, 'pagefind'))).filter((name) => name.startsWith('browse'))).toEqual([]);

    // A record that lacks a word of its shard would hide that shard's results for it:
    // the build leaves the directory out, and says why.
    for (const entry of await readdir(cacheDir)) {
      const tokens = join(cacheDir, entry, 'directory-tokens.txt');
      const text = await readFile(tokens, 'utf8').catch(() => undefined);
      // "Body" and "body" are one token there, as Pagefind indexes them as one word.
      if (text !== undefined) await writeFile(tokens, text.replace(/(^| )body( |$)/g, ' '));
      if (entry.startsWith('directory-')) await rm(join(cacheDir, entry), { recursive: true });
    }
    const second = recordingLogger();
    await buildSearchIndex({ outDir: dir, logger: second.logger, shardSize: 3, cacheDir });
    expect(second.lines).toContainEqual(
      expect.stringMatching(
        /^search directory left out, so every search reads every shard: the record of shard \w+ lacks 1 of its \d+ words \("bodi"\)$/,
      ),
    );
    const without = JSON.parse(await readFile(join(dir, 'pagefind/shards.json'), 'utf8'));
    expect(without).not.toHaveProperty('directory');
    await expect(stat(join(dir, 'pagefind/directory'))).rejects.toThrow();

    // Records Pagefind does not write (here: no text at all) leave it out too, never fail the build.
    for (const entry of await readdir(cacheDir)) {
      const tokens = join(cacheDir, entry, 'directory-tokens.txt');
      if (await stat(tokens).catch(() => undefined)) await writeFile(tokens, '');
      if (entry.startsWith('directory-')) await rm(join(cacheDir, entry), { recursive: true });
    }
    const third = recordingLogger();
    await buildSearchIndex({ outDir: dir, logger: third.logger, shardSize: 3, cacheDir });
    expect(third.lines).toContainEqual(
      'search directory left out, so every search reads every shard: it has 0 records for 3 shards',
    );

    // One shard needs no directory.
    await buildSearchIndex({ outDir: dir, logger: second.logger, shardSize: 100, cacheDir });
    const single = JSON.parse(await readFile(join(dir, 'pagefind/shards.json'), 'utf8'));
    expect(single.shards).toHaveLength(1);
    expect(single).not.toHaveProperty('directory');
  });

  it("keeps the directory for text of many scripts, punctuation and cases: each record holds its shard's words", async () => {
    const texts = [
      'The U.S.-led talks (in Kyiv) — “18 hours” later… e-mail, co-operation; WordPress iPhone O’Brien’s 3.5% $1,000',
      '北京市 東京都 서울 Москва́ Αθήνα القاهرة עִבְרִית हिन्दी ไทย 😀 👍🏽 Straße İstanbul ǅemal ﬁnal',
      'Łódź Vučić Đoković Øresund Malmö naïve café coöperate 1970s mid-1990s well-known state-of-the-art',
      'camelCaseWord snake_case_word kebab-case-word ALLCAPS 12:30 v1.2.3 a/b/c x=y &lt;tag&gt; &amp; "quoted"',
    ];
    const pages: Record<string, string> = {};
    texts.forEach((text, i) => {
      pages[`articles/v${i}/index.html`] = articlePage(`Title ${i}: ${text.slice(0, 24)}`, `202${i}-01-01`)
        .replace(`Body of Title ${i}: ${text.slice(0, 24)}.`, text)
        .replace('</article>', `<span data-pagefind-meta="summary">${text.slice(8, 60)}</span></article>`);
    });
    const dir = await site(pages);
    const { lines, logger } = recordingLogger();
    await buildSearchIndex({ outDir: dir, logger, shardSize: 1, cacheDir: await cache() });
    expect(lines.filter((line) => line.includes('left out'))).toEqual([]);
    expect(lines).toContainEqual(expect.stringMatching(/^search directory of 4 shards in/));
    const manifest = JSON.parse(await readFile(join(dir, 'pagefind/shards.json'), 'utf8'));
    expect(manifest.directory.pages).toHaveLength(4);
  });

  it('writes the answers of the most common words, merged over the shards, and recomputes only an edited shard', async () => {
    const pages: Record<string, string> = {};
    const text = (i: number) =>
      `The report of the day, number ${i}.${i % 2 ? ' The end of the report.' : ''}`;
    for (let i = 0; i < 7; i++) {
      pages[`articles/a${i}/index.html`] = articlePage(`Alpha ${i}`, `201${i}-06-01`).replace(
        `Body of Alpha ${i}.`,
        i === 6 ? 'Nothing common here.' : text(i),
      );
    }
    const dir = await site(pages);
    const cacheDir = await cache();
    const { logger } = recordingLogger();
    const first = await buildSearchIndex({ outDir: dir, logger, shardSize: 3, cacheDir });
    // Chosen from the oldest shard: words in at least half of its pages, most occurrences first.
    expect(first.answered).toEqual(['the', 'of', 'report', 'alpha', 'day', 'number']);
    const manifest = JSON.parse(await readFile(join(dir, 'pagefind/shards.json'), 'utf8'));
    expect(manifest.answers).toEqual(first.answered);
    const answer = async (word: string) =>
      parseWordAnswer(
        JSON.parse(await readFile(join(dir, 'pagefind/answers', `${word}.json`), 'utf8')),
        word,
      );

    // Summed over the three shards: the newest one's only page lacks the word.
    const report = await answer('report');
    expect(report.total).toBe(6);
    expect(report.first.map((r) => r.data.url).sort()).toEqual(
      [0, 1, 2, 3, 4, 5].map((i) => `/articles/a${i}/`),
    );
    // Ranked by Pagefind's score over all shards: pages saying "report" twice come first.
    const scores = report.first.map((r) => r.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(
      report.first
        .slice(0, 3)
        .map((r) => r.data.url)
        .sort(),
    ).toEqual(['/articles/a1/', '/articles/a3/', '/articles/a5/']);
    expect(report.first[0]?.data.excerpt).toContain('<mark>report</mark>');
    expect(report.first[0]?.data.meta['title']).toMatch(/^Alpha \d$/);
    expect((await answer('alpha')).total).toBe(7);

    // Each shard's answers are cached; an edit recomputes only its shard's.
    const cachedAnswers = async () => {
      const found = new Map<string, number>();
      for (const entry of await readdir(cacheDir)) {
        if (!entry.endsWith('.answers')) continue;
        for (const file of await readdir(join(cacheDir, entry)))
          found.set(`${entry}/${file}`, (await stat(join(cacheDir, entry, file))).mtimeMs);
      }
      return found;
    };
    const before = await cachedAnswers();
    expect(before.size).toBe(3 * 6);
    await writeFile(
      join(dir, 'articles/a6/index.html'),
      articlePage('Alpha 6', '2016-06-01').replace('Body of Alpha 6.', 'A report, a report, the report.'),
    );
    await buildSearchIndex({ outDir: dir, logger, shardSize: 3, cacheDir });
    const after = await cachedAnswers();
    expect(after.size).toBe(4 * 6);
    for (const [file, mtime] of before) expect(after.get(file)).toBe(mtime);
    const edited = await answer('report');
    expect(edited.total).toBe(7);
    expect(edited.first[0]?.data.url).toBe('/articles/a6/');

    // Byte for byte the same from a fresh cache with two threads, whichever thread answers which shard.
    const answers = await tree(join(dir, 'pagefind/answers'));
    const workers = new ShardWorkers(SHARD_WORKER_FILE, 2);
    try {
      await buildSearchIndex({ outDir: dir, logger, shardSize: 3, cacheDir: await cache(), workers });
    } finally {
      await workers.close();
    }
    expect(await tree(join(dir, 'pagefind/answers'))).toEqual(answers);
  });

  it('builds the search directory while the answers begun during rendering finish, and assembles answers only after them', async () => {
    const pages: Record<string, string> = {};
    for (let i = 0; i < 4; i++) {
      pages[`articles/a${i}/index.html`] = articlePage(`Alpha ${i}`, `201${i}-06-01`).replace(
        `Body of Alpha ${i}.`,
        'The report of the day.',
      );
    }
    const dir = await site(pages);
    const { logger, lines } = recordingLogger();
    let finishAnswers = () => {};
    const answersBegun = new Promise<void>((resolve) => (finishAnswers = resolve));
    let settled = false;
    const cacheDir = await cache();
    const building = buildSearchIndex({ outDir: dir, logger, shardSize: 2, cacheDir, answersBegun }).finally(
      () => (settled = true),
    );
    while (!settled && !lines.some((line) => line.startsWith('search directory of 2 shards'))) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    // The directory is written, and no shard's answers are computed while
    // those begun early may still be (without the wait, they would be within
    // a second: a worker thread answers a shard of two pages in milliseconds).
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(settled).toBe(false);
    expect((await readdir(cacheDir)).filter((name) => name.endsWith('.answers'))).toEqual([]);
    finishAnswers();
    const { answered } = await building;
    expect(answered).toContain('report');
    expect((await readdir(join(dir, 'pagefind/answers'))).sort()).toEqual(
      answered.map((word) => `${word}.json`).sort(),
    );
  });

  it('splits the articles into shards by period, and rebuilds only the shard of an edited article', async () => {
    const pages: Record<string, string> = { 'index.html': page('<h1>Latest</h1>') };
    for (let i = 0; i < 7; i++)
      pages[`articles/a${i}/index.html`] = articlePage(`Alpha ${i}`, `201${i}-06-01`);
    const dir = await site(pages);
    const cacheDir = await cache();
    const { logger } = recordingLogger();
    const first = await buildSearchIndex({ outDir: dir, logger, shardSize: 3, cacheDir });
    expect(first.pageCount).toBe(7);
    expect(first.shards).toEqual([
      { dir: 'shard-2', pages: 1, reused: false, early: false },
      { dir: 'shard-1', pages: 3, reused: false, early: false },
      { dir: 'shard-0', pages: 3, reused: false, early: false },
    ]);
    const manifest = JSON.parse(await readFile(join(dir, 'pagefind/shards.json'), 'utf8'));
    expect(manifest.shards.map((s: { oldest: string; newest: string }) => [s.oldest, s.newest])).toEqual([
      ['2016-06-01', '2016-06-01'],
      ['2013-06-01', '2015-06-01'],
      ['2010-06-01', '2012-06-01'],
    ]);
    const built = await tree(join(dir, 'pagefind'));

    // Unchanged pages: every shard comes from the cache, byte for byte the same.
    const again = await buildSearchIndex({ outDir: dir, logger, shardSize: 3, cacheDir });
    expect(again.shards.map((s) => s.reused)).toEqual([true, true, true]);
    expect(await tree(join(dir, 'pagefind'))).toEqual(built);

    /** Rewrites one article page, indexes again, and says which shards came from the cache. */
    const reusedAfterWriting = async (slug: string, page: string) => {
      await writeFile(join(dir, `articles/${slug}/index.html`), page);
      const { shards } = await buildSearchIndex({ outDir: dir, logger, shardSize: 3, cacheDir });
      return shards.map((s) => [s.dir, s.reused]);
    };
    const onlyShard1Again = [
      ['shard-2', true],
      ['shard-1', false],
      ['shard-0', true],
    ];

    // One edited article: only its shard is indexed again.
    expect(await reusedAfterWriting('a4', articlePage('Alpha 4 edited', '2014-06-01'))).toEqual(
      onlyShard1Again,
    );

    // An edit in words its shard already holds: the shard is indexed again, the directory is not.
    const directories = async () => (await readdir(cacheDir)).filter((name) => name.startsWith('directory-'));
    const directoriesBefore = await directories();
    expect(await reusedAfterWriting('a3', articlePage('Alpha 3 Alpha 3', '2013-06-01'))).toEqual(
      onlyShard1Again,
    );
    expect(await directories()).toEqual(directoriesBefore);
    // A new word is a new directory.
    expect(await reusedAfterWriting('a3', articlePage('Alpha 3 zebra', '2013-06-01'))).toEqual(
      onlyShard1Again,
    );
    expect(await directories()).toHaveLength(directoriesBefore.length + 1);

    // The same pages without a cache give the same bytes: the output is deterministic.
    const fresh = await buildSearchIndex({ outDir: dir, logger, shardSize: 3, cacheDir: await cache() });
    expect(fresh.shards.map((s) => s.reused)).toEqual([false, false, false]);
    const editedTree = await tree(join(dir, 'pagefind'));
    await buildSearchIndex({ outDir: dir, logger, shardSize: 3, cacheDir });
    expect(await tree(join(dir, 'pagefind'))).toEqual(editedTree);
  });

  it('indexes shards of many long slugs, each exactly its own pages', async () => {
    // 1,100 slugs of 252 characters (the longest a file name allows with `.md`): one glob
    // of a shard's 1,000 names would be too long for Pagefind's glob parser.
    const slugs = Array.from({ length: 1100 }, (_, i) => `a${i}-`.padEnd(252, 'x'));
    const pages: Record<string, string> = {};
    slugs.forEach((slug, i) => {
      pages[`articles/${slug}/index.html`] = articlePage(
        `Gamma ${i}`,
        `2020-01-${String((i % 28) + 1).padStart(2, '0')}`,
      );
    });
    const dir = await site(pages);
    const cacheDir = await cache();
    const result = await buildSearchIndex({
      outDir: dir,
      logger: recordingLogger().logger,
      shardSize: 1000,
      cacheDir,
    });
    expect(result.shards.map((s) => s.pages)).toEqual([100, 1000]);
    // Each shard's fragments name its own articles, at their URLs in the site.
    const urls = async (shard: string) => {
      const folder = join(dir, 'pagefind', shard, 'fragment');
      const found = [];
      for (const name of await readdir(folder)) {
        const text = gunzipSync(await readFile(join(folder, name))).toString('utf8');
        found.push((JSON.parse(text.replace(/^pagefind_dcd/, '')) as { url: string }).url);
      }
      return found;
    };
    const all = [...(await urls('shard-0')), ...(await urls('shard-1'))];
    expect(all.sort()).toEqual(slugs.map((slug) => `/articles/${slug}/`).sort());
    expect(await urls('shard-1')).toHaveLength(100);
  });

  it('does not read again the pages whose files are the ones the last build read', async () => {
    const pages: Record<string, string> = {};
    for (let i = 0; i < 4; i++)
      pages[`articles/a${i}/index.html`] = articlePage(`Alpha ${i}`, `201${i}-06-01`);
    const dir = await site(pages);
    // Written long before the build, as a rebuild finds the pages it kept.
    const anHourAgo = Math.floor(Date.now() / 1000) - 3600;
    for (const path of Object.keys(pages)) await utimes(join(dir, path), anHourAgo, anHourAgo);
    const cacheDir = await cache();
    const { logger } = recordingLogger();
    await buildSearchIndex({ outDir: dir, logger, shardSize: 2, cacheDir });
    const [recordFile, ...others] = (await readdir(cacheDir)).filter((name) =>
      name.startsWith('page-reads-'),
    );
    expect(others).toEqual([]);
    const record = JSON.parse(await readFile(join(cacheDir, recordFile ?? ''), 'utf8')) as {
      pages: Record<string, unknown>;
    };
    expect(Object.keys(record.pages).sort()).toEqual([
      '/articles/a0/',
      '/articles/a1/',
      '/articles/a2/',
      '/articles/a3/',
    ]);

    // A file rewritten in place with text of the same size and its old time is
    // taken as unchanged: what the record trusts, as Git's index does.
    const a0 = join(dir, 'articles/a0/index.html');
    await writeFile(a0, articlePage('Alpha X', '2010-06-01'));
    await utimes(a0, anHourAgo, anHourAgo);
    // Any other write is seen.
    await writeFile(join(dir, 'articles/a3/index.html'), articlePage('Alpha Y', '2013-06-01'));
    const next = await buildSearchIndex({ outDir: dir, logger, shardSize: 2, cacheDir });
    expect(next.shards.map((s) => [s.dir, s.reused])).toEqual([
      ['shard-1', false],
      ['shard-0', true],
    ]);
  });

  it("reuses a shard when only its pages' blocks about other articles changed", async () => {
    const withRelated = (title: string, related: string) =>
      articlePage(title).replace(
        '</body>',
        `<aside class="related" data-pagefind-ignore="all" data-other-articles><ul><li><article>${related}</article></li></ul></aside><footer>Site footer</footer></body>`,
      );
    const dir = await site({ 'articles/a/index.html': withRelated('Alpha', 'Beta, 300 words') });
    const cacheDir = await cache();
    const { logger } = recordingLogger();
    await buildSearchIndex({ outDir: dir, logger, cacheDir });
    await writeFile(join(dir, 'articles/a/index.html'), withRelated('Alpha', 'Beta, 301 words'));
    const relatedChanged = await buildSearchIndex({ outDir: dir, logger, cacheDir });
    expect(relatedChanged.shards.map((s) => s.reused)).toEqual([true]);
    // Anything else on the page still counts, even after the block.
    await writeFile(
      join(dir, 'articles/a/index.html'),
      withRelated('Alpha', 'Beta, 301 words').replace('Site footer', 'Another footer'),
    );
    const footerChanged = await buildSearchIndex({ outDir: dir, logger, cacheDir });
    expect(footerChanged.shards.map((s) => s.reused)).toEqual([false]);
  });

  it('fails when an article page lacks the data-pagefind-body marker', async () => {
    const dir = await site({
      'articles/alpha/index.html': articlePage('Alpha'),
      'articles/beta/index.html': page('<article><h1>Beta</h1><p>Unmarked body.</p></article>'),
    });
    const { logger } = recordingLogger();
    const run = buildSearchIndex({ outDir: dir, logger, cacheDir: await cache() });
    await expect(run).rejects.toBeInstanceOf(SearchIndexError);
    await expect(run).rejects.toThrow(
      /1 article page\(s\) lack data-pagefind-body[^\n]*\n {2}\/articles\/beta\//,
    );
    // The disagreeing index is not left behind to be deployed.
    await expect(readFile(join(dir, 'pagefind/pagefind-entry.json'))).rejects.toThrow(/ENOENT/);
  });

  it('indexes only article pages, even when another page carries the marker', async () => {
    const dir = await site({
      'articles/alpha/index.html': articlePage('Alpha'),
      'themes/military/index.html': page('<main data-pagefind-body><h1>Military</h1></main>'),
    });
    const { logger } = recordingLogger();
    const result = await buildSearchIndex({ outDir: dir, logger, cacheDir: await cache() });
    expect(result.pageCount).toBe(1);
  });

  it('fails when an article page has no sort date', async () => {
    const dir = await site({
      'articles/alpha/index.html': page('<article data-pagefind-body><h1>Alpha</h1></article>'),
    });
    const { logger } = recordingLogger();
    await expect(buildSearchIndex({ outDir: dir, logger, cacheDir: await cache() })).rejects.toThrow(
      /no data-pagefind-sort="date"/,
    );
    await expect(readFile(join(dir, 'pagefind/shards.json'))).rejects.toThrow(/ENOENT/);
  });

  it('fails when the index disagrees with the number of published articles', async () => {
    const dir = await site({ 'articles/alpha/index.html': articlePage('Alpha') });
    const { logger } = recordingLogger();
    await expect(
      buildSearchIndex({ outDir: dir, logger, expectedPages: 2, cacheDir: await cache() }),
    ).rejects.toThrow(/indexed 1 pages but the site has 2 published articles/);
    await expect(readFile(join(dir, 'pagefind/shards.json'))).rejects.toThrow(/ENOENT/);
  });

  it('fails when no page is marked, instead of indexing every page', async () => {
    const dir = await site({
      'index.html': page('<h1>Latest</h1>'),
      'articles/alpha/index.html': page('<article><h1>Alpha</h1></article>'),
    });
    const { logger } = recordingLogger();
    await expect(buildSearchIndex({ outDir: dir, logger, cacheDir: await cache() })).rejects.toThrow(
      SearchIndexError,
    );
  });

  it('writes an empty index for an archive without articles', async () => {
    const dir = await site({ 'index.html': page('<h1>Nothing yet</h1>') });
    const { lines, logger } = recordingLogger();
    const result = await buildSearchIndex({ outDir: dir, logger, cacheDir: await cache() });
    expect(result.pageCount).toBe(0);
    expect(lines.at(-1)).toMatch(/^indexed 0 pages in \d+ ms$/);
    await expect(readFile(join(dir, 'pagefind/pagefind.js'), 'utf8')).resolves.toContain('search');
    const manifest = JSON.parse(await readFile(join(dir, 'pagefind/shards.json'), 'utf8'));
    expect(manifest).toMatchObject({ pages: 0, shards: [] });
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

describe('ShardWorkers', () => {
  const workerFile = new URL('../../src/integrations/search-shard-worker.ts', import.meta.url);

  it('builds shards at the same time in worker threads, byte for byte as in this thread', async () => {
    const pages: Record<string, string> = {};
    for (let i = 0; i < 6; i++)
      pages[`articles/a${i}/index.html`] = articlePage(`Alpha ${i}`, `201${i}-06-01`);
    const dir = await site(pages);
    const read = await readPages(
      Object.keys(pages).map((path) => ({
        url: `/${path.replace(/index\.html$/, '')}`,
        file: join(dir, path),
      })),
    );
    const shards = planShards(read, 2);
    const version = pagefindVersion();

    const inThread = await cache();
    const expected = [];
    for (const shard of shards)
      expected.push(await tree((await cachedShard(shard, dir, inThread, version)).dir));

    const workers = new ShardWorkers(workerFile, 2);
    const inWorkers = await cache();
    // Each shard says once that its Pagefind process ended, before its job is done.
    const events: string[] = [];
    try {
      const built = await Promise.all(
        shards.map((shard) =>
          workers
            .build({ shard, siteDir: dir, cacheDir: inWorkers, version }, () =>
              events.push(`indexed ${shard.id}`),
            )
            .then((result) => {
              events.push(`done ${shard.id}`);
              return result;
            }),
        ),
      );
      expect(built.map((b) => b.reused)).toEqual([false, false, false]);
      expect(await Promise.all(built.map((b) => tree(b.dir)))).toEqual(expected);
      for (const shard of shards) {
        expect(events.filter((e) => e === `indexed ${shard.id}`)).toHaveLength(1);
        expect(events.indexOf(`indexed ${shard.id}`)).toBeLessThan(events.indexOf(`done ${shard.id}`));
      }
      // Built again: found in the cache, and no Pagefind process ran.
      events.length = 0;
      const again = await workers.build(
        { shard: shards[0] as (typeof shards)[number], siteDir: dir, cacheDir: inWorkers, version },
        () => events.push('indexed again'),
      );
      expect(again).toEqual({ dir: built[0]?.dir, reused: true });
      expect(events).toEqual([]);
    } finally {
      await workers.close();
    }
  });

  it("indexes a shard the same whatever Pagefind settings the build's environment holds", async () => {
    const dir = await site({ 'articles/a/index.html': articlePage('Alpha') });
    const [shard] = planShards(
      await readPages([{ url: '/articles/a/', file: join(dir, 'articles/a/index.html') }]),
      10,
    );
    if (!shard) throw new Error('no shard');
    const version = pagefindVersion();
    const expected = await tree((await cachedShard(shard, dir, await cache(), version)).dir);
    // Pagefind's CLI takes these as options; each would change the index.
    const saved = { ...process.env };
    Object.assign(process.env, {
      PAGEFIND_GLOB: 'nothing/**/*.html',
      PAGEFIND_ROOT_SELECTOR: 'header',
      PAGEFIND_EXCLUDE_SELECTORS: 'h1',
      PAGEFIND_FORCE_LANGUAGE: 'fr',
    });
    try {
      expect(await tree((await cachedShard(shard, dir, await cache(), version)).dir)).toEqual(expected);
    } finally {
      process.env = saved;
    }
  });

  it('fails the job of a worker that crashes or stops, instead of waiting for it forever', async () => {
    const dir = await cache();
    const crashing = join(dir, 'crashing.mjs');
    await writeFile(crashing, "throw new Error('broken worker file');\n");
    const stopping = join(dir, 'stopping.mjs');
    await writeFile(
      stopping,
      "import { parentPort } from 'node:worker_threads';\nparentPort.on('message', () => process.exit(3));\n",
    );
    const job = {
      shard: { id: 0, pages: [], oldest: '2020-01-01', newest: '2020-01-01' },
      siteDir: dir,
      cacheDir: dir,
      version: '0',
    };
    for (const [file, message] of [
      [crashing, /broken worker file/],
      [stopping, /stopped \(exit code 3\)/],
    ] as const) {
      const workers = new ShardWorkers(file, 1);
      try {
        // Two jobs: the second gets a new worker, and fails the same way.
        await expect(workers.build(job)).rejects.toThrow(message);
        await expect(workers.build(job)).rejects.toThrow(message);
      } finally {
        await workers.close();
      }
    }
  });

  it('lets the process exit while its workers are idle, even when nobody closes the pool', async () => {
    const dir = await cache();
    const answering = join(dir, 'answering.mjs');
    await writeFile(
      answering,
      "import { parentPort } from 'node:worker_threads';\n" +
        "parentPort.on('message', (job) => parentPort.postMessage({ id: job.id, value: { dir: 'x', reused: true } }));\n",
    );
    const script = join(dir, 'main.ts');
    const pool = new URL('../../src/integrations/search-shard-workers.ts', import.meta.url).href;
    await writeFile(
      script,
      `import { ShardWorkers } from ${JSON.stringify(pool)};\n` +
        `const workers = new ShardWorkers(${JSON.stringify(answering)}, 2);\n` +
        "const job = { shard: { id: 0, pages: [], oldest: '', newest: '' }, siteDir: '', cacheDir: '', version: '' };\n" +
        'console.log(JSON.stringify(await Promise.all([workers.build(job), workers.build(job)])));\n',
    );
    // A build that fails before `astro:build:done` never closes the pool: its process must still end.
    const child = spawnSync(join(import.meta.dirname, '../../node_modules/.bin/node'), [script], {
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(child.error).toBeUndefined();
    expect(child.status).toBe(0);
    expect(child.stdout.trim()).toBe(
      JSON.stringify([
        { dir: 'x', reused: true },
        { dir: 'x', reused: true },
      ]),
    );
  });

  it('lets every shard go on when the oldest shard could not be built early (no words to answer)', async () => {
    const workers = new ShardWorkers(workerFile, 1);
    try {
      const early = new EarlyAnswers(workers);
      // Shard 1 waits for the words that shard 0 chooses; shard 0 failed.
      const later = early.shardBuilt(1, '/nowhere');
      await early.shardBuilt(0, undefined);
      await expect(later).resolves.toBeUndefined();
    } finally {
      await workers.close();
    }
  });

  it("rejects with Pagefind's own error when it cannot index a shard", async () => {
    const cacheDir = await cache();
    const workers = new ShardWorkers(workerFile, 1);
    try {
      // Pagefind's CLI refuses a site without pages; planShards never plans such a shard.
      const empty = { id: 0, pages: [], oldest: '2024-01-01', newest: '2024-01-01' };
      await expect(
        workers.build({ shard: empty, siteDir: await site({}), cacheDir, version: pagefindVersion() }),
      ).rejects.toThrow(
        /Pagefind failed to index the articles \(exit status 1\):\n {2}Error: Pagefind was not able to build an index/,
      );
      expect(await readdir(cacheDir)).toEqual([]);
    } finally {
      await workers.close();
    }
  });

  it('rejects naming the page when a page of a shard is missing, and goes on with the next', async () => {
    const dir = await site({ 'articles/a/index.html': articlePage('Alpha') });
    const [page] = await readPages([{ url: '/articles/a/', file: join(dir, 'articles/a/index.html') }]);
    if (!page) throw new Error('no page');
    const missing = { ...page, url: '/articles/missing/', file: join(dir, 'articles/missing/index.html') };
    const version = pagefindVersion();
    const cacheDir = await cache();
    const workers = new ShardWorkers(workerFile, 1);
    try {
      const broken = { id: 0, pages: [missing], oldest: page.date, newest: page.date };
      await expect(workers.build({ shard: broken, siteDir: dir, cacheDir, version })).rejects.toThrow(
        /cannot index \/articles\/missing\/: ENOENT/,
      );
      const fine = { id: 0, pages: [page], oldest: page.date, newest: page.date };
      await expect(workers.build({ shard: fine, siteDir: dir, cacheDir, version })).resolves.toMatchObject({
        reused: false,
      });
    } finally {
      await workers.close();
    }
  });
});
