/**
 * Deterministic builds (issue 8): two clean builds of the same content give
 * byte-identical output, every file included (pages, feeds, sitemap, assets,
 * the Pagefind index). Each build gets its own copy of the corpus, its own
 * render cache and its own output folder, so neither can reuse the other's work.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fingerprintTree, runBuildScript } from './build-script.ts';
import { FIXTURE_CORPUS } from './fixture.ts';

let work: string;
const sites: Map<string, string>[] = [];

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'archive-determinism-'));
  for (const run of ['first', 'second']) {
    const corpus = join(work, run, 'content');
    cpSync(FIXTURE_CORPUS, corpus, { recursive: true });
    const dist = join(work, run, 'dist');
    const result = runBuildScript(corpus, dist, { ARCHIVE_CACHE_DIR: join(work, run, 'cache') });
    if (result.status !== 0) throw new Error(`${run} build failed:\n${result.output}`);
    sites.push(fingerprintTree(dist));
  }
}, 600_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('two clean builds of the fixture corpus', () => {
  it('write the same files', () => {
    const [first, second] = sites;
    expect([...second!.keys()]).toEqual([...first!.keys()]);
    expect(first!.size).toBeGreaterThan(50);
  });

  it('write every file byte for byte the same, the search index included', () => {
    const [first, second] = sites;
    const differing = [...first!].filter(([path, hash]) => second!.get(path) !== hash).map(([path]) => path);
    expect(differing).toEqual([]);
    expect([...first!.keys()].some((path) => path.startsWith('pagefind/'))).toBe(true);
  });
});
