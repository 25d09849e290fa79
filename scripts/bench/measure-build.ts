/**
 * Runs one `astro build` of a corpus and measures it: wall time, CPU time,
 * peak resident memory of the whole process tree (sampled from /proc every
 * 200 ms), and the same per phase of the build.
 */
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildPhases, type BuildPhases, type TimedLine } from './build-phases.ts';
import { cpuBetween, peakBetween, sampleTree } from './process-tree.ts';

const GNU_TIME = '/usr/bin/time';

export interface BuildRun {
  ok: boolean;
  exitCode: number | null;
  wallMs: number;
  /** CPU seconds of the build and all its descendants (from GNU time), when available. */
  userSeconds?: number | undefined;
  systemSeconds?: number | undefined;
  peakRssBytes: number;
  phases: (BuildPhases['windows'][number] & {
    ms: number;
    peakRssBytes: number;
    cpuMs?: number | undefined;
  })[];
  searchIndex?: BuildPhases['searchIndex'] | undefined;
  pagesBuilt?: number | undefined;
  /** The last lines of output, for failures. */
  logTail: string[];
  logFile?: string | undefined;
}

export interface BuildOptions {
  projectRoot: string;
  /** The benchmark's temporary folder, holding outDir; the build's working directory. */
  workDir: string;
  contentDir: string;
  outDir: string;
  cacheDir: string;
  /** Where the full log is written. */
  logFile: string;
  /** Extra environment (NODE_OPTIONS for a heap cap). */
  env?: NodeJS.ProcessEnv | undefined;
  /** Flags for the build's Node process (`--cpu-prof` is refused in NODE_OPTIONS). */
  nodeFlags?: string[] | undefined;
  /** Prints each line of the build as it arrives. */
  echo?: ((line: string) => void) | undefined;
}

export async function measureBuild(options: BuildOptions): Promise<BuildRun> {
  const astro = resolve(options.projectRoot, 'node_modules/astro/bin/astro.mjs');
  // Astro joins --config to the project root, so it must be relative.
  const config = 'scripts/bench/astro.config.bench.mjs';
  const timeFile = `${options.logFile}.time`;
  rmSync(timeFile, { force: true });
  const nodeArgs = [
    ...(options.nodeFlags ?? []),
    astro,
    'build',
    '--root',
    options.projectRoot,
    '--config',
    config,
  ];
  const useGnuTime = existsSync(GNU_TIME);
  const [command, args] = useGnuTime
    ? [GNU_TIME, ['-f', '%e %U %S %M', '-o', timeFile, process.execPath, ...nodeArgs]]
    : [process.execPath, nodeArgs];

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    // Tools the build spawns must find Node 22 first, as under `npm run`.
    PATH: `${resolve(options.projectRoot, 'node_modules/.bin')}:${process.env.PATH ?? ''}`,
    ARCHIVE_CONTENT_DIR: options.contentDir,
    ARCHIVE_OUT_DIR: options.outDir,
    ARCHIVE_BENCH_CACHE_DIR: options.cacheDir,
    // The site's own build cache (rendered article bodies): per run too, so a cold build is cold
    // and a benchmark never reuses or pollutes the work tree's .cache/.
    ARCHIVE_CACHE_DIR: join(options.cacheDir, 'archive'),
    ASTRO_TELEMETRY_DISABLED: '1',
    FORCE_COLOR: '0',
    ...options.env,
  };

  const started = performance.now();
  // The build runs from the benchmark's own folder: with an outDir outside the working
  // directory, Astro writes its prerender bundle to <cwd>/.astro/.prerender/, which
  // concurrent builds from the project folder would overwrite under each other's feet.
  // The bundle, now under outDir, imports packages: a link to node_modules resolves them.
  const modulesLink = join(options.workDir, 'node_modules');
  if (!existsSync(modulesLink)) symlinkSync(resolve(options.projectRoot, 'node_modules'), modulesLink, 'dir');
  const child = spawn(command, args as string[], {
    cwd: options.workDir,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const sampler = sampleTree(child.pid as number, 200);
  const lines: TimedLine[] = [];
  const log = createWriteStream(options.logFile);

  const collect = (stream: NodeJS.ReadableStream): void => {
    let pending = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      const at = performance.now() - started;
      pending += chunk;
      const parts = pending.split('\n');
      pending = parts.pop() ?? '';
      for (const text of parts) {
        lines.push({ at, text });
        log.write(`${(at / 1000).toFixed(3).padStart(9)} ${text}\n`);
        options.echo?.(text);
      }
    });
    stream.on('end', () => {
      if (pending) lines.push({ at: performance.now() - started, text: pending });
    });
  };
  collect(child.stdout);
  collect(child.stderr);

  const exitCode = await new Promise<number | null>((resolveExit) => {
    child.on('close', (code) => resolveExit(code));
  });
  const wallMs = performance.now() - started;
  const samples = sampler.stop();
  await new Promise((r) => log.end(r));

  let userSeconds: number | undefined;
  let systemSeconds: number | undefined;
  if (useGnuTime && existsSync(timeFile)) {
    // GNU time prints "Command exited with non-zero status N" first on failure.
    const last = readFileSync(timeFile, 'utf8').trim().split('\n').pop() ?? '';
    const [, user, system] = last.split(' ').map(Number);
    if (Number.isFinite(user) && Number.isFinite(system)) {
      userSeconds = user;
      systemSeconds = system;
    }
  }

  const phases = buildPhases(lines, wallMs);
  return {
    ok: exitCode === 0,
    exitCode,
    wallMs,
    userSeconds,
    systemSeconds,
    peakRssBytes: peakBetween(samples, 0, Number.POSITIVE_INFINITY),
    phases: phases.windows.map((w) => ({
      ...w,
      ms: w.to - w.from,
      // A window shorter than the sampling interval still gets its nearest sample.
      peakRssBytes: peakBetween(samples, w.from - 200, w.to + 200),
      cpuMs: cpuBetween(samples, w.from, w.to),
    })),
    searchIndex: phases.searchIndex,
    pagesBuilt: phases.pagesBuilt,
    logTail: lines.slice(-40).map((l) => l.text),
    logFile: options.logFile,
  };
}

/** Where Astro keeps its cache for a benchmark run. */
export function cacheDirOf(workDir: string): string {
  return join(workDir, 'astro-cache');
}
