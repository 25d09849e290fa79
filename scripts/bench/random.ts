/**
 * A small seeded pseudo-random generator for the benchmark corpus. The corpus
 * must be identical on every run and machine, so nothing here reads the clock
 * or `Math.random`: every value derives from the seed.
 */

/** Mixes two integers into a 32-bit seed (used to give each article its own stream). */
export function mixSeed(a: number, b: number): number {
  let h = (Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b + 0x7f4a7c15, 0xc2b2ae35)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both included. */
  int(min: number, max: number): number;
  /** True with probability `p`. */
  chance(p: number): boolean;
  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T;
  /** `count` distinct elements of `items`, in random order. */
  sample<T>(items: readonly T[], count: number): T[];
}

/** mulberry32: tiny, fast, and good enough for synthetic text. */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    chance: (p) => next() < p,
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T,
    // Draws as if from a shrinking copy of `items` (the k-th draw picks among those not yet
    // taken, in order), without copying it: a corpus may have thousands of authors.
    sample: <T>(items: readonly T[], count: number): T[] => {
      const chosen: number[] = [];
      const taken: T[] = [];
      while (taken.length < count && chosen.length < items.length) {
        let index = Math.floor(next() * (items.length - chosen.length));
        for (const before of chosen) if (before <= index) index++;
        chosen.push(index);
        chosen.sort((a, b) => a - b);
        taken.push(items[index] as T);
      }
      return taken;
    },
  };
}
