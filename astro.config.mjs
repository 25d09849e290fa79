// @ts-check
import { defineConfig } from 'astro/config';
import { siteConfig } from './src/site.config.ts';
import sitemap from './src/integrations/sitemap.ts';
import { searchIndex } from './src/integrations/search-index.ts';

// https://docs.astro.build/en/reference/configuration-reference/
export default defineConfig({
  site: siteConfig.url,
  // Builds of other corpora (tests, benchmark) write elsewhere so they never clobber dist/.
  outDir: process.env.ARCHIVE_OUT_DIR || 'dist',
  trailingSlash: 'always',
  build: { format: 'directory' },
  server: { host: '127.0.0.1', port: 4321 },
  devToolbar: { enabled: false },
  integrations: [sitemap(), searchIndex()],
});
