/**
 * Article bodies are read from disk when their page is built, not kept in the
 * content store: a build never needs the whole corpus's text in memory.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { contentRoot } from './content-root.ts';
import { parseArticleFile } from './frontmatter.ts';

export interface ArticleBody {
  body: string;
  bodyStartLine: number;
  /** Absolute path of the file, for messages. */
  file: string;
}

export async function readArticleBody(contentPath: string, root = contentRoot()): Promise<ArticleBody> {
  const file = resolve(root, contentPath);
  const parsed = parseArticleFile(await readFile(file, 'utf8'));
  return { body: parsed.body, bodyStartLine: parsed.bodyStartLine, file };
}

/** Public URL of an article's image: https URLs as they are, relative files beside the article page. */
export function articleImageUrl(slug: string, src: string): string {
  if (/^https:\/\//.test(src)) return src;
  return `/articles/${slug}/${src.split('/').at(-1)}`;
}
