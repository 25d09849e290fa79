/**
 * The scale benchmark:
 *
 *   npm run bench -- --articles N [--seed S] [--authors A] [--keep] [--skip-search-browser] [--skip-rebuild]
 *                    [--results DIR] [--cpu-prof DIR] [--quiet]
 *
 * Generates a deterministic corpus of N articles in a temporary folder, builds
 * it with `astro build` (ARCHIVE_CONTENT_DIR / ARCHIVE_OUT_DIR, Astro's cache
 * in the same temporary folder), measures the build, the output, search in
 * headless Chromium and a rebuild after one edit, and writes
 * bench-results/<N>.json and bench-results/<N>.md.
 *
 * NODE_OPTIONS set by the caller (a heap cap) reaches the build; `--cpu-prof DIR`
 * writes a V8 CPU profile of the cold build's main process into DIR.
 */
import { execFileSync } from 'node:child_process';
import {
  appendFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { cpus, freemem, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { measureBuild, type BuildRun } from './measure-build.ts';
import { calibrate, readCpuTicks, stealShare } from './machine-speed.ts';
import { completeness, outputStats } from './output-stats.ts';
import { renderMarkdown, formatBytes, formatMs, type BenchResult } from './report.ts';
import { EXTRA_PAGES, probeSearch } from './search-probe.ts';
import { startStaticServer } from './static-server.ts';
import { DEFAULT_SEED, writeCorpus } from './write-corpus.ts';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

function fail(message: string): never {
  console.error(`bench: ${message}`);
  console.error(
    'usage: npm run bench -- --articles N [--seed S] [--authors A] [--keep] [--skip-search-browser] [--skip-rebuild] [--results DIR] [--cpu-prof DIR]',
  );
  process.exit(2);
}

const { values } = parseArgs({
  options: {
    articles: { type: 'string' },
    seed: { type: 'string' },
    authors: { type: 'string' },
    keep: { type: 'boolean', default: false },
    'skip-search-browser': { type: 'boolean', default: false },
    'skip-rebuild': { type: 'boolean', default: false },
    results: { type: 'string' },
    quiet: { type: 'boolean', default: false },
    'cpu-prof': { type: 'string' },
  },
});

const articles = Number(values.articles);
if (!Number.isInteger(articles) || articles < 1) fail('--articles must be a positive whole number');
const seed = values.seed === undefined ? DEFAULT_SEED : Number(values.seed);
if (!Number.isInteger(seed)) fail('--seed must be a whole number');
// An archive of thousands of contributors (the default is the corpus's list of 40).
const authors = values.authors === undefined ? undefined : Number(values.authors);
if (authors !== undefined && (!Number.isInteger(authors) || authors < 1))
  fail('--authors must be a positive whole number');
const resultsDir = resolve(projectRoot, values.results ?? 'bench-results');

const say = (line: string): void => console.log(line);
// A V8 CPU profile of the cold build, summarised by scripts/bench/summarize-profile.ts.
const cpuProfDir = values['cpu-prof'] ? resolve(values['cpu-prof']) : undefined;
const buildNodeFlags = cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfDir}`] : undefined;
const workDir = mkdtempSync(join(tmpdir(), `archive-bench-${articles}-`));
const contentDir = join(workDir, 'content');
const outDir = join(workDir, 'dist');
const cacheDir = join(workDir, 'astro-cache');

function git(args: string[]): string {
  try {
    return execFileSync('git', args, { cwd: projectRoot, encoding: 'utf8' }).trim();
  } catch {
    return '';
  }
}

/** Bytes of all files under a folder. */
function dirBytes(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    total += entry.isDirectory() ? dirBytes(path) : statSync(path).size;
  }
  return total;
}

function withoutTail(run: BuildRun): Omit<BuildRun, 'logTail'> {
  const { logTail: _logTail, ...rest } = run;
  return rest;
}

const echo = values.quiet
  ? undefined
  : (() => {
      // Article routes are one line each: show progress every 1,000 instead of every line.
      let routeLines = 0;
      return (line: string): void => {
        if (/^\S*\s+[├└]─ /.test(line)) {
          routeLines++;
          if (routeLines % 1000 === 0) say(`  … ${routeLines.toLocaleString('en')} routes`);
          return;
        }
        if (line.trim()) say(`  | ${line}`);
      };
    })();

async function main(): Promise<void> {
  const command = `npm run bench -- ${process.argv.slice(2).join(' ')}`;
  const loadAverageBefore = loadavg();
  say(`bench: ${articles.toLocaleString('en')} articles, seed ${seed}, in ${workDir}`);
  say(
    `bench: load average ${loadAverageBefore.map((v) => v.toFixed(2)).join(' ')}, ${formatBytes(freemem())} free`,
  );

  const generateStarted = performance.now();
  const manifest = writeCorpus({
    articles,
    out: contentDir,
    seed,
    authors,
    onProgress: (n) => say(`  generated ${n.toLocaleString('en')}`),
  });
  const generateMs = performance.now() - generateStarted;
  const corpusBytes = dirBytes(join(contentDir, 'articles'));
  say(`bench: corpus generated in ${formatMs(generateMs)} (${formatBytes(corpusBytes)})`);

  // Before the build, on a machine as quiet as the benchmark leaves it: how fast its cores are today.
  const calibration = calibrate();
  say(`bench: calibration workload ${formatMs(calibration.ms)} (lower is a faster core)`);

  say('bench: cold build …');
  const ticksBefore = readCpuTicks();
  const build = await measureBuild({
    projectRoot,
    workDir,
    contentDir,
    outDir,
    cacheDir,
    logFile: join(workDir, 'build.log'),
    nodeFlags: buildNodeFlags,
    echo,
  });
  const ticksAfter = readCpuTicks();
  const stolen = ticksBefore && ticksAfter ? stealShare(ticksBefore, ticksAfter) : undefined;
  say(
    `bench: build ${build.ok ? 'succeeded' : 'FAILED'} in ${formatMs(build.wallMs)}, peak RSS ${formatBytes(build.peakRssBytes)}`,
  );
  if (!build.ok) say(build.logTail.join('\n'));

  const result: BenchResult = {
    articles,
    seed,
    ranAt: new Date().toISOString(),
    command,
    machine: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? 'unknown',
      memoryBytes: totalmem(),
      node: process.versions.node,
      loadAverageBefore,
      loadAverageAfter: [],
      calibrationMs: calibration.ms,
      calibrationChecksum: calibration.checksum,
      stealDuringBuild: stolen,
    },
    git: {
      commit: git(['rev-parse', 'HEAD']),
      uncommittedFiles: git(['status', '--porcelain']).split('\n').filter(Boolean).length,
    },
    nodeOptions: process.env.NODE_OPTIONS || undefined,
    corpus: {
      generateMs,
      authors: manifest.authors,
      published: manifest.published,
      drafts: manifest.drafts,
      publishedWords: manifest.publishedWords,
      bytes: corpusBytes,
      rareWord: manifest.rareWord,
      mostCommonWord: manifest.mostCommonWord,
    },
    build: withoutTail(build),
    msPerArticle: build.wallMs / articles,
  };

  mkdirSync(resultsDir, { recursive: true });
  const jsonPath = join(resultsDir, `${articles}.json`);
  const mdPath = join(resultsDir, `${articles}.md`);
  // Saved after every stage, so a long run that is stopped still leaves what it measured.
  const save = (): void => {
    result.machine.loadAverageAfter = loadavg();
    writeFileSync(jsonPath, `${JSON.stringify(result, null, 2)}\n`);
    writeFileSync(mdPath, renderMarkdown(result));
  };
  save();

  if (build.ok) {
    say('bench: counting output …');
    result.output = outputStats(outDir);
    result.completeness = completeness(outDir, manifest);

    if (values['skip-search-browser']) {
      result.search = { bundles: [], skipped: 'skipped with --skip-search-browser' };
    } else {
      say('bench: search in Chromium …');
      const server = await startStaticServer({ root: outDir, extraPages: EXTRA_PAGES });
      try {
        const biggestRegion = Object.entries(manifest.regionCounts).sort((a, b) => b[1] - a[1])[0]?.[0];
        result.search = await probeSearch({
          outDir,
          server,
          rareWord: manifest.rareWord,
          commonWord: manifest.mostCommonWord,
          queries: manifest.queries,
          browseRegion: biggestRegion ?? 'europe',
          log: say,
        });
        if (result.search.skipped) say(`bench: search skipped: ${result.search.skipped}`);
      } catch (error) {
        result.search = { bundles: [], error: (error as Error).message.split('\n')[0] };
        say(`bench: search measurement failed: ${(error as Error).message}`);
      } finally {
        await server.close();
      }
    }
    save();

    if (values['skip-rebuild']) {
      result.rebuild = { skipped: 'skipped with --skip-rebuild' };
    } else if (!manifest.editTarget) {
      result.rebuild = { skipped: 'the corpus has no published article to edit' };
    } else {
      const marker = `Benchmark edit marker ${seed}.`;
      appendFileSync(join(contentDir, manifest.editTarget), `\n${marker}\n`);
      say(`bench: rebuild after editing ${manifest.editTarget} …`);
      const rebuild = await measureBuild({
        projectRoot,
        workDir,
        contentDir,
        outDir,
        cacheDir,
        logFile: join(workDir, 'rebuild.log'),
        echo,
      });
      const slug = manifest.editTarget.replace(/^.*\//, '').replace(/\.md$/, '');
      let editVisible: boolean;
      try {
        editVisible = readFileSync(join(outDir, 'articles', slug, 'index.html'), 'utf8').includes(marker);
      } catch {
        editVisible = false;
      }
      result.rebuild = {
        editedFile: manifest.editTarget,
        build: withoutTail(rebuild),
        ratio: rebuild.wallMs / build.wallMs,
        editVisible,
      };
      say(`bench: rebuild ${rebuild.ok ? 'succeeded' : 'FAILED'} in ${formatMs(rebuild.wallMs)}`);
    }
  }

  save();
  say(`bench: wrote ${jsonPath} and ${mdPath}`);

  if (values.keep) say(`bench: kept ${workDir} (content/, dist/, build.log)`);
  else rmSync(workDir, { recursive: true, force: true });
  if (!build.ok) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  if (!values.keep) rmSync(workDir, { recursive: true, force: true });
  process.exitCode = 1;
});
