/**
 * The editors' CLIs, spawned as npm would run them (Node 22 from
 * node_modules/.bin), on temporary corpora and sites. No network: check:links
 * serves the folder on 127.0.0.1 and skips external links.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const REPO = resolve(import.meta.dirname, '../../..');
const NODE = join(REPO, 'node_modules/.bin/node');
const SEED = readFileSync(
  join(
    REPO,
    'content/articles/2019/11/us-threatens-sanctions-on-serbia-scrambles-to-thwart-possible-russian-s-400.md',
  ),
  'utf8',
);
const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'archive-sources-'));
  temps.push(dir);
  return dir;
}

function writeFiles(root: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

/** Runs a CLI in `cwd`, with the content root pointed at `cwd` the documented way. */
function run(script: string, args: string[], cwd: string, env: Record<string, string> = {}) {
  const result = spawnSync(NODE, [join(REPO, script), ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, ARCHIVE_CONTENT_DIR: cwd, ...env },
  });
  return {
    status: result.status,
    stdout: result.stdout,
    stderr: result.stderr,
    output: result.stdout + result.stderr,
  };
}

const REGISTRIES = {
  'regions.yaml': '- id: europe\n  name: Europe\n',
  'themes.yaml': '- id: military\n  name: Military\n',
  'sources.yaml': '- name: Zero Hedge\n  homepage: https://www.zerohedge.com/\n',
};

const article = (title: string, published: string, body: string, extra = '') =>
  `---\ntitle: "${title}"\nauthors: ["Ana Example"]\npublished: ${published}\n${extra}---\n\n${body}\n`;

describe('check:content', () => {
  it('passes the seed with its four warnings and the one-line summary', () => {
    const root = tempDir();
    writeFiles(root, {
      ...REGISTRIES,
      'regions.yaml':
        '- id: europe\n  name: Europe\n- id: russia-and-fsu\n  name: Russia and FSU\n- id: usa\n  name: USA\n',
      'themes.yaml':
        '- id: intelligence\n  name: Intelligence\n- id: military\n  name: Military\n- id: military-and-wmd\n  name: Military and WMD\n',
      'articles/2019/11/seed.md': SEED,
    });
    const { status, stdout } = run('scripts/check-content.ts', [], root);
    expect(stdout).toContain('articles/2019/11/seed.md:16: warning in body: placeholder link "TASS"');
    expect(stdout).toContain(
      'articles/2019/11/seed.md:6: warning in source.url: source "Zero Hedge" has no url',
    );
    expect(stdout.trim().split('\n').at(-1)).toBe('check:content: 1 file(s), 0 error(s), 4 warning(s)');
    expect(status).toBe(0);
  });

  it('reports every problem per file and line, and fails only because of the errors', () => {
    const root = tempDir();
    const body = [
      'Intro [TASS](#) said.', // line 7
      '',
      'See [Reuters](http://www.reuters.com/a) and [again](https://reuters.com/a#x).', // 9
      '',
      'A typo [here](htps://tass.com/x) and <span onclick="x()">raw</span>.', // 11
    ].join('\n');
    writeFiles(root, {
      ...REGISTRIES,
      'articles/2020/01/links.md': article('Links', '2020-01-10', body),
      'articles/2020/01/unsafe.md': article('Unsafe', '2020-01-11', 'Text.\n\n[x](javascript:alert(1))'),
      'articles/2020/01/nourl.md': article(
        'No URL',
        '2020-01-12',
        'Body.',
        'source:\n  name: "Zero Hedge"\n',
      ),
      'articles/2020/01/bad-region.md': article('Bad', '2020-01-13', 'Body.', 'regions: [eurpoe]\n'),
    });
    const { status, stdout, stderr } = run('scripts/check-content.ts', [], root);
    const f = 'articles/2020/01/';
    expect(stdout).toContain(`${f}links.md:7: warning in body: placeholder link "TASS"`);
    expect(stdout).toContain(`${f}links.md:9: warning in body: link uses http:// where https:// is expected`);
    expect(stdout).toContain(
      `${f}links.md:9: warning in body: duplicate citation of https://reuters.com/a#x (first cited on line 9)`,
    );
    expect(stderr).toContain(`${f}links.md:11: error in body: malformed URL in link: "htps://tass.com/x"`);
    expect(stdout).toContain(
      `${f}links.md:11: warning in body: raw HTML removed by the sanitizer: attribute onclick`,
    );
    expect(stderr).toContain(
      `${f}unsafe.md:9: error in body: link target uses the forbidden "javascript:" scheme`,
    );
    expect(stdout).toContain(`${f}nourl.md:6: warning in source.url: source "Zero Hedge" has no url`);
    expect(stderr).toMatch(
      /bad-region\.md:5: error in regions\[0\]: unknown region "eurpoe"; closest valid ids: europe/,
    );
    expect(stdout.trim().split('\n').at(-1)).toBe('check:content: 4 file(s), 3 error(s), 6 warning(s)');
    expect(status).toBe(1);
  });

  it('refuses a content folder that does not exist', () => {
    const { status, stderr } = run('scripts/check-content.ts', [join(tempDir(), 'nowhere')], REPO);
    expect(stderr).toMatch(/check:content: no content folder at .*nowhere/);
    expect(status).toBe(2);
  });
});

