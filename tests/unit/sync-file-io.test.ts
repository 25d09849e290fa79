/**
 * The synchronous file calls of a build (src/integrations/sync-file-io.ts),
 * on this thread's real `fs.promises`: a write is on disk before its promise
 * is awaited, a read answers the same, errors still reject, calls the
 * synchronous functions cannot make go to the originals, and the originals
 * come back.
 */
import fs, { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { copyFile, mkdir, open, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { synchronizeFileCalls } from '../../src/integrations/sync-file-io.ts';

let dir = '';
let restore: () => void = () => undefined;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sync-writes-'));
});

afterEach(() => {
  restore();
  rmSync(dir, { recursive: true, force: true });
});

describe('synchronizeFileCalls', () => {
  it('reads as the original does, through fs.promises and the named export', async () => {
    writeFileSync(join(dir, 'page.html'), '<p>é</p>');
    restore = synchronizeFileCalls();
    await expect(readFile(join(dir, 'page.html'), 'utf8')).resolves.toBe('<p>é</p>');
    await expect(
      fs.promises.readFile(new URL(`file://${join(dir, 'page.html')}`), { encoding: 'utf8' }),
    ).resolves.toBe('<p>é</p>');
    expect(await readFile(join(dir, 'page.html'))).toEqual(Buffer.from('<p>é</p>'));
    await expect(readFile(join(dir, 'missing'))).rejects.toMatchObject({ code: 'ENOENT' });
    const handle = await open(join(dir, 'page.html'), 'r');
    try {
      await expect(readFile(handle, 'utf8')).resolves.toBe('<p>é</p>');
    } finally {
      await handle.close();
    }
  });

  it('writes before the promise is awaited, through fs.promises and the named exports', async () => {
    restore = synchronizeFileCalls();
    const page = join(dir, 'a', 'b', 'index.html');
    const made = mkdir(join(dir, 'a', 'b'), { recursive: true });
    const written = fs.promises.writeFile(page, '<p>page</p>');
    const bytes = writeFile(new URL(`file://${join(dir, 'bytes.bin')}`), Buffer.from([1, 2, 3]));
    const copied = copyFile(page, join(dir, 'copy.html'));
    // Nothing has been awaited yet: the files are already there.
    expect(readFileSync(page, 'utf8')).toBe('<p>page</p>');
    expect([...readFileSync(join(dir, 'bytes.bin'))]).toEqual([1, 2, 3]);
    expect(readFileSync(join(dir, 'copy.html'), 'utf8')).toBe('<p>page</p>');
    // mkdir answers as the original does: the first folder it created.
    await expect(made).resolves.toBe(join(dir, 'a'));
    await expect(Promise.all([written, bytes, copied])).resolves.toEqual([undefined, undefined, undefined]);
  });

  it('rejects with the error the original gives', async () => {
    restore = synchronizeFileCalls();
    await expect(writeFile(join(dir, 'missing', 'page.html'), 'x')).rejects.toMatchObject({ code: 'ENOENT' });
    writeFileSync(join(dir, 'file'), '');
    await expect(mkdir(join(dir, 'file'))).rejects.toMatchObject({ code: 'EEXIST' });
    await expect(copyFile(join(dir, 'nothing'), join(dir, 'copy'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('leaves file handles and streamed data to the original functions', async () => {
    restore = synchronizeFileCalls();
    const handle = await open(join(dir, 'handle.txt'), 'w');
    try {
      await writeFile(handle, 'through a handle');
    } finally {
      await handle.close();
    }
    expect(readFileSync(join(dir, 'handle.txt'), 'utf8')).toBe('through a handle');
    await writeFile(
      join(dir, 'streamed.txt'),
      (async function* () {
        yield 'one ';
        yield 'two';
      })(),
    );
    expect(readFileSync(join(dir, 'streamed.txt'), 'utf8')).toBe('one two');
  });

  it('puts the original functions back', () => {
    const before = {
      writeFile: fs.promises.writeFile,
      mkdir: fs.promises.mkdir,
      copyFile: fs.promises.copyFile,
    };
    const undo = synchronizeFileCalls();
    expect(writeFile).not.toBe(before.writeFile);
    undo();
    undo();
    expect({
      writeFile: fs.promises.writeFile,
      mkdir: fs.promises.mkdir,
      copyFile: fs.promises.copyFile,
    }).toEqual(before);
    // The named exports follow (they are what most modules import).
    expect({ writeFile, mkdir, copyFile }).toEqual(before);
  });
});
