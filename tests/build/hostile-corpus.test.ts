/**
 * Hostile and broken inputs (issue 8): a good build is published, then a
 * build of tests/fixtures/hostile-corpus fails with one clear message per bad
 * file, all in one run, and leaves the published folder byte for byte as it was.
 *
 * Two cases are made here rather than committed: a 10 MB body (too big for the
 * repository) and a symbolic link out of the content folder (a link's target
 * is a path on this machine).
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBuildScript, fingerprintTree } from './build-script.ts';
import { FIXTURE_CORPUS, ROOT, type BuildResult } from './fixture.ts';

const HOSTILE = join(ROOT, 'tests/fixtures/hostile-corpus');
const TEN_MB = 10 * 1024 * 1024;

let work: string;
let dist: string;
let goodBuild: BuildResult;
let before: Map<string, string>;
let hostileBuild: BuildResult;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'archive-hostile-'));
  dist = join(work, 'site', 'dist');

  // The good corpus: the fixture corpus plus the hostile corpus's one acceptable file (BOM + CRLF).
  const good = join(work, 'good');
  cpSync(FIXTURE_CORPUS, good, { recursive: true });
  cpSync(join(HOSTILE, 'articles/2020/01/bom-and-crlf.md'), join(good, 'articles/2020/01/bom-and-crlf.md'));
  goodBuild = runBuildScript(good, dist);
  before = existsSync(dist) ? fingerprintTree(dist) : new Map();

  const hostile = join(work, 'hostile');
  cpSync(HOSTILE, hostile, { recursive: true });
  const header = '---\ntitle: "Ten megabytes"\nauthors: ["Hostile Tester"]\npublished: 2020-01-20\n---\n';
  const paragraph = `${'word '.repeat(99)}word\n\n`;
  const body = paragraph.repeat(Math.ceil(TEN_MB / paragraph.length)).slice(0, TEN_MB);
  writeFileSync(join(hostile, 'articles/2020/01/ten-megabytes.md'), header + body);
  const outside = join(work, 'outside.md');
  writeFileSync(
    outside,
    '---\ntitle: "Outside"\nauthors: ["Someone"]\npublished: 2020-01-19\n---\n\nNot ours.\n',
  );
  symlinkSync(outside, join(hostile, 'articles/2020/01/linked-outside.md'));
  hostileBuild = runBuildScript(hostile, dist);
}, 600_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The output line reporting `file` (path relative to the corpus). */
function reportLine(file: string): string | undefined {
  return hostileBuild.output.split('\n').find((l) => l.includes(`/hostile/articles/${file}`));
}

describe('a good build before the hostile one', () => {
  it('publishes the site, accepting a byte-order mark and CRLF line endings', () => {
    expect(goodBuild.status, goodBuild.output).toBe(0);
    expect(goodBuild.output).toContain(`build: published ${dist}`);
    const page = readFileSync(join(dist, 'articles/bom-and-crlf/index.html'), 'utf8');
    expect(page).toContain('Saved on Windows with a BOM');
    expect(page).toContain('a byte-order mark and CRLF line endings are accepted.');
    expect(existsSync(join(work, 'site', '.dist-staging'))).toBe(false);
  });
});

describe('a build of the hostile corpus', () => {
  const nextYear = new Date().getUTCFullYear() + 1;
  const expected: [file: string, where: string, message: string][] = [
    ['2020/01/invalid-yaml.md', ':2: error in frontmatter', 'invalid YAML: Missing closing "quote'],
    ['2020/01/alias-bomb.md', ':2: error in frontmatter', 'YAML aliases expand too far'],
    ['2020/01/frontmatter-list.md', ':2: error in frontmatter', 'must be a mapping of fields, found a list'],
    [
      '2020/01/frontmatter-scalar.md',
      ':2: error in frontmatter',
      'must be a mapping of fields, found a single value',
    ],
    ['2020/01/ten-megabytes.md', ':6: error in body', 'is 10.0 MB; the limit is 2 MB'],
    ['2020/01/non-utf8.md', ':7: error in file', 'is not valid UTF-8 text; save it as UTF-8'],
    ['2020/01/nul-byte.md', ':8: error in file', 'contains a NUL byte'],
    ['2020/01/Upper-Case.md', ': error in file', 'file name "Upper-Case.md" is not a valid slug'],
    [
      '2020/01/čevapi-in-sarajevo.md',
      ': error in file',
      'file name "čevapi-in-sarajevo.md" is not a valid slug',
    ],
    ['2020/01/linked-outside.md', ': error in file', 'is a symbolic link to '],
    ['2019/02/february-thirtieth.md', ':4: error in published', 'is not a real calendar date'],
    [
      '1899/05/before-nineteen-hundred.md',
      ':4: error in published',
      `year must be between 1900 and ${nextYear}`,
    ],
    ['2099/01/far-future.md', ':4: error in published', `year must be between 1900 and ${nextYear}`],
    [
      '2020/01/updated-before-published.md',
      ':5: error in updated',
      '2020-01-02 is before published (2020-01-18)',
    ],
  ];

  it('fails with a non-zero exit and says the published folder was left alone', () => {
    expect(hostileBuild.status).not.toBe(0);
    expect(hostileBuild.output).toContain(
      `build failed (astro build exited with 1); ${dist} was left unchanged`,
    );
  });

  it.each(expected)('names %s with its line and the problem', (file, where, message) => {
    const line = reportLine(file);
    expect(line, hostileBuild.output).toBeDefined();
    expect(line).toContain(`${file}${where}: `);
    expect(line).toContain(message);
  });

  it('reports every bad file in the one run, and nothing about the acceptable one', () => {
    expect(hostileBuild.output).toContain(
      `${expected.length} content error(s) in ${expected.length} file(s)`,
    );
    expect(hostileBuild.output).not.toContain('bom-and-crlf.md');
  });

  it('names where the symbolic link leads', () => {
    expect(reportLine('2020/01/linked-outside.md')).toContain(
      `is a symbolic link to ${join(work, 'outside.md')}, outside the content folder`,
    );
  });

  it('leaves the previous good build byte for byte as it was, with no staging folder behind', () => {
    expect(before.size).toBeGreaterThan(50);
    expect(fingerprintTree(dist)).toEqual(before);
    expect(existsSync(join(work, 'site', '.dist-staging'))).toBe(false);
  });
});
