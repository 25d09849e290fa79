/**
 * The benchmark's result record and its Markdown rendering. The JSON is the
 * record; the Markdown is what a reader (and BENCHMARKS.md) needs from it.
 */
import type { BuildRun } from './measure-build.ts';
import type { Completeness, OutputStats } from './output-stats.ts';
import type { SearchProbe } from './search-probe.ts';

export interface RebuildResult {
  editedFile: string;
  build: Omit<BuildRun, 'logTail'>;
  /** Rebuild wall time over cold build wall time. */
  ratio: number;
  /** The edit's marker text is on the rebuilt article page. */
  editVisible: boolean;
}

export interface BenchResult {
  articles: number;
  seed: number;
  ranAt: string;
  command: string;
  machine: {
    cpus: number;
    cpuModel: string;
    memoryBytes: number;
    node: string;
    loadAverageBefore: number[];
    loadAverageAfter: number[];
    /**
     * Milliseconds of the fixed calibration workload before the build
     * (machine-speed.ts): how fast a core of this machine was that day.
     * Absent in reports written before it was measured.
     */
    calibrationMs?: number | undefined;
    /** What the calibration computed, the same on every machine when its work was the same. */
    calibrationChecksum?: string | undefined;
    /** Share of the machine's CPU time stolen by the hypervisor during the cold build (0–1). */
    stealDuringBuild?: number | undefined;
  };
  git: { commit: string; uncommittedFiles: number };
  nodeOptions?: string | undefined;
  corpus: {
    generateMs: number;
    /** Author names drawn from; absent in reports written before `--authors` (40). */
    authors?: number;
    published: number;
    drafts: number;
    publishedWords: number;
    bytes: number;
    rareWord: string;
    mostCommonWord: string;
  };
  build: Omit<BuildRun, 'logTail'>;
  msPerArticle: number;
  output?: OutputStats | undefined;
  completeness?: Completeness | undefined;
  search?: (SearchProbe & { error?: string | undefined }) | undefined;
  rebuild?: RebuildResult | { skipped: string } | undefined;
}

const MB = 1024 * 1024;

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * MB) return `${(bytes / 1024 / MB).toFixed(2)} GB`;
  if (bytes >= MB) return `${(bytes / MB).toFixed(1)} MB`;
  return `${(bytes / 1024).toFixed(1)} kB`;
}

