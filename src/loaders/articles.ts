/**
 * The articles loader: Astro's `glob()` loader with our own validation.
 *
 * Why not plain `glob()`: it stops at the first invalid entry, cannot check
 * taxonomy ids against the YAML vocabularies with suggestions, and stores every
 * body and its rendered HTML in the content store, which is bundled into the
 * build as one string and does not scale to 100,000 articles. This loader lets
 * `glob()` find and read the files and keep its digest-based caching, but
 *  - validates each file with the contract's schema (`src/lib/validate-article`),
 *    in worker threads that also render its body (`src/lib/render-pool.ts`),
 *    collecting every problem of every file and throwing one error at the end;
 *  - stores only frontmatter plus small derived values (summary, word count),
 *    never the body: article pages render their Markdown when they are built.
 */
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { glob } from 'astro/loaders';
import type { Loader, LoaderContext } from 'astro/loaders';
import { ContentValidationError, type ContentProblem } from '../lib/content-errors.ts';
import { storedArticleSchema, type StoredArticle } from '../lib/schema.ts';
import { loadVocabulary } from '../lib/content-root.ts';
import { displayPath } from '../lib/paths.ts';
import { firstInvalidUtf8Line, resolvesOutside } from '../lib/file-safety.ts';
import { isRendered, pipelineVersion, renderCacheDir } from '../lib/render-cache.ts';
import { RenderPool } from '../lib/render-pool.ts';

/** Key in the collection's meta store: the version under which the stored entries were validated. */
const VALIDATION_VERSION = 'validation-version';

const IMAGE_EXTENSIONS = ['png', 'jpg', 'jpeg', 'gif', 'webp', 'avif', 'svg'];

/**
 * The part of Astro's internal content entry type that glob() calls. Astro
 * passes `entryTypes` to loaders without declaring it on LoaderContext.
 */
interface EntryType {
  getEntryInfo(input: { contents: string; fileUrl: URL }):
    | Promise<{ data: Record<string, unknown>; body: string; slug: string; rawData: string }>
    | {
        data: Record<string, unknown>;
        body: string;
        slug: string;
        rawData: string;
      };
}

