/**
 * The editors' content check over a whole content root: every article file
 * validated exactly as the build validates it (validateArticleFile with the
 * registries of loadRegistries), then rendered with the build's own Markdown
 * pipeline to find link and HTML problems per line. Articles are handled one
 * at a time and only their findings are kept, so the check runs in flat
 * memory on any size of archive.
 */
import type { Dirent } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { loadRegistries } from './content-root.ts';
import type { ContentProblem } from './content-errors.ts';
import { parseArticleFile } from './frontmatter.ts';
import { linkProblems } from './link-problems.ts';
import { displayPath } from './paths.ts';
import type { ArticleFrontmatter, Publication } from './schema.ts';
import { validateArticleFile } from './validate-article.ts';
import { analyseArticleMarkdown, ArticleBodyError, type AnalysedArticle } from '../markdown/render.ts';

/** One valid article with what the renderer found in it (no HTML kept). */
export interface CheckedArticle {
  file: string;
  slug: string;
  data: ArticleFrontmatter;
  analysis: Omit<AnalysedArticle, 'html'>;
  /** Line of the `source` field, when there is one. */
  sourceLine?: number | undefined;
}

export interface ContentScan {
  /** Article files looked at. */
  files: number;
  problems: ContentProblem[];
  publications: Publication[];
}

/** Every file under `articles/`, sorted so reports are stable across runs. */
async function articleFiles(root: string): Promise<Dirent[]> {
  let entries: Dirent[];
  try {
    entries = await readdir(join(root, 'articles'), { recursive: true, withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return entries
    .filter((e) => !e.isDirectory())
    .sort((a, b) => join(a.parentPath, a.name).localeCompare(join(b.parentPath, b.name)));
}

/**
 * Checks every article under `root`. `onArticle` receives each valid article's
 * findings (the sources report aggregates them); problems are returned.
 */
export async function scanContent(
  root: string,
  onArticle?: (article: CheckedArticle) => void,
): Promise<ContentScan> {
  const registries = await loadRegistries(root);
  const problems: ContentProblem[] = [...registries.problems];
  const vocabulary = {
    regions: new Set(registries.regions.map((r) => r.id)),
    themes: new Set(registries.themes.map((t) => t.id)),
  };
  const fileBySlug = new Map<string, string>();
  let files = 0;

  for (const entry of await articleFiles(root)) {
    const absolute = join(entry.parentPath, entry.name);
    const file = displayPath(absolute);
    const error = (field: string, message: string, line?: number): void => {
      problems.push({ file, field, message, severity: 'error', ...(line === undefined ? {} : { line }) });
    };
    if (!entry.name.endsWith('.md')) {
      error('file', 'only .md files may live under articles/');
      continue;
    }
    files++;
    if (entry.isSymbolicLink()) {
      error('file', 'is a symbolic link; article files must be regular files inside the content folder');
      continue;
    }
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(await readFile(absolute));
    } catch {
      error('file', 'is not valid UTF-8 text; save it as UTF-8');
      continue;
    }
    const contentPath = relative(root, absolute).split('\\').join('/');
    const result = validateArticleFile({ displayPath: file, contentPath, text, vocabulary });
    problems.push(...result.problems);
    const article = result.article;
    if (!article) continue;

    const earlier = fileBySlug.get(article.slug);
    if (earlier) {
      error(
        'file',
        `slug "${article.slug}" is already used by ${earlier}; slugs must be unique across all years`,
      );
    } else {
      fileBySlug.set(article.slug, file);
    }

    let analysed: AnalysedArticle;
    try {
      analysed = await analyseArticleMarkdown(article.body, {
        file,
        bodyStartLine: article.bodyStartLine,
        published: article.data.published,
      });
    } catch (failure) {
      if (failure instanceof ArticleBodyError) error('body', failure.reason, failure.line);
      else error('body', `could not be rendered: ${(failure as Error).message}`);
      continue;
    }
    const sourceLine = article.data.source ? parseArticleFile(text).lineOf(['source']) : undefined;
    problems.push(...linkProblems({ file, data: article.data, analysed, sourceLine }));
    if (onArticle) {
      const { html: _html, ...analysis } = analysed;
      onArticle({ file, slug: article.slug, data: article.data, analysis, sourceLine });
    }
  }
  return { files, problems, publications: registries.publications };
}

export interface ProblemCounts {
  errors: number;
  warnings: number;
}

export function countProblems(problems: readonly ContentProblem[]): ProblemCounts {
  const errors = problems.filter((p) => p.severity === 'error').length;
  return { errors, warnings: problems.length - errors };
}

/** `check:content: 1 file(s), 0 error(s), 4 warning(s)` */
export function summaryLine(files: number, counts: ProblemCounts): string {
  return `check:content: ${files} file(s), ${counts.errors} error(s), ${counts.warnings} warning(s)`;
}
