/**
 * The render pool with its real worker threads: bodies queued one by one are
 * rendered into the cache, and a body that cannot be rendered is reported
 * with its file rather than failing the pool.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readRendered } from '../../../src/lib/render-cache.ts';
import { RenderPool } from '../../../src/lib/render-pool.ts';

const WORKER = resolve(import.meta.dirname, '../../../src/markdown/render-worker.ts');
const dirs: string[] = [];

afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

async function article(dir: string, name: string, body: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, `---\ntitle: ${name}\n---\n${body}\n`);
  return path;
}

describe('RenderPool', () => {
  it('renders every queued body into the cache and reports failures by file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'render-pool-'));
    dirs.push(dir);
    const cacheDir = join(dir, 'cache');
    const pool = new RenderPool(WORKER, 2);
    const keys: string[] = [];
    for (let i = 0; i < 7; i++) {
      const key = `${String(i).padStart(2, '0')}${'a'.repeat(62)}`;
      keys.push(key);
      const path = await article(
        dir,
        `a${i}.md`,
        `Paragraph **${i}** with [a link](https://example.com/${i}).`,
      );
      pool.add({ path, displayPath: `a${i}.md`, published: '2020-01-0' + String(i + 1), key, cacheDir });
    }
    const bad = await article(dir, 'bad.md', 'A [trap](javascript:alert(1)) link.');
    pool.add({ path: bad, displayPath: 'bad.md', published: '2020-01-01', key: 'ff'.repeat(32), cacheDir });
    expect(pool.size).toBe(8);

    const failures = await pool.finish();
    expect(failures.map((f) => f.job.displayPath)).toEqual(['bad.md']);
    expect(failures[0]?.message).toMatch(/^bad\.md:\d+: .*javascript:/);
    for (const [i, key] of keys.entries()) {
      const rendered = await readRendered(cacheDir, key);
      expect(rendered?.html).toContain(`<strong>${i}</strong>`);
      expect(rendered?.citations.map((c) => c.url)).toEqual([`https://example.com/${i}`]);
    }
    expect(await readRendered(cacheDir, 'ff'.repeat(32))).toBeUndefined();
    expect(() =>
      pool.add({ path: bad, displayPath: 'x', published: '2020-01-01', key: 'x', cacheDir }),
    ).toThrow(/closed/);
  });

  it('finishes at once when nothing was queued', async () => {
    await expect(new RenderPool(WORKER).finish()).resolves.toEqual([]);
  });
});
