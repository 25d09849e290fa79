/** CBOR as Pagefind writes it, for tests: integers (negative ones too), text strings and arrays. */
import type { CborValue } from '../../../src/lib/pagefind-facets.ts';

export function encodeCbor(value: CborValue): number[] {
  const head = (major: number, n: number): number[] => {
    if (n < 24) return [(major << 5) | n];
    if (n < 0x100) return [(major << 5) | 24, n];
    if (n < 0x10000) return [(major << 5) | 25, n >> 8, n & 0xff];
    return [(major << 5) | 26, (n >>> 24) & 0xff, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
  };
  if (typeof value === 'number') return value < 0 ? head(1, -1 - value) : head(0, value);
  if (typeof value === 'string') {
    const bytes = [...new TextEncoder().encode(value)];
    return [...head(3, bytes.length), ...bytes];
  }
  return [...head(4, value.length), ...value.flatMap(encodeCbor)];
}
