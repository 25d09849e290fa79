/**
 * Runs `npm run build` (scripts/build.ts, the atomic build) on any corpus into
 * any final folder, and fingerprints built folders, for the atomic-build,
 * hostile-input and determinism tests.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, type BuildResult } from './fixture.ts';

/** `node scripts/build.ts` with the content root and final folder given; never touches the repository's dist/. */
export function runBuildScript(
  contentDir: string,
  distDir: string,
  env: NodeJS.ProcessEnv = {},
): BuildResult {
  const bin = join(ROOT, 'node_modules/.bin');
  const result = spawnSync(join(bin, 'node'), ['scripts/build.ts'], {
    cwd: ROOT,
    encoding: 'utf8',
    env: {
      ...process.env,
      PATH: `${bin}:${process.env.PATH ?? ''}`,
      ARCHIVE_CONTENT_DIR: contentDir,
      ARCHIVE_DIST_DIR: distDir,
      FORCE_COLOR: '0',
      // vitest sets NODE_ENV=test, which would make Astro build in a non-production mode.
      NODE_ENV: 'production',
      ...env,
    },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
}

/** Every file under `dir` (relative path, `/`-separated) with the SHA-256 of its bytes, sorted by path. */
export function fingerprintTree(dir: string): Map<string, string> {
  const files = (readdirSync(dir, { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[])
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
  return new Map(
    files.map((file) => [
      file
        .slice(dir.length + 1)
        .split('\\')
        .join('/'),
      createHash('sha256').update(readFileSync(file)).digest('hex'),
    ]),
  );
}
