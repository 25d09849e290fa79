/**
 * Checks the links of a built site: serves the folder on 127.0.0.1 (a local,
 * ephemeral port; nothing leaves the machine unless external links are asked
 * for) and crawls it with linkinator from the home page, failing on any
 * broken internal link or missing asset (image, stylesheet, script, font).
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve, sep } from 'node:path';
import { LinkChecker, LinkState } from 'linkinator';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.webmanifest': 'application/manifest+json',
};

export interface StaticServer {
  /** `http://127.0.0.1:<port>/` */
  url: string;
  close(): Promise<void>;
}

async function isFile(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined))?.isFile() ?? false;
}

/**
 * Serves `dir` the way common static hosts do: `/a/` serves `a/index.html`,
 * `/a` redirects to `/a/` when that is a folder, unknown paths get a 404.
 */
export async function serveStatic(dir: string): Promise<StaticServer> {
  const root = resolve(dir);
  const server = createServer((request, response) => {
    void (async () => {
      let pathname: string;
      try {
        pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1').pathname);
      } catch {
        response.writeHead(400).end();
        return;
      }
      const path = resolve(join(root, pathname));
      if (path !== root && !path.startsWith(root + sep)) {
        response.writeHead(403).end();
        return;
      }
      const file = pathname.endsWith('/') ? join(path, 'index.html') : path;
      if (!pathname.endsWith('/') && !(await isFile(file)) && (await isFile(join(path, 'index.html')))) {
        response.writeHead(301, { location: `${pathname}/` }).end();
        return;
      }
      if (!(await isFile(file))) {
        response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found');
        return;
      }
      response.writeHead(200, {
        'content-type': CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
      });
      if (request.method === 'HEAD') {
        response.end();
        return;
      }
      createReadStream(file).pipe(response);
    })().catch(() => {
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => done());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
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
  const server = await serveStatic(dir);
  try {
    const checker = new LinkChecker();
    const result = await checker.check({
      path: server.url,
      recurse: true,
      concurrency: options.concurrency ?? 20,
      timeout: 20_000,
      checkCss: true,
      checkFragments: options.fragments ?? false,
      // Internal only unless asked: the check must not depend on the internet.
      linksToSkip: options.external ? [] : async (link: string) => !link.startsWith(server.url),
      urlRewriteExpressions: options.siteUrl
        ? [
            {
              pattern: new RegExp(`^${escapeRegExp(options.siteUrl.replace(/\/+$/, ''))}/`),
              replacement: server.url,
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
        url: localPath(b.url, server.url),
        parent: b.parent && localPath(b.parent, server.url),
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
