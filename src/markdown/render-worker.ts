/**
 * A worker thread of the render pool: reads an article file, renders its body
 * and stores the result in the render cache. Reading the file here, rather than
 * receiving its text, keeps bodies out of the main thread's memory.
 */
import { readFile } from 'node:fs/promises';
import { parentPort } from 'node:worker_threads';
import { articleBody } from '../lib/frontmatter.ts';
import { writeRendered } from '../lib/render-cache.ts';
import { renderArticleMarkdown } from './render.ts';

export interface RenderTask {
  id: number;
  /** Absolute path of the article file. */
  path: string;
  /** Path named in error messages. */
  displayPath: string;
  published: string;
  key: string;
  cacheDir: string;
}

export interface RenderOutcome {
  id: number;
  error?: string;
}

parentPort?.on('message', (task: RenderTask) => {
  void (async (): Promise<RenderOutcome> => {
    try {
      const parsed = articleBody(await readFile(task.path, 'utf8'));
      const rendered = await renderArticleMarkdown(parsed.body, {
        file: task.displayPath,
        bodyStartLine: parsed.bodyStartLine,
        published: task.published,
      });
      await writeRendered(task.cacheDir, task.key, rendered);
      return { id: task.id };
    } catch (error) {
      return { id: task.id, error: (error as Error).message };
    }
  })().then((outcome) => parentPort?.postMessage(outcome));
});
