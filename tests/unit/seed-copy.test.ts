import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';

const COPY = join(import.meta.dirname, '../fixtures/seed/000_6b7ba81664c089ef.txt');
const SHARED = join(import.meta.dirname, '../../../shared/seeds/000_6b7ba81664c089ef.txt');

// The tests read the repository's copy of the seed; where ../shared is present, it must be the same bytes.
it.skipIf(!existsSync(SHARED))('keeps the test copy of the seed identical to shared/seeds', () => {
  expect(readFileSync(COPY).equals(readFileSync(SHARED))).toBe(true);
});