describe('report:sources', () => {
  it('counts cited domains by articles and links, and lists placeholders and missing URLs, as JSON and a table', () => {
    const root = tempDir();
    writeFiles(root, {
      ...REGISTRIES,
      'articles/2020/02/one.md': article(
        'One',
        '2020-02-01',
        '[a](https://tass.com/1) [b](https://tass.com/2) [c](https://www.reuters.com/x) [d](#)',
      ),
      'articles/2020/02/two.md': article(
        'Two',
        '2020-02-02',
        '[a](https://tass.com/3)',
        'source:\n  name: "Zero Hedge"\n',
      ),
    });
    const json = run('scripts/report-sources.ts', ['--format', 'json'], root);
    expect(json.status).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual({
      articles: 2,
      domains: [
        { domain: 'tass.com', articles: 2, links: 3 },
        { domain: 'reuters.com', articles: 1, links: 1 },
      ],
      placeholders: [{ file: 'articles/2020/02/one.md', line: 7, text: 'd' }],
      missingUrls: [{ file: 'articles/2020/02/two.md', line: 6, source: 'Zero Hedge' }],
    });
    const table = run('scripts/report-sources.ts', ['--json', 'report.json'], root);
    expect(table.status).toBe(0);
    expect(table.stdout).toMatch(/tass\.com\s+2\s+3/);
    expect(table.stdout).toContain('Placeholder links (1):');
    expect(JSON.parse(readFileSync(join(root, 'report.json'), 'utf8'))).toEqual(JSON.parse(json.stdout));
  });
});

describe('check:links', () => {
  const page = (body: string) =>
    `<!doctype html><html lang="en"><head><title>t</title></head><body>${body}</body></html>`;

  it('fails on a broken internal link and a missing asset, naming them and the page linking to them', () => {
    const site = tempDir();
    writeFiles(site, {
      'index.html': page(
        '<a href="/articles/a/">A</a> <a href="/articles/gone/">Gone</a> <img src="/missing.png" alt=""> <a href="https://example.invalid/">ext</a>',
      ),
      'articles/a/index.html': page('<a href="/">Home</a>'),
    });
    const { status, output } = run('scripts/check-links.ts', [site], REPO);
    expect(output).toContain('broken: /articles/gone/ (404) linked from /');
    expect(output).toContain('broken: /missing.png (404) linked from /');
    expect(output).toMatch(/check:links: \d+ link\(s\) checked, 2 broken, 1 external skipped/);
    expect(status).toBe(1);
  });

  it('passes a site whose internal links all resolve, without touching external ones', () => {
    const site = tempDir();
    writeFiles(site, {
      'index.html': page(
        '<a href="/articles/a/">A</a> <a href="articles/a">A too</a> <a href="https://example.invalid/">ext</a>',
      ),
      'articles/a/index.html': page('<a href="../../">Home</a><link rel="stylesheet" href="/s.css">'),
      's.css': 'body { color: black; }',
    });
    const { status, output } = run('scripts/check-links.ts', [site], REPO);
    expect(output).toMatch(/0 broken/);
    expect(status).toBe(0);
  });

  it("checks links written absolute to the site's own URL against the local copy", () => {
    const site = tempDir();
    writeFiles(site, {
      'index.html': page(
        '<a href="https://archive.test/articles/a/">A</a> <a href="https://archive.test/articles/gone/">Gone</a>',
      ),
      'articles/a/index.html': page('<a href="/">Home</a>'),
    });
    const { status, output } = run('scripts/check-links.ts', [site], REPO, {
      ARCHIVE_SITE_URL: 'https://archive.test',
    });
    expect(output).toContain('broken: /articles/gone/ (404)');
    expect(output).not.toContain('/articles/a/ (404)');
    expect(output).toMatch(/1 broken, 0 external skipped/);
    expect(status).toBe(1);
  });
});
