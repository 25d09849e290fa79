/**
 * The importer and the committed first article stay in step: importing the
 * seed must give the committed file byte for byte.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { convertDraft } from '../../../src/lib/import/convert.ts';
import { decodeInput } from '../../../src/lib/import/decode.ts';
import { readTextForm } from '../../../src/lib/import/text-form.ts';
import { parseTaxonomy } from '../../../src/lib/taxonomy.ts';
import { siteConfig } from '../../../src/site.config.ts';
import {
  articleFiles,
  makeContentRoot,
  readTree,
  REPO,
  removeContentRoots,
  runImportCli,
  SEED,
  SEED_ARTICLE,
} from './cli-helpers.ts';

afterAll(removeContentRoots);

const SEED_PATH =
  'articles/2019/11/us-threatens-sanctions-on-serbia-scrambles-to-thwart-possible-russian-s-400.md';

describe('importing the seed', () => {
  it('writes exactly the committed content file (command line)', () => {
    const root = makeContentRoot();
    const result = runImportCli(['--out', root, SEED]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('import: 1 written, 0 skipped, 0 failed');
    expect(articleFiles(root)).toEqual([SEED_PATH]);
    expect(readFileSync(join(root, SEED_PATH))).toEqual(readFileSync(SEED_ARTICLE));
  });

  it('gives the committed file through the library functions too', () => {
    const decoded = decodeInput(readFileSync(SEED), 'seed.txt');
    if (!('text' in decoded)) throw new Error(decoded.problem.message);
    expect(decoded.form).toBe('text');
    const read = readTextForm(decoded.text);
    expect(read.problems).toEqual([]);
    if (!read.draft) throw new Error('no draft');
    expect(read.draft.authors).toEqual(['Zero Hedge']);
    expect(read.draft.published).toBe('2019-11-18');
    expect(read.draft.source).toEqual({ name: 'Zero Hedge', published: '2019-11-10' });
    expect(read.draft.regionNames).toEqual(['Europe', 'Russia and FSU', 'USA']);
    expect(read.draft.themeNames).toEqual(['Intelligence', 'Military', 'Military and WMD']);
    expect(read.draft.image).toEqual({ caption: 'Vladimir Putin and Aleksandar Vučić, via EWB' });
    // The body ends before the lone "*" and none of the site's boilerplate is kept.
    expect(read.draft.body.endsWith('which has brought US-Turkey relations near breaking point.')).toBe(true);
    expect(read.draft.body).not.toMatch(/Note to readers|Disclaimer|Copyright|Articles by|fair use/);

    const taxonomy = (file: string) =>
      parseTaxonomy(readFileSync(join(REPO, 'content', file), 'utf8'), file).items;
    const converted = convertDraft(read.draft, {
      regions: taxonomy('regions.yaml'),
      themes: taxonomy('themes.yaml'),
      addTerms: false,
      siteName: siteConfig.name,
      lookup: () => undefined,
      bodyLinesMatchInput: true,
    });
    expect(converted.problems).toEqual([]);
    expect(converted.article?.contentPath).toBe(SEED_PATH);
    expect(converted.article?.content).toBe(readFileSync(SEED_ARTICLE, 'utf8'));
  });

  it('gives byte-identical output when the same input is imported twice', () => {
    const first = makeContentRoot();
    const second = makeContentRoot();
    expect(runImportCli(['--out', first, SEED]).status).toBe(0);
    expect(runImportCli(['--out', second, SEED]).status).toBe(0);
    // And once more over the first, with --force.
    expect(runImportCli(['--out', first, '--force', SEED]).status).toBe(0);
    expect(readTree(first)).toEqual(readTree(second));
  });

  it('reads standard input when the input is "-"', () => {
    const root = makeContentRoot();
    const result = runImportCli(['--out', root, '-'], readFileSync(SEED));
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('(from <stdin>)');
    expect(readFileSync(join(root, SEED_PATH))).toEqual(readFileSync(SEED_ARTICLE));
  });
});
