/**
 * Where the search page finds the search index: the folder written by
 * src/integrations/search-index.ts, holding Pagefind's runtime (pagefind.js,
 * its worker, WebAssembly and highlighter), the manifest of the index's
 * shards (`shards.json`), and one bundle per shard below it.
 */
/** The search folder of the site. */
export const SEARCH_ROOT = '/pagefind/';

/** The folder whose helper scripts (highlighter) the site loads. */
export function primaryBundle(): string {
  return SEARCH_ROOT;
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
