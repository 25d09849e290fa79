import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileForPath, startStaticServer, type StaticServer } from '../../../src/lib/static-server.ts';
import { failedCategories, linkedStylesheets, pageWeight } from '../../../scripts/audit/verdict.ts';

const root = mkdtempSync(join(tmpdir(), 'audit-site-'));
const html = `<!doctype html><html><head><link rel="stylesheet" href="/_astro/a.css"><link rel=stylesheet href=/_astro/b.css><link rel="icon" href="/favicon.svg"><script src="/_astro/x.js"></script></head><body>${'<p>text</p>'.repeat(200)}</body></html>`;
beforeAll(() => {
  mkdirSync(join(root, 'articles/a'), { recursive: true });
  mkdirSync(join(root, '_astro'));
  writeFileSync(join(root, 'articles/a/index.html'), html);
  writeFileSync(join(root, '_astro/a.css'), 'body{color:red}'.repeat(50));
  writeFileSync(join(root, '_astro/b.css'), 'p{margin:0}');
  writeFileSync(join(root, '_astro/x.js'), 'console.log(1)'.repeat(1000));
  writeFileSync(join(root, '404.html'), '<!doctype html><title>Not found</title>');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('failedCategories', () => {
  it('requires 100 for accessibility, best practices and SEO and 95 for performance', () => {
    const perfect = { performance: 100, accessibility: 100, 'best-practices': 100, seo: 100 };
    expect(failedCategories(perfect)).toEqual([]);
    expect(failedCategories({ ...perfect, performance: 95 })).toEqual([]);
    expect(failedCategories({ ...perfect, performance: 94, seo: 99 })).toEqual(['performance', 'seo']);
    expect(failedCategories({ ...perfect, accessibility: Number.NaN })).toEqual(['accessibility']);
  });
});

describe('page weight', () => {
  it('finds linked stylesheets, quoted or not, and nothing else', () => {
    expect(linkedStylesheets(html)).toEqual(['/_astro/a.css', '/_astro/b.css']);
  });

  it('adds the gzipped HTML and CSS, not the JavaScript', async () => {
    const weight = await pageWeight(root, '/articles/a/');
    expect(weight.htmlBytes).toBe(gzipSync(Buffer.from(html)).length);
    expect(weight.cssBytes).toBe(
      gzipSync(Buffer.from('body{color:red}'.repeat(50))).length +
        gzipSync(Buffer.from('p{margin:0}')).length,
    );
    expect(weight.total).toBe(weight.htmlBytes + weight.cssBytes);
  });
});

describe('static server', () => {
  let server: StaticServer;
  beforeAll(async () => {
    server = await startStaticServer({ root });
  });
  afterAll(() => server.close());

  function get(path: string, gzip = true) {
    return new Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }>(
      (resolve, reject) => {
        const req = request(
          `${server.origin}${path}`,
          { headers: gzip ? { 'Accept-Encoding': 'gzip' } : {} },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () =>
              resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
            );
          },
        );
        req.on('error', reject);
        req.end();
      },
    );
  }

  it('serves directory URLs from index.html, gzipped when asked', async () => {
    const res = await get('/articles/a/');
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(res.body).toString()).toBe(html);
    const plain = await get('/articles/a/', false);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(html);
  });

  it('redirects a directory without its slash, and caches hashed assets for a year', async () => {
    expect((await get('/articles/a')).headers.location).toBe('/articles/a/');
    expect((await get('/_astro/a.css')).headers['cache-control']).toContain('immutable');
  });

  it('answers 404 with the 404 page, and never serves outside its root', async () => {
    const missing = await get('/nope/', false);
    expect(missing.status).toBe(404);
    expect(missing.body.toString()).toContain('Not found');
    expect(fileForPath(root, '/../../etc/passwd')).toBeUndefined();
    expect(fileForPath(root, '/articles/../articles/a/')).toBe(join(root, 'articles/a/index.html'));
    expect(fileForPath(root, '/%2e%2e/%2e%2e/etc/passwd')).toBeUndefined();
    expect(fileForPath(root, '/%00')).toBeUndefined();
  });
});
