// @ts-check
/**
 * The site's own configuration, with Astro's cache (which holds the content
 * store between builds) moved to the benchmark's temporary folder, so a
 * benchmark build never shares `node_modules/.astro` with a build running in
 * the work tree at the same time, and its rebuild measurement sees only its
 * own cache.
 */
import siteConfig from '../../astro.config.mjs';

export default {
  ...siteConfig,
  ...(process.env.ARCHIVE_BENCH_CACHE_DIR ? { cacheDir: process.env.ARCHIVE_BENCH_CACHE_DIR } : {}),
};
