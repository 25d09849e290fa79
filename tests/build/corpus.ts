/**
 * The fixture corpus read straight from its files (not through the site), so
 * build tests compare the site against an independent reading of the content.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { FIXTURE_CORPUS } from './fixture.ts';

export interface FixtureArticle {
  slug: string;
  file: string;
  data: {
    title: string;
    authors: string[];
    published: string;
    source?: { name: string; url?: string; published?: string };
    regions?: string[];
    themes?: string[];
    draft?: boolean;
  };
  body: string;
}

export function readFixtureArticles(root = FIXTURE_CORPUS): FixtureArticle[] {
  const dir = join(root, 'articles');
  return (readdirSync(dir, { recursive: true }) as string[])
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => {
      const text = readFileSync(join(dir, f), 'utf8');
      const [, yamlText = '', body = ''] = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text) ?? [];
      return {
        slug: f.replace(/^.*\//, '').replace(/\.md$/, ''),
        file: f,
        data: parseYaml(yamlText, { schema: 'core' }) as FixtureArticle['data'],
        body: body.trim(),
      };
    });
}
