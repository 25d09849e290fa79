/**
 * Writes are whole or nothing: a temporary file in the same folder is renamed
 * over the target, and removed when anything fails.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listFiles, SlugIndex, writeFileAtomic } from '../../../src/lib/import/files.ts';

const dir = mkdtempSync(join(tmpdir(), 'import-files-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('writeFileAtomic', () => {
  it('creates folders, writes the whole text and leaves no temporary file', async () => {
    const target = join(dir, 'a/b/c.md');
    await writeFileAtomic(target, 'one\n');
    await writeFileAtomic(target, 'two\n');
    expect(readFileSync(target, 'utf8')).toBe('two\n');
    expect(readdirSync(join(dir, 'a/b'))).toEqual(['c.md']);
  });

  it('leaves the target untouched and cleans up when the rename fails', async () => {
    const target = join(dir, 'occupied');
    mkdirSync(join(target, 'child'), { recursive: true });
    await expect(writeFileAtomic(target, 'text')).rejects.toThrow();
    expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    expect(readdirSync(target)).toEqual(['child']);
  });
});

describe('listFiles and SlugIndex', () => {
  it('lists files depth first in name order, without hidden ones', async () => {
    const root = join(dir, 'inputs');
    mkdirSync(join(root, 'b'), { recursive: true });
    mkdirSync(join(root, '.git'), { recursive: true });
    for (const name of ['z.txt', 'b/y.txt', 'a.txt', '.hidden', '.git/x'])
      writeFileSync(join(root, name), 'x');
    expect((await listFiles(root)).map((p) => p.slice(root.length + 1))).toEqual([
      'a.txt',
      'b/y.txt',
      'z.txt',
    ]);
  });

  it('finds slugs in any year and reads their published date on demand', async () => {
    const root = join(dir, 'content');
    mkdirSync(join(root, 'articles/2019/11'), { recursive: true });
    writeFileSync(
      join(root, 'articles/2019/11/a-title.md'),
      '---\ntitle: "A"\npublished: 2019-11-18\n---\n\nText\n',
    );
    writeFileSync(join(root, 'articles/2019/11/broken.md'), 'no frontmatter');
    const index = await SlugIndex.load(root);
    expect(index.peek('a-title')).toBeUndefined();
    expect(await index.get('a-title')).toEqual({
      path: 'articles/2019/11/a-title.md',
      published: '2019-11-18',
    });
    expect(index.peek('a-title')).toEqual({ path: 'articles/2019/11/a-title.md', published: '2019-11-18' });
    expect(await index.get('broken')).toEqual({ path: 'articles/2019/11/broken.md' });
    expect(await index.get('missing')).toBeUndefined();
  });
});
