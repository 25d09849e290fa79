/**
 * The one static file server of the project's tools (end-to-end tests, link
 * check, audit, benchmark): it serves a built site on 127.0.0.1 the way a
 * common static host does, so every tool measures what readers would get.
 *  - `/a/` serves `a/index.html`; `/a` redirects to `/a/` when that is a folder;
 *  - unknown paths get `404.html` with status 404;
 *  - the folder's `_headers` file is applied (Netlify / Cloudflare Pages convention);
 *  - text is gzip-compressed when the client accepts it (Pagefind's index files
 *    are already compressed and are sent as they are);
 *  - fingerprinted assets under `/_astro/` are cached for a year;
 *  - every response's body size is recorded, which the benchmark reports.
 */
import { existsSync, readFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import { headersForPath, parseHeadersFile } from './headers-file.ts';

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
  '.webmanifest': 'application/manifest+json; charset=utf-8',
};

export function contentTypeOf(file: string): string {
  // Pagefind's index chunks have extensions of their own: they are bytes.
  return CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

function isCompressible(type: string): boolean {
  return /^text\/|json|xml|svg|javascript/.test(type);
}

/** The file a URL path maps to, or undefined when it would leave the root. */
export function fileForPath(root: string, urlPath: string): string | undefined {
  let path: string;
  try {
    path = decodeURIComponent(urlPath.split('?')[0] ?? '/');
  } catch {
    return undefined;
  }
  if (path.includes('\0')) return undefined;
  if (path.endsWith('/')) path += 'index.html';
  const file = normalize(join(root, path));
  return file === root || file.startsWith(root.endsWith(sep) ? root : root + sep) ? file : undefined;
}

async function isFile(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined))?.isFile() ?? false;
}

export interface ServedRequest {
  path: string;
  status: number;
  /** Bytes of the response body as sent (after gzip when compressed). */
  bytes: number;
  gzip: boolean;
}

export interface StaticServerOptions {
  root: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Extra in-memory pages (path → HTML), e.g. a blank page to run scripts from. */
  extraPages?: Record<string, string>;
}

export interface StaticServer {
  /** `http://127.0.0.1:<port>`, without a trailing slash. */
  origin: string;
  port: number;
  /** Requests served since the last reset. */
  requests: ServedRequest[];
  reset(): void;
  close(): Promise<void>;
}

export async function startStaticServer(options: StaticServerOptions): Promise<StaticServer> {
  const root = resolve(options.root);
  const headersFile = join(root, '_headers');
  const rules = existsSync(headersFile) ? parseHeadersFile(readFileSync(headersFile, 'utf8')) : [];
  const requests: ServedRequest[] = [];

  const respond = async (method: string, rawUrl: string, acceptsGzip: boolean) => {
    const url = new URL(rawUrl, 'http://127.0.0.1');
    const extra = options.extraPages?.[url.pathname];
    let file = fileForPath(root, url.pathname);
    if (extra === undefined && file && !(await isFile(file)) && (await isFile(join(file, 'index.html')))) {
      return { status: 301, headers: { location: `${url.pathname}/` }, body: Buffer.alloc(0), gzip: false };
    }
    let status = 200;
    let body: Buffer;
    if (extra !== undefined) {
      body = Buffer.from(extra);
      file = join(root, 'index.html');
    } else if (file && (await isFile(file))) {
      body = await readFile(file);
    } else {
      status = 404;
      file = join(root, '404.html');
      body = await readFile(file).catch(() => Buffer.from('Not found'));
    }
    const type = contentTypeOf(file);
    const gzip = acceptsGzip && isCompressible(type);
    if (gzip) body = gzipSync(body, { level: 6 });
    const headers: Record<string, string> = {
      ...Object.fromEntries(headersForPath(rules, url.pathname)),
      'content-type': type,
      'content-length': String(body.length),
      'cache-control': url.pathname.startsWith('/_astro/')
        ? 'public, max-age=31536000, immutable'
        : 'no-cache',
      ...(gzip ? { 'content-encoding': 'gzip', vary: 'accept-encoding' } : {}),
    };
    return { status, headers, body: method === 'HEAD' ? Buffer.alloc(0) : body, gzip };
  };

  const server: Server = createServer((req, res) => {
    const acceptsGzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    respond(req.method ?? 'GET', req.url ?? '/', acceptsGzip)
      .then(({ status, headers, body, gzip }) => {
        res.writeHead(status, headers).end(body);
        requests.push({ path: req.url ?? '/', status, bytes: body.length, gzip });
      })
      .catch((error: unknown) => {
        if (!res.headersSent) res.writeHead(500);
        res.end(String(error));
      });
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, '127.0.0.1', () => done());
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    requests,
    reset: () => {
      requests.length = 0;
    },
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
