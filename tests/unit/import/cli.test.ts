/**
 * The importer's command line, run for real against temporary content roots:
 * the fixtures of issue 5, exit codes, the summary line, and what is (or is
 * not) written.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseArticleFile } from '../../../src/lib/frontmatter.ts';
import { parseTaxonomy } from '../../../src/lib/taxonomy.ts';
import {
  articleFiles,
  FIXTURES,
  makeContentRoot,
  readTree,
  removeContentRoots,
  runImportCli,
  SEED,
} from './cli-helpers.ts';

afterAll(removeContentRoots);

const fixture = (path: string): string => join(FIXTURES, path);
const frontmatterOf = (root: string, path: string): Record<string, unknown> =>
  parseArticleFile(readFileSync(join(root, path), 'utf8')).data as Record<string, unknown>;

describe('npm run import: text fixtures', () => {
  it('reads several authors, linked or not, and the source URL from the source line', () => {
    const root = makeContentRoot();
    const result = runImportCli(['--out', root, fixture('text/several-authors.txt')]);
    expect(result.status).toBe(0);
    const path = 'articles/2021/03/belgrade-and-moscow-sign-gas-deal-as-vucic-courts-both-sides.md';
    expect(articleFiles(root)).toEqual([path]);
    const data = frontmatterOf(root, path);
    expect(data.authors).toEqual(['Jane Doe', 'Dragan Petrović', 'Zoran Đoković']);
    expect(data.source).toEqual({
      name: 'Balkan Insight',
      url: 'https://balkaninsight.com/2021/03/01/gas-deal/',
      published: '2021-03-01',
    });
    // The received copyright line is what the site derives: nothing to store.
    expect(data.copyright).toBeUndefined();
    const text = readFileSync(join(root, path), 'utf8');
    expect(text).toContain('> "We are a small country and we need friends everywhere," Vučić said.');
    expect(text).not.toContain('Note to readers');
  });

  it('imports an article without an original source, keeping its own copyright line', () => {
    const root = makeContentRoot();
    expect(runImportCli(['--out', root, fixture('text/no-source.txt')]).status).toBe(0);
    const data = frontmatterOf(root, 'articles/2020/02/the-hidden-cost-of-sanctions-on-ordinary-serbs.md');
    expect(data.source).toBeUndefined();
    expect(data.published).toBe('2020-02-05');
    expect(data.copyright).toEqual({ holder: 'Ana Kovač, Global Research', year: 2020 });
  });

  it('imports articles without regions or without themes', () => {
    const root = makeContentRoot();
    const result = runImportCli(['--out', root, fixture('text/no-region.txt'), fixture('text/no-theme.txt')]);
    expect(result.status).toBe(0);
    const noRegion = frontmatterOf(root, 'articles/2022/07/drone-strikes-rise-across-the-sahel.md');
    expect(noRegion.regions).toBeUndefined();
    expect(noRegion.themes).toEqual(['military', 'intelligence']);
    const noTheme = frontmatterOf(root, 'articles/2022/04/floods-displace-thousands-in-eastern-australia.md');
    expect(noTheme.regions).toEqual(['oceania']);
    expect(noTheme.themes).toBeUndefined();
    expect(noTheme.authors).toEqual(['Mark Hill', 'Sarah Lee']);
  });

  it('takes an "Image:" line before the closing boilerplate as the caption, and keeps one inside the body', () => {
    const root = makeContentRoot();
    expect(runImportCli(['--out', root, fixture('text/image-caption.txt')]).status).toBe(0);
    const path = 'articles/2019/11/pipeline-politics-in-the-eastern-mediterranean.md';
    const data = frontmatterOf(root, path);
    expect(data.image).toEqual({ caption: 'The route of the planned EastMed pipeline' });
    expect(data.source).toEqual({ name: 'Le Monde Diplomatique', published: '2019-11-02' });
    const body = parseArticleFile(readFileSync(join(root, path), 'utf8')).body;
    expect(body).toContain('Image: A gas platform off the coast of Cyprus (Source: Wikimedia Commons)');
    expect(body).not.toContain('EastMed');
  });

  it('gives the same file for a copy with Windows line endings and a byte-order mark', () => {
    const lf = makeContentRoot();
    const crlf = makeContentRoot();
    expect(readFileSync(fixture('text/crlf-bom.txt')).subarray(0, 3)).toEqual(
      Buffer.from([0xef, 0xbb, 0xbf]),
    );
    expect(runImportCli(['--out', lf, fixture('text/several-authors.txt')]).status).toBe(0);
    expect(runImportCli(['--out', crlf, fixture('text/crlf-bom.txt')]).status).toBe(0);
    const tree = readTree(crlf);
    expect(tree).toEqual(readTree(lf));
    for (const content of tree.values()) expect(content).not.toMatch(/\r|\uFEFF/);
  });
});

describe('npm run import: taxonomy terms', () => {
  it('fails on unknown region and theme names, naming the line and the closest ids', () => {
    const root = makeContentRoot();
    const regionsBefore = readFileSync(join(root, 'regions.yaml'), 'utf8');
    const result = runImportCli(['--out', root, fixture('text/unknown-terms.txt')]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(
      /unknown-terms\.txt:9: error in regions: unknown region "Balkans"; closest ids: /,
    );
    expect(result.stderr).toMatch(
      /unknown-terms\.txt:11: error in themes: unknown theme "Energy Geopolitics"/,
    );
    expect(result.stderr).toContain('--add-terms');
    expect(result.stdout).toContain('import: 0 written, 0 skipped, 1 failed');
    expect(articleFiles(root)).toEqual([]);
    expect(readFileSync(join(root, 'regions.yaml'), 'utf8')).toBe(regionsBefore);
  });

  it('with --add-terms, appends the new terms to the YAML files, keeping their text, and imports', () => {
    const root = makeContentRoot();
    const regionsBefore = readFileSync(join(root, 'regions.yaml'), 'utf8');
    const themesBefore = readFileSync(join(root, 'themes.yaml'), 'utf8');
    const result = runImportCli(['--out', root, '--add-terms', fixture('text/unknown-terms.txt')]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('added region "Balkans" as "balkans"');
    const regions = readFileSync(join(root, 'regions.yaml'), 'utf8');
    const themes = readFileSync(join(root, 'themes.yaml'), 'utf8');
    expect(regions).toBe(`${regionsBefore}- id: balkans\n  name: Balkans\n`);
    expect(themes).toBe(`${themesBefore}- id: energy-geopolitics\n  name: Energy Geopolitics\n`);
    expect(parseTaxonomy(regions, 'regions.yaml').problems).toEqual([]);
    const data = frontmatterOf(root, 'articles/2021/06/energy-corridors-reshape-the-balkans.md');
    expect(data.regions).toEqual(['europe', 'balkans']);
    expect(data.themes).toEqual(['military', 'energy-geopolitics']);

    // A second run finds the terms: nothing is appended twice.
    expect(
      runImportCli(['--out', root, '--add-terms', '--force', fixture('text/unknown-terms.txt')]).status,
    ).toBe(0);
    expect(readFileSync(join(root, 'regions.yaml'), 'utf8')).toBe(regions);
  });
});

describe('npm run import: existing slugs', () => {
  const seedPath =
    'articles/2019/11/us-threatens-sanctions-on-serbia-scrambles-to-thwart-possible-russian-s-400.md';

  it('reports an article imported before and writes nothing without --force', () => {
    const root = makeContentRoot();
    expect(runImportCli(['--out', root, SEED]).status).toBe(0);
    writeFileSync(
      join(root, seedPath),
      readFileSync(join(root, seedPath), 'utf8').replace('Zero Hedge', 'Edited'),
    );
    const edited = readFileSync(join(root, seedPath), 'utf8');

    const again = runImportCli(['--out', root, SEED]);
    expect(again.status).toBe(0);
    expect(again.stdout).toContain('already exists; use --force to overwrite it');
    expect(again.stdout).toContain('import: 0 written, 1 skipped, 0 failed');
    expect(readFileSync(join(root, seedPath), 'utf8')).toBe(edited);

    const forced = runImportCli(['--out', root, '--force', SEED]);
    expect(forced.status).toBe(0);
    expect(forced.stdout).toContain('import: 1 written, 0 skipped, 0 failed');
    expect(readFileSync(join(root, seedPath), 'utf8')).not.toBe(edited);
    expect(articleFiles(root)).toEqual([seedPath]);
  });

  it('appends the date when another article already uses the slug', () => {
    const root = makeContentRoot();
    expect(runImportCli(['--out', root, SEED]).status).toBe(0);
    const result = runImportCli(['--out', root, fixture('text/same-title-other-day.txt')]);
    expect(result.status).toBe(0);
    const dated =
      'articles/2019/11/us-threatens-sanctions-on-serbia-scrambles-to-thwart-possible-russian-2019-11-20.md';
    expect(articleFiles(root)).toEqual([dated, seedPath].sort());
    expect(dated.replace(/^.*\//, '').replace(/\.md$/, '').length).toBeLessThanOrEqual(80);
  });
});

describe('npm run import: broken inputs', () => {
  it('writes the good files of a folder, reports the broken one with its line, and exits non-zero', () => {
    const root = makeContentRoot();
    const result = runImportCli(['--out', root, fixture('folder')]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/folder\/03-broken\.txt:1: error in authors: no author found/);
    expect(result.stderr).toMatch(/folder\/03-broken\.txt:1: error in published: no archive line/);
    expect(result.stderr).not.toMatch(/0[124]-/);
    expect(result.stdout).toContain('import: 3 written, 0 skipped, 1 failed');
    expect(articleFiles(root)).toEqual([
      'articles/2022/04/floods-displace-thousands-in-eastern-australia.md',
      'articles/2022/07/drone-strikes-rise-across-the-sahel.md',
      'articles/2023/02/lodz-factory-strike-enters-second-week.md',
    ]);
  });

  it('reports an empty file', () => {
    const root = makeContentRoot();
    const result = runImportCli(['--out', root, fixture('empty.txt')]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/empty\.txt:1: error in file: is empty/);
    expect(result.stdout).toContain('import: 0 written, 0 skipped, 1 failed');
  });

  it('reports a binary file with the line of its first non-text byte', () => {
    const root = makeContentRoot();
    const result = runImportCli(['--out', root, fixture('binary.png')]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/binary\.png:3: error in file: contains NUL bytes/);
    expect(articleFiles(root)).toEqual([]);
  });

  it('reports a missing input and goes on with the others', () => {
    const root = makeContentRoot();
    const result = runImportCli(['--out', root, fixture('no-such-file.txt'), SEED]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/no-such-file\.txt: error in file: no such file or folder/);
    expect(result.stdout).toContain('import: 1 written, 0 skipped, 1 failed');
  });

  it('refuses bad options with a usage message and exit code 2', () => {
    expect(runImportCli([]).status).toBe(2);
    const bad = runImportCli(['--published', '2019-02-30', SEED]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--published must be a date');
    expect(runImportCli(['--nope', SEED]).status).toBe(2);
  });
});

describe('npm run import: --dry-run', () => {
  it('prints the file it would write and writes nothing, not even new terms', () => {
    const root = makeContentRoot();
    const before = readTree(root);
    const result = runImportCli([
      '--out',
      root,
      '--dry-run',
      '--add-terms',
      SEED,
      fixture('text/unknown-terms.txt'),
    ]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('would write');
    expect(result.stdout).toContain('title: "US Threatens Sanctions on Serbia');
    expect(result.stdout).toContain('would add region "Balkans" as "balkans"');
    expect(result.stdout).toContain('import: 2 written, 0 skipped, 0 failed (dry run: nothing was written)');
    expect(readTree(root)).toEqual(before);
    expect(existsSync(join(root, 'articles'))).toBe(false);
  });
});
