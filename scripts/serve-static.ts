/**
 * `node scripts/serve-static.ts <folder> [port]`: serves a built site on
 * 127.0.0.1 the way a static host that reads `_headers` does (Netlify,
 * Cloudflare Pages), so tests see the header CSP and the per-page meta CSP
 * together, as readers will. See src/lib/static-server.ts.
 */
import { startStaticServer, type StaticServer } from '../src/lib/static-server.ts';

export async function serveStatic(folder: string, port: number): Promise<StaticServer> {
  const server = await startStaticServer({ root: folder, port });
  console.log(`serving ${folder} at ${server.origin}/ with its _headers`);
  return server;
}

if (import.meta.filename === process.argv[1]) {
  const [folder, port = '4401'] = process.argv.slice(2);
  if (!folder) {
    console.error('usage: node scripts/serve-static.ts <folder> [port]');
    process.exit(2);
  }
  await serveStatic(folder, Number(port));
}
