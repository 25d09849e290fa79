/**
 * npm run check:links — crawls a built site (default dist/) served on
 * 127.0.0.1 and fails on any broken internal link or missing asset.
 *
 * Links written absolute to the site's own URL (siteConfig.url: canonical,
 * Open Graph, feeds) are checked against the local copy too.
 *
 * Usage: node scripts/check-links.ts [dir] [--external] [--fragments]
 *   --external   also check links to other sites (needs network access)
 *   --fragments  also check that #fragment targets exist on their pages
 */
import { parseArgs } from 'node:util';
import { checkSiteLinks } from '../src/lib/link-check.ts';
import { siteConfig } from '../src/site.config.ts';

const { values, positionals } = parseArgs({
  options: {
    external: { type: 'boolean', default: false },
    fragments: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h' },
  },
  allowPositionals: true,
});
if (values.help) {
  console.log('Usage: npm run check:links -- [dir] [--external] [--fragments]');
  process.exit(0);
}

const dir = positionals[0] ?? process.env.ARCHIVE_OUT_DIR ?? 'dist';
try {
  const result = await checkSiteLinks({
    dir,
    external: values.external,
    fragments: values.fragments,
    siteUrl: siteConfig.url,
  });
  for (const link of result.broken) {
    console.error(
      `broken: ${link.url}${link.status ? ` (${link.status})` : ''}${link.parent ? ` linked from ${link.parent}` : ''}`,
    );
  }
  console.log(
    `check:links: ${result.checked} link(s) checked, ${result.broken.length} broken` +
      (values.external ? '' : `, ${result.skipped} external skipped (use --external to check them)`),
  );
  process.exitCode = result.passed ? 0 : 1;
} catch (error) {
  console.error(`check:links: ${(error as Error).message}`);
  process.exitCode = 2;
}
