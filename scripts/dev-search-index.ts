/**
 * Makes search work under `npm run dev`. Astro's dev server renders pages on
 * demand and never runs `astro:build:done`, so no Pagefind index exists there;
 * it does serve `public/`. This builds the site once (into .cache/, leaving
 * dist/ alone) and copies its index to `public/pagefind/` (gitignored). Run it
 * again after adding or editing articles to refresh what search finds.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const outDir = join(root, '.cache/dev-search-dist');
const target = join(root, 'public/pagefind');

// A stale copy would be copied into the build itself; the integration rewrites it, but start clean.
rmSync(target, { recursive: true, force: true });
const build = spawnSync(join(root, 'node_modules/.bin/astro'), ['build'], {
  cwd: root,
  stdio: 'inherit',
  env: {
    ...process.env,
    PATH: `${join(root, 'node_modules/.bin')}:${process.env.PATH ?? ''}`,
    ARCHIVE_OUT_DIR: outDir,
    NODE_ENV: 'production',
  },
});
if (build.status !== 0 || !existsSync(join(outDir, 'pagefind/pagefind.js'))) {
  console.error('dev:search-index: the build failed; search in `npm run dev` is unchanged.');
  process.exit(build.status || 1);
}
cpSync(join(outDir, 'pagefind'), target, { recursive: true });
rmSync(outDir, { recursive: true, force: true });
console.log('dev:search-index: copied the search index to public/pagefind/; `npm run dev` now searches it.');
