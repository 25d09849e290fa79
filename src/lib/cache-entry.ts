/**
 * Cache entries that are folders (search shards, the search directory):
 * written whole or not at all, so an interrupted build never leaves a half
 * entry that a later build would take as complete.
 */
import { rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Written last into an entry: a folder without it is an interrupted write. */
export const ENTRY_COMPLETE = '.complete';

/** Whether the entry in `dir` was written to the end. */
export async function isCompleteEntry(dir: string): Promise<boolean> {
  return (await stat(join(dir, ENTRY_COMPLETE)).catch(() => undefined)) !== undefined;
}

/**
 * Writes the entry `dir` with `write`, into a folder beside it that is
 * marked complete and renamed into place only once `write` succeeded (and
 * removed when it failed).
 */
export async function writeCacheEntry(dir: string, write: (partial: string) => Promise<void>): Promise<void> {
  const partial = `${dir}.partial-${process.pid}`;
  await rm(partial, { recursive: true, force: true });
  try {
    await write(partial);
    await writeFile(join(partial, ENTRY_COMPLETE), '');
    await rm(dir, { recursive: true, force: true });
    await rename(partial, dir);
  } catch (error) {
    await rm(partial, { recursive: true, force: true });
    throw error;
  }
}
