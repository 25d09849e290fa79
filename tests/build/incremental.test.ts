/**
 * Incremental rebuilds (issue 7): after one article is edited, a rebuild
 * reuses every page whose cache key is unchanged, renders only the pages
 * that show the edited article, and writes exactly what a clean build of the
 * edited corpus writes, byte for byte.
 */
import { cpSync, linkSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fingerprintTree, runBuildScript } from './build-script.ts';
import { buildCorpus, FIXTURE_BUILD_ENV, FIXTURE_CORPUS } from './fixture.ts';

const EDITED = 'articles/2019/04/report-on-the-pipeline-question-part-4.md';
const EDITED_SLUG = 'report-on-the-pipeline-question-part-4';

let work: string;
let rebuiltLog: string;
let cleanLog: string;
let rebuilt: Map<string, string>;
let clean: Map<string, string>;

function build(corpus: string, dist: string, cache: string): string {
  const result = runBuildScript(corpus, dist, { ...FIXTURE_BUILD_ENV, ARCHIVE_CACHE_DIR: cache });
  if (result.status !== 0) throw new Error(`build of ${corpus} failed:\n${result.output}`);
  return result.output;
}

/** A new title and a longer body: changes the article page, its cards on listings and related blocks. */
function edit(corpus: string): void {
  const file = join(corpus, EDITED);
  const text = readFileSync(file, 'utf8')
    .replace(
      'title: "Report on the Pipeline Question, Part 4"',
      'title: "Pipeline Question, Part 4, Revised"',
    )
    .concat('\nA paragraph added by the editor, with several more words to count.\n');
  writeFileSync(file, text);
}

/**
 * A registry edit (a theme's description, shown on its pages): the content
 * store keeps unchanged registry entries, so a changed one must still reach
 * its pages.
 */
function editThemes(corpus: string): void {
  const file = join(corpus, 'themes.yaml');
  const before = readFileSync(file, 'utf8');
  const after = before.replace(
    'description: Armed forces, arms trade and weapons of mass destruction',
    'description: Armies, the arms trade and weapons of mass destruction',
  );
  if (after === before) throw new Error('themes.yaml of the fixture changed: update editThemes');
  writeFileSync(file, after);
}

/** An article other pages list as related, so deleting it changes them too. */
const DELETED =
  'articles/2019/11/us-threatens-sanctions-on-serbia-scrambles-to-thwart-possible-russian-s-400.md';
const DELETED_SLUG = 'us-threatens-sanctions-on-serbia-scrambles-to-thwart-possible-russian-s-400';

