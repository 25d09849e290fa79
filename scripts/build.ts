/**
 * `npm run build`: an atomic production build.
 *
 * Astro writes its output file by file, so a build that fails halfway (a bad
 * article, a search indexing error, a full disk) would leave a half-written
 * `dist/` that a deploy step could publish. Instead the site is built into a
 * staging folder beside the final one and swapped in only when the build
 * succeeded; a failed build leaves the previous `dist/` exactly as it was.
 *
 *   ARCHIVE_DIST_DIR   the final folder (default `dist`); tests point it at temp folders
 *   ARCHIVE_CONTENT_DIR and every other variable pass through to `astro build`
 *
 * Extra arguments are passed to `astro build` (`npm run build -- --verbose`).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  finalDistDir,
  planBuildFolders,
  publishStaging,
  recoverInterruptedSwap,
  seedStaging,
} from '../src/lib/atomic-dist.ts';

const ROOT = resolve(import.meta.dirname, '..');
const BIN = join(ROOT, 'node_modules/.bin');

const folders = planBuildFolders(finalDistDir(process.env, ROOT));
const recovered = recoverInterruptedSwap(folders);
if (recovered) console.log(`build: restored ${folders.final} from an interrupted swap`);
rmSync(folders.staging, { recursive: true, force: true });
const seeded = seedStaging(folders);
if (seeded > 0) console.log(`build: ${seeded} pages of ${folders.final} linked for reuse`);

const result = spawnSync(join(BIN, 'astro'), ['build', ...process.argv.slice(2)], {
  cwd: ROOT,
  stdio: 'inherit',
  env: {
    ...process.env,
    // The project's Node 22 runs Astro whatever node started this script.
    PATH: `${BIN}:${process.env.PATH ?? ''}`,
    ARCHIVE_OUT_DIR: folders.staging,
  },
});

if (result.status !== 0 || !existsSync(join(folders.staging, 'index.html'))) {
  rmSync(folders.staging, { recursive: true, force: true });
  const why =
    result.status !== 0
      ? `astro build exited with ${result.status ?? result.signal ?? 'an error'}`
      : 'astro build wrote no index.html';
  console.error(`build failed (${why}); ${folders.final} was left unchanged`);
  process.exit(result.status || 1);
}

publishStaging(folders);
console.log(`build: published ${folders.final}`);
