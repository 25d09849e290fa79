import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  finalDistDir,
  planBuildFolders,
  publishStaging,
  recoverInterruptedSwap,
  seedStaging,
} from '../../src/lib/atomic-dist.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'atomic-dist-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function site(path: string, text: string): void {
  mkdirSync(path, { recursive: true });
  writeFileSync(join(path, 'index.html'), text);
}

describe('build folders', () => {
  it('defaults to dist in the project, and honours ARCHIVE_DIST_DIR', () => {
    expect(finalDistDir({}, '/project')).toBe('/project/dist');
    expect(finalDistDir({ ARCHIVE_DIST_DIR: '/tmp/out/site' }, '/project')).toBe('/tmp/out/site');
  });

  it('stages beside the final folder, so the swap is a rename on one file system', () => {
    expect(planBuildFolders('/project/dist')).toEqual({
      final: '/project/dist',
      staging: '/project/.dist-staging',
      previous: '/project/.dist-previous',
    });
  });
});

describe('publishing a staged build', () => {
  it('replaces the old site with the new one and removes the old one afterwards', () => {
    const folders = planBuildFolders(join(dir, 'dist'));
    site(folders.final, 'old');
    site(folders.staging, 'new');
    publishStaging(folders);
    expect(readFileSync(join(folders.final, 'index.html'), 'utf8')).toBe('new');
    expect(existsSync(folders.staging)).toBe(false);
    expect(existsSync(folders.previous)).toBe(false);
  });

  it('publishes the first build when there is no site yet', () => {
    const folders = planBuildFolders(join(dir, 'dist'));
    site(folders.staging, 'first');
    publishStaging(folders);
    expect(readFileSync(join(folders.final, 'index.html'), 'utf8')).toBe('first');
  });

  it('keeps the old site when the staging folder cannot be moved in', () => {
    const folders = planBuildFolders(join(dir, 'dist'));
    site(folders.final, 'old');
    expect(() => publishStaging(folders)).toThrow();
    expect(readFileSync(join(folders.final, 'index.html'), 'utf8')).toBe('old');
  });

  it('puts the previous site back after a swap interrupted between its two renames', () => {
    const folders = planBuildFolders(join(dir, 'dist'));
    site(folders.previous, 'old');
    expect(recoverInterruptedSwap(folders)).toBe(true);
    expect(readFileSync(join(folders.final, 'index.html'), 'utf8')).toBe('old');
    expect(recoverInterruptedSwap(folders)).toBe(false);
  });
});

describe('seedStaging', () => {
  it('links the HTML pages of the published site into the staging folder, and nothing else', () => {
    const folders = planBuildFolders(join(dir, 'dist'));
    site(join(folders.final, 'articles', 'a'), 'page a');
    site(folders.final, 'home');
    writeFileSync(join(folders.final, 'rss.xml'), '<rss/>');
    expect(seedStaging(folders)).toBe(2);
    const linked = join(folders.staging, 'articles', 'a', 'index.html');
    expect(readFileSync(linked, 'utf8')).toBe('page a');
    expect(statSync(linked).ino).toBe(statSync(join(folders.final, 'articles', 'a', 'index.html')).ino);
    expect(existsSync(join(folders.staging, 'index.html'))).toBe(true);
    expect(existsSync(join(folders.staging, 'rss.xml'))).toBe(false);
  });

  it('links nothing when there is no published site yet', () => {
    const folders = planBuildFolders(join(dir, 'dist'));
    expect(seedStaging(folders)).toBe(0);
    expect(existsSync(folders.staging)).toBe(false);
  });
});
