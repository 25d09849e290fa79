/**
 * A tiny static file server on 127.0.0.1 that behaves like a common static
 * host for the bytes a reader downloads: text types (HTML, CSS, JS, JSON, XML,
 * SVG) are sent gzip-compressed when the client accepts it; everything else
 * (images, and Pagefind's index files, which Pagefind already gzips itself) is
 * sent as it is. Like such hosts it sends an ETag and answers a revalidation
 * with 304 and no body, so a file the browser already holds is not counted
 * twice. It counts the bytes of every response body it sends, which is what
 * the benchmark reports as "transferred".
 */
import { createServer, type Server } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { join, normalize, resolve, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { contentTypeOf } from '../../src/lib/static-server.ts';

/** Types a static host compresses on the fly. */
function isCompressible(type: string): boolean {
  return /^text\/|json|xml|svg|javascript/.test(type);
}

export interface ServedRequest {
  path: string;
  status: number;
  /** Bytes of the response body as sent (after gzip when compressed). */
  bytes: number;
  gzip: boolean;
}

export interface StaticServer {
  url: string;
  /** Requests served since the last reset. */
  requests: ServedRequest[];
  reset(): void;
  close(): Promise<void>;
}

export interface StaticServerOptions {
  root: string;
  /** Extra in-memory pages (path → HTML), e.g. a blank page to run scripts from. */
  extraPages?: Record<string, string> | undefined;
}

export async function startStaticServer(options: StaticServerOptions): Promise<StaticServer> {
  const root = resolve(options.root);
  const gzipCache = new Map<string, Buffer>();
  const requests: ServedRequest[] = [];

  const resolveFile = async (urlPath: string): Promise<string | undefined> => {
    const decoded = decodeURIComponent(urlPath);
    const candidate = normalize(join(root, decoded));
    if (candidate !== root && !candidate.startsWith(root + sep)) return undefined;
    for (const path of [candidate, join(candidate, 'index.html')]) {
      try {
        if ((await stat(path)).isFile()) return path;
      } catch {
        // try the next form
      }
    }
    return undefined;
  };

  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const extra = options.extraPages?.[url.pathname];
      let body: Buffer;
      let type: string;
      let status = 200;
      if (extra !== undefined) {
        body = Buffer.from(extra);
        type = contentTypeOf('index.html');
      } else {
        const file = await resolveFile(url.pathname);
        if (file) {
          body = await readFile(file);
          type = contentTypeOf(file);
        } else {
          status = 404;
          const notFound = join(root, '404.html');
          body = await readFile(notFound).catch(() => Buffer.from('not found'));
          type = contentTypeOf('index.html');
        }
      }
      const accepts = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
      const gzip = accepts && isCompressible(type);
      if (gzip) {
        const key = `${status}:${url.pathname}`;
        let compressed = gzipCache.get(key);
        if (!compressed) {
          compressed = gzipSync(body, { level: 6 });
          gzipCache.set(key, compressed);
        }
        body = compressed;
      }
      const etag = `"${createHash('sha1').update(body).digest('base64url')}"`;
      const headers = {
        'content-type': type,
        // What common static hosts send: revalidate every time, by ETag.
        'cache-control': 'public, max-age=0, must-revalidate',
        etag,
        ...(gzip ? { 'content-encoding': 'gzip', vary: 'accept-encoding' } : {}),
      };
      if (status === 200 && req.headers['if-none-match'] === etag) {
        res.writeHead(304, headers);
        res.end();
        requests.push({ path: url.pathname + url.search, status: 304, bytes: 0, gzip });
        return;
      }
      res.writeHead(status, { ...headers, 'content-length': body.length });
      res.end(req.method === 'HEAD' ? undefined : body);
      requests.push({ path: url.pathname + url.search, status, bytes: body.length, gzip });
    })().catch((error: unknown) => {
      res.writeHead(500);
      res.end(String(error));
    });
  });

  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    reset: () => {
      requests.length = 0;
    },
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
