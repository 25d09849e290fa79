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
}

function readProc(pid: number): ProcInfo | undefined {
  try {
    // The command name (field 2) may hold spaces and parentheses: parse after the last ')'.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ppid = Number(fields[1]);
    const statm = readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ');
    return { ppid, rssBytes: Number(statm[1]) * PAGE_SIZE };
  } catch {
    // The process ended between listing and reading.
    return undefined;
  }
}

/** Pids of `rootPid` and all its descendants, with their resident memory. */
export function processTree(rootPid: number): Map<number, number> {
  const children = new Map<number, number[]>();
  const rss = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const pid = Number(name);
    const info = readProc(pid);
    if (!info) continue;
    rss.set(pid, info.rssBytes);
    const siblings = children.get(info.ppid);
    if (siblings) siblings.push(pid);
    else children.set(info.ppid, [pid]);
  }
  const tree = new Map<number, number>();
  const queue = [rootPid];
  while (queue.length > 0) {
    const pid = queue.pop() as number;
    const bytes = rss.get(pid);
    if (bytes === undefined) continue;
    tree.set(pid, bytes);
    queue.push(...(children.get(pid) ?? []));
  }
  return tree;
}

/** Resident memory of a process and all its descendants, in bytes (0 once it has ended). */
export function treeRssBytes(rootPid: number): number {
  let total = 0;
  for (const bytes of processTree(rootPid).values()) total += bytes;
  return total;
}

export interface RssSample {
  /** Milliseconds since sampling started. */
  at: number;
  bytes: number;
  processes: number;
}

/** Samples a process tree's memory every `intervalMs` until stopped. */
export function sampleTree(rootPid: number, intervalMs = 200): { stop: () => RssSample[] } {
  const samples: RssSample[] = [];
  const started = performance.now();
  const take = (): void => {
    const tree = processTree(rootPid);
    let bytes = 0;
    for (const b of tree.values()) bytes += b;
    samples.push({ at: performance.now() - started, bytes, processes: tree.size });
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
