import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HEADER_POLICY, PAGE_DIRECTIVES, SECURITY_HEADERS } from '../../src/lib/csp.ts';
import { headersForPath, parseHeadersFile } from '../../src/lib/headers-file.ts';

const ROOT = join(import.meta.dirname, '../..');
const rules = parseHeadersFile(readFileSync(join(ROOT, 'public/_headers'), 'utf8'));

/** `script-src 'self' x` → ['script-src', ["'self'", 'x']] */
function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...sources]) => [name!, sources]),
  );
}

describe('public/_headers', () => {
  it('sends every security header of src/lib/csp.ts on every path, unchanged', () => {
    for (const path of ['/', '/articles/some-article/', '/search/', '/pagefind/pagefind-worker.js']) {
      expect(Object.fromEntries(headersForPath(rules, path))).toEqual(SECURITY_HEADERS);
    }
  });

  it('names the headers the issue asks for', () => {
    const headers = Object.fromEntries(headersForPath(rules, '/'));
    expect(headers['X-Content-Type-Options']).toBe('nosniff');
    expect(headers['Referrer-Policy']).toBe('strict-origin-when-cross-origin');
    expect(headers['Permissions-Policy']).toMatch(/camera=\(\), .*geolocation=\(\), .*microphone=\(\)/);
  });
});

describe('the header policy', () => {
  const policy = directives(HEADER_POLICY);

  it('never allows inline script or eval', () => {
    expect(HEADER_POLICY).not.toContain("'unsafe-inline'");
    expect(HEADER_POLICY).not.toContain("'unsafe-eval'");
    expect(policy.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(policy.get('style-src')).toEqual(["'self'"]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
  });

  it('contains every directive of the per-page meta policy, so the two never disagree', () => {
    for (const directive of PAGE_DIRECTIVES) {
      const [name, ...sources] = directive.split(/\s+/);
      expect(policy.get(name!)).toEqual(sources);
    }
  });

  it('forbids framing, which only a header can say', () => {
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
    expect(PAGE_DIRECTIVES.join(' ')).not.toContain('frame-ancestors');
  });
});

describe('parseHeadersFile', () => {
  it('reads paths, indented headers and comments', () => {
    const parsed = parseHeadersFile('# note\n/*\n  A: 1\n/search/\n  B: two: parts\n');
    expect(parsed).toEqual([
      { pattern: '/*', headers: [['A', '1']] },
      { pattern: '/search/', headers: [['B', 'two: parts']] },
    ]);
    expect(headersForPath(parsed, '/search/')).toEqual([
      ['A', '1'],
      ['B', 'two: parts'],
    ]);
    expect(headersForPath(parsed, '/other/')).toEqual([['A', '1']]);
  });

  it('refuses a header line outside any path', () => {
    expect(() => parseHeadersFile('  A: 1\n')).toThrow(/not "Name: value" under a path/);
  });
});
