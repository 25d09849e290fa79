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
import { existsSync, linkSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';

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

/**
 * Fills an empty staging folder with hard links to the HTML pages of the
 * published site, so that the build (with `experimental.incrementalBuild`)
 * keeps every unchanged page where it is instead of copying it back from
 * Astro's cache: linking a file costs a fraction of copying it. The build
 * never writes into a linked file: it unlinks a page before rendering it
 * again and deletes the pages it did not produce
 * (src/integrations/output-reuse.ts), so the published files stay as they
 * are until the swap. Only `.html` files are linked, the only outputs that
 * unlinking covers. Returns the number of pages linked; 0 when the folders
 * are on different file systems.
 */
export function seedStaging(folders: BuildFolders): number {
  if (!existsSync(folders.final)) return 0;
  let linked = 0;
  const made = new Set<string>();
  for (const entry of readdirSync(folders.final, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.html')) continue;
    const from = join(entry.parentPath, entry.name);
    const to = join(folders.staging, relative(folders.final, from));
    const dir = dirname(to);
    if (!made.has(dir)) {
      mkdirSync(dir, { recursive: true });
      made.add(dir);
    }
    try {
      linkSync(from, to);
    } catch {
      // Another file system, or a file system without hard links: build without the seed.
      rmSync(folders.staging, { recursive: true, force: true });
      return 0;
    }
    linked++;
  }
  return linked;
}