export function articlesLoader(options: { contentDir: string }): Loader {
  const contentDir = resolve(options.contentDir);
  const inner = glob({
    // Every file, so a stray `.markdown` or `.txt` is reported rather than lost; images
    // may sit beside their article (`image.src: photo.jpg`).
    pattern: ['articles/**/*', `!articles/**/*.{${IMAGE_EXTENSIONS.join(',')}}`],
    base: contentDir,
    retainBody: false,
    // The id is the file name: the contract makes it the permanent slug.
    generateId: ({ entry }) => entry.replace(/^.*\//, '').replace(/\.[^.]+$/, ''),
  });

  return {
    name: 'archive-articles',
    schema: storedArticleSchema,
    async load(context) {
      const problems: ContentProblem[] = [];
      const { vocabulary, problems: vocabularyProblems } = await loadVocabulary(contentDir);
      problems.push(...vocabularyProblems);

      const validated = new Map<string, unknown>();
      const markdownDir = fileURLToPath(new URL('src/markdown/', context.config.root));
      const version = await pipelineVersion(markdownDir);
      // What a file's validation depends on besides its own text: the
      // vocabularies, the validating code and the Markdown pipeline (through
      // the render key). A file whose text and path are unchanged since a
      // successful sync under the same version is not validated again (the
      // store only ever holds entries of a sync in which every file was valid,
      // because a failing sync clears it); checks across files still run.
      const validationVersion = [
        version,
        await pipelineVersion(fileURLToPath(new URL('src/lib/', context.config.root))),
        await pipelineVersion(fileURLToPath(new URL('src/loaders/', context.config.root))),
        JSON.stringify([[...vocabulary.regions].sort(), [...vocabulary.themes].sort()]),
      ].join('|');
      const reuseValidation = context.meta.get(VALIDATION_VERSION) === validationVersion;
      const root = fileURLToPath(context.config.root);
      let unchangedFiles = 0;
      /** The stored entry of a file whose text and path are what they were when it was last validated. */
      const unchangedEntry = (absolute: string, contents: string) => {
        const entry = context.store.get<StoredArticle>(absolute.replace(/^.*\//, '').replace(/\.[^.]+$/, ''));
        if (!entry?.filePath || !entry.digest || resolve(root, entry.filePath) !== absolute) return undefined;
        if (entry.digest !== context.generateDigest(contents)) return undefined;
        const { derived, ...data } = entry.data;
        return { slug: entry.id, data, derived };
      };
      const cacheDir = renderCacheDir();
      // Files are validated and their bodies rendered in worker threads, on every
      // core, while this thread reads the next files; pages only read the result.
      const renderPool = new RenderPool(resolve(markdownDir, 'render-worker.ts'), { vocabulary });
      const renderStarted = performance.now();
      const fileBySlug = new Map<string, string>();
      const display = displayPath;

      const markdown: EntryType = {
        async getEntryInfo({ contents, fileUrl }) {
          const absolute = fileURLToPath(fileUrl);
          const contentPath = relative(contentDir, absolute).split('\\').join('/');
          const linkTarget = resolvesOutside(absolute, contentDir);
          if (linkTarget) {
            problems.push({
              file: display(absolute),
              field: 'file',
              message: `is a symbolic link to ${linkTarget}, outside the content folder; links out of it are refused`,
              severity: 'error',
            });
            return { data: {}, body: '', slug: '', rawData: '' };
          }
          let text = contents;
          if (text.includes('\uFFFD')) {
            // glob() decoded the file leniently; only a strict decode tells real
            // U+FFFD characters from invalid bytes.
            const bytes = await readFile(absolute);
            try {
              text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
            } catch {
              problems.push({
                file: display(absolute),
                field: 'file',
                line: firstInvalidUtf8Line(bytes),
                message: 'is not valid UTF-8 text; save it as UTF-8',
                severity: 'error',
              });
              return { data: {}, body: '', slug: '', rawData: '' };
            }
          }
          const unchanged = reuseValidation ? unchangedEntry(absolute, contents) : undefined;
          if (unchanged) unchangedFiles++;
          const result = unchanged
            ? { article: unchanged, problems: [] }
            : await renderPool.validate({
                path: absolute,
                displayPath: display(absolute),
                contentPath,
                text,
                version,
                cacheDir,
              });
          problems.push(...result.problems);
          if (result.article) {
            const { slug, data, derived } = result.article;
            const earlier = fileBySlug.get(slug);
            if (earlier) {
              problems.push({
                file: display(absolute),
                field: 'file',
                message: `slug "${slug}" is already used by ${earlier}; slugs must be unique across all years`,
                severity: 'error',
              });
            } else if (data.image?.src && !data.image.src.startsWith('https://')) {
              // A relative image must exist: its page would otherwise show a broken image.
              const imagePath = resolve(dirname(absolute), data.image.src);
              if (
                !existsSync(imagePath) ||
                relative(contentDir, imagePath).startsWith('..') ||
                // An image linked from outside the content folder would be published with the page.
                resolvesOutside(imagePath, contentDir)
              ) {
                problems.push({
                  file: display(absolute),
                  field: 'image.src',
                  message: `"${data.image.src}" is not a file beside the article inside the content folder`,
                  severity: 'error',
                });
              }
            }
            if (!earlier) fileBySlug.set(slug, display(absolute));
            // A file validated in a worker had its body rendered there when it needed it.
            const key = derived.renderKey;
            validated.set(absolute, { ...data, derived });
            if (unchanged && !isRendered(cacheDir, key)) {
              renderPool.add({
                path: absolute,
                displayPath: display(absolute),
                published: data.published,
                key,
                cacheDir,
              });
            }
          }
          return { data: {}, body: '', slug: '', rawData: '' };
        },
      } satisfies EntryType;

      const entryTypes = new Map<string, EntryType>([['.md', markdown]]);
      // Any other file under articles/ is a mistake (a `.markdown` or `.txt` file would be lost).
      const unknownType = new Proxy(entryTypes, {
        get(target, prop, receiver) {
          if (prop === 'get') {
            return (ext: string) => {
              const known = target.get(ext);
              if (known) return known;
              return {
                getEntryInfo({ fileUrl }: { fileUrl: URL }) {
                  problems.push({
                    file: display(fileURLToPath(fileUrl)),
                    field: 'file',
                    message: 'only .md files may live under articles/',
                    severity: 'error',
                  });
                  return { data: {}, body: '', slug: '', rawData: '' };
                },
              } as unknown as EntryType;
            };
          }
          return Reflect.get(target, prop, receiver) as unknown;
        },
      });

      try {
        await inner.load({
          ...context,
          entryTypes: unknownType,
          parseData: async ({ filePath }) => (validated.get(resolve(filePath ?? '')) ?? {}) as never,
        } as LoaderContext);
      } catch (error) {
        await renderPool.finish({ abandon: true }).catch(() => undefined);
        throw error;
      }

      // Render errors (an unsafe link scheme, say) are reported with every other problem
      // instead of failing one page.
      const failures = await renderPool.finish();
      for (const { job, message } of failures) {
        problems.push({ file: job.displayPath, field: 'body', message, severity: 'error' });
      }
      if (renderPool.size > 0) {
        context.logger.info(
          `rendered ${renderPool.size} article bodies in ${Math.round(performance.now() - renderStarted)} ms`,
        );
      }

      if (unchangedFiles > 0) {
        context.logger.info(`${unchangedFiles} unchanged article files were not validated again`);
      }

      if (problems.some((p) => p.severity === 'error')) {
        context.store.clear();
        context.meta.delete(VALIDATION_VERSION);
        throw new ContentValidationError(problems);
      }
      // Set only when it changed: any change has Astro write the whole content store again.
      if (context.meta.get(VALIDATION_VERSION) !== validationVersion) {
        context.meta.set(VALIDATION_VERSION, validationVersion);
      }
    },
  };
}
