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

/** A pool validating against a vocabulary of one region and one theme, with a folder of its own. */
async function validatingPool(threads: number) {
  const dir = await mkdtemp(join(tmpdir(), 'render-pool-'));
  dirs.push(dir);
  const pool = new RenderPool(WORKER, {
    threads,
    vocabulary: { regions: new Set(['europe']), themes: new Set(['economy']) },
  });
  return { dir, cacheDir: join(dir, 'cache'), pool };
}

describe('RenderPool', () => {
  it('renders every queued body into the cache and reports failures by file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'render-pool-'));
    dirs.push(dir);
    const cacheDir = join(dir, 'cache');
    const pool = new RenderPool(WORKER, { threads: 2 });
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
      const rendered = readRendered(cacheDir, key);
      expect(rendered?.html).toContain(`<strong>${i}</strong>`);
      expect(rendered?.citations.map((c) => c.url)).toEqual([`https://example.com/${i}`]);
    }
    expect(readRendered(cacheDir, 'ff'.repeat(32))).toBeUndefined();
    expect(() =>
      pool.add({ path: bad, displayPath: 'x', published: '2020-01-01', key: 'x', cacheDir }),
    ).toThrow(/closed/);
  });

  it('validates files in its workers, renders the valid bodies once and reports every problem', async () => {
    const { dir, cacheDir, pool } = await validatingPool(2);
    const file = (slug: string, frontmatter: string, body: string) => ({
      path: join(dir, `${slug}.md`),
      displayPath: `articles/2020/01/${slug}.md`,
      contentPath: `articles/2020/01/${slug}.md`,
      text: `---\n${frontmatter}\n---\n\n${body}\n`,
      version: 'v1',
      cacheDir,
    });
    const valid =
      'title: "A"\nauthors: ["A. Writer"]\npublished: 2020-01-02\nsource:\n  name: "Paper"\n' +
      'regions: [europe]\nthemes: [economy]';
    const [good, again, wrongRegion, unsafe] = await Promise.all([
      pool.validate(file('good', valid, 'Some **bold** words [here](https://example.com/x).')),
      pool.validate(file('again', valid, 'Some **bold** words [here](https://example.com/x).')),
      pool.validate(file('wrong-region', valid.replace('[europe]', '[eurpe]'), 'Text.')),
      pool.validate(file('unsafe', valid, 'A [trap](javascript:alert(1)) link.')),
    ]);

    expect(good?.problems).toEqual([]);
    expect(good?.article?.slug).toBe('good');
    expect(good?.article?.data.regions).toEqual(['europe']);
    expect(good?.article?.derived.wordCount).toBe(4);
    const key = good?.article?.derived.renderKey ?? '';
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    // The same body on the same day has the same key; both jobs may render it (they run at once).
    expect(again?.article?.derived.renderKey).toBe(key);
    expect(readRendered(cacheDir, key)?.html).toContain('<strong>bold</strong>');

    expect(wrongRegion?.article).toBeUndefined();
    expect(wrongRegion?.problems.map((p) => [p.field, p.message])).toEqual([
      ['regions[0]', expect.stringMatching(/unknown region "eurpe".*europe/)],
    ]);

    // The unsafe scheme is a validation problem of its own; the file is not rendered.
    expect(unsafe?.article).toBeUndefined();
    expect(unsafe?.problems.map((p) => p.field)).toEqual(['body']);

    expect(await pool.finish()).toEqual([]);
    expect(pool.size).toBeGreaterThanOrEqual(1);
    await expect(pool.validate(file('late', valid, 'Text.'))).rejects.toThrow(/closed/);
  });

  it('keeps the jobs a worker holds at once apart', async () => {
    // One worker holds two jobs at a time, which interleave where they wait:
    // each file must still get its own validation and its own rendered body.
    const { dir, cacheDir, pool } = await validatingPool(1);
    const frontmatter = (i: number) =>
      `title: "Article ${i}"\nauthors: ["A. Writer"]\npublished: 2020-01-${String(i + 1).padStart(2, '0')}\n` +
      'source:\n  name: "Paper"\nregions: [europe]\nthemes: [economy]';
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        pool.validate({
          path: join(dir, `article-${i}.md`),
          displayPath: `articles/2020/01/article-${i}.md`,
          contentPath: `articles/2020/01/article-${i}.md`,
          text: `---\n${frontmatter(i)}\n---\n\n${'word '.repeat(i + 1)}**marker${i}** [link](https://example.com/${i}).\n`,
          version: 'v1',
          cacheDir,
        }),
      ),
    );
    expect(await pool.finish()).toEqual([]);
    for (const [i, result] of results.entries()) {
      expect(result.problems).toEqual([]);
      expect(result.article?.slug).toBe(`article-${i}`);
      expect(result.article?.data.title).toBe(`Article ${i}`);
      expect(result.article?.derived.wordCount).toBe(i + 3);
      const rendered = readRendered(cacheDir, result.article?.derived.renderKey ?? '');
      expect(rendered?.html).toContain(`<strong>marker${i}</strong>`);
      expect(rendered?.citations.map((c) => c.url)).toEqual([`https://example.com/${i}`]);
    }
  });

  it('finishes at once when nothing was queued', async () => {
    await expect(new RenderPool(WORKER).finish()).resolves.toEqual([]);
  });
});
