/**
 * A worker thread of the article pool (src/lib/render-pool.ts). It takes two
 * kinds of job:
 *
 *  - validate: checks one article file's text against the contract and, when
 *    it is valid and its body is not in the render cache yet, renders the
 *    body into the cache. The loader's thread only reads files and stores the
 *    results: validation on that thread (YAML, schema, word counts) kept it
 *    busy while the workers waited for it, half of the time once Markdown
 *    became cheap.
 *  - render: reads an article file whose validation was kept from an earlier
 *    build and renders its body. Reading the file here, rather than receiving
 *    its text, keeps bodies out of the main thread's memory.
 */
import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { articleBody } from '../lib/frontmatter.ts';
import { isRendered, renderKey, writeRendered } from '../lib/render-cache.ts';
import type { ArticleDerived, ArticleFrontmatter } from '../lib/schema.ts';
import type { ContentProblem } from '../lib/content-errors.ts';
import { validateArticleFile } from '../lib/validate-article.ts';
import type { Vocabulary } from '../lib/taxonomy.ts';
import { renderArticleMarkdown } from './render.ts';

/** What a worker is started with: the vocabularies every file is checked against. */
export interface ArticleWorkerData {
  regions: string[];
  themes: string[];
}

export interface RenderTask {
  kind: 'render';
  id: number;
  /** Absolute path of the article file. */
  path: string;
  /** Path named in error messages. */
  displayPath: string;
  published: string;
  key: string;
  cacheDir: string;
}

export interface ValidateTask {
  kind: 'validate';
  id: number;
  /** Absolute path of the article file. */
  path: string;
  /** Path named in error messages. */
  displayPath: string;
  /** Path relative to the content root, `articles/2019/11/slug.md`. */
  contentPath: string;
  /** The file's text. */
  text: string;
  /** The Markdown pipeline's version, part of every render key. */
  version: string;
  cacheDir: string;
}

export type ArticleTask = RenderTask | ValidateTask;

/** A valid article as the content store keeps it: no body. */
export interface ValidatedArticle {
  slug: string;
  data: ArticleFrontmatter;
  /** With its `renderKey`. */
  derived: ArticleDerived;
}

export interface RenderOutcome {
  id: number;
  /** Why the body could not be rendered (an unsafe link scheme, say). */
  error?: string;
}

export interface ValidateOutcome {
  id: number;
  problems: ContentProblem[];
  article?: ValidatedArticle;
  /** Whether the body was rendered into the cache by this job. */
  rendered: boolean;
  /** Why the body could not be rendered. */
  renderError?: string;
  /** A failure of the worker itself, not of the file. */
  error?: string;
}

const { regions, themes } = (workerData ?? { regions: [], themes: [] }) as ArticleWorkerData;
const vocabulary: Vocabulary = { regions: new Set(regions), themes: new Set(themes) };

/** Renders `body` into the render cache under `key`; resolves with why it could not, if it could not. */
async function renderInto(
  cacheDir: string,
  key: string,
  body: string,
  options: { file: string; bodyStartLine: number; published: string },
): Promise<string | undefined> {
  try {
    writeRendered(cacheDir, key, await renderArticleMarkdown(body, options));
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

async function render(task: RenderTask): Promise<RenderOutcome> {
  try {
    const parsed = articleBody(readFileSync(task.path, 'utf8'));
    const error = await renderInto(task.cacheDir, task.key, parsed.body, {
      file: task.displayPath,
      bodyStartLine: parsed.bodyStartLine,
      published: task.published,
    });
    return error === undefined ? { id: task.id } : { id: task.id, error };
  } catch (error) {
    return { id: task.id, error: (error as Error).message };
  }
}

async function validate(task: ValidateTask): Promise<ValidateOutcome> {
  try {
    const { problems, article } = validateArticleFile({
      displayPath: task.displayPath,
      contentPath: task.contentPath,
      text: task.text,
      vocabulary,
    });
    if (!article) return { id: task.id, problems, rendered: false };
    const { slug, data, derived, body, bodyStartLine } = article;
    const key = renderKey(body, data.published, task.version);
    const stored: ValidatedArticle = { slug, data, derived: { ...derived, renderKey: key } };
    if (isRendered(task.cacheDir, key)) return { id: task.id, problems, article: stored, rendered: false };
    const renderError = await renderInto(task.cacheDir, key, body, {
      file: task.displayPath,
      bodyStartLine,
      published: data.published,
    });
    return {
      id: task.id,
      problems,
      article: stored,
      rendered: true,
      ...(renderError === undefined ? {} : { renderError }),
    };
  } catch (error) {
    return { id: task.id, problems: [], rendered: false, error: (error as Error).message };
  }
}

parentPort?.on('message', (task: ArticleTask) => {
  void (task.kind === 'validate' ? validate(task) : render(task)).then((outcome) =>
    parentPort?.postMessage(outcome),
  );
});
