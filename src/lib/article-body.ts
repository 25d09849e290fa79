/**
 * Article bodies are read from disk when their page is built, not kept in the
 * content store: a build never needs the whole corpus's text in memory.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { contentRoot } from './content-root.ts';
import { articleBody } from './frontmatter.ts';
import { readRendered, renderCacheDir } from './render-cache.ts';
import { renderArticleMarkdown, type RenderedArticle } from '../markdown/render.ts';

export interface ArticleBody {
  body: string;
  bodyStartLine: number;
  /** Absolute path of the file, for messages. */
  file: string;
}

export async function readArticleBody(contentPath: string, root = contentRoot()): Promise<ArticleBody> {
  const file = resolve(root, contentPath);
  const parsed = articleBody(await readFile(file, 'utf8'));
  return { body: parsed.body, bodyStartLine: parsed.bodyStartLine, file };
}

/** Public URL of an article's image: https URLs as they are, relative files beside the article page. */
export function articleImageUrl(slug: string, src: string): string {
  if (/^https:\/\//.test(src)) return src;
  return `/articles/${slug}/${src.split('/').at(-1)}`;
}

/**
 * An article's rendered body: from the render cache, where the loader put it,
 * or rendered now if the cache was cleared while the build ran.
 */
export async function renderedArticleBody(article: {
  contentPath: string;
  renderKey: string;
  published: string;
}): Promise<RenderedArticle> {
  const cached = readRendered(renderCacheDir(), article.renderKey);
  if (cached) return cached;
  const { body, bodyStartLine, file } = await readArticleBody(article.contentPath);
  return renderArticleMarkdown(body, { file, bodyStartLine, published: article.published });
}
