/**
 * Checks the links of a built site: serves the folder on 127.0.0.1 (a local,
 * ephemeral port; nothing leaves the machine unless external links are asked
 * for) and crawls it with linkinator from the home page, failing on any
 * broken internal link or missing asset (image, stylesheet, script, font).
 */
import { stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { LinkChecker, LinkState } from 'linkinator';
import { startStaticServer } from './static-server.ts';

async function isFile(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined))?.isFile() ?? false;
}

export interface BrokenLink {
  url: string;
  status?: number | undefined;
  /** The page that links to it. */
  parent?: string | undefined;
}

export interface LinkCheckResult {
  passed: boolean;
  checked: number;
  skipped: number;
  broken: BrokenLink[];
}

export interface LinkCheckOptions {
  /** The built site (default `dist`). */
  dir: string;
  /** Also check links leaving the site (network access). */
  external?: boolean;
  /** Also check that `#fragment` targets exist. */
  fragments?: boolean;
  concurrency?: number;
  /**
   * The site's public URL (`https://archive.example.org`). Links written
   * absolute to it (canonical, Open Graph, feeds, sitemap) are internal: they
   * are checked against the local copy instead of being skipped as external.
   */
  siteUrl?: string | undefined;
}

export async function checkSiteLinks(options: LinkCheckOptions): Promise<LinkCheckResult> {
  const dir = resolve(options.dir);
  if (!(await isFile(join(dir, 'index.html')))) {
    throw new Error(`${dir} has no index.html: build the site first (npm run build)`);
  }
  const server = await startStaticServer({ root: dir });
  const siteUrl = `${server.origin}/`;
  try {
    const checker = new LinkChecker();
    const result = await checker.check({
      path: siteUrl,
      recurse: true,
      concurrency: options.concurrency ?? 20,
      timeout: 20_000,
      checkCss: true,
      checkFragments: options.fragments ?? false,
      // Internal only unless asked: the check must not depend on the internet.
      linksToSkip: options.external ? [] : async (link: string) => !link.startsWith(siteUrl),
      urlRewriteExpressions: options.siteUrl
        ? [
            {
              pattern: new RegExp(`^${escapeRegExp(options.siteUrl.replace(/\/+$/, ''))}/`),
              replacement: siteUrl,
            },
          ]
        : [],
    });
    const broken = result.links
      .filter((link) => link.state === LinkState.BROKEN)
      .map((link) => ({ url: link.url, status: link.status, parent: link.parent }))
      .sort((a, b) => a.url.localeCompare(b.url) || (a.parent ?? '').localeCompare(b.parent ?? ''));
    return {
      passed: broken.length === 0,
      checked: result.links.filter((l) => l.state !== LinkState.SKIPPED).length,
      skipped: result.links.filter((l) => l.state === LinkState.SKIPPED).length,
      broken: broken.map((b) => ({
        ...b,
        url: localPath(b.url, siteUrl),
        parent: b.parent && localPath(b.parent, siteUrl),
      })),
    };
  } finally {
    await server.close();
  }
}

/** Internal URLs are reported as site paths: the port changes every run. */
function localPath(url: string, base: string): string {
  return url.startsWith(base) ? `/${url.slice(base.length)}` : url;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
