import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildPhases, type TimedLine } from '../../../scripts/bench/build-phases.ts';
import { completeness, outputStats } from '../../../scripts/bench/output-stats.ts';
import { cpuBetween, peakBetween, treeRssBytes } from '../../../scripts/bench/process-tree.ts';
import {
  calibrate,
  calibrationText,
  parseProcStat,
  stealShare,
} from '../../../scripts/bench/machine-speed.ts';
import {
  REFERENCE_CALIBRATION_MS,
  formatBytes,
  formatMs,
  renderMarkdown,
  type BenchResult,
} from '../../../scripts/bench/report.ts';
import { fileKind, findPagefindBundles, percentile } from '../../../scripts/bench/search-probe.ts';
import { startStaticServer } from '../../../scripts/bench/static-server.ts';

const lines = (entries: [number, string][]): TimedLine[] => entries.map(([at, text]) => ({ at, text }));

describe('buildPhases', () => {
  const log = lines([
    [900, '03:30:20 [content] Syncing content'],
    [4000, '\u001b[2m03:30:24\u001b[22m \u001b[34m[content]\u001b[39m Synced content'],
    [7000, ' generating static routes '],
    [7100, '03:30:29   ├─ /404.html (+94ms) '],
    [60_000, '03:31:52 ✓ Completed in 53s.'],
    [61_000, '03:31:53 [search-index] indexing 1,000 pages'],
    [75_000, '03:32:07 [search-index] indexed 1,000 pages in 13,500 ms'],
    [75_500, '03:32:07 [build] 1523 page(s) built in 1m 35s'],
    [76_000, '03:32:08 [build] Complete!'],
  ]);

  it('cuts the build into content sync, bundling, page rendering and search indexing', () => {
    const phases = buildPhases(log, 80_000);
    const byName = Object.fromEntries(phases.windows.map((w) => [w.name, [w.from, w.to]]));
    expect(byName['content sync']).toEqual([0, 4000]);
    expect(byName.bundling).toEqual([4000, 7000]);
    expect(byName['page rendering']).toEqual([7000, 60_000]);
    expect(byName['search indexing']).toEqual([61_000, 75_000]);
    expect(byName['whole build']).toEqual([0, 76_000]);
  });

  it("takes the search integration's own figure and Astro's page count", () => {
    const phases = buildPhases(log, 80_000);
    expect(phases.searchIndex).toMatchObject({ pages: 1000, ms: 13_500 });
    expect(phases.pagesBuilt).toBe(1523);
  });

  it('reports no search phase when the build has no search integration', () => {
    const phases = buildPhases(log.slice(0, 5), 70_000);
    expect(phases.windows.map((w) => w.name)).toEqual([
      'content sync',
      'bundling',
      'page rendering',
      'whole build',
    ]);
    expect(phases.searchIndex).toBeUndefined();
    expect(phases.windows.at(-1)?.to).toBe(70_000);
  });
});

describe('process tree memory', () => {
  it('sums the resident memory of a process and its descendants', async () => {
    // A child that starts a grandchild holding 64 MB: the tree must count both.
    const script =
      "const { spawn } = require('node:child_process');" +
      "spawn(process.execPath, ['-e', 'const b = Buffer.alloc(64 * 1024 * 1024, 1); setInterval(() => b[0]++, 50)'], { stdio: 'ignore' });" +
      'setInterval(() => {}, 1000);';
    const child = spawn(process.execPath, ['-e', script], { stdio: 'ignore', detached: true });
    try {
      let bytes = 0;
      for (let i = 0; i < 100 && bytes < 64 * 1024 * 1024; i++) {
        await new Promise((r) => setTimeout(r, 100));
        bytes = treeRssBytes(child.pid as number);
      }
      expect(bytes).toBeGreaterThan(64 * 1024 * 1024);
    } finally {
      process.kill(-(child.pid as number), 'SIGKILL');
    }
    expect(treeRssBytes(2 ** 22 + 12345)).toBe(0);
  });

  it('finds the peak memory and the CPU time used in a time window', () => {
    const samples = [
      { at: 0, bytes: 10, processes: 1, cpuMs: 0 },
      { at: 200, bytes: 50, processes: 1, cpuMs: 150 },
      { at: 400, bytes: 30, processes: 2, cpuMs: 500 },
    ];
    expect(peakBetween(samples, 300, 500)).toBe(30);
    expect(peakBetween(samples, 0, 500)).toBe(50);
    expect(peakBetween(samples, 600, 700)).toBe(0);
    expect(cpuBetween(samples, 200, 400)).toBe(350);
    expect(cpuBetween(samples, 0, 1000)).toBe(500);
  });
});