let publishedBefore: string;
let afterDeletion: Map<string, string>;
let cleanAfterDeletion: Map<string, string>;
let directAfterDeletion: Map<string, string>;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'archive-incremental-'));
  // The same content folder and caches, built, edited and built again, as an editor works.
  const corpus = join(work, 'editor', 'content');
  cpSync(FIXTURE_CORPUS, corpus, { recursive: true });
  const dist = join(work, 'editor', 'dist');
  build(corpus, dist, join(work, 'editor', 'cache'));
  // A second name for the published page: the rebuild must replace the page, never write into its file.
  publishedBefore = join(work, 'published-page.html');
  linkSync(join(dist, 'articles', EDITED_SLUG, 'index.html'), publishedBefore);
  edit(corpus);
  rebuiltLog = build(corpus, dist, join(work, 'editor', 'cache'));
  rebuilt = fingerprintTree(dist);

  // A clean build of the edited corpus: another folder, so no cache of the first is seen.
  const cleanCorpus = join(work, 'clean', 'content');
  cpSync(corpus, cleanCorpus, { recursive: true });
  const cleanDist = join(work, 'clean', 'dist');
  cleanLog = build(cleanCorpus, cleanDist, join(work, 'clean', 'cache'));
  clean = fingerprintTree(cleanDist);

  // The editor deletes an article, edits a theme and builds again; compared with a clean build of what is left.
  rmSync(join(corpus, DELETED));
  editThemes(corpus);
  build(corpus, dist, join(work, 'editor', 'cache'));
  afterDeletion = fingerprintTree(dist);
  const cleanDeletedCorpus = join(work, 'clean-deleted', 'content');
  cpSync(corpus, cleanDeletedCorpus, { recursive: true });
  const cleanDeletedDist = join(work, 'clean-deleted', 'dist');
  build(cleanDeletedCorpus, cleanDeletedDist, join(work, 'clean-deleted', 'cache'));
  cleanAfterDeletion = fingerprintTree(cleanDeletedDist);

  // `astro build` run twice into one folder (no staging folder), with the deletion between.
  const directCorpus = join(work, 'direct', 'content');
  cpSync(FIXTURE_CORPUS, directCorpus, { recursive: true });
  const directDist = join(work, 'direct', 'dist');
  const env = { ...FIXTURE_BUILD_ENV, ARCHIVE_CACHE_DIR: join(work, 'direct', 'cache') };
  for (const step of ['first', 'after deletion']) {
    if (step === 'after deletion') {
      edit(directCorpus);
      rmSync(join(directCorpus, DELETED));
      editThemes(directCorpus);
    }
    const result = buildCorpus(directCorpus, directDist, env);
    if (result.status !== 0) throw new Error(`direct build (${step}) failed:\n${result.output}`);
  }
  directAfterDeletion = fingerprintTree(directDist);
}, 900_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Pages the rebuild's log lists as rendered again, and as taken from the cache. */
function pagesIn(log: string): { rendered: string[]; reused: string[] } {
  const rendered: string[] = [];
  const reused: string[] = [];
  // Astro colours its log whatever FORCE_COLOR says.
  // eslint-disable-next-line no-control-regex
  for (const line of log.replace(/\x1b\[[0-9;]*m/g, '').split('\n')) {
    const match = /[├└]─ (\S+index\.html)\s*(\((?:cached|restored)\)|\(\+)/.exec(line);
    if (!match?.[1]) continue;
    (match[2]?.startsWith('(+') ? rendered : reused).push(`/${match[1].replace(/^\//, '')}`);
  }
  return { rendered, reused };
}

describe('a rebuild after editing one article', () => {
  it('writes exactly what a clean build of the edited corpus writes', () => {
    expect([...rebuilt.keys()]).toEqual([...clean.keys()]);
    const differing = [...clean].filter(([path, hash]) => rebuilt.get(path) !== hash).map(([path]) => path);
    expect(differing).toEqual([]);
  });

  it('leaves the file of the published page as it was, and publishes a new one', () => {
    expect(readFileSync(publishedBefore, 'utf8')).toContain('Report on the Pipeline Question, Part 4');
    expect(readFileSync(publishedBefore, 'utf8')).not.toContain('Revised');
  });

  it('renders the edited article again and reuses most other pages', () => {
    const { rendered, reused } = pagesIn(rebuiltLog);
    expect(rendered).toContain(`/articles/${EDITED_SLUG}/index.html`);
    expect(reused.length).toBeGreaterThan(rendered.length);
    // An article that neither is the edited one nor lists it among its related articles.
    expect(reused).toContain('/articles/lodz-film-school-turns-seventy/index.html');
  });
});

describe('search shards', () => {
  it('are indexed while pages render in a clean build, and none is built after the last page', () => {
    // eslint-disable-next-line no-control-regex
    const log = cleanLog.replace(/\x1b\[[0-9;]*m/g, '');
    const shards = [...log.matchAll(/\[search-index\] (shard-\d+) \(.*?\): \d+ pages, ([^\n]*?) in /g)];
    // The fixture's 30 published articles in shards of 5 (FIXTURE_BUILD_ENV).
    expect(shards.map(([, dir]) => dir).sort()).toEqual([
      'shard-0',
      'shard-1',
      'shard-2',
      'shard-3',
      'shard-4',
      'shard-5',
    ]);
    expect(shards.map(([, , how]) => how)).toEqual(Array(6).fill('indexed while pages rendered, copied'));
  });

  it("are found in the cache by a rebuild, except the edited article's", () => {
    // eslint-disable-next-line no-control-regex
    const log = rebuiltLog.replace(/\x1b\[[0-9;]*m/g, '');
    const how = [...log.matchAll(/\[search-index\] shard-\d+ \(.*?\): \d+ pages, ([^\n]*?) in /g)].map(
      ([, h]) => h,
    );
    expect(how.filter((h) => h === 'unchanged, copied from the cache')).toHaveLength(5);
    expect(how.filter((h) => h === 'indexed while pages rendered, copied')).toHaveLength(1);
  });
});

describe('a rebuild after deleting an article and editing a theme', () => {
  it("shows the theme's new description", () => {
    const page = readFileSync(
      join(work, 'editor', 'dist', 'themes', 'military-and-wmd', 'index.html'),
      'utf8',
    );
    expect(page).toContain('Armies, the arms trade and weapons of mass destruction');
    expect(page).not.toContain('Armed forces, arms trade');
  });

  it('writes exactly what a clean build writes: the page, its search record and its links are gone', () => {
    expect([...afterDeletion.keys()].filter((path) => path.includes(DELETED_SLUG))).toEqual([]);
    expect([...afterDeletion.keys()]).toEqual([...cleanAfterDeletion.keys()]);
    const differing = [...cleanAfterDeletion]
      .filter(([path, hash]) => afterDeletion.get(path) !== hash)
      .map(([path]) => path);
    expect(differing).toEqual([]);
  });

  it('does the same when `astro build` writes into the folder of its last build', () => {
    expect([...directAfterDeletion.keys()]).toEqual([...cleanAfterDeletion.keys()]);
    const differing = [...cleanAfterDeletion]
      .filter(([path, hash]) => directAfterDeletion.get(path) !== hash)
      .map(([path]) => path);
    expect(differing).toEqual([]);
  });
});
