import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { articleBody, parseArticleFile } from '../../src/lib/frontmatter.ts';

const CORPUS = join(import.meta.dirname, '../fixtures/corpus/articles');

describe('articleBody', () => {
  const files = readdirSync(CORPUS, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.md'));

  it('gives the body and first line that parsing the whole file gives', () => {
    expect(files.length).toBeGreaterThan(20);
    for (const file of files) {
      const text = readFileSync(join(CORPUS, file), 'utf8');
      for (const variant of [text, `\uFEFF${text.replace(/\n/g, '\r\n')}`]) {
        const parsed = parseArticleFile(variant);
        expect(articleBody(variant), file).toEqual({
          body: parsed.body,
          bodyStartLine: parsed.bodyStartLine,
        });
      }
    }
  });

  it('refuses a file without frontmatter rather than guess', () => {
    expect(() => articleBody('# Just Markdown\n')).toThrow(/no frontmatter/);
    expect(() => articleBody('---\ntitle: x\n')).toThrow(/no frontmatter/);
  });
});
