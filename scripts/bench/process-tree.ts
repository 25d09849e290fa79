/**
 * Memory of a whole process tree, read from Linux's /proc. A build may spawn
 * workers or child processes (Pagefind's indexer is a separate binary), so the
 * peak of the build is the peak of the sum over the tree, not of one process.
 */
import { readdirSync, readFileSync } from 'node:fs';

const PAGE_SIZE = 4096;

interface ProcInfo {
  ppid: number;
  rssBytes: number;
  /** CPU time of the process and of its children already reaped, in clock ticks. */
  cpuTicks: number;
}

/** Linux reports CPU times in USER_HZ ticks, 100 per second on every common build. */
const TICKS_PER_SECOND = 100;

function readProc(pid: number): ProcInfo | undefined {
  try {
    // The command name (field 2) may hold spaces and parentheses: parse after the last ')'.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ppid = Number(fields[1]);
    // utime, stime, cutime, cstime: fields 14–17 of stat, 12–15 after the command name.
    const cpuTicks = [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i]), 0);
    const statm = readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ');
    return { ppid, rssBytes: Number(statm[1]) * PAGE_SIZE, cpuTicks };
  } catch {
    // The process ended between listing and reading.
    return undefined;
  }
}

/** Pids of `rootPid` and all its descendants, with their resident memory and CPU time. */
export function processTree(rootPid: number): Map<number, ProcInfo> {
  const children = new Map<number, number[]>();
  const rss = new Map<number, ProcInfo>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const pid = Number(name);
    const info = readProc(pid);
    if (!info) continue;
    rss.set(pid, info);
    const siblings = children.get(info.ppid);
    if (siblings) siblings.push(pid);
    else children.set(info.ppid, [pid]);
  }
  const tree = new Map<number, ProcInfo>();
  const queue = [rootPid];
  while (queue.length > 0) {
    const pid = queue.pop() as number;
    const info = rss.get(pid);
    if (info === undefined) continue;
    tree.set(pid, info);
    queue.push(...(children.get(pid) ?? []));
  }
  return tree;
}

/** Resident memory of a process and all its descendants, in bytes (0 once it has ended). */
export function treeRssBytes(rootPid: number): number {
  let total = 0;
  for (const info of processTree(rootPid).values()) total += info.rssBytes;
  return total;
}

export interface RssSample {
  /** Milliseconds since sampling started. */
  at: number;
  bytes: number;
  processes: number;
  /** CPU milliseconds used by the tree so far (live processes plus the children they reaped). */
  cpuMs: number;
}

/** Samples a process tree's memory every `intervalMs` until stopped. */
export function sampleTree(rootPid: number, intervalMs = 200): { stop: () => RssSample[] } {
  const samples: RssSample[] = [];
  const started = performance.now();
  const take = (): void => {
    const tree = processTree(rootPid);
    let bytes = 0;
    let ticks = 0;
    for (const info of tree.values()) {
      bytes += info.rssBytes;
      ticks += info.cpuTicks;
    }
    samples.push({
      at: performance.now() - started,
      bytes,
      processes: tree.size,
      cpuMs: (ticks * 1000) / TICKS_PER_SECOND,
    });
  };
  take();
  const timer = setInterval(take, intervalMs);
  return {
    stop: () => {
      clearInterval(timer);
      return samples;
    },
  };
}

/** Highest sample between two times (inclusive); 0 when none falls in the window. */
export function peakBetween(samples: readonly RssSample[], from: number, to: number): number {
  let peak = 0;
  for (const s of samples) if (s.at >= from && s.at <= to && s.bytes > peak) peak = s.bytes;
  return peak;
}

/**
 * CPU milliseconds the tree used between two times: the difference of the
 * last samples at or before each. On a busy machine this is the steadier
 * figure, as wall time also counts the time spent waiting for a core.
 */
export function cpuBetween(samples: readonly RssSample[], from: number, to: number): number {
  let atFrom = 0;
  let atTo = 0;
  for (const s of samples) {
    if (s.at <= from) atFrom = Math.max(atFrom, s.cpuMs);
    if (s.at <= to) atTo = Math.max(atTo, s.cpuMs);
  }
  return Math.max(0, atTo - atFrom);
}
