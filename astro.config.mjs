// @ts-check
import { defineConfig } from 'astro/config';
import { createHash } from 'node:crypto';
import { contentRoot } from './src/lib/content-root.ts';
import { siteConfig } from './src/site.config.ts';
import { PAGE_DIRECTIVES, SELF_ONLY } from './src/lib/csp.ts';
import sitemap from './src/integrations/sitemap.ts';
import { searchIndex } from './src/integrations/search-index.ts';
import { outputReuse } from './src/integrations/output-reuse.ts';
import { synchronousFileIo } from './src/integrations/sync-file-io.ts';

// Astro keeps its content store in cacheDir. One per content root: builds of different
// corpora (tests, benchmark) running at once must not read each other's store, and a
// rebuild of the same corpus reuses its own.
// Keeps the pages of the last build in the output folder for the next (src/integrations/output-reuse.ts).
const reuse = outputReuse();

const corpusKey = createHash('sha256').update(contentRoot()).digest('hex').slice(0, 12);

// https://docs.astro.build/en/reference/configuration-reference/
export default defineConfig({
  site: siteConfig.url,
  // Builds of other corpora (tests, benchmark) write elsewhere so they never clobber dist/.
  outDir: process.env.ARCHIVE_OUT_DIR || 'dist',
  cacheDir: `./node_modules/.astro/corpus-${corpusKey}`,
  trailingSlash: 'always',
  // No inline stylesheets or scripts: the header policy of public/_headers cannot know
  // per-page hashes, so every script and style is a file of this origin (src/lib/csp.ts).
  build: { format: 'directory', inlineStylesheets: 'never' },
  // The search page's workers (src/scripts/search/shard-worker.ts) import Pagefind's runtime at run time: a module worker.
  vite: { build: { assetsInlineLimit: 0 }, worker: { format: 'es' } },
  // Article bodies have their own Markdown pipeline; Astro's Shiki would only add inline styles a CSP refuses.
  markdown: { syntaxHighlight: false },
  // A per-page CSP meta tag with hashes of what Astro emits; no 'unsafe-inline' anywhere.
  security: {
    csp: {
      directives: [...PAGE_DIRECTIVES],
      scriptDirective: { resources: [...SELF_ONLY] },
      styleDirective: { resources: [...SELF_ONLY] },
    },
  },
  server: { host: '127.0.0.1', port: 4321 },
  devToolbar: { enabled: false },
  // A rebuild copies every page whose cacheKey (src/lib/page-cache-keys.ts) and code are
  // unchanged from Astro's cache instead of rendering it: after one edit of 10,000
  // articles only the pages that show that article are rendered again.
  experimental: { incrementalBuild: true },
  // outputReuse first: its build:done removes what an earlier build left before the others write.
  // synchronousFileIo: Astro's reads and writes of files without trips to Node's thread pool (src/integrations/sync-file-io.ts).
  integrations: [
    reuse,
    synchronousFileIo(),
    sitemap(),
    searchIndex({ wrapPrerenderer: (inner) => reuse.wrapPrerenderer(inner) }),
  ],
});
