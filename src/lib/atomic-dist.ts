/**
 * Replacing the published output folder in one step, so that no reader or
 * deploy step ever sees a half-written site.
 *
 * The new site is built into a staging folder beside the final one (same
 * file system, so renames are atomic), then swapped in with two renames:
 * final → previous, staging → final. The old site stays on disk until the new
 * one is in place; if the process dies between the two renames, the next
 * build puts the previous folder back before doing anything else.
 */
import { existsSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

export interface BuildFolders {
  /** The published site (`dist/`). */
  final: string;
  /** Where the build writes (`.dist-staging/`). */
  staging: string;
  /** Where the old site waits during the swap (`.dist-previous/`). */
  previous: string;
}

/** The final output folder: `ARCHIVE_DIST_DIR`, or `dist` in the project root. */
export function finalDistDir(env: NodeJS.ProcessEnv, root: string): string {
  return resolve(root, env.ARCHIVE_DIST_DIR || 'dist');
}

/** Staging and previous folders are hidden siblings of the final one: `dist` → `.dist-staging`, `.dist-previous`. */
export function planBuildFolders(final: string): BuildFolders {
  const parent = dirname(final);
  const name = basename(final);
  return { final, staging: join(parent, `.${name}-staging`), previous: join(parent, `.${name}-previous`) };
}

/** Puts the previous site back when a swap was interrupted between its two renames. Returns whether it did. */
export function recoverInterruptedSwap(folders: BuildFolders): boolean {
  if (existsSync(folders.final) || !existsSync(folders.previous)) return false;
  renameSync(folders.previous, folders.final);
  return true;
}

/** Swaps a finished staging folder in as the final one; the old final folder is removed only afterwards. */
export function publishStaging(folders: BuildFolders): void {
  rmSync(folders.previous, { recursive: true, force: true });
  const hadFinal = existsSync(folders.final);
  if (hadFinal) renameSync(folders.final, folders.previous);
  try {
    renameSync(folders.staging, folders.final);
  } catch (error) {
    if (hadFinal) renameSync(folders.previous, folders.final);
    throw error;
  }
  rmSync(folders.previous, { recursive: true, force: true });
}