export function formatMs(ms: number): string {
  if (ms >= 60_000) {
    const minutes = Math.floor(ms / 60_000);
    return `${minutes} min ${Math.round((ms - minutes * 60_000) / 1000)} s`;
  }
  if (ms >= 10_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  return `${Math.round(ms)} ms`;
}

function row(cells: (string | number)[]): string {
  return `| ${cells.join(' | ')} |`;
}

function cpu(build: Omit<BuildRun, 'logTail'>): string {
  return build.userSeconds === undefined || build.systemSeconds === undefined
    ? 'n/a'
    : `${build.userSeconds.toFixed(0)} s user + ${build.systemSeconds.toFixed(0)} s system`;
}

/**
 * Runs this much slower than BENCHMARKS.md's reference runs of the calibration
 * are reported as made on a slow host.
 */
const SLOW_HOST = 1.3;

/** The calibration of the reference runs in BENCHMARKS.md (2 cores, AMD EPYC, on a quiet host). */
export const REFERENCE_CALIBRATION_MS = 210;

function coreSpeed(machine: BenchResult['machine']): string {
  const ms = machine.calibrationMs ?? 0;
  const steal =
    machine.stealDuringBuild === undefined
      ? ''
      : `; CPU time stolen by the hypervisor during the build: ${(machine.stealDuringBuild * 100).toFixed(1)}%`;
  const slow =
    ms > REFERENCE_CALIBRATION_MS * SLOW_HOST
      ? ` — ${(ms / REFERENCE_CALIBRATION_MS).toFixed(1)} times the reference runs' ${REFERENCE_CALIBRATION_MS} ms: this host's cores were slow, so every time below is inflated`
      : '';
  return `- Calibration workload (deflate and SHA-256, one core): ${formatMs(ms)}${steal}${slow}`;
}

export function renderMarkdown(r: BenchResult): string {
  const out: string[] = [];
  const load = (l: number[]): string => l.map((v) => v.toFixed(2)).join(' / ');
  out.push(`# Benchmark: ${r.articles.toLocaleString('en')} articles`, '');
  out.push(
    `- Command: \`${r.command}\``,
    `- Ran at ${r.ranAt} on ${r.machine.cpus} cores (${r.machine.cpuModel}), ${formatBytes(r.machine.memoryBytes)} RAM, Node ${r.machine.node}`,
    `- Git ${r.git.commit.slice(0, 12)}${r.git.uncommittedFiles > 0 ? ` with ${r.git.uncommittedFiles} uncommitted files in the work tree` : ''}`,
    `- Load average (1/5/15 min) before ${load(r.machine.loadAverageBefore)}, after ${load(r.machine.loadAverageAfter)}` +
      (r.machine.loadAverageBefore[0] !== undefined && r.machine.loadAverageBefore[0] > r.machine.cpus
        ? ' — the machine was busy with other work: wall times are inflated, CPU times are the steadier figure'
        : ''),
    ...(r.machine.calibrationMs === undefined ? [] : [coreSpeed(r.machine)]),
    ...(r.nodeOptions ? [`- NODE_OPTIONS=${r.nodeOptions}`] : []),
    '',
  );

  out.push('## Corpus', '');
  out.push(
    `${r.corpus.published.toLocaleString('en')} published articles and ${r.corpus.drafts} drafts by ` +
      `${(r.corpus.authors ?? 40).toLocaleString('en')} authors, ` +
      `${r.corpus.publishedWords.toLocaleString('en')} words (${Math.round(r.corpus.publishedWords / Math.max(1, r.corpus.published))} per article), ` +
      `${formatBytes(r.corpus.bytes)} of Markdown, generated in ${formatMs(r.corpus.generateMs)}.`,
    '',
  );

  out.push('## Build', '');
  out.push(
    `${r.build.ok ? 'Succeeded' : `**Failed** (exit ${String(r.build.exitCode)})`}: ${formatMs(r.build.wallMs)} wall ` +
      `(${r.msPerArticle.toFixed(1)} ms per article), ${cpu(r.build)}, peak RSS of the process tree ${formatBytes(r.build.peakRssBytes)}.`,
    '',
  );
  out.push(row(['phase', 'wall time', 'CPU time', 'peak RSS']), row(['---', '---:', '---:', '---:']));
  for (const p of r.build.phases) {
    const cpuTime = p.cpuMs === undefined ? 'n/a' : formatMs(p.cpuMs);
    out.push(row([p.name, formatMs(p.ms), cpuTime, formatBytes(p.peakRssBytes)]));
  }
  if (r.build.searchIndex) out.push('', `Search integration: \`${r.build.searchIndex.line}\``);
  out.push('');

  if (r.output) {
    const o = r.output;
    out.push('## Output', '');
    out.push(row(['', 'files', 'bytes']), row(['---', '---:', '---:']));
    out.push(row(['everything', o.files.toLocaleString('en'), formatBytes(o.bytes)]));
    out.push(row(['HTML', o.htmlFiles.toLocaleString('en'), formatBytes(o.htmlBytes)]));
    out.push(
      row(['search index (pagefind*)', o.searchFiles.toLocaleString('en'), formatBytes(o.searchBytes)]),
    );
    out.push('', `Largest file: ${o.largestFile.path} (${formatBytes(o.largestFile.bytes)}).`, '');
  }

  if (r.completeness) {
    const c = r.completeness;
    const check = (value: number | undefined, expected: number): string =>
      value === undefined ? 'n/a' : `${value.toLocaleString('en')}${value === expected ? ' ✓' : ' ✗'}`;
    out.push('## Completeness', '');
    out.push(row(['count', 'value', 'expected']), row(['---', '---:', '---:']));
    out.push(row(['article pages', check(c.articlePages, c.publishedArticles), c.publishedArticles]));
    out.push(row(['draft pages', check(c.draftPages, 0), 0]));
    out.push(
      row([
        'search records (all pages indexed)',
        check(c.searchRecords, c.publishedArticles),
        c.publishedArticles,
      ]),
    );
    out.push(
      row([
        'sitemap article entries',
        check(c.sitemapArticleEntries, c.publishedArticles),
        c.publishedArticles,
      ]),
    );
    out.push(row(['sitemap entries (all)', c.sitemapEntries?.toLocaleString('en') ?? 'n/a', '']));
    out.push(row(['rss.xml items', c.rssItems?.toLocaleString('en') ?? 'n/a', '']));
    out.push('');
  }

  out.push('## Search', '');
  const s = r.search;
  if (!s) out.push('Not measured.');
  else if (s.error) out.push(`Failed: ${s.error}`);
  else if (s.skipped) out.push(`Skipped: ${s.skipped}.`);
  else {
    out.push(`Bundles: ${s.bundles.join(', ') || 'none'}.`, '');
    if (s.answers) {
      out.push(
        `Precomputed answers (the search page answers these queries from one file): ` +
          `${s.answers.map((w) => `"${w}"`).join(', ') || 'none'}.`,
        '',
      );
    }
    if (s.engine) {
      out.push(
        'Cold searches through the Pagefind API in a fresh browser context, every shard, without the ' +
          "search page's precomputed answers (gzip where a host would apply it; search + data of the first 10 results):",
        '',
      );
      out.push(
        row(['search', 'results', 'requests', 'transferred', 'of which index, filters, fragments', 'time']),
        row(['---', '---:', '---:', '---:', '---:', '---:']),
      );
      for (const c of s.engine.cold) {
        const label =
          c.query === null ? `${c.label} (${s.engine.filterUsed ?? 'no filter'})` : `${c.label} "${c.query}"`;
        const k = c.byKind;
        const data = (k.index ?? 0) + (k.filter ?? 0) + (k.fragment ?? 0);
        out.push(
          row([label, c.results, c.requests, formatBytes(c.bytes), formatBytes(data), formatMs(c.ms)]),
        );
      }
      out.push(
        '',
        `Latency over ${s.engine.latency.queries.length} fixed queries (warm engine, first time per query): ` +
          `p50 ${formatMs(s.engine.latency.p50)}, p95 ${formatMs(s.engine.latency.p95)}.`,
        '',
      );
    }
    if (s.page?.skipped) out.push(`Search page: ${s.page.skipped}.`, '');
    else if (s.page) {
      out.push('Cold visits of the search page (until the network is idle):', '');
      out.push(
        row(['visit', 'requests', 'transferred', 'of which search index']),
        row(['---', '---:', '---:', '---:']),
      );
      for (const v of s.page.visits) {
        out.push(
          row([`${v.label} \`${v.url}\``, v.requests, formatBytes(v.bytes), formatBytes(v.searchBytes)]),
        );
      }
      out.push('');
      const l = s.page.latency;
      if (l) {
        const slowest = [...l.queries].sort((a, b) => b.msToCounts - a.msToCounts)[0];
        out.push(
          `Latency through the search page (its own engine: a precomputed answer where there is one, otherwise ` +
            `every shard merged; exact counts; warm page, ` +
            `the same ${l.queries.length} queries submitted one after another): first results p50 ` +
            `${formatMs(l.firstResults.p50)}, p95 ${formatMs(l.firstResults.p95)}; complete with counts p50 ` +
            `${formatMs(l.counts.p50)}, p95 ${formatMs(l.counts.p95)}` +
            (slowest ? ` (slowest: "${slowest.query}", ${formatMs(slowest.msToCounts)}).` : '.'),
          '',
        );
      }
    }
  }
  out.push('');

  out.push('## Rebuild after editing one article', '');
  const rb = r.rebuild;
  if (!rb) out.push('Not measured.');
  else if ('skipped' in rb) out.push(`Skipped: ${rb.skipped}.`);
  else {
    out.push(
      `${rb.build.ok ? '' : '**Failed.** '}Edited ${rb.editedFile}: rebuild ${formatMs(rb.build.wallMs)} ` +
        `(${(rb.ratio * 100).toFixed(0)}% of the cold build), ${cpu(rb.build)}, peak RSS ${formatBytes(rb.build.peakRssBytes)}; ` +
        `the edit ${rb.editVisible ? 'is' : 'is NOT'} on the rebuilt page.`,
    );
  }
  out.push('');
  return out.join('\n');
}
