/**
 * Summarises a V8 CPU profile (`node --cpu-prof`) of a build: self time by
 * package or source folder, and the heaviest functions, so "where does the
 * build's time go" has an answer in numbers.
 *
 *   npm run bench -- --articles 2000 --skip-rebuild --cpu-prof /tmp/prof
 *   node scripts/bench/summarize-profile.ts /tmp/prof/<largest>.cpuprofile [--top 25]
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

/** Where a function lives: an npm package, a project folder, Node itself, or V8's own work. */
export function bucketOf(url: string, functionName: string): string {
  if (!url) {
    if (functionName === '(garbage collector)') return '(garbage collector)';
    if (functionName === '(idle)' || functionName === '(program)') return functionName;
    return '(native)';
  }
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1] as string;
  if (url.startsWith('node:')) return 'node (core)';
  const project = /\/(src\/[^/]+|scripts\/[^/]+|\.astro|dist\/[^/]+|astro-cache)/.exec(url);
  if (project) return project[1] as string;
  return url.replace(/^file:\/\//, '').replace(/\?.*$/, '');
}

export interface ProfileSummary {
  totalMs: number;
  buckets: { name: string; ms: number; share: number }[];
  functions: { name: string; where: string; ms: number; share: number }[];
}

export function summarize(profile: CpuProfile, top = 25): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfMs = new Map<number, number>();
  profile.samples.forEach((id, i) => {
    selfMs.set(id, (selfMs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  const buckets = new Map<string, number>();
  const functions = new Map<string, { where: string; ms: number }>();
  let totalMs = 0;
  for (const [id, ms] of selfMs) {
    const node = byId.get(id);
    if (!node) continue;
    totalMs += ms;
    const { functionName, url, lineNumber } = node.callFrame;
    const bucket = bucketOf(url, functionName);
    buckets.set(bucket, (buckets.get(bucket) ?? 0) + ms);
    const key = `${functionName || '(anonymous)'} ${bucket}:${lineNumber + 1}`;
    const entry = functions.get(key) ?? { where: `${bucket}:${lineNumber + 1}`, ms: 0 };
    entry.ms += ms;
    functions.set(key, entry);
  }
  const share = (ms: number): number => (totalMs > 0 ? ms / totalMs : 0);
  return {
    totalMs,
    buckets: [...buckets]
      .map(([name, ms]) => ({ name, ms, share: share(ms) }))
      .sort((a, b) => b.ms - a.ms)
      .slice(0, top),
    functions: [...functions]
      .map(([key, { where, ms }]) => ({ name: key.split(' ')[0] as string, where, ms, share: share(ms) }))
      .sort((a, b) => b.ms - a.ms)
      .slice(0, top),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { top: { type: 'string', default: '25' } },
  });
  const file = positionals[0];
  if (!file) {
    console.error('usage: node scripts/bench/summarize-profile.ts <file.cpuprofile> [--top N]');
    process.exit(2);
  }
  const summary = summarize(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile, Number(values.top));
  const pct = (s: number): string => `${(s * 100).toFixed(1)}%`.padStart(6);
  console.log(`Profile ${file}: ${(summary.totalMs / 1000).toFixed(1)} s of samples on the main thread\n`);
  console.log('Self time by package or folder:');
  for (const b of summary.buckets)
    console.log(`  ${pct(b.share)} ${(b.ms / 1000).toFixed(1).padStart(7)} s  ${b.name}`);
  console.log('\nHeaviest functions (self time):');
  for (const f of summary.functions) {
    console.log(`  ${pct(f.share)} ${(f.ms / 1000).toFixed(1).padStart(7)} s  ${f.name}  ${f.where}`);
  }
}
