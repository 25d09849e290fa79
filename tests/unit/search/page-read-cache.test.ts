import { mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PageReadCache, fileStamp } from '../../../src/lib/page-read-cache.ts';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

async function folder(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'page-reads-'));
  dirs.push(dir);
  return dir;
}

/** A file last modified an hour ago (whole seconds, so the time can be set back exactly). */
async function oldFile(path: string, text: string): Promise<void> {
  await writeFile(path, text);
  const anHourAgo = Math.floor(Date.now() / 1000) - 3600;
  await utimes(path, anHourAgo, anHourAgo);
}

describe('PageReadCache', () => {
  it("gives back what was learned of a page while its file is the one read, and only the build's pages", async () => {
    const dir = await folder();
    const record = join(dir, 'cache', 'page-reads.json');
    await oldFile(join(dir, 'a.html'), 'alpha');
    await oldFile(join(dir, 'b.html'), 'beta');
    const first = await PageReadCache.load(record, 'v1');
    expect(first.get('/a/', fileStamp(join(dir, 'a.html')))).toBeUndefined();
    first.set('/a/', fileStamp(join(dir, 'a.html')), { date: '2020-01-01', hash: 'hash of a' });
    first.set('/b/', fileStamp(join(dir, 'b.html')), { date: '2021-01-01', hash: 'hash of b' });
    // b is no longer a page of the site.
    await first.save(['/a/']);

    const next = await PageReadCache.load(record, 'v1');
    expect(next.get('/a/', fileStamp(join(dir, 'a.html')))).toEqual({
      date: '2020-01-01',
      hash: 'hash of a',
    });
    expect(next.get('/b/', fileStamp(join(dir, 'b.html')))).toBeUndefined();
    // Another page's file, or none.
    expect(next.get('/a/', fileStamp(join(dir, 'b.html')))).toBeUndefined();
    expect(next.get('/a/', fileStamp(join(dir, 'missing.html')))).toBeUndefined();
    // Another way of reading pages drops the whole record.
    expect(
      (await PageReadCache.load(record, 'v2')).get('/a/', fileStamp(join(dir, 'a.html'))),
    ).toBeUndefined();
  });

  it('reads a file again once it was written, even with the same size', async () => {
    const dir = await folder();
    const record = join(dir, 'page-reads.json');
    const file = join(dir, 'a.html');
    await oldFile(file, 'alpha');
    const first = await PageReadCache.load(record, 'v1');
    first.set('/a/', fileStamp(file), { date: '2020-01-01', hash: 'old' });
    await first.save(['/a/']);
    await writeFile(file, 'gamma');
    expect((await PageReadCache.load(record, 'v1')).get('/a/', fileStamp(file))).toBeUndefined();
  });

  it('leaves out of the record a file modified just before it is written (racy), and survives a broken record', async () => {
    const dir = await folder();
    const record = join(dir, 'page-reads.json');
    const file = join(dir, 'a.html');
    await writeFile(file, 'alpha');
    const first = await PageReadCache.load(record, 'v1');
    first.set('/a/', fileStamp(file), { date: '2020-01-01', hash: 'h' });
    await first.save(['/a/']);
    expect(JSON.parse(await readFile(record, 'utf8'))).toEqual({ format: 'v1', pages: {} });
    // Saved a minute later, it is kept.
    await first.save(['/a/'], Date.now() + 60_000);
    expect((await PageReadCache.load(record, 'v1')).get('/a/', fileStamp(file))).toEqual({
      date: '2020-01-01',
      hash: 'h',
    });
    await writeFile(record, '{"format": "v1", "pages": ');
    expect((await PageReadCache.load(record, 'v1')).get('/a/', fileStamp(file))).toBeUndefined();
  });
});
