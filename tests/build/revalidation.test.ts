/**
 * A rebuild does not validate an unchanged article file again (the content
 * store keeps what its last successful validation produced), so these tests
 * check that nothing an unchanged file depends on slips through: a changed
 * vocabulary, a new file with the same slug, and a deleted image each fail
 * the rebuild and name the unchanged article.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCorpus, FIXTURE_CORPUS } from './fixture.ts';

/** What the loader says when it skipped validating unchanged files: the path these tests are about. */
const REUSED = /\d+ unchanged article files were not validated again/;
const ARTICLE = 'articles/2021/02/dokovic-wins-in-melbourne.md';

let work: string;
let corpus: string;

function build(): { status: number | null; output: string } {
  return buildCorpus(corpus, join(work, 'dist'), { ARCHIVE_CACHE_DIR: join(work, 'cache') });
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'archive-revalidation-'));
  corpus = join(work, 'content');
  cpSync(FIXTURE_CORPUS, corpus, { recursive: true });
  const first = build();
  if (first.status !== 0) throw new Error(`first build failed:\n${first.output}`);
}, 300_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Runs `change`, builds, undoes the change, and returns the build's result. */
function buildWith(file: string, change: (text: string) => string | undefined) {
  const path = join(corpus, file);
  const before = readFileSync(path);
  const after = change(before.toString('utf8'));
  if (after === undefined) rmSync(path);
  else writeFileSync(path, after);
  try {
    return build();
  } finally {
    writeFileSync(path, before);
  }
}

describe('a rebuild with unchanged article files', () => {
  it('does not validate them again', () => {
    const result = build();
    expect(result.status, result.output).toBe(0);
    const count = readdirSync(join(corpus, 'articles'), { recursive: true, encoding: 'utf8' }).filter((f) =>
      f.endsWith('.md'),
    ).length;
    expect(result.output).toContain(`${count} unchanged article files were not validated again`);
  }, 120_000);

  it('fails when the vocabulary drops a region an unchanged article uses', () => {
    const result = buildWith('regions.yaml', (text) => text.replace(/- id: oceania\n\s+name: Oceania\n/, ''));
    expect(result.status).not.toBe(0);
    const line = result.output.split('\n').find((l) => l.includes('dokovic-wins-in-melbourne.md'));
    expect(line, result.output).toMatch(/error in regions\[0\]: unknown region "oceania"/);
  }, 120_000);

  it('fails when a new file takes the slug of an unchanged one, naming both', () => {
    const copy = join(corpus, 'articles/2021/03/dokovic-wins-in-melbourne.md');
    mkdirSync(dirname(copy), { recursive: true });
    writeFileSync(
      copy,
      readFileSync(join(corpus, ARTICLE), 'utf8').replace('published: 2021-02-21', 'published: 2021-03-01'),
    );
    try {
      const result = build();
      expect(result.status).not.toBe(0);
      expect(result.output).toMatch(REUSED);
      expect(result.output).toMatch(
        /articles\/2021\/0[23]\/dokovic-wins-in-melbourne\.md.*slug "dokovic-wins-in-melbourne" is already used by .*articles\/2021\/0[23]\/dokovic-wins-in-melbourne\.md/,
      );
    } finally {
      rmSync(dirname(copy), { recursive: true });
    }
  }, 120_000);

  it("fails when an unchanged article's image is deleted", () => {
    const result = buildWith('articles/2021/02/melbourne-court.png', () => undefined);
    expect(result.status).not.toBe(0);
    expect(result.output).toMatch(REUSED);
    const line = result.output.split('\n').find((l) => l.includes('dokovic-wins-in-melbourne.md'));
    expect(line, result.output).toMatch(/error in image\.src: "melbourne-court\.png" is not a file/);
  }, 120_000);

  it('builds again once everything is restored', () => {
    const result = build();
    expect(result.status, result.output).toBe(0);
    expect(readFileSync(join(work, 'dist/articles/dokovic-wins-in-melbourne/index.html'), 'utf8')).toContain(
      'Melbourne',
    );
  }, 120_000);
});
