/**
 * Validates one article file against the content contract: its path, its
 * frontmatter (schema and taxonomy ids) and the link safety of its body.
 * Returns every problem found rather than stopping at the first.
 */
import type { z } from 'astro/zod';
import type { ContentProblem } from './content-errors.ts';
import { monthKey, yearOf } from './dates.ts';
import { parseArticleFile } from './frontmatter.ts';
import {
  articleFrontmatterSchema,
  FRONTMATTER_FIELDS,
  type ArticleDerived,
  type ArticleFrontmatter,
} from './schema.ts';
import { isValidSlug } from './slug.ts';
import { closestMatches } from './suggest.ts';
import type { Vocabulary } from './taxonomy.ts';
import { countWords, defaultSummary } from './text-stats.ts';
import { findUnsafeLinks } from '../markdown/link-targets.ts';

/** Largest accepted body: far above any news article, low enough to stop runaway files. */
export const MAX_BODY_BYTES = 2 * 1024 * 1024;

export interface ValidArticle {
  slug: string;
  data: ArticleFrontmatter;
  derived: ArticleDerived;
  body: string;
  bodyStartLine: number;
}

export interface ArticleValidation {
  article?: ValidArticle;
  problems: ContentProblem[];
}

export interface ArticleFileInput {
  /** Path shown in messages. */
  displayPath: string;
  /** Path relative to the content root, `articles/2019/11/slug.md`. */
  contentPath: string;
  text: string;
  vocabulary: Vocabulary;
}

const ARTICLE_PATH = /^articles\/(\d{4})\/(\d{2})\/([^/]+)\.md$/;

export function validateArticleFile(input: ArticleFileInput): ArticleValidation {
  const { displayPath: file, contentPath, text, vocabulary } = input;
  const problems: ContentProblem[] = [];
  const error = (field: string, message: string, line?: number): void => {
    problems.push({ file, field, line, message, severity: 'error' });
  };

  const pathMatch = ARTICLE_PATH.exec(contentPath);
  const slug = pathMatch?.[3] ?? contentPath.replace(/^.*\//, '').replace(/\.md$/, '');
  if (!pathMatch) {
    error('file', 'article files must live at articles/<YYYY>/<MM>/<slug>.md');
  }
  if (!isValidSlug(slug)) {
    error(
      'file',
      `file name "${slug}.md" is not a valid slug: use lowercase ASCII letters, digits and single hyphens`,
    );
  }

  const parsed = parseArticleFile(text);
  for (const e of parsed.errors) error(e.field, e.message, e.line);
  if (parsed.data === undefined) return { problems };

  if (Buffer.byteLength(parsed.body, 'utf8') > MAX_BODY_BYTES) {
    error(
      'body',
      `is ${(Buffer.byteLength(parsed.body, 'utf8') / 1048576).toFixed(1)} MB; the limit is ${MAX_BODY_BYTES / 1048576} MB`,
      parsed.bodyStartLine,
    );
  }

  const result = articleFrontmatterSchema.safeParse(parsed.data);
  if (!result.success) {
    for (const issue of result.error.issues) {
      for (const { field, message, path } of describeIssue(issue, parsed.data)) {
        error(field, message, parsed.lineOf(path));
      }
    }
  }

  const data = result.success ? result.data : undefined;
  // Taxonomy ids are checked even when other fields failed, so one run reports all.
  const raw = (typeof parsed.data === 'object' && parsed.data !== null ? parsed.data : {}) as Record<
    string,
    unknown
  >;
  checkTerms('regions', stringList(raw.regions), vocabulary.regions, parsed.lineOf, error);
  checkTerms('themes', stringList(raw.themes), vocabulary.themes, parsed.lineOf, error);
  if (data) {
    if (pathMatch) {
      const [, year, month] = pathMatch;
      if (Number(year) !== yearOf(data.published) || month !== monthKey(data.published)) {
        error(
          'published',
          `is ${data.published} but the file is under articles/${year}/${month}/; move it to articles/${data.published.slice(0, 4)}/${monthKey(data.published)}/`,
          parsed.lineOf(['published']),
        );
      }
    }
  }

  for (const link of findUnsafeLinks(parsed.body, parsed.bodyStartLine)) {
    error(
      'body',
      `link target uses the forbidden "${link.scheme}:" scheme: ${truncate(link.target)}`,
      link.line,
    );
  }

  if (problems.length > 0 || !data) return { problems };
  return {
    problems,
    article: {
      slug,
      data: {
        ...data,
        // A term listed twice is still one term.
        regions: [...new Set(data.regions)],
        themes: [...new Set(data.themes)],
      },
      derived: {
        summary: data.summary ?? defaultSummary(parsed.body),
        wordCount: countWords(parsed.body),
        contentPath,
        // Filled in by the loader, which knows the Markdown pipeline's version.
        renderKey: '',
      },
      body: parsed.body,
      bodyStartLine: parsed.bodyStartLine,
    },
  };
}

function stringList(value: unknown): (string | undefined)[] {
  return Array.isArray(value) ? value.map((v) => (typeof v === 'string' ? v : undefined)) : [];
}

function checkTerms(
  field: 'regions' | 'themes',
  ids: readonly (string | undefined)[],
  known: ReadonlySet<string>,
  lineOf: (path: (string | number)[]) => number | undefined,
  error: (field: string, message: string, line?: number) => void,
): void {
  const kind = field === 'regions' ? 'region' : 'theme';
  ids.forEach((id, index) => {
    // Non-strings and malformed ids are reported by the schema already.
    if (id === undefined || !/^[a-z0-9-]+$/.test(id) || known.has(id)) return;
    const closest = closestMatches(id, known);
    error(
      `${field}[${index}]`,
      `unknown ${kind} "${id}"` +
        (closest.length > 0
          ? `; closest valid ids: ${closest.join(', ')}`
          : `; ${field}.yaml lists no ${kind}s`),
      lineOf([field, index]),
    );
  });
}

interface DescribedIssue {
  field: string;
  message: string;
  path: (string | number)[];
}

function valueAt(data: unknown, path: readonly (string | number)[]): unknown {
  let value = data;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string | number, unknown>)[key];
  }
  return value;
}

function describeIssue(issue: z.core.$ZodIssue, data: unknown): DescribedIssue[] {
  const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => {
      const fullPath = [...path, key];
      const siblings = path.length === 0 ? FRONTMATTER_FIELDS : [];
      const hint = closestMatches(key, siblings, 1)[0];
      return {
        field: formatPath(fullPath),
        message: `unknown field "${key}"${hint ? `; did you mean "${hint}"?` : ''}`,
        path: fullPath,
      };
    });
  }
  const message =
    issue.code === 'invalid_type' && valueAt(data, path) === undefined ? 'is required' : issue.message;
  return [{ field: formatPath(path) || 'frontmatter', message, path }];
}

/** `['source', 'url']` → `source.url`; `['authors', 1]` → `authors[1]`. */
export function formatPath(path: readonly (string | number)[]): string {
  return path.reduce<string>(
    (acc, part) => (typeof part === 'number' ? `${acc}[${part}]` : acc ? `${acc}.${part}` : part),
    '',
  );
}

function truncate(value: string, max = 60): string {
  return value.length > max ? `${value.slice(0, max)}…` : value;
}
