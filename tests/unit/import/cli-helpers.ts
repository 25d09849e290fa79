/**
 * Runs the importer's real command line (Node 22 from node_modules, as
 * `npm run import` does) against temporary content roots.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';

export const REPO = resolve(import.meta.dirname, '../../..');
export const FIXTURES = join(REPO, 'tests/fixtures/import');
// A byte-exact copy of ../shared/seeds/000_6b7ba81664c089ef.txt, so the tests need nothing outside the repository.
export const SEED = resolve(REPO, 'tests/fixtures/seed/000_6b7ba81664c089ef.txt');
export const SEED_ARTICLE = join(
  REPO,
  'content/articles/2019/11/us-threatens-sanctions-on-serbia-scrambles-to-thwart-possible-russian-s-400.md',
);

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runImportCli(args: readonly string[], input?: Buffer | string): CliResult {
  const result = spawnSync(join(REPO, 'node_modules/.bin/node'), ['scripts/import.ts', ...args], {
    cwd: REPO,
    input,
    encoding: 'utf8',
    env: { ...process.env, ARCHIVE_CONTENT_DIR: '' },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const roots: string[] = [];

/** A fresh content root holding the repository's taxonomy files and no articles. */
export function makeContentRoot(): string {
  const root = mkdtempSync(join(tmpdir(), 'import-test-'));
  roots.push(root);
  for (const file of ['regions.yaml', 'themes.yaml', 'sources.yaml']) {
    copyFileSync(join(REPO, 'content', file), join(root, file));
  }
  return root;
}

export function removeContentRoots(): void {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
}

/** Every file under a root, relative path → content, for whole-tree comparisons. */
export function readTree(root: string): Map<string, string> {
  const tree = new Map<string, string>();
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else tree.set(relative(root, path), readFileSync(path, 'utf8'));
    }
  };
  walk(root);
  return tree;
}

/** The article files under a root, relative paths sorted. */
export function articleFiles(root: string): string[] {
  return [...readTree(root).keys()].filter((p) => p.startsWith('articles/')).sort();
}
