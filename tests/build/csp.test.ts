/**
 * The Content Security Policy of every built page of the fixture site
 * (issue 8): one meta policy per page, ahead of every script and stylesheet,
 * never `'unsafe-inline'` or `'unsafe-eval'`; Pagefind's allowances on the
 * search page only; and nothing inline that the header policy of
 * public/_headers (which has no per-page hashes) would block.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'node-html-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { allPages, fixtureDist } from './fixture.ts';

let dist: string;
let pages: string[];
beforeAll(async () => {
  dist = fixtureDist();
  pages = await allPages(dist);
});

function html(path: string): string {
  return readFileSync(path.endsWith('.html') ? join(dist, path) : join(dist, path, 'index.html'), 'utf8');
}

function policyOf(source: string): string[] {
  return parse(source)
    .querySelectorAll('meta[http-equiv="content-security-policy"]')
    .map((meta) => meta.getAttribute('content') ?? '');
}

describe('the meta Content Security Policy', () => {
  it('is on every page, once, and never allows inline script or eval', () => {
    expect(pages.length).toBeGreaterThan(50);
    for (const path of pages) {
      const policies = policyOf(html(path));
      expect(policies, path).toHaveLength(1);
      const policy = policies[0]!;
      expect(policy, path).toMatch(/script-src 'self'/);
      expect(policy, path).toMatch(/default-src 'self'/);
      expect(policy, path).toMatch(/object-src 'none'/);
      expect(policy, path).not.toMatch(/'unsafe-inline'|'unsafe-eval'/);
    }
  });

  it('comes before every script and stylesheet it governs', () => {
    for (const path of pages) {
      const source = html(path);
      const meta = source.indexOf('http-equiv="content-security-policy"');
      const firstLoad = source.search(/<script[^>]*\ssrc=|<link[^>]*rel="stylesheet"/);
      if (firstLoad !== -1) expect(meta, path).toBeLessThan(firstLoad);
    }
  });

  it('allows WebAssembly and a worker on the search page, and only there', () => {
    expect(pages).toContain('/search/');
    for (const path of pages) {
      const policy = policyOf(html(path))[0]!;
      const search = path === '/search/';
      expect(policy.includes("'wasm-unsafe-eval'"), path).toBe(search);
      expect(policy.includes("worker-src 'self'"), path).toBe(search);
    }
  });
});

describe('compatibility with the header policy of public/_headers', () => {
  it('no page has an inline script, a style element or a style attribute', () => {
    for (const path of pages) {
      const root = parse(html(path));
      const inlineScripts = root
        .querySelectorAll('script')
        .filter((s) => !s.getAttribute('src') && s.getAttribute('type') !== 'application/ld+json');
      expect(
        inlineScripts.map((s) => s.toString().slice(0, 80)),
        path,
      ).toEqual([]);
      expect(root.querySelectorAll('style').length, path).toBe(0);
      expect(root.querySelectorAll('[style]').length, path).toBe(0);
    }
  });

  it('ships the _headers file with the site', () => {
    expect(readFileSync(join(dist, '_headers'), 'utf8')).toContain('Content-Security-Policy: ');
  });
});
