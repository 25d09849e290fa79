/**
 * The one place that lists the Pagefind index bundles the search page queries.
 *
 * Today the archive has one bundle, written by src/integrations/search-index.ts
 * to `/pagefind/`. A sharded index (by period) lists one bundle per shard
 * here, newest period first: the engine queries every bundle and merges their
 * results (see engine.ts), so nothing else in the UI changes.
 */
export const SEARCH_BUNDLES: readonly string[] = ['/pagefind/'];

/** The bundle whose helper scripts (highlighter) the site loads. */
export function primaryBundle(): string {
  return SEARCH_BUNDLES[0] ?? '/pagefind/';
}

/**
 * The absolute URL of a file of a bundle, for a runtime `import()`. Absolute,
 * because Vite's dev server appends `?import` to root-relative dynamic imports
 * and then refuses files of public/ (where `npm run dev:search-index` puts the
 * index); a full URL is left alone, and built pages behave the same.
 */
export function bundleFileUrl(bundle: string, file: string): string {
  return new URL(`${bundle}${file}`, window.location.href).href;
}
