/**
 * `node scripts/serve-static.ts <folder> [port]`: serves a built site on
 * 127.0.0.1 the way a static host that reads `_headers` does (Netlify,
 * Cloudflare Pages): every response carries the headers of the folder's
 * `_headers` file, so tests see the header CSP and the per-page meta CSP
 * together, as readers will. Unknown paths get `404.html` with status 404.
 */
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { headersForPath, parseHeadersFile } from '../src/lib/headers-file.ts';

const TYPES: Record<string, string> = {
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
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.wasm': 'application/wasm',
  '.webmanifest': 'application/manifest+json',
};

export function serveStatic(folder: string, port: number): Server {
  const root = resolve(folder);
  const headersFile = join(root, '_headers');
  const rules = existsSync(headersFile) ? parseHeadersFile(readFileSync(headersFile, 'utf8')) : [];

  return createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    let file = normalize(join(root, path));
    if (file !== root && !file.startsWith(root + sep)) file = join(root, '404.html');
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    const found = existsSync(file) && statSync(file).isFile();
    if (!found) file = join(root, '404.html');
    for (const [name, value] of headersForPath(rules, path)) response.setHeader(name, value);
    // Pagefind's index chunks have their own extensions; they are bytes.
    response.setHeader('Content-Type', TYPES[extname(file)] ?? 'application/octet-stream');
    response.statusCode = found ? 200 : 404;
    createReadStream(file).pipe(response);
  }).listen(port, '127.0.0.1');
}

if (import.meta.filename === process.argv[1]) {
  const [folder, port = '4401'] = process.argv.slice(2);
  if (!folder) {
    console.error('usage: node scripts/serve-static.ts <folder> [port]');
    process.exit(2);
  }
  serveStatic(folder, Number(port));
  console.log(`serving ${folder} at http://127.0.0.1:${port}/ with its _headers`);
}
