/**
 * How fast the machine's cores were while the benchmark ran, so that runs made
 * on different days can be compared.
 *
 * The load average only says whether *this* machine was busy. The same commit
 * built 10,000 articles in 2 min 58 s on one day and in 1 min 22 s on another,
 * both with a load average under 2, and Pagefind alone took 20 s and 11 s for
 * the same 2,500 pages: a virtual machine's cores run at whatever speed its
 * host leaves them, which no load average shows. Two figures do:
 *
 * - a **calibration**: a fixed single-threaded workload (deflate at its best
 *   level, which is also a third of Pagefind's indexing, and SHA-256), timed
 *   before the build; a slower host takes longer to do the same work;
 * - **steal time**: the share of CPU time the hypervisor reports it gave to
 *   other guests while this one wanted to run (`/proc/stat`), over the build.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { createRandom } from './random.ts';

/** Deterministic text for the calibration: pseudo-words, compressible like an article. */
export function calibrationText(bytes: number, seed = 20191118): Buffer {
  const random = createRandom(seed);
  const syllables = ['ba', 'ro', 'chi', 'est', 'ou', 'mai', 'dre', 'vo', 'lun', 'sta', 'ke', 'ti'];
  const words: string[] = [];
  for (let i = 0; i < 4096; i++) {
    const length = 1 + Math.floor(random.next() * 4);
    let word = '';
    for (let s = 0; s < length; s++) word += syllables[Math.floor(random.next() * syllables.length)];
    words.push(word);
  }
  const parts: string[] = [];
  let size = 0;
  // Joined with single spaces, the words make `size - 1` bytes.
  while (size <= bytes) {
    // Zipf-like: low indexes far more often, as words in prose.
    const word = words[Math.floor(words.length * random.next() ** 3)] as string;
    parts.push(word);
    size += word.length + 1;
  }
  return Buffer.from(parts.join(' ').slice(0, bytes));
}

export interface Calibration {
  /** Milliseconds the fixed workload took (lower is a faster core). */
  ms: number;
  /** What the workload computed: the same on every machine, so the work is the same. */
  checksum: string;
}

/**
 * Times a fixed workload on this thread: `rounds` times, deflate at level 9 of
 * 2 MB of text and SHA-256 of 16 MB; the fastest round counts, since a slower
 * one only measures an interruption.
 */
export function calibrate(rounds = 3): Calibration {
  const text = calibrationText(2 * 1024 * 1024);
  const block = Buffer.concat(Array.from({ length: 8 }, () => text));
  let best = Number.POSITIVE_INFINITY;
  let checksum = '';
  for (let round = 0; round < rounds; round++) {
    const started = performance.now();
    const compressed = deflateSync(text, { level: 9 });
    const digest = createHash('sha256').update(block).update(compressed).digest('hex');
    best = Math.min(best, performance.now() - started);
    checksum = `${compressed.length}:${digest.slice(0, 16)}`;
  }
  return { ms: best, checksum };
}

/** The whole machine's CPU time by kind, in clock ticks since boot (`/proc/stat`'s `cpu` line). */
export interface CpuTicks {
  /** Every kind together, steal included. */
  total: number;
  /** Time the hypervisor ran another guest while this one was ready to run. */
  steal: number;
}

/** Parses the `cpu` line of `/proc/stat`; undefined where there is none. */
export function parseProcStat(text: string): CpuTicks | undefined {
  const line = text.split('\n').find((l) => /^cpu\s/.test(l));
  if (!line) return undefined;
  // user nice system idle iowait irq softirq steal guest guest_nice; guest time
  // is already counted in user and nice, so it is left out of the total.
  const fields = line.trim().split(/\s+/).slice(1, 9).map(Number);
  if (fields.length < 4 || fields.some((n) => !Number.isFinite(n))) return undefined;
  const steal = fields[7] ?? 0;
  return { total: fields.reduce((a, b) => a + b, 0), steal };
}

/** This machine's CPU ticks now, or undefined off Linux. */
export function readCpuTicks(): CpuTicks | undefined {
  try {
    return parseProcStat(readFileSync('/proc/stat', 'utf8'));
  } catch {
    return undefined;
  }
}

/** The share of the machine's CPU time between two readings that was stolen (0–1). */
export function stealShare(before: CpuTicks, after: CpuTicks): number {
  const total = after.total - before.total;
  return total > 0 ? Math.max(0, after.steal - before.steal) / total : 0;
}