describe('findPagefindBundles', () => {
  it("takes a sharded index's bundles from its manifest, which leaves its directory out", () => {
    const dir = mkdtempSync(join(tmpdir(), 'bench-bundles-test-'));
    try {
      for (const bundle of ['shard-0', 'shard-1', 'directory']) {
        mkdirSync(join(dir, 'pagefind', bundle), { recursive: true });
        writeFileSync(join(dir, 'pagefind', bundle, 'pagefind.js'), '');
        writeFileSync(join(dir, 'pagefind', bundle, 'pagefind-entry.json'), '{}');
      }
      expect(findPagefindBundles(dir)).toEqual([
        '/pagefind/directory/',
        '/pagefind/shard-0/',
        '/pagefind/shard-1/',
      ]);
      const shards = [{ bundle: '/pagefind/shard-1/' }, { bundle: '/pagefind/shard-0/' }];
      writeFileSync(join(dir, 'pagefind', 'shards.json'), JSON.stringify({ version: 1, shards }));
      expect(findPagefindBundles(dir)).toEqual(['/pagefind/shard-0/', '/pagefind/shard-1/']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('output of a build', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bench-output-test-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (path: string, text: string): void => {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  };
  write('index.html', '<!doctype html><p>home</p>');
  write('articles/one/index.html', 'one');
  write('articles/two/index.html', 'two');
  write('articles/draft-one/index.html', 'should not be here');
  write('pagefind/pagefind.js', 'x'.repeat(100));
  write('pagefind/pagefind-entry.json', JSON.stringify({ languages: { en: { page_count: 3 } } }));
  write('pagefind/fragment/a.pf_fragment', 'y'.repeat(50));
  write(
    'sitemap-0.xml',
    '<urlset><url><loc>https://a.example/</loc></url><url><loc>https://a.example/articles/one/</loc></url></urlset>',
  );
  write(
    'sitemap-index.xml',
    '<sitemapindex><sitemap><loc>https://a.example/sitemap-0.xml</loc></sitemap></sitemapindex>',
  );

  it('counts files, bytes, HTML and the search index apart', () => {
    const stats = outputStats(dir);
    expect(stats.files).toBe(9);
    expect(stats.htmlFiles).toBe(4);
    expect(stats.searchFiles).toBe(3);
    expect(stats.searchBytes).toBe(
      100 + 50 + JSON.stringify({ languages: { en: { page_count: 3 } } }).length,
    );
    expect(stats.largestFile.path).toMatch(/sitemap|pagefind\/pagefind\.js/);
  });

  it('checks pages, drafts, search records and sitemap entries against the corpus', () => {
    expect(findPagefindBundles(dir)).toEqual(['/pagefind/']);
    expect(completeness(dir, { published: 2, draftSlugs: ['draft-one', 'draft-two'] })).toEqual({
      publishedArticles: 2,
      articlePages: 3,
      draftPages: 1,
      searchRecords: 3,
      sitemapEntries: 2,
      sitemapArticleEntries: 1,
      rssItems: undefined,
    });
  });
});

describe('static server', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bench-server-test-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const html = `<!doctype html><title>t</title>${'<p>same words again</p>'.repeat(500)}`;
  writeFileSync(join(dir, 'index.html'), html);
  mkdirSync(join(dir, 'pagefind'));
  const binary = Buffer.from(Array.from({ length: 4000 }, (_, i) => (i * 7919) % 251));
  writeFileSync(join(dir, 'pagefind', 'x.pf_fragment'), binary);

  it('gzips text like a static host, sends binary files as they are, and counts bytes sent', async () => {
    const server = await startStaticServer({ root: dir, extraPages: { '/__blank/': '<p>blank</p>' } });
    try {
      const page = await fetch(`${server.url}/`, { headers: { 'accept-encoding': 'gzip' } });
      const raw = Buffer.from(await page.arrayBuffer());
      // fetch decodes gzip itself: the text is whole, and the server counted the compressed size.
      expect(raw.toString()).toBe(html);
      expect(page.headers.get('content-encoding')).toBe('gzip');
      const htmlRequest = server.requests[0];
      expect(htmlRequest?.gzip).toBe(true);
      expect(htmlRequest?.bytes).toBeLessThan(html.length / 10);

      const fragment = await fetch(`${server.url}/pagefind/x.pf_fragment`);
      expect(Buffer.from(await fragment.arrayBuffer())).toEqual(binary);
      expect(server.requests[1]).toMatchObject({ bytes: binary.length, gzip: false });

      // A revalidation of a file the client holds costs a 304 and no body, as on a static host.
      const etag = fragment.headers.get('etag') as string;
      const again = await fetch(`${server.url}/pagefind/x.pf_fragment`, {
        headers: { 'if-none-match': etag },
      });
      expect(again.status).toBe(304);
      expect(server.requests[2]).toMatchObject({ status: 304, bytes: 0 });

      expect((await fetch(`${server.url}/__blank/`)).status).toBe(200);
      expect((await fetch(`${server.url}/../../etc/passwd`)).status).toBe(404);
      expect((await fetch(`${server.url}/missing/`)).status).toBe(404);
      server.reset();
      expect(server.requests).toEqual([]);
    } finally {
      await server.close();
    }
  });
});

describe('report helpers', () => {
  it('computes nearest-rank percentiles', () => {
    const values = [5, 1, 4, 2, 3, 10, 9, 8, 7, 6];
    expect(percentile(values, 50)).toBe(5);
    expect(percentile(values, 95)).toBe(10);
    expect(percentile([42], 95)).toBe(42);
    expect(percentile([], 50)).toBeNaN();
  });

  it('tells which part of a Pagefind index a request fetched', () => {
    expect(fileKind('/pagefind/fragment/en_1a2b3c.pf_fragment')).toBe('fragment');
    expect(fileKind('/pagefind/index/en_1a2b3c.pf_index')).toBe('index');
    expect(fileKind('/pagefind/filter/en_1a2b3c.pf_filter')).toBe('filter');
    expect(fileKind('/pagefind/pagefind.en_1a2b3c.pf_meta')).toBe('meta');
    expect(fileKind('/pagefind/pagefind-entry.json?ts=1')).toBe('meta');
    expect(fileKind('/pagefind/wasm.en.pagefind')).toBe('wasm');
    expect(fileKind('/pagefind/pagefind.js')).toBe('script');
    expect(fileKind('/pagefind/answers/the.json')).toBe('answer');
    expect(fileKind('/search/index.html')).toBe('other');
  });

  it('formats bytes and durations for the tables', () => {
    expect(formatBytes(1536)).toBe('1.5 kB');
    expect(formatBytes(3.5 * 1024 * 1024)).toBe('3.5 MB');
    expect(formatBytes(4.25 * 1024 ** 3)).toBe('4.25 GB');
    expect(formatMs(250)).toBe('250 ms');
    expect(formatMs(12_340)).toBe('12.3 s');
    expect(formatMs(125_000)).toBe('2 min 5 s');
  });
});

describe('renderMarkdown', () => {
  const build = {
    ok: true,
    exitCode: 0,
    wallMs: 90_000,
    userSeconds: 120,
    systemSeconds: 30,
    peakRssBytes: 3 * 1024 ** 3,
    phases: [
      {
        name: 'page rendering',
        from: 5000,
        to: 65_000,
        ms: 60_000,
        cpuMs: 40_000,
        peakRssBytes: 2 * 1024 ** 3,
      },
    ],
    logFile: 'build.log',
  };
  const result: BenchResult = {
    articles: 10_000,
    seed: 1,
    ranAt: '2026-11-28T00:00:00.000Z',
    command: 'npm run bench -- --articles 10000',
    machine: {
      cpus: 2,
      cpuModel: 'test cpu',
      memoryBytes: 24 * 1024 ** 3,
      node: '22.0.0',
      loadAverageBefore: [0.5, 0.4, 0.3],
      loadAverageAfter: [1, 1, 1],
    },
    git: { commit: 'abcdef1234567890', uncommittedFiles: 0 },
    corpus: {
      generateMs: 10_000,
      published: 9800,
      drafts: 200,
      publishedWords: 14_000_000,
      bytes: 100 * 1024 * 1024,
      rareWord: 'qzb',
      mostCommonWord: 'the',
    },
    build,
    msPerArticle: 9,
    completeness: { publishedArticles: 9800, articlePages: 9799, draftPages: 0 },
    search: { bundles: [], skipped: 'no index' },
    rebuild: { editedFile: 'articles/x.md', build, ratio: 0.25, editVisible: true },
  };

  it('renders the figures a reader needs, and flags incomplete output', () => {
    const md = renderMarkdown(result);
    expect(md).toContain('# Benchmark: 10,000 articles');
    expect(md).toContain('1 min 30 s wall (9.0 ms per article), 120 s user + 30 s system');
    expect(md).toContain('| page rendering | 1 min 0 s | 40.0 s | 2.00 GB |');
    expect(md).toContain('| article pages | 9,799 ✗ | 9800 |');
    expect(md).toContain('| draft pages | 0 ✓ | 0 |');
    expect(md).toContain('Skipped: no index.');
    expect(md).toContain('(25% of the cold build)');
  });

  it("reports the search page's own latency, first results and complete, with the slowest query", () => {
    const query = (q: string, first: number, done: number) => ({
      query: q,
      results: 3,
      msToFirstResults: first,
      msToCounts: done,
    });
    const queries = [query('the', 900, 1200), query('rare', 40, 50), query('report', 100, 150)];
    const md = renderMarkdown({
      ...result,
      search: {
        bundles: ['/pagefind/shard-0/'],
        page: {
          visits: [],
          latency: {
            queries,
            firstResults: { p50: percentile([900, 40, 100], 50), p95: percentile([900, 40, 100], 95) },
            counts: { p50: percentile([1200, 50, 150], 50), p95: percentile([1200, 50, 150], 95) },
          },
        },
      },
    });
    expect(md).toContain(
      'first results p50 100 ms, p95 900 ms; complete with counts p50 150 ms, p95 1.20 s (slowest: "the", 1.20 s).',
    );
  });

  it("states the host's core speed, and warns when the cores were slower than the reference runs'", () => {
    const quiet = renderMarkdown({
      ...result,
      machine: { ...result.machine, calibrationMs: REFERENCE_CALIBRATION_MS, stealDuringBuild: 0.004 },
    });
    expect(quiet).toContain(
      `- Calibration workload (deflate and SHA-256, one core): ${REFERENCE_CALIBRATION_MS} ms; CPU time stolen by the hypervisor during the build: 0.4%\n`,
    );
    const slow = renderMarkdown({
      ...result,
      machine: { ...result.machine, calibrationMs: REFERENCE_CALIBRATION_MS * 2 },
    });
    expect(slow).toContain(`2.0 times the reference runs' ${REFERENCE_CALIBRATION_MS} ms`);
    // Reports written before the calibration existed say nothing of it.
    expect(renderMarkdown(result)).not.toContain('Calibration workload');
  });
});

describe('machine speed', () => {
  it("reads the whole machine's CPU ticks from /proc/stat, steal included in the total", () => {
    const stat = [
      'cpu  217384 16 57792 136695 7970 0 1614 114 0 0',
      'cpu0 102532 8 23608 84048 377 0 134 55 0 0',
      'intr 1 2 3',
    ].join('\n');
    expect(parseProcStat(stat)).toEqual({
      total: 217384 + 16 + 57792 + 136695 + 7970 + 0 + 1614 + 114,
      steal: 114,
    });
    expect(parseProcStat('intr 1 2 3\n')).toBeUndefined();
    expect(parseProcStat('cpu  a b c d\n')).toBeUndefined();
  });

  it('gives the stolen share of the CPU time between two readings', () => {
    expect(stealShare({ total: 1000, steal: 10 }, { total: 1400, steal: 110 })).toBe(0.25);
    expect(stealShare({ total: 1000, steal: 10 }, { total: 1000, steal: 10 })).toBe(0);
  });

  it('calibrates with the same work on every run: the same text, the same checksum', () => {
    const text = calibrationText(4096, 7);
    expect(text.length).toBe(4096);
    expect(calibrationText(4096, 7).equals(text)).toBe(true);
    expect(calibrationText(4096, 8).equals(text)).toBe(false);
    // Prose-like: compressible, but not trivially.
    expect(/^[a-z ]+$/.test(text.toString())).toBe(true);
    const first = calibrate(1);
    const second = calibrate(1);
    expect(first.ms).toBeGreaterThan(0);
    expect(second.checksum).toBe(first.checksum);
  });
});
